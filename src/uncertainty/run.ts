/**
 * Planning and running uncertainty analyses on the shared worker pool. Work is cut into blocks of
 * points whose results depend only on the plan (and, for samples, on (seed, k)): block sizes depend on
 * the number of runs alone, and results come back by block index, so the output is the same whatever
 * the number of threads. Aborting returns the blocks that finished.
 */
import { DealError } from "../deals/preferences.js";
import { dealContext, evaluateDeal } from "../deals/evaluate.js";
import { models as allModels, unknownModelsMessage } from "../models/index.js";
import { ModelError } from "../models/types.js";
import { parallelMap, startWorkers } from "../parallel/pool.js";
import type { Scenario } from "../scenario/types.js";
import { runPointsTask, type EvaluationPlan, type PointsResult, type PointsTask } from "./evaluate.js";
import { uncertainInputs } from "./inputs.js";

export interface RunOptions {
  /** Model ids; all models when absent or empty. */
  readonly models?: readonly string[];
  /** Monte Carlo seed (default 0); seeds are reduced modulo 2³². */
  readonly seed?: number;
  /** Rounds for fixed-round models (EUM). */
  readonly rounds?: number;
  /** Worker threads (default: one per core); 1 runs in this thread. */
  readonly workers?: number;
  readonly signal?: AbortSignal;
  /** Called as points complete: (done, total). */
  readonly onProgress?: (done: number, total: number) => void;
}

/** The worker module, as source under tsx/vitest and as compiled JavaScript once built. */
const WORKER = new URL(import.meta.url.endsWith(".ts") ? "./worker.ts" : "./worker.js", import.meta.url);

/** Checks the models and deals once, up front, and lists the uncertain inputs. */
export function makePlan(scenario: Scenario, options: Pick<RunOptions, "models" | "seed" | "rounds">): { plan: EvaluationPlan; dealsSkipped?: string } {
  const models = options.models && options.models.length > 0 ? [...options.models] : allModels.map((m) => m.id);
  const unknown = unknownModelsMessage(models);
  if (unknown !== undefined) throw new ModelError(unknown);
  let deals = scenario.deals.map((d) => d.id);
  let dealsSkipped: string | undefined;
  if (deals.length > 0) {
    try {
      const context = dealContext(scenario);
      for (const deal of scenario.deals) evaluateDeal(context, deal);
    } catch (error) {
      if (!(error instanceof DealError)) throw error;
      deals = [];
      dealsSkipped = error.message;
    }
  }
  const plan: EvaluationPlan = {
    scenario,
    inputs: uncertainInputs(scenario),
    models,
    ...(options.rounds !== undefined ? { rounds: options.rounds } : {}),
    seed: Math.trunc(options.seed ?? 0) >>> 0,
    deals,
  };
  return dealsSkipped === undefined ? { plan } : { plan, dealsSkipped };
}

/**
 * Starts the worker threads a Monte Carlo of `runs` samples will use (see `startWorkers`), so that they
 * start while the scenario is still being read and checked.
 */
export function startSamplingWorkers(runs: number, workers?: number): void {
  startWorkers(WORKER, Math.ceil(runs / blockSize(runs)), workers !== undefined ? { workers } : {});
}

/** Samples per block: about 200 blocks for smooth progress, at most 100 samples each. */
export function blockSize(runs: number): number {
  return Math.min(100, Math.max(1, Math.ceil(runs / 200)));
}

/** Blocks of samples 0 … runs−1. */
export function sampleTasks(plan: EvaluationPlan, runs: number): PointsTask[] {
  const size = blockSize(runs);
  const tasks: PointsTask[] = [];
  for (let from = 0; from < runs; from += size) tasks.push({ plan, samples: { from, to: Math.min(runs, from + size) } });
  return tasks;
}

export interface TasksOutcome {
  /** By task index; undefined for tasks that did not finish (aborted). */
  readonly results: readonly (PointsResult | undefined)[];
  readonly aborted: boolean;
}

/** Points in a task. */
export function taskSize(task: PointsTask): number {
  return "samples" in task ? task.samples.to - task.samples.from : task.swings.length;
}

/**
 * Runs tasks on the shared pool, which groups them into a few chunks per worker (progress and Ctrl-C act
 * between chunks), reporting progress in points. Results are by task index, whatever order threads finish in.
 */
export async function runTasks(tasks: readonly PointsTask[], options: Pick<RunOptions, "workers" | "signal" | "onProgress">): Promise<TasksOutcome> {
  const total = tasks.map(taskSize).reduce((a, b) => a + b, 0);
  const outcome = await parallelMap<PointsTask, PointsResult>(WORKER, tasks, {
    local: runPointsTask,
    ...(options.workers !== undefined ? { workers: options.workers } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: (done: number, count: number) => options.onProgress?.(Math.round((done / Math.max(1, count)) * total), total) } : {}),
  });
  return { results: outcome.results, aborted: outcome.aborted };
}
