import { describe, expect, it } from "vitest";
import { inverseNormalCdf, normalCdf, quantile, truncatedNormalMoments, type Sampler } from "../../src/uncertainty/distributions.js";
import { counterUniform, hash3 } from "../../src/uncertainty/random.js";
import { mean, standardDeviation } from "../../src/uncertainty/stats.js";

const N = 200_000;

const min = (x: Float64Array): number => x.reduce((a, b) => Math.min(a, b), Infinity);
const max = (x: Float64Array): number => x.reduce((a, b) => Math.max(a, b), -Infinity);

function draw(sampler: Sampler, seed = 7): Float64Array {
  const out = new Float64Array(N);
  for (let k = 0; k < N; k++) out[k] = quantile(sampler, counterUniform(seed, k, 12345));
  return out;
}

describe("counter-based uniforms", () => {
  it("depend only on (seed, sample, key) and look uniform", () => {
    expect(counterUniform(1, 2, 3)).toBe(counterUniform(1, 2, 3));
    expect(counterUniform(1, 2, 3)).not.toBe(counterUniform(1, 3, 3));
    expect(hash3(0, 0, 0)).not.toBe(hash3(0, 0, 1));
    const u = draw({ kind: "uniform", low: 0, high: 1 });
    expect(mean(u)).toBeCloseTo(0.5, 2);
    expect(standardDeviation(u)).toBeCloseTo(Math.sqrt(1 / 12), 2);
    // Lag-1 correlation between consecutive samples ≈ 0.
    let c = 0;
    for (let k = 1; k < N; k++) c += (u[k]! - 0.5) * (u[k - 1]! - 0.5);
    expect(Math.abs(c / (N - 1) / (1 / 12))).toBeLessThan(0.01);
  });
});

describe("sampling each distribution", () => {
  it("uniform: mean and sd of U(10, 30)", () => {
    const x = draw({ kind: "uniform", low: 10, high: 30 });
    expect(mean(x)).toBeCloseTo(20, 1);
    expect(standardDeviation(x)).toBeCloseTo(20 / Math.sqrt(12), 1);
    expect(min(x)).toBeGreaterThanOrEqual(10);
    expect(max(x)).toBeLessThanOrEqual(30);
  });

  it("triangular: mean (a+b+c)/3 and variance (a²+b²+c²−ab−ac−bc)/18", () => {
    const [a, c, b] = [0, 20, 100];
    const x = draw({ kind: "triangular", low: a, mode: c, high: b });
    expect(mean(x)).toBeCloseTo((a + b + c) / 3, 0);
    expect(standardDeviation(x)).toBeCloseTo(Math.sqrt((a * a + b * b + c * c - a * b - a * c - b * c) / 18), 0);
    expect(min(x)).toBeGreaterThanOrEqual(a);
    expect(max(x)).toBeLessThanOrEqual(b);
  });

  it("normal: untruncated moments, and truncation respected with the truncated moments", () => {
    const wide = draw({ kind: "normal", mean: 50, sd: 5, low: -Infinity, high: Infinity });
    expect(mean(wide)).toBeCloseTo(50, 1);
    expect(standardDeviation(wide)).toBeCloseTo(5, 1);
    const truncated = draw({ kind: "normal", mean: 90, sd: 15, low: 0, high: 100 });
    expect(max(truncated)).toBeLessThanOrEqual(100);
    expect(min(truncated)).toBeGreaterThanOrEqual(0);
    const m = truncatedNormalMoments(90, 15, 0, 100);
    expect(mean(truncated)).toBeCloseTo(m.mean, 1);
    expect(standardDeviation(truncated)).toBeCloseTo(Math.sqrt(m.variance), 1);
    expect(m.mean).toBeLessThan(90);
  });

  it("estimates: each drawn with its weight's share", () => {
    const x = draw({ kind: "estimates", values: [10, 20, 40], cumulative: [0.25, 0.75, 1] });
    const share = (v: number) => x.filter((y) => y === v).length / N;
    expect(share(10)).toBeCloseTo(0.25, 2);
    expect(share(20)).toBeCloseTo(0.5, 2);
    expect(share(40)).toBeCloseTo(0.25, 2);
  });

  it("normal CDF and its inverse agree", () => {
    for (const z of [-6, -3, -1, 0, 0.5, 2, 4]) expect(inverseNormalCdf(normalCdf(z))).toBeCloseTo(z, 5);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
  });
});
