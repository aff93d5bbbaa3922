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
import { monteCarlo } from "../../uncertainty/monte-carlo.js";
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

export async function reportCommand(scenario: Scenario, options: ReportCommandOptions, io: CliIo): Promise<number> {
  requireKnownModels(options.models);
  const claims = options.claims.map((c) => parseClaim(scenario, c));
  // With --runs, the briefing says how sure each forecast is from a Monte Carlo over the inputs' uncertainty.
  const uncertainty =
    options.runs === undefined
      ? undefined
      : await monteCarlo(scenario, { runs: options.runs, models: options.models, ...(options.seed !== undefined ? { seed: options.seed } : {}) });
  // …and the chance of a deal over the same number of draws, with the same seed (in this thread: at a
  // briefing's sizes starting worker threads costs more than the draws; the result is the same either way).
  const agreement = options.runs === undefined ? undefined : await briefingAgreement(scenario, { runs: options.runs, workers: 1, ...(options.seed !== undefined ? { seed: options.seed } : {}) });
  // …and the simulated talks over as many sampled scenarios (`parley simulate --runs`, same seed).
  const simulation = options.runs === undefined ? undefined : await briefingSimulation(scenario, { runs: options.runs, ...(options.seed !== undefined ? { seed: options.seed } : {}) });
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
