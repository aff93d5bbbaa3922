/**
 * Rounds of the exchange model: each round realises exchanges from the start positions, and every actor that
 * exchanged moves part of the way toward its voting position, more so when the issue matters less to it.
 * Positions are normalised onto 0–100; `index.ts` maps the scenario's scales in and out.
 */
import { createRng } from "../../random.js";
import { ModelError } from "../types.js";
import { outcomes, playRoundBrief, RoundStorage, type ExchangeState, type RateDraw, type RealisedExchange } from "./round.js";

export type { RealisedExchange } from "./round.js";

export const DEFAULT_EXCHANGE_ROUNDS = 10;
/** Upper bound on rounds: a round never takes long, but ten thousand are far past any use. */
export const MAX_EXCHANGE_ROUNDS = 10_000;
/** Upper bound on actor pairs × issue pairs, the most candidates a round can build (cost O(n²m²) per round). */
export const MAX_CANDIDATE_PAIRS = 2_000_000;

export interface ExchangeRunOptions {
  readonly rounds?: number;
  /**
   * Random variation of the exchange rate (after Dijkstra, Van Assen, Stokman & Draaijer 2018): 0 is the
   * equal-gain model; with p in (0, 1] each calculation moves the rate a random share (up to p) of the way
   * from the equal-gain rate toward one actor's break-even rate, favouring the other actor.
   */
  readonly randomRate?: number;
  readonly seed?: number;
  /** Stop early once a round realises no exchange: later rounds would be identical (default true). */
  readonly stopWhenStable?: boolean;
}

export interface ExchangeRound {
  /** Start positions of the round, normalised, [actor·issues + issue] (NaN where there is no stance). */
  readonly start: Float64Array;
  readonly startOutcomes: Float64Array;
  readonly votingPositions: Float64Array;
  readonly votingOutcomes: Float64Array;
  readonly exchanges: readonly RealisedExchange[];
  readonly candidates: number;
  readonly validCandidates: number;
}

export interface ExchangeResult {
  /** rounds[k] is the k-th round played (k = 0 … R−1). */
  readonly rounds: readonly ExchangeRound[];
  /** Start positions after the last round (normalised). */
  readonly final: Float64Array;
  readonly finalOutcomes: Float64Array;
  /** The round (1-based) after which nothing changed any more, when the run stopped early. */
  readonly stableAfter?: number;
}

export function validateExchangeRounds(rounds: number | undefined): number {
  const count = rounds ?? DEFAULT_EXCHANGE_ROUNDS;
  if (!Number.isInteger(count) || count < 0 || count > MAX_EXCHANGE_ROUNDS) {
    throw new ModelError(`The number of rounds must be a whole number from 0 to ${MAX_EXCHANGE_ROUNDS}, got ${count}.`);
  }
  return count;
}

/** Runs the model from normalised start positions. */
export function runExchange(state: ExchangeState, positions: Float64Array, options: ExchangeRunOptions = {}): ExchangeResult {
  const roundCount = validateExchangeRounds(options.rounds);
  const pairs = ((state.actorCount * (state.actorCount - 1)) / 2) * ((state.issueCount * (state.issueCount - 1)) / 2);
  if (pairs > MAX_CANDIDATE_PAIRS) {
    throw new ModelError(
      `The exchange model would weigh up to ${pairs} candidate exchanges per round (actor pairs × issue pairs); the limit is ${MAX_CANDIDATE_PAIRS}. Use fewer actors or issues.`,
    );
  }
  const drawRate = rateDraw(options.randomRate ?? 0, options.seed ?? 0);
  const rounds: ExchangeRound[] = [];
  let current: Float64Array = Float64Array.from(positions);
  let stableAfter: number | undefined;
  const storage = new RoundStorage();
  for (let r = 0; r < roundCount; r++) {
    const result = playRoundBrief(state, current, drawRate, storage);
    rounds.push({
      start: current,
      startOutcomes: result.startOutcomes,
      votingPositions: result.votingPositions,
      votingOutcomes: result.votingOutcomes,
      exchanges: result.realised,
      candidates: result.candidateCount,
      validCandidates: result.validCandidateCount,
    });
    current = result.nextPositions;
    if (result.realised.length === 0 && drawRate === undefined && options.stopWhenStable !== false) {
      stableAfter = r;
      break;
    }
  }
  return { rounds, final: current, finalOutcomes: outcomes(state, current), ...(stableAfter !== undefined ? { stableAfter } : {}) };
}

/** The seeded draw of a random exchange rate, or undefined for the equal-gain model. */
function rateDraw(share: number, seed: number): RateDraw | undefined {
  if (!Number.isFinite(share) || share < 0 || share > 1) {
    throw new ModelError(`The random exchange rate share must be between 0 and 1, got ${share}.`);
  }
  if (share === 0) return undefined;
  const next = createRng(seed);
  return (equalRate, lowest, highest) => {
    const towardHighest = next() < 0.5;
    const fraction = share * next();
    return towardHighest ? equalRate + fraction * (highest - equalRate) : equalRate - fraction * (equalRate - lowest);
  };
}
