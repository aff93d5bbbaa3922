/**
 * Resolution of competing bargains (spec step 6): each actor's queue is settled by a PCE over the
 * bargains' values to all actors.
 */

import type { Bargain } from "./bargain.js";
import { pceByOption, type PceRules } from "./pce.js";
import type { SmpRows } from "./rows.js";
import { riskUtility, weightedDistance, weightedDistancePair } from "./utility.js";

/** Per-turn facts the valuation needs; everything on [0,1]. */
export interface ValuationContext {
  readonly actors: number;
  readonly dims: number;
  readonly ideals: Float64Array;
  readonly saliences: Float64Array;
  readonly salienceSquareSums: Float64Array;
  /** Each actor's own risk attitude R_a. */
  readonly risks: Float64Array;
  /** U(d_a(x_q); R_a), n×n row-major: utility to a of q's current position with a's own risk attitude. */
  readonly ownUtilities: Float64Array;
  /** Σ_q ownUtilities[a][q], summed in q order: the (unnormalised) value of the status quo to a. */
  readonly statusQuoSums: Float64Array;
}

/** What a queue's resolution reads of the valuation: the own utilities and their sums (see `resolveQueue`). */
export type QueueValuation = Pick<ValuationContext, "actors" | "ownUtilities" | "statusQuoSums">;

/** A bargain together with U(d_a(b_i); R_a) and U(d_a(b_j); R_a) for every actor a. */
export interface ValuedBargain {
  readonly bargain: Bargain;
  readonly initiatorUtilities: Float64Array;
  readonly receiverUtilities: Float64Array;
}

/** The status quo entry every queue starts with: nobody moves. */
export const STATUS_QUO = null;
export type QueueEntry = ValuedBargain | typeof STATUS_QUO;

/**
 * Precomputes every actor's utility of both proposed positions of a bargain. O(n·m). The utilities are
 * written into the given arrays (n long) when the caller recycles them.
 */
export function valueBargain(
  context: ValuationContext,
  bargain: Bargain,
  initiatorUtilities: Float64Array = new Float64Array(context.actors),
  receiverUtilities: Float64Array = new Float64Array(context.actors),
): ValuedBargain {
  const n = context.actors;
  const { ideals, saliences, dims } = context;
  const { initiatorPosition, receiverPosition } = bargain;
  // The rounded interpolations often put both sides at one point (a third of Hanoi's bargains): the
  // receiver's utilities are then the initiator's, the same function of the same numbers.
  let sameSides = true;
  for (let k = 0; k < dims && sameSides; k++) sameSides = initiatorPosition[k] === receiverPosition[k];
  for (let a = 0; a < n; a++) {
    const squareSum = context.salienceSquareSums[a] as number;
    const risk = context.risks[a] as number;
    if (sameSides) {
      const utility = riskUtility(weightedDistance(ideals, saliences, squareSum, a, initiatorPosition, 0, dims), risk);
      initiatorUtilities[a] = utility;
      receiverUtilities[a] = utility;
    } else {
      weightedDistancePair(ideals, saliences, squareSum, a, initiatorPosition, 0, receiverPosition, 0, dims, sideDistances);
      initiatorUtilities[a] = riskUtility(sideDistances[0] as number, risk);
      receiverUtilities[a] = riskUtility(sideDistances[1] as number, risk);
    }
  }
  return { bargain, initiatorUtilities, receiverUtilities };
}

/** The distances to a bargain's two sides (`weightedDistancePair`), read as soon as it returns. */
const sideDistances = new Float64Array(2);

/**
 * Picks one entry of a queue (its first `length` entries): PCE with capability weights over the entries'
 * values to all actors, then the most likely entry (first on ties) or, when `uniform` is given, a draw from
 * the PCE distribution. O(n·M²) for a queue of M entries. With `rows` (a large run's threads) its
 * coalition matrix is shared out by rows, the same numbers.
 */
export function resolveQueue(
  context: QueueValuation,
  rules: PceRules,
  capabilities: Float64Array,
  queue: readonly QueueEntry[],
  uniform: number | undefined,
  length: number = queue.length,
  rows: SmpRows | null = null,
): number {
  const options = length;
  if (options === 1) return 0;
  const n = context.actors;
  const size = n * options;
  if (queueValues.length < size) queueValues = new Float64Array(Math.max(size, 2 * queueValues.length));
  const values = queueValues; // option-major: values[m·n + a] = V_a(m)
  const { ownUtilities, statusQuoSums } = context;
  // V_a(m) = (1/n)·Σ_q U(d_a(y_q); R_a), where y is the state after entry m. A bargain moves only its two
  // actors, so this is (1/n)[Σ_all − U(x_i) − U(x_j) + U(b_i) + U(b_j)]: O(1) per actor and entry instead of
  // O(n), which turns the naive O(n⁴) resolution into O(n²) valuations per turn (equal to the direct sum up
  // to a few ulps).
  for (let m = 0; m < options; m++) {
    const entry = queue[m] as QueueEntry;
    const at = m * n;
    if (entry === STATUS_QUO) {
      for (let a = 0; a < n; a++) values[at + a] = (statusQuoSums[a] as number) / n;
      continue;
    }
    const { initiator, receiver } = entry.bargain;
    const initiatorUtilities = entry.initiatorUtilities;
    const receiverUtilities = entry.receiverUtilities;
    for (let a = 0, row = 0; a < n; a++, row += n) {
      const moved =
        (statusQuoSums[a] as number) -
        (ownUtilities[row + initiator] as number) -
        (ownUtilities[row + receiver] as number) +
        (initiatorUtilities[a] as number) +
        (receiverUtilities[a] as number);
      values[at + a] = moved / n;
    }
  }
  const probabilities = pceByOption(rules, capabilities, values, n, options, rows);
  return uniform === undefined ? indexOfMaximum(probabilities) : drawIndex(probabilities, uniform);
}

/** Scratch of `resolveQueue`, grown on demand. */
let queueValues = new Float64Array(0);

/** Index of the largest entry, the first one on ties. */
export function indexOfMaximum(values: Float64Array): number {
  let best = 0;
  for (let m = 1; m < values.length; m++) if ((values[m] as number) > (values[best] as number)) best = m;
  return best;
}

/** Inverse-CDF draw: the first index whose cumulative probability exceeds `uniform` ∈ [0,1). */
export function drawIndex(probabilities: Float64Array, uniform: number): number {
  let cumulative = 0;
  for (let m = 0; m < probabilities.length; m++) {
    cumulative += probabilities[m] as number;
    if (uniform < cumulative) return m;
  }
  return probabilities.length - 1;
}

/** The position actor k takes from the chosen entry: its own side of the bargain, or where it stands (status quo). */
export function sideOf(entry: QueueEntry, actor: number): Float64Array | null {
  if (entry === STATUS_QUO) return null;
  return entry.bargain.initiator === actor ? entry.bargain.initiatorPosition : entry.bargain.receiverPosition;
}
