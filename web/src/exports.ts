/**
 * What the workbench's CSV downloads hold, as rows for src/files/csv.ts: the forecasts (every model
 * × issue, with the calibrated interval when a calibration is loaded), a Monte Carlo run's
 * distributions and deal acceptance, and a saved run's forecasts. Columns are named in English
 * (stable for scripts whatever the interface language); the name columns follow the language.
 * Numbers are written in full, as the library computed them. Pure.
 */
import type { CalibratedInterval } from "../../src/calibration/apply.js";
import type { CsvValue } from "../../src/files/csv.js";
import { nearestAnchor, type ForecastResult } from "../../src/forecast.js";
import type { Label, Scenario } from "../../src/scenario/types.js";
import type { MonteCarloReport } from "../../src/uncertainty/monte-carlo.js";
import { runForecasts, type SavedRun } from "./runs.js";

export type Rows = CsvValue[][];

/** How labels and model ids read in the chosen language. */
export interface Names {
  readonly label: (label: Label | string | undefined) => string;
  readonly model: (id: string) => string;
}

/** Per result, per issue: a forecast's calibrated interval. */
type Intervals = readonly (readonly (CalibratedInterval | undefined)[])[];

/**
 * One row per model × issue: the forecast, the anchor nearest it and the status quo; with a
 * calibration, its level and interval (and the interval widened by the sampled spread once a
 * Monte Carlo run has one).
 */
export function forecastRows(scenario: Scenario, results: readonly ForecastResult[], names: Names, intervals?: Intervals): Rows {
  const calibrated = intervals !== undefined && intervals.some((row) => row.some((x) => x !== undefined));
  const combined = calibrated && intervals.some((row) => row.some((x) => x?.combined !== undefined));
  const header: CsvValue[] = ["scenario", "issue", "issue_name", "model", "model_name", "forecast", "nearest_anchor", "status_quo"];
  if (calibrated) header.push("level", "lower", "upper");
  if (combined) header.push("lower_with_spread", "upper_with_spread");
  const rows: Rows = [header];
  results.forEach((result, m) => {
    scenario.issues.forEach((issue, i) => {
      const value = result.issues.find((x) => x.id === issue.id)?.forecast;
      const anchor = value === undefined ? undefined : nearestAnchor(issue, value);
      const row: CsvValue[] = [scenario.id, issue.id, names.label(issue.name), result.model, names.model(result.model), value, anchor ? names.label(anchor.label) : "", issue.reference?.value];
      const interval = intervals?.[m]?.[i];
      if (calibrated) row.push(interval?.level, interval?.lower, interval?.upper);
      if (combined) row.push(interval?.combined?.lower, interval?.combined?.upper);
      rows.push(row);
    });
  });
  return rows;
}

const QUANTILE_KEYS = ["p5", "p25", "p50", "p75", "p95"] as const;

/** A Monte Carlo run per model × issue: the point forecast, the draws' count, mean, sd and quantiles, and the run's settings. */
export function monteCarloRows(scenario: Scenario, report: MonteCarloReport, names: Names): Rows {
  const rows: Rows = [["scenario", "issue", "issue_name", "model", "model_name", "forecast", "n", "failed", "mean", "sd", ...QUANTILE_KEYS, "runs", "completed", "seed"]];
  for (const model of report.models) {
    for (const d of model.issues) {
      const issue = scenario.issues.find((x) => x.id === d.id);
      rows.push([report.scenario, d.id, names.label(issue?.name) || d.id, model.model, names.model(model.model), d.forecast, d.n, model.failed, d.mean, d.sd, ...QUANTILE_KEYS.map((k) => d.quantiles[k]), report.runs, report.completed, report.seed]);
    }
  }
  return rows;
}

/** A Monte Carlo run's deal acceptance: per named deal, the share of draws each actor accepts it in, and all of them. */
export function dealAcceptanceRows(scenario: Scenario, report: MonteCarloReport, names: Names): Rows {
  const rows: Rows = [["scenario", "deal", "deal_name", "actor", "actor_name", "share_accepting", "completed", "seed"]];
  for (const deal of report.deals) {
    const dealName = names.label(scenario.deals.find((x) => x.id === deal.id)?.name) || deal.id;
    for (const actor of scenario.actors) rows.push([report.scenario, deal.id, dealName, actor.id, names.label(actor.name), deal.accept[actor.id], report.completed, report.seed]);
    rows.push([report.scenario, deal.id, dealName, "all", "", deal.all, report.completed, report.seed]);
  }
  return rows;
}

/** A saved forecast run per model × issue (undefined for a run whose results are not forecasts). */
export function savedRunRows(run: SavedRun, names: Names, scenario?: Scenario): Rows | undefined {
  const forecasts = runForecasts(run.results);
  if (!forecasts) return undefined;
  const rows: Rows = [["run", "scenario", "version", "issue", "issue_name", "model", "model_name", "forecast", "created_at"]];
  for (const [model, byIssue] of forecasts) {
    for (const [issue, value] of byIssue) {
      rows.push([run.id, run.scenarioId, run.scenarioVersion, issue, names.label(scenario?.issues.find((x) => x.id === issue)?.name) || issue, model, names.model(model), value, run.createdAt]);
    }
  }
  return rows;
}

/** A file name's stem of letters (any script), digits, dots and dashes: `hanoi-2019-forecasts`. */
export function fileName(...parts: readonly (string | number)[]): string {
  const stem = parts
    .map((p) => String(p).replace(/[^\p{L}\p{N}.]+/gu, "-").replace(/^[-.]+|-+$/g, ""))
    .filter((p) => p !== "")
    .join("-");
  return stem === "" ? "parley" : stem;
}
