/**
 * Calibrations: a track record of forecast errors, per model, from which intervals at any level
 * follow. Built from a backtest (`parley backtest … --save-calibration OUT`), scored on the
 * backtest's own cases by cross-fitting, or on other cases as saved. Pure.
 */
import { BACKTEST_SCALE, type BacktestCase, type CaseForecasts } from "../backtest/types.js";
import {
  DEFAULT_LEVEL,
  RELIABILITY_LEVELS,
  conformalQuantile,
  crossFittedHalfWidths,
  intervalAround,
  scoreIntervals,
  type Interval,
  type IntervalScore,
} from "./conformal.js";
import { caseTraits, categoryOf, type CaseTraits, type Condition } from "./features.js";

/** The format marker of a calibration file. */
export const CALIBRATION_FORMAT = "parley-calibration";
export const CALIBRATION_VERSION = 1;

/** One model's track record: its absolute errors, ascending, overall and per category. */
export interface ModelTrackRecord {
  readonly n: number;
  /** Absolute errors in points of the 0–100 scale, ascending. */
  readonly errors: readonly number[];
  /** With a condition: the errors of each category, ascending. */
  readonly categories?: Readonly<Record<string, readonly number[]>>;
}

/** A saved calibration (the JSON of `--save-calibration`). */
export interface Calibration {
  readonly format: typeof CALIBRATION_FORMAT;
  readonly version: typeof CALIBRATION_VERSION;
  /** Where the track record comes from: file name (no folders), scored cases, groups. */
  readonly source: { readonly file?: string; readonly issues: number; readonly groups: number };
  /** The feature intervals are conditioned on, if any (Mondrian conformal). */
  readonly condition?: Condition;
  /** The scale the errors are in; forecasts on other scales are rescaled to it. */
  readonly scale: { readonly min: number; readonly max: number };
  readonly models: Readonly<Record<string, ModelTrackRecord>>;
}

/** Per model: the interval at the chosen level and the reliability at 50/80/90 %. */
export interface IntervalReport {
  readonly interval: IntervalScore;
  readonly reliability: readonly IntervalScore[];
}

/** How intervals are computed for a backtest. */
export interface IntervalOptions {
  /** Nominal coverage, 0–1 (default 0.8). */
  readonly level?: number;
  /** Condition intervals on a case feature (Mondrian); default none. */
  readonly condition?: Condition;
}

const ascending = (values: readonly number[]): number[] => [...values].sort((a, b) => a - b);

/** The scored pairs of one model: the case and its absolute error. */
function scored(cases: readonly BacktestCase[], results: readonly CaseForecasts[], id: string): { c: BacktestCase; forecast: number; outcome: number }[] {
  const byId = new Map(cases.map((c) => [c.id, c]));
  return results.flatMap((r) => {
    const forecast = r.forecasts[id];
    const c = byId.get(r.id);
    return forecast === undefined || c === undefined ? [] : [{ c, forecast, outcome: r.outcome }];
  });
}

const groupOf = (c: BacktestCase): string => c.group ?? `\u0001${c.id}`;

/** The track record of every column (model or baseline) over a backtest's forecasts. */
export function buildCalibration(
  cases: readonly BacktestCase[],
  results: readonly CaseForecasts[],
  columns: readonly string[],
  options: { readonly condition?: Condition; readonly file?: string } = {},
): Calibration {
  const models: Record<string, ModelTrackRecord> = {};
  for (const id of columns) {
    const pairs = scored(cases, results, id);
    const errors = ascending(pairs.map((p) => Math.abs(p.outcome - p.forecast)));
    let categories: Record<string, number[]> | undefined;
    if (options.condition !== undefined) {
      categories = {};
      for (const p of pairs) (categories[categoryOf(caseTraits(p.c), options.condition)] ??= []).push(Math.abs(p.outcome - p.forecast));
      for (const key of Object.keys(categories)) categories[key] = ascending(categories[key]!);
    }
    models[id] = { n: errors.length, errors, ...(categories ? { categories } : {}) };
  }
  return {
    format: CALIBRATION_FORMAT,
    version: CALIBRATION_VERSION,
    source: { ...(options.file !== undefined ? { file: options.file } : {}), issues: cases.length, groups: new Set(cases.map(groupOf)).size },
    ...(options.condition !== undefined ? { condition: options.condition } : {}),
    scale: { ...BACKTEST_SCALE },
    models,
  };
}

/** Reliability levels with the chosen level among them, ascending. */
function levelsWith(level: number): number[] {
  return [...new Set([...RELIABILITY_LEVELS, level])].sort((a, b) => a - b);
}

/**
 * Intervals on a backtest's own cases, cross-fitted: each case's interval is calibrated on the
 * cases of the other groups (proposals) only. Per column: the chosen level and the reliability table.
 */
export function crossFittedIntervals(
  cases: readonly BacktestCase[],
  results: readonly CaseForecasts[],
  columns: readonly string[],
  options: IntervalOptions = {},
): Record<string, IntervalReport> {
  const level = options.level ?? DEFAULT_LEVEL;
  const report: Record<string, IntervalReport> = {};
  for (const id of columns) {
    const pairs = scored(cases, results, id);
    const scoredCases = pairs.map((p) => ({
      score: Math.abs(p.outcome - p.forecast),
      group: groupOf(p.c),
      ...(options.condition !== undefined ? { category: categoryOf(caseTraits(p.c), options.condition) } : {}),
    }));
    const at = (l: number): IntervalScore => {
      const widths = crossFittedHalfWidths(scoredCases, l);
      const intervals = pairs.map((p, i) => intervalAround(p.forecast, widths[i]!, BACKTEST_SCALE.min, BACKTEST_SCALE.max));
      return scoreIntervals(l, intervals, pairs.map((p) => p.outcome));
    };
    const reliability = levelsWith(level).map(at);
    report[id] = { interval: reliability.find((r) => r.level === level)!, reliability: reliability.filter((r) => (RELIABILITY_LEVELS as readonly number[]).includes(r.level)) };
  }
  return report;
}

/**
 * The half-width at `level` a calibration gives a model's forecast, in points of the calibration's
 * scale: from the errors of the case's category when the calibration is conditioned. Undefined when
 * the calibration has no record of the model; Infinity when its record is too short for the level.
 */
export function calibratedHalfWidth(calibration: Calibration, model: string, level: number, traits?: CaseTraits): number | undefined {
  const record = calibration.models[model];
  if (!record) return undefined;
  if (calibration.condition !== undefined && traits !== undefined) {
    return conformalQuantile(record.categories?.[categoryOf(traits, calibration.condition)] ?? [], level);
  }
  return conformalQuantile(record.errors, level);
}

/** Intervals on new cases from a saved calibration (no cross-fitting needed: its cases are not these). */
export function savedCalibrationIntervals(
  calibration: Calibration,
  cases: readonly BacktestCase[],
  results: readonly CaseForecasts[],
  columns: readonly string[],
  level: number = DEFAULT_LEVEL,
): Record<string, IntervalReport> {
  const report: Record<string, IntervalReport> = {};
  for (const id of columns) {
    if (!calibration.models[id]) continue;
    const pairs = scored(cases, results, id);
    const at = (l: number): IntervalScore => {
      const intervals: Interval[] = pairs.map((p) => intervalAround(p.forecast, calibratedHalfWidth(calibration, id, l, caseTraits(p.c))!, BACKTEST_SCALE.min, BACKTEST_SCALE.max));
      return scoreIntervals(l, intervals, pairs.map((p) => p.outcome));
    };
    const reliability = levelsWith(level).map(at);
    report[id] = { interval: reliability.find((r) => r.level === level)!, reliability: reliability.filter((r) => (RELIABILITY_LEVELS as readonly number[]).includes(r.level)) };
  }
  return report;
}
