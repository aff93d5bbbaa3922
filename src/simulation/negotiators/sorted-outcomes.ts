/**
 * The outcomes a party may accept, sorted by its utility, for O(log n) lookups of "the outcomes just
 * above a target utility" — what every agent asks on every turn — instead of scanning the space.
 *
 * Built by bucket sort: one pass lists the acceptable outcomes, one puts each in one of B buckets of
 * equal utility width over their range (B ≈ n / 4, a power of two), in rank order; a bucket is sorted
 * by (utility, rank) the first time a lookup touches it. Building costs O(n); a lookup costs O(log B) to find the bucket of a
 * position (or O(1) for a utility) plus O(log m) inside a bucket of m outcomes, and a bucket is sorted
 * at most once (O(m log m)). A simulation touches few buckets, so the space is never fully sorted
 * unless the talks visit all of it. Which buckets get sorted never changes an answer: positions,
 * utilities and ranks come out exactly as if the whole list had been sorted by (utility, rank).
 */

/** Scratch buffers (acceptable ranks, their buckets), reused from one construction to the next (one thread, no reentry). */
let scratchRanks = new Int32Array(0);
let scratchBuckets = new Int32Array(0);

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

  /** `table`: the party's utility by rank; `mask`: 1 where it may accept the outcome. */
  constructor(table: Float64Array, mask: Uint8Array) {
    this.table = table;
    const n = table.length;
    if (scratchRanks.length < n) {
      scratchRanks = new Int32Array(n);
      scratchBuckets = new Int32Array(n);
    }
    // The acceptable ranks, ascending, without a branch per outcome.
    const acceptable = scratchRanks;
    let count = 0;
    for (let r = 0; r < n; r++) {
      acceptable[count] = r;
      count += mask[r]!;
    }
    this.count = count;
    let low = Number.POSITIVE_INFINITY;
    let high = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < count; i++) {
      const u = table[acceptable[i]!]!;
      if (u < low) low = u;
      if (u > high) high = u;
    }
    let buckets = 1;
    while (buckets * 4 < count && buckets < 65536) buckets *= 2;
    this.buckets = buckets;
    if (!(low <= high)) low = high = 0;
    const scale = high > low ? buckets / (high - low) : 0;
    this.low = low;
    this.scale = scale;
    const last = buckets - 1;
    const bucketOf = scratchBuckets;
    const starts = new Uint32Array(buckets + 1);
    for (let i = 0; i < count; i++) {
      // (u − low)·scale lies in [0, buckets]: truncation is the floor.
      const b = Math.min(last, ((table[acceptable[i]!]! - low) * scale) | 0);
      bucketOf[i] = b;
      starts[b + 1]!++;
    }
    for (let b = 0; b < buckets; b++) starts[b + 1]! += starts[b]!;
    const fill = starts.slice(0, buckets);
    const ranks = new Uint32Array(count);
    for (let i = 0; i < count; i++) ranks[fill[bucketOf[i]!]!++] = acceptable[i]!;
    this.ranks = ranks;
    this.starts = starts;
    this.sorted = new Uint8Array(buckets);
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
