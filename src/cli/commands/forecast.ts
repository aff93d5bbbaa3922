/** `parley forecast FILE`: every model's forecast per issue, as a table or JSON. */
import type { CalibratedInterval } from "../../calibration/apply.js";
import type { Calibration } from "../../calibration/calibration.js";
import { anchorPrefix, forecast, nearestAnchor, type ForecastResult } from "../../forecast.js";
import { toModelInput } from "../../scenario/model-input.js";
import { DealError } from "../../deals/preferences.js";
import { disableSmpThreads, enableSmpThreads } from "../../models/smp-threads.js";
import { exchangeSentence } from "../../report/exchanges.js";
import { text, type Language } from "../../scenario/label.js";
import type { Scenario } from "../../scenario/types.js";
import { formatNumber, table, truncate } from "../format.js";
import { requireKnownModels, tableModelName } from "../models.js";
import { EXIT, type CliIo } from "../io.js";

export interface ForecastCommandOptions {
  readonly models: readonly string[];
  readonly json: boolean;
  readonly language?: Language;
  readonly rounds?: number;
  readonly seed?: number;
  /** Monte Carlo samples of the uncertain inputs (`--runs`); see `forecastRunsCommand`. */
  readonly runs?: number;
  /** Worker threads for `--runs`, and threads of an SMP run on 100+ actors (default: one per core, SMP at most 2). */
  readonly workers?: number;
  /** Aborts a `--runs` run like Ctrl-C (for tests and embedding). */
  readonly signal?: AbortSignal;
  /** A saved calibration (`--calibration`): each forecast with its empirical interval. */
  readonly calibration?: Calibration;
  /** Level of the calibrated intervals (default 0.8). */
  readonly level?: number;
}

/**
 * `parley forecast FILE`: each model's forecast, as a table or JSON. What only some runs need (the
 * calibration, the chance of agreement above the table) is loaded when they need it: start-up is most of
 * a small forecast (issue 15).
 */
export async function forecastCommand(scenario: Scenario, options: ForecastCommandOptions, io: CliIo): Promise<number> {
  requireKnownModels(options.models);
  // A large SMP run shares its rows with a helper thread (the same numbers); only for this one forecast.
  enableSmpThreads(options.workers);
  let results: ForecastResult[];
  try {
    results = forecast(scenario, {
      models: options.models,
      ...(options.rounds !== undefined ? { rounds: options.rounds } : {}),
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
    });
  } finally {
    disableSmpThreads();
  }
  const language = options.language ?? scenario.language;
  if (options.calibration) {
    const [{ calibratedIntervals, withCalibratedIntervals }, { DEFAULT_LEVEL }, { calibrationSource }] = await Promise.all([
      import("../../calibration/apply.js"),
      import("../../calibration/conformal.js"),
      import("../../calibration/file.js"),
    ]);
    const level = options.level ?? DEFAULT_LEVEL;
    const input = toModelInput(scenario);
    await warnUnknownModels(options.calibration, results.map((r) => r.model), io);
    if (options.json) {
      const withIntervals = withCalibratedIntervals(results, options.calibration, input, level);
      io.out(JSON.stringify(withIntervals.length === 1 ? withIntervals[0] : withIntervals, null, 2));
      return EXIT.ok;
    }
    const intervals = calibratedIntervals(options.calibration, results, input, level);
    io.out(forecastTable(scenario, results, language, { level, intervals, source: calibrationSource(options.calibration, language) }));
    return EXIT.ok;
  }
  if (options.json) {
    io.out(JSON.stringify(results.length === 1 ? results[0] : results, null, 2));
    return EXIT.ok;
  }
  io.out(`${await agreementHeader(scenario, language)}${forecastTable(scenario, results, language)}`);
  return EXIT.ok;
}

/** Says on stderr which models the calibration has no track record of (they get no interval). */
export async function warnUnknownModels(calibration: Calibration, models: readonly string[], io: CliIo): Promise<void> {
  const { modelsWithoutRecord } = await import("../../calibration/apply.js");
  const unknown = modelsWithoutRecord(calibration, models);
  if (unknown.length > 0) io.err(`note: the calibration has no track record of ${unknown.join(", ")}; no interval for ${unknown.length === 1 ? "it" : "them"}`);
}

/** Calibrated intervals to show beside the forecasts: per result, per issue. */
export interface IntervalColumn {
  readonly level: number;
  readonly intervals: readonly (readonly (CalibratedInterval | undefined)[])[];
  /** Where the calibration comes from. */
  readonly source: string;
}

/** The scenario with some of a model's parameters set from the command line (over those in `models`). */
export function withModelParameters(scenario: Scenario, model: string, parameters: Readonly<Record<string, unknown>>): Scenario {
  return { ...scenario, models: { ...scenario.models, [model]: { ...scenario.models[model], ...parameters } } };
}

/** Per issue, each model's forecast on the issue's scale with the nearest anchor label. */
export function forecastTable(scenario: Scenario, results: readonly ForecastResult[], language: Language, calibrated?: IntervalColumn): string {
  const blocks = [`${text(scenario.title, language)} — ${language === "zh" ? "预测" : "forecast"}`];
  const percent = calibrated ? `${Math.round(calibrated.level * 100)}%` : "";
  if (calibrated) {
    blocks.push(
      language === "zh"
        ? `校准区间: 以往类似预测中有 ${percent} 落在所示区间内 (校准数据: ${calibrated.source}; 见 docs/calibration.md)`
        : `Calibrated intervals: ${percent} of past forecasts like these fell within the interval shown (calibration: ${calibrated.source}; docs/calibration.md)`,
    );
  }
  scenario.issues.forEach((issue, i) => {
    const reference = issue.reference ? `, ${language === "zh" ? "现状" : "status quo"} ${issue.reference.option ?? formatNumber(issue.reference.value)}` : "";
    const outcome = issue.outcome ? `, ${language === "zh" ? "实际结果" : "recorded outcome"} ${issue.outcome.option ?? formatNumber(issue.outcome.value, 3)}` : "";
    const rows = results.map((result, m) => {
      const value = result.issues[i]!.forecast;
      const anchor = nearestAnchor(issue, value);
      const near = anchor ? `${anchorPrefix(anchor, value)}${truncate(text(anchor.label, language), 48)} (${formatNumber(anchor.value)})` : "";
      const interval = calibrated?.intervals[m]?.[i];
      const band = calibrated ? [interval ? `${formatNumber(interval.lower)}–${formatNumber(interval.upper)}` : "–"] : [];
      return [tableModelName(result.model, language), formatNumber(value), ...band, near];
    });
    blocks.push(
      `\n${text(issue.name, language)} (${formatNumber(issue.min)}–${formatNumber(issue.max)}${reference}${outcome})\n` +
        table(
          [language === "zh" ? "模型" : "model", language === "zh" ? "预测" : "forecast", ...(calibrated ? [`${percent} ${language === "zh" ? "校准区间" : "calibrated"}`] : []), language === "zh" ? "最近的锚点" : "nearest anchor"],
          rows,
          ["left", "right", ...(calibrated ? (["right"] as const) : []), "left"],
        ),
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
  const zh = language === "zh";
  // Long runs show the first rounds and the last; a "…" column marks the rounds left out.
  const cut = rounds.length > 8;
  const shown = cut ? [...rounds.slice(0, 6), rounds[rounds.length - 1]!] : rounds;
  const columns = (cells: readonly string[], gap: string): string[] => (cut ? [...cells.slice(0, 6), gap, ...cells.slice(6)] : [...cells]);
  const left = cut ? `r${rounds[6]!.round}–r${rounds[rounds.length - 2]!.round}` : "";
  const blocks = [
    `${tableModelName(result.model, language)}: ${zh ? "各轮立场" : "positions by round"} (${rounds.length - 1} ${zh ? "轮" : "rounds"}${cut ? (zh ? `; 未列出 ${left}, --json 列出每一轮` : `; ${left} not shown, --json lists every round`) : ""})`,
  ];
  for (const issue of scenario.issues) {
    const rows = scenario.actors
      .filter((actor) => rounds[0]?.positions[actor.id]?.[issue.id] !== undefined)
      .map((actor) => [text(actor.name, language), ...columns(shown.map((r) => formatNumber(r.positions[actor.id]?.[issue.id] ?? Number.NaN)), "…")]);
    const header = columns(shown.map((r) => `r${r.round}`), "…");
    blocks.push(`${text(issue.name, language)}\n${table(["", ...header], rows, ["left", ...header.map(() => "right" as const)])}`);
  }
  return blocks.join("\n\n");
}

/** Exchanges shown per round in the table; `--json` lists them all. */
const EXCHANGES_SHOWN = 8;

/** The exchange model's trades, round by round, largest gain first as realised. */
function exchangesList(scenario: Scenario, result: ForecastResult, language: Language): string {
  const zh = language === "zh";
  const lines = [`${tableModelName(result.model, language)}: ${zh ? "各轮实现的交换" : "exchanges realised per round"}`];
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

/** The chance of agreement as written, above the forecasts, which are conditional on it (docs/agreement.md). */
async function agreementHeader(scenario: Scenario, language: Language): Promise<string> {
  if (scenario.issues.some((i) => i.reference === undefined) && scenario.actors.some((a) => !a.reservation)) return "";
  const [{ agreementAsWritten, agreementSummary }, { messages }] = await Promise.all([import("../../agreement/forecast.js"), import("../../i18n/report.js")]);
  try {
    const report = agreementAsWritten(scenario);
    return `${language === "en" ? report.summary : agreementSummary(scenario, report, language)}\n${messages(language).terminal.conditional}\n\n`;
  } catch (error) {
    if (error instanceof DealError) return "";
    throw error;
  }
}
