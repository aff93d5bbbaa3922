/**
 * Inputs and outputs of a raw SMP run, in KTAB's own terms (0–100 scales).
 */

import type { SmpParameters } from "./parameters.js";

export interface SmpActorInput {
  readonly name: string;
  /** Capability ("Power", "Influence"); > 0. */
  readonly capability: number;
  /** Position per dimension, 0–100. */
  readonly position: readonly number[];
  /** Salience per dimension, 0–100, summing to at most 100 and more than 0. */
  readonly salience: readonly number[];
}

/** One cell of the ideal-accommodation matrix A: how much `adjusting`'s ideal moves toward `reference`'s position. */
export interface SmpAccommodation {
  /** Index of the actor whose ideal adjusts. */
  readonly adjusting: number;
  /** Index of the actor whose new position it adjusts toward (may equal `adjusting`). */
  readonly reference: number;
  /** A[adjusting][reference]; unlisted diagonal cells are 1, other unlisted cells 0. */
  readonly adjust: number;
}

export interface SmpInput {
  readonly actors: readonly SmpActorInput[];
  readonly dimensions: readonly string[];
  readonly accommodation?: readonly SmpAccommodation[];
}

export interface SmpRunOptions {
  /** Seed of the random draws in Stochastic mode (default 0); ignored when Deterministic. */
  readonly seed?: number;
  /** Last turn that may be computed (default 100, KTAB's limit); turn 0 is the input. */
  readonly maxTurns?: number;
  /**
   * Which turns the result lists: "all" (default) or "final", only the last one (for callers that need
   * just the forecast, e.g. Monte Carlo samples; it saves converting, and mostly reporting, every turn).
   * The final turn is the same either way.
   */
  readonly record?: "all" | "final";
}

export interface SmpTurn {
  readonly turn: number;
  /** positions[actor][dimension] on 0–100. */
  readonly positions: number[][];
  /** KTAB's "prob": per actor, the probability of the (merged) position it holds; may sum above 1. */
  readonly probabilities: number[];
}

export interface SmpResult {
  /** Every turn from turn 0, or only the last one when run with `record: "final"`. */
  readonly turns: SmpTurn[];
  readonly parameters: SmpParameters;
  /** True when the run ended because every actor reached one common position (see `runSmp`). */
  readonly consensus: boolean;
  /** Why the run ended (see {@link SmpStopReason}). */
  readonly stopReason: SmpStopReason;
}

/**
 * Why an SMP run ended: "converged", KTAB's rule (a turn moved actors less than 2% of the first turn's
 * movement); "turn-limit", `maxTurns` reached first (KTAB's 100 by default); "consensus", every actor at one
 * common position (`consensus` is true).
 */
export type SmpStopReason = "converged" | "turn-limit" | "consensus";
