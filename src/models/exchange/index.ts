/**
 * Stokman's equal-gain exchange model (Stokman & Van Oosten 1994; the Decide implementation) as a
 * {@link ForecastModel}: actors trade moves across pairs of issues, each giving ground where it cares less in
 * return for ground where it cares more, and the forecast is the power × salience weighted mean of the
 * positions after the rounds. See `docs/models/exchange.md`.
 */
import { ModelError, type ForecastModel, type ModelExchange, type ModelInput, type ModelOptions, type ModelOutput, type ModelRound } from "../types.js";
import type { ExchangeState } from "./round.js";
import { runExchange, validateExchangeRounds, type ExchangeResult, type ExchangeRunOptions } from "./run.js";

export { runExchange, validateExchangeRounds, DEFAULT_EXCHANGE_ROUNDS, MAX_EXCHANGE_ROUNDS, MAX_CANDIDATE_PAIRS } from "./run.js";
export type { ExchangeResult, ExchangeRound, ExchangeRunOptions, RealisedExchange } from "./run.js";
export { playRound, outcomes, calculateCandidates } from "./round.js";
export type { ExchangeState, Exchange, ExchangeSide, RoundResult } from "./round.js";

/** The parameters a scenario may set under `models.exchange`. */
export const EXCHANGE_PARAMETERS = ["rounds", "randomRate", "seed"] as const;

/** Validates `models.exchange` (unknown names and bad values are errors that say what is allowed). */
export function resolveExchangeParameters(parameters: Readonly<Record<string, unknown>> | undefined): ExchangeRunOptions {
  const result: { rounds?: number; randomRate?: number; seed?: number } = {};
  for (const [name, value] of Object.entries(parameters ?? {})) {
    if (value === undefined) continue;
    switch (name) {
      case "rounds":
        if (typeof value !== "number") throw new ModelError(`The exchange parameter rounds must be a whole number, got ${JSON.stringify(value)}.`);
        result.rounds = validateExchangeRounds(value);
        break;
      case "randomRate":
        if (typeof value !== "number" || !(value >= 0 && value <= 1)) {
          throw new ModelError(`The exchange parameter randomRate must be a number from 0 (equal gain) to 1, got ${JSON.stringify(value)}.`);
        }
        result.randomRate = value;
        break;
      case "seed":
        if (typeof value !== "number" || !Number.isInteger(value)) throw new ModelError(`The exchange parameter seed must be a whole number, got ${JSON.stringify(value)}.`);
        result.seed = value;
        break;
      default:
        throw new ModelError(`Unknown exchange parameter "${name}"; allowed parameters: ${EXCHANGE_PARAMETERS.join(", ")}.`);
    }
  }
  return result;
}

/** The model's view of a scenario: saliences 0–100 → 0–1, positions onto 0–100 by each issue's scale. */
export function toExchangeState(input: ModelInput): { state: ExchangeState; positions: Float64Array } {
  const actorCount = input.actors.length;
  const issueCount = input.issues.length;
  const salience = new Float64Array(actorCount * issueCount).fill(Number.NaN);
  const power = new Float64Array(actorCount * issueCount).fill(Number.NaN);
  const positions = new Float64Array(actorCount * issueCount).fill(Number.NaN);
  input.actors.forEach((actor, a) => {
    input.issues.forEach((issue, k) => {
      const stance = input.stances[a]?.[k] ?? null;
      if (stance === null) return;
      const capability = actor.capability[k];
      if (!Number.isFinite(stance.salience) || stance.salience < 0 || stance.salience > 100) {
        throw new ModelError(`Actor "${actor.id}" on issue "${issue.id}": salience must be between 0 and 100, got ${stance.salience}.`);
      }
      if (capability === undefined || !Number.isFinite(capability) || capability < 0) {
        throw new ModelError(`Actor "${actor.id}" on issue "${issue.id}": capability must be a number ≥ 0, got ${String(capability)}.`);
      }
      const at = a * issueCount + k;
      salience[at] = stance.salience / 100;
      power[at] = capability;
      positions[at] = normalise(stance.position, issue.min, issue.max);
    });
  });
  return { state: { actorCount, issueCount, salience, power }, positions };
}

function normalise(value: number, min: number, max: number): number {
  return max === min ? 50 : (value - min) * (100 / (max - min));
}

function denormalise(value: number, min: number, max: number): number {
  return max === min ? min : value / (100 / (max - min)) + min;
}

export const exchangeModel: ForecastModel = {
  id: "exchange",
  name: "Exchange model (Stokman)",
  description:
    "Stokman's equal-gain exchange model: actors trade moves across issue pairs, each yielding where it cares less for gains where it cares more; forecast = power × salience weighted mean after the rounds.",
  iterative: true,
  acrossIssues: true,
  run(input: ModelInput, options: ModelOptions = {}): ModelOutput {
    const parameters = resolveExchangeParameters(options.parameters);
    const rounds = validateExchangeRounds(options.rounds ?? parameters.rounds);
    const seed = options.seed ?? parameters.seed;
    const { state, positions } = toExchangeState(input);
    const result = runExchange(state, positions, {
      rounds,
      ...(parameters.randomRate !== undefined ? { randomRate: parameters.randomRate } : {}),
      ...(seed !== undefined ? { seed } : {}),
    });
    const scale = (k: number, value: number): number => denormalise(value, input.issues[k]!.min, input.issues[k]!.max);
    const toScale = (values: Float64Array): number[] => Array.from(values, (v, k) => scale(k, v));
    const last = result.rounds[result.rounds.length - 1];
    return {
      forecasts: toScale(result.finalOutcomes),
      alternatives: { votingOutcome: last ? toScale(last.votingOutcomes) : toScale(result.finalOutcomes) },
      ...(options.forecastOnly ? {} : { rounds: assembleRounds(input, result, rounds, scale) }),
      details: {
        ...(parameters.randomRate ? { randomRate: parameters.randomRate, seed: seed ?? 0 } : {}),
        ...(result.stableAfter !== undefined ? { stableAfter: result.stableAfter } : {}),
        outcomeByRound: [...result.rounds.map((r) => toScale(r.startOutcomes)), toScale(result.finalOutcomes)],
        votingOutcomeByRound: result.rounds.map((r) => toScale(r.votingOutcomes)),
        candidatesByRound: result.rounds.map((r) => r.candidates),
      },
    };
  },
};

/** rounds[0] = input positions; rounds[k] = start positions after k rounds with the exchanges of round k. */
function assembleRounds(input: ModelInput, result: ExchangeResult, roundCount: number, scale: (k: number, v: number) => number): ModelRound[] {
  const issueCount = input.issues.length;
  const positionsOf = (values: Float64Array): (number | null)[][] =>
    input.actors.map((_, a) => input.issues.map((__, k) => (input.stances[a]?.[k] ? scale(k, values[a * issueCount + k] as number) : null)));
  const rounds: ModelRound[] = [];
  for (let k = 0; k <= roundCount; k++) {
    const played = result.rounds[k - 1];
    const positions = result.rounds[k]?.start ?? result.final;
    rounds.push({
      round: k,
      positions: positionsOf(positions),
      ...(k > 0 ? { exchanges: (played?.exchanges ?? []).map((e): ModelExchange => {
        const [p, q] = e.issues;
        const to: [number, number] = [scale(q, e.to[0]), scale(p, e.to[1])];
        const from: [number, number] = [scale(q, e.from[0]), scale(p, e.from[1])];
        return { actors: e.actors, issues: e.issues, moves: [to[0] - from[0], to[1] - from[1]], from, to, gains: e.gains, capped: e.capped };
      }) } : {}),
    });
  }
  return rounds;
}
