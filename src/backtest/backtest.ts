/**
 * Running a backtest: every chosen model on every case, in parallel when worthwhile, then scored.
 * The only impure step is the worker pool; results do not depend on the number of workers.
 */
import { defaultWorkers, parallelMap } from "../parallel/pool.js";
import { findModel, modelIds, unknownModelsMessage } from "../models/index.js";
import { ModelError } from "../models/types.js";
import { buildCalibration, crossFittedIntervals, savedCalibrationIntervals, type Calibration } from "../calibration/calibration.js";
import { DEFAULT_LEVEL } from "../calibration/conformal.js";
import type { Condition } from "../calibration/features.js";
import { scoreChallengers } from "./challengers.js";
import { reportColumns, summarise } from "./report.js";
import forecastTask, { type BacktestTask } from "./worker.js";
import type { BacktestCase, BacktestInput, BacktestReport, CaseForecasts } from "./types.js";

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
  /** Nominal coverage of the intervals, 0–1 (default 0.8). */
  readonly level?: number;
  /** Condition the cross-fitted intervals on a case feature (Mondrian conformal). */
  readonly condition?: Condition;
  /** Score intervals calibrated on this saved track record instead of cross-fitting on the file itself. */
  readonly calibration?: Calibration;
}

export interface BacktestRun {
  readonly report: BacktestReport;
  /** Per scored case, in input order. */
  readonly cases: readonly CaseForecasts[];
  /** The track record of this run, to save with `--save-calibration`. */
  readonly calibration: Calibration;
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
  const linked = models.some((id) => findModel(id)?.acrossIssues === true);
  const groups = new Map<string, BacktestCase[]>();
  if (linked) for (const c of input.cases) if (c.group !== undefined) groups.set(c.group, [...(groups.get(c.group) ?? []), c]);
  const tasks: BacktestTask[] = input.cases.map((c) => {
    const group = c.group === undefined ? undefined : groups.get(c.group);
    return { case: c, models, ...(group && group.length > 1 ? { group } : {}) };
  });
  const iterative = models.some((id) => findModel(id)?.iterative === true);
  const mapped = await parallelMap<BacktestTask, CaseForecasts>(WORKER, tasks, {
    local: forecastTask,
    workers: options.workers ?? (iterative ? defaultWorkers() : 1),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const cases = mapped.results.filter((r): r is CaseForecasts => r !== undefined);
  const done = mapped.aborted ? { ...input, cases: input.cases.filter((_, i) => mapped.results[i] !== undefined) } : input;
  return { ...withIntervals(done, cases, models, options), cases, aborted: mapped.aborted };
}

/**
 * The report with each column's conformal interval and reliability: cross-fitted by group on the
 * run's own cases, or from a saved calibration. Also the run's own track record, to save.
 */
export function withIntervals(
  input: BacktestInput,
  cases: readonly CaseForecasts[],
  models: readonly string[],
  options: Pick<BacktestOptions, "level" | "condition" | "calibration"> = {},
): { report: BacktestReport; calibration: Calibration } {
  const columns = reportColumns(models);
  const level = options.level ?? DEFAULT_LEVEL;
  const scores = summarise(input, cases, models);
  const saved = options.calibration;
  const intervals = saved
    ? savedCalibrationIntervals(saved, input.cases, cases, columns, level)
    : crossFittedIntervals(input.cases, cases, columns, { level, ...(options.condition ? { condition: options.condition } : {}) });
  const calibration = buildCalibration(input.cases, cases, columns, options.condition ? { condition: options.condition } : {});
  const condition = saved ? saved.condition : options.condition;
  const report: BacktestReport = {
    ...scores,
    models: Object.fromEntries(Object.entries(scores.models).map(([id, score]) => [id, { ...score, ...(intervals[id] ?? {}) }])),
    intervals: {
      calibration: saved ? "saved" : "cross-fitted",
      level,
      groups: calibration.source.groups,
      ...(condition !== undefined ? { condition } : {}),
      ...(saved ? { source: saved.source } : {}),
    },
  };
  const challengers = models.includes("compromise") ? scoreChallengers(input.cases, cases) : {};
  if (Object.keys(challengers).length > 0) return { report: { ...report, challengers }, calibration };
  return { report, calibration };
}
