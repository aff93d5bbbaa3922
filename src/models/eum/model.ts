/**
 * `runEum`: Bueno de Mesquita's expected utility model on one issue, as reconstructed by Scholz,
 * Calbert & Smith (2011) and computed by their reference code (spec `eum-scholz.md`).
 */

import { ModelError } from "../types.js";
import { EUM_VARIANTS, isEumVariant, resolveRules, type EumRules, type EumVariant } from "./rules.js";
import { playRound, type RunContext } from "./round.js";
import { weightedMean, weightedMedian } from "./summary.js";
import type { NormaliserSummation } from "./votes.js";

export interface EumActor {
  readonly name: string;
  /** Capability (clout), ≥ 0; conventionally 0–1 but larger values are accepted. */
  readonly capability: number;
  /** Initial position, in the issue's own units. */
  readonly position: number;
  /** Salience 0–1; also the probability that the actor resists a challenge. */
  readonly salience: number;
}

export interface EumInput {
  readonly actors: readonly EumActor[];
}

export interface EumOptions {
  /** Number of rounds to play (no convergence test); default 10. */
  readonly rounds?: number;
  /** `"scholz-code"` (default: the reference code, matches the golden files) or `"paper"`. */
  readonly variant?: EumVariant;
  /** Individual departures, overriding the variant's preset (see `rules.ts`). */
  readonly rules?: Partial<EumRules>;
  /** Q, probability that the status quo holds without a challenge; 0–1, default 1 (all reference runs). */
  readonly statusQuoProbability?: number;
  /**
   * R. Default: the spread of the initial positions, fixed for the run, as in both the paper and the
   * reference code. A scale-based R (e.g. an issue's 0–100 range) changes every utility; it must be at
   * least the initial spread.
   */
  readonly range?: number;
  /** Summation of the global normaliser: `"exact-order"` (default, reference order) or `"sorted"` (faster). */
  readonly normaliserSummation?: NormaliserSummation;
}

export interface EumRound {
  /** 0 is the input. */
  readonly round: number;
  /** Positions in input order. */
  readonly positions: number[];
  /** Capability×salience weighted mean. */
  readonly weightedMean: number;
  /** Capability×salience weighted median (lower candidate on an exact half-split). */
  readonly weightedMedian: number;
}

export interface EumResult {
  readonly rounds: EumRound[];
}

export const DEFAULT_EUM_ROUNDS = 10;

/**
 * Run the model for `options.rounds` rounds and report every round (round 0 = the input).
 * Throws {@link ModelError} on inputs the model cannot work with: fewer than two actors, non-finite
 * numbers, negative capability, salience outside 0–1, no actor with any weight, or every actor at the
 * same position (the range R would be 0).
 */
export function runEum(input: EumInput, options: EumOptions = {}): EumResult {
  const context = buildContext(input, options);
  const rounds = validateRounds(options.rounds);
  let positions = input.actors.map((actor) => actor.position);
  const history: EumRound[] = [summarise(0, positions, context.weights)];
  for (let round = 1; round <= rounds; round++) {
    positions = playRound(context, positions).positions;
    assertFinite(positions, round);
    history.push(summarise(round, positions, context.weights));
  }
  return { rounds: history };
}

/** Validate the input and options and fix what stays constant for the run. */
export function buildContext(input: EumInput, options: EumOptions = {}): RunContext {
  const actors = input.actors;
  validateActors(actors);
  const variant = options.variant ?? "scholz-code";
  if (!isEumVariant(variant)) {
    throw new ModelError(`Unknown EUM variant "${String(variant)}"; use one of: ${EUM_VARIANTS.join(", ")}.`);
  }
  const statusQuoProbability = options.statusQuoProbability ?? 1;
  if (!Number.isFinite(statusQuoProbability) || statusQuoProbability < 0 || statusQuoProbability > 1) {
    throw new ModelError(`The status-quo probability must be a number between 0 and 1, got ${statusQuoProbability}.`);
  }
  const summation = options.normaliserSummation ?? "exact-order";
  if (summation !== "exact-order" && summation !== "sorted") {
    throw new ModelError(`Unknown normaliser summation "${String(summation)}"; use "exact-order" or "sorted".`);
  }
  return {
    weights: actors.map((actor) => actor.capability * actor.salience),
    saliences: actors.map((actor) => actor.salience),
    range: resolveRange(actors, options.range),
    rules: resolveRules(variant, options.rules),
    statusQuoProbability,
    normaliserSummation: summation,
  };
}

function validateActors(actors: readonly EumActor[]): void {
  if (actors.length < 2) {
    throw new ModelError(`The expected utility model needs at least two actors, got ${actors.length}.`);
  }
  actors.forEach((actor, index) => {
    const label = actor.name ? `Actor "${actor.name}"` : `Actor #${index + 1}`;
    if (!Number.isFinite(actor.position)) {
      throw new ModelError(`${label}: the position must be a finite number, got ${actor.position}.`);
    }
    if (!Number.isFinite(actor.capability) || actor.capability < 0) {
      throw new ModelError(`${label}: the capability must be a finite number ≥ 0, got ${actor.capability}.`);
    }
    if (!Number.isFinite(actor.salience) || actor.salience < 0 || actor.salience > 1) {
      throw new ModelError(`${label}: the salience must be a number between 0 and 1, got ${actor.salience}.`);
    }
  });
  if (actors.every((actor) => actor.capability * actor.salience === 0)) {
    throw new ModelError(
      "Every actor has capability × salience = 0, so nobody carries any weight; give at least one actor a positive capability and salience.",
    );
  }
}

/** R: the initial spread of positions, or the caller's range if it is at least that spread. */
function resolveRange(actors: readonly EumActor[], requested: number | undefined): number {
  const positions = actors.map((actor) => actor.position);
  const spread = Math.max(...positions) - Math.min(...positions);
  if (spread === 0) {
    throw new ModelError(
      `All actors start at the same position (${positions[0]}), so there is nothing to negotiate and the model's range R would be 0.`,
    );
  }
  if (requested === undefined) return spread;
  if (!Number.isFinite(requested) || requested < spread) {
    throw new ModelError(`The range R must be a finite number at least the spread of the positions (${spread}), got ${requested}.`);
  }
  return requested;
}

/** The number of rounds to play: `rounds`, or 10 when absent; must be a whole number ≥ 0. */
export function validateRounds(rounds: number | undefined): number {
  const count = rounds ?? DEFAULT_EUM_ROUNDS;
  if (!Number.isInteger(count) || count < 0) {
    throw new ModelError(`The number of rounds must be a whole number ≥ 0, got ${count}.`);
  }
  return count;
}

function summarise(round: number, positions: number[], weights: readonly number[]): EumRound {
  return {
    round,
    positions,
    weightedMean: weightedMean(positions, weights),
    weightedMedian: weightedMedian(positions, weights),
  };
}

/** Guard against a numerical failure ever reaching the user as NaN. */
function assertFinite(positions: readonly number[], round: number): void {
  if (!positions.every(Number.isFinite)) {
    throw new ModelError(`The expected utility model produced a non-finite position in round ${round}; please report this input.`);
  }
}
