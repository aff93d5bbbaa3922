import { describe, expect, it } from "vitest";
import { compromise, weightedMean } from "../../src/models/compromise.js";
import { bisectDecreasing, nashBargaining, quadraticGain } from "../../src/models/nash-bargaining.js";
import { ModelError } from "../../src/models/types.js";
import { weightedMedian } from "../../src/models/weighted-median.js";
import { optionalShared, parseSimpleCsv, readShared } from "../helpers.js";

// Check values from ../shared/reference/specs/forecast-baselines.md.
describe("compromise model", () => {
  it("matches the specification's check values", () => {
    expect(compromise([0, 100], [50, 50], [1, 1])).toBeCloseTo(50, 10);
    expect(compromise([0, 100, 100], [50, 50, 50], [1, 1, 1])).toBeCloseTo(66.67, 2);
    expect(compromise([0, 100], [10, 60], [1, 1])).toBeCloseTo(85.714, 3);
    expect(compromise([0, 100], [90, 50], [1, 1])).toBeCloseTo(35.714, 3);
  });

  it("weighs by capability × salience", () => {
    expect(compromise([0, 100], [50, 50], [3, 1])).toBeCloseTo(25, 10);
  });

  it("refuses weights that sum to zero", () => {
    expect(() => weightedMean([1, 2], [0, 0])).toThrow(ModelError);
  });
});

describe("weighted median", () => {
  it("is the position no weighted majority can move", () => {
    expect(weightedMedian([0, 40, 100], [1, 1, 1])).toBe(40);
    expect(weightedMedian([0, 40, 100], [5, 1, 1])).toBe(0);
    expect(weightedMedian([100, 0, 40], [1, 1, 5])).toBe(40);
  });

  it("takes the lower position when the weight splits exactly in half", () => {
    expect(weightedMedian([0, 100], [1, 1])).toBe(0);
  });

  it("satisfies its definition on random inputs", () => {
    let seed = 7;
    const next = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + Math.floor(next() * 9);
      const xs = Array.from({ length: n }, () => Math.round(next() * 100));
      const ws = Array.from({ length: n }, () => next());
      const m = weightedMedian(xs, ws);
      const total = ws.reduce((a, b) => a + b, 0);
      const left = xs.reduce((s, x, i) => (x < m ? s + ws[i]! : s), 0);
      const right = xs.reduce((s, x, i) => (x > m ? s + ws[i]! : s), 0);
      expect(left).toBeLessThanOrEqual(total / 2 + 1e-12);
      expect(right).toBeLessThanOrEqual(total / 2 + 1e-12);
    }
  });
});

const EUM = optionalShared("reference/eum", "the compromise and weighted median against the EUM reference code's output (no licence file, not vendored)");

describe.skipIf(!EUM)("compromise and weighted median against the EUM reference code", () => {
  // The Scholz et al. reference output prints both statistics for round 0 (the input).
  it("reproduces weighted_mean_cs and weighted_median_cs of the EC car-emission case", () => {
    const actors = parseSimpleCsv(readShared("reference/eum/ExampleActors.csv"));
    const expected = parseSimpleCsv(readShared("reference/eum/ExampleActors.expected.csv"))[0]!;
    const xs = actors.map((a) => Number(a["Position"]));
    const ss = actors.map((a) => Number(a["Salience"]));
    const cs = actors.map((a) => Number(a["Capability"]));
    expect(compromise(xs, ss, cs)).toBeCloseTo(Number(expected["weighted_mean_cs"]), 9);
    expect(weightedMedian(xs, xs.map((_, i) => cs[i]! * ss[i]!))).toBe(Number(expected["weighted_median_cs"]));
  });
});

describe("Nash bargaining solution", () => {
  it("reduces to the compromise model without a reference point", () => {
    expect(nashBargaining([0, 100], [10, 60], [1, 1], undefined)).toBeCloseTo(85.714, 3);
  });

  it("approaches the weighted mean when the reference point is very unattractive to all", () => {
    // Far away, both actors' disagreement utilities are nearly equally low.
    expect(nashBargaining([20, 80], [50, 50], [1, 1], 1e6)).toBeCloseTo(50, 2);
    // Salience scales both gains alike when d is far, so it drops out: the capability-weighted mean.
    expect(nashBargaining([0, 100], [10, 60], [3, 1], -1e7)).toBeCloseTo(25, 3);
  });

  it("solves a two-actor case by hand", () => {
    // Actors at 0 and 100, equal weights, reference 50: feasible set is {50} only → 50.
    expect(nashBargaining([0, 100], [50, 50], [1, 1], 50)).toBe(50);
    // Reference 0 with actors at 40 and 100: feasible x ∈ [0, 80]; maximise
    // log(1600 − (x−40)²) + log(10000 − (x−100)²) → derivative zero at x ≈ 58.
    const x = nashBargaining([40, 100], [1, 1], [1, 1], 0);
    const f = (y: number) => Math.log(1600 - (y - 40) ** 2) + Math.log(10000 - (y - 100) ** 2);
    expect(f(x)).toBeGreaterThanOrEqual(f(x + 1e-4));
    expect(f(x)).toBeGreaterThanOrEqual(f(x - 1e-4));
    expect(x).toBeGreaterThan(40);
    expect(x).toBeLessThan(80);
  });

  it("keeps the reference point when an actor's ideal is the status quo (veto)", () => {
    expect(nashBargaining([0, 60, 100], [50, 50, 50], [1, 1, 1], 60)).toBe(60);
  });

  it("ignores actors without salience", () => {
    expect(nashBargaining([0, 100, 30], [50, 50, 0], [1, 1, 1], undefined)).toBeCloseTo(50, 10);
  });

  it("gives every actor at least its reference utility", () => {
    const xs = [10, 35, 90];
    const ss = [80, 40, 60];
    const x = nashBargaining(xs, ss, [2, 1, 3], 20);
    xs.forEach((xi, i) => expect(quadraticGain(x, xi, ss[i]!, 20)).toBeGreaterThanOrEqual(0));
  });

  it("bisection finds the root of a decreasing function", () => {
    expect(bisectDecreasing((x) => 3.3 - x, 0, 10)).toBeCloseTo(3.3, 12);
  });
});
