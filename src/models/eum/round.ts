/**
 * One round of the model (spec §3): risk update, offers, simultaneous moves.
 */

import type { EumRules } from "./rules.js";
import { condorcetMedian } from "./summary.js";
import { dangerLevels, riskExponents } from "./risk.js";
import { chooseOffer, offersTo, type OfferKind } from "./offers.js";
import type { UtilitySnapshot } from "./utility.js";
import { distancePowers, globalNormaliser, probabilityMatrix, type NormaliserSummation } from "./votes.js";

/** What stays fixed for a whole run. */
export interface RunContext {
  /** w_k = c_k·s_k, formed as that product. */
  readonly weights: readonly number[];
  readonly saliences: readonly number[];
  /** R, fixed at the start of the run. */
  readonly range: number;
  readonly rules: EumRules;
  /** Q (status-quo probability). */
  readonly statusQuoProbability: number;
  readonly normaliserSummation: NormaliserSummation;
}

/**
 * A frozen snapshot of positions and risk exponents, with every probability of success precomputed
 * (the global normaliser is identical for every pair, so it is computed once, not per probability as in
 * the reference code). The median μ is computed only when the paper's no-challenge term can read it.
 */
export function createSnapshot(
  context: RunContext,
  positions: readonly number[],
  exponents: readonly number[],
): UtilitySnapshot {
  const voteExponents = context.rules.voteExponent === "risk" ? exponents : positions.map(() => 1);
  const powers = distancePowers(positions, voteExponents, context.range);
  const normaliser =
    context.rules.probability === "global-normaliser"
      ? globalNormaliser(powers, context.weights, context.normaliserSummation)
      : 0;
  const table = { positions, weights: context.weights, powers, normaliser };
  const needsMedian = context.rules.statusQuo === "with-no-challenge-term" && context.statusQuoProbability !== 1;
  return {
    positions,
    saliences: context.saliences,
    probabilities: probabilityMatrix(table, context.rules.probability),
    range: context.range,
    exponents,
    median: needsMedian ? condorcetMedian(positions, context.weights, context.range) : Number.NaN,
  };
}

export interface Move {
  readonly actor: number;
  readonly partner: number;
  readonly kind: OfferKind;
  readonly from: number;
  readonly to: number;
}

export interface RoundResult {
  readonly positions: number[];
  /** Risk exponents used for this round's offers. */
  readonly riskExponents: number[];
  /** The moves made, in receiver order. */
  readonly moves: Move[];
}

/**
 * Play one round from `positions`. Phase 1 sets every r to 1 and derives new exponents from danger
 * levels; phase 2 recomputes all expected utilities with those exponents and lets every receiver pick
 * its best offer; phase 3 applies all choices at once (Jacobi update: nobody sees another's move).
 */
export function playRound(context: RunContext, positions: readonly number[]): RoundResult {
  const rules = { ...context.rules, statusQuoProbability: context.statusQuoProbability };
  const riskFree = createSnapshot(context, positions, positions.map(() => 1));
  const exponents = riskExponents(dangerLevels(riskFree, rules));
  const snapshot = createSnapshot(context, positions, exponents);

  const moves: Move[] = [];
  const next = positions.map((position, receiver) => {
    const chosen = chooseOffer(position, offersTo(snapshot, rules, receiver), context.rules.compromiseSelection);
    if (chosen === null) return position;
    moves.push({ actor: receiver, partner: chosen.from, kind: chosen.kind, from: position, to: chosen.newPosition });
    return chosen.newPosition;
  });
  return { positions: next, riskExponents: exponents, moves };
}
