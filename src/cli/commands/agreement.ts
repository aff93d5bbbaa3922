/** `parley agreement FILE`: will they agree at all? The chance of agreement, each deal's, and why talks may fail. */
import { agreementAsWritten, agreementForecast, agreementSummary, type AgreementReport } from "../../agreement/forecast.js";
import { messages } from "../../i18n/report.js";
import { agreementModel, judgeOutcome } from "../../agreement/model.js";
import { dealOutcome } from "../../deals/preferences.js";
import { noStatusQuoNote, scenarioExplainer } from "../../deals/reasons.js";
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
  const language = options.language ?? scenario.language;
  const noStatusQuo = noStatusQuoNote(scenario, language);
  io.out(options.json ? JSON.stringify(noStatusQuo ? { ...report, noStatusQuo } : report, null, 2) : agreementText(scenario, report, language));
  const words = messages(language).terminal.agreementCommand;
  if (!report.exact) io.err(words.inexact(report.estimate !== undefined, report.unfinished));
  if (report.partial) {
    io.err(words.interrupted(report.completed, report.runs));
    return EXIT_INTERRUPTED;
  }
  return EXIT.ok;
}

/** The one-line summary as written (for the top of `parley forecast`). */
export function agreementLine(scenario: Scenario): string {
  return agreementAsWritten(scenario).summary;
}

export function agreementText(scenario: Scenario, r: AgreementReport, language: Language): string {
  const t = messages(language).terminal;
  const w = t.agreementCommand;
  const a = t.analyze;
  const lines = [`${text(scenario.title, language)} — ${w.title}`, "", language === "en" ? r.summary : agreementSummary(scenario, r, language)];
  if (r.runs > 0) lines.push(w.standardError(formatNumber(r.standardError, 3), r.possible));
  const decision = r.decision.kind === "unanimity" ? a.unanimity : [r.decision.veto ? a.veto(r.decision.veto.join(", ")) : "", r.decision.threshold !== undefined ? a.threshold(formatNumber(r.decision.threshold)) : ""].filter((s) => s !== "").join(", ");
  const noStatusQuo = noStatusQuoNote(scenario, language);
  if (noStatusQuo) lines.push(noStatusQuo.note);
  lines.push(w.grid(decision, r.grid.outcomes, r.grid.step));
  const e = r.estimate;
  if (e) lines.push(w.estimate(e.samples, e.seed, e.hits, formatNumber(e.share, 4), formatNumber(e.standardError, 4), formatNumber(e.outcomes, 0), formatNumber(e.upper95, 4)));
  if (r.mostLikely) {
    lines.push("", w.mostLikely(r.runs > 0 ? (100 * r.mostLikely.share).toFixed(0) : undefined));
    lines.push(
      table(
        w.issueColumns,
        scenario.issues.map((issue) => [text(issue.name, language), String(r.mostLikely!.outcome[issue.id])]),
        ["left", "right"],
      ),
    );
  }
  if (r.deals.length > 0) {
    // Each deal's reason as written: the report's own in English, else worded anew from its structure.
    const why = language === "en" ? (d: AgreementReport["deals"][number]) => d.why : dealReasons(scenario, language);
    lines.push("", w.namedDeals);
    lines.push(
      table(
        w.dealColumns(r.runs > 0),
        r.deals.map((d) => [text(scenario.deals.find((x) => x.id === d.id)?.name, language) || d.id, r.runs > 0 ? `${(100 * d.probability).toFixed(1)}%` : d.agreement ? w.yes : w.no, why(d)]),
        ["left", "right", "left"],
      ),
    );
  }
  if (r.conflicts.length > 0) {
    lines.push("", w.whyNot);
    for (const c of r.conflicts) lines.push(`  - ${[...c.redLines.map((id) => w.redLine(id, redLineRule(scenario, id))), ...c.walkAway.map((id) => a.walkAwayOf(id))].join("; ")}`);
    lines.push("", w.whatWouldChange);
    for (const c of r.changes) {
      const what = c.kind === "redLine" ? a.dropRedLine(c.constraint) : a.lowerWalkAway(c.constraint, c.relaxBy !== undefined ? formatNumber(c.relaxBy, 3) : undefined);
      lines.push(w.change(what, c.opens));
    }
  }
  return lines.join("\n");
}

/** A red line's rule, by its key `ACTOR.lineId`. */
function redLineRule(scenario: Scenario, key: string): string | undefined {
  const [actorId, ...rest] = key.split(".");
  return scenario.actors.find((a) => a.id === actorId)?.redLines.find((l) => l.id === rest.join("."))?.rule;
}

/** Why each deal is an agreement as written or not, in `language`, with the scenario's names in it. */
function dealReasons(scenario: Scenario, language: Language): (deal: { readonly id: string; readonly why: string }) => string {
  const model = agreementModel(scenario);
  const explain = scenarioExplainer(scenario, language);
  return (deal) => {
    const values = scenario.deals.find((d) => d.id === deal.id)?.values;
    return values ? explain.agreement(judgeOutcome(model, dealOutcome(scenario, values)).reason) : deal.why;
  };
}
