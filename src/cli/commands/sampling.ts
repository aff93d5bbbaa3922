/**
 * `parley forecast FILE --runs N` and what every sampled analysis (Monte Carlo, sensitivity) shares on the
 * command line: a progress bar on a terminal, Ctrl-C handling, the partial-result exit. Loaded only when a
 * command samples; the calibration only when one is given.
 */
import type { CalibratedMonteCarloReport } from "../../calibration/apply.js";
import { messages } from "../../i18n/report.js";
import { toModelInput } from "../../scenario/model-input.js";
import { text, type Language } from "../../scenario/label.js";
import type { Scenario } from "../../scenario/types.js";
import { monteCarloTable } from "../../uncertainty/format.js";
import { EXIT_INTERRUPTED } from "../../uncertainty/interrupt.js";
import { monteCarlo, type MonteCarloOptions } from "../../uncertainty/monte-carlo.js";
import { formatNumber, table } from "../format.js";
import { EXIT, type CliIo } from "../io.js";
import { longRun } from "../long-run.js";
import { requireKnownModels, tableModelName } from "../models.js";
import { warnUnknownModels, type ForecastCommandOptions } from "./forecast.js";

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
  partialWhat: "summary" | "indices",
  language: Language,
): Promise<number> {
  requireKnownModels(options.models);
  const report = await longRun(io, options, (control) =>
    analyse({
      runs: options.runs,
      models: options.models,
      ...control,
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(options.rounds !== undefined ? { rounds: options.rounds } : {}),
      ...(options.workers !== undefined ? { workers: options.workers } : {}),
    }),
  );
  io.out(options.json ? JSON.stringify(report, null, 2) : render(report));
  if (report.partial) {
    io.err(messages(language).terminal.interrupted(partialWhat, report.completed, report.runs));
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
  const language = options.language ?? scenario.language;
  /** Set when a calibration is given: its level and where it comes from, for the combined table. */
  let calibrated: { readonly level: number; readonly source: string } | undefined;
  return runSampling(
    options,
    io,
    async (sampling) => {
      const report = await monteCarlo(scenario, sampling);
      if (!options.calibration) return report;
      const [{ withCalibratedSpread }, { DEFAULT_LEVEL }, { calibrationSource }] = await Promise.all([
        import("../../calibration/apply.js"),
        import("../../calibration/conformal.js"),
        import("../../calibration/file.js"),
      ]);
      calibrated = { level: options.level ?? DEFAULT_LEVEL, source: calibrationSource(options.calibration, language) };
      await warnUnknownModels(options.calibration, report.models.map((m) => m.model), io);
      return withCalibratedSpread(report, options.calibration, toModelInput(scenario), calibrated.level);
    },
    (report) => {
      const table = monteCarloTable(scenario, report, language);
      return calibrated ? `${table}\n\n${combinedTable(scenario, report, calibrated.source, calibrated.level, language)}` : table;
    },
    "summary",
    language,
  );
}

/** Per issue and model: the point forecast, its calibrated interval, and that interval widened by the sampled spread. */
function combinedTable(scenario: Scenario, report: CalibratedMonteCarloReport, source: string, level: number, language: Language): string {
  const zh = language === "zh";
  const percent = `${Math.round(level * 100)}%`;
  const blocks = [
    zh
      ? `${percent} 校准区间 (校准数据: ${source})，单独给出，并与抽样离散合并:\n半宽按平方和开方相加，√(校准半宽² + (z·sd)²) (见 docs/calibration.md)。`
      : `Calibrated ${percent} intervals (calibration: ${source}), alone and combined with the sampled spread:\n` + "half-widths add in quadrature, √(calibrated² + (z·sd)²) (docs/calibration.md).",
  ];
  const header = zh ? ["模型", "预测", `${percent} 校准区间`, `${percent} 含抽样离散`] : ["model", "forecast", `${percent} calibrated`, `${percent} with spread`];
  const band = (b: { lower: number; upper: number } | undefined): string => (b ? `${formatNumber(b.lower)}–${formatNumber(b.upper)}` : "–");
  scenario.issues.forEach((issue, i) => {
    const rows = report.models.map((m) => {
      const d = m.issues[i]!;
      return [tableModelName(m.model, language), formatNumber(d.forecast), band(d.interval), band(d.interval?.combined)];
    });
    blocks.push(`\n${text(issue.name, language)}\n${table(header, rows, ["left", "right", "right", "right"])}`);
  });
  return blocks.join("\n");
}
