/**
 * The outcomes a party may accept, sorted by its utility, for O(log n) lookups of "the outcomes just
 * above a target utility" — what every agent asks on every turn — instead of scanning the space.
 *
 * Built by bucket sort from the acceptable ranks (listed by the stakes in the pass that marks them): one
 * pass gathers their utilities and range, one puts each in one of B buckets of equal utility width over
 * that range (B ≈ n / 4, a power of two), in rank order; a bucket is sorted by (utility, rank) the first
 * time a lookup touches it. Building costs O(n) in the n acceptable outcomes; a lookup costs O(log B) to find the bucket of a
 * position (or O(1) for a utility) plus O(log m) inside a bucket of m outcomes, and a bucket is sorted
 * at most once (O(m log m)). A simulation touches few buckets, so the space is never fully sorted
 * unless the talks visit all of it. Which buckets get sorted never changes an answer: positions,
 * utilities and ranks come out exactly as if the whole list had been sorted by (utility, rank).
 */

/** Scratch buffers (utilities and buckets of the acceptable outcomes), reused from one construction to the next (one thread, no reentry). */
let scratchUtilities = new Float64Array(0);
let scratchBuckets = new Int32Array(0);
let scratchFill = new Uint32Array(0);

function bucketFill(buckets: number): Uint32Array {
  if (scratchFill.length < buckets) scratchFill = new Uint32Array(Math.max(buckets, 2 * scratchFill.length));
  return scratchFill;
}

/** [low, high] of the last `gatherUtilities` or `utilityRange`. */
const range = new Float64Array(2);

// The passes of a construction, each a function of its own: V8 optimizes a small hot loop as a whole
// function, where inside the constructor it compiled the loops on the fly (on-stack replacement) and
// bailed out of that code in nearly every construction (three to four times slower).

/** values[i] = table[acceptable[i]], and their range into `range`. */
function gatherUtilities(table: Float64Array, acceptable: Uint32Array, values: Float64Array): void {
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < acceptable.length; i++) {
    const u = table[acceptable[i]!]!;
    values[i] = u;
    if (u < low) low = u;
    if (u > high) high = u;
  }
  range[0] = low;
  range[1] = high;
}

/** The range of values[0 … count − 1] into `range` (utilities the stakes listed beside the ranks). */
function utilityRange(values: Float64Array, count: number): void {
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < count; i++) {
    const u = values[i]!;
    if (u < low) low = u;
    if (u > high) high = u;
  }
  range[0] = low;
  range[1] = high;
}

/** Each value's bucket, and bucket sizes counted into starts[b + 1], then summed: starts[b] is bucket b's first position. */
function countBuckets(values: Float64Array, count: number, low: number, scale: number, buckets: number, bucketOf: Int32Array, starts: Uint32Array): void {
  const last = buckets - 1;
  for (let i = 0; i < count; i++) {
    // (u − low)·scale lies in [0, buckets]: truncation is the floor.
    const b = Math.min(last, ((values[i]! - low) * scale) | 0);
    bucketOf[i] = b;
    starts[b + 1]!++;
  }
  for (let b = 0; b < buckets; b++) starts[b + 1]! += starts[b]!;
}

/** Ranks into their buckets, in rank order within each. */
function scatter(acceptable: Uint32Array, bucketOf: Int32Array, starts: Uint32Array, buckets: number, ranks: Uint32Array): void {
  // Each bucket's next free position: its start, moved along as the bucket fills.
  const fill = bucketFill(buckets);
  fill.set(starts.subarray(0, buckets));
  for (let i = 0; i < acceptable.length; i++) ranks[fill[bucketOf[i]!]!++] = acceptable[i]!;
}

/**
 * Storage a caller lends sorted outcomes, to reuse from one construction to the next (Monte Carlo: one per
 * party, reused draw after draw), so that building them allocates nothing. A SortedOutcomes built into
 * it is valid until the next one is built into it.
 */
export class SortedOutcomesBuffers {
  ranks = new Uint32Array(0);
  starts = new Uint32Array(0);
  sorted = new Uint8Array(0);

  /** The three tables for `count` outcomes in `buckets` buckets: starts zeroed, no bucket sorted. */
  take(count: number, buckets: number): { ranks: Uint32Array; starts: Uint32Array; sorted: Uint8Array } {
    if (this.ranks.length < count) this.ranks = new Uint32Array(Math.max(count, 2 * this.ranks.length));
    if (this.starts.length < buckets + 1) {
      this.starts = new Uint32Array(Math.max(buckets + 1, 2 * this.starts.length));
      this.sorted = new Uint8Array(this.starts.length);
    }
    const starts = this.starts.subarray(0, buckets + 1);
    const sorted = this.sorted.subarray(0, buckets);
    starts.fill(0);
    sorted.fill(0);
    return { ranks: this.ranks.subarray(0, count), starts, sorted };
  }
}

export class SortedOutcomes {
  /** Number of acceptable outcomes. */
  readonly count: number;
  private readonly table: Float64Array;
  private readonly ranks: Uint32Array;
  private readonly starts: Uint32Array;
  private readonly sorted: Uint8Array;
  private readonly low: number;
  private readonly scale: number;
  private readonly buckets: number;

  /**
   * `table`: the party's utility by rank; `acceptable`: the ranks it may accept, ascending
   * (`NegotiationStakes.acceptableRanks`). Three passes over the acceptable outcomes, none over the space.
   * `buffers`: storage to build into instead of allocating. `utilities`: table[acceptable[i]] for every i,
   * when the stakes listed them (`NegotiationStakes.acceptableUtilities`), so they need not be gathered.
   */
  constructor(table: Float64Array, acceptable: Uint32Array, buffers?: SortedOutcomesBuffers, utilities?: Float64Array) {
    this.table = table;
    const count = acceptable.length;
    this.count = count;
    if (scratchBuckets.length < count) scratchBuckets = new Int32Array(Math.max(count, 2 * scratchBuckets.length));
    // Their utilities side by side, so the passes below read memory in order.
    let values: Float64Array;
    if (utilities) {
      values = utilities;
      utilityRange(values, count);
    } else {
      if (scratchUtilities.length < count) scratchUtilities = new Float64Array(Math.max(count, 2 * scratchUtilities.length));
      values = scratchUtilities;
      gatherUtilities(table, acceptable, values);
    }
    let low = range[0]!;
    let high = range[1]!;
    let buckets = 1;
    while (buckets * 4 < count && buckets < 65536) buckets *= 2;
    this.buckets = buckets;
    if (!(low <= high)) low = high = 0;
    const scale = high > low ? buckets / (high - low) : 0;
    this.low = low;
    this.scale = scale;
    const tables = buffers ? buffers.take(count, buckets) : { ranks: new Uint32Array(count), starts: new Uint32Array(buckets + 1), sorted: new Uint8Array(buckets) };
    const { ranks, starts } = tables;
    countBuckets(values, count, low, scale, buckets, scratchBuckets, starts);
    scatter(acceptable, scratchBuckets, starts, buckets, ranks);
    this.ranks = ranks;
    this.starts = starts;
    this.sorted = tables.sorted;
  }

  /** The bucket of a utility: monotone in the utility, so later buckets hold strictly larger utilities. */
  private bucketOf(u: number): number {
    const b = Math.floor((u - this.low) * this.scale);
    return b < 0 ? 0 : b >= this.buckets ? this.buckets - 1 : b;
  }

  /** The bucket of the last position asked for: agents read neighbouring positions one after another. */
  private lastBucket = 0;

  /** The bucket holding position i (0 ≤ i < count). */
  private bucketAt(i: number): number {
    const starts = this.starts;
    let b = this.lastBucket;
    if (starts[b]! <= i) {
      // The same bucket, or one of the next few (empty buckets in between), without a search.
      for (let step = 0; step < 4 && b < this.buckets; step++, b++) {
        if (i < starts[b + 1]!) return (this.lastBucket = b);
      }
    }
    return (this.lastBucket = this.searchBucket(i));
  }

  private searchBucket(i: number): number {
    let lo = 0;
    let hi = this.buckets - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.starts[mid]! <= i) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private ensureSorted(b: number): void {
    if (this.sorted[b] === 1) return;
    this.sorted[b] = 1;
    const from = this.starts[b]!;
    const to = this.starts[b + 1]!;
    if (to - from < 2) return;
    const table = this.table;
    const ranks = this.ranks;
    if (to - from <= 32) {
      // Insertion sort in place: buckets hold about four outcomes on average. Ranks arrive ascending, so ties stay in rank order.
      for (let i = from + 1; i < to; i++) {
        const r = ranks[i]!;
        const u = table[r]!;
        let j = i - 1;
        while (j >= from && table[ranks[j]!]! > u) {
          ranks[j + 1] = ranks[j]!;
          j--;
        }
        ranks[j + 1] = r;
      }
      return;
    }
    const slice = Array.from(ranks.subarray(from, to));
    slice.sort((x, y) => table[x]! - table[y]! || x - y);
    ranks.set(slice, from);
  }

  /** The rank of the outcome at sorted position i (ascending utility, ties by rank). */
  rankAt(i: number): number {
    this.ensureSorted(this.bucketAt(i));
    return this.ranks[i]!;
  }

  /** The party's utility of the outcome at sorted position i. */
  utilityAt(i: number): number {
    return this.table[this.rankAt(i)]!;
  }

  /** The first position whose utility is at least `target` (`count` when there is none). */
  lowerBound(target: number): number {
    if (this.count === 0) return 0;
    const b = this.bucketOf(target);
    this.ensureSorted(b);
    let lo = this.starts[b]!;
    let hi = this.starts[b + 1]!;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.table[this.ranks[mid]!]! < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
