/**
 * The briefing's sentences and table cells, shared by the Markdown and HTML renderers. A
 * `Markup` says how the target format escapes text and cites evidence; everything here builds
 * on it, so scenario text is escaped exactly once, wherever it appears. Pure.
 */
import type { ClaimVerdict, IssueAlignment } from "../alignment/alignment.js";
import type { DealProblem } from "../deals/preferences.js";
import { reasonLabels } from "../deals/reasons.js";
import { explainReason, type Reason } from "../rules/index.js";
import { text, type Language } from "../scenario/label.js";
import type { Issue } from "../scenario/types.js";
import { modelLabel } from "../i18n/models.js";
import { dealProblemText } from "../i18n/problems.js";
import { messages } from "../i18n/report.js";
import type { Briefing, CitedRedLine, Figure, IssueBriefing } from "./types.js";

export interface Markup {
  /** Scenario or computed text, escaped for the format. */
  esc(text: string): string;
  /** A number (already escaped) with a link or footnote to evidence entry `evidence`. */
  cite(display: string, evidence: number | undefined): string;
}

/** "name (inner)" in English, "name(inner)" in Chinese. */
export function paren(language: Language, inner: string): string {
  return language === "zh" ? `(${inner})` : ` (${inner})`;
}

/** Space between sentences: none after a Chinese full stop. */
export function sentenceGap(language: Language): string {
  return language === "zh" ? "" : " ";
}

/** A number for people: at most `digits` decimals, no trailing zeros. */
export function formatNumber(value: number, digits = 1): string {
  if (!Number.isFinite(value)) return String(value);
  const rounded = Number(value.toFixed(digits));
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

/** A gain in utility units, signed, three decimals. */
export function formatGain(value: number): string {
  const rounded = Math.abs(value) < 5e-4 ? 0 : value;
  return `${rounded >= 0 ? "+" : "−"}${Math.abs(rounded).toFixed(3)}`;
}

/** A distance (0–1) in points of 100. */
export function formatDistance(value: number): string {
  return String(Math.round(value * 100));
}

/** A model's name for readers (src/i18n/models.ts: the workbench says the same). */
export const modelName = (id: string, language: Language): string => modelLabel(id, language);

/** The models that made the briefing, named with their ids for the command line: "Weighted median (median)". */
export function modelsUsed(b: Briefing, language: Language): string {
  return b.models.map((m) => `${modelName(m.id, language)}${paren(language, m.id)}`).join(language === "zh" ? "、" : ", ");
}

export function actorName(b: Briefing, id: string, language: Language): string {
  return text(b.scenario.actors.find((a) => a.id === id)?.name, language) || id;
}

export function issueOf(b: Briefing, id: string): Issue {
  return b.scenario.issues.find((i) => i.id === id)!;
}

export function issueName(b: Briefing, id: string, language: Language): string {
  return text(b.scenario.issues.find((i) => i.id === id)?.name, language) || id;
}

export function dealName(b: Briefing, id: string, language: Language): string {
  return text(b.scenario.deals.find((d) => d.id === id)?.name, language) || id;
}

export function ruleName(b: Briefing, kind: "criterion" | "trap", id: string, language: Language): string {
  return text((kind === "criterion" ? b.scenario.criteria : b.scenario.traps).find((r) => r.id === id)?.name, language) || id;
}

export function redLineName(b: Briefing, actor: string, id: string, language: Language): string {
  return text(b.scenario.actors.find((a) => a.id === actor)?.redLines.find((l) => l.id === id)?.name, language) || id;
}

/** Why the agreement forecast could not be made, in the briefing's language with the scenario's names. */
export function problemText(b: Briefing, problem: DealProblem, language: Language): string {
  return dealProblemText(b.scenario, problem, language);
}

/** Why the deals could not be evaluated, in the briefing's language (from the problem's structure where it has one). */
export function dealsSkippedText(b: Briefing, language: Language): string {
  return b.deals.problem ? dealProblemText(b.scenario, b.deals.problem, language) : (b.deals.skipped ?? "");
}

/**
 * The briefing's first line: the chance of a deal (as written, or over the draws) and the main reason it
 * may fail, each red line named and cited.
 */
export function leadSentence(b: Briefing, language: Language, m: Markup): string {
  const t = messages(language).lead;
  const list = messages(language).list;
  const { report, reason, skipped, problem } = b.agreement;
  if (!report) return m.esc(t.skipped(problem ? problemText(b, problem, language) : (skipped ?? "")));
  const name = (id: string) => m.esc(actorName(b, id, language));
  const decision = report.decision;
  const signers =
    decision.kind === "unanimity" ? m.esc(t.everyActor) : decision.veto && decision.veto.length > 0 ? list(decision.veto.map(name)) : m.esc(t.capabilityShare(messages(language).percent(decision.threshold ?? 1)));
  const chance =
    report.runs > 0
      ? m.esc(t.chance(messages(language).percent(report.probability), report.completed, formatNumber(100 * report.standardError)))
      : report.possible
        ? t.possible(report.acceptable, report.grid.outcomes, signers)
        : m.esc(t.impossible);
  const line = (l: CitedRedLine, credibility: boolean) =>
    t.redLine(name(l.actor), m.cite(m.esc(redLineName(b, l.actor, l.id, language)), l.evidence), credibility && l.credibility < 1 ? formatNumber(l.credibility, 2) : undefined);
  let why = "";
  switch (reason?.kind) {
    case "conflict": {
      const parts = [...reason.redLines.map((l) => line(l, true)), ...reason.walkAway.map((a) => t.walkAway(name(a)))];
      const opens = reason.opens.map((c) => {
        if (c.kind === "walkAway") return t.lowerWalkAway(name(c.constraint), formatNumber(c.relaxBy ?? 0, 3));
        const l = reason.redLines.find((x) => `${x.actor}.${x.id}` === c.constraint);
        return t.dropRedLine(l ? line(l, false) : m.esc(c.constraint));
      });
      why = t.conflict(list(parts), opens.length > 0 ? list(opens) : undefined);
      break;
    }
    case "redLines": {
      const first = reason.lines[0]!;
      const names = reason.lines.length === 1 ? list(first.ruledOut.map((d) => m.esc(dealName(b, d, language)))) : undefined;
      why = t.ruledOut(list(reason.lines.map((l) => line(l, true))), reason.lines.length > 1, first.ruledOut.length, reason.deals, names);
      break;
    }
    case "margin":
      why = t.margin(name(reason.actor), m.esc(formatGain(reason.gain)));
      break;
    case "unfinished":
      why = m.esc(t.unfinished);
      break;
    case undefined:
      break;
  }
  return why === "" ? chance : `${chance}${sentenceGap(language)}${why}`;
}

/** A scenario number as shown: the option's label for option issues, the number otherwise. */
export function figureText(issue: Issue, figure: Figure, language: Language): string {
  if (figure.option !== undefined) return text(issue.options.find((o) => o.id === figure.option)?.label, language) || figure.option;
  return formatNumber(figure.value);
}

/** A figure, cited. */
export function cited(m: Markup, figure: Figure, display = formatNumber(figure.value)): string {
  return m.cite(m.esc(display), figure.evidence);
}

/** "The models agree: …. All point to “…”." */
export function spreadSentence(b: Briefing, ib: IssueBriefing, language: Language, m: Markup): string {
  const t = messages(language);
  const s = ib.spread;
  if (!s) return "";
  const groups = s.anchorGroups.map((g) => ({
    anchor: g.anchor ? m.esc(text(g.anchor.label, language)) : "—",
    models: m.esc(g.models.map((id) => modelName(id, language)).join(language === "zh" ? "、" : ", ")),
  }));
  return `${t.spread(s.level, formatNumber(s.min), formatNumber(s.max), formatNumber(s.range), t.percent(s.share))}${sentenceGap(language)}${t.anchorGroups(groups)}`;
}

/** The position of an actor on an issue, cited ("65" linked to its evidence). */
function positionOf(b: Briefing, issue: string, actor: string, m: Markup): string {
  const p = b.issues.find((i) => i.issue === issue)?.positions.find((x) => x.actor === actor);
  return p ? cited(m, p.position) : "—";
}

/** Which actors stand together on an issue, which alone, and on which side of the status quo. */
export function issueAlignmentSentence(b: Briefing, ia: IssueAlignment, language: Language, m: Markup): string {
  const t = messages(language);
  const name = (a: string) => m.esc(actorName(b, a, language));
  const parts: string[] = [];
  const alone: string[] = [];
  for (const bloc of ia.blocs) {
    if (bloc.length === 1) {
      alone.push(`${name(bloc[0]!)}${paren(language, positionOf(b, ia.issue, bloc[0]!, m))}`);
      continue;
    }
    const values = bloc.map((a) => ia.positions.find((p) => p.actor === a)!.position);
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    const span = lo === hi ? formatNumber(lo) : `${formatNumber(lo)}–${formatNumber(hi)}`;
    parts.push(t.togetherPhrase(t.list(bloc.map(name)), m.esc(span)));
  }
  if (alone.length > 0) parts.push(t.alonePhrase(alone));
  let sentence = t.issueStatement(m.esc(issueName(b, ia.issue, language)), parts);
  const sides = ia.sides;
  const reference = b.issues.find((i) => i.issue === ia.issue)?.reference;
  const mixed = sides && [sides.below, sides.at, sides.above].filter((s) => s.length > 0).length > 1;
  if (sides && reference && mixed) {
    const names = (ids: readonly string[]) => ids.map(name).join(language === "zh" ? "、" : ", ");
    sentence += `${sentenceGap(language)}${t.sides(cited(m, reference), names(sides.below), names(sides.at), names(sides.above))}`;
  }
  return sentence;
}

/** A claim's verdict in one sentence, computed from the alignment. */
export function claimSentence(b: Briefing, v: ClaimVerdict, language: Language, m: Markup): string {
  const t = messages(language);
  const issue = v.claim.issue;
  const name = (a: string) => m.esc(actorName(b, a, language));
  const withPosition = (a: string) => (issue === undefined ? name(a) : `${name(a)}${paren(language, positionOf(b, issue, a, m))}`);
  const head = t.claimHead(t.list(v.claim.actors.map(name)), issue === undefined ? undefined : m.esc(issueName(b, issue, language)));
  const threshold = formatDistance(issue === undefined ? b.alignment.overallThreshold : b.alignment.issueThreshold);
  let detail: string;
  if (v.status === "borne-out") {
    detail = t.claimBorneOut(threshold, formatDistance(v.spread));
  } else {
    const coreValues = issue === undefined ? [] : v.core.map((a) => b.alignment.issues.find((i) => i.issue === issue)!.positions.find((p) => p.actor === a)!.position);
    const same = coreValues.length > 0 && coreValues.every((x) => x === coreValues[0]);
    const core =
      same && v.core.length > 1 ? `${t.list(v.core.map(name))}${paren(language, positionOf(b, issue!, v.core[0]!, m))}` : t.list(v.core.map(issue === undefined || same ? name : withPosition));
    const outliers = v.outliers.map((o) =>
      t.claimOutlier(
        withPosition(o.actor),
        formatDistance(o.distanceToCore),
        o.nearer.length > 0 ? t.list(o.nearer.map((p) => `${name(p.b)}${paren(language, formatDistance(p.distance))}`)) : undefined,
      ),
    );
    detail = [t.claimCore(core, v.core.length < 2, threshold), ...outliers].join(language === "zh" ? ";" : "; ");
  }
  return language === "zh" ? `${head}——${t.claimStatus(v.status)}:${detail}。` : `${head} — ${t.claimStatus(v.status)}: ${detail}.`;
}

/** The "in brief" bullets. */
export function summaryBullets(b: Briefing, language: Language, m: Markup): string[] {
  const t = messages(language);
  const bullets: string[] = [];
  const spreads = b.issues.flatMap((i) => (i.spread ? [{ issue: i.issue, spread: i.spread }] : []));
  if (spreads.length > 0) {
    const count = (level: string) => spreads.filter((s) => s.spread.level === level).length;
    const widest = [...spreads].sort((x, y) => y.spread.share - x.spread.share)[0]!;
    bullets.push(
      t.summaryForecasts(count("agree"), count("broad"), count("disagree"), spreads.length, widest.spread.share > 0 ? m.esc(issueName(b, widest.issue, language)) : undefined),
    );
  }
  const deals = b.deals.deals;
  if (deals.length > 0) {
    const names = (ids: readonly string[]) => (ids.length > 0 ? t.list(ids.map((id) => m.esc(dealName(b, id, language)))) : undefined);
    bullets.push(t.summaryAccepted(names(deals.filter((d) => d.evaluation.acceptedByAll).map((d) => d.deal))));
    if (b.scenario.criteria.length > 0) bullets.push(t.summaryCriteria(names(deals.filter((d) => d.evaluation.criteria.every((c) => c.met)).map((d) => d.deal))));
    if (b.scenario.traps.length > 0) bullets.push(t.summaryTraps(names(deals.filter((d) => d.evaluation.traps.every((x) => !x.triggered)).map((d) => d.deal))));
  }
  const pairs = b.alignment.overall.pairs;
  if (pairs.length > 0) {
    const pair = (p: (typeof pairs)[number]) => `${m.esc(actorName(b, p.a, language))}–${m.esc(actorName(b, p.b, language))}${paren(language, formatDistance(p.distance))}`;
    bullets.push(t.summaryPairs(pair(pairs[0]!), pair(pairs[pairs.length - 1]!)));
    bullets.push(overallBlocsSentence(b, language, m));
  }
  for (const claim of b.claims) bullets.push(claimSentence(b, claim, language, m));
  return bullets;
}

/** "Over all issues the actors fall into these blocs: {USA, JPN}, …". */
export function overallBlocsSentence(b: Briefing, language: Language, m: Markup): string {
  const t = messages(language);
  const blocs = b.alignment.overall.blocs.map((bloc) => `{${bloc.map((a) => m.esc(actorName(b, a, language))).join(language === "zh" ? "、" : ", ")}}`);
  return t.overallBlocs(blocs.join(language === "zh" ? "，" : ", "));
}

/** Title of an evidence entry. */
export function evidenceTitle(b: Briefing, subject: Briefing["evidence"][number]["subject"], language: Language): string {
  const t = messages(language).subject;
  switch (subject.kind) {
    case "capability":
      return t.capability(actorName(b, subject.actor, language), subject.issue === undefined ? undefined : issueName(b, subject.issue, language));
    case "reservation":
      return t.reservation(actorName(b, subject.actor, language));
    case "reference":
      return t.reference(issueName(b, subject.issue, language));
    case "stance":
      return t.stance(actorName(b, subject.actor, language), issueName(b, subject.issue, language));
    case "deal":
      return t.deal(dealName(b, subject.deal, language));
    case "dealValue":
      return t.dealValue(dealName(b, subject.deal, language), issueName(b, subject.issue, language));
    case "criterion":
      return t.criterion(ruleName(b, "criterion", subject.id, language));
    case "trap":
      return t.trap(ruleName(b, "trap", subject.id, language));
    case "redLine":
      return t.redLine(actorName(b, subject.actor, language), redLineName(b, subject.actor, subject.id, language));
  }
}

/** A rule verdict's reason in words, with the scenario's names (the briefing marks verdicts itself). */
export function reason(b: Briefing, verdict: { readonly reason: Reason } | undefined, language: Language): string {
  return verdict ? explainReason(verdict.reason, reasonLabels(b.scenario, language), language) : "";
}

/** A short label for an actor pair: "USA–DPRK". */
export function pairLabel(a: string, b: string): string {
  return `${a}–${b}`;
}

/** What the calibrated intervals rest on and assume: the paragraphs atop the forecasts (none without a calibration). */
export function calibrationParagraphs(b: Briefing, language: Language, m: Markup): string[] {
  const c = b.calibration;
  if (!c) return [];
  const t = messages(language);
  const source = c.source.file !== undefined ? m.esc(c.source.file) : undefined;
  return [
    t.calibrationIntro(t.percent(c.level), c.source.issues, c.source.groups, source, c.condition, c.combined),
    t.calibrationAssumption,
    ...(c.withoutRecord.length > 0 ? [t.calibrationWithoutRecord(m.esc(t.list(c.withoutRecord.map((id) => modelName(id, language)))))] : []),
  ];
}

/** An interval as "38–82". */
export const intervalText = (x: { lower: number; upper: number }): string => `${formatNumber(x.lower)}–${formatNumber(x.upper)}`;

/** Per model with an interval on the issue: "Compromise: 60, 80 % of past forecasts like this fell within 38–82". */
export function intervalSentences(b: Briefing, ib: IssueBriefing, language: Language, m: Markup): string[] {
  const t = messages(language);
  return ib.forecasts.flatMap((f) =>
    f.interval ? [t.intervalSentence(m.esc(modelName(f.model, language)), formatNumber(f.value), t.percent(f.interval.level), intervalText(f.interval), f.interval.combined ? intervalText(f.interval.combined) : undefined)] : [],
  );
}
