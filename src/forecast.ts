/**
 * Forecasting a scenario with one or more models: the library call the CLI, the server and the
 * workbench share. Results name actors and issues by id, in scenario order.
 */
import { findModel, modelIds, models } from "./models/index.js";
import { ModelError, type ModelExchange, type ModelOutput } from "./models/types.js";
import { toModelInput } from "./scenario/model-input.js";
import type { Issue, Scenario } from "./scenario/types.js";

export interface ForecastOptions {
  /** Model ids; all models when absent or empty. */
  readonly models?: readonly string[];
  /** Rounds for fixed-round models (EUM). */
  readonly rounds?: number;
  readonly seed?: number;
}

export interface IssueForecast {
  readonly id: string;
  readonly forecast: number;
  /** Other point forecasts the model gives, e.g. EUM's `weightedMean`. */
  readonly [alternative: string]: number | string;
}

export interface ForecastRound {
  readonly round: number;
  /** positions[actorId][issueId]; actors without a stance on an issue are left out of it. */
  readonly positions: Record<string, Record<string, number>>;
  readonly probabilities?: Record<string, number>;
  /** Exchange model: the exchanges of this round, by actor and issue id (see {@link ModelExchange}). */
  readonly exchanges?: readonly ForecastExchange[];
}

/** A realised exchange: actors [i, j], issues [p, q]; i moves on q and j on p, in each issue's units. */
export interface ForecastExchange extends Omit<ModelExchange, "actors" | "issues"> {
  readonly actors: readonly [string, string];
  readonly issues: readonly [string, string];
}

export interface ForecastResult {
  readonly scenario: string;
  readonly model: string;
  readonly issues: readonly IssueForecast[];
  readonly rounds?: readonly ForecastRound[];
  readonly details?: Readonly<Record<string, unknown>>;
}

/** Runs the chosen models on a validated scenario. Throws ModelError for an unknown model. */
export function forecast(scenario: Scenario, options: ForecastOptions = {}): ForecastResult[] {
  const chosen = options.models && options.models.length > 0 ? options.models : models.map((m) => m.id);
  const input = toModelInput(scenario);
  return chosen.map((id) => {
    const model = findModel(id);
    if (!model) throw new ModelError(`unknown model "${id}"; expected one of: ${modelIds().join(", ")}`);
    const output = model.run(input, {
      ...(options.rounds !== undefined ? { rounds: options.rounds } : {}),
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(scenario.models[id] ? { parameters: scenario.models[id] } : {}),
    });
    return toResult(scenario, id, output);
  });
}

function toResult(scenario: Scenario, model: string, output: ModelOutput): ForecastResult {
  return {
    scenario: scenario.id,
    model,
    issues: scenario.issues.map((issue, i) => ({
      id: issue.id,
      forecast: output.forecasts[i]!,
      ...Object.fromEntries(Object.entries(output.alternatives ?? {}).map(([name, values]) => [name, values[i]!])),
    })),
    ...(output.rounds
      ? {
          rounds: output.rounds.map((round) => ({
            round: round.round,
            positions: Object.fromEntries(
              scenario.actors.map((actor, a) => [
                actor.id,
                Object.fromEntries(
                  scenario.issues.flatMap((issue, i) => {
                    const x = round.positions[a]?.[i];
                    return x === null || x === undefined ? [] : [[issue.id, x]];
                  }),
                ),
              ]),
            ),
            ...(round.probabilities
              ? { probabilities: Object.fromEntries(scenario.actors.map((actor, a) => [actor.id, round.probabilities![a]!])) }
              : {}),
            ...(round.exchanges
              ? {
                  exchanges: round.exchanges.map(
                    (e): ForecastExchange => ({
                      ...e,
                      actors: [scenario.actors[e.actors[0]]!.id, scenario.actors[e.actors[1]]!.id],
                      issues: [scenario.issues[e.issues[0]]!.id, scenario.issues[e.issues[1]]!.id],
                    }),
                  ),
                }
              : {}),
          })),
        }
      : {}),
    ...(output.details ? { details: output.details } : {}),
  };
}

/** The anchor (or option) nearest a value on an issue, for readable output. */
export function nearestAnchor(issue: Issue, value: number): Issue["anchors"][number] | undefined {
  let best: Issue["anchors"][number] | undefined;
  for (const anchor of issue.anchors) {
    if (!best || Math.abs(anchor.value - value) < Math.abs(best.value - value)) best = anchor;
  }
  return best;
}

/**
 * What goes before an anchor's label shown beside a value: nothing when the value is the anchor's own,
 * "≈ " when the label only names the nearest anchor.
 */
export function anchorPrefix(anchor: { readonly value: number }, value: number): "" | "≈ " {
  return Math.abs(anchor.value - value) <= 1e-9 * Math.max(1, Math.abs(value)) ? "" : "≈ ";
}
