/**
 * Forecasting one backtest case with the registered models and the reference baselines. Pure: a
 * model that cannot forecast a case (ModelError) is recorded as a failure with its message.
 */
import { findModel, modelIds } from "../models/index.js";
import { ModelError, type ModelInput } from "../models/types.js";
import { BACKTEST_SCALE, type BacktestActor, type BacktestCase, type CaseForecasts } from "./types.js";

/** The reference baselines, in report order, with what each forecasts. */
export const BASELINES = {
  "baseline:status-quo": "the reference point (the outcome if no law is adopted); only cases that have one",
  "baseline:commission": "the proposer's position (the Commission in DEU); only cases where it has one",
  "baseline:mean": "the unweighted mean of every position",
  "baseline:median": "the unweighted median of every position (the median actor; mean of the middle two when even)",
} as const;
export type BaselineId = keyof typeof BASELINES;
export const BASELINE_IDS = Object.keys(BASELINES) as BaselineId[];

/** True when an actor takes part in the capability × salience weighted models. */
export function isWeighted(actor: BacktestActor): actor is BacktestActor & { salience: number; capability: number } {
  return actor.salience !== undefined && actor.capability !== undefined && actor.capability > 0;
}

/**
 * A case as one-issue model input: only actors with both a salience and a capability take part;
 * the others count for the unweighted baselines only.
 */
export function caseModelInput(c: BacktestCase): ModelInput {
  const actors = c.actors.filter(isWeighted);
  return {
    actors: actors.map((a) => ({ id: a.id, capability: [a.capability] })),
    issues: [{ id: c.id, min: BACKTEST_SCALE.min, max: BACKTEST_SCALE.max, reference: c.reference }],
    stances: actors.map((a) => [{ position: a.position, salience: a.salience }]),
  };
}

/**
 * The cases of one proposal as one model input: an issue per case, every actor that takes part in any of
 * them (in first-seen order), with its stance and capability on the issues it takes part in.
 */
export function groupModelInput(cases: readonly BacktestCase[]): ModelInput {
  const ids: string[] = [];
  for (const c of cases) for (const a of c.actors) if (isWeighted(a) && !ids.includes(a.id)) ids.push(a.id);
  const find = (c: BacktestCase, id: string) => c.actors.find((a) => a.id === id && isWeighted(a)) as (BacktestActor & { salience: number; capability: number }) | undefined;
  return {
    actors: ids.map((id) => ({ id, capability: cases.map((c) => find(c, id)?.capability ?? 1) })),
    issues: cases.map((c) => ({ id: c.id, min: BACKTEST_SCALE.min, max: BACKTEST_SCALE.max, reference: c.reference })),
    stances: ids.map((id) =>
      cases.map((c) => {
        const actor = find(c, id);
        return actor ? { position: actor.position, salience: actor.salience } : null;
      }),
    ),
  };
}

/** Arithmetic mean; NaN for no values. */
export function mean(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** Median (mean of the two middle values when the count is even); NaN for no values. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The baselines' forecasts for a case; a baseline the case lacks data for is absent. */
export function baselineForecasts(c: BacktestCase): Partial<Record<BaselineId, number>> {
  const positions = c.actors.map((a) => a.position);
  const proposer = c.proposer === undefined ? undefined : c.actors.find((a) => a.id === c.proposer)?.position;
  return {
    ...(c.reference !== undefined ? { "baseline:status-quo": c.reference } : {}),
    ...(proposer !== undefined ? { "baseline:commission": proposer } : {}),
    ...(positions.length > 0 ? { "baseline:mean": mean(positions), "baseline:median": median(positions) } : {}),
  };
}

/**
 * Every chosen model's forecast for one case, plus the baselines. A ModelError (say, all weights
 * zero) becomes a failure; any other error is a bug and propagates. Unknown model ids are an error.
 */
export function forecastCase(c: BacktestCase, models: readonly string[] = modelIds(), group?: readonly BacktestCase[]): CaseForecasts {
  const input = caseModelInput(c);
  const joint = group && group.length > 1 ? groupModelInput(group) : undefined;
  const forecasts: Record<string, number> = {};
  const failures: Record<string, string> = {};
  for (const id of models) {
    const model = findModel(id);
    if (!model) throw new ModelError(`unknown model "${id}"; expected one of: ${modelIds().join(", ")}`);
    try {
      if (input.actors.length === 0) throw new ModelError("no actor has both a salience and a capability");
      // A model that links issues sees the whole proposal and is scored on this case's issue.
      const value = model.acrossIssues && joint ? model.run(joint).forecasts[group!.indexOf(c)] : model.run(input).forecasts[0];
      if (value === undefined || !Number.isFinite(value)) throw new ModelError(`the model returned ${String(value)}`);
      forecasts[id] = value;
    } catch (error) {
      if (!(error instanceof ModelError)) throw error;
      failures[id] = error.message;
    }
  }
  return { id: c.id, outcome: c.outcome, forecasts: { ...forecasts, ...baselineForecasts(c) }, failures };
}
