/**
 * The outcomes a party may accept, sorted by its utility, for O(log n) lookups of "the outcomes just
 * above a target utility" — what every agent asks on every turn — instead of scanning the space.
 *
 * Built by bucket sort: one pass puts each acceptable outcome in one of B buckets of equal utility
 * width (B ≈ n / 4, a power of two), in rank order; a bucket is sorted by (utility, rank) the first
 * time a lookup touches it. Building costs O(n); a lookup costs O(log B) to find the bucket of a
 * position (or O(1) for a utility) plus O(log m) inside a bucket of m outcomes, and a bucket is sorted
 * at most once (O(m log m)). A simulation touches few buckets, so the space is never fully sorted
 * unless the talks visit all of it. Which buckets get sorted never changes an answer: positions,
 * utilities and ranks come out exactly as if the whole list had been sorted by (utility, rank).
 */

/** A scratch buffer of bucket indices, reused from one construction to the next (one thread, no reentry). */
let scratchBuffer = new Int32Array(0);
function scratch(n: number): Int32Array {
  if (scratchBuffer.length < n) scratchBuffer = new Int32Array(n);
  return scratchBuffer;
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

  /** `table`: the party's utility by rank; `mask`: 1 where it may accept the outcome. */
  constructor(table: Float64Array, mask: Uint8Array) {
    this.table = table;
    const n = table.length;
    // The buckets span every utility (not only the acceptable ones): the passes stay free of branches.
    let count = 0;
    let low = Number.POSITIVE_INFINITY;
    let high = Number.NEGATIVE_INFINITY;
    for (let r = 0; r < n; r++) {
      const u = table[r]!;
      low = Math.min(low, u);
      high = Math.max(high, u);
      count += mask[r]!;
    }
    this.count = count;
    let buckets = 1;
    while (buckets * 4 < count && buckets < 65536) buckets *= 2;
    this.buckets = buckets;
    if (!(low <= high)) low = high = 0;
    const scale = high > low ? buckets / (high - low) : 0;
    this.low = low;
    this.scale = scale;
    const last = buckets - 1;
    const bucketOfRank = scratch(n);
    const starts = new Uint32Array(buckets + 1);
    for (let r = 0; r < n; r++) {
      const b = Math.min(last, Math.floor((table[r]! - low) * scale));
      bucketOfRank[r] = b;
      starts[b + 1]! += mask[r]!;
    }
    for (let b = 0; b < buckets; b++) starts[b + 1]! += starts[b]!;
    const fill = starts.slice(0, buckets);
    // Outcomes it may not accept are written to a spare last slot, then dropped.
    const ranks = new Uint32Array(count + 1);
    for (let r = 0; r < n; r++) {
      const b = bucketOfRank[r]!;
      const at = mask[r] === 1 ? fill[b]!++ : count;
      ranks[at] = r;
    }
    this.ranks = ranks.subarray(0, count);
    this.starts = starts;
    this.sorted = new Uint8Array(buckets);
  }

  /** The bucket of a utility: monotone in the utility, so later buckets hold strictly larger utilities. */
  private bucketOf(u: number): number {
    const b = Math.floor((u - this.low) * this.scale);
    return b < 0 ? 0 : b >= this.buckets ? this.buckets - 1 : b;
  }

  /** The bucket holding position i (0 ≤ i < count). */
  private bucketAt(i: number): number {
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
