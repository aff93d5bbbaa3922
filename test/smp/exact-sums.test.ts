/**
 * The fast Prop-rule sums (coalitions and third-party supports, summed branch-free and doubled) against
 * KTAB's branching sums written out plainly: bit for bit, on random cases and on weights so large that a
 * doubled sum would overflow (where the fast paths must fall back to the branching sums).
 */
import { describe, expect, it } from "vitest";
import { bestTarget, challengeValue, chosen, PerspectiveUtilities, type ChallengeContext } from "../../src/models/smp/challenge.js";
import { riskUtility } from "../../src/models/smp/utility.js";
import { coalitionMatrix } from "../../src/models/smp/votes.js";
import { createRng } from "../../src/random.js";

/** C(a:b) = 1e-8 + Σ_k max(0, w_k(u_ka − u_kb)), voters in order, with branches (utilities voter-major). */
function branchingCoalitions(weights: Float64Array, utilities: Float64Array, voters: number, options: number): Float64Array {
  const coalitions = new Float64Array(options * options);
  for (let a = 0; a < options; a++) {
    for (let b = 0; b < options; b++) {
      let sum = 1e-8;
      if (a !== b) {
        for (let k = 0; k < voters; k++) {
          const v = (weights[k] as number) * ((utilities[k * options + a] as number) - (utilities[k * options + b] as number));
          if (v > 0) sum += v;
        }
      }
      coalitions[a * options + b] = sum;
    }
  }
  return coalitions;
}

/** probEdu(h, h, h, j) under Prop and SemiCommit as the spec writes it: principals, then third parties in q order. */
function branchingChallenge(context: ChallengeContext, distances: Float64Array, risks: Float64Array, h: number, j: number): [number, number] {
  const n = context.actors;
  const u = (q: number, x: number): number => riskUtility(distances[x * n + q] as number, risks[q] as number);
  const w = context.challengeWeights;
  const voteI = (w[h] as number) * (u(h, h) - u(h, j));
  const voteJ = (w[j] as number) * (u(j, h) - u(j, j));
  const principalsForI = 1e-10 + Math.max(voteI, 0) + Math.max(voteJ, 0);
  const principalsForJ = 1e-10 + Math.max(-voteI, 0) + Math.max(-voteJ, 0);
  let forI = principalsForI;
  let forJ = principalsForJ;
  for (let q = 0; q < n; q++) {
    if (q === h || q === j) continue;
    const [uqi, uqj, uqq] = [u(q, h), u(q, j), u(q, q)];
    const direct = (w[q] as number) * (uqi - uqj);
    const littleForI = direct > 0 ? principalsForI + direct : principalsForI;
    const littleForJ = direct < 0 ? principalsForJ - direct : principalsForJ;
    const p = littleForI / (littleForI + littleForJ);
    const joinI = p * (uqi + uqi + uqq) + (1 - p) * (uqj + uqj + uqj);
    const joinJ = p * (uqi + uqi + uqi) + (1 - p) * (uqj + uqj + uqq);
    const thirdParty = (w[q] as number) * (joinI - joinJ);
    if (thirdParty > 0) forI += thirdParty;
    if (thirdParty < 0) forJ -= thirdParty;
  }
  const probability = forI / (forI + forJ);
  const resist = context.totalSaliences[j] as number;
  const [uki, ukj] = [u(h, h), u(h, j)];
  return [probability, (1 - resist) * 2 * uki + resist * (probability * 2 * uki + (1 - probability) * 2 * ukj) - (uki + ukj)];
}

/** n actors on [0,1] with weights of the given scale; distances stored by position (x·n + q). */
function randomCase(n: number, weightScale: number, seed: number) {
  const uniform = createRng(seed);
  const positions = Array.from({ length: n }, () => uniform());
  const distances = new Float64Array(n * n);
  for (let x = 0; x < n; x++) for (let q = 0; q < n; q++) distances[x * n + q] = Math.abs((positions[q] as number) - (positions[x] as number));
  const weights = Float64Array.from({ length: n }, () => weightScale * (0.1 + uniform()));
  const risks = Float64Array.from({ length: n }, () => uniform() * 1.5 - 0.5);
  const saliences = Float64Array.from({ length: n }, () => 0.5 + 0.5 * uniform());
  return { distances, weights, risks, saliences };
}

describe("fast Prop sums are KTAB's branching sums bit for bit", () => {
  it.each([
    [37, 100, 1],
    [64, 1, 2],
    [23, 3e307, 3], // doubled sums would overflow: the fallback must take over
  ])("coalitions of %i voters with weights ~%d", (n, scale, seed) => {
    const { distances, weights } = randomCase(n, scale, seed);
    const utilities = new Float64Array(n * n); // voter-major
    for (let x = 0; x < n; x++) for (let q = 0; q < n; q++) utilities[q * n + x] = 1 - (distances[x * n + q] as number);
    const fast = coalitionMatrix("Prop", weights, utilities, n, n);
    const plain = branchingCoalitions(weights, utilities, n, n);
    expect(Array.from(fast)).toEqual(Array.from(plain));
    if (scale > 1e300) expect(Array.from(fast).some((c) => c >= 2 ** 1023 && c < Infinity)).toBe(true);
  });

  it.each([
    [31, 100, 4],
    [18, 1, 5],
    [12, 3e307, 6],
  ])("third-party supports of %i actors with weights ~%d", (n, scale, seed) => {
    const { distances, weights, risks, saliences } = randomCase(n, scale, seed);
    const context: ChallengeContext = {
      actors: n,
      challengeWeights: weights,
      totalSaliences: saliences,
      votingRule: "Prop",
      thirdPartyCommit: "SemiCommit",
    };
    const view = new PerspectiveUtilities(n, distances, risks, "Full");
    for (let h = 0; h < n; h++) {
      view.viewFrom(h);
      for (let j = 0; j < n; j++) {
        if (j === h) continue;
        const fast = challengeValue(context, view, h, h, j);
        const [probability, gain] = branchingChallenge(context, distances, risks, h, j);
        expect([fast.probability, fast.expectedGain]).toEqual([probability, gain]);
      }
      // Target choice values each challenge its own way (written out for fewer than 33 actors): the choice
      // and its estimate are those of the branching sums, best gain first, lowest index on ties.
      let best = -1;
      let bestEstimate: [number, number] = [0, 0];
      for (let j = 0; j < n; j++) {
        if (j === h) continue;
        const estimate = branchingChallenge(context, distances, risks, h, j);
        if (best < 0 || estimate[1] > bestEstimate[1]) [best, bestEstimate] = [j, estimate];
      }
      const target = bestTarget(context, view.viewFrom(h), h);
      if (bestEstimate[1] > 1e-5) {
        expect(target).toBe(best);
        expect([chosen[0], chosen[1]]).toEqual(bestEstimate);
      } else {
        expect(target).toBe(-1);
      }
    }
  });
});
