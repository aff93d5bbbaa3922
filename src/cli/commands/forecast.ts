/** `parley forecast FILE`: every model's forecast per issue, as a table or JSON. */
import { forecast, nearestAnchor, type ForecastResult } from "../../forecast.js";
import { findModel } from "../../models/index.js";
import { exchangeSentence } from "../../report/exchanges.js";
import { text, type Language } from "../../scenario/label.js";
import type { Scenario } from "../../scenario/types.js";
import { formatNumber, table, truncate } from "../format.js";
import { requireKnownModels } from "../models.js";
import { EXIT, type CliIo } from "../io.js";
import { monteCarloTable } from "../../uncertainty/format.js";
import { progressBar, type ProgressBar } from "../progress.js";
import { EXIT_INTERRUPTED, withInterrupt } from "../../uncertainty/interrupt.js";
import { monteCarlo, type MonteCarloOptions } from "../../uncertainty/monte-carlo.js";

export interface ForecastCommandOptions {
  readonly models: readonly string[];
  readonly json: boolean;
  readonly language?: Language;
  readonly rounds?: number;
  readonly seed?: number;
  /** Monte Carlo samples of the uncertain inputs (`--runs`); see `forecastRunsCommand`. */
  readonly runs?: number;
  /** Worker threads for `--runs` (default: one per core). */
  readonly workers?: number;
  /** Aborts a `--runs` run like Ctrl-C (for tests and embedding). */
  readonly signal?: AbortSignal;
}

export function forecastCommand(scenario: Scenario, options: ForecastCommandOptions, io: CliIo): number {
  requireKnownModels(options.models);
  const results = forecast(scenario, {
    models: options.models,
    ...(options.rounds !== undefined ? { rounds: options.rounds } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
  });
  if (options.json) {
    io.out(JSON.stringify(results.length === 1 ? results[0] : results, null, 2));
    return EXIT.ok;
  }
  io.out(forecastTable(scenario, results, options.language ?? scenario.language));
  return EXIT.ok;
}

/** The scenario with some of a model's parameters set from the command line (over those in `models`). */
export function withModelParameters(scenario: Scenario, model: string, parameters: Readonly<Record<string, unknown>>): Scenario {
  return { ...scenario, models: { ...scenario.models, [model]: { ...scenario.models[model], ...parameters } } };
}

/** Per issue, each model's forecast on the issue's scale with the nearest anchor label. */
export function forecastTable(scenario: Scenario, results: readonly ForecastResult[], language: Language): string {
  const blocks = [`${text(scenario.title, language)} — ${language === "zh" ? "预测" : "forecast"}`];
  scenario.issues.forEach((issue, i) => {
    const reference = issue.reference ? `, ${language === "zh" ? "现状" : "status quo"} ${issue.reference.option ?? formatNumber(issue.reference.value)}` : "";
    const outcome = issue.outcome ? `, ${language === "zh" ? "实际结果" : "recorded outcome"} ${issue.outcome.option ?? formatNumber(issue.outcome.value, 3)}` : "";
    const rows = results.map((result) => {
      const value = result.issues[i]!.forecast;
      const anchor = nearestAnchor(issue, value);
      const near = anchor ? `≈ ${truncate(text(anchor.label, language), 48)} (${formatNumber(anchor.value)})` : "";
      return [findModel(result.model)?.name ?? result.model, formatNumber(value), near];
    });
    blocks.push(
      `\n${text(issue.name, language)} (${formatNumber(issue.min)}–${formatNumber(issue.max)}${reference}${outcome})\n` +
        table([language === "zh" ? "模型" : "model", language === "zh" ? "预测" : "forecast", language === "zh" ? "最近的锚点" : "nearest anchor"], rows, ["left", "right", "left"]),
    );
  });
  for (const result of results) {
    if (result.rounds && result.rounds.length > 1) blocks.push(`\n${roundsTable(scenario, result, language)}`);
    if (result.rounds?.some((round) => round.exchanges !== undefined)) blocks.push(`\n${exchangesList(scenario, result, language)}`);
  }
  return blocks.join("\n");
}

/** How positions moved, round by round, for an iterative model. */
function roundsTable(scenario: Scenario, result: ForecastResult, language: Language): string {
  const rounds = result.rounds ?? [];
  const shown = rounds.length <= 8 ? rounds : [...rounds.slice(0, 6), rounds[rounds.length - 1]!];
  const blocks = [`${findModel(result.model)?.name ?? result.model}: ${language === "zh" ? "各轮立场" : "positions by round"} (${rounds.length - 1} ${language === "zh" ? "轮" : "rounds"})`];
  for (const issue of scenario.issues) {
    const rows = scenario.actors
      .filter((actor) => rounds[0]?.positions[actor.id]?.[issue.id] !== undefined)
      .map((actor) => [text(actor.name, language), ...shown.map((r) => formatNumber(r.positions[actor.id]?.[issue.id] ?? Number.NaN))]);
    blocks.push(`${text(issue.name, language)}\n${table(["", ...shown.map((r) => `r${r.round}`)], rows, ["left", ...shown.map(() => "right" as const)])}`);
  }
  return blocks.join("\n\n");
}

/** Exchanges shown per round in the table; `--json` lists them all. */
const EXCHANGES_SHOWN = 8;

/** The exchange model's trades, round by round, largest gain first as realised. */
function exchangesList(scenario: Scenario, result: ForecastResult, language: Language): string {
  const zh = language === "zh";
  const lines = [`${findModel(result.model)?.name ?? result.model}: ${zh ? "各轮实现的交换" : "exchanges realised per round"}`];
  const stable = result.details?.["stableAfter"];
  for (const round of result.rounds ?? []) {
    if (round.exchanges === undefined) continue;
    if (typeof stable === "number" && round.round > stable + 1) break;
    const count = round.exchanges.length;
    lines.push(`r${round.round}: ${count} ${zh ? "次交换" : count === 1 ? "exchange" : "exchanges"}`);
    for (const exchange of round.exchanges.slice(0, EXCHANGES_SHOWN)) lines.push(`  ${exchangeSentence(exchange, scenario, language)}`);
    if (count > EXCHANGES_SHOWN) lines.push(`  … ${zh ? `另有 ${count - EXCHANGES_SHOWN} 次（--json 列出全部）` : `and ${count - EXCHANGES_SHOWN} more (--json lists them all)`}`);
  }
  if (typeof stable === "number") lines.push(zh ? `第 ${stable} 轮后不再有交换。` : `No exchange is left after round ${stable}.`);
  return lines.join("\n");
}

/** The shared progress bar on stderr, in points evaluated: only on a terminal and never with --json. */
export function progressReporter(io: CliIo, json: boolean): ProgressBar | undefined {
  if (json || !io.isTty || !process.stderr.isTTY) return undefined;
  return progressBar((text) => process.stderr.write(text), { unit: "runs", width: 30 });
}

/** What a sampled analysis (Monte Carlo, sensitivity) needs from the command line. */
export interface SamplingCommandOptions {
  readonly models: readonly string[];
  readonly json: boolean;
  readonly runs: number;
  readonly seed?: number;
  readonly rounds?: number;
  readonly workers?: number;
  /** Aborts the run like Ctrl-C (for tests and embedding). */
  readonly signal?: AbortSignal;
}

/**
 * Runs a sampled analysis with the shared options, a progress bar on a terminal and Ctrl-C handling;
 * prints its output and says when it covers only the completed samples (exit 130).
 */
export async function runSampling<R extends { readonly partial: boolean; readonly completed: number; readonly runs: number }>(
  options: SamplingCommandOptions,
  io: CliIo,
  analyse: (options: MonteCarloOptions) => Promise<R>,
  render: (report: R) => string,
  partialWhat: string,
): Promise<number> {
  requireKnownModels(options.models);
  const progress = progressReporter(io, options.json);
  const report = await withInterrupt(
    (signal) =>
      analyse({
        runs: options.runs,
        models: options.models,
        signal,
        ...(options.seed !== undefined ? { seed: options.seed } : {}),
        ...(options.rounds !== undefined ? { rounds: options.rounds } : {}),
        ...(options.workers !== undefined ? { workers: options.workers } : {}),
        ...(progress ? { onProgress: (done: number, total: number) => progress.update(done, total) } : {}),
      }),
    options.signal,
  ).finally(() => progress?.finish());
  io.out(options.json ? JSON.stringify(report, null, 2) : render(report));
  if (report.partial) {
    io.err(`interrupted: ${partialWhat} ${report.completed} of ${report.runs} samples`);
    return EXIT_INTERRUPTED;
  }
  return EXIT.ok;
}

/**
 * `parley forecast FILE --runs N`: samples the uncertain inputs N times and reports each model's forecast
 * distribution per issue and each deal's acceptance. Ctrl-C prints the summary of the completed samples,
 * marked partial, and exits with 130.
 */
export function forecastRunsCommand(scenario: Scenario, options: ForecastCommandOptions & SamplingCommandOptions, io: CliIo): Promise<number> {
  return runSampling(
    options,
    io,
    (sampling) => monteCarlo(scenario, sampling),
    (report) => monteCarloTable(scenario, report, options.language ?? scenario.language),
    "the summary covers",
  );
}
