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
}

export function analyzeCommand(files: readonly string[], options: AnalyzeCommandOptions, io: CliIo): number {
  const negotiation = isNegotiationInput(files, options.from);
  let analysis: SpaceAnalysis & { agreement?: AgreementSpace };
  if (negotiation) {
    if (options.agreement !== undefined) throw new UsageError("--agreement names a deal of a Parley scenario; GENIUS files have none");
    const imported = loadNegotiation(files);
    analysis = analyzeSpace(imported.space, imported.utilities, { parties: imported.parties });
  } else {
    if (files.length > 1) throw new UsageError("give one scenario file, or a GENIUS domain and its profiles");
    const scenario = loadInput(files[0]!, options.from === "genius" ? undefined : options.from);
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
    const progress = phaseProgress(io, options.json);
    try {
      analysis = analyzeScenario(scenario, { ...grid, parties, ...(agreement ? { agreement } : {}), ...progress.options });
    } finally {
      progress.finish();
    }
  }
  io.out(options.json ? JSON.stringify(analysis, null, 2) : describeAnalysis(analysis));
  return EXIT.ok;
}

const PHASE_UNITS: Record<AnalysisPhase, string> = { search: "search nodes (budget)", frontier: "frontier comparisons (budget)" };

/**
 * A progress bar on stderr per phase of a long analysis (terminal only, never with --json). The analysis
 * runs on this thread, so Ctrl-C takes the signal's default action: the process stops at once, having
 * written nothing (status 130).
 */
function phaseProgress(io: CliIo, json: boolean): { options: Pick<ScenarioAnalysisOptions, "onProgress">; finish(): void } {
  let current: { phase: AnalysisPhase; bar: ProgressBar | undefined } | undefined;
  const finish = (): void => current?.bar?.finish();
  return {
    options: {
      onProgress(phase, done, total) {
        if (current?.phase !== phase) {
          finish();
          current = { phase, bar: progressReporter(io, json, PHASE_UNITS[phase]) };
        }
        current.bar?.update(done, total);
      },
    },
    finish,
  };
}

function solutionRow(name: string, s: SolutionSummary, extra = ""): string[] {
  const outcome = s.outcomes[0] ? Object.entries(s.outcomes[0]).map(([k, v]) => `${k}=${v}`).join(", ") : "—";
  return [name, s.utilities ? s.utilities.map((u) => u.toFixed(3)).join("  ") : "—", String(s.ties), `${extra}${outcome}`];
}

export function describeAnalysis(a: SpaceAnalysis & { agreement?: AgreementSpace }): string {
  const g = a.agreement;
  const lines = [
    `Space of agreements: ${a.parties.length} parties (${a.parties.join(", ")}), ${a.outcomes.toLocaleString("en")} outcomes`,
    ...(g ? [g.summary, ...agreementLines(g)] : []),
    `Walk-away values: ${a.reservations.map((r, i) => `${a.parties[i]} ${r.toFixed(3)}`).join(", ")}`,
    g
      ? `Pareto frontier of the agreements: ${g.exact ? `${a.pareto.size} outcomes (${a.pareto.distinctPoints} distinct points)` : "not mapped (see above)"}`
      : `Pareto frontier: ${a.pareto.size} outcomes (${a.pareto.distinctPoints} distinct points), ${a.pareto.rationalSize} of them acceptable to every party`,
    `Opposition: ${a.opposition === null ? `— (no outcome is acceptable to ${g ? "the signatories" : "all"})` : formatNumber(a.opposition, 4)}`,
    "",
    table(
      ["solution", `utilities (${a.parties.join(", ")})`, "ties", "outcome (first of the ties in enumeration order)"],
      [
        solutionRow("Nash", a.nash),
        solutionRow("Kalai–Smorodinsky", a.ks),
        solutionRow("KS (GENIUS)", a.ksGenius),
        solutionRow("Egalitarian", a.egalitarian),
        solutionRow("Max welfare", a.maxWelfare, a.maxWelfare.welfare !== null ? `welfare ${a.maxWelfare.welfare.toFixed(3)}: ` : ""),
      ],
      ["left", "left", "right", "left"],
    ),
  ];
  const p = a.postSettlement;
  if (p) {
    lines.push(
      "",
      `Agreement ${Object.entries(p.agreement).map(([k, v]) => `${k}=${v}`).join(", ")}: utilities ${p.agreementUtilities.map((u) => u.toFixed(3)).join("  ")}`,
      `  ${p.dominatingOutcomes} outcomes are better for every party (${p.paretoDominating} of them on the frontier)`,
      table(["improvement", "utilities", "ties", "outcome"], [solutionRow("Nash", p.nashImprovement), solutionRow("Equal gain", p.equalGainImprovement)], ["left", "left", "right", "left"]),
    );
  }
  return lines.join("\n");
}

/** The decision rule, who bargains, the sampled estimate, and why no agreement when none. */
function agreementLines(g: AgreementSpace): string[] {
  const d = g.decision;
  const rule = d.kind === "unanimity" ? "unanimity" : [d.veto ? `veto players ${d.veto.join(", ")}` : "", d.threshold !== undefined ? `capability share ≥ ${formatNumber(d.threshold)}` : ""].filter((x) => x !== "").join(", ");
  const lines = [`Decision rule: ${rule}; the solutions weigh the gains of ${g.bargainers.join(", ")}.`];
  const e = g.estimate;
  if (e) lines.push(`Sampled estimate: ${e.hits} agreements in ${e.samples.toLocaleString("en")} uniform outcomes (seed ${e.seed}): share ${formatNumber(e.share, 4)} ± ${formatNumber(e.standardError, 4)} (standard error), 95% upper bound ${formatNumber(e.upper95, 4)}`);
  for (const c of g.conflicts) lines.push(`  cannot all hold together: ${[...c.redLines.map((id) => `red line ${id}`), ...c.walkAway.map((id) => `${id}'s walk-away value`)].join("; ")}`);
  for (const c of g.changes) {
    if (!c.opens) continue;
    lines.push(`  would open a zone of agreement: ${c.kind === "redLine" ? `dropping red line ${c.constraint}` : `${c.constraint} lowering its walk-away value${c.relaxBy !== undefined ? ` by ${formatNumber(c.relaxBy, 3)}` : ""}`}`);
  }
  return lines;
}
