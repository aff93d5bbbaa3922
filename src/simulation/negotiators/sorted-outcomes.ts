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
    let count = 0;
    let low = Number.POSITIVE_INFINITY;
    let high = Number.NEGATIVE_INFINITY;
    for (let r = 0; r < n; r++) {
      if (mask[r] !== 1) continue;
      count++;
      const u = table[r]!;
      if (u < low) low = u;
      if (u > high) high = u;
    }
    this.count = count;
    let buckets = 1;
    while (buckets * 4 < count && buckets < 65536) buckets *= 2;
    this.buckets = buckets;
    low = count > 0 ? low : 0;
    const scale = count > 0 && high > low ? buckets / (high - low) : 0;
    this.low = low;
    this.scale = scale;
    const last = buckets - 1;
    // Each acceptable outcome's bucket, computed once (−1: not acceptable).
    const bucketOfRank = new Int32Array(n);
    const starts = new Uint32Array(buckets + 1);
    for (let r = 0; r < n; r++) {
      if (mask[r] !== 1) {
        bucketOfRank[r] = -1;
        continue;
      }
      let b = Math.floor((table[r]! - low) * scale);
      if (b > last) b = last;
      bucketOfRank[r] = b;
      starts[b + 1]!++;
    }
    for (let b = 0; b < buckets; b++) starts[b + 1]! += starts[b]!;
    const fill = starts.slice(0, buckets);
    const ranks = new Uint32Array(count);
    for (let r = 0; r < n; r++) {
      const b = bucketOfRank[r]!;
      if (b >= 0) ranks[fill[b]!++] = r;
    }
    this.ranks = ranks;
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
    const slice = Array.from(this.ranks.subarray(from, to));
    slice.sort((x, y) => table[x]! - table[y]! || x - y);
    this.ranks.set(slice, from);
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
