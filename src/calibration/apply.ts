/**
 * Calibrated intervals around a scenario's forecasts: each model's point forecast ± the conformal
 * quantile of its past errors (rescaled from the calibration's 0–100 scale to the issue's), and the
 * combination with the analyst's Monte Carlo spread. Pure.
 */
import type { ForecastResult } from "../forecast.js";
import type { ModelInput } from "../models/types.js";
import type { IssueDistribution, ModelDistribution, MonteCarloReport } from "../uncertainty/monte-carlo.js";
import type { Calibration } from "./calibration.js";
import { calibratedHalfWidth } from "./calibration.js";
import { inverseNormalCdf } from "../uncertainty/distributions.js";
import { intervalAround } from "./conformal.js";
import type { CaseTraits } from "./features.js";

/** A calibrated interval on an issue's own scale. */
export interface CalibratedInterval {
  readonly level: number;
  readonly lower: number;
  readonly upper: number;
  /** With Monte Carlo runs: the calibrated interval widened by the sampled spread (see `combineWithSpread`). */
  readonly combined?: { readonly lower: number; readonly upper: number };
}

/** The traits of issue i of a model input, positions rescaled to 0–100 (for conditioned calibrations). */
export function issueTraits(input: ModelInput, i: number): CaseTraits {
  const issue = input.issues[i]!;
  const span = issue.max - issue.min;
  const positions = input.stances.flatMap((row) => {
    const stance = row[i];
    return stance ? [span > 0 ? ((stance.position - issue.min) / span) * 100 : 50] : [];
  });
  return { positions, hasReference: issue.reference !== undefined };
}

/**
 * The half-width a calibration gives model `model` on issue i, on the issue's scale; undefined when
 * the calibration has no record of the model.
 */
export function issueHalfWidth(calibration: Calibration, model: string, level: number, input: ModelInput, i: number): number | undefined {
  const points = calibratedHalfWidth(calibration, model, level, issueTraits(input, i));
  if (points === undefined) return undefined;
  const issue = input.issues[i]!;
  return (points * (issue.max - issue.min)) / (calibration.scale.max - calibration.scale.min);
}

/**
 * The calibrated interval of model `model`'s forecast on issue i, combined with the sampled spread
 * when a Monte Carlo sd is given; undefined when the calibration has no record of the model.
 */
export function calibratedInterval(calibration: Calibration, model: string, level: number, input: ModelInput, i: number, forecast: number, sd?: number): CalibratedInterval | undefined {
  const half = issueHalfWidth(calibration, model, level, input, i);
  if (half === undefined) return undefined;
  const { min, max } = input.issues[i]!;
  return { level, ...intervalAround(forecast, half, min, max), ...(sd !== undefined ? { combined: combineWithSpread(forecast, half, sd, level, min, max) } : {}) };
}

/** Per result, per issue, the calibrated interval (undefined where the calibration does not know the model). */
export function calibratedIntervals(calibration: Calibration, results: readonly ForecastResult[], input: ModelInput, level: number): (CalibratedInterval | undefined)[][] {
  return results.map((result) => result.issues.map((issue, i) => calibratedInterval(calibration, result.model, level, input, i, issue.forecast)));
}

/** A forecast result whose issues carry their calibrated intervals. */
export type CalibratedForecast = Omit<ForecastResult, "issues"> & {
  readonly issues: readonly { readonly id: string; readonly forecast: number; readonly interval?: CalibratedInterval; readonly [key: string]: unknown }[];
};

/** Forecast results with each issue's calibrated interval (`interval: {level, lower, upper}`), as `parley forecast --calibration --json`. */
export function withCalibratedIntervals(results: readonly ForecastResult[], calibration: Calibration, input: ModelInput, level: number): CalibratedForecast[] {
  const intervals = calibratedIntervals(calibration, results, input, level);
  return results.map((r, m) => ({ ...r, issues: r.issues.map((issue, i) => ({ ...issue, ...(intervals[m]![i] ? { interval: intervals[m]![i] } : {}) })) }));
}

/** A Monte Carlo report whose issues carry their calibrated intervals (where the calibration knows the model). */
export interface CalibratedMonteCarloReport extends Omit<MonteCarloReport, "models"> {
  readonly models: readonly (Omit<ModelDistribution, "issues"> & { readonly issues: readonly (IssueDistribution & { readonly interval?: CalibratedInterval })[] })[];
}

/**
 * A Monte Carlo report with, per model and issue, the calibrated interval and its combination with the
 * sampled spread (`interval: {level, lower, upper, combined}`), as `parley forecast --runs --calibration --json`.
 */
export function withCalibratedSpread(report: MonteCarloReport, calibration: Calibration, input: ModelInput, level: number): CalibratedMonteCarloReport {
  return {
    ...report,
    models: report.models.map((m) => ({
      ...m,
      issues: m.issues.map((d, i) => {
        const interval = calibratedInterval(calibration, m.model, level, input, i, d.forecast, d.sd);
        return interval ? { ...d, interval } : d;
      }),
    })),
  };
}

/** The models of `models` a calibration has no track record of (they get no interval). */
export function modelsWithoutRecord(calibration: Calibration, models: readonly string[]): string[] {
  return models.filter((m) => !calibration.models[m]);
}

/**
 * The calibrated interval combined with the analyst's Monte Carlo spread: the two are treated as
 * independent errors, so their half-widths add in quadrature, √(q² + (z·sd)²), where q is the
 * calibrated half-width and z·sd the half-width a normal spread with the sampled sd has at the same
 * level. Centred on the point forecast, cut to the scale. Conservative: the track record's errors
 * already include some input uncertainty (experts' coding), so this never understates it.
 */
export function combineWithSpread(forecast: number, halfWidth: number, sd: number, level: number, min: number, max: number): { lower: number; upper: number } {
  const spread = inverseNormalCdf((1 + level) / 2) * (Number.isFinite(sd) ? sd : 0);
  return intervalAround(forecast, Math.sqrt(halfWidth * halfWidth + spread * spread), min, max);
}
