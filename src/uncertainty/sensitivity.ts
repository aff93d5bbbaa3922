/**
 * Which judgements move each forecast most. Two measures per input, model and issue:
 * - the tornado: the forecast with the input at its low and at its high point, every other input as
 *   written (one at a time); the swing |f(high) − f(low)| ranks the inputs;
 * - the first-order Sobol index from the Monte Carlo sample: the share of the forecast's variance
 *   explained by the input alone, estimated by binning (`stats.firstOrderIndex`). It needs no extra
 *   model runs and, unlike squared standardised regression coefficients, does not assume the forecast
 *   moves linearly or monotonically with the input — SMP's forecasts jump between clusters.
 */
import type { Scenario } from "../scenario/types.js";
import type { PointsTask } from "./evaluate.js";
import { sampleValues, type PointsResult } from "./evaluate.js";
import type { InputField } from "./inputs.js";
import { baseForecasts, completedBlocks, type MonteCarloOptions } from "./monte-carlo.js";
import { concatTasks, makePlan, runTasks, sampleTasks } from "./run.js";
import { firstOrderIndex, standardDeviation } from "./stats.js";

/** Swings per task. */
const SWINGS_PER_TASK = 8;

export interface InputEffect {
  /** The input's id, e.g. `stances.USA.sanctions.position`. */
  readonly input: string;
  readonly field: InputField;
  readonly actor: string;
  readonly issue?: string;
  /** The input's low and high points, and the forecast with the input there (others as written). */
  readonly low: number;
  readonly high: number;
  readonly atLow: number;
  readonly atHigh: number;
  /** |atHigh − atLow|: the tornado's bar. */
  readonly swing: number;
  /** First-order Sobol index in [0, 1] from the Monte Carlo sample (NaN without enough samples). */
  readonly firstOrder: number;
  /** 1-based rank by first-order index within the issue. */
  readonly firstOrderRank: number;
}

export interface IssueSensitivity {
  readonly id: string;
  readonly forecast: number;
  /** Standard deviation of the forecast over the Monte Carlo sample. */
  readonly sd: number;
  /** Σ of the first-order indices: the share of variance the inputs explain one by one (the rest is interaction). */
  readonly firstOrderSum: number;
  /** Inputs by swing, largest first (ties: by first-order index, then scenario order). */
  readonly inputs: readonly InputEffect[];
}

export interface SensitivityReport {
  readonly scenario: string;
  readonly seed: number;
  readonly runs: number;
  readonly completed: number;
  readonly partial: boolean;
  readonly measure: "first-order Sobol index, estimated by binning";
  readonly models: readonly { readonly model: string; readonly issues: readonly IssueSensitivity[] }[];
}

/** Runs the tornado (2 points per input) and `runs` Monte Carlo samples in one pass over the pool. */
export async function sensitivity(scenario: Scenario, options: MonteCarloOptions): Promise<SensitivityReport> {
  if (!Number.isInteger(options.runs) || options.runs < 1) throw new RangeError(`sensitivity: runs must be a whole number ≥ 1, got ${options.runs}`);
  const { plan } = makePlan(scenario, options);
  const base = baseForecasts(scenario, plan, options.seed);
  const swings = plan.inputs.flatMap((input, i) => [
    { input: i, value: input.low },
    { input: i, value: input.high },
  ]);
  const swingTasks: PointsTask[] = [];
  for (let s = 0; s < swings.length; s += SWINGS_PER_TASK) swingTasks.push({ plan, swings: swings.slice(s, s + SWINGS_PER_TASK) });
  const samples = sampleTasks(plan, options.runs);
  const outcome = await runTasks(concatTasks(swingTasks, samples), swings.length + options.runs, options);

  const swingResults = outcome.results.slice(0, swingTasks.length);
  const sampleResults = outcome.results.slice(swingTasks.length);
  const blocks = completedBlocks(sampleResults);
  // Inputs of the completed samples, recomputed from (seed, k): sample k's values depend on nothing else.
  const sampleIds: number[] = [];
  sampleResults.forEach((r, t) => {
    const task = samples.at(t)!;
    if (r !== undefined && "samples" in task) for (let k = task.samples.from; k < task.samples.to; k++) sampleIds.push(k);
  });
  const values = sampleIds.map((k) => sampleValues(plan, k));
  const issues = scenario.issues.length;
  const models = plan.models.length;
  const swingAt = (point: number, m: number, i: number): number => {
    const result = swingResults[Math.floor(point / SWINGS_PER_TASK)];
    return result === undefined ? Number.NaN : (result.forecasts[((point % SWINGS_PER_TASK) * models + m) * issues + i] as number);
  };
  const sampleAt = (m: number, i: number): number[] => {
    const out: number[] = [];
    for (const block of blocks) for (let p = 0; p < block.count; p++) out.push(block.forecasts[(p * models + m) * issues + i] as number);
    return out;
  };

  return {
    scenario: scenario.id,
    seed: plan.seed,
    runs: options.runs,
    completed: blocks.reduce((n, b) => n + b.count, 0),
    partial: outcome.aborted && outcome.results.some((r) => r === undefined),
    measure: "first-order Sobol index, estimated by binning",
    models: plan.models.map((model, m) => ({
      model,
      issues: scenario.issues.map((issue, i): IssueSensitivity => {
        const y = sampleAt(m, i);
        const ok = y.map((v) => !Number.isNaN(v));
        const yOk = y.filter((_, s) => ok[s]);
        const indices = plan.inputs.map((_, j) => firstOrderIndex(values.filter((_, s) => ok[s]).map((v) => v[j] as number), yOk));
        const effects = plan.inputs.map((input, j) => {
          const atLow = swingAt(2 * j, m, i);
          const atHigh = swingAt(2 * j + 1, m, i);
          return {
            input: input.id,
            field: input.field,
            actor: input.actor,
            ...(input.issue !== undefined ? { issue: input.issue } : {}),
            low: input.low,
            high: input.high,
            atLow,
            atHigh,
            swing: Math.abs(atHigh - atLow),
            firstOrder: indices[j]!,
            firstOrderRank: rankOf(indices, j),
          };
        });
        return {
          id: issue.id,
          forecast: base[m]?.[i] ?? Number.NaN,
          sd: standardDeviation(yOk),
          firstOrderSum: indices.reduce((a, b) => a + (Number.isNaN(b) ? 0 : b), 0),
          inputs: rankBySwing(effects),
        };
      }),
    })),
  };
}

/** 1-based rank of values[j], largest first (NaN last; ties by position). */
function rankOf(values: readonly number[], j: number): number {
  const v = values[j]!;
  let rank = 1;
  values.forEach((w, k) => {
    if (k === j) return;
    if (Number.isNaN(v) ? !Number.isNaN(w) || k < j : w > v || (w === v && k < j)) rank++;
  });
  return rank;
}

/** Largest swing first; NaN swings last; ties by first-order index, then scenario order. */
export function rankBySwing<T extends { swing: number; firstOrder: number }>(effects: readonly T[]): T[] {
  const key = (x: number): number => (Number.isNaN(x) ? -Infinity : x);
  return effects
    .map((e, index) => ({ e, index }))
    .sort((a, b) => key(b.e.swing) - key(a.e.swing) || key(b.e.firstOrder) - key(a.e.firstOrder) || a.index - b.index)
    .map(({ e }) => e);
}

export type { PointsResult };
