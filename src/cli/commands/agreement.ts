/** `parley agreement FILE`: will they agree at all? The chance of agreement, each deal's, and why talks may fail. */
import { agreementAsWritten, agreementForecast, type AgreementReport } from "../../agreement/forecast.js";
import { noStatusQuoNote } from "../../deals/reasons.js";
import { text, type Language } from "../../scenario/label.js";
import type { Scenario } from "../../scenario/types.js";
import { EXIT_INTERRUPTED } from "../../uncertainty/interrupt.js";
import { formatNumber, table } from "../format.js";
import { checkGrid } from "../grid.js";
import { EXIT, type CliIo } from "../io.js";
import { longRun } from "../long-run.js";
import { LIMITS } from "../options.js";

export interface AgreementCommandOptions {
  readonly runs?: number;
  readonly seed?: number;
  readonly step?: number;
  readonly workers?: number;
  readonly json: boolean;
  readonly language?: Language;
  readonly signal?: AbortSignal;
}

export async function agreementCommand(scenario: Scenario, options: AgreementCommandOptions, io: CliIo): Promise<number> {
  checkGrid(scenario, options.step, LIMITS.outcomes, "agreement");
  const report = await longRun(io, { ...options, progress: options.runs !== undefined }, (control) =>
    agreementForecast(scenario, {
      ...control,
      ...(options.runs !== undefined ? { runs: options.runs } : {}),
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(options.step !== undefined ? { step: options.step } : {}),
      ...(options.workers !== undefined ? { workers: options.workers } : {}),
    }),
  );
  const noStatusQuo = noStatusQuoNote(scenario, options.language ?? scenario.language);
  io.out(options.json ? JSON.stringify(noStatusQuo ? { ...report, noStatusQuo } : report, null, 2) : agreementText(scenario, report, options.language ?? scenario.language));
  if (!report.exact) io.err(`warning: ${report.estimate ? "the space is too large to search exactly: the count of agreements is a sampled estimate; " : ""}${report.unfinished} search(es) ran out of their node budget; coarsen the grid with --step`);
  if (report.partial) {
    io.err(`interrupted: the summary covers ${report.completed} of ${report.runs} draws`);
    return EXIT_INTERRUPTED;
  }
  return EXIT.ok;
}

/** The one-line summary as written (for the top of `parley forecast`). */
export function agreementLine(scenario: Scenario): string {
  return agreementAsWritten(scenario).summary;
}

export function agreementText(scenario: Scenario, r: AgreementReport, language: Language): string {
  const lines = [`${text(scenario.title, language)} — will they agree?`, "", r.summary];
  if (r.runs > 0) lines.push(`  ± ${formatNumber(r.standardError, 3)} (standard error); as written: ${r.possible ? "an agreement is possible" : "no agreement is possible"}`);
  const decision = r.decision.kind === "unanimity" ? "unanimity" : [r.decision.veto ? `veto players ${r.decision.veto.join(", ")}` : "", r.decision.threshold !== undefined ? `capability share ≥ ${formatNumber(r.decision.threshold)}` : ""].filter((s) => s !== "").join(", ");
  const noStatusQuo = noStatusQuoNote(scenario, language);
  if (noStatusQuo) lines.push(noStatusQuo.note);
  lines.push(`Decision rule: ${decision}. Grid: ${r.grid.outcomes} outcomes${r.grid.step !== undefined ? ` (step ${r.grid.step})` : " (anchors and reference points)"}.`);
  const e = r.estimate;
  if (e) lines.push(`Sampled estimate (${e.samples} uniform outcomes, seed ${e.seed}): ${e.hits} agreements, share ${formatNumber(e.share, 4)} ± ${formatNumber(e.standardError, 4)} (standard error), about ${formatNumber(e.outcomes, 0)} outcomes; 95% upper bound ${formatNumber(e.upper95, 4)}.`);
  if (r.mostLikely) {
    lines.push("", `Most likely agreement (Nash point of the acceptable set${r.runs > 0 ? `, in ${(100 * r.mostLikely.share).toFixed(0)}% of draws` : ""}):`);
    lines.push(
      table(
        ["issue", "value"],
        scenario.issues.map((issue) => [text(issue.name, language), String(r.mostLikely!.outcome[issue.id])]),
        ["left", "right"],
      ),
    );
  }
  if (r.deals.length > 0) {
    lines.push("", "Named deals");
    lines.push(
      table(
        ["deal", r.runs > 0 ? "chance" : "agreement", "as written"],
        r.deals.map((d) => [text(scenario.deals.find((x) => x.id === d.id)?.name, language) || d.id, r.runs > 0 ? `${(100 * d.probability).toFixed(1)}%` : d.agreement ? "yes" : "no", d.why]),
        ["left", "right", "left"],
      ),
    );
  }
  if (r.conflicts.length > 0) {
    lines.push("", "Why not: constraints that cannot all hold together (smallest first)");
    for (const c of r.conflicts) lines.push(`  - ${[...c.redLines.map((id) => `red line ${id}${redLineText(scenario, id)}`), ...c.walkAway.map((id) => `${id}'s walk-away value`)].join("; ")}`);
    lines.push("", "What would have to change");
    for (const c of r.changes) {
      const what = c.kind === "redLine" ? `dropping red line ${c.constraint}` : `${c.constraint} lowering its walk-away value${c.relaxBy !== undefined ? ` by ${formatNumber(c.relaxBy, 3)}` : ""}`;
      lines.push(`  - ${what}: ${c.opens ? "opens a zone of agreement" : "is not enough alone"}`);
    }
  }
  return lines.join("\n");
}

function redLineText(scenario: Scenario, key: string): string {
  const [actorId, ...rest] = key.split(".");
  const line = scenario.actors.find((a) => a.id === actorId)?.redLines.find((l) => l.id === rest.join("."));
  return line ? ` (${line.rule})` : "";
}
