/**
 * Votes and probabilities of success (spec §2.1, §2.2).
 *
 * A voter k's preference margin between positions a and b is w_k·((|x_k − b|/R)^ρ − (|x_k − a|/R)^ρ).
 * The powered distances (|x_k − x_j|/R)^ρ_k between every voter k and every actor position x_j are the
 * only costly part (one `Math.pow` each), so a snapshot computes them once into an n×n matrix; a margin
 * is then one subtraction and one product, bit-identical to evaluating the formula directly.
 */

import type { ProbabilityRule } from "./rules.js";
import { pow } from "../../numeric/portable.js";

/**
 * Voter k's margin for position `a` over position `b` (spec §2.1); positive when the voter is closer to a.
 * Evaluation order as in the reference code: divide each distance by R, raise to ρ, subtract a's term
 * from b's, then multiply by the weight w_k = c_k·s_k.
 */
export function preferenceMargin(
  weight: number,
  voterPosition: number,
  a: number,
  b: number,
  range: number,
  exponent: number,
): number {
  const towardB = pow(Math.abs(voterPosition - b) / range, exponent);
  const towardA = pow(Math.abs(voterPosition - a) / range, exponent);
  return weight * (towardB - towardA);
}

/**
 * The n×n matrix (row-major) of (|x_k − x_j| / R)^ρ_k: row k is voter k, column j is actor j's position,
 * ρ_k is voter k's vote exponent.
 */
export function distancePowers(
  positions: readonly number[],
  voteExponents: readonly number[],
  range: number,
): Float64Array {
  const n = positions.length;
  const matrix = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    const voterPosition = positions[k] as number;
    const exponent = voteExponents[k] as number;
    for (let j = 0; j < n; j++) {
      matrix[k * n + j] = pow(Math.abs(voterPosition - (positions[j] as number)) / range, exponent);
    }
  }
  return matrix;
}

/** How the global normaliser is summed: see {@link globalNormaliser}. */
export type NormaliserSummation = "exact-order" | "sorted";

/**
 * The reference code's global normaliser D = Σ_k Σ_α Σ_β |m_k(x_α over x_β; r_k)| (spec §2.2).
 *
 * - `"exact-order"` (default) accumulates in the reference nesting (k outer, α middle, β inner, from 0),
 *   which is what makes the golden files match bit for bit apart from `Math.pow` ulps. O(n³) additions,
 *   but with the powers cached it is cheap (about a million additions at n = 100).
 * - `"sorted"` uses Σ_α Σ_β |u_β − u_α| = 2·Σ_i u_(i)·(2i − n + 1) over each voter's sorted row u, which
 *   is O(n² log n). Mathematically equal (weights are non-negative); rounding differs in the last bits,
 *   which stays far inside 1e-9 on the golden case but could in principle flip an exact near-tie.
 */
export function globalNormaliser(
  powers: Float64Array,
  weights: readonly number[],
  summation: NormaliserSummation = "exact-order",
): number {
  return summation === "sorted" ? sortedNormaliser(powers, weights) : exactOrderNormaliser(powers, weights);
}

function exactOrderNormaliser(powers: Float64Array, weights: readonly number[]): number {
  const n = weights.length;
  let total = 0;
  for (let k = 0; k < n; k++) {
    const weight = weights[k] as number;
    const row = k * n;
    for (let alpha = 0; alpha < n; alpha++) {
      const towardAlpha = powers[row + alpha] as number;
      for (let beta = 0; beta < n; beta++) {
        total += Math.abs(weight * ((powers[row + beta] as number) - towardAlpha));
      }
    }
  }
  return total;
}

function sortedNormaliser(powers: Float64Array, weights: readonly number[]): number {
  const n = weights.length;
  let total = 0;
  for (let k = 0; k < n; k++) {
    const row = powers.slice(k * n, (k + 1) * n).sort();
    let pairSum = 0;
    for (let i = 0; i < n; i++) pairSum += (row[i] as number) * (2 * i - n + 1);
    total += (weights[k] as number) * 2 * pairSum;
  }
  return total;
}

/** What a probability needs to know about the current snapshot. */
export interface VoteTable {
  readonly positions: readonly number[];
  readonly weights: readonly number[];
  /** From {@link distancePowers}. */
  readonly powers: Float64Array;
  /** From {@link globalNormaliser}; only read by the `"global-normaliser"` rule. */
  readonly normaliser: number;
}

/**
 * Probability that the actor at the challenger's position beats the actor at the target's position
 * (spec §2.2): the sum of the positive margins (voters who prefer the challenger), divided by
 * - the global normaliser D (reference code), or
 * - the voters' total absolute margin on this pair (paper), which makes P(a,b) + P(b,a) = 1.
 *
 * Returns 0 when both stand at exactly the same position (as the reference code does). Where the
 * reference code would divide by zero (no voter has any weight), returns 0 for the global rule and
 * 0.5 for the pairwise rule: nobody prefers either side.
 */
export function probabilityOfSuccess(
  table: VoteTable,
  rule: ProbabilityRule,
  challenger: number,
  target: number,
): number {
  const { positions, weights, powers } = table;
  if (positions[challenger] === positions[target]) return 0;
  const n = weights.length;
  let support = 0;
  let totalAbsolute = 0;
  for (let k = 0; k < n; k++) {
    const margin = (weights[k] as number) * ((powers[k * n + target] as number) - (powers[k * n + challenger] as number));
    if (margin > 0) support += margin;
    totalAbsolute += Math.abs(margin);
  }
  if (rule === "pairwise") return totalAbsolute > 0 ? support / totalAbsolute : 0.5;
  return table.normaliser > 0 ? support / table.normaliser : 0;
}

/**
 * P(x_c, x_t) for every ordered pair of actors, as an n×n matrix (row = challenger c, column = target t),
 * with exactly the arithmetic of {@link probabilityOfSuccess}. One pass over the voters serves both
 * directions of a pair, since m_k(b over a) = −m_k(a over b) exactly in floating point; this halves the
 * O(n³) work and lets the risk and offer phases read probabilities in O(1).
 */
export function probabilityMatrix(table: VoteTable, rule: ProbabilityRule): Float64Array {
  const { positions, powers, normaliser } = table;
  const n = positions.length;
  const weights = Float64Array.from(table.weights);
  // Column j of `powers` (every voter's powered distance to actor j) as a contiguous row, for cache-friendly
  // inner loops; the values and the order of summation over k are unchanged.
  const byActor = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    for (let j = 0; j < n; j++) byActor[j * n + k] = powers[k * n + j] as number;
  }
  const matrix = new Float64Array(n * n);
  for (let c = 0; c < n; c++) {
    const towardC = c * n;
    for (let t = c + 1; t < n; t++) {
      if (positions[c] === positions[t]) continue;
      const towardT = t * n;
      let supportForC = 0;
      let supportForT = 0;
      let totalAbsolute = 0;
      for (let k = 0; k < n; k++) {
        const margin = (weights[k] as number) * ((byActor[towardT + k] as number) - (byActor[towardC + k] as number));
        if (margin > 0) supportForC += margin;
        else if (margin < 0) supportForT -= margin;
        totalAbsolute += Math.abs(margin);
      }
      const denominator = rule === "pairwise" ? totalAbsolute : normaliser;
      const fallback = rule === "pairwise" ? 0.5 : 0;
      matrix[c * n + t] = denominator > 0 ? supportForC / denominator : fallback;
      matrix[t * n + c] = denominator > 0 ? supportForT / denominator : fallback;
    }
  }
  return matrix;
}
