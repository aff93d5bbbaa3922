/**
 * `parley analyze FILE...`: the space of agreements — Pareto frontier, Nash, Kalai–Smorodinsky,
 * egalitarian and max-welfare points with all ties, opposition, and improvements on an agreement.
 * FILE is a scenario (or any file `forecast` reads), or GENIUS / GeniusWeb / NegoLog files.
 */
import { dealContext, dealOutcome, findDeal } from "../../deals/evaluate.js";
import { dealPoints, nearestOutcome, scenarioSpace } from "../../deals/space.js";
import { analyzeSpace, type SolutionSummary, type SpaceAnalysis } from "../../outcomes/analyze.js";
import { analyzeScenario, type AgreementSpace, type AnalysisPhase, type ScenarioAnalysisOptions } from "../../outcomes/agreements.js";
import type { NegotiationInputFormat } from "../../files/formats.js";
import { loadInput } from "../../files/input.js";
import { isNegotiationInput, loadNegotiation } from "../../files/negotiation-files.js";
import { messages, type TerminalMessages } from "../../i18n/report.js";
import type { Language } from "../../scenario/label.js";
import { formatNumber, table } from "../format.js";
import { checkGrid } from "../grid.js";
import { EXIT, UsageError, type CliIo } from "../io.js";
import { progressReporter } from "../long-run.js";
import { LIMITS } from "../options.js";
import type { ProgressBar } from "../progress.js";

export interface AnalyzeCommandOptions {
  readonly json: boolean;
  readonly agreement?: string;
  readonly step?: number;
  readonly parties: readonly string[];
  readonly from?: NegotiationInputFormat;
  /** Language of the labels (default: the scenario's; English for GENIUS files). */
  readonly language?: Language;
}

export function analyzeCommand(files: readonly string[], options: AnalyzeCommandOptions, io: CliIo): number {
  const negotiation = isNegotiationInput(files, options.from);
  let analysis: SpaceAnalysis & { agreement?: AgreementSpace };
  let language: Language = options.language ?? "en";
  if (negotiation) {
    if (options.agreement !== undefined) throw new UsageError("--agreement names a deal of a Parley scenario; GENIUS files have none");
    const imported = loadNegotiation(files);
    analysis = analyzeSpace(imported.space, imported.utilities, { parties: imported.parties });
  } else {
    if (files.length > 1) throw new UsageError("give one scenario file, or a GENIUS domain and its profiles");
    const scenario = loadInput(files[0]!, options.from === "genius" ? undefined : options.from);
    language = options.language ?? scenario.language;
    checkGrid(scenario, options.step, LIMITS.outcomes, "analyze");
    // The agreement is assessed at its own values: they join the grid of their issues.
    let outcome;
    if (options.agreement !== undefined) {
      dealContext(scenario); // checks the rules compile before any long run
      outcome = dealOutcome(scenario, findDeal(scenario, options.agreement).values);
    }
    const grid = { ...(options.step !== undefined ? { step: options.step } : {}), ...(outcome ? { points: dealPoints(scenario, outcome) } : {}) };
    const { space, parties } = scenarioSpace(scenario, { ...grid, parties: options.parties });
    const agreement = outcome ? nearestOutcome(space, outcome.values, outcome.options) : undefined;
    const progress = phaseProgress(io, options.json, language);
    try {
      // The JSON's summary stays in English, as the API gives it.
      analysis = analyzeScenario(scenario, { ...grid, parties, ...(agreement ? { agreement } : {}), ...progress.options, language: options.json ? "en" : language });
    } finally {
      progress.finish();
    }
  }
  io.out(options.json ? JSON.stringify(analysis, null, 2) : describeAnalysis(analysis, language));
  return EXIT.ok;
}

/**
 * A progress bar on stderr per phase of a long analysis (terminal only, never with --json). The analysis
 * runs on this thread, so Ctrl-C takes the signal's default action: the process stops at once, having
 * written nothing (status 130).
 */
function phaseProgress(io: CliIo, json: boolean, language: Language): { options: Pick<ScenarioAnalysisOptions, "onProgress">; finish(): void } {
  let current: { phase: AnalysisPhase; bar: ProgressBar | undefined } | undefined;
  const finish = (): void => current?.bar?.finish();
  return {
    options: {
      onProgress(phase, done, total) {
        if (current?.phase !== phase) {
          finish();
          current = { phase, bar: progressReporter(io, json, messages(language).terminal.analyze.progress[phase]) };
        }
        current.bar?.update(done, total);
      },
    },
    finish,
  };
}

type AnalyzeWords = TerminalMessages["analyze"];

function solutionRow(name: string, s: SolutionSummary, extra = ""): string[] {
  const outcome = s.outcomes[0] ? Object.entries(s.outcomes[0]).map(([k, v]) => `${k}=${v}`).join(", ") : "—";
  return [name, s.utilities ? s.utilities.map((u) => u.toFixed(3)).join("  ") : "—", String(s.ties), `${extra}${outcome}`];
}

export function describeAnalysis(a: SpaceAnalysis & { agreement?: AgreementSpace }, language: Language = "en"): string {
  const t = messages(language).terminal.analyze;
  const g = a.agreement;
  const lines = [
    t.space(a.parties.length, a.parties.join(", "), a.outcomes.toLocaleString("en")),
    ...(g ? [g.summary, ...agreementLines(g, t)] : []),
    t.walkAway(a.reservations.map((r, i) => `${a.parties[i]} ${r.toFixed(3)}`).join(", ")),
    g ? t.agreementsFrontier(g.exact ? { size: a.pareto.size, distinct: a.pareto.distinctPoints } : undefined) : t.frontier(a.pareto.size, a.pareto.distinctPoints, a.pareto.rationalSize),
    t.opposition(a.opposition === null ? undefined : formatNumber(a.opposition, 4), g !== undefined),
    "",
    table(
      t.columns(a.parties.join(", ")),
      [
        solutionRow(t.nash, a.nash),
        solutionRow(t.ks, a.ks),
        solutionRow(t.ksGenius, a.ksGenius),
        solutionRow(t.egalitarian, a.egalitarian),
        solutionRow(t.maxWelfare, a.maxWelfare, a.maxWelfare.welfare !== null ? t.welfare(a.maxWelfare.welfare.toFixed(3)) : ""),
      ],
      ["left", "left", "right", "left"],
    ),
  ];
  const p = a.postSettlement;
  if (p) {
    lines.push(
      "",
      t.agreement(Object.entries(p.agreement).map(([k, v]) => `${k}=${v}`).join(", "), p.agreementUtilities.map((u) => u.toFixed(3)).join("  ")),
      t.dominating(p.dominatingOutcomes, p.paretoDominating),
      table(t.improvementColumns, [solutionRow(t.nash, p.nashImprovement), solutionRow(t.equalGain, p.equalGainImprovement)], ["left", "left", "right", "left"]),
    );
  }
  return lines.join("\n");
}

/** The decision rule, who bargains, the sampled estimate, and why no agreement when none. */
function agreementLines(g: AgreementSpace, t: AnalyzeWords): string[] {
  const d = g.decision;
  const rule = d.kind === "unanimity" ? t.unanimity : [d.veto ? t.veto(d.veto.join(", ")) : "", d.threshold !== undefined ? t.threshold(formatNumber(d.threshold)) : ""].filter((x) => x !== "").join(", ");
  const lines = [t.decision(rule, g.bargainers.join(", "))];
  const e = g.estimate;
  if (e) lines.push(t.estimate(e.hits, e.samples.toLocaleString("en"), e.seed, formatNumber(e.share, 4), formatNumber(e.standardError, 4), formatNumber(e.upper95, 4)));
  for (const c of g.conflicts) lines.push(t.conflict([...c.redLines.map((id) => t.redLine(id)), ...c.walkAway.map((id) => t.walkAwayOf(id))].join("; ")));
  for (const c of g.changes) {
    if (!c.opens) continue;
    lines.push(t.opens(c.kind === "redLine" ? t.dropRedLine(c.constraint) : t.lowerWalkAway(c.constraint, c.relaxBy !== undefined ? formatNumber(c.relaxBy, 3) : undefined)));
  }
  return lines;
}
