import { describe, expect, it } from "vitest";
import { counterUniform } from "../../src/uncertainty/random.js";
import { describeSample, firstOrderIndex, histogram, quantileOfSorted, standardDeviation } from "../../src/uncertainty/stats.js";

describe("quantiles and histograms on hand cases", () => {
  it("interpolates between order statistics (type 7)", () => {
    const sorted = [1, 2, 3, 4, 5];
    expect(quantileOfSorted(sorted, 0)).toBe(1);
    expect(quantileOfSorted(sorted, 0.5)).toBe(3);
    expect(quantileOfSorted(sorted, 0.25)).toBe(2);
    expect(quantileOfSorted(sorted, 0.05)).toBeCloseTo(1.2, 12);
    expect(quantileOfSorted(sorted, 0.95)).toBeCloseTo(4.8, 12);
    expect(quantileOfSorted([10, 20], 0.75)).toBe(17.5);
    expect(quantileOfSorted([7], 0.3)).toBe(7);
  });

  it("counts values in fixed bins, the top edge in the last bin", () => {
    expect(histogram([0, 9.99, 10, 55, 100], 0, 100, 10).counts).toEqual([2, 1, 0, 0, 0, 1, 0, 0, 0, 1]);
    expect(histogram([-5, 105], 0, 100, 4).counts).toEqual([1, 0, 0, 1]);
  });

  it("describes a sample", () => {
    const d = describeSample([4, 1, 3, 2, 5], 0, 10, 5);
    expect(d.mean).toBe(3);
    expect(d.sd).toBeCloseTo(Math.sqrt(2.5), 12);
    expect(d.quantiles).toEqual({ p5: 1.2, p25: 2, p50: 3, p75: 4, p95: 4.8 });
    expect(d.histogram.counts).toEqual([1, 2, 2, 0, 0]);
    expect(standardDeviation([3])).toBe(0);
  });

  it("first-order index: 1 for y = f(x), about 0 for noise, the share for a sum", () => {
    const n = 4000;
    const x = Array.from({ length: n }, (_, i) => counterUniform(1, i, 1));
    const z = Array.from({ length: n }, (_, i) => counterUniform(1, i, 2));
    expect(firstOrderIndex(x, x.map((v) => v * v))).toBeGreaterThan(0.98);
    expect(firstOrderIndex(x, z)).toBeLessThan(0.02);
    // y = x + 2z with independent uniforms: S_x = 1/5.
    const y = x.map((v, i) => v + 2 * z[i]!);
    expect(firstOrderIndex(x, y)).toBeCloseTo(0.2, 1);
    // A discrete input: bins never split tied values.
    const d = x.map((v) => (v < 0.5 ? 0 : 1));
    expect(firstOrderIndex(d, d.map((v, i) => v + 0.1 * z[i]!))).toBeGreaterThan(0.95);
  });
});
