/**
 * Planning and running uncertainty analyses on the shared worker pool. Work is cut into blocks of
 * points whose results depend only on the plan (and, for samples, on (seed, k)): block sizes depend on
 * the number of runs alone, and results come back by block index, so the output is the same whatever
 * the number of threads. Aborting returns the blocks that finished.
 */
import { DealError, type DealProblem } from "../deals/preferences.js";
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
export function makePlan(scenario: Scenario, options: Pick<RunOptions, "models" | "seed" | "rounds">): { plan: EvaluationPlan; dealsSkipped?: string; dealsProblem?: DealProblem } {
  const models = options.models && options.models.length > 0 ? [...options.models] : allModels.map((m) => m.id);
  const unknown = unknownModelsMessage(models);
  if (unknown !== undefined) throw new ModelError(unknown);
  let deals = scenario.deals.map((d) => d.id);
  let dealsSkipped: string | undefined;
  let dealsProblem: DealProblem | undefined;
  if (deals.length > 0) {
    try {
      const context = dealContext(scenario);
      for (const deal of scenario.deals) evaluateDeal(context, deal);
    } catch (error) {
      if (!(error instanceof DealError)) throw error;
      deals = [];
      dealsSkipped = error.message;
      dealsProblem = error.problem;
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
  return dealsSkipped === undefined ? { plan } : { plan, dealsSkipped, ...(dealsProblem ? { dealsProblem } : {}) };
}

/**
 * Starts the worker threads a Monte Carlo of `runs` samples will use (see `startWorkers`), so that they
 * start while the scenario is still being read and checked.
 */
export function startSamplingWorkers(runs: number, workers?: number): void {
  startWorkers(WORKER, Math.ceil(runs / blockSize(runs)), workers !== undefined ? { workers } : {});
}

/**
 * Samples per block: about 200 blocks for smooth progress, at most 10 each. A block is what a thread
 * finishes before it sees Ctrl-C: ten Hanoi samples of every model take about 60 ms (a hundred took
 * 0.6 s, seconds on a loaded machine). Results do not depend on it: sample k depends on (seed, k) only.
 */
export function blockSize(runs: number): number {
  return Math.min(10, Math.max(1, Math.ceil(runs / 200)));
}

/**
 * Keys of the plans sent to worker threads (`PointsTask.planKey`): one per plan object. A pool's threads take
 * tasks from the thread that made the pool only; the time origin tells this thread's keys from another's anyway.
 */
const planKeys = new WeakMap<EvaluationPlan, string>();
let plansKeyed = 0;

function planKeyOf(plan: EvaluationPlan): string {
  let key = planKeys.get(plan);
  if (key === undefined) {
    key = `${performance.timeOrigin}:${++plansKeyed}`;
    planKeys.set(plan, key);
  }
  return key;
}

/** Tasks by index, made when asked for. */
export interface TaskList {
  readonly length: number;
  at(index: number): PointsTask | undefined;
}

/**
 * Blocks of samples 0 … runs−1, each made when the pool takes it (a million blocks made up front took
 * 0.4 s, before the run could notice Ctrl-C).
 */
export function sampleTasks(plan: EvaluationPlan, runs: number): TaskList {
  const size = blockSize(runs);
  const length = Math.ceil(runs / size);
  return { length, at: (b) => (b >= 0 && b < length ? { plan, samples: { from: b * size, to: Math.min(runs, (b + 1) * size) } } : undefined) };
}

/** The tasks of `first`, then those of `then`. */
export function concatTasks(first: TaskList, then: TaskList): TaskList {
  return { length: first.length + then.length, at: (i) => (i < first.length ? first.at(i) : then.at(i - first.length)) };
}

export interface TasksOutcome {
  /** By task index; undefined for tasks that did not finish (aborted). */
  readonly results: readonly (PointsResult | undefined)[];
  readonly aborted: boolean;
}

/**
 * Runs tasks on the shared pool, which groups them into chunks (progress is reported per chunk; Ctrl-C
 * stops every thread after its current task), reporting progress in points (`total`: the tasks' points).
 * Results are by task index, whatever order threads finish in.
 */
export async function runTasks(tasks: TaskList, total: number, options: Pick<RunOptions, "workers" | "signal" | "onProgress">): Promise<TasksOutcome> {
  const keyed: TaskList = {
    length: tasks.length,
    at: (i) => {
      const task = tasks.at(i);
      return task === undefined ? undefined : { ...task, planKey: planKeyOf(task.plan) };
    },
  };
  const outcome = await parallelMap<PointsTask, PointsResult>(WORKER, keyed, {
    local: runPointsTask,
    ...(options.workers !== undefined ? { workers: options.workers } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: (done: number, count: number) => options.onProgress?.(Math.round((done / Math.max(1, count)) * total), total) } : {}),
  });
  return { results: outcome.results, aborted: outcome.aborted };
}
