/**
 * Offers and the receiver's choice among them (spec §3.2–§3.3; Scholz et al. §6).
 *
 * Receiver i looks at every actor j standing elsewhere and compares a = EU(i → j) with b = EU(j → i).
 * An offer only ever moves the receiver; a dyad in which j should move is handled when j is the receiver.
 */

import type { CompromiseSelectionRule, PerspectiveRule } from "./rules.js";
import { expectedUtility, perspectiveOf, type UtilityRules, type UtilitySnapshot } from "./utility.js";

export type OfferKind = "confrontation" | "compromise" | "capitulation";

export interface Offer {
  readonly kind: OfferKind;
  /** Index of the actor making the offer (j). */
  readonly from: number;
  /** a = EU(i → j): the receiver challenging j. */
  readonly receiverUtility: number;
  /** b = EU(j → i): j challenging the receiver. */
  readonly offererUtility: number;
  /** x_j, the offerer's position. */
  readonly offererPosition: number;
  /** Where the receiver would move if it accepted. */
  readonly newPosition: number;
}

/**
 * Classify j's offer to i from a = EU(i → j) and b = EU(j → i); first matching rule wins, all strict:
 * - confrontation: a > 0 and b > a (j expects to win more): i moves fully to x_j;
 * - compromise: b > 0, a < 0 and b > |a| (j has the upper hand): i moves part way;
 * - capitulation (paper only): b > 0, a < 0 and b < |a|: i moves fully to x_j. The reference code's test
 *   reads `b < |b|`, which can never hold, so with `capitulation` false this region yields no offer.
 * Everything else (both negative, a ≥ b > 0, a > 0 > b, exact zeros, b = |a|) is no offer (null).
 */
export function classifyOffer(a: number, b: number, capitulation: boolean): OfferKind | null {
  if (a > 0 && b > a) return "confrontation";
  if (b > 0 && a < 0 && b > Math.abs(a)) return "compromise";
  if (capitulation && b > 0 && a < 0 && b < Math.abs(a)) return "capitulation";
  return null;
}

/** The compromise position x_i + (x_j − x_i)·|a / b| (evaluated in that order; |a/b| < 1). */
export function compromisePosition(receiverPosition: number, offererPosition: number, a: number, b: number): number {
  return receiverPosition + (offererPosition - receiverPosition) * Math.abs(a / b);
}

/**
 * The reference code's ranking key for compromise offers, (|a|·x_i + |b|·x_j) / (|a| + |b|): a position
 * on the scale, not a distance. Taking its minimum favours offers toward the low end of the scale, so
 * the reference model is not mirror-invariant (spec §3.3).
 */
export function compromiseKey(receiverPosition: number, offererPosition: number, a: number, b: number): number {
  return (Math.abs(a) * receiverPosition + Math.abs(b) * offererPosition) / (Math.abs(a) + Math.abs(b));
}

export interface OfferRules extends UtilityRules {
  readonly perspective: PerspectiveRule;
  readonly capitulation: boolean;
}

/**
 * All offers received by `receiver`, in input order of the offerer. Actors at exactly the receiver's
 * position (including itself) are skipped. a is always seen by the receiver; b by the receiver
 * (reference code) or by the offerer (paper).
 */
export function offersTo(snapshot: UtilitySnapshot, rules: OfferRules, receiver: number): Offer[] {
  const positions = snapshot.positions;
  const receiverPosition = positions[receiver] as number;
  const offers: Offer[] = [];
  positions.forEach((offererPosition, offerer) => {
    if (offererPosition === receiverPosition) return;
    const a = expectedUtility(snapshot, rules, receiver, receiver, offerer);
    const b = expectedUtility(snapshot, rules, perspectiveOf(rules.perspective, receiver, offerer), offerer, receiver);
    const kind = classifyOffer(a, b, rules.capitulation);
    if (kind === null) return;
    const newPosition =
      kind === "compromise" ? compromisePosition(receiverPosition, offererPosition, a, b) : offererPosition;
    offers.push({ kind, from: offerer, offererPosition, receiverUtility: a, offererUtility: b, newPosition });
  });
  return offers;
}

/**
 * The offer the receiver accepts (spec §3.3), or null to stay put. Classes are tried in order
 * confrontation, compromise, capitulation. Within confrontations and capitulations the receiver moves
 * the least; among compromises it takes the lowest key (reference code) or the least movement (paper).
 * Ties go to the first offerer in input order.
 */
export function chooseOffer(
  receiverPosition: number,
  offers: readonly Offer[],
  compromiseSelection: CompromiseSelectionRule,
): Offer | null {
  const movement = (offer: Offer): number => Math.abs(receiverPosition - offer.newPosition);
  const lowestKey = (offer: Offer): number =>
    compromiseKey(receiverPosition, offer.offererPosition, offer.receiverUtility, offer.offererUtility);
  const ofKind = (kind: OfferKind): Offer[] => offers.filter((offer) => offer.kind === kind);
  return (
    firstMinimum(ofKind("confrontation"), movement) ??
    firstMinimum(ofKind("compromise"), compromiseSelection === "lowest-key" ? lowestKey : movement) ??
    firstMinimum(ofKind("capitulation"), movement)
  );
}

/** The first element with the smallest score (strict comparison keeps the earliest on ties), or null. */
export function firstMinimum<T>(items: readonly T[], score: (item: T) => number): T | null {
  let best: T | null = null;
  let bestScore = Infinity;
  for (const item of items) {
    const itemScore = score(item);
    if (best === null || itemScore < bestScore) {
      best = item;
      bestScore = itemScore;
    }
  }
  return best;
}
