/**
 * KTAB's per-turn "prob" report and stopping rule (spec step 8).
 */

import { pceByOption, type PceRules } from "./pce.js";
import type { SmpRows } from "./rows.js";

/** Two positions closer than this (Euclidean, on [0,1]) count as the same position. */
export const POSITION_TOLERANCE = 1e-3;

/** Stop once a turn moves actors less than this fraction of the first turn's movement. */
const STOP_FRACTION = 0.02;
/** Added to the first turn's movement so a first turn without movement does not divide by zero. */
const FIRST_CHANGE_FLOOR = 1e-4;

/** Euclidean distance between actor a's and actor b's positions (n×m row-major). O(m). */
export function positionGap(positions: Float64Array, dims: number, a: number, b: number): number {
  let sum = 0;
  for (let k = 0; k < dims; k++) {
    const diff = (positions[a * dims + k] as number) - (positions[b * dims + k] as number);
    sum += diff * diff;
  }
  return Math.sqrt(sum);
}

/** Unique positions and, per actor, which of them it holds. */
export interface PositionClasses {
  /** Actor index representing each unique position, in order of first appearance. */
  readonly representatives: number[];
  /** Per actor, the index into `representatives` of its position. */
  readonly classOf: Int32Array;
}

/**
 * Merges equivalent positions (gap < 1e-3): an actor starts a new unique position unless it is equivalent
 * to one already listed. Each actor is then assigned the *last* unique position it is equivalent to
 * (KTAB's lookup quirk; it matters only when unique positions chain within the tolerance). O(n·u·m).
 */
export function classifyPositions(positions: Float64Array, actors: number, dims: number): PositionClasses {
  const representatives: number[] = [];
  for (let i = 0; i < actors; i++) {
    if (!representatives.some((r) => positionGap(positions, dims, i, r) < POSITION_TOLERANCE)) representatives.push(i);
  }
  const classOf = new Int32Array(actors);
  for (let i = 0; i < actors; i++) {
    for (let u = 0; u < representatives.length; u++) {
      if (positionGap(positions, dims, i, representatives[u] as number) < POSITION_TOLERANCE) classOf[i] = u;
    }
  }
  return { representatives, classOf };
}

/**
 * The "prob" column: PCE with capability weights where each actor values each unique position from its own
 * perspective (U^i[i][u], i.e. `ownUtilities`), and each actor is shown its own position's probability
 * (co-located actors repeat it, so the column may sum above 1). O(n·u²); with `rows` (a large run's
 * threads) the coalitions are shared out by rows, the same numbers.
 */
export function positionProbabilities(
  rules: PceRules,
  capabilities: Float64Array,
  ownUtilities: Float64Array,
  classes: PositionClasses,
  actors: number,
  rows: SmpRows | null = null,
): number[] {
  const options = classes.representatives.length;
  const size = actors * options;
  if (optionUtilities.length < size) optionUtilities = new Float64Array(Math.max(size, 2 * optionUtilities.length));
  const utilities = optionUtilities; // option-major: utilities[u·actors + i] = U^i[i][representative u]
  for (let u = 0; u < options; u++) {
    const representative = classes.representatives[u] as number;
    for (let i = 0; i < actors; i++) utilities[u * actors + i] = ownUtilities[i * actors + representative] as number;
  }
  const probabilities = pceByOption(rules, capabilities, utilities, actors, options, rows);
  return Array.from(classes.classOf, (u) => probabilities[u] as number);
}

/** Scratch of `positionProbabilities`, grown on demand. */
let optionUtilities = new Float64Array(0);

/** Δ_t = Σ_i ‖x_i(t) − x_i(t−1)‖₂ on [0,1]. O(n·m). */
export function totalMovement(previous: Float64Array, current: Float64Array, actors: number, dims: number): number {
  let total = 0;
  for (let i = 0; i < actors; i++) {
    let sum = 0;
    for (let k = 0; k < dims; k++) {
      const diff = (current[i * dims + k] as number) - (previous[i * dims + k] as number);
      sum += diff * diff;
    }
    total += Math.sqrt(sum);
  }
  return total;
}

/**
 * KTAB's stopping rule after turn t: stop at the turn limit, or from turn 2 on once Δ_t / (Δ_1 + 1e-4) < 0.02
 * (the log's "Fractional change compared to first step").
 */
export function shouldStop(turn: number, movement: number, firstMovement: number, maxTurns: number): boolean {
  return stopReasonAfter(turn, movement, firstMovement, maxTurns) !== null;
}

/**
 * Why `shouldStop` stops after turn t, or null if it does not: "converged" when the movement fell below
 * the threshold (even at the turn limit), else "turn-limit".
 */
export function stopReasonAfter(turn: number, movement: number, firstMovement: number, maxTurns: number): "converged" | "turn-limit" | null {
  if (turn >= 2 && movement / (firstMovement + FIRST_CHANGE_FLOOR) < STOP_FRACTION) return "converged";
  return turn >= maxTurns ? "turn-limit" : null;
}
