import { describe, expect, it } from "vitest";
import { conformalQuantile, conformalRank, crossFittedHalfWidths, intervalAround, scoreIntervals } from "../../src/calibration/conformal.js";
import { parseLevel } from "../../src/calibration/choices.js";
import { categoryOf } from "../../src/calibration/features.js";

describe("conformal quantile", () => {
  it("is the ⌈(n + 1)·level⌉-th smallest score (Lei et al. 2018)", () => {
    const scores = [1, 2, 3, 4, 5, 6, 7, 8, 9];
    expect(conformalRank(9, 0.8)).toBe(8);
    expect(conformalQuantile(scores, 0.8)).toBe(8);
    expect(conformalRank(9, 0.9)).toBe(9); // 10 × 0.9 = 9 exactly, not 9.000000000000002
    expect(conformalQuantile(scores, 0.9)).toBe(9);
    expect(conformalQuantile(scores, 0.5)).toBe(5);
  });

  it("is infinite when there are too few scores for the level", () => {
    expect(conformalQuantile([1, 2, 3], 0.8)).toBe(Number.POSITIVE_INFINITY);
    expect(conformalQuantile([], 0.5)).toBe(Number.POSITIVE_INFINITY);
  });

  it("covers at least the level on exchangeable scores", () => {
    // Leave-one-out on n distinct scores: case i is covered when its score ranks ≤ ⌈n·level⌉ among the others + itself.
    const scores = Array.from({ length: 100 }, (_, i) => (i * 37) % 100);
    const widths = crossFittedHalfWidths(
      scores.map((score, i) => ({ score, group: `g${i}` })),
      0.8,
    );
    const covered = scores.filter((s, i) => s <= widths[i]!).length / scores.length;
    expect(covered).toBeGreaterThanOrEqual(0.8);
    expect(covered).toBeLessThanOrEqual(0.8 + 1 / 100);
  });
});

describe("cross-fitting by group", () => {
  it("never lets a case or its group calibrate its own interval", () => {
    // Group "big" has the two large errors: its cases are calibrated on the small errors only.
    const cases = [
      { score: 1, group: "a" },
      { score: 2, group: "b" },
      { score: 3, group: "c" },
      { score: 4, group: "d" },
      { score: 90, group: "big" },
      { score: 95, group: "big" },
    ];
    const widths = crossFittedHalfWidths(cases, 0.5);
    // The big group's calibration set is [1, 2, 3, 4]: rank ⌈5 × 0.5⌉ = 3 → 3.
    expect(widths[4]).toBe(3);
    expect(widths[5]).toBe(3);
    // Case a's calibration set is [2, 3, 4, 90, 95]: rank ⌈6 × 0.5⌉ = 3 → 4.
    expect(widths[0]).toBe(4);
  });

  it("calibrates each category on its own when conditioned (Mondrian)", () => {
    const cases = [
      ...[1, 2, 3, 4].map((score, i) => ({ score, group: `s${i}`, category: "narrow" })),
      ...[40, 50, 60, 70].map((score, i) => ({ score, group: `w${i}`, category: "wide" })),
    ];
    const widths = crossFittedHalfWidths(cases, 0.5);
    expect(widths[0]).toBe(3); // [2, 3, 4]: rank 2
    expect(widths[4]).toBe(60); // [50, 60, 70]: rank 2
  });
});

describe("interval scores", () => {
  it("cuts intervals to the scale and measures coverage and width", () => {
    const intervals = [intervalAround(90, 20, 0, 100), intervalAround(50, 10, 0, 100)];
    expect(intervals[0]).toEqual({ lower: 70, upper: 100 });
    expect(scoreIntervals(0.8, intervals, [100, 61])).toEqual({ level: 0.8, coverage: 0.5, meanWidth: 25 });
    expect(scoreIntervals(0.8, [], [])).toEqual({ level: 0.8, coverage: null, meanWidth: null });
  });

  it("reads levels as fractions or percentages", () => {
    expect(parseLevel("0.8")).toBe(0.8);
    expect(parseLevel("80")).toBe(0.8);
    expect(parseLevel("80%")).toBe(0.8);
    expect(parseLevel("0")).toBeUndefined();
    expect(parseLevel("100")).toBeUndefined();
    expect(parseLevel("abc")).toBeUndefined();
  });

  it("puts cases in fixed categories", () => {
    expect(categoryOf({ positions: [0, 100], hasReference: true }, "spread")).toBe("wide");
    expect(categoryOf({ positions: [40, 60], hasReference: false }, "spread")).toBe("narrow");
    expect(categoryOf({ positions: [40, 60], hasReference: false }, "reference")).toBe("without");
    expect(categoryOf({ positions: [40, 60], hasReference: false }, "rule")).toBe("unknown");
    expect(categoryOf({ positions: [40, 60], hasReference: false, voting: "unanimity" }, "rule")).toBe("unanimity");
  });
});
