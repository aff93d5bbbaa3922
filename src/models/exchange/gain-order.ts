/**
 * The order in which a round realises its candidates: the reference keeps them in a list it re-sorts by gain,
 * stably, before every realisation, so a tie goes to the candidate that stood first in the list as it was.
 * Here that list is a binary heap keyed by (gain, rank): the rank stands for the place in the list, and only
 * ever needs to order candidates whose gains tie, so a recalculated candidate can be given a new rank in O(1)
 * instead of the list being rebuilt (see {@link GainOrder.reinsert}). Pure bookkeeping over typed arrays.
 */
import type { RoundStorage } from "./round.js";

/** Relative tolerance under which two gains count as equal when ordering (float64 convention, spec §7.2). */
const TIE = 1e-12;

/** Descending gain: negative when `a` goes first; gains within a relative 1e-12 count as equal (0). */
export function byGain(a: number, b: number): number {
  const difference = b - a;
  const larger = Math.abs(a) > Math.abs(b) ? Math.abs(a) : Math.abs(b);
  return Math.abs(difference) <= TIE * (larger > 1 ? larger : 1) ? 0 : difference;
}

/**
 * The candidates still in the list, best first. Invariant: the reference's list is exactly these candidates
 * sorted by descending gain (ties within the tolerance) and then by ascending rank. Initially the rank is the
 * creation order, which a stable sort of the creation-ordered list keeps on ties.
 *
 * Why a changed candidate needs a new rank, and which: the reference's stable re-sort orders tied gains by
 * their places in the previous list. Candidates whose gain did not change (tolerantly) keep their places
 * relative to the others of their gain, so their ranks still order them. A candidate whose gain fell stood
 * before every candidate of its new gain (the list was sorted by the old, larger gain), so its rank must be
 * below all of theirs; one whose gain rose stood after them all, so its rank must be above. Ranks are only
 * compared between equal gains, so "below every rank so far" (a counter going down) and "above every rank so
 * far" (a counter going up) do, given in list order to keep the changed candidates' own order.
 *
 * Most recalculations leave the gain exactly as it was (on COP21, 22 331 of 25 069 that stay valid): those
 * candidates keep their rank and their place in the heap, and only the few changed ones are taken out,
 * ordered among themselves, ranked and put back.
 */
export class GainOrder {
  /** Heap of candidate numbers: item k's children are 2k + 1 and 2k + 2. */
  private readonly items: Int32Array;
  /** Where each candidate sits in `items` (−1 once out). */
  private readonly at: Int32Array;
  /** Rank per candidate: orders tied gains as the reference's list does. */
  private readonly rank: Float64Array;
  /** Scratch: the gains that go with the candidates being sorted. */
  private readonly scratchGain: Float64Array;
  private size = 0;
  private lowest: number;
  private highest: number;

  constructor(
    storage: RoundStorage,
    count: number,
    private readonly gain: Float64Array,
  ) {
    this.items = storage.i32("heapItems", count);
    this.at = storage.i32("heapAt", count, -1);
    this.rank = storage.f64("heapRank", count);
    this.scratchGain = storage.f64("heapScratchGain", count);
    this.lowest = 0;
    this.highest = count;
  }

  /** Puts in the candidates for which `take` holds, ranked by creation order; O(n). */
  fill(count: number, take: Uint8Array): void {
    for (let c = 0; c < count; c++) {
      this.rank[c] = c;
      if (!take[c]) continue;
      this.at[c] = this.size;
      this.items[this.size++] = c;
    }
    for (let k = (this.size >> 1) - 1; k >= 0; k--) this.down(k);
  }

  get length(): number {
    return this.size;
  }

  /** The best candidate (the reference's list head); the order must not be empty. */
  first(): number {
    return this.items[0] as number;
  }

  /** Takes the best candidate out. */
  shift(): number {
    const best = this.items[0] as number;
    this.remove(best);
    return best;
  }

  /** Takes candidate c out (nothing happens when it is out already). Only the others' keys are read. */
  remove(c: number): void {
    const k = this.at[c] as number;
    if (k < 0) return;
    this.at[c] = -1;
    const last = this.items[--this.size] as number;
    if (k === this.size) return;
    this.items[k] = last;
    this.at[last] = k;
    this.up(k);
    this.down(this.at[last] as number);
  }

  /**
   * Puts back the first `count` candidates of `changed`, recalculated since they were taken out with
   * {@link remove}; `previous[k]` is the gain `changed[k]` had when it was taken out (its rank is still
   * the one it had). Ranks them as the class comment says, in the list order they had. Reorders both arrays.
   */
  reinsert(changed: Int32Array, previous: Float64Array, count: number): void {
    this.sortByGainAndRank(changed, previous, count);
    const below = this.lowest - count;
    this.lowest = below;
    for (let k = 0; k < count; k++) {
      const c = changed[k] as number;
      const change = byGain(this.gain[c] as number, previous[k] as number);
      if (change > 0) this.rank[c] = below + k;
      else if (change < 0) this.rank[c] = this.highest++;
      this.at[c] = this.size;
      this.items[this.size++] = c;
      this.up(this.size - 1);
    }
  }

  /** Sorts the first `length` candidates of `values` (all in the order, gains as they are) into list order. */
  sortInListOrder(values: Int32Array, length: number): void {
    const gains = this.scratchGain;
    for (let k = 0; k < length; k++) gains[k] = this.gain[values[k] as number] as number;
    this.sortByGainAndRank(values, gains, length);
  }

  /**
   * Insertion sort of the first `length` candidates of `values` by (gains[k] descending, tolerantly; rank):
   * the lists are short (a realisation changes a few candidates and affects some 30, now and then 150).
   */
  private sortByGainAndRank(values: Int32Array, gains: Float64Array, length: number): void {
    for (let k = 1; k < length; k++) {
      const c = values[k] as number;
      const g = gains[k] as number;
      const r = this.rank[c] as number;
      let at = k - 1;
      for (; at >= 0; at--) {
        const comparison = byGain(g, gains[at] as number);
        if (comparison > 0 || (comparison === 0 && r > (this.rank[values[at] as number] as number))) break;
        gains[at + 1] = gains[at] as number;
        values[at + 1] = values[at] as number;
      }
      gains[at + 1] = g;
      values[at + 1] = c;
    }
  }

  /** True when candidate a stands before b in the list. */
  private before(a: number, b: number): boolean {
    const comparison = byGain(this.gain[a] as number, this.gain[b] as number);
    return comparison < 0 || (comparison === 0 && (this.rank[a] as number) < (this.rank[b] as number));
  }

  private up(k: number): void {
    const { items, at } = this;
    const c = items[k] as number;
    while (k > 0) {
      const parent = (k - 1) >> 1;
      const p = items[parent] as number;
      if (!this.before(c, p)) break;
      items[k] = p;
      at[p] = k;
      k = parent;
    }
    items[k] = c;
    at[c] = k;
  }

  private down(k: number): void {
    const { items, at } = this;
    const c = items[k] as number;
    const size = this.size;
    for (;;) {
      let child = 2 * k + 1;
      if (child >= size) break;
      const right = child + 1;
      if (right < size && this.before(items[right] as number, items[child] as number)) child = right;
      const d = items[child] as number;
      if (!this.before(d, c)) break;
      items[k] = d;
      at[d] = k;
      k = child;
    }
    items[k] = c;
    at[c] = k;
  }
}
