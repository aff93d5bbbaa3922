/** What every negotiator is built from: its party, the stakes, and its acceptable outcomes sorted by its utility. */
import type { NegotiationStakes } from "../stakes.js";
import { SortedOutcomes } from "./sorted-outcomes.js";

/** What the scenario says about a party beyond its preferences (used by the scenario-informed agent). */
export interface PartyTraits {
  /** Capability relative to the most capable party at the table, in (0, 1]. */
  readonly clout: number;
  /** Salience-weighted stake in the talks, 0–1: the mean salience of its stances / 100. */
  readonly stake: number;
}

export interface NegotiatorContext {
  readonly stakes: NegotiationStakes;
  readonly party: number;
  /** The other parties whose signature is needed. */
  readonly others: readonly number[];
  readonly outcomes: SortedOutcomes;
  /** Its own utility by rank. */
  readonly utility: Float64Array;
  /** The other signatories' utility tables, in the order of `others` (read on every offer). */
  readonly othersUtility: readonly Float64Array[];
  readonly traits?: PartyTraits;
}

export function negotiatorContext(stakes: NegotiationStakes, party: number, table: readonly number[], traits?: PartyTraits): NegotiatorContext {
  const utility = stakes.utilities(party);
  const others = table.filter((p) => p !== party);
  return {
    stakes,
    party,
    others,
    othersUtility: others.map((p) => stakes.utilities(p)),
    outcomes: new SortedOutcomes(utility, stakes.acceptable(party)),
    utility,
    ...(traits ? { traits } : {}),
  };
}

/** Best (Pmax) and worst (Pmin) utility among the outcomes the party may accept; undefined when it may accept none. */
export function utilityRange(context: NegotiatorContext): { max: number; min: number } | undefined {
  const { outcomes } = context;
  if (outcomes.count === 0) return undefined;
  return { max: outcomes.utilityAt(outcomes.count - 1), min: outcomes.utilityAt(0) };
}

/** The same range for any party, by one pass over the space (for agents that gauge the others). */
export function acceptableRange(stakes: NegotiationStakes, party: number): { max: number; min: number } | undefined {
  const u = stakes.utilities(party);
  const mask = stakes.acceptable(party);
  let max = Number.NEGATIVE_INFINITY;
  let min = Number.POSITIVE_INFINITY;
  for (let r = 0; r < u.length; r++) {
    if (mask[r] !== 1) continue;
    if (u[r]! > max) max = u[r]!;
    if (u[r]! < min) min = u[r]!;
  }
  return max >= min ? { max, min } : undefined;
}
