/** Unit tests of SMP's building blocks on small cases checked by hand. */
import { describe, expect, it } from "vitest";
import { averageBargains, interpolateBargain } from "../../src/models/smp/bargain.js";
import { bestTarget, challengeValue, chooseTarget, chosen as chosenEstimate, PerspectiveUtilities, type ChallengeContext } from "../../src/models/smp/challenge.js";
import { conditionalPce, markovIncentivePce, markovUniformPce, pce } from "../../src/models/smp/pce.js";
import { classifyPositions, shouldStop, stopReasonAfter, totalMovement } from "../../src/models/smp/report.js";
import { drawIndex, indexOfMaximum } from "../../src/models/smp/resolution.js";
import { perceivedRisk, riskAttitudes } from "../../src/models/smp/risk.js";
import { riskUtility, roundTo4Decimals, weightedDistance, weightedDistancePair } from "../../src/models/smp/utility.js";
import { coalitionMatrix, victoryMatrix, victoryProbability, vote } from "../../src/models/smp/votes.js";
import { ModelError } from "../../src/models/types.js";
import { createRng } from "../../src/random.js";

const f64 = (...values: number[]): Float64Array => Float64Array.from(values);

describe("distance and utility", () => {
  it("weights differences by salience and normalises by the salience norm", () => {
    // num = (0.3·−0.3)² + (0.4·0.4)² = 0.0337, den = 0.25
    const d = weightedDistance(f64(0.2, 0.8), f64(0.3, 0.4), 0.25, 0, f64(0.5, 0.4), 0, 2);
    expect(d).toBeCloseTo(Math.sqrt(0.1348), 14);
  });

  it("measures two points at once bit for bit as one at a time", () => {
    const uniform = createRng(7);
    for (const dims of [1, 2, 9, 30]) {
      const ideals = Float64Array.from({ length: 3 * dims }, () => uniform());
      const saliences = Float64Array.from({ length: 3 * dims }, () => uniform());
      const points = Float64Array.from({ length: 4 * dims }, () => uniform());
      const other = Float64Array.from({ length: dims }, () => uniform());
      for (let a = 0; a < 3; a++) {
        let squareSum = 0;
        for (let k = 0; k < dims; k++) squareSum += (saliences[a * dims + k] as number) ** 2;
        const out = new Float64Array(2);
        weightedDistancePair(ideals, saliences, squareSum, a, points, 2 * dims, other, 0, dims, out);
        expect([out[0], out[1]]).toEqual([
          weightedDistance(ideals, saliences, squareSum, a, points, 2 * dims, dims),
          weightedDistance(ideals, saliences, squareSum, a, other, 0, dims),
        ]);
      }
    }
  });

  it("reduces to |ι − p| on one dimension", () => {
    expect(weightedDistance(f64(0.7), f64(0.4), 0.16, 0, f64(0.2), 0, 1)).toBeCloseTo(0.5, 14);
  });

  it("U(d;R) = (1−d)(1+dR) up to d = 1, (1−d)(1+R) beyond", () => {
    expect(riskUtility(0.5, 1)).toBeCloseTo(0.75, 15);
    expect(riskUtility(0.5, 0)).toBeCloseTo(0.5, 15);
    expect(riskUtility(0.5, -0.5)).toBeCloseTo(0.375, 15);
    expect(riskUtility(1.2, 1)).toBeCloseTo(-0.4, 15);
  });

  it("rounds bargains to 4 decimals, half up", () => {
    expect(roundTo4Decimals(0.123449)).toBe(0.1234);
    expect(roundTo4Decimals(0.12345)).toBe(0.1235);
  });
});

describe("votes", () => {
  const w = 2;
  it.each([
    ["Prop", 0.6],
    ["PropCbc", 2 * (0.15 + 0.5 * 0.027)],
    ["Cubic", 0.054],
    ["Binary", 2],
    ["PropBin", 2 * (0.8 * 0.3 + 0.2)],
    ["ASymProsp", (2 * 2 * 0.3) / 3],
  ] as const)("%s gives %f for du = 0.3", (rule, expected) => {
    expect(vote(rule, w, 0.7, 0.4)).toBeCloseTo(expected, 12);
  });

  it("Binary interpolates within 1e-8 and ASymProsp counts losses fully", () => {
    expect(vote("Binary", 2, 5e-9, 0)).toBeCloseTo(1, 12);
    expect(vote("ASymProsp", 2, 0.4, 0.7)).toBeCloseTo(-0.6, 12);
    expect(vote("ASymProsp", 2, 0.4, 0.4)).toBe(0);
  });
});

describe("victory probabilities and coalitions", () => {
  it.each([
    ["Linear", 0.75],
    ["Square", 0.9],
    ["Quartic", 81 / 82],
    ["Octic", 6561 / 6562],
    ["Binary", 1 / (1 + 1e-6)],
  ] as const)("%s: P(3 vs 1) = %f", (model, expected) => {
    expect(victoryProbability(model, 3, 1)).toBeCloseTo(expected, 12);
  });

  it("Binary interpolates below a 10% edge", () => {
    const share = 1.05 / 2.05;
    expect(victoryProbability("Binary", 1.05, 1)).toBeCloseTo((2.1 * share - 1) / 0.1, 12);
    expect(victoryProbability("Binary", 1, 1)).toBeCloseTo(0.5, 12);
  });

  it("sums positive votes per side on top of 1e-8", () => {
    // voters × options: voter 0 prefers option 0 by 1 (weight 1); voter 1 prefers option 1 by 0.5 (weight 4)
    const c = coalitionMatrix("Prop", f64(1, 4), f64(1, 0, 0, 0.5), 2, 2);
    expect(c[1 * 2 + 0]).toBeCloseTo(1e-8 + 2, 12); // C(1:0)
    expect(c[0 * 2 + 1]).toBeCloseTo(1e-8 + 1, 12); // C(0:1)
    expect(c[0]).toBe(1e-8);
    const p = victoryMatrix("Linear", c, 2);
    expect(p[1 * 2 + 0]).toBeCloseTo(2 / 3, 8);
    expect((p[1] as number) + (p[2] as number)).toBeCloseTo(1, 15);
    expect(p[0]).toBe(0.5);
  });
});

describe("PCE variants", () => {
  const victory = f64(0.5, 0.75, 0.25, 0.5);
  it("Conditional: π ∝ Π_b P(a>b)", () => {
    const pi = conditionalPce(victory, 2);
    expect(pi[0]).toBeCloseTo(0.75, 14);
    expect(pi[1]).toBeCloseTo(0.25, 14);
  });

  it("MarkovUniform converges to the fixed point π₀ = 0.5π₀ + 0.375", () => {
    expect(markovUniformPce(victory, 2)[0]).toBeCloseTo(0.75, 5);
  });

  it("MarkovIncentive: challenges follow incentive C·P", () => {
    const coalitions = f64(1e-8, 3, 1, 1e-8);
    const pi = markovIncentivePce(coalitions, victoryMatrix("Linear", coalitions, 2), 2);
    expect(pi[0]).toBeCloseTo(0.75, 6);
    expect((pi[0] as number) + (pi[1] as number)).toBeCloseTo(1, 12);
  });

  it("all three agree that a dominated option is unlikely", () => {
    // 3 voters all prefer option 0 over 1 over 2
    const utilities = f64(1, 0.5, 0, 1, 0.6, 0.1, 0.9, 0.5, 0.2);
    for (const model of ["Conditional", "MarkovUniform", "MarkovIncentive"] as const) {
      const pi = pce({ VotingRule: "Prop", VictoryProbModel: "Linear", PCEModel: model }, f64(1, 1, 1), utilities, 3, 3);
      expect(indexOfMaximum(pi), model).toBe(0);
      expect(pi.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 8);
    }
  });
});

describe("risk attitudes", () => {
  const pi = f64(0.5, 0.3, 0.2);
  it.each([
    ["Mid", [1, 0, -0.5]],
    ["Min", [1, 1 / 3, 0]],
    ["Max", [1, -1 / 3, -1]],
  ] as const)("BigRRange %s", (range, expected) => {
    const r = riskAttitudes(pi, range);
    expected.forEach((value, i) => expect(r[i]).toBeCloseTo(value, 12));
  });

  it("refuses equal probabilities with a ModelError", () => {
    expect(() => riskAttitudes(f64(1 / 3, 1 / 3, 1 / 3), "Mid")).toThrow(ModelError);
  });

  it.each([
    ["None", 1],
    ["OneThird", 0.5],
    ["Half", 0.25],
    ["TwoThirds", 0],
    ["Full", -0.5],
  ] as const)("BigRAdjust %s: h (R=1) sees i (R=−½) as %f", (adjust, expected) => {
    expect(perceivedRisk(1, -0.5, adjust)).toBeCloseTo(expected, 14);
  });
});

/**
 * Every challenge of actor i evaluated in full from its own perspective: the best gain (lowest index on
 * ties), its estimate, and how many gains were negative.
 */
function fullScan(ctx: ChallengeContext, view: PerspectiveUtilities, i: number) {
  let best = -1;
  let bestEstimate = { probability: 0, expectedGain: 0 };
  let negatives = 0;
  for (let j = 0; j < ctx.actors; j++) {
    if (j === i) continue;
    const estimate = challengeValue(ctx, view.viewFrom(i), i, i, j);
    if (estimate.expectedGain < 0) negatives++;
    if (best < 0 || estimate.expectedGain > bestEstimate.expectedGain) {
      best = j;
      bestEstimate = estimate;
    }
  }
  return { best, bestEstimate, negatives };
}

describe("probEdu and target choice", () => {
  // D[q][x]: U = 1 − D with risk 0. U[0] = [1, .4, .7], U[1] = [.4, 1, .6], U[2] = [.5, .8, 1]
  const distances = [
    [0, 0.6, 0.3],
    [0.6, 0, 0.4],
    [0.5, 0.2, 0],
  ];
  const byPosition = new Float64Array(9);
  distances.forEach((row, q) => row.forEach((d, x) => (byPosition[x * 3 + q] = d)));
  const view = new PerspectiveUtilities(3, byPosition, f64(0, 0, 0), "None").viewFrom(0);
  const context = (commit: "SemiCommit" | "NoCommit"): ChallengeContext => ({
    actors: 3,
    challengeWeights: f64(1, 1, 1),
    totalSaliences: f64(0.5, 0.5, 0.5),
    votingRule: "Prop",
    thirdPartyCommit: commit,
  });

  it("SemiCommit: the third party's little contest tips P to 0.68/1.28", () => {
    // principals 0.6 : 0.6; q=2: p = 0.4, V1 = 2.24, V2 = 2.16, t = +0.08
    const estimate = challengeValue(context("SemiCommit"), view, 0, 0, 1);
    expect(estimate.probability).toBeCloseTo(0.68 / 1.28, 9);
    expect(estimate.expectedGain).toBeCloseTo(0.31875, 9); // = Δ(1 − 2S(1−P)) with Δ = 0.6
  });

  it("NoCommit: third parties do not weigh in", () => {
    const estimate = challengeValue(context("NoCommit"), view, 0, 0, 1);
    expect(estimate.probability).toBeCloseTo(0.5, 9);
    expect(estimate.expectedGain).toBeCloseTo(0.3, 9);
  });

  it("chooses the best gain above 1e-5, the same as a full scan", () => {
    const ctx = context("SemiCommit");
    const choice = chooseTarget(ctx, view, 0);
    const gains = [1, 2].map((j) => challengeValue(ctx, view, 0, 0, j).expectedGain);
    expect(choice?.target).toBe((gains[0] as number) >= (gains[1] as number) ? 1 : 2);
  });

  // Target choice skips challenges, and stops others part-way, once bounds prove they cannot win: the
  // choice and its estimate must be those of evaluating every challenge in full. Random distances up to
  // 1.3 (beyond 1, where U changes form) and, in half the cases, ideals off the actors' own positions
  // (D_qq > 0, so U_qq < 1), with risk attitudes over the whole of [−1, 1].
  it.each([
    [5, 0.0, "OneThird"],
    [12, 0.3, "Half"],
    [32, 0.2, "Full"],
    [60, 0.0, "OneThird"],
    [60, 0.3, "Full"],
    [140, 0.0, "OneThird"],
    [140, 0.2, "None"],
  ] as const)("on %i actors (ideals off by up to %f), the same choice as evaluating every challenge", (n, offIdeal, adjust) => {
    const uniform = createRng(n + 1000 * offIdeal);
    const byPosition = new Float64Array(n * n);
    for (let q = 0; q < n; q++) {
      for (let x = 0; x < n; x++) byPosition[x * n + q] = q === x ? offIdeal * uniform() : 1.3 * uniform() * uniform();
    }
    const risks = Float64Array.from({ length: n }, () => 2 * uniform() - 1);
    const ctx: ChallengeContext = {
      actors: n,
      challengeWeights: Float64Array.from({ length: n }, () => (10 + 190 * uniform()) * (0.75 + 0.24 * uniform())),
      totalSaliences: Float64Array.from({ length: n }, () => 0.5 + 0.5 * uniform()),
      votingRule: "Prop",
      thirdPartyCommit: "SemiCommit",
    };
    const pruned = new PerspectiveUtilities(n, byPosition, risks, adjust);
    const full = new PerspectiveUtilities(n, byPosition, risks, adjust);
    let chosen = 0;
    for (let i = 0; i < n; i++) {
      const { best, bestEstimate } = fullScan(ctx, full, i);
      const choice = chooseTarget(ctx, pruned.viewFrom(i), i);
      if (bestEstimate.expectedGain > 1e-5) {
        chosen++;
        expect(choice).toEqual({ target: best, estimate: bestEstimate });
      } else {
        expect(choice).toBeNull();
      }
      // A hint (the previous turn's target, in a run) is evaluated first: any hint, the same choice.
      for (const hint of [best, (i + 7) % n, n - 1 - i, i, -1]) {
        const target = bestTarget(ctx, pruned.viewFrom(i), i, hint);
        expect(target).toBe(choice?.target ?? -1);
        if (choice !== null) expect([chosenEstimate[0], chosenEstimate[1]]).toEqual([choice.estimate.probability, choice.estimate.expectedGain]);
      }
    }
    expect(chosen).toBeGreaterThan(n / 4);
  });

  // From 33 actors a bounded challenge weighs its third parties in the order of the support they could give
  // the challenger (most first), summing them again in q order only if the bounds do not rule it out. Random
  // views where some actors share a position (twin targets: equal or nearly equal gains, so ties and
  // near-ties, lowest index first), some targets are worth less than the status quo (negative gains), one
  // weight may dwarf the others, and the other rules and commitments: the choice and its estimate must be
  // those of a full scan, whatever the hint.
  it.each([
    [33, "Prop", "SemiCommit", 1],
    [34, "Prop", "SemiCommit", 2],
    [47, "Prop", "SemiCommit", 3],
    [90, "Prop", "SemiCommit", 4],
    [200, "Prop", "SemiCommit", 5],
    [64, "PropCbc", "SemiCommit", 6],
    [40, "Binary", "SemiCommit", 7],
    [50, "Prop", "NoCommit", 8],
    [70, "Prop", "FullCommit", 9],
  ] as const)("on %i actors under %s, %s (seed %i): the same choice as a full scan, ties to the lowest index", (n, rule, commit, seed) => {
    const uniform = createRng(7919 * seed);
    // Positions in one dimension, a third of the actors on another's position; ideals off by up to 0.2.
    const positions = Float64Array.from({ length: n }, () => uniform());
    for (let q = 0; q < n; q++) if (uniform() < 0.33) positions[q] = positions[Math.floor(uniform() * n)] as number;
    const ideals = positions.map((x) => x + (seed % 2 === 0 ? 0.2 * (uniform() - 0.5) : 0));
    const scale = 0.8 + 0.6 * uniform(); // distances beyond 1 in some cases
    const byPosition = new Float64Array(n * n);
    for (let q = 0; q < n; q++) {
      for (let x = 0; x < n; x++) byPosition[x * n + q] = scale * Math.abs((ideals[q] as number) - (positions[x] as number));
    }
    const risks = Float64Array.from({ length: n }, () => 2 * uniform() - 1);
    const weights = Float64Array.from({ length: n }, () => (10 + 190 * uniform()) * (0.4 + 0.59 * uniform()));
    if (seed % 3 === 0) weights[Math.floor(uniform() * n)] = 1e4; // one actor outweighing the rest
    const ctx: ChallengeContext = {
      actors: n,
      challengeWeights: weights,
      totalSaliences: Float64Array.from({ length: n }, () => 0.4 + 0.59 * uniform()),
      votingRule: rule,
      thirdPartyCommit: commit,
    };
    const pruned = new PerspectiveUtilities(n, byPosition, risks, "OneThird");
    const full = new PerspectiveUtilities(n, byPosition, risks, "OneThird");
    let chosen = 0;
    let negative = 0;
    for (let i = 0; i < n; i++) {
      const { best, bestEstimate, negatives } = fullScan(ctx, full, i);
      negative += negatives;
      const expected = bestEstimate.expectedGain > 1e-5 ? best : -1;
      if (expected >= 0) chosen++;
      for (const hint of [-1, best, (i + 1) % n, n - 1 - i]) {
        expect(bestTarget(ctx, pruned.viewFrom(i), i, hint)).toBe(expected);
        if (expected >= 0) expect([chosenEstimate[0], chosenEstimate[1]]).toEqual([bestEstimate.probability, bestEstimate.expectedGain]);
      }
    }
    expect(chosen).toBeGreaterThan(n / 4);
    expect(negative).toBeGreaterThan(0);
  });
});

describe("bargains", () => {
  const xi = f64(0.2);
  const xj = f64(0.6);
  const s = f64(0.5);
  it("S2P2 and S1P1 give one shared point, rounded to 4 decimals", () => {
    const s2 = interpolateBargain("S2P2", 0, 1, xi, s, xj, s, 0.75);
    expect(s2.initiatorPosition[0]).toBe(0.24);
    expect(s2.receiverPosition[0]).toBe(0.24);
    const s1 = interpolateBargain("S1P1", 0, 1, xi, s, xj, s, 0.75);
    expect(s1.initiatorPosition[0]).toBe(0.3);
  });

  it("S2PMax moves only the weaker side", () => {
    const b = interpolateBargain("S2PMax", 0, 1, xi, s, xj, s, 0.75);
    expect(b.initiatorPosition[0]).toBe(0.2);
    expect(b.receiverPosition[0]).toBeCloseTo(0.4, 5);
  });

  it("PWCompInterp averages with weights c_i·S_i and c_i·S_j", () => {
    const a = interpolateBargain("S1P1", 0, 1, xi, s, xj, s, 1);
    const b = interpolateBargain("S1P1", 0, 1, xi, s, xj, s, 0);
    const avg = averageBargains(a, b, 10, 0.75, 0.25);
    const expected = 0.75 * (a.initiatorPosition[0] as number) + 0.25 * (b.initiatorPosition[0] as number);
    expect(avg.initiatorPosition[0]).toBeCloseTo(expected, 12);
  });
});

describe("resolution, report and stopping", () => {
  it("picks the first maximum and draws by inverse CDF", () => {
    expect(indexOfMaximum(f64(0.2, 0.4, 0.4))).toBe(1);
    expect(drawIndex(f64(0.2, 0.5, 0.3), 0.1)).toBe(0);
    expect(drawIndex(f64(0.2, 0.5, 0.3), 0.69)).toBe(1);
    expect(drawIndex(f64(0.2, 0.5, 0.3), 0.999)).toBe(2);
  });

  it("merges positions within 1e-3 and assigns the last matching unique position", () => {
    const classes = classifyPositions(f64(0.5, 0.5009, 0.5018), 3, 1);
    expect(classes.representatives).toEqual([0, 2]);
    expect(Array.from(classes.classOf)).toEqual([0, 1, 1]);
  });

  it("stops at the turn limit or when movement falls below 2% of the first turn's", () => {
    expect(totalMovement(f64(0, 0, 1, 1), f64(0.3, 0.4, 1, 1), 2, 2)).toBeCloseTo(0.5, 14);
    expect(shouldStop(1, 0, 0, 100)).toBe(false);
    expect(shouldStop(2, 0.001, 0.1, 100)).toBe(true);
    expect(shouldStop(2, 0.01, 0.1, 100)).toBe(false);
    expect(shouldStop(100, 1, 0.1, 100)).toBe(true);
    expect(stopReasonAfter(1, 0, 0, 100)).toBeNull();
    expect(stopReasonAfter(2, 0.001, 0.1, 100)).toBe("converged");
    expect(stopReasonAfter(2, 0.01, 0.1, 100)).toBeNull();
    expect(stopReasonAfter(100, 1, 0.1, 100)).toBe("turn-limit");
    expect(stopReasonAfter(100, 0.001, 0.1, 100)).toBe("converged");
  });
});
