/**
 * The briefing as Markdown: headings, tables and footnote-style evidence references ([^n]).
 * Charts are left to the HTML version. Pure.
 */
import { noStatusQuoNote } from "../deals/reasons.js";
import { exchangeSectionText } from "./exchanges.js";
import { simulationSectionText } from "./simulation.js";
import { text, type Language } from "../scenario/label.js";
import { anchorPrefix } from "../forecast.js";
import {
  actorName,
  calibrationParagraphs,
  cited,
  claimSentence,
  dealName,
  dealsSkippedText,
  evidenceTitle,
  figureText,
  formatDistance,
  formatGain,
  formatNumber,
  intervalSentences,
  issueAlignmentSentence,
  issueName,
  issueOf,
  leadSentence,
  modelName,
  modelsUsed,
  overallBlocsSentence,
  reason,
  ruleName,
  spreadSentence,
  summaryBullets,
  type Markup,
} from "./compose.js";
import { escapeMarkdown, safeUrl } from "./escape.js";
import { messages } from "../i18n/report.js";
import type { Briefing } from "./types.js";

const markup: Markup = {
  esc: escapeMarkdown,
  cite: (display, evidence) => (evidence === undefined ? display : `${display}[^${evidence}]`),
};

/** A Markdown table; cells are already escaped. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[], align: readonly ("left" | "right")[] = []): string {
  const line = (cells: readonly string[]) => `| ${cells.map((c) => (c === "" ? " " : c)).join(" | ")} |`;
  const rule = `| ${header.map((_, c) => (align[c] === "right" ? "---:" : "---")).join(" | ")} |`;
  return [line(header), rule, ...rows.map(line)].join("\n");
}

function forecastSection(b: Briefing, language: Language): string[] {
  const t = messages(language);
  const esc = markup.esc;
  const out = [`## ${t.sections.forecasts}`, "", `> ${t.chartsOmitted}`, ""];
  for (const failed of b.failedModels) out.push(`> ${esc(t.modelFailed(modelName(failed.model, language), failed.message))}`, "");
  for (const paragraph of calibrationParagraphs(b, language, markup)) out.push(paragraph, "");
  for (const ib of b.issues) {
    const issue = issueOf(b, ib.issue);
    const reference = ib.reference ? `, ${t.words.statusQuo} ${cited(markup, ib.reference, figureText(issue, ib.reference, language))}` : "";
    out.push(`### ${esc(issueName(b, ib.issue, language))}`, "", `${esc(`${formatNumber(issue.min)}–${formatNumber(issue.max)}`)}${reference}`, "");
    if (ib.forecasts.length > 0) {
      out.push(
        markdownTable(
          [t.words.model, t.words.forecast, t.words.nearestAnchor],
          ib.forecasts.map((f) => [
            esc(modelName(f.model, language)),
            formatNumber(f.value),
            f.anchor ? `${anchorPrefix(f.anchor, f.value)}${esc(text(f.anchor.label, language))} (${formatNumber(f.anchor.value)})` : "",
          ]),
          ["left", "right", "left"],
        ),
        "",
      );
      const intervals = intervalSentences(b, ib, language, markup);
      if (intervals.length > 0) out.push(...intervals.map((sentence) => `- ${sentence}`), "");
    }
    out.push(
      markdownTable(
        [t.words.actor, t.words.position, t.words.salience],
        ib.positions.map((p) => [esc(actorName(b, p.actor, language)), cited(markup, p.position, figureText(issue, p.position, language)), cited(markup, p.salience)]),
        ["left", "right", "right"],
      ),
      "",
    );
    const spread = spreadSentence(b, ib, language, markup);
    if (spread) out.push(spread, "");
  }
  return out;
}

function uncertaintySection(b: Briefing, language: Language): string[] {
  const t = messages(language);
  const u = b.uncertainty;
  const out = [`## ${t.sections.uncertainty}`, ""];
  if (!u) return [...out, t.uncertaintyPending, ""];
  out.push(t.uncertaintyIntro(String(u.runs), String(u.completed), u.partial, u.seed === undefined ? undefined : String(u.seed)), "");
  for (const ib of b.issues) {
    if (!ib.distributions) continue;
    out.push(`### ${markup.esc(issueName(b, ib.issue, language))}`, "");
    out.push(
      markdownTable(
        [t.words.model, t.words.forecast, "p5", "p25", "p50", "p75", "p95"],
        ib.distributions.map((d) => [markup.esc(modelName(d.model, language)), ...[d.forecast, d.p5, d.p25, d.p50, d.p75, d.p95].map((v) => formatNumber(v))]),
        ["left", "right", "right", "right", "right", "right", "right"],
      ),
      "",
    );
  }
  if (u.deals.length > 0) {
    out.push(`### ${t.acceptanceCaption}`, "");
    out.push(
      markdownTable(
        [t.words.deal, ...b.scenario.actors.map((a) => markup.esc(a.id)), t.words.all],
        u.deals.map((d) => [markup.esc(dealName(b, d.id, language)), ...b.scenario.actors.map((a) => t.percent(d.accept[a.id] ?? 0)), t.percent(d.all)]),
        ["left", ...b.scenario.actors.map(() => "right" as const), "right"],
      ),
      "",
    );
  }
  return out;
}

function dealsSection(b: Briefing, language: Language): string[] {
  const t = messages(language);
  const esc = markup.esc;
  const out = [`## ${t.sections.deals}`, ""];
  if (b.deals.skipped) return [...out, esc(t.dealsSkipped(dealsSkippedText(b, language))), ""];
  const deals = b.deals.deals;
  if (deals.length === 0) return [...out, t.noDeals, ""];
  out.push(t.dealsIntro, "");
  for (const d of deals) {
    const description = text(b.scenario.deals.find((x) => x.id === d.deal)?.description, language);
    out.push(`- **${markup.cite(esc(dealName(b, d.deal, language)), d.evidence)}** (${esc(d.deal)})${description ? `: ${esc(description)}` : ""}`);
  }
  out.push("", `### ${t.dealValuesCaption}`, "");
  out.push(
    markdownTable(
      [t.words.issue, ...deals.map((d) => esc(d.deal))],
      b.scenario.issues.map((issue) => [
        esc(issueName(b, issue.id, language)),
        ...deals.map((d) => {
          const v = d.values.find((x) => x.issue === issue.id)!;
          const shown = cited(markup, v.value, figureText(issue, v.value, language));
          return v.named ? shown : `*${shown}*`;
        }),
      ]),
    ),
    "",
  );
  const rules = [
    ...b.scenario.criteria.map((r) => ({ kind: "criterion" as const, id: r.id })),
    ...b.scenario.traps.map((r) => ({ kind: "trap" as const, id: r.id })),
  ];
  if (rules.length > 0) {
    out.push(`### ${t.matrixCaption}`, "");
    out.push(
      markdownTable(
        [`${t.words.criterion} / ${t.words.trap}`, ...deals.map((d) => esc(d.deal))],
        rules.map((r) => [
          `${r.kind === "criterion" ? t.words.criterion : t.words.trap}: ${esc(ruleName(b, r.kind, r.id, language))}`,
          ...deals.map((d) => {
            const ok = r.kind === "criterion" ? d.evaluation.criteria.find((c) => c.id === r.id)?.met : !d.evaluation.traps.find((x) => x.id === r.id)?.triggered;
            return ok ? "✓" : "✗";
          }),
        ]),
      ),
      "",
      `### ${t.reasonsCaption}`,
      "",
    );
    for (const d of deals) {
      out.push(`**${esc(dealName(b, d.deal, language))}**`, "");
      for (const c of d.evaluation.criteria) out.push(`- ${c.met ? "✓" : "✗"} ${esc(ruleName(b, "criterion", c.id, language))} (${c.met ? t.words.met : t.words.notMet}): ${esc(reason(b, c, language))}`);
      for (const x of d.evaluation.traps) out.push(`- ${x.triggered ? "✗" : "✓"} ${esc(ruleName(b, "trap", x.id, language))} (${x.triggered ? t.words.fallsIn : t.words.avoids}): ${esc(reason(b, x, language))}`);
      out.push("");
    }
  }
  return out;
}

function stakesSection(b: Briefing, language: Language): string[] {
  const t = messages(language);
  const esc = markup.esc;
  const out = [`## ${t.sections.stakes}`, ""];
  if (b.stakes.length === 0) return [...out, b.deals.skipped ? esc(t.dealsSkipped(dealsSkippedText(b, language))) : t.noDeals, ""];
  out.push(t.stakesIntro, "");
  const noStatusQuo = noStatusQuoNote(b.scenario, language);
  if (noStatusQuo) out.push(markup.esc(noStatusQuo.note), "");
  const deals = b.deals.deals;
  out.push(
    markdownTable(
      [t.words.actor, t.words.walkAway, ...deals.map((d) => esc(d.deal))],
      b.stakes.map((s) => [esc(actorName(b, s.actor, language)), s.reservation.toFixed(3), ...s.gains.map((g) => `${formatGain(g.gain)} ${g.accepts ? "✓" : "✗"}`)]),
      ["left", "right", ...deals.map(() => "right" as const)],
    ),
    "",
  );
  for (const d of deals) {
    const accepting = d.evaluation.actors.filter((a) => a.accepts).map((a) => esc(actorName(b, a.id, language)));
    const name = esc(dealName(b, d.deal, language));
    out.push(`- ${accepting.length > 0 ? t.acceptedBy(name, t.list(accepting)) : t.acceptedByNone(name)}${d.evaluation.acceptedByAll ? ` **${t.words.acceptedByAll}**` : ""}`);
  }
  out.push("");
  return out;
}

function alignmentSection(b: Briefing, language: Language): string[] {
  const t = messages(language);
  const esc = markup.esc;
  const a = b.alignment;
  const out = [`## ${t.sections.alignment}`, "", t.alignmentIntro(formatDistance(a.issueThreshold), formatDistance(a.overallThreshold)), ""];
  if (b.claims.length > 0) {
    out.push(`### ${t.words.claims}`, "");
    for (const claim of b.claims) out.push(`- ${claimSentence(b, claim, language, markup)}`);
    out.push("");
  }
  out.push(`### ${t.overallHeatCaption}`, "");
  out.push(
    markdownTable(
      ["", ...a.actors.map(esc)],
      a.actors.map((row, r) => [esc(row), ...a.actors.map((_, c) => (r === c ? "·" : a.overall.distances[r]![c] == null ? "—" : formatDistance(a.overall.distances[r]![c]!)))]),
      ["left", ...a.actors.map(() => "right" as const)],
    ),
    "",
    overallBlocsSentence(b, language, markup),
    "",
    `### ${t.closestPairs}`,
    "",
  );
  out.push(a.overall.pairs.map((p, k) => `${k + 1}. ${esc(`${p.a}–${p.b}`)}: ${formatDistance(p.distance)}`).join("\n"), "");
  out.push(`### ${t.issueHeatCaption}`, "");
  for (const ia of a.issues) out.push(`- ${issueAlignmentSentence(b, ia, language, markup)}`);
  out.push("");
  return out;
}

function inputsSection(b: Briefing, language: Language): string[] {
  const t = messages(language);
  const esc = markup.esc;
  const out = [`## ${t.sections.inputs}`, "", t.inputsIntro, ""];
  out.push(
    markdownTable(
      [t.words.actor, t.words.capability],
      b.inputs.map((i) => [
        `${esc(actorName(b, i.actor, language))} (${esc(i.actor)})`,
        [
          cited(markup, i.capability),
          ...i.byIssue.map((x) => `${esc(issueName(b, x.issue, language))}: ${cited(markup, x.capability)}`),
          ...(i.reservation ? [`${t.words.reservationGiven}: ${cited(markup, i.reservation, formatNumber(i.reservation.value, 3))}`] : []),
        ].join("; "),
      ]),
    ),
    "",
  );
  out.push(
    markdownTable(
      [`${t.words.position} / ${t.words.salience}`, ...b.scenario.actors.map((x) => esc(x.id))],
      b.issues.map((ib) => {
        return [
          esc(issueName(b, ib.issue, language)),
          ...b.scenario.actors.map((actor) => {
            const p = ib.positions.find((x) => x.actor === actor.id);
            if (!p) return "—";
            const shown = p.position.option ?? formatNumber(p.position.value);
            return `${esc(shown)} / ${cited(markup, p.salience)}`;
          }),
        ];
      }),
    ),
    "",
  );
  return out;
}

function evidenceSection(b: Briefing, language: Language): string[] {
  const t = messages(language);
  const esc = markup.esc;
  const out = [`## ${t.sections.evidence}`, "", t.evidenceIntro, ""];
  for (const entry of b.evidence) {
    const parts = entry.citations.map((c) => {
      return `«${esc(c.quote)}» (${esc(c.source)})${c.note ? ` — ${esc(text(c.note, language))}` : ""}`;
    });
    if (entry.note) parts.push(esc(text(entry.note, language)));
    out.push(`[^${entry.number}]: **${esc(evidenceTitle(b, entry.subject, language))}**: ${parts.join(" · ")}`, "");
  }
  out.push("");
  if (b.scenario.sources.length > 0) {
    out.push(`## ${t.sections.sources}`, "");
    for (const s of b.scenario.sources) {
      const url = safeUrl(s.url);
      const title = esc(text(s.title, language) || s.id);
      const details = [s.authors.length > 0 ? esc(s.authors.join(", ")) : "", s.publisher ? esc(s.publisher) : "", s.date ? esc(s.date) : ""].filter(Boolean).join(", ");
      out.push(`- ${esc(s.id)}: ${url ? `[${title}](<${url.replace(/[<>]/g, encodeURIComponent)}>)` : title}${details ? ` — ${details}` : ""}`);
    }
    out.push("");
  }
  return out;
}

/** The whole briefing as Markdown in `language` (default: the scenario's). */
export function renderMarkdown(b: Briefing, language: Language = b.scenario.language): string {
  const t = messages(language);
  const s = b.scenario;
  const esc = markup.esc;
  const out = [`# ${esc(text(s.title, language) || s.id)}`, "", `**${leadSentence(b, language, markup)}**`, ""];
  if (s.date) out.push(esc(s.date), "");
  if (s.description) out.push(esc(text(s.description, language)), "");
  out.push(`*${t.intro}*`, "", t.generatedBy(esc(modelsUsed(b, language))), "");
  out.push(`## ${t.sections.summary}`, "", ...summaryBullets(b, language, markup).map((x) => `- ${x}`), "");
  out.push(...forecastSection(b, language));
  out.push(...uncertaintySection(b, language));
  if (b.exchange) {
    const section = exchangeSectionText(b.exchange, b.scenario, language);
    out.push(`## ${esc(section.title)}`, "", esc(section.intro), "", ...section.items.map((item) => `- ${esc(item)}`), "");
  }
  const simulation = simulationSectionText(b.simulation, b.scenario, language);
  out.push(`## ${esc(simulation.title)}`, "", esc(simulation.intro), "", ...simulation.items.map((item) => `- ${esc(item)}`), "");
  for (const paragraph of [simulation.deal, simulation.runs]) if (paragraph) out.push(esc(paragraph), "");
  out.push(...dealsSection(b, language));
  out.push(...stakesSection(b, language));
  out.push(...alignmentSection(b, language));
  out.push(...inputsSection(b, language));
  out.push(`## ${t.sections.method}`, "", ...t.methodText.flatMap((p) => [esc(p), ""]));
  out.push(...evidenceSection(b, language));
  return `${out.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd()}\n`;
}
