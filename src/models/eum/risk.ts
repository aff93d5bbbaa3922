/**
 * Risk update at the start of every round (spec §3.1; Scholz et al. eqs. 32–34).
 */

import type { PerspectiveRule } from "./rules.js";
import { expectedUtility, perspectiveOf, type UtilityRules, type UtilitySnapshot } from "./utility.js";

/**
 * Danger (security) level of each actor i: Dng_i = Σ_{k ≠ i, in input order} EU(k → i), evaluated on a
 * snapshot where every risk exponent is 1. The test k ≠ i is by identity, so co-located actors count
 * (and contribute exactly 0 at r = 1). The reference code reads EU from i's perspective, the paper from
 * the challenger k's; with r = 1 and Q = 1 both give the same value.
 */
export function dangerLevels(
  snapshot: UtilitySnapshot,
  rules: UtilityRules & { readonly perspective: PerspectiveRule },
): number[] {
  const n = snapshot.positions.length;
  const dangers: number[] = [];
  for (let target = 0; target < n; target++) {
    let danger = 0;
    for (let challenger = 0; challenger < n; challenger++) {
      if (challenger === target) continue;
      const perspective = perspectiveOf(rules.perspective, target, challenger);
      danger += expectedUtility(snapshot, rules, perspective, challenger, target);
    }
    dangers.push(danger);
  }
  return dangers;
}

/**
 * Risk exponents from danger levels: A_i = ((2·Dng_i − hi) − lo) / (hi − lo) in [−1, 1], then
 * r_i = (1 − A_i/3) / (1 + A_i/3) in [0.5, 2]; the most endangered actor gets 0.5 (risk-averse), the
 * safest 2. When every danger level is equal (e.g. everyone has converged) the reference code divides
 * by zero; we set A_i = 0, so r_i = 1 (the spec's suggested behaviour).
 */
export function riskExponents(dangers: readonly number[]): number[] {
  const hi = dangers.reduce((max, danger) => Math.max(max, danger), -Infinity);
  const lo = dangers.reduce((min, danger) => Math.min(min, danger), Infinity);
  return dangers.map((danger) => {
    const basis = hi === lo ? 0 : (2 * danger - hi - lo) / (hi - lo);
    return (1 - basis / 3) / (1 + basis / 3);
  });
}
