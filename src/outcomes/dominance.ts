/**
 * Pareto dominance and non-dominated filtering of utility vectors.
 *
 * Vectors are stored flat (`coords[i * dims + d]`). Dominance is strict: a dominates b when a ≥ b in
 * every coordinate and a > b in at least one. Equal vectors never dominate each other: they are
 * grouped and all kept ("ties").
 *
 * The filters sort the distinct vectors in descending lexicographic order, which is a topological
 * order of dominance (a dominating vector is lexicographically larger), then:
 * - 1 party: keep the largest;
 * - 2 parties: sweep, keeping a vector iff its second coordinate beats every earlier one, O(n log n);
 * - 3 parties: sweep with a 2-D staircase of the (u₂, u₃) projections seen so far;
 * - otherwise (and for the "robust" variant): sort-filter-skyline — sort by coordinate sum, compare
 *   each vector with the kept ones only (enough because dominance is transitive).
 *
 * Two streaming front-ends keep memory bounded by the frontier: {@link FrontierAccumulator} (any
 * order: batches reduced with the filters above, then merged) and {@link SortedStreamFrontier}
 * (input in decreasing coordinate sum: one scan of the kept vectors per input, no sorting).
 *
 * Robust dominance is used inside the divide-and-conquer frontier when a cap min(c, ·) can bind:
 * a dominates b robustly when a ≥ b everywhere and a_j > b_j for some j with b_j < threshold_j, i.e. a
 * strict gain that no completion of the partial outcome can erase by hitting the cap. It is also a
 * strict partial order (transitive, irreflexive), so the same skyline filter applies.
 */

/** Thrown when a frontier filter would compare more vectors than its {@link ComparisonBudget} allows. */
export class FrontierBudgetError extends Error {
  override readonly name = "FrontierBudgetError";
  constructor(readonly max: number) {
    super(`the frontier needs more than ${max.toLocaleString("en")} vector comparisons`);
  }
}

/**
 * A cap on the vector comparisons of the filters that build one frontier. With four or more parties a
 * frontier costs up to (vectors × frontier size) comparisons, and no count of outcomes bounds the
 * frontier's size beforehand; past `max`, {@link FrontierBudgetError}. `onProgress` hears of the
 * comparisons made about every 2²⁴.
 */
export class ComparisonBudget {
  used = 0;
  private reportAt = REPORT_EVERY;

  constructor(
    readonly max: number,
    private readonly onProgress?: (used: number, max: number) => void,
  ) {}

  spend(comparisons: number): void {
    this.used += comparisons;
    if (this.used > this.max) throw new FrontierBudgetError(this.max);
    if (this.used >= this.reportAt) {
      this.reportAt = this.used + REPORT_EVERY;
      this.onProgress?.(this.used, this.max);
    }
  }
}
const REPORT_EVERY = 1 << 24;

/** Strict Pareto dominance of two utility vectors. */
export function dominates(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  let strictly = false;
  for (let d = 0; d < a.length; d++) {
    if (a[d]! < b[d]!) return false;
    if (a[d]! > b[d]!) strictly = true;
  }
  return strictly;
}

/** Indices of the vectors no other vector dominates (equal vectors all kept), in input order. */
export function nonDominatedIndices(vectors: readonly (readonly number[])[]): number[] {
  const dims = vectors[0]?.length ?? 0;
  const coords = Float64Array.from(vectors.flat());
  return maximalGroups(coords, dims, vectors.length).flat().sort((a, b) => a - b);
}

/**
 * Groups of indices of the maximal (non-dominated) vectors: each group holds the indices of equal
 * vectors, groups are in descending lexicographic order of their vector, indices ascending within.
 * With `thresholds`, robust dominance (see the module comment) is used instead of plain dominance; the
 * sort-filter-skyline's comparisons are charged to `budget`.
 */
export function maximalGroups(coords: Float64Array, dims: number, count: number, thresholds?: Float64Array, budget?: ComparisonBudget): number[][] {
  const { order, starts } = sortAndGroup(coords, dims, count);
  const representatives = Array.from(starts.subarray(0, starts.length - 1), (start) => order[start]!);
  const keep = thresholds !== undefined
    ? skylineFilter(coords, dims, representatives, thresholds, budget)
    : dims <= 1
      ? representatives.map((_, i) => i === 0)
      : dims === 2
        ? sweep2(coords, representatives)
        : dims === 3
          ? sweep3(coords, representatives)
          : skylineFilter(coords, dims, representatives, undefined, budget);
  const groups: number[][] = [];
  keep.forEach((kept, g) => {
    if (kept) groups.push(Array.from(order.subarray(starts[g]!, starts[g + 1]!)));
  });
  return groups;
}

/**
 * Sorts vector indices in descending lexicographic order (ties by index) and finds the runs of
 * equal vectors: run g is order[starts[g]] … order[starts[g + 1] − 1].
 */
function sortAndGroup(coords: Float64Array, dims: number, count: number): { order: Uint32Array; starts: Uint32Array } {
  const order = new Uint32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  order.sort((a, b) => {
    for (let d = 0; d < dims; d++) {
      const difference = coords[b * dims + d]! - coords[a * dims + d]!;
      if (difference !== 0) return difference;
    }
    return a - b;
  });
  const starts: number[] = [];
  for (let k = 0; k < count; k++) {
    if (k === 0 || !equalVectors(coords, dims, order[k - 1]!, order[k]!)) starts.push(k);
  }
  starts.push(count);
  return { order, starts: Uint32Array.from(starts) };
}

function equalVectors(coords: Float64Array, dims: number, a: number, b: number): boolean {
  for (let d = 0; d < dims; d++) if (coords[a * dims + d] !== coords[b * dims + d]) return false;
  return true;
}

/** Two parties, distinct vectors in descending lexicographic order: keep iff u₂ beats all earlier u₂. */
function sweep2(coords: Float64Array, sorted: readonly number[]): boolean[] {
  let best = Number.NEGATIVE_INFINITY;
  return sorted.map((index) => {
    const second = coords[index * 2 + 1]!;
    if (second <= best) return false;
    best = second;
    return true;
  });
}

/**
 * Three parties, distinct vectors in descending lexicographic order. An earlier vector q has
 * q₁ ≥ p₁, so p is dominated iff some earlier q has q₂ ≥ p₂ and q₃ ≥ p₃. The staircase keeps the
 * maximal (u₂, u₃) projections seen so far, sorted by u₂ ascending (so u₃ descending): the first
 * step with u₂ ≥ p₂ carries the largest u₃ among them.
 */
function sweep3(coords: Float64Array, sorted: readonly number[]): boolean[] {
  const stepU2: number[] = [];
  const stepU3: number[] = [];
  return sorted.map((index) => {
    const u2 = coords[index * 3 + 1]!;
    const u3 = coords[index * 3 + 2]!;
    const at = lowerBound(stepU2, u2);
    if (at < stepU2.length && stepU3[at]! >= u3) return false;
    let from = at;
    while (from > 0 && stepU3[from - 1]! <= u3) from--;
    const end = at < stepU2.length && stepU2[at] === u2 ? at + 1 : at;
    stepU2.splice(from, end - from, u2);
    stepU3.splice(from, end - from, u3);
    return true;
  });
}

/** First position in an ascending array whose value is ≥ `value`. */
function lowerBound(ascending: readonly number[], value: number): number {
  let low = 0;
  let high = ascending.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (ascending[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Sort-filter-skyline: visit distinct vectors by decreasing coordinate sum (a topological order of
 * dominance) and keep those no kept vector dominates. The kept vectors are scanned from a flat
 * array; one that dominated a candidate moves one step towards the front, so strong dominators are
 * tried first.
 */
function skylineFilter(coords: Float64Array, dims: number, representatives: readonly number[], thresholds: Float64Array | undefined, budget: ComparisonBudget | undefined): boolean[] {
  const sums = representatives.map((index) => {
    let sum = 0;
    for (let d = 0; d < dims; d++) sum += coords[index * dims + d]!;
    return sum;
  });
  const visitOrder = representatives.map((_, i) => i).sort((a, b) => sums[b]! - sums[a]! || a - b);
  const keep = new Array<boolean>(representatives.length).fill(false);
  const limits = thresholds ?? new Float64Array(dims).fill(Number.POSITIVE_INFINITY);
  const kept = new Float64Array(representatives.length * dims);
  const candidate = new Float64Array(dims);
  let keptCount = 0;
  for (const position of visitOrder) {
    candidate.set(coords.subarray(representatives[position]! * dims, (representatives[position]! + 1) * dims));
    const dominator = findDominator(kept, keptCount, dims, candidate, limits);
    budget?.spend(dominator < 0 ? keptCount : dominator + 1);
    if (dominator < 0) {
      kept.set(candidate, keptCount * dims);
      keptCount++;
      keep[position] = true;
    } else if (dominator > 0) {
      swapVectors(kept, dims, dominator - 1, dominator);
    }
  }
  return keep;
}

/**
 * Position of the first of `count` flat vectors that dominates `candidate` (robustly: the strict
 * gain must be in a coordinate where candidate < limit), or -1.
 */
function findDominator(vectors: Float64Array, count: number, dims: number, candidate: Float64Array, limits: Float64Array): number {
  search: for (let k = 0; k < count; k++) {
    let strictly = false;
    for (let d = 0; d < dims; d++) {
      const mine = vectors[k * dims + d]!;
      const theirs = candidate[d]!;
      if (mine < theirs) continue search;
      if (mine > theirs && theirs < limits[d]!) strictly = true;
    }
    if (strictly) return k;
  }
  return -1;
}

function swapVectors(vectors: Float64Array, dims: number, a: number, b: number): void {
  for (let d = 0; d < dims; d++) {
    const kept = vectors[a * dims + d]!;
    vectors[a * dims + d] = vectors[b * dims + d]!;
    vectors[b * dims + d] = kept;
  }
}

/**
 * Keeps the non-dominated vectors of a stream with memory bounded by the frontier plus one batch.
 * Vectors are buffered; a full batch is reduced to its own frontier, then merged with the frontier
 * so far: a batch vector survives unless a frontier vector dominates it, a frontier vector survives
 * unless a batch vector dominates it (frontier vectors never dominate each other), and equal vectors
 * pool their source ids. This is exact because dominance is transitive: the frontier of a union is
 * the frontier of the union of the frontiers. Each vector carries a numeric source id.
 */
export class FrontierAccumulator {
  /** Frontier vectors, flat. */
  private frontier: Float64Array;
  /** Source ids behind each frontier vector. */
  private sources: number[][] = [];
  private frontierCount = 0;
  /** Buffered vectors, flat, and their source ids. */
  private batchCoords: Float64Array;
  private readonly batchSources: number[] = [];
  private readonly limits: Float64Array;

  constructor(
    private readonly dims: number,
    private readonly thresholds?: Float64Array,
    private readonly batch = 1 << 16,
    private readonly budget?: ComparisonBudget,
  ) {
    this.frontier = new Float64Array(dims * 64);
    this.batchCoords = new Float64Array(dims * Math.min(batch, 256));
    this.limits = thresholds ?? new Float64Array(dims).fill(Number.POSITIVE_INFINITY);
  }

  /** Adds one vector (copied) with its source id. */
  add(vector: ArrayLike<number>, source: number): void {
    if (this.batchSources.length === this.batch) this.flush();
    const offset = this.batchSources.length * this.dims;
    if (offset === this.batchCoords.length) this.growBatch();
    for (let d = 0; d < this.dims; d++) this.batchCoords[offset + d] = vector[d]!;
    this.batchSources.push(source);
  }

  /** The frontier: distinct vectors (flat, in no particular order) and the source ids behind each. */
  result(): { coords: Float64Array; sources: number[][]; count: number } {
    this.flush();
    return { coords: this.frontier.slice(0, this.frontierCount * this.dims), sources: this.sources, count: this.frontierCount };
  }

  /** Doubles the batch buffer (it starts small so that small streams stay cheap). */
  private growBatch(): void {
    const larger = new Float64Array(Math.min(this.batch * this.dims, this.batchCoords.length * 2));
    larger.set(this.batchCoords);
    this.batchCoords = larger;
  }

  private flush(): void {
    const dims = this.dims;
    const groups = maximalGroups(this.batchCoords, dims, this.batchSources.length, this.thresholds, this.budget);
    const survivors = groups.map((group) => this.batchCoords.slice(group[0]! * dims, (group[0]! + 1) * dims));
    const kept: { vector: Float64Array; sources: number[] }[] = [];
    const frontierAlive = new Array<boolean>(this.frontierCount).fill(true);
    survivors.forEach((vector, g) => {
      this.budget?.spend(2 * this.frontierCount);
      const sources = groups[g]!.map((index) => this.batchSources[index]!);
      const equal = findEqual(this.frontier, this.frontierCount, dims, vector);
      if (equal >= 0) this.sources[equal] = [...this.sources[equal]!, ...sources];
      else if (findDominator(this.frontier, this.frontierCount, dims, vector, this.limits) < 0) kept.push({ vector, sources });
    });
    const candidate = new Float64Array(dims);
    this.budget?.spend(survivors.length * this.frontierCount);
    for (let f = 0; f < this.frontierCount; f++) {
      candidate.set(this.frontier.subarray(f * dims, (f + 1) * dims));
      if (survivors.some((vector) => dominatesWithin(vector, candidate, this.limits))) frontierAlive[f] = false;
    }
    this.rebuild(frontierAlive, kept);
    this.batchSources.length = 0;
  }

  /** Replaces the frontier by its surviving vectors plus the kept batch vectors. */
  private rebuild(frontierAlive: readonly boolean[], kept: readonly { vector: Float64Array; sources: number[] }[]): void {
    const dims = this.dims;
    const count = frontierAlive.filter(Boolean).length + kept.length;
    const frontier = new Float64Array(Math.max(64, 2 * count) * dims);
    const sources: number[][] = [];
    frontierAlive.forEach((alive, f) => {
      if (!alive) return;
      frontier.set(this.frontier.subarray(f * dims, (f + 1) * dims), sources.length * dims);
      sources.push(this.sources[f]!);
    });
    for (const { vector, sources: ids } of kept) {
      frontier.set(vector, sources.length * dims);
      sources.push(ids);
    }
    this.frontier = frontier;
    this.sources = sources;
    this.frontierCount = count;
  }
}

/** Position of the first of `count` flat vectors equal to `vector`, or -1. */
function findEqual(vectors: Float64Array, count: number, dims: number, vector: Float64Array): number {
  search: for (let k = 0; k < count; k++) {
    for (let d = 0; d < dims; d++) if (vectors[k * dims + d] !== vector[d]) continue search;
    return k;
  }
  return -1;
}

/** Does `a` dominate `b`, with strict gains only counted where b is below the limit? */
function dominatesWithin(a: Float64Array, b: Float64Array, limits: Float64Array): boolean {
  let strictly = false;
  for (let d = 0; d < a.length; d++) {
    if (a[d]! < b[d]!) return false;
    if (a[d]! > b[d]! && b[d]! < limits[d]!) strictly = true;
  }
  return strictly;
}

/**
 * Frontier of a stream that arrives in non-increasing order of coordinate sum — a topological
 * order of dominance (a dominating vector has a strictly larger sum, utilities being exact
 * integers), also for robust dominance. A newcomer can then never dominate a vector already kept,
 * so it is only compared with the kept ones: dropped if one dominates it, pooled if one equals it,
 * kept otherwise. A kept vector that dominated a newcomer moves one step towards the front.
 * Cost: O(frontier) per vector, with no sorting and no batches.
 */
export class SortedStreamFrontier {
  private coords: Float64Array;
  private sources: number[][] = [];
  private count = 0;
  private readonly limits: Float64Array;

  constructor(
    private readonly dims: number,
    thresholds?: Float64Array,
    private readonly budget?: ComparisonBudget,
  ) {
    this.coords = new Float64Array(dims * 64);
    this.limits = thresholds ?? new Float64Array(dims).fill(Number.POSITIVE_INFINITY);
  }

  /** Adds a vector whose coordinate sum is ≤ that of every vector added before. */
  add(vector: Float64Array, source: number): void {
    const dims = this.dims;
    const coords = this.coords;
    search: for (let k = 0; k < this.count; k++) {
      let strictly = false;
      for (let d = 0; d < dims; d++) {
        const mine = coords[k * dims + d]!;
        const theirs = vector[d]!;
        if (mine < theirs) continue search;
        if (mine > theirs && theirs < this.limits[d]!) strictly = true;
      }
      if (strictly) {
        this.budget?.spend(k + 1);
        if (k > 0) this.swap(k - 1, k);
        return;
      }
      if (equalAt(coords, k, dims, vector)) {
        this.budget?.spend(k + 1);
        this.sources[k]!.push(source);
        return;
      }
    }
    this.budget?.spend(this.count);
    if ((this.count + 1) * dims > coords.length) {
      const larger = new Float64Array(coords.length * 2);
      larger.set(coords);
      this.coords = larger;
    }
    this.coords.set(vector.subarray(0, dims), this.count * dims);
    this.sources.push([source]);
    this.count++;
  }

  /** The frontier: distinct vectors (flat, in no particular order) and the source ids behind each. */
  result(): { coords: Float64Array; sources: number[][]; count: number } {
    return { coords: this.coords.slice(0, this.count * this.dims), sources: this.sources, count: this.count };
  }

  private swap(a: number, b: number): void {
    swapVectors(this.coords, this.dims, a, b);
    const kept = this.sources[a]!;
    this.sources[a] = this.sources[b]!;
    this.sources[b] = kept;
  }
}

function equalAt(coords: Float64Array, k: number, dims: number, vector: Float64Array): boolean {
  for (let d = 0; d < dims; d++) if (coords[k * dims + d] !== vector[d]) return false;
  return true;
}
