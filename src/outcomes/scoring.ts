/**
 * Exact utility arithmetic for the analyses.
 *
 * Utilities are converted to integer multiples of 10⁻¹² ("units", stored in ordinary numbers, exact
 * below 2⁵³). For additive utilities every weighted contribution w_i·e_i(v) is rounded to 12 decimals
 * ONCE; sums of units are then exact, so they do not depend on the order of addition. This is what
 * lets the divide-and-conquer frontier (which adds partial sums in a tree) and the enumeration agree
 * bit for bit, and it makes profiles written with few decimals (GeniusWeb, NegoLog) tie exactly when
 * their decimal sums are equal. The rounding moves a utility by at most (issues × 0.5)·10⁻¹², far below
 * the 10⁻⁶ resolution of published reference values.
 *
 * The GENIUS cap min(1, ·) is kept only for parties whose largest possible sum exceeds it: otherwise
 * it can never bind and dropping it changes nothing.
 */
import { advanceOdometer, issueSizes, OutcomeSpaceError, type Outcome, type OutcomeSpace } from "./space.js";
import { issueContributions, type UtilityFunction } from "./utility.js";

/** Units per utility: utilities are multiples of 10⁻¹². */
export const UNITS_PER_UTILITY = 1e12;
/** Largest |utility| the exact representation supports (2⁵² units). */
export const MAX_ABS_UTILITY = 2 ** 52 / UNITS_PER_UTILITY;

/** Converts a utility to units (rounded to 12 decimals). */
export function toUnits(utility: number): number {
  if (!(Math.abs(utility) <= MAX_ABS_UTILITY)) {
    throw new OutcomeSpaceError(`utility ${utility} is not a number of magnitude at most ${Math.floor(MAX_ABS_UTILITY)}`);
  }
  return Math.round(utility * UNITS_PER_UTILITY);
}

/** Converts units back to a utility. */
export function fromUnits(units: number): number {
  return units / UNITS_PER_UTILITY;
}

/** One party's additive utility in units. */
export interface AdditiveUnits {
  readonly kind: "additive";
  /** contributions[issue][value] = round(w_issue · e_issue(value)) in units. */
  readonly contributions: readonly (readonly number[])[];
  /** The cap in units, or undefined when it cannot bind. */
  readonly cap: number | undefined;
  readonly reservation: number;
}

/** One party's general utility, rounded to units on evaluation. */
export interface GeneralUnits {
  readonly kind: "general";
  readonly evaluate: (outcome: Outcome) => number;
  readonly reservation: number;
}

export type PartyUnits = AdditiveUnits | GeneralUnits;

/** All parties' utilities in units, ready for exact analysis. */
export interface ScoredSpace {
  readonly space: OutcomeSpace;
  readonly parties: readonly PartyUnits[];
  readonly additive: boolean;
}

/** Converts the parties' utility functions to units. */
export function scoreSpace(space: OutcomeSpace, utilities: readonly UtilityFunction[]): ScoredSpace {
  if (utilities.length === 0) throw new OutcomeSpaceError("an analysis needs at least one party");
  const parties = utilities.map((utility): PartyUnits => {
    if (utility.kind === "general") {
      return { kind: "general", evaluate: (outcome) => toUnits(utility.evaluate(outcome)), reservation: toUnits(utility.reservation) };
    }
    const contributions = issueContributions(utility).map((table) => table.map(toUnits));
    const largest = contributions.reduce((sum, table) => sum + Math.max(...table), 0);
    if (!(Math.abs(largest) <= 2 ** 52)) throw new OutcomeSpaceError("additive utility sums exceed the supported magnitude");
    const cap = utility.cap === undefined || toUnits(utility.cap) >= largest ? undefined : toUnits(utility.cap);
    return { kind: "additive", contributions, cap, reservation: toUnits(utility.reservation) };
  });
  return { space, parties, additive: parties.every((party) => party.kind === "additive") };
}

/** Utility of one party for one outcome, in units. */
export function partyUnits(party: PartyUnits, outcome: Outcome): number {
  if (party.kind === "general") return party.evaluate(outcome);
  let sum = 0;
  party.contributions.forEach((table, i) => {
    sum += table[outcome[i]!]!;
  });
  return party.cap === undefined ? sum : Math.min(party.cap, sum);
}

/** Utilities of every party for one outcome, in units. */
export function outcomeUnits(scored: ScoredSpace, outcome: Outcome): number[] {
  return scored.parties.map((party) => partyUnits(party, outcome));
}

/** Largest and smallest value of an additive party over the whole space, in units (cap applied). */
export function additiveRange(party: AdditiveUnits): { max: number; min: number } {
  const max = party.contributions.reduce((sum, table) => sum + Math.max(...table), 0);
  const min = party.contributions.reduce((sum, table) => sum + Math.min(...table), 0);
  const cap = party.cap ?? Number.POSITIVE_INFINITY;
  return { max: Math.min(cap, max), min: Math.min(cap, min) };
}

/**
 * Calls `visit(outcome, units, rank)` for every outcome in rank order. `outcome` and `units` are
 * reused buffers: copy them to keep them. Additive parties are updated incrementally (only the
 * issues that changed are re-added), so the cost per outcome is O(parties) on average.
 */
export function forEachScoredOutcome(
  scored: ScoredSpace,
  visit: (outcome: readonly number[], units: Float64Array, rank: number) => void,
): void {
  const sizes = issueSizes(scored.space);
  const issues = sizes.length;
  const partyCount = scored.parties.length;
  const outcome = new Array<number>(issues).fill(0);
  // prefix[p * (issues + 1) + i] = party p's sum over issues 0..i-1 of the current outcome.
  const prefix = new Float64Array(partyCount * (issues + 1));
  const units = new Float64Array(partyCount);
  const refreshFrom = (first: number): void => {
    scored.parties.forEach((party, p) => {
      if (party.kind === "general") return;
      const base = p * (issues + 1);
      for (let i = first; i < issues; i++) prefix[base + i + 1] = prefix[base + i]! + party.contributions[i]![outcome[i]!]!;
    });
  };
  refreshFrom(0);
  for (let rank = 0; ; rank++) {
    scored.parties.forEach((party, p) => {
      if (party.kind === "general") units[p] = party.evaluate(outcome);
      else {
        const sum = prefix[p * (issues + 1) + issues]!;
        units[p] = party.cap === undefined ? sum : Math.min(party.cap, sum);
      }
    });
    visit(outcome, units, rank);
    const changed = advanceOdometer(outcome, sizes);
    if (changed < 0) return;
    refreshFrom(changed);
  }
}
