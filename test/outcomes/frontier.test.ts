/** Dominance, both frontier algorithms and the solutions on seeded random additive spaces. */
import { describe, expect, it } from "vitest";
import { createRng } from "../../src/random.js";
import { dominates, FrontierAccumulator, maximalGroups, nonDominatedIndices } from "../../src/outcomes/dominance.js";
import { forEachPairBySumDescending, paretoFrontier, paretoFrontierAdditive, paretoFrontierByEnumeration, type ParetoFrontier } from "../../src/outcomes/pareto.js";
import { analyzeSpace } from "../../src/outcomes/analyze.js";
import { createOutcomeSpace, enumerateOutcomes, outcomeCount, rankOf, type OutcomeSpace } from "../../src/outcomes/space.js";
import { additiveUtility, evaluateUtility, generalUtility, type AdditiveUtility, type UtilityFunction } from "../../src/outcomes/utility.js";
import { maxWelfarePoints, nashPoints } from "../../src/outcomes/solutions.js";
import { outcomeUnits, scoreSpace } from "../../src/outcomes/scoring.js";

describe("dominance", () => {
  it("is strict: ≥ everywhere and > somewhere", () => {
    expect(dominates([1, 1], [1, 0])).toBe(true);
    expect(dominates([1, 1], [1, 1])).toBe(false);
    expect(dominates([2, 0], [1, 1])).toBe(false);
    expect(dominates([0.5, 0.5, 0.6], [0.5, 0.5, 0.5])).toBe(true);
  });

  it("keeps equal non-dominated vectors", () => {
    expect(nonDominatedIndices([[1, 0], [0, 1], [1, 0], [0.5, 0.5], [0.4, 0.4]])).toEqual([0, 1, 2, 3]);
    expect(nonDominatedIndices([[1, 1, 1], [1, 1, 1], [1, 1, 0], [2, 0, 0]])).toEqual([0, 1, 3]);
    expect(nonDominatedIndices([[1, 2, 3, 4], [4, 3, 2, 1], [1, 2, 3, 3], [4, 3, 2, 1]])).toEqual([0, 1, 3]);
  });
});

describe("streaming frontier", () => {
  it.each([2, 3, 4])("merges batches exactly, ties pooled (%i parties)", (dims) => {
    const next = createRng(dims * 17);
    const count = 500;
    const coords = Float64Array.from({ length: count * dims }, () => Math.floor(next() * 6));
    const expected = maximalGroups(coords, dims, count).map((group) => [...group].sort((a, b) => a - b));
    for (const batch of [1, 7, 64, 1000]) {
      const accumulator = new FrontierAccumulator(dims, undefined, batch);
      for (let i = 0; i < count; i++) accumulator.add(coords.subarray(i * dims, (i + 1) * dims), i);
      const actual = accumulator.result().sources.map((group) => [...group].sort((a, b) => a - b));
      expect(actual.sort((a, b) => a[0]! - b[0]!)).toEqual(expected.sort((a, b) => a[0]! - b[0]!));
    }
  });
});

describe("pairs by decreasing sum", () => {
  it("visits every pair once, sums non-increasing", () => {
    const next = createRng(99);
    const left = Float64Array.from({ length: 13 }, () => Math.floor(next() * 10));
    const right = Float64Array.from({ length: 7 }, () => Math.floor(next() * 10));
    const sums: number[] = [];
    const seen = new Set<string>();
    forEachPairBySumDescending(left, right, (l, r) => {
      sums.push(left[l]! + right[r]!);
      seen.add(`${l},${r}`);
    });
    expect(seen.size).toBe(13 * 7);
    expect(sums).toEqual([...sums].sort((a, b) => b - a));
  });
});

describe("space", () => {
  it("enumerates lazily in rank order", () => {
    const space = createOutcomeSpace([{ name: "a", values: ["x", "y"] }, { name: "b", values: [1, 2, 3] }]);
    const all = [...enumerateOutcomes(space)];
    expect(all).toHaveLength(outcomeCount(space));
    expect(all.map((outcome) => rankOf(space, outcome))).toEqual([0, 1, 2, 3, 4, 5]);
    expect(all[4]).toEqual([1, 1]);
  });
});

interface RandomSpec {
  seed: number;
  parties: number;
  sizes: number[];
  /** Draw value utilities from {0, 0.25, …, 1} to create many exact ties. */
  coarse?: boolean;
  /** Scale weights so sums can exceed the cap of 1. */
  weightScale?: number;
}

function randomAdditive(spec: RandomSpec): { space: OutcomeSpace; utilities: AdditiveUtility[] } {
  const next = createRng(spec.seed);
  const space = createOutcomeSpace(spec.sizes.map((size, i) => ({ name: `issue${i}`, values: Array.from({ length: size }, (_, v) => `v${v}`) })));
  const utilities = Array.from({ length: spec.parties }, () => {
    const raw = spec.sizes.map(() => next() + 0.05);
    const total = raw.reduce((sum, w) => sum + w, 0);
    const weights = raw.map((w) => (spec.coarse ? Math.round((4 * w) / total) / 4 : w / total) * (spec.weightScale ?? 1));
    const values = spec.sizes.map((size) => Array.from({ length: size }, () => (spec.coarse ? Math.floor(next() * 5) / 4 : next())));
    return additiveUtility(space, { weights, values, cap: 1, reservation: next() * 0.3 });
  });
  return { space, utilities };
}

/** Exact utility vectors (units of 1e-12) of every outcome, in rank order. */
function allVectors(space: OutcomeSpace, utilities: readonly UtilityFunction[]): number[][] {
  const scored = scoreSpace(space, utilities);
  return [...enumerateOutcomes(space)].map((outcome) => outcomeUnits(scored, outcome));
}

/** O(n²) reference frontier: the ranks of outcomes no outcome dominates. */
function bruteForceFrontierRanks(space: OutcomeSpace, utilities: readonly UtilityFunction[]): number[] {
  const vectors = allVectors(space, utilities);
  return vectors.flatMap((vector, rank) => (vectors.some((other) => dominates(other, vector)) ? [] : [rank]));
}

const frontierRanks = (space: OutcomeSpace, frontier: ParetoFrontier): number[] =>
  frontier.points.flatMap((point) => point.outcomes.map((outcome) => rankOf(space, outcome))).sort((a, b) => a - b);

const cases: RandomSpec[] = [
  { seed: 1, parties: 2, sizes: [3, 4, 5, 2] },
  { seed: 2, parties: 2, sizes: [6, 6, 6], coarse: true },
  { seed: 3, parties: 3, sizes: [4, 3, 5, 2] },
  { seed: 4, parties: 3, sizes: [3, 3, 3, 3], coarse: true },
  { seed: 5, parties: 4, sizes: [4, 4, 3, 2] },
  { seed: 6, parties: 5, sizes: [3, 4, 2, 3], coarse: true },
  { seed: 7, parties: 2, sizes: [4, 5, 3], weightScale: 1.6 },
  { seed: 8, parties: 3, sizes: [3, 4, 4], weightScale: 1.5, coarse: true },
  { seed: 9, parties: 4, sizes: [5, 3, 3], weightScale: 1.4 },
  { seed: 10, parties: 1, sizes: [4, 3] },
  { seed: 11, parties: 2, sizes: [7] },
];

describe.each(cases)("random additive space %o", (spec) => {
  const { space, utilities } = randomAdditive(spec);
  const byTree = paretoFrontierAdditive(space, utilities);
  const byEnumeration = paretoFrontierByEnumeration(space, utilities);

  it("gets the same frontier (points, outcomes, ties) from both algorithms and brute force", () => {
    expect(byTree.points).toEqual(byEnumeration.points);
    expect(byTree.size).toBe(byEnumeration.size);
    expect(frontierRanks(space, byTree)).toEqual(bruteForceFrontierRanks(space, utilities));
  });

  it("has no dominated frontier point and dominates every other outcome", () => {
    const frontier = byTree.points.map((point) => point.units);
    const onFrontier = new Set(frontierRanks(space, byTree));
    allVectors(space, utilities).forEach((vector, rank) => {
      const dominated = frontier.some((point) => dominates(point, vector));
      expect(dominated).toBe(!onFrontier.has(rank));
    });
  });

  it("puts every solution on the frontier, and max welfare is the brute-force maximum", () => {
    const analysis = analyzeSpace(space, utilities);
    const frontierPoints = analysis.pareto.points.map((point) => JSON.stringify(point));
    for (const solution of [analysis.nash, analysis.ks, analysis.ksGenius, analysis.egalitarian, analysis.maxWelfare]) {
      for (const point of solution.points) expect(frontierPoints).toContain(JSON.stringify(point));
    }
    const welfare = [...enumerateOutcomes(space)].map((outcome) => utilities.reduce((sum, utility) => sum + evaluateUtility(utility, outcome), 0));
    const best = Math.max(...welfare);
    expect(analysis.maxWelfare.welfare!).toBeCloseTo(best, 9);
    expect(analysis.maxWelfare.ties).toBe(welfare.filter((value) => Math.abs(value - best) <= 1e-9).length);
  });
});

describe("the GENIUS cap", () => {
  it("keeps outcomes that only tie after min(1, ·) (the capped frontier is not a subset of the uncapped one)", () => {
    // Party 1: 0.6·a + 0.7·b with a ∈ {1}, b ∈ {0.9, 1} → 1.23 or 1.3, both capped to 1. Party 2 indifferent.
    const space = createOutcomeSpace([{ name: "a", values: ["x"] }, { name: "b", values: ["low", "high"] }]);
    const first = additiveUtility(space, { weights: [0.6, 0.7], values: [[1], [0.9, 1]], cap: 1 });
    const second = additiveUtility(space, { weights: [0.5, 0.5], values: [[1], [1, 1]], cap: 1 });
    const uncapped = paretoFrontier(space, [{ ...first, cap: undefined } as AdditiveUtility, second]);
    expect(uncapped.size).toBe(1);
    for (const frontier of [paretoFrontierAdditive(space, [first, second]), paretoFrontierByEnumeration(space, [first, second])]) {
      expect(frontier.size).toBe(2);
      expect(frontier.points).toHaveLength(1);
      expect(frontier.points[0]!.utilities).toEqual([1, 1]);
    }
  });
});

describe("general utilities", () => {
  it("fall back to enumeration", () => {
    const space = createOutcomeSpace([{ name: "x", values: [0, 1, 2, 3] }, { name: "y", values: [0, 1, 2, 3] }]);
    const utilities = [generalUtility((o) => (o[0]! * o[1]!) / 9), generalUtility((o) => (9 - o[0]! * o[1]!) / 9 - Math.abs(o[0]! - o[1]!) / 10)];
    const frontier = paretoFrontier(space, utilities);
    expect(frontier.algorithm).toBe("enumeration");
    expect(frontierRanks(space, frontier)).toEqual(bruteForceFrontierRanks(space, utilities));
    expect(() => paretoFrontierAdditive(space, utilities)).toThrow();
    expect(nashPoints(frontier, [0, 0]).ties).toBeGreaterThan(0);
    expect(maxWelfarePoints(frontier).points.length).toBeGreaterThan(0);
  });
});
