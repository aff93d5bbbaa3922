/**
 * What the negotiating agents and the protocol need to know about a negotiation, behind one small
 * interface: the outcome space, each party's utility of every outcome, its walk-away value, whether it
 * may accept (or offer) an outcome, and whose signature an agreement needs. The simulation never asks
 * anything else, so the acceptance rules (red lines, linkage, outside options, the decision rule) live in
 * one place and the protocol and the agents do not depend on how they are decided.
 *
 * Outcomes are addressed by their rank in the space (`outcomes/space.ts`: mixed radix, last issue
 * fastest). Pure.
 */
import type { UtilityFunction } from "../outcomes/utility.js";
import { SimulationError } from "./errors.js";
import { advanceOdometer, issueSizes, outcomeCount, type OutcomeSpace } from "../outcomes/space.js";

/** Largest space a simulation materialises (utilities of every outcome for every party). */
export const MAX_SIMULATION_OUTCOMES = 2_000_000;

export { SimulationError };

export interface NegotiationStakes {
  readonly space: OutcomeSpace;
  /** Number of outcomes (ranks 0 … size − 1). */
  readonly size: number;
  /** Every party with preferences over the space, in scenario (or profile) order. */
  readonly parties: readonly string[];
  /** Indices into `parties` of those whose signature an agreement needs, in scenario order. */
  readonly signatories: readonly number[];
  /** Each party's walk-away utility: what it gets when talks fail. */
  readonly walkAway: readonly number[];
  /** Party p's utility of every outcome, by rank. */
  utilities(p: number): Float64Array;
  /** Per rank, 1 when party p may accept or offer the outcome (at least its walk-away, no red line crossed). */
  acceptable(p: number): Uint8Array;
  /** The ranks party p may accept, ascending: the 1s of `acceptable(p)`, listed (what its sorted outcomes are built from). */
  acceptableRanks(p: number): Uint32Array;
  /** When the stakes list them in the pass that marks them: party p's utility of each of `acceptableRanks(p)`, in that order. */
  acceptableUtilities?(p: number): Float64Array;
  /** Party p's utility of one outcome: `utilities(p)[rank]`, without building the table when it is not built. */
  utilityOf(p: number, rank: number): number;
}

/** Tolerance that keeps an actor indifferent between a deal and walking away from flipping on rounding (as `parley deal`). */
export const ACCEPT_TOLERANCE = 1e-12;

/** Refuses spaces too large to materialise, with the way out. */
export function checkSimulationSize(space: OutcomeSpace): number {
  const size = outcomeCount(space);
  if (size > MAX_SIMULATION_OUTCOMES) {
    throw new SimulationError(
      `the space has ${size.toLocaleString("en")} outcomes; a simulation materialises at most ${MAX_SIMULATION_OUTCOMES.toLocaleString("en")} (use a coarser --step, or fewer issues)`,
    );
  }
  return size;
}

/**
 * Every party's utility of every outcome, by rank: additive utilities as an outer sum (`additiveTable`),
 * general utilities outcome by outcome.
 */
export function utilityTables(space: OutcomeSpace, utilities: readonly UtilityFunction[]): Float64Array[] {
  const size = checkSimulationSize(space);
  const sizes = issueSizes(space);
  return utilities.map((utility) => {
    if (utility.kind === "general") {
      const table = new Float64Array(size);
      const outcome = new Array<number>(sizes.length).fill(0);
      for (let rank = 0; rank < size; rank++) {
        table[rank] = utility.evaluate(outcome);
        advanceOdometer(outcome, sizes);
      }
      return table;
    }
    const table = additiveTable(sizes, utility.values.map((values, i) => values.map((v) => utility.weights[i]! * v)));
    if (utility.cap !== undefined) {
      const cap = utility.cap;
      for (let r = 0; r < table.length; r++) if (table[r]! > cap) table[r] = cap;
    }
    return table;
  });
}

/**
 * The outer sum of per-issue contributions over the space, by rank: entry r is Σᵢ contributions[i][kᵢ(r)],
 * summed in issue order. Built issue by issue — the table over issues 0…i is the table over issues 0…i−1
 * with each entry expanded by issue i's contributions — which is rank order (last issue fastest) and
 * costs about 1.5 additions per outcome. Issues of two to four values (most of them) are expanded with
 * their contributions in locals, without an inner loop: three to four times faster.
 */
export function additiveTable(sizes: readonly number[], contributions: readonly ArrayLike<number>[], into?: Float64Array): Float64Array {
  const size = sizes.reduce((n, w) => n * w, 1);
  const table = into && into.length === size ? into : new Float64Array(size);
  // In place, from the back: level i's entries j·w … j·w + w − 1 are written after level i−1's entries
  // beyond j have been read, and never over an entry not yet read.
  table[0] = 0;
  let length = 1;
  for (let i = 0; i < sizes.length; i++) {
    const width = sizes[i]!;
    const add = contributions[i]!;
    if (width === 2) {
      const [a0, a1] = [add[0]!, add[1]!];
      for (let j = length - 1; j >= 0; j--) {
        const base = table[j]!;
        const at = 2 * j;
        table[at + 1] = base + a1;
        table[at] = base + a0;
      }
    } else if (width === 3) {
      const [a0, a1, a2] = [add[0]!, add[1]!, add[2]!];
      for (let j = length - 1; j >= 0; j--) {
        const base = table[j]!;
        const at = 3 * j;
        table[at + 2] = base + a2;
        table[at + 1] = base + a1;
        table[at] = base + a0;
      }
    } else if (width === 4) {
      const [a0, a1, a2, a3] = [add[0]!, add[1]!, add[2]!, add[3]!];
      for (let j = length - 1; j >= 0; j--) {
        const base = table[j]!;
        const at = 4 * j;
        table[at + 3] = base + a3;
        table[at + 2] = base + a2;
        table[at + 1] = base + a1;
        table[at] = base + a0;
      }
    } else {
      for (let j = length - 1; j >= 0; j--) {
        const base = table[j]!;
        for (let v = width - 1; v >= 0; v--) table[j * width + v] = base + add[v]!;
      }
    }
    length *= width;
  }
  return table;
}

/** The same outer sum in whole numbers: positions in a table over some of the issues. */
export function indexTable(sizes: readonly number[], offsets: readonly ArrayLike<number>[]): Int32Array {
  const size = sizes.reduce((n, w) => n * w, 1);
  const table = new Int32Array(size);
  let length = 1;
  for (let i = 0; i < sizes.length; i++) {
    const width = sizes[i]!;
    const add = offsets[i]!;
    for (let j = length - 1; j >= 0; j--) {
      const base = table[j]!;
      for (let v = width - 1; v >= 0; v--) table[j * width + v] = base + add[v]!;
    }
    length *= width;
  }
  return table;
}

/**
 * Acceptability by utility floor and allowed outcomes in one pass: mask[r] = 1 when table[r] ≥ floor and
 * allowed[r] = 1 (every outcome when `allowed` is absent), and the ranks so marked, ascending — written
 * into `mask` and `ranks` (at least table.length long), returning how many there are. Branch-free: the
 * comparison is taken as a number, since on a branch it is mispredicted on about every other outcome near
 * the floor (five times slower).
 */
export function markAcceptable(table: Float64Array, floor: number, allowed: Uint8Array | undefined, mask: Uint8Array, ranks: Uint32Array): number {
  const n = table.length;
  let count = 0;
  if (allowed) {
    for (let r = 0; r < n; r++) {
      const m = +(table[r]! >= floor) & allowed[r]!;
      mask[r] = m;
      ranks[count] = r;
      count += m;
    }
  } else {
    for (let r = 0; r < n; r++) {
      const m = +(table[r]! >= floor);
      mask[r] = m;
      ranks[count] = r;
      count += m;
    }
  }
  return count;
}

/**
 * `markAcceptable` over the outcomes a mask allows, given also as their ranks (ascending), so the pass
 * visits those alone; it also writes each acceptable outcome's utility beside its rank (`values`), which
 * the sorted outcomes read instead of gathering them again. Writes `mask` whole (a copy of `allowed`,
 * narrowed by the floor) and returns how many outcomes are acceptable.
 */
export function markAcceptableAmong(table: Float64Array, floor: number, allowed: Uint8Array, allowedRanks: Uint32Array, mask: Uint8Array, ranks: Uint32Array, values: Float64Array): number {
  mask.set(allowed);
  let count = 0;
  for (let i = 0; i < allowedRanks.length; i++) {
    const r = allowedRanks[i]!;
    const u = table[r]!;
    const m = +(u >= floor);
    mask[r] = m;
    ranks[count] = r;
    values[count] = u;
    count += m;
  }
  return count;
}

/** The ranks a mask marks, ascending. */
export function markedRanks(mask: Uint8Array): Uint32Array {
  const ranks = new Uint32Array(mask.length);
  let count = 0;
  for (let r = 0; r < mask.length; r++) {
    ranks[count] = r;
    count += mask[r]!;
  }
  return ranks.slice(0, count);
}

/**
 * Stakes of a plain negotiation domain (a GENIUS / GeniusWeb / NegoLog domain, or a scenario's space):
 * every party signs, and a party accepts what is worth at least its reservation value.
 */
export function spaceStakes(space: OutcomeSpace, parties: readonly string[], utilities: readonly UtilityFunction[]): NegotiationStakes {
  if (parties.length !== utilities.length) throw new SimulationError("one utility function per party is needed");
  if (parties.length < 2) throw new SimulationError("a negotiation needs at least two parties");
  const tables = utilityTables(space, utilities);
  const walkAway = utilities.map((u) => u.reservation);
  const masks = tables.map((table) => new Uint8Array(table.length));
  const ranks = tables.map((table, p) => {
    const marked = new Uint32Array(table.length);
    return marked.slice(0, markAcceptable(table, walkAway[p]! - ACCEPT_TOLERANCE, undefined, masks[p]!, marked));
  });
  return {
    space,
    size: tables[0]!.length,
    parties: [...parties],
    signatories: parties.map((_, p) => p),
    walkAway,
    utilities: (p) => tables[p]!,
    acceptable: (p) => masks[p]!,
    acceptableRanks: (p) => ranks[p]!,
    utilityOf: (p, rank) => tables[p]![rank]!,
  };
}

/** Party p's utility of an outcome given by rank, and whether it may accept it. */
export function mayAccept(stakes: NegotiationStakes, p: number, rank: number): boolean {
  return stakes.acceptable(p)[rank] === 1;
}
