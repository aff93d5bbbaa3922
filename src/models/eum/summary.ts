/**
 * Round summaries (spec §4): the capability×salience weighted mean, the weighted median of the golden
 * files, and the Condorcet (median-voter) sweep of the paper.
 */

import { preferenceMargin } from "./votes.js";

/** Σ(w_k·x_k) / Σ w_k, both sums left to right in input order (spec §4.1). Weights must not all be 0. */
export function weightedMean(positions: readonly number[], weights: readonly number[]): number {
  let weightedSum = 0;
  let totalWeight = 0;
  positions.forEach((position, k) => {
    const weight = weights[k] as number;
    weightedSum += weight * position;
    totalWeight += weight;
  });
  return weightedSum / totalWeight;
}

/**
 * Weighted median as the golden harness computes it (spec §4.2): sort (x, w) pairs by x then w, walk
 * them accumulating w and return the first x where the running sum reaches half the total. On an
 * exact half-split this returns the lower candidate; the result is always one of the positions.
 */
export function weightedMedian(positions: readonly number[], weights: readonly number[]): number {
  const pairs = positions
    .map((position, k) => ({ position, weight: weights[k] as number }))
    .sort((p, q) => p.position - q.position || p.weight - q.weight);
  let total = 0;
  for (const pair of pairs) total += pair.weight;
  const half = total / 2;
  let running = 0;
  for (const pair of pairs) {
    running += pair.weight;
    if (running >= half) return pair.position;
  }
  // Unreachable: the last running sum equals the total. Kept so the function is total.
  return (pairs[pairs.length - 1] as { position: number }).position;
}

/**
 * The median voter μ found by a Condorcet sweep with linear votes (spec §4.3, paper Appendix step 3):
 * walk the distinct positions in ascending order, and let a position replace the incumbent when the
 * weighted net vote for it over the incumbent, Σ_k m_k(y over incumbent; ρ = 1), is positive.
 * This minimises Σ w_k|x_k − z| and so agrees with {@link weightedMedian} except on exact half-splits
 * (where the ascending sweep also keeps the lower position) and floating-point near-ties.
 */
export function condorcetMedian(positions: readonly number[], weights: readonly number[], range: number): number {
  const candidates = [...new Set(positions)].sort((a, b) => a - b);
  let incumbent = candidates[0] as number;
  for (const challenger of candidates.slice(1)) {
    let netVote = 0;
    positions.forEach((voterPosition, k) => {
      netVote += preferenceMargin(weights[k] as number, voterPosition, challenger, incumbent, range, 1);
    });
    if (netVote > 0) incumbent = challenger;
  }
  return incumbent;
}
