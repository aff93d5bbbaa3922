/**
 * `parley backtest FILE`: forecast real decisions with every model and score them against the
 * recorded outcomes. FILE is a DEU III TSV (Council weights built in, or from `--weights`) or the
 * general backtest CSV/JSON (src/backtest/input.ts). A thin shell: reading, the worker pool, printing.
 */
import { basename } from "node:path";
import { runBacktest } from "../../backtest/backtest.js";
import type { Condition } from "../../calibration/features.js";
import { calibrationJson } from "../../calibration/file.js";
import { parseBacktestCsv, parseBacktestJson } from "../../backtest/input.js";
import { BASELINES, BASELINE_IDS } from "../../backtest/run.js";
import { perIssueCsv } from "../../backtest/report.js";
import { csvFile } from "../../files/csv.js";
import { SKIP_REASONS, type BacktestInput, type BacktestReport, type ModelScore } from "../../backtest/types.js";
import { COUNCIL_WEIGHTS } from "../../importers/council-weights.js";
import { counted } from "../../i18n/count.js";
import { isDeuTsv, parseCouncilWeights, parseDeu } from "../../importers/deu.js";
import { modelIds } from "../../models/index.js";
import { loadCalibration, readTextOrThrow } from "../../files/load.js";
import { checkOutputPath, writeFileAtomic } from "../../files/write.js";
import { formatNumber, table } from "../format.js";
import { requireKnownModels } from "../models.js";
import { EXIT, UsageError, processIo, type CliIo } from "../io.js";
import { progressBar } from "../progress.js";

export interface BacktestCommandOptions {
  /** Council weights CSV for a DEU file; the built-in table (src/importers/council-weights.ts) when absent. */
  readonly weights?: string;
  /** Model ids; all registered models when empty. */
  readonly models: readonly string[];
  readonly json: boolean;
  /** Write a per-issue CSV here. */
  readonly perIssue?: string;
  /** Replace the per-issue CSV if it exists. */
  readonly force?: boolean;
  readonly workers?: number;
  /** Nominal coverage of the intervals (default 0.8). */
  readonly level?: number;
  /** Condition the cross-fitted intervals on a case feature. */
  readonly condition?: Condition;
  /** Save the run's track record here (`--force` replaces it). */
  readonly saveCalibration?: string;
  /** A saved calibration to score the intervals with. */
  readonly calibration?: string;
  /** Show the progress bar; default: when stderr is a terminal, the process's own output is used and not --json. */
  readonly progress?: boolean;
}

/** Reads FILE as a DEU TSV (with the built-in Council weights unless a weights file is given) or as the general CSV/JSON, by content. */
export function loadBacktestInput(file: string, weightsFile: string | undefined): BacktestInput {
  const text = readTextOrThrow(file);
  if (isDeuTsv(text)) {
    return parseDeu(text, file, weightsFile === undefined ? COUNCIL_WEIGHTS : parseCouncilWeights(readTextOrThrow(weightsFile), weightsFile));
  }
  if (weightsFile !== undefined) throw new UsageError(`--weights applies to DEU files only; ${file} is not one (capabilities come from its capability column)`);
  const start = text.replace(/^\uFEFF/, "").trimStart();
  return start.startsWith("[") || start.startsWith("{") || file.toLowerCase().endsWith(".json") ? parseBacktestJson(text, file) : parseBacktestCsv(text, file);
}

export async function backtestCommand(file: string, options: BacktestCommandOptions, io: CliIo): Promise<number> {
  requireKnownModels(options.models);
  for (const output of [options.perIssue, options.saveCalibration]) {
    if (output !== undefined) checkOutputPath(output, options.force === true);
  }
  if (options.calibration !== undefined && options.condition !== undefined) {
    throw new UsageError("--condition applies when cross-fitting; a saved calibration (--calibration) brings its own condition");
  }
  const calibration = options.calibration === undefined ? undefined : loadCalibration(options.calibration);
  const input = loadBacktestInput(file, options.weights);

  const showProgress = !options.json && (options.progress ?? (io === processIo && process.stderr.isTTY === true));
  const bar = showProgress ? progressBar((text) => process.stderr.write(text), { unit: "issues" }) : undefined;
  const run = await runBacktest(input, {
    models: options.models,
    ...(options.workers !== undefined ? { workers: options.workers } : {}),
    ...(options.level !== undefined ? { level: options.level } : {}),
    ...(options.condition !== undefined ? { condition: options.condition } : {}),
    ...(calibration ? { calibration } : {}),
    ...(bar ? { onProgress: (done: number, total: number) => bar.update(done, total) } : {}),
  }).finally(() => bar?.finish());

  if (options.perIssue !== undefined) {
    const models = options.models.length > 0 ? options.models : modelIds();
    writeFileAtomic(options.perIssue, csvFile(perIssueCsv(run.cases, models)), true);
    if (!options.json) io.err(`wrote ${options.perIssue}: ${counted(run.cases.length, "issue")}`);
  }
  if (options.saveCalibration !== undefined) {
    writeFileAtomic(options.saveCalibration, calibrationJson({ ...run.calibration, source: { ...run.calibration.source, file: basename(file) } }), true);
    if (!options.json) io.err(`wrote ${options.saveCalibration}: the track record of ${counted(Object.keys(run.calibration.models).length, "model")} on ${counted(run.calibration.source.issues, "issue")}`);
  }
  io.out(options.json ? JSON.stringify(run.report, null, 2) : reportTable(run.report));
  return EXIT.ok;
}


const percent = (share: number | null): string => (share === null ? "–" : `${Math.round(share * 100)}%`);
const points = (value: number | null): string => (value === null ? "–" : value.toFixed(2));
const width = (value: number | null): string => (value === null ? "–" : value.toFixed(1));

/** How the intervals were calibrated, and the reliability table: nominal against actual coverage. */
function intervalLines(report: BacktestReport): string[] {
  const method = report.intervals!;
  const how =
    method.calibration === "saved"
      ? `calibrated on ${method.source?.file ?? "a saved calibration"} (${method.source ? counted(method.source.issues, "issue") : "? issues"})`
      : `cross-fitted: each issue's interval calibrated on the issues of the other ${method.groups - 1} proposals`;
  const lines = [`Intervals: forecast ± the conformal quantile of past absolute errors, ${how}${method.condition ? `, per ${method.condition} category` : ""}.`];
  const levels = Object.values(report.models).find((s) => s.reliability)?.reliability?.map((r) => r.level) ?? [];
  if (levels.length > 0) {
    const rows = Object.entries(report.models).flatMap(([id, s]) =>
      s.reliability ? [[id, ...levels.map((l) => { const r = s.reliability!.find((x) => x.level === l); return r ? `${percent(r.coverage)} (${width(r.meanWidth)})` : "–"; })]] : [],
    );
    lines.push("", "Reliability: share of outcomes inside the interval (mean width)", table(["model", ...levels.map((l) => `${Math.round(l * 100)}%`)], rows, ["left", ...levels.map(() => "right" as const)]));
  }
  return lines;
}

/** The report for people: one row per model and baseline, then skipped rows and failures. */
export function reportTable(report: BacktestReport): string {
  const skipped = Object.entries(report.skipped).filter(([, n]) => n > 0);
  const lines = [
    `Backtest on ${counted(report.issues, "issue")}; errors in points of the 0–100 scale.` +
      (skipped.length > 0 ? ` Skipped: ${skipped.map(([reason, n]) => `${n} (${SKIP_REASONS[reason as keyof typeof SKIP_REASONS] ?? reason})`).join(", ")}.` : ""),
    "",
  ];
  const rows = Object.entries(report.models).map(([id, s]: [string, ModelScore]) => [
    id,
    points(s.mae),
    points(s.rmse),
    points(s.medianAE),
    percent(s.within10),
    percent(s.within20),
    String(s.n),
    formatNumber(Object.values(s.failed ?? {}).reduce((sum, n) => sum + n, 0), 0),
    percent(s.interval?.coverage ?? null),
    width(s.interval?.meanWidth ?? null),
  ]);
  const level = report.intervals ? `${Math.round(report.intervals.level * 100)}%` : "";
  lines.push(
    table(["model", "MAE", "RMSE", "median AE", "≤10", "≤20", "n", "failed", `${level} covered`, "width"], rows, ["left", "right", "right", "right", "right", "right", "right", "right", "right", "right"]),
  );
  if (report.intervals) lines.push("", ...intervalLines(report));
  if (report.challengers) {
    const rows = Object.entries(report.challengers).map(([id, c]) => [id, `${c.mae.toFixed(2)} ± ${c.se.toFixed(2)}`, id === "compromise" ? "" : `${c.difference >= 0 ? "+" : ""}${c.difference.toFixed(2)} ± ${c.differenceSe.toFixed(2)}`, String(c.n)]);
    lines.push("", "Challengers, cross-validated leaving one proposal out (± standard errors clustered by proposal; docs/calibration.md):", table(["model", "MAE", "vs compromise", "n"], rows, ["left", "right", "right", "right"]));
  }
  const failures = Object.entries(report.models).flatMap(([id, s]) => Object.entries(s.failed ?? {}).map(([reason, n]) => `  ${id}: ${n} × ${reason}`));
  if (failures.length > 0) lines.push("", "Failed cases:", ...failures);
  lines.push("", "Baselines:", ...BASELINE_IDS.map((id) => `  ${id}: ${BASELINES[id]}`));
  return lines.join("\n");
}
