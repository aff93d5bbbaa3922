/**
 * Monte Carlo forecasts: sample every uncertain input `runs` times, run the models on each sample and
 * summarise, per model and issue, the distribution of the forecast; per deal, how often each actor
 * accepts it and how often all do. Same seed, same numbers, on any number of threads.
 */
import { forecast } from "../forecast.js";
import type { DealProblem } from "../deals/preferences.js";
import type { Scenario } from "../scenario/types.js";
import type { EvaluationPlan, PointsResult } from "./evaluate.js";
import { makePlan, runTasks, sampleTasks, type RunOptions } from "./run.js";
import { describeSample, type Distribution } from "./stats.js";

/** Bins of every forecast histogram, over the issue's scale. */
export const HISTOGRAM_BINS = 20;

export interface IssueDistribution extends Distribution {
  readonly id: string;
  /** The model's forecast with every input as written. */
  readonly forecast: number;
}

export interface ModelDistribution {
  readonly model: string;
  /** Samples on which the model could not run (left out of its distributions). */
  readonly failed: number;
  readonly issues: readonly IssueDistribution[];
}

export interface DealAcceptance {
  readonly id: string;
  /** Per actor id, the share of samples in which it accepts. */
  readonly accept: Readonly<Record<string, number>>;
  /** The share of samples in which every actor accepts. */
  readonly all: number;
}

export interface MonteCarloReport {
  readonly scenario: string;
  readonly seed: number;
  /** Samples asked for. */
  readonly runs: number;
  /** Samples finished (fewer when interrupted). */
  readonly completed: number;
  /** True when interrupted: the figures summarise the completed samples only. */
  readonly partial: boolean;
  /** Ids of the uncertain inputs sampled. */
  readonly inputs: readonly string[];
  readonly models: readonly ModelDistribution[];
  readonly deals: readonly DealAcceptance[];
  /** Why deals were not evaluated (e.g. an issue without a reference point), when they were not: in English with ids. */
  readonly dealsSkipped?: string;
  /** The same as data, where it has a structure (`dealProblemText` renders it in either language). */
  readonly dealsProblem?: DealProblem;
}

export interface MonteCarloOptions extends RunOptions {
  readonly runs: number;
}

/** Completed blocks in block order: the per-sample results the summaries read. */
export function completedBlocks(results: readonly (PointsResult | undefined)[]): PointsResult[] {
  return results.filter((r): r is PointsResult => r !== undefined);
}

/** Model m's forecasts of issue i over the completed samples, in sample order, without failed samples. */
export function forecastsOf(plan: EvaluationPlan, blocks: readonly PointsResult[], m: number, i: number): number[] {
  const issues = plan.scenario.issues.length;
  const out: number[] = [];
  for (const block of blocks) {
    for (let p = 0; p < block.count; p++) {
      const x = block.forecasts[(p * plan.models.length + m) * issues + i] as number;
      if (!Number.isNaN(x)) out.push(x);
    }
  }
  return out;
}

/** Summarises completed blocks of samples (pure; the same blocks give the same report). */
export function summarize(
  plan: EvaluationPlan,
  blocks: readonly PointsResult[],
  meta: { runs: number; partial: boolean; base: readonly (readonly number[])[]; dealsSkipped?: string; dealsProblem?: DealProblem },
): MonteCarloReport {
  const { scenario } = plan;
  const completed = blocks.reduce((n, b) => n + b.count, 0);
  const models = plan.models.map((model, m): ModelDistribution => {
    const issues = scenario.issues.map((issue, i): IssueDistribution => ({
      id: issue.id,
      forecast: meta.base[m]?.[i] ?? Number.NaN,
      ...describeSample(forecastsOf(plan, blocks, m, i), issue.min, issue.max, HISTOGRAM_BINS),
    }));
    return { model, failed: completed - (issues[0]?.n ?? completed), issues };
  });
  return {
    scenario: scenario.id,
    seed: plan.seed,
    runs: meta.runs,
    completed,
    partial: meta.partial,
    inputs: plan.inputs.map((i) => i.id),
    models,
    deals: dealShares(plan, blocks, completed),
    ...(meta.dealsSkipped !== undefined ? { dealsSkipped: meta.dealsSkipped } : {}),
    ...(meta.dealsProblem !== undefined ? { dealsProblem: meta.dealsProblem } : {}),
  };
}

function dealShares(plan: EvaluationPlan, blocks: readonly PointsResult[], completed: number): DealAcceptance[] {
  const actors = plan.scenario.actors;
  return plan.deals.map((id, d) => {
    const counts = new Array<number>(actors.length).fill(0);
    let all = 0;
    for (const block of blocks) {
      for (let p = 0; p < block.count; p++) {
        const at = (p * plan.deals.length + d) * actors.length;
        let every = true;
        for (let a = 0; a < actors.length; a++) {
          if (block.accepts[at + a] === 1) counts[a]! += 1;
          else every = false;
        }
        if (every) all++;
      }
    }
    const share = (n: number): number => (completed > 0 ? n / completed : Number.NaN);
    return { id, accept: Object.fromEntries(actors.map((a, i) => [a.id, share(counts[i]!)])), all: share(all) };
  });
}

/** The point forecasts with every input as written, per model and issue (as `parley forecast` gives them). */
export function baseForecasts(scenario: Scenario, plan: EvaluationPlan, modelSeed: number | undefined): number[][] {
  return forecast(scenario, {
    models: plan.models,
    ...(plan.rounds !== undefined ? { rounds: plan.rounds } : {}),
    ...(modelSeed !== undefined ? { seed: modelSeed } : {}),
  }).map((r) => r.issues.map((i) => i.forecast));
}

/**
 * Runs `runs` samples and summarises them. Interrupted through `signal`, it summarises the samples that
 * finished and marks the report partial.
 */
export async function monteCarlo(scenario: Scenario, options: MonteCarloOptions): Promise<MonteCarloReport> {
  if (!Number.isInteger(options.runs) || options.runs < 1) throw new RangeError(`monteCarlo: runs must be a whole number ≥ 1, got ${options.runs}`);
  const { plan, dealsSkipped, dealsProblem } = makePlan(scenario, options);
  const base = baseForecasts(scenario, plan, options.seed);
  const outcome = await runTasks(sampleTasks(plan, options.runs), options.runs, options);
  return summarize(plan, completedBlocks(outcome.results), {
    runs: options.runs,
    partial: outcome.aborted && outcome.results.some((r) => r === undefined),
    base,
    ...(dealsSkipped !== undefined ? { dealsSkipped } : {}),
    ...(dealsProblem !== undefined ? { dealsProblem } : {}),
  });
}
