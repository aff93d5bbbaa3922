import { describe, expect, it } from "vitest";
import {
  basicUtilities,
  chooseOffer,
  classifyOffer,
  compromiseKey,
  compromisePosition,
  condorcetMedian,
  dangerLevels,
  distancePowers,
  expectedUtility,
  globalNormaliser,
  noChallengeUtilities,
  preferenceMargin,
  probabilityMatrix,
  probabilityOfSuccess,
  riskExponents,
  SCHOLZ_CODE_RULES,
  weightedMean,
  weightedMedian,
  type Offer,
} from "../../src/models/eum/index.js";

/** Two actors at 0 and 10 (R = 10), weights 1 and 0.5, saliences 0.5, every exponent 1. */
function twoActorTable(exponents: number[] = [1, 1]) {
  const positions = [0, 10];
  const weights = [1, 0.5];
  const powers = distancePowers(positions, [1, 1], 10);
  const table = { positions, weights, powers, normaliser: globalNormaliser(powers, weights) };
  return {
    ...table,
    probabilities: probabilityMatrix(table, "global-normaliser"),
    saliences: [0.5, 0.5],
    exponents,
    range: 10,
    median: 0,
  };
}

const codeUtilityRules = { statusQuo: "status-quo-only", statusQuoProbability: 1 } as const;

describe("preference margin", () => {
  it("is w·((|x−b|/R)^ρ − (|x−a|/R)^ρ)", () => {
    expect(preferenceMargin(0.5, 0, 2, 6, 10, 1)).toBeCloseTo(0.5 * (0.6 - 0.2), 15);
    expect(preferenceMargin(0.5, 0, 2, 6, 10, 2)).toBeCloseTo(0.5 * (0.36 - 0.04), 15);
  });
  it("is positive when the voter is closer to a, and antisymmetric", () => {
    expect(preferenceMargin(1, 3, 4, 9, 10, 1.5)).toBeGreaterThan(0);
    expect(preferenceMargin(1, 3, 9, 4, 10, 1.5)).toBe(-preferenceMargin(1, 3, 4, 9, 10, 1.5));
  });
  it("matches the cached distance powers bit for bit", () => {
    const positions = [0, 3.3, 7.1];
    const exponents = [0.7, 1.9, 1.2];
    const powers = distancePowers(positions, exponents, 7.1);
    for (let k = 0; k < 3; k++) {
      const cached = 1 * ((powers[k * 3 + 2] as number) - (powers[k * 3 + 1] as number));
      expect(cached).toBe(preferenceMargin(1, positions[k] as number, 3.3, 7.1, 7.1, exponents[k] as number));
    }
  });
});

describe("global normaliser D", () => {
  it("sums |margin| over every voter and every ordered pair (hand-checked)", () => {
    // Each voter's row is [0, 1] or [1, 0]: Σ_αβ |u_β − u_α| = 2; D = 2·1 + 2·0.5.
    expect(twoActorTable().normaliser).toBe(3);
  });
  it("sorted summation agrees with the exact order", () => {
    const positions = [4, 7, 4, 10, 5.5, 9.2];
    const weights = [0.064, 0.032, 0.006, 0.096, 0.2, 0.01];
    const powers = distancePowers(positions, [0.5, 2, 1, 1.3, 0.8, 1.7], 6);
    const exact = globalNormaliser(powers, weights, "exact-order");
    expect(globalNormaliser(powers, weights, "sorted")).toBeCloseTo(exact, 14);
  });
});

describe("probability of success", () => {
  it("global rule: positive margins over D, so P(a,b) + P(b,a) ≠ 1", () => {
    const table = twoActorTable();
    expect(probabilityOfSuccess(table, "global-normaliser", 0, 1)).toBeCloseTo(1 / 3, 15);
    expect(probabilityOfSuccess(table, "global-normaliser", 1, 0)).toBeCloseTo(0.5 / 3, 15);
  });
  it("pairwise rule (paper): P(a,b) + P(b,a) = 1", () => {
    const table = twoActorTable();
    expect(probabilityOfSuccess(table, "pairwise", 0, 1)).toBeCloseTo(2 / 3, 15);
    expect(probabilityOfSuccess(table, "pairwise", 1, 0)).toBeCloseTo(1 / 3, 15);
  });
  it("the matrix form agrees bit for bit with the single-pair function, both rules", () => {
    const positions = [4, 7, 4, 10, 5.5, 9.2];
    const weights = [0.064, 0.032, 0.006, 0.096, 0.2, 0.01];
    const powers = distancePowers(positions, [0.5, 2, 1, 1.3, 0.8, 1.7], 6);
    const table = { positions, weights, powers, normaliser: globalNormaliser(powers, weights) };
    for (const rule of ["global-normaliser", "pairwise"] as const) {
      const matrix = probabilityMatrix(table, rule);
      for (let c = 0; c < 6; c++) {
        for (let t = 0; t < 6; t++) expect(matrix[c * 6 + t]).toBe(probabilityOfSuccess(table, rule, c, t));
      }
    }
  });
  it("is 0 for two actors at exactly the same position", () => {
    const positions = [2, 2, 8];
    const weights = [1, 1, 1];
    const powers = distancePowers(positions, [1, 1, 1], 6);
    const table = { positions, weights, powers, normaliser: globalNormaliser(powers, weights) };
    expect(probabilityOfSuccess(table, "global-normaliser", 0, 1)).toBe(0);
    expect(probabilityOfSuccess(table, "pairwise", 0, 1)).toBe(0);
  });
});

describe("basic utilities", () => {
  it("are all exactly 0 at d = 0, ρ = 1", () => {
    expect(basicUtilities(0, 10, 1)).toEqual({ success: 0, failure: 0, statusQuo: 0 });
  });
  it("span 2 / −2 at d = R, ρ = 1", () => {
    expect(basicUtilities(10, 10, 1)).toEqual({ success: 2, failure: -2, statusQuo: 0 });
  });
  it("hand-checked at d = R/2, ρ = 2", () => {
    const utilities = basicUtilities(5, 10, 2);
    expect(utilities.success).toBeCloseTo(1.75, 15);
    expect(utilities.failure).toBeCloseTo(-0.25, 15);
    expect(utilities.statusQuo).toBeCloseTo(1, 15);
  });
  it("paper's better/worse utilities, hand-checked", () => {
    // self 0, other 10, μ 10, R 10: share = 0.25·20/10 = 0.5.
    expect(noChallengeUtilities(0, 10, 10, 10, 1)).toEqual({ better: 2, worse: -2 });
  });
});

describe("expected utility", () => {
  it("s_t·(P·U_s + (1−P)·U_f) + (1−s_t)·U_s − Q·U_sq, hand-checked", () => {
    // d = R: U_s = 2, U_f = −2, U_sq = 0; P = 1/3; s_t = 0.5 → 0.5·(2/3 − 4/3) + 1 = 2/3.
    expect(expectedUtility(twoActorTable(), codeUtilityRules, 0, 0, 1)).toBeCloseTo(2 / 3, 15);
  });
  it("uses the perspective actor's exponent for the utilities", () => {
    // ρ = 2 for actor 0: U_s = 2, U_f = −2, U_sq = 1 → 2/3 − 1.
    expect(expectedUtility(twoActorTable([2, 1]), codeUtilityRules, 0, 0, 1)).toBeCloseTo(-1 / 3, 15);
    expect(expectedUtility(twoActorTable([2, 1]), codeUtilityRules, 1, 0, 1)).toBeCloseTo(2 / 3, 15);
  });
  it("the no-challenge term vanishes at Q = 1 and matters below it", () => {
    const table = twoActorTable();
    const withTerm = { ...codeUtilityRules, statusQuo: "with-no-challenge-term" } as const;
    expect(expectedUtility(table, withTerm, 0, 0, 1)).toBe(expectedUtility(table, codeUtilityRules, 0, 0, 1));
    // Q = 0.5, μ = 0 = self: T = 1, share = 0.25·10/10 → U_b = 2 − 4·0.25 = 1; EU = 2/3 − 0.5·1.
    expect(expectedUtility(table, { ...withTerm, statusQuoProbability: 0.5 }, 0, 0, 1)).toBeCloseTo(2 / 3 - 0.5, 15);
  });
});

describe("risk exponents", () => {
  it("map the most endangered actor to 0.5 and the safest to 2", () => {
    const exponents = riskExponents([0, 1, 2]);
    expect(exponents[0]).toBeCloseTo(2, 15);
    expect(exponents[1]).toBeCloseTo(1, 15);
    expect(exponents[2]).toBeCloseTo(0.5, 15);
  });
  it("are all 1 when every danger level is equal (the reference code divides by zero here)", () => {
    expect(riskExponents([0.3, 0.3, 0.3])).toEqual([1, 1, 1]);
  });
  it("danger levels sum the challengers' expected utilities", () => {
    const table = twoActorTable();
    const dangers = dangerLevels(table, { ...codeUtilityRules, perspective: SCHOLZ_CODE_RULES.perspective });
    expect(dangers[1]).toBeCloseTo(expectedUtility(table, codeUtilityRules, 1, 0, 1), 15);
    expect(dangers[0]).toBeCloseTo(expectedUtility(table, codeUtilityRules, 0, 1, 0), 15);
  });
});

describe("offers", () => {
  it("classifies by the first matching rule, all strict", () => {
    expect(classifyOffer(1, 2, false)).toBe("confrontation");
    expect(classifyOffer(2, 1, false)).toBeNull();
    expect(classifyOffer(-1, 2, false)).toBe("compromise");
    expect(classifyOffer(-1, 1, true)).toBeNull();
    expect(classifyOffer(-1, -1, true)).toBeNull();
    expect(classifyOffer(1, -1, true)).toBeNull();
    expect(classifyOffer(0, 1, true)).toBeNull();
  });
  it("capitulation never fires in the reference code, but does in the paper", () => {
    expect(classifyOffer(-2, 1, false)).toBeNull();
    expect(classifyOffer(-2, 1, true)).toBe("capitulation");
  });
  it("compromise position and key, hand-checked", () => {
    expect(compromisePosition(4, 10, -1, 2)).toBe(7);
    expect(compromiseKey(4, 10, -1, 2)).toBe(8);
  });

  const offer = (kind: Offer["kind"], from: number, offererPosition: number, a: number, b: number, newPosition: number): Offer => ({
    kind,
    from,
    offererPosition,
    receiverUtility: a,
    offererUtility: b,
    newPosition,
  });

  it("prefers confrontations, moving least, first in input order on ties", () => {
    const offers = [
      offer("compromise", 0, 6, -1, 2, 5.5),
      offer("confrontation", 1, 8, 1, 2, 8),
      offer("confrontation", 2, 2, 1, 2, 2),
      offer("confrontation", 3, 7, 1, 2, 7),
      offer("confrontation", 4, 3, 1, 2, 3),
    ];
    expect(chooseOffer(5, offers, "lowest-key")?.from).toBe(3);
  });
  it("among compromises: lowest key (reference code) versus least movement (paper)", () => {
    const receiver = 5;
    const towardHigh = offer("compromise", 0, 9, -1, 2, compromisePosition(receiver, 9, -1, 2)); // to 7, key 7.67
    const towardLow = offer("compromise", 1, 0, -1, 1.25, compromisePosition(receiver, 0, -1, 1.25)); // to 1, key 2.22
    expect(chooseOffer(receiver, [towardHigh, towardLow], "lowest-key")?.from).toBe(1);
    expect(chooseOffer(receiver, [towardHigh, towardLow], "least-movement")?.from).toBe(0);
  });
  it("capitulations come last; no offers means staying put", () => {
    const offers = [offer("capitulation", 0, 9, -2, 1, 9), offer("compromise", 1, 0, -1, 2, 2.5)];
    expect(chooseOffer(5, offers, "least-movement")?.from).toBe(1);
    expect(chooseOffer(5, [], "lowest-key")).toBeNull();
  });
});

describe("weighted mean and medians", () => {
  const positions = [1, 2, 3];
  const weights = [1, 1, 2];
  it("weighted mean", () => {
    expect(weightedMean(positions, weights)).toBe(2.25);
  });
  it("weighted median takes the lower candidate on an exact half-split", () => {
    expect(weightedMedian(positions, weights)).toBe(2);
    expect(weightedMedian([3, 1, 2], [2, 1, 1])).toBe(2);
    expect(weightedMedian([1, 2, 3], [1, 1, 3])).toBe(3);
  });
  it("Condorcet sweep (ascending) agrees with the weighted median", () => {
    expect(condorcetMedian(positions, weights, 2)).toBe(2);
    expect(condorcetMedian([1, 2, 3], [1, 1, 3], 2)).toBe(3);
    expect(condorcetMedian([4, 7, 4, 10, 7], [0.3, 0.1, 0.2, 0.5, 0.05], 6)).toBe(weightedMedian([4, 7, 4, 10, 7], [0.3, 0.1, 0.2, 0.5, 0.05]));
  });
});
