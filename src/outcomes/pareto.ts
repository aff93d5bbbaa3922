/**
 * The Pareto frontier: every outcome no other outcome strictly dominates (≥ for all parties, > for
 * one), with equal utility vectors all kept. Two algorithms, with identical results:
 *
 * (a) {@link paretoFrontierByEnumeration}: score every outcome and stream the vectors through a
 *     non-dominated filter (see ./dominance.ts). Works for any utility; memory is bounded by the
 *     frontier plus one batch, time is linear in the number of outcomes.
 *
 * (b) {@link paretoFrontierAdditive}: divide and conquer over the issues for additive utilities.
 *     Split the issues in two halves (balancing the number of partial outcomes), take the frontier
 *     of the partial outcomes of each half, and combine: a full outcome on the frontier is made of
 *     a left part and a right part that are each on their half's frontier (if the left part were
 *     dominated by another left part, swapping it in would dominate the full outcome, sums being
 *     monotone). So the frontier is the non-dominated set of the sums of the two halves' frontiers.
 *     Equal partial vectors are grouped, never dropped, so ties survive. The pairs are streamed
 *     (never stored): with 2–3 parties through batched sweep filters, with more parties in
 *     decreasing order of coordinate sum (a heap over the two halves) so that each pair is compared
 *     only with the frontier kept so far. Memory is bounded by the halves' frontier sizes plus one
 *     batch, never by the number of outcomes. The outcomes behind each final point are expanded
 *     from the tree at the end (so `size`, ties included, is what the result holds).
 *
 * The GENIUS cap u = min(c, Σ) needs care. A cap is monotone, so dominance before the cap implies
 * weak dominance after it; but the strict gain can vanish when both sums reach the cap. For example
 * (1.3, 0.5) dominates (1.2, 0.5) before the cap and ties with it after it — so the capped frontier is
 * NOT a subset of the uncapped one (the claim "frontier before cap ⊇ frontier after cap" is false
 * when ties at the cap occur). The divide and conquer therefore drops a partial outcome only when
 * it is dominated robustly: the strict gain is in a coordinate j with partial_j + (largest possible
 * rest of j) < c_j, which no completion can cap away. The cap itself is applied at the root before
 * the final, plain filter. Caps that cannot bind (largest possible sum ≤ cap, the usual case with
 * GENIUS weights summing to 1) are ignored up front (see ./scoring.ts), and then every step is the
 * plain filter.
 */
import { FrontierAccumulator, SortedStreamFrontier, type ComparisonBudget } from "./dominance.js";
import {
  forEachScoredOutcome,
  fromUnits,
  scoreSpace,
  type AdditiveUnits,
  type ScoredSpace,
} from "./scoring.js";
import { log } from "../numeric/portable.js";
import { issueSizes, outcomeAt, type Outcome, type OutcomeSpace } from "./space.js";
import type { UtilityFunction } from "./utility.js";

/** One distinct utility vector of the frontier and every outcome that has it. */
export interface FrontierPoint {
  /** Utilities of the parties (rounded to 12 decimals, see ./scoring.ts). */
  readonly utilities: readonly number[];
  /** Exact utilities in units of 10⁻¹², for tie-exact comparisons. */
  readonly units: readonly number[];
  /** The outcomes with these utilities, in rank order. */
  readonly outcomes: readonly Outcome[];
}

export interface ParetoFrontier {
  /** Distinct frontier vectors in descending lexicographic order of utilities. */
  readonly points: readonly FrontierPoint[];
  /** Number of frontier outcomes (ties counted). */
  readonly size: number;
  readonly algorithm: "enumeration" | "divide-and-conquer";
}

export type FrontierAlgorithm = "auto" | "enumeration" | "divide-and-conquer";

/** The frontier of `utilities` over `space`; "auto" uses divide and conquer when every utility is additive. */
export function paretoFrontier(space: OutcomeSpace, utilities: readonly UtilityFunction[], algorithm: FrontierAlgorithm = "auto"): ParetoFrontier {
  return frontierOfScored(scoreSpace(space, utilities), algorithm);
}

/** Algorithm (a): enumeration with a streaming non-dominated filter. */
export function paretoFrontierByEnumeration(space: OutcomeSpace, utilities: readonly UtilityFunction[]): ParetoFrontier {
  return frontierOfScored(scoreSpace(space, utilities), "enumeration");
}

/** Algorithm (b): divide and conquer over the issues (additive utilities only). */
export function paretoFrontierAdditive(space: OutcomeSpace, utilities: readonly UtilityFunction[]): ParetoFrontier {
  return frontierOfScored(scoreSpace(space, utilities), "divide-and-conquer");
}

/** The frontier of an already scored space; its filters' comparisons charged to `budget`. */
export function frontierOfScored(scored: ScoredSpace, algorithm: FrontierAlgorithm = "auto", budget?: ComparisonBudget): ParetoFrontier {
  const useTree = algorithm === "divide-and-conquer" || (algorithm === "auto" && scored.additive);
  if (useTree && !scored.additive) throw new Error("the divide-and-conquer frontier needs additive utilities");
  return useTree ? divideAndConquer(scored, budget) : enumerate(scored, budget);
}

function enumerate(scored: ScoredSpace, budget: ComparisonBudget | undefined): ParetoFrontier {
  return frontierOfUnits(scored.space, scored.parties.length, (add) => forEachScoredOutcome(scored, (_outcome, units, rank) => add(units, rank)), budget);
}

/**
 * The frontier of the outcomes that `feed` passes to `add`, each as its utilities in units (./scoring.ts)
 * and its rank in `space`: a subset of the space, such as the agreements a search finds. Streamed like
 * the enumeration: memory is bounded by the frontier plus one batch.
 */
export function frontierOfUnits(space: OutcomeSpace, dims: number, feed: (add: (units: ArrayLike<number>, rank: number) => void) => void, budget?: ComparisonBudget): ParetoFrontier {
  const accumulator = new FrontierAccumulator(dims, undefined, undefined, budget);
  feed((units, rank) => accumulator.add(units, rank));
  const { coords, sources, count } = accumulator.result();
  const points = Array.from({ length: count }, (_, p) => {
    const units = Array.from(coords.subarray(p * dims, (p + 1) * dims));
    const ranks = [...sources[p]!].sort((a, b) => a - b);
    return makePoint(units, ranks.map((rank) => outcomeAt(space, rank)));
  });
  return finish(points, "enumeration");
}

function makePoint(units: number[], outcomes: Outcome[]): FrontierPoint {
  return { utilities: units.map(fromUnits), units, outcomes };
}

function finish(points: FrontierPoint[], algorithm: ParetoFrontier["algorithm"]): ParetoFrontier {
  points.sort((a, b) => compareDescending(a.units, b.units));
  return { points, size: points.reduce((sum, point) => sum + point.outcomes.length, 0), algorithm };
}

function compareDescending(a: readonly number[], b: readonly number[]): number {
  for (let d = 0; d < a.length; d++) if (a[d] !== b[d]) return b[d]! - a[d]!;
  return 0;
}

/** Frontier of the partial outcomes over a subset of the issues. */
interface PartialFrontier {
  /** Issues covered, ascending. */
  readonly issues: readonly number[];
  readonly count: number;
  /** count × parties partial sums in units (capped at the root only). */
  readonly coords: Float64Array;
  /** Per point: value indices (leaf) or encoded pairs left·right.count + right (inner node). */
  readonly sources: readonly (readonly number[])[];
  readonly children?: readonly [PartialFrontier, PartialFrontier];
}

function divideAndConquer(scored: ScoredSpace, budget: ComparisonBudget | undefined): ParetoFrontier {
  const parties = scored.parties as readonly AdditiveUnits[];
  const issues = issueSizes(scored.space).map((_, i) => i);
  const largest = parties.map((party) => party.contributions.map((table) => Math.max(...table)));
  const root = buildPartial(parties, issues, largest, true, budget);
  const dims = parties.length;
  const points = Array.from({ length: root.count }, (_, p) => {
    const outcomes: number[][] = [];
    const buffer = new Array<number>(issues.length).fill(0);
    expandPoint(root, p, buffer, () => outcomes.push([...buffer]));
    outcomes.sort(compareOutcomes);
    return makePoint(Array.from(root.coords.subarray(p * dims, (p + 1) * dims)), outcomes);
  });
  return finish(points, "divide-and-conquer");
}

function compareOutcomes(a: Outcome, b: Outcome): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/**
 * Thresholds of robust dominance for a subset of issues: cap − (largest possible sum of the other
 * issues) per capped party, +∞ for uncapped ones; undefined when no party is capped.
 */
function robustThresholds(parties: readonly AdditiveUnits[], covered: readonly number[], largest: readonly (readonly number[])[]): Float64Array | undefined {
  if (parties.every((party) => party.cap === undefined)) return undefined;
  const inSubset = new Set(covered);
  return Float64Array.from(parties, (party, p) => {
    if (party.cap === undefined) return Number.POSITIVE_INFINITY;
    const rest = largest[p]!.reduce((sum, value, i) => (inSubset.has(i) ? sum : sum + value), 0);
    return party.cap - rest;
  });
}

function buildPartial(parties: readonly AdditiveUnits[], issues: readonly number[], largest: readonly (readonly number[])[], isRoot: boolean, budget: ComparisonBudget | undefined): PartialFrontier {
  const dims = parties.length;
  const capAtRoot = isRoot && parties.some((party) => party.cap !== undefined);
  const thresholds = capAtRoot ? undefined : robustThresholds(parties, issues, largest);
  const vector = new Float64Array(dims);
  if (issues.length <= 1) {
    const accumulator = new FrontierAccumulator(dims, thresholds, undefined, budget);
    const issue = issues[0];
    const size = issue === undefined ? 1 : parties[0]!.contributions[issue]!.length;
    for (let v = 0; v < size; v++) {
      parties.forEach((party, p) => (vector[p] = issue === undefined ? 0 : party.contributions[issue]![v]!));
      if (capAtRoot) applyCaps(parties, vector);
      accumulator.add(vector, v);
    }
    return { issues, ...accumulator.result() };
  }
  const [leftIssues, rightIssues] = splitIssues(parties[0]!, issues);
  const left = buildPartial(parties, leftIssues, largest, false, budget);
  const right = buildPartial(parties, rightIssues, largest, false, budget);
  const addPair = (l: number, r: number): void => {
    for (let p = 0; p < dims; p++) vector[p] = left.coords[l * dims + p]! + right.coords[r * dims + p]!;
    if (capAtRoot) applyCaps(parties, vector);
    frontier.add(vector, l * right.count + r);
  };
  // Two or three parties: batches with sweep filters (O(n log n)). More parties, or robust
  // dominance: pairs in decreasing sum order through the sorted-stream filter, O(frontier) per pair.
  // The capped root needs the batch filter, as capping breaks the raw-sum order.
  const sortedStream = !capAtRoot && (dims >= 4 || thresholds !== undefined);
  const frontier = sortedStream ? new SortedStreamFrontier(dims, thresholds, budget) : new FrontierAccumulator(dims, thresholds, undefined, budget);
  if (sortedStream) forEachPairBySumDescending(pointSums(left, dims), pointSums(right, dims), addPair);
  else for (let l = 0; l < left.count; l++) for (let r = 0; r < right.count; r++) addPair(l, r);
  return { issues, ...frontier.result(), children: [left, right] };
}

function applyCaps(parties: readonly AdditiveUnits[], vector: Float64Array): void {
  parties.forEach((party, p) => {
    if (party.cap !== undefined) vector[p] = Math.min(party.cap, vector[p]!);
  });
}

/** Coordinate sum of every point of a partial frontier. */
function pointSums(node: PartialFrontier, dims: number): Float64Array {
  return Float64Array.from({ length: node.count }, (_, k) => {
    let sum = 0;
    for (let d = 0; d < dims; d++) sum += node.coords[k * dims + d]!;
    return sum;
  });
}

/**
 * Visits every pair (l, r) in non-increasing order of leftSums[l] + rightSums[r], with a max-heap
 * holding one pair per left element (the classic sorted-pair-sums enumeration): O(log |left|) per pair.
 */
export function forEachPairBySumDescending(leftSums: Float64Array, rightSums: Float64Array, visit: (l: number, r: number) => void): void {
  const rightOrder = Array.from(rightSums.keys()).sort((a, b) => rightSums[b]! - rightSums[a]!);
  if (rightOrder.length === 0) return;
  const firstRight = rightSums[rightOrder[0]!]!;
  const heap = new MaxHeap(leftSums.length);
  leftSums.forEach((sum, l) => heap.push(sum + firstRight, l, 0));
  while (heap.size > 0) {
    const { item: l, rank } = heap.pop();
    visit(l, rightOrder[rank]!);
    const next = rank + 1;
    if (next < rightOrder.length) heap.push(leftSums[l]! + rightSums[rightOrder[next]!]!, l, next);
  }
}

/** A binary max-heap of (key, item, rank) triples in typed arrays. */
class MaxHeap {
  private readonly keys: Float64Array;
  private readonly items: Int32Array;
  private readonly ranks: Int32Array;
  size = 0;

  constructor(capacity: number) {
    this.keys = new Float64Array(capacity);
    this.items = new Int32Array(capacity);
    this.ranks = new Int32Array(capacity);
  }

  push(key: number, item: number, rank: number): void {
    let at = this.size++;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (this.keys[parent]! >= key) break;
      this.move(parent, at);
      at = parent;
    }
    this.set(at, key, item, rank);
  }

  pop(): { item: number; rank: number } {
    const top = { item: this.items[0]!, rank: this.ranks[0]! };
    const last = --this.size;
    const key = this.keys[last]!;
    const item = this.items[last]!;
    const rank = this.ranks[last]!;
    let at = 0;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= last) break;
      if (child + 1 < last && this.keys[child + 1]! > this.keys[child]!) child++;
      if (this.keys[child]! <= key) break;
      this.move(child, at);
      at = child;
    }
    if (last > 0) this.set(at, key, item, rank);
    return top;
  }

  private move(from: number, to: number): void {
    this.set(to, this.keys[from]!, this.items[from]!, this.ranks[from]!);
  }

  private set(at: number, key: number, item: number, rank: number): void {
    this.keys[at] = key;
    this.items[at] = item;
    this.ranks[at] = rank;
  }
}

/** Splits issues into two non-empty halves with close numbers of partial outcomes (log-size balance). */
function splitIssues(party: AdditiveUnits, issues: readonly number[]): [number[], number[]] {
  const logSizes = issues.map((issue) => log(party.contributions[issue]!.length));
  const total = logSizes.reduce((sum, value) => sum + value, 0);
  let cut = 1;
  let running = logSizes[0]!;
  while (cut < issues.length - 1 && running + logSizes[cut]! / 2 <= total / 2) running += logSizes[cut++]!;
  return [issues.slice(0, cut), issues.slice(cut)];
}

/** Calls `emit` once per full assignment behind point `p` of `node`, writing values into `outcome`. */
function expandPoint(node: PartialFrontier, p: number, outcome: number[], emit: () => void): void {
  const sources = node.sources[p]!;
  if (node.children === undefined) {
    const issue = node.issues[0];
    for (const value of sources) {
      if (issue !== undefined) outcome[issue] = value;
      emit();
    }
    return;
  }
  const [left, right] = node.children;
  for (const pair of sources) {
    const r = pair % right.count;
    const l = (pair - r) / right.count;
    expandPoint(left, l, outcome, () => expandPoint(right, r, outcome, emit));
  }
}
