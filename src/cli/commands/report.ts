/** `parley report FILE`: the briefing, as self-contained HTML or Markdown, to stdout or a file. */
import { Option, type Command } from "commander";
import type { AlignmentClaim } from "../../alignment/alignment.js";
import { INPUT_FORMATS, loadInput, type InputFormat } from "../../files/input.js";
import { writeFileAtomic } from "../../files/write.js";
import { buildBriefing } from "../../report/build.js";
import { renderHtml } from "../../report/html.js";
import { renderMarkdown } from "../../report/markdown.js";
import type { Language } from "../../scenario/label.js";
import type { Scenario } from "../../scenario/types.js";
import { monteCarlo } from "../../uncertainty/monte-carlo.js";
import { EXIT, UsageError, requireKnownModels, type CliIo } from "../io.js";

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
  const briefing = buildBriefing(scenario, { models: options.models, claims, ...(uncertainty ? { uncertainty } : {}) });
  const language = options.language ?? scenario.language;
  const format = reportFormat(options.format, options.output);
  const content = format === "md" ? renderMarkdown(briefing, language) : renderHtml(briefing, language);
  if (options.output === undefined) {
    io.out(content);
  } else {
    writeFileAtomic(options.output, content, options.force);
    io.err(`wrote ${options.output}: ${format === "md" ? "Markdown" : "HTML"} briefing, ${briefing.issues.length} issues, ${briefing.deals.deals.length} deals`);
  }
  return EXIT.ok;
}

/** Adds `report` to the program. */
export function registerReportCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command("report")
    .description("a briefing to hand on: forecasts and their spread, deals against criteria and traps, each actor's stake, who stands with whom, every number with its evidence")
    .argument("<file>", "scenario file")
    .addOption(new Option("--format <format>", "output format (default: from the -o extension, else html)").choices(["html", "md"]))
    .option("-o, --output <file>", "write the briefing here (default: stdout)")
    .option("--force", "replace the output file if it exists", false)
    .option("-m, --model <id>", "model to run (repeatable, or comma-separated); default: all", (v: string, p: string[]) => [...p, ...v.split(",").filter((x) => x !== "")], [])
    .option("--claim <actors@issue>", "test a claim that actors stand together, e.g. CHN,DPRK,ROK@alliance (repeatable; without @ISSUE: over all issues)", (v: string, p: string[]) => [...p, v], [])
    .option("--runs <n>", "add forecast distributions from a Monte Carlo of n samples (docs/uncertainty.md)", (v: string) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new UsageError(`--runs expects a whole number ≥ 1, got "${v}"`);
      return n;
    })
    .option("--seed <n>", "seed of the Monte Carlo sampling", (v: string) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0) throw new UsageError(`--seed expects a whole number ≥ 0, got "${v}"`);
      return n;
    })
    .addOption(new Option("--lang <language>", "language of the briefing (default: the scenario's)").choices(["en", "zh"]))
    .addOption(new Option("--from <format>", "input format (default: detected from the content)").choices([...INPUT_FORMATS]))
    .action(async (file: string, opts: { format?: ReportFormat; output?: string; force: boolean; model: string[]; claim: string[]; runs?: number; seed?: number; lang?: Language; from?: InputFormat }) =>
      setExit(
        await reportCommand(
          loadInput(file, opts.from),
          {
            force: opts.force,
            models: opts.model,
            claims: opts.claim,
            ...(opts.format ? { format: opts.format } : {}),
            ...(opts.output !== undefined ? { output: opts.output } : {}),
            ...(opts.lang ? { language: opts.lang } : {}),
            ...(opts.runs !== undefined ? { runs: opts.runs } : {}),
            ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
          },
          io,
        ),
      ),
    );
}
