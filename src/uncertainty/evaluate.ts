/**
 * One point of an uncertainty analysis: a scenario with some inputs changed, forecast by each model,
 * and each deal checked against each actor's walk-away value. Used alike by Monte Carlo samples and
 * the tornado's one-at-a-time swings, in worker threads or in process. Pure.
 */
import { actorPreferences, reservationValues, utility } from "../deals/preferences.js";
import { dealOutcome } from "../deals/evaluate.js";
import { findModel } from "../models/index.js";
import { ModelError } from "../models/types.js";
import { toModelInput } from "../scenario/model-input.js";
import type { Scenario } from "../scenario/types.js";
import { quantile } from "./distributions.js";
import { withInputValues, type UncertainInput } from "./inputs.js";
import { counterUniform, modelSeed } from "./random.js";

/** Everything a point's evaluation depends on; plain data, so it can be sent to worker threads. */
export interface EvaluationPlan {
  readonly scenario: Scenario;
  readonly inputs: readonly UncertainInput[];
  /** Model ids, in output order. */
  readonly models: readonly string[];
  /** Rounds for fixed-round models (EUM). */
  readonly rounds?: number;
  /** The Monte Carlo seed (reduced modulo 2³²). */
  readonly seed: number;
  /** Ids of the deals whose acceptance is counted (empty when the scenario's deals cannot be evaluated). */
  readonly deals: readonly string[];
}

/** Results of a run of points, flat: forecasts[(p·models + m)·issues + i], accepts[(p·deals + d)·actors + a]. */
export interface PointsResult {
  readonly count: number;
  /** NaN where the model could not run on the point (a ModelError). */
  readonly forecasts: Float64Array;
  /** 1 when the actor accepts the deal at that point. */
  readonly accepts: Uint8Array;
}

/** The input values of Monte Carlo sample `k`: input i's quantile at the uniform of (seed, k, key_i). */
export function sampleValues(plan: Pick<EvaluationPlan, "inputs" | "seed">, k: number): Float64Array {
  const out = new Float64Array(plan.inputs.length);
  plan.inputs.forEach((input, i) => (out[i] = quantile(input.sampler, counterUniform(plan.seed, k, input.key))));
  return out;
}

/** Input values with only `input` changed (NaN keeps a number as written). */
export function swingValues(plan: Pick<EvaluationPlan, "inputs">, input: number, value: number): Float64Array {
  const out = new Float64Array(plan.inputs.length).fill(Number.NaN);
  out[input] = value;
  return out;
}

/**
 * Evaluates one point into `result` at position `p`: every model's forecast per issue, and which actors
 * accept each deal (utility ≥ walk-away value, as `parley deal` decides). `seed` goes to stochastic models.
 */
export function evaluatePoint(plan: EvaluationPlan, values: ArrayLike<number>, seed: number | undefined, result: PointsResult, p: number): void {
  const scenario = withInputValues(plan.scenario, plan.inputs, values);
  const issues = scenario.issues.length;
  const input = toModelInput(scenario);
  plan.models.forEach((id, m) => {
    const at = (p * plan.models.length + m) * issues;
    try {
      const model = findModel(id);
      if (!model) throw new ModelError(`unknown model "${id}"`);
      const output = model.run(input, {
        forecastOnly: true,
        ...(plan.rounds !== undefined ? { rounds: plan.rounds } : {}),
        ...(seed !== undefined ? { seed } : {}),
        ...(scenario.models[id] ? { parameters: scenario.models[id] } : {}),
      });
      for (let i = 0; i < issues; i++) result.forecasts[at + i] = output.forecasts[i] as number;
    } catch (error) {
      if (!(error instanceof ModelError)) throw error;
      result.forecasts.fill(Number.NaN, at, at + issues);
    }
  });
  if (plan.deals.length > 0) acceptances(scenario, plan.deals, result.accepts, p * plan.deals.length * scenario.actors.length);
}

/** Per deal, per actor: 1 when the deal is worth at least the actor's walk-away value. */
function acceptances(scenario: Scenario, dealIds: readonly string[], out: Uint8Array, offset: number): void {
  const preferences = actorPreferences(scenario);
  const reservations = reservationValues(scenario, preferences);
  const actors = scenario.actors.length;
  dealIds.forEach((id, d) => {
    const deal = scenario.deals.find((x) => x.id === id);
    if (!deal) return;
    const outcome = dealOutcome(scenario, deal.values);
    for (let a = 0; a < actors; a++) {
      // The same tolerance as `evaluateDeal`: indifference counts as acceptance.
      out[offset + d * actors + a] = utility(preferences[a]!, outcome) >= reservations[a]! - 1e-12 ? 1 : 0;
    }
  });
}

/** An empty result for `count` points. */
export function emptyPoints(plan: EvaluationPlan, count: number): PointsResult {
  return {
    count,
    forecasts: new Float64Array(count * plan.models.length * plan.scenario.issues.length),
    accepts: new Uint8Array(count * plan.deals.length * plan.scenario.actors.length),
  };
}

/** A unit of work for a worker: a block of Monte Carlo samples, or explicit points (tornado swings). */
export type PointsTask =
  | { readonly plan: EvaluationPlan; readonly samples: { readonly from: number; readonly to: number } }
  | { readonly plan: EvaluationPlan; readonly swings: readonly { readonly input: number; readonly value: number }[] };

/** Runs a task. Sample k depends only on (seed, k), so blocks may run anywhere, in any order. */
export function runPointsTask(task: PointsTask): PointsResult {
  const { plan } = task;
  if ("samples" in task) {
    const { from, to } = task.samples;
    const result = emptyPoints(plan, to - from);
    for (let k = from; k < to; k++) evaluatePoint(plan, sampleValues(plan, k), modelSeed(plan.seed, k), result, k - from);
    return result;
  }
  const result = emptyPoints(plan, task.swings.length);
  task.swings.forEach((s, p) => evaluatePoint(plan, swingValues(plan, s.input, s.value), plan.seed, result, p));
  return result;
}
