/** `parley forecast FILE`: every model's forecast per issue, as a table or JSON. */
import { forecast, nearestAnchor, type ForecastResult } from "../../forecast.js";
import { findModel, modelIds } from "../../models/index.js";
import { text, type Language } from "../../scenario/label.js";
import type { Scenario } from "../../scenario/types.js";
import { formatNumber, table, truncate } from "../format.js";
import { EXIT, UsageError, type CliIo } from "../io.js";

export interface ForecastCommandOptions {
  readonly models: readonly string[];
  readonly json: boolean;
  readonly language?: Language;
  readonly rounds?: number;
  readonly seed?: number;
}

export function forecastCommand(scenario: Scenario, options: ForecastCommandOptions, io: CliIo): number {
  for (const id of options.models) {
    if (!findModel(id)) throw new UsageError(`unknown model "${id}"; expected one of: ${modelIds().join(", ")}`);
  }
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
