/**
 * How an agent turns a target utility into an offer. Deterministic, and O(log n + K) per turn:
 *
 * 1. find, by binary search in its sorted acceptable outcomes, the first outcome worth at least the
 *    target to it (if none is, its best outcome);
 * 2. take the candidates from there upward that are worth at most OFFER_WINDOW more than that first
 *    one, at most OFFER_CANDIDATES of them;
 * 3. offer the candidate the other signatories like best by its estimate: the largest minimum, over
 *    them, of their gain over their walk-away value (the least satisfied other party decides). Ties go
 *    to the earlier candidate (less for itself, then lower rank).
 *
 * The agents' estimate of the others' utilities is the scenario itself: positions, saliences and
 * walk-away values are the analyst's model, common knowledge at the table (complete information).
 */
import type { NegotiatorContext } from "./context.js";

/** Candidates may be worth this much more (in the agent's utility) than the first outcome at the target. */
export const OFFER_WINDOW = 0.01;
/** At most this many candidates are compared. */
export const OFFER_CANDIDATES = 16;

/** How good an outcome is for the other signatories, by the agent's estimate. */
export function othersScore(context: NegotiatorContext, rank: number): number {
  const { stakes, others, othersUtility } = context;
  let worst = Number.POSITIVE_INFINITY;
  for (let k = 0; k < others.length; k++) {
    const gain = othersUtility[k]![rank]! - stakes.walkAway[others[k]!]!;
    if (gain < worst) worst = gain;
  }
  return others.length === 0 ? 0 : worst;
}

/** The rank of the outcome offered for a target utility; −1 when the agent may accept no outcome. */
export function pickOffer(context: NegotiatorContext, target: number): number {
  const { outcomes } = context;
  if (outcomes.count === 0) return -1;
  let first = outcomes.lowerBound(target);
  if (first >= outcomes.count) first = outcomes.count - 1;
  const ceiling = outcomes.utilityAt(first) + OFFER_WINDOW;
  let best = outcomes.rankAt(first);
  let bestScore = othersScore(context, best);
  const last = Math.min(outcomes.count, first + OFFER_CANDIDATES);
  for (let i = first + 1; i < last; i++) {
    if (outcomes.utilityAt(i) > ceiling) break;
    const rank = outcomes.rankAt(i);
    const score = othersScore(context, rank);
    if (score > bestScore) {
      best = rank;
      bestScore = score;
    }
  }
  return best;
}
