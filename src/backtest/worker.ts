/**
 * The backtest's worker module for `parallelMap` (src/parallel/pool.ts): forecasts one case with the
 * chosen models. Pure; runs in a worker thread or in the main thread alike.
 */
import { forecastCase } from "./run.js";
import type { BacktestCase, CaseForecasts } from "./types.js";

/** One unit of work: a case and the model ids to run on it, with its proposal's cases for models that link issues. */
export interface BacktestTask {
  readonly case: BacktestCase;
  readonly models: readonly string[];
  readonly group?: readonly BacktestCase[];
}

export default function forecastTask(task: BacktestTask): CaseForecasts {
  return forecastCase(task.case, task.models, task.group);
}
