/** The vocabulary of the protocol: what a negotiator sees on its turn and what it may do. */

/** What a negotiator may do on its turn. */
export type Action =
  | { readonly kind: "accept" }
  | { readonly kind: "offer"; readonly rank: number }
  | { readonly kind: "walk" };

/** The actions without a payload, shared rather than allocated per turn. */
export const ACCEPT: Action = Object.freeze({ kind: "accept" });
export const WALK: Action = Object.freeze({ kind: "walk" });

/**
 * What a negotiator sees on its turn. Offers are outcome ranks; parties are indices into the stakes' parties.
 * Valid during the turn only: the protocol updates one view in place from turn to turn.
 */
export interface TurnView {
  /** 0-based round. */
  readonly round: number;
  /** Relative time: round / (deadline − 1), 0 in the first round, 1 in the last. */
  readonly time: number;
  /** The offer on the table (−1 when none: the opening turn). */
  readonly table: number;
  /** Who made it (−1 when none). */
  readonly tableBy: number;
  /** Per party, its latest offer (−1 when it has made none). */
  readonly lastOffer: Int32Array;
  /** Per party, the offer it made before its latest one (−1 when none). */
  readonly previousOffer: Int32Array;
}

/** A negotiating agent for one party. Deterministic: the same views give the same actions. */
export interface Negotiator {
  readonly strategy: string;
  act(view: TurnView): Action;
}
