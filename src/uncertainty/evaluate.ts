/**
 * One point of an uncertainty analysis: a scenario with some inputs changed, forecast by each model,
 * and each deal checked against each actor's walk-away value. Used alike by Monte Carlo samples and
 * the tornado's one-at-a-time swings, in worker threads or in process. Pure.
 */
import { acceptsOutcome, agreementModel, type AgreementModel } from "../agreement/model.js";
import { prepareStanceDrawAcceptance, type StanceDrawAcceptance } from "../agreement/stance-draws.js";
import { dealOutcome, type Outcome } from "../deals/preferences.js";
import { findModel } from "../models/index.js";
import { ModelError, type ForecastModel, type ModelInput, type ModelOptions } from "../models/types.js";
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

/** The input values of Monte Carlo sample `k`: input i's quantile at the uniform of (seed, k, key_i), written into `out` when given. */
export function sampleValues(plan: Pick<EvaluationPlan, "inputs" | "seed">, k: number, out: Float64Array = new Float64Array(plan.inputs.length)): Float64Array {
  const { inputs, seed } = plan;
  for (let i = 0; i < inputs.length; i++) {
    const input = inputs[i] as UncertainInput;
    out[i] = quantile(input.sampler, counterUniform(seed, k, input.key));
  }
  return out;
}

/** Input values with only `input` changed (NaN keeps a number as written). */
export function swingValues(plan: Pick<EvaluationPlan, "inputs">, input: number, value: number): Float64Array {
  const out = new Float64Array(plan.inputs.length).fill(Number.NaN);
  out[input] = value;
  return out;
}

/** Where an uncertain input's number goes in the model input. */
type InputTarget =
  /** An actor's capability: on every issue without a capability of its own. */
  | { readonly field: "capability"; readonly actor: number; readonly issues: readonly number[]; readonly written: number }
  | { readonly field: "capabilityByIssue" | "position" | "salience"; readonly actor: number; readonly issue: number; readonly written: number }
  /** A written walk-away value: read by deal acceptance only. */
  | { readonly field: "reservation"; readonly actor: number; readonly written: number };

interface MutableStance {
  position: number;
  salience: number;
}

/** What every point of a plan shares, built once per plan (in each thread): the points then only write numbers. */
interface PreparedPlan {
  /** The model input as written; each point overwrites the uncertain numbers in place. */
  readonly input: { readonly actors: readonly { readonly id: string; readonly capability: number[] }[]; readonly issues: ModelInput["issues"]; readonly stances: readonly (MutableStance | null)[][] };
  readonly targets: readonly InputTarget[];
  readonly models: readonly { readonly model: ForecastModel | undefined; readonly options: ModelOptions }[];
  /** Per deal of the plan, its outcome (deals and the status quo are not sampled). */
  readonly outcomes: readonly (Outcome | undefined)[];
  /** Compiled red lines and linkage, reused by every point. */
  readonly agreement: AgreementModel;
  /** Deal acceptance decided from the point's stances and walk-away values alone; undefined when rules read judgements. */
  readonly acceptance: StanceDrawAcceptance | undefined;
  /** The point's written walk-away value per actor (NaN where none is written). */
  readonly reservations: Float64Array;
}

const prepared = new WeakMap<EvaluationPlan, PreparedPlan>();

/**
 * The plan last prepared under a key (see `PointsTask.planKey`): a worker thread receives a fresh copy of
 * the plan with every chunk, and preparing it (a few ms) for each would cost more than the chunk's copying.
 */
let keyedPlan: { readonly key: string; readonly ready: PreparedPlan } | undefined;

function prepare(plan: EvaluationPlan, key?: string): PreparedPlan {
  let ready = prepared.get(plan) ?? (key !== undefined && keyedPlan?.key === key ? keyedPlan.ready : undefined);
  if (ready) return ready;
  const { scenario } = plan;
  const model = toModelInput(scenario);
  const input = {
    actors: model.actors.map((a) => ({ id: a.id, capability: [...a.capability] })),
    issues: model.issues,
    stances: model.stances.map((row) => row.map((s) => (s ? { position: s.position, salience: s.salience } : null))),
  };
  const actorIndex = new Map(scenario.actors.map((a, i) => [a.id, i]));
  const issueIndex = new Map(scenario.issues.map((x, i) => [x.id, i]));
  const targets = plan.inputs.map((u): InputTarget => {
    const a = actorIndex.get(u.actor)!;
    const actor = scenario.actors[a]!;
    const i = u.issue === undefined ? -1 : issueIndex.get(u.issue)!;
    switch (u.field) {
      case "capability": {
        const issues = scenario.issues.flatMap((x, k) => (actor.capabilityByIssue[x.id] ? [] : [k]));
        return { field: u.field, actor: a, issues, written: actor.capability.value };
      }
      case "capabilityByIssue":
        return { field: u.field, actor: a, issue: i, written: input.actors[a]!.capability[i]! };
      case "position":
      case "salience":
        return { field: u.field, actor: a, issue: i, written: input.stances[a]![i]![u.field] };
      case "reservation":
        return { field: u.field, actor: a, written: actor.reservation?.value ?? Number.NaN };
    }
  });
  const models = plan.models.map((id) => ({
    model: findModel(id),
    options: {
      forecastOnly: true,
      ...(plan.rounds !== undefined ? { rounds: plan.rounds } : {}),
      ...(scenario.models[id] ? { parameters: scenario.models[id] } : {}),
    } satisfies ModelOptions,
  }));
  const outcomes = plan.deals.map((id) => {
    const deal = scenario.deals.find((x) => x.id === id);
    return deal ? dealOutcome(scenario, deal.values) : undefined;
  });
  const agreement = agreementModel(scenario);
  const acceptance = outcomes.length > 0 ? prepareStanceDrawAcceptance(agreement, outcomes) : undefined;
  const reservations = Float64Array.from(scenario.actors, (a) => a.reservation?.value ?? Number.NaN);
  ready = { input, targets, models, outcomes, agreement, acceptance, reservations };
  prepared.set(plan, ready);
  if (key !== undefined) keyedPlan = { key, ready };
  return ready;
}

/** Capabilities are > 0: a draw at the very bottom of a range starting at 0 is nudged above it (as `withInputValues`). */
const positive = (x: number): number => (x > 0 ? x : Number.MIN_VALUE);

/** Puts a point's numbers into the prepared model input: `values[i]` for input i, or the number as written when NaN. */
function writeValues(ready: PreparedPlan, values: ArrayLike<number>): void {
  const { input } = ready;
  ready.targets.forEach((target, t) => {
    const v = values[t] as number;
    const sampled = !Number.isNaN(v);
    if (target.field === "reservation") {
      ready.reservations[target.actor] = sampled ? v : target.written;
      return;
    }
    const capabilities = input.actors[target.actor]!.capability;
    switch (target.field) {
      case "capability": {
        const value = sampled ? positive(v) : target.written;
        for (const k of target.issues) capabilities[k] = value;
        return;
      }
      case "capabilityByIssue":
        capabilities[target.issue] = sampled ? positive(v) : target.written;
        return;
      case "position":
      case "salience":
        input.stances[target.actor]![target.issue]![target.field] = sampled ? v : target.written;
        return;
    }
  });
}

/**
 * Evaluates one point into `result` at position `p`: every model's forecast per issue, and which actors
 * accept each deal (utility ≥ walk-away value, as `parley deal` decides). `seed` goes to stochastic models.
 * The models and deal acceptance read a model input prepared once per plan, with this point's numbers
 * written in; only rules that read judgements need the scenario itself with the point's values.
 */
export function evaluatePoint(plan: EvaluationPlan, values: ArrayLike<number>, seed: number | undefined, result: PointsResult, p: number, planKey?: string): void {
  const ready = prepare(plan, planKey);
  writeValues(ready, values);
  const issues = plan.scenario.issues.length;
  ready.models.forEach(({ model, options }, m) => {
    const at = (p * plan.models.length + m) * issues;
    try {
      if (!model) throw new ModelError(`unknown model "${plan.models[m]}"`);
      const output = model.run(ready.input, seed !== undefined ? { ...options, seed } : options);
      for (let i = 0; i < issues; i++) result.forecasts[at + i] = output.forecasts[i] as number;
    } catch (error) {
      if (!(error instanceof ModelError)) throw error;
      result.forecasts.fill(Number.NaN, at, at + issues);
    }
  });
  if (plan.deals.length > 0 && ready.acceptance) {
    ready.acceptance.accepts(ready.input.stances, ready.reservations, result.accepts, p * plan.deals.length * plan.scenario.actors.length);
  } else if (plan.deals.length > 0) {
    const scenario = withInputValues(plan.scenario, plan.inputs, values);
    acceptances(scenario, ready.agreement, ready.outcomes, result.accepts, p * plan.deals.length * scenario.actors.length);
  }
}

/** Per deal, per actor: 1 when the actor accepts the deal, as `parley deal` decides (docs/agreement.md). */
function acceptances(scenario: Scenario, base: AgreementModel, outcomes: readonly (Outcome | undefined)[], out: Uint8Array, offset: number): void {
  const model = agreementModel(scenario, base);
  const actors = scenario.actors.length;
  outcomes.forEach((outcome, d) => {
    if (!outcome) return;
    for (let a = 0; a < actors; a++) out[offset + d * actors + a] = acceptsOutcome(model, a, outcome) ? 1 : 0;
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

/**
 * A unit of work for a worker: a block of Monte Carlo samples, or explicit points (tornado swings).
 * `planKey`, when given, names the plan uniquely among the plans sent to a thread (one key, one plan object
 * in the sending thread: `runTasks` gives them), so that the copies a thread receives are prepared once.
 */
export type PointsTask = (
  | { readonly plan: EvaluationPlan; readonly samples: { readonly from: number; readonly to: number } }
  | { readonly plan: EvaluationPlan; readonly swings: readonly { readonly input: number; readonly value: number }[] }
) & { readonly planKey?: string };

/** Runs a task. Sample k depends only on (seed, k), so blocks may run anywhere, in any order. */
export function runPointsTask(task: PointsTask): PointsResult {
  const { plan, planKey } = task;
  if ("samples" in task) {
    const { from, to } = task.samples;
    const result = emptyPoints(plan, to - from);
    // One buffer for the block: a point's values are read before the next point is drawn.
    const values = new Float64Array(plan.inputs.length);
    for (let k = from; k < to; k++) evaluatePoint(plan, sampleValues(plan, k, values), modelSeed(plan.seed, k), result, k - from, planKey);
    return result;
  }
  const result = emptyPoints(plan, task.swings.length);
  task.swings.forEach((s, p) => evaluatePoint(plan, swingValues(plan, s.input, s.value), plan.seed, result, p, planKey));
  return result;
}
