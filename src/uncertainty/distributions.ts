/**
 * The distributions an uncertain number may follow, each sampled by its inverse CDF: a sample is
 * `quantile(distribution, u)` for one uniform u in [0, 1). One uniform per number keeps the draws of
 * different inputs independent of each other and of the order they are drawn in (see `random.ts`),
 * and gives the tornado its low and high points as quantiles of the same functions.
 */

import { exp, log } from "../numeric/portable.js";

/** A distribution with its bounds resolved (from the range, or the scale). */
export type Sampler =
  | { readonly kind: "fixed"; readonly value: number }
  | { readonly kind: "uniform"; readonly low: number; readonly high: number }
  | { readonly kind: "triangular"; readonly low: number; readonly mode: number; readonly high: number }
  /** Normal(mean, sd) truncated to [low, high] (either may be infinite). */
  | { readonly kind: "normal"; readonly mean: number; readonly sd: number; readonly low: number; readonly high: number }
  /** One of `values`, with probabilities given by the increments of `cumulative` (ending at 1). */
  | { readonly kind: "estimates"; readonly values: readonly number[]; readonly cumulative: readonly number[] };

/** Cumulative shares of non-negative weights (equal weights when absent); the last is exactly 1. */
export function cumulativeWeights(count: number, weights?: readonly number[]): number[] {
  const w = Array.from({ length: count }, (_, i) => Math.max(0, weights?.[i] ?? 1));
  const total = w.reduce((a, b) => a + b, 0);
  if (!(total > 0)) throw new RangeError("cumulativeWeights: the weights sum to 0");
  let running = 0;
  const out = w.map((x) => (running += x) / total);
  out[count - 1] = 1;
  return out;
}

/** The value at probability u ∈ [0, 1) of a distribution: its inverse CDF. */
export function quantile(sampler: Sampler, u: number): number {
  switch (sampler.kind) {
    case "fixed":
      return sampler.value;
    case "uniform":
      return sampler.low + u * (sampler.high - sampler.low);
    case "triangular":
      return triangularQuantile(sampler.low, sampler.mode, sampler.high, u);
    case "normal":
      return truncatedNormalQuantile(sampler.mean, sampler.sd, sampler.low, sampler.high, u);
    case "estimates": {
      const { values, cumulative } = sampler;
      for (let i = 0; i < values.length; i++) if (u < (cumulative[i] as number)) return values[i] as number;
      return values[values.length - 1] as number;
    }
  }
}

/** Inverse CDF of the triangular distribution on [a, b] with mode c. */
export function triangularQuantile(a: number, c: number, b: number, u: number): number {
  if (!(b > a)) return a;
  const split = (c - a) / (b - a);
  if (u < split) return a + Math.sqrt(u * (b - a) * (c - a));
  return b - Math.sqrt((1 - u) * (b - a) * (b - c));
}

/**
 * Inverse CDF of Normal(mean, sd) truncated to [low, high]: Φ⁻¹(Φ(α) + u·(Φ(β) − Φ(α))) in standard
 * units. Sampled from the side of the mean where the CDF is small, so that tails stay accurate.
 */
export function truncatedNormalQuantile(mean: number, sd: number, low: number, high: number, u: number): number {
  const alpha = (low - mean) / sd;
  const beta = (high - mean) / sd;
  let z: number;
  if (alpha > 0) {
    // Mirror: the interval lies in the upper tail, where 1 − Φ is the accurate quantity.
    const pa = normalCdf(-beta);
    const pb = normalCdf(-alpha);
    z = -inverseNormalCdf(pa + (1 - u) * (pb - pa));
  } else {
    const pa = normalCdf(alpha);
    const pb = normalCdf(beta);
    z = inverseNormalCdf(pa + u * (pb - pa));
  }
  return Math.min(high, Math.max(low, mean + sd * z));
}

/** Standard normal density. */
export function normalPdf(z: number): number {
  return exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
}

/** Standard normal CDF Φ(z), accurate to about 1e-7 relative, also far in the lower tail. */
export function normalCdf(z: number): number {
  if (z === Infinity) return 1;
  if (z === -Infinity) return 0;
  return 0.5 * erfc(-z / Math.SQRT2);
}

/** Complementary error function (Numerical Recipes' Chebyshev fit; fractional error < 1.2e-7 everywhere). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    exp(
      -z * z -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** Φ⁻¹(p) by Acklam's rational approximation (relative error < 1.2e-9); ±∞ at 0 and 1. */
export function inverseNormalCdf(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const [a0, a1, a2, a3, a4, a5] = a as [number, number, number, number, number, number];
  const [b0, b1, b2, b3, b4] = b as [number, number, number, number, number];
  const [c0, c1, c2, c3, c4, c5] = c as [number, number, number, number, number, number];
  const [d0, d1, d2, d3] = d as [number, number, number, number];
  const tail = (q: number): number => (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  if (p < 0.02425) return tail(Math.sqrt(-2 * log(p)));
  if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) / (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1);
}

/** Mean and variance of Normal(mean, sd) truncated to [low, high] (for tests and documentation). */
export function truncatedNormalMoments(mean: number, sd: number, low: number, high: number): { mean: number; variance: number } {
  const alpha = (low - mean) / sd;
  const beta = (high - mean) / sd;
  const z = normalCdf(beta) - normalCdf(alpha);
  const pa = Number.isFinite(alpha) ? normalPdf(alpha) : 0;
  const pb = Number.isFinite(beta) ? normalPdf(beta) : 0;
  const ta = Number.isFinite(alpha) ? alpha * pa : 0;
  const tb = Number.isFinite(beta) ? beta * pb : 0;
  const shift = (pa - pb) / z;
  return { mean: mean + sd * shift, variance: sd * sd * (1 + (ta - tb) / z - shift * shift) };
}
