/**
 * Turning per-case forecasts into a backtest report: metrics per model and per baseline, failures
 * by reason, and the per-issue CSV. Pure.
 */
import { toCsv } from "../files/csv.js";
import { errorMetrics } from "./metrics.js";
import { BASELINE_IDS } from "./run.js";
import type { BacktestInput, BacktestReport, CaseForecasts, ModelScore } from "./types.js";

/** Report columns: the chosen models in their order, then the baselines. */
export function reportColumns(models: readonly string[]): string[] {
  return [...models, ...BASELINE_IDS];
}

/** Scores every model and baseline over the cases' forecasts. */
export function summarise(input: BacktestInput, results: readonly CaseForecasts[], models: readonly string[]): BacktestReport {
  const scores: Record<string, ModelScore> = {};
  for (const id of reportColumns(models)) {
    const errors = results.flatMap((r) => {
      const forecast = r.forecasts[id];
      return forecast === undefined ? [] : [forecast - r.outcome];
    });
    const failed: Record<string, number> = {};
    for (const r of results) {
      const reason = r.failures[id];
      if (reason !== undefined) failed[reason] = (failed[reason] ?? 0) + 1;
    }
    scores[id] = { ...errorMetrics(errors), ...(Object.keys(failed).length > 0 ? { failed } : {}) };
  }
  return { issues: input.cases.length, skipped: { ...input.skipped }, models: scores };
}

/** A number for the CSV: at most 6 decimals, blank when absent. */
function csvNumber(value: number | undefined): number | undefined {
  return value === undefined ? undefined : Number(value.toFixed(6));
}

/** The per-issue CSV (RFC 4180): issue id, recorded outcome, then each model's and baseline's forecast (blank when it has none). */
export function perIssueCsv(results: readonly CaseForecasts[], models: readonly string[]): string {
  const columns = reportColumns(models);
  return toCsv([["issue", "outcome", ...columns], ...results.map((r) => [r.id, csvNumber(r.outcome), ...columns.map((id) => csvNumber(r.forecasts[id]))])]);
}
