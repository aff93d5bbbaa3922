/**
 * Running a backtest: every chosen model on every case, in parallel when worthwhile, then scored.
 * The only impure step is the worker pool; results do not depend on the number of workers.
 */
import { defaultWorkers, parallelMap } from "../parallel/pool.js";
import { findModel, modelIds, unknownModelsMessage } from "../models/index.js";
import { ModelError } from "../models/types.js";
import { summarise } from "./report.js";
import forecastTask, { type BacktestTask } from "./worker.js";
import type { BacktestInput, BacktestReport, CaseForecasts } from "./types.js";

export interface BacktestOptions {
  /** Model ids, in report order; default: every registered model. */
  readonly models?: readonly string[];
  /**
   * Worker threads; 1 runs in this thread. Default: every core when an iterative model (EUM, SMP)
   * is among the models, else 1 — the closed-form models take milliseconds, less than starting a pool.
   */
  readonly workers?: number;
  readonly onProgress?: (done: number, total: number) => void;
  readonly signal?: AbortSignal;
}

export interface BacktestRun {
  readonly report: BacktestReport;
  /** Per scored case, in input order. */
  readonly cases: readonly CaseForecasts[];
  /** True when the signal stopped the run: the report then covers the cases done. */
  readonly aborted: boolean;
}

/** The worker module, next to this file (a `.ts` under tsx/vitest, a `.js` in dist/). */
const WORKER = new URL(`./worker${import.meta.url.endsWith(".ts") ? ".ts" : ".js"}`, import.meta.url);

/** Forecasts every case with every chosen model and scores them. */
export async function runBacktest(input: BacktestInput, options: BacktestOptions = {}): Promise<BacktestRun> {
  const models = options.models && options.models.length > 0 ? [...options.models] : modelIds();
  const unknown = unknownModelsMessage(models);
  if (unknown !== undefined) throw new ModelError(unknown);
  const tasks: BacktestTask[] = input.cases.map((c) => ({ case: c, models }));
  const iterative = models.some((id) => findModel(id)?.iterative === true);
  const mapped = await parallelMap<BacktestTask, CaseForecasts>(WORKER, tasks, {
    local: forecastTask,
    workers: options.workers ?? (iterative ? defaultWorkers() : 1),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const cases = mapped.results.filter((r): r is CaseForecasts => r !== undefined);
  const done = mapped.aborted ? { ...input, cases: input.cases.filter((_, i) => mapped.results[i] !== undefined) } : input;
  return { report: summarise(done, cases, models), cases, aborted: mapped.aborted };
}
