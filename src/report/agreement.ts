/**
 * The briefing's lead: the chance of a deal and the main reason it may fail, from the agreement
 * forecast (src/agreement). The reason is chosen from computed numbers, never written by hand:
 *
 * 1. as written no outcome is an agreement: the first minimal conflicting set (red lines and walk-away
 *    values that cannot all hold together) and which of its members, dropped alone, would open a zone;
 * 2. otherwise the signatories' red lines that rule out the most named deals (ties all named);
 * 3. otherwise the narrowest margin: the needed signatory that gains least over walking away at the
 *    most likely agreement.
 *
 * Pure apart from the search it runs when no report is handed in.
 */
import { agreementModel, judgeOutcome, type AgreementModel } from "../agreement/model.js";
import { agreementAsWritten, agreementForecast, type AgreementOptions, type AgreementReport } from "../agreement/forecast.js";
import { dealOutcome, DealError, type Outcome } from "../deals/preferences.js";
import type { Scenario } from "../scenario/types.js";
import type { EvidenceRegistry } from "./build.js";
import type { AgreementBriefing, CitedRedLine, FailureReason } from "./types.js";

/** A red line `ACTOR.lineId` as the briefing cites it, its evidence registered. */
function citedRedLine(scenario: Scenario, registry: EvidenceRegistry, key: string, ruledOut: readonly string[] = []): CitedRedLine {
  const dot = key.indexOf(".");
  const actor = key.slice(0, dot);
  const id = key.slice(dot + 1);
  const line = scenario.actors.find((a) => a.id === actor)?.redLines.find((l) => l.id === id);
  const evidence = line ? registry.add({ kind: "redLine", actor, id }, [...line.evidence, ...line.credibility.evidence], line.note ?? line.credibility.note) : undefined;
  return { actor, id, credibility: line?.credibility.value ?? 1, ruledOut, ...(evidence !== undefined ? { evidence } : {}) };
}

/** An outcome from `{issue: value or option id}` (the most likely agreement's form). */
function outcomeOf(scenario: Scenario, record: Readonly<Record<string, number | string>>): Outcome {
  const options = scenario.issues.map((issue) => (issue.kind === "options" ? String(record[issue.id]) : undefined));
  const values = scenario.issues.map((issue, i) => (issue.kind === "options" ? (issue.options.find((o) => o.id === options[i])?.place ?? Number.NaN) : Number(record[issue.id])));
  return { values, options };
}

/**
 * Per red line (`ACTOR.lineId`), the named deals it rules out as written: deals that are no agreement and
 * that the line's actor rejects for it, the actor's signature being needed (or, under a threshold without
 * veto players, its capability counting towards it).
 */
function dealsRuledOut(scenario: Scenario, model: AgreementModel): Map<string, string[]> {
  const everyone = !model.required.some((r) => r);
  const out = new Map<string, string[]>();
  for (const deal of scenario.deals) {
    const judgement = judgeOutcome(model, dealOutcome(scenario, deal.values));
    if (judgement.statusQuo || judgement.agreement) continue;
    for (const actor of judgement.actors) {
      if (!actor.required && !everyone) continue;
      for (const id of actor.crossed) {
        const key = `${actor.id}.${id}`;
        out.set(key, [...(out.get(key) ?? []), deal.id]);
      }
    }
  }
  return out;
}

function failureReason(scenario: Scenario, report: AgreementReport, registry: EvidenceRegistry): FailureReason | undefined {
  const conflict = report.conflicts[0];
  if (conflict) {
    const members = new Set([...conflict.redLines, ...conflict.walkAway]);
    return {
      kind: "conflict",
      redLines: conflict.redLines.map((key) => citedRedLine(scenario, registry, key)),
      walkAway: conflict.walkAway,
      opens: report.changes.filter((c) => c.opens && members.has(c.constraint)).map((c) => ({ constraint: c.constraint, kind: c.kind, ...(c.relaxBy !== undefined ? { relaxBy: c.relaxBy } : {}) })),
    };
  }
  if (!report.possible) return { kind: "unfinished" };
  const model = agreementModel(scenario);
  const ruledOut = [...dealsRuledOut(scenario, model)].sort((a, b) => b[1].length - a[1].length);
  const most = ruledOut[0]?.[1].length ?? 0;
  if (most > 0) {
    const top = ruledOut.filter(([, deals]) => deals.length === most);
    return { kind: "redLines", lines: top.map(([key, deals]) => citedRedLine(scenario, registry, key, deals)), deals: scenario.deals.length };
  }
  if (!report.mostLikely) return undefined;
  // The accepting actors whose acceptance counts: the needed signatories, or under a threshold all who accept.
  const judgement = judgeOutcome(model, outcomeOf(scenario, report.mostLikely.outcome));
  const everyone = !model.required.some((r) => r);
  const narrowest = judgement.actors.filter((a) => a.accepts && (a.required || everyone)).sort((a, b) => a.gain - b.gain)[0];
  return narrowest ? { kind: "margin", actor: narrowest.id, gain: narrowest.gain } : undefined;
}

/**
 * The chance of a deal and why it may fail. `report`: a forecast already run (with draws); otherwise
 * the scenario as written is searched here. A scenario the agreement model cannot take (an issue
 * without a status quo) gives `skipped` with the reason.
 */
export function agreementBriefing(scenario: Scenario, registry: EvidenceRegistry, report?: AgreementReport): AgreementBriefing {
  let forecast: AgreementReport;
  try {
    forecast = report ?? agreementAsWritten(scenario);
  } catch (error) {
    if (error instanceof DealError) return { skipped: error.message, ...(error.problem ? { problem: error.problem } : {}) };
    throw error;
  }
  const reason = failureReason(scenario, forecast, registry);
  return { report: forecast, ...(reason ? { reason } : {}) };
}

/**
 * The agreement forecast over draws for a briefing (`parley report --runs`); undefined when the scenario
 * cannot take one (then the briefing says why, from the scenario as written).
 */
export async function briefingAgreement(scenario: Scenario, options: AgreementOptions): Promise<AgreementReport | undefined> {
  try {
    return await agreementForecast(scenario, options);
  } catch (error) {
    if (error instanceof DealError) return undefined;
    throw error;
  }
}
