/** What every negotiator is built from: its party, the stakes, and its acceptable outcomes sorted by its utility. */
import type { NegotiationStakes } from "../stakes.js";
import { SortedOutcomes, type SortedOutcomesBuffers } from "./sorted-outcomes.js";

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

/** `buffers`: storage for the sorted outcomes, reused from run to run (valid until the next context built into it). */
export function negotiatorContext(stakes: NegotiationStakes, party: number, table: readonly number[], traits?: PartyTraits, buffers?: SortedOutcomesBuffers): NegotiatorContext {
  const utility = stakes.utilities(party);
  const others = table.filter((p) => p !== party);
  return {
    stakes,
    party,
    others,
    othersUtility: others.map((p) => stakes.utilities(p)),
    outcomes: new SortedOutcomes(utility, stakes.acceptableRanks(party), buffers, stakes.acceptableUtilities?.(party)),
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

/** The same range for any party, by one pass over its acceptable outcomes (for agents that gauge the others). */
export function acceptableRange(stakes: NegotiationStakes, party: number): { max: number; min: number } | undefined {
  const u = stakes.utilities(party);
  const ranks = stakes.acceptableRanks(party);
  let max = Number.NEGATIVE_INFINITY;
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < ranks.length; i++) {
    const v = u[ranks[i]!]!;
    if (v > max) max = v;
    if (v < min) min = v;
  }
  return max >= min ? { max, min } : undefined;
}
