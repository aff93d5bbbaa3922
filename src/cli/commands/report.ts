/** `parley report FILE`: the briefing, as self-contained HTML or Markdown, to stdout or a file. */
import type { AlignmentClaim } from "../../alignment/alignment.js";
import type { Calibration } from "../../calibration/calibration.js";
import { writeFileAtomic } from "../../files/write.js";
import { counted } from "../../i18n/count.js";
import { briefingAgreement } from "../../report/agreement.js";
import { buildBriefing } from "../../report/build.js";
import { renderHtml } from "../../report/html.js";
import { renderMarkdown } from "../../report/markdown.js";
import type { Language } from "../../scenario/label.js";
import type { Scenario } from "../../scenario/types.js";
import { briefingSimulation } from "../../report/simulation.js";
import { EXIT_INTERRUPTED } from "../../uncertainty/interrupt.js";
import { monteCarlo, type MonteCarloReport } from "../../uncertainty/monte-carlo.js";
import type { AgreementReport } from "../../agreement/forecast.js";
import type { SimulationRunsReport } from "../../simulation/monte-carlo.js";
import { longRun, type LongRunControl } from "../long-run.js";
import { requireKnownModels } from "../models.js";
import { EXIT, UsageError, type CliIo } from "../io.js";

export type ReportFormat = "html" | "md";

export interface ReportCommandOptions {
  /** Default: from the output file's extension, else HTML. */
  readonly format?: ReportFormat;
  readonly output?: string;
  readonly force: boolean;
  readonly language?: Language;
  readonly models: readonly string[];
  /** `ACTOR,ACTOR[,...][@ISSUE]`: claims of alignment to test. */
  readonly claims: readonly string[];
  /** Monte Carlo samples for the forecasts' distributions (none when absent). */
  readonly runs?: number;
  readonly seed?: number;
  /** A saved calibration (`--calibration`): each forecast with its empirical interval. */
  readonly calibration?: Calibration;
  /** Level of the calibrated intervals (default 0.8). */
  readonly level?: number;
}

/** The format asked for, or the one the output file's extension names (HTML otherwise). */
export function reportFormat(format: ReportFormat | undefined, output: string | undefined): ReportFormat {
  if (format) return format;
  return output !== undefined && /\.(md|markdown)$/i.test(output) ? "md" : "html";
}

/** Parses `CHN,DPRK,ROK@alliance` (or without `@ISSUE`: over all issues) against the scenario. */
export function parseClaim(scenario: Scenario, text: string): AlignmentClaim {
  const match = /^([^@]+)(?:@(.+))?$/.exec(text.trim());
  const actors = (match?.[1] ?? "").split(/[,+\s]+/).filter((a) => a !== "");
  const issue = match?.[2]?.trim();
  if (!match || actors.length < 2) throw new UsageError(`--claim expects ACTOR,ACTOR[,...][@ISSUE], e.g. CHN,DPRK,ROK@alliance; got "${text}"`);
  for (const actor of actors) {
    if (!scenario.actors.some((a) => a.id === actor)) throw new UsageError(`--claim: unknown actor "${actor}"; expected one of: ${scenario.actors.map((a) => a.id).join(", ")}`);
  }
  if (issue !== undefined) {
    if (!scenario.issues.some((i) => i.id === issue)) throw new UsageError(`--claim: unknown issue "${issue}"; expected one of: ${scenario.issues.map((i) => i.id).join(", ")}`);
    const silent = actors.filter((actor) => scenario.stances[actor]?.[issue] === undefined);
    if (silent.length > 0) throw new UsageError(`--claim: ${silent.join(", ")} take(s) no stance on "${issue}"`);
  }
  return { actors, ...(issue !== undefined ? { issue } : {}) };
}

/** The briefing's sampled sections (`--runs`). */
type SampledSections = {
  readonly uncertainty: MonteCarloReport;
  readonly agreement: AgreementReport | undefined;
  readonly simulation: SimulationRunsReport | undefined;
};

/**
 * The three runs of `runs` samples behind a briefing, one after the other under one progress bar; stops
 * at Ctrl-C (a briefing of a part of its samples would read as a whole one, so none is made).
 */
async function sampledSections(scenario: Scenario, options: ReportCommandOptions & { readonly runs: number }, control: LongRunControl): Promise<SampledSections | "interrupted"> {
  const { runs } = options;
  const { signal } = control;
  const seed = options.seed !== undefined ? { seed: options.seed } : {};
  const phase = (index: number) => (control.onProgress ? { onProgress: (done: number) => control.onProgress?.(index * runs + done, 3 * runs) } : {});
  // How sure each forecast is: a Monte Carlo over the inputs' uncertainty.
  const uncertainty = await monteCarlo(scenario, { runs, models: options.models, signal, ...phase(0), ...seed });
  if (signal.aborted) return "interrupted";
  // The chance of a deal over the same number of draws, with the same seed (in this thread: at a
  // briefing's sizes starting worker threads costs more than the draws; the result is the same either way).
  const agreement = await briefingAgreement(scenario, { runs, workers: 1, signal, ...phase(1), ...seed });
  if (signal.aborted) return "interrupted";
  // The simulated talks over as many sampled scenarios (`parley simulate --runs`, same seed).
  const simulation = await briefingSimulation(scenario, { runs, signal, ...phase(2), ...seed });
  if (signal.aborted) return "interrupted";
  return { uncertainty, agreement, simulation };
}

export async function reportCommand(scenario: Scenario, options: ReportCommandOptions, io: CliIo): Promise<number> {
  requireKnownModels(options.models);
  const claims = options.claims.map((c) => parseClaim(scenario, c));
  const { runs } = options;
  const sampled = runs === undefined ? undefined : await longRun(io, { json: false }, (control) => sampledSections(scenario, { ...options, runs }, control));
  if (sampled === "interrupted") {
    io.err(`interrupted: no briefing written${options.output !== undefined ? ` (${options.output} left as it was)` : ""}`);
    return EXIT_INTERRUPTED;
  }
  const { uncertainty, agreement, simulation } = sampled ?? {};
  const briefing = buildBriefing(scenario, {
    models: options.models,
    claims,
    ...(uncertainty ? { uncertainty } : {}),
    ...(agreement ? { agreement } : {}),
    ...(simulation ? { simulation } : {}),
    ...(options.calibration ? { calibration: options.calibration } : {}),
    ...(options.level !== undefined ? { level: options.level } : {}),
  });
  const language = options.language ?? scenario.language;
  const format = reportFormat(options.format, options.output);
  const content = format === "md" ? renderMarkdown(briefing, language) : renderHtml(briefing, language);
  if (options.output === undefined) {
    io.out(content);
  } else {
    writeFileAtomic(options.output, content, options.force);
    io.err(`wrote ${options.output}: ${format === "md" ? "Markdown" : "HTML"} briefing, ${counted(briefing.issues.length, "issue")}, ${counted(briefing.deals.deals.length, "deal")}`);
  }
  return EXIT.ok;
}
