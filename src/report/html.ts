/**
 * The briefing as one self-contained HTML page: inline CSS, inline SVG charts, no scripts, no
 * external resources; readable on a laptop and in print. Numbers taken from the scenario link
 * to their entry in the evidence section. Pure.
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
  intervalText,
  issueAlignmentSentence,
  issueName,
  issueOf,
  leadSentence,
  modelName,
  modelsUsed,
  overallBlocsSentence,
  pairLabel,
  reason,
  ruleName,
  spreadSentence,
  summaryBullets,
  type Markup,
} from "./compose.js";
import { escapeHtml, safeUrl } from "./escape.js";
import { messages } from "../i18n/report.js";
import { barChart, heatMap, INTERVAL_COLOR, paletteColor, scaleStrip } from "./svg.js";
import type { Briefing, IssueBriefing } from "./types.js";

const markup: Markup = {
  esc: escapeHtml,
  cite: (display, evidence) => (evidence === undefined ? display : `<a class="n" href="#ev-${evidence}" data-ev="${evidence}">${display}</a>`),
};

const STYLE = `
:root{--ink:#1d1d1f;--muted:#5f6368;--rule:#d9d9de;--ok:#1a7f37;--bad:#b3261e;--tint:#f5f6f8}
*{box-sizing:border-box}
body{margin:0 auto;max-width:1000px;padding:28px 28px 60px;color:var(--ink);background:#fff;font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue","Noto Sans","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif}
h1{font-size:1.7em;line-height:1.25;margin:0 0 .3em}
h2{font-size:1.3em;margin:2em 0 .6em;padding-bottom:.2em;border-bottom:2px solid var(--ink)}
h3{font-size:1.08em;margin:1.5em 0 .4em}
p{margin:.5em 0}
.meta,.muted,figcaption{color:var(--muted)}
.meta{font-size:.92em}
.intro{font-style:italic;color:var(--muted)}
.lead{font-size:1.1em;font-weight:600;margin:.2em 0 .6em}
nav.toc ol{columns:2;margin:.4em 0;padding-left:1.4em}
table{border-collapse:collapse;margin:.6em 0 1em;font-size:.88em}
th,td{border:1px solid var(--rule);padding:4px 8px;vertical-align:top;text-align:left}
th{background:var(--tint);font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.sq{color:var(--muted);font-style:italic}
.ok{color:var(--ok);font-weight:700}
.bad{color:var(--bad);font-weight:700}
td.gain-pos{background:#e8f5ec}
td.gain-neg{background:#fdecea}
td small{display:block;color:var(--muted);font-size:.9em;line-height:1.35}
a{color:#0b57d0}
a.n{color:inherit;text-decoration:underline dotted #0b57d0;text-underline-offset:2px}
.issue{border-top:1px solid var(--rule);padding-top:.2em}
.cols{display:flex;flex-wrap:wrap;gap:0 24px;align-items:flex-start}
.verdict{background:var(--tint);border-left:4px solid #0072B2;padding:6px 10px}
.calibration{border-left:4px solid ${INTERVAL_COLOR};padding:2px 10px;margin:8px 0}
.intervals{margin:6px 0 10px 18px;padding:0}
.claim{background:#fff8e1;border-left:4px solid #E69F00;padding:6px 10px}
figure{margin:.6em 0}
figcaption{font-size:.82em}
svg.chart{max-width:100%;height:auto;display:block}
ol.evidence{padding-left:2.4em}
ol.evidence li{margin:.5em 0;font-size:.9em}
ol.evidence li:target{background:#fff4c2}
blockquote{margin:.2em 0 .2em .2em;padding-left:.7em;border-left:3px solid var(--rule)}
.summary li{margin:.3em 0}
@media (max-width:700px){body{padding:16px}nav.toc ol{columns:1}}
@media print{
  body{max-width:none;padding:0;font-size:10.5pt}
  nav.toc{display:none}
  a{color:inherit;text-decoration:none}
  a.n::after{content:"[" attr(data-ev) "]";font-size:.7em;vertical-align:super;color:var(--muted)}
  h2{break-after:avoid}
  h3{break-after:avoid}
  .issue,figure,table,.verdict,.claim{break-inside:avoid}
  ol.evidence li{break-inside:avoid}
}
`;

/** A table; header and cells are already escaped (and may hold markup). */
function htmlTable(header: readonly string[], rows: readonly (readonly string[])[], numeric: readonly boolean[] = [], rowClasses?: readonly (readonly string[])[]): string {
  const cls = (c: number, extra = "") => {
    const names = [numeric[c] ? "num" : "", extra].filter(Boolean).join(" ");
    return names ? ` class="${names}"` : "";
  };
  const head = `<tr>${header.map((h, c) => `<th${cls(c)}>${h}</th>`).join("")}</tr>`;
  const body = rows.map((row, r) => `<tr>${row.map((cell, c) => `<td${cls(c, rowClasses?.[r]?.[c] ?? "")}>${cell}</td>`).join("")}</tr>`).join("");
  return `<table><thead>${head}</thead><tbody>${body}</tbody></table>`;
}

function figure(svg: string, caption: string): string {
  return `<figure>${svg}<figcaption>${caption}</figcaption></figure>`;
}

function stripOf(b: Briefing, ib: IssueBriefing, language: Language): string {
  const t = messages(language);
  const issue = issueOf(b, ib.issue);
  const colorOf = (actor: string) => paletteColor(b.scenario.actors.findIndex((a) => a.id === actor));
  return scaleStrip({
    width: 940,
    title: issueName(b, ib.issue, language),
    min: issue.min,
    max: issue.max,
    anchors: issue.anchors.map((a) => ({ value: a.value, label: text(a.label, language) })),
    ...(ib.reference ? { reference: { value: ib.reference.value, label: `${t.words.statusQuo}: ${figureText(issue, ib.reference, language)}` } } : {}),
    positions: ib.positions.map((p) => ({
      label: p.actor,
      value: p.position.value,
      weight: p.salience.value / 100,
      color: colorOf(p.actor),
      title: `${actorName(b, p.actor, language)}: ${t.words.position} ${figureText(issue, p.position, language)}, ${t.words.salience} ${formatNumber(p.salience.value)}`,
    })),
    forecasts: ib.forecasts.map((f) => {
      const d = ib.distributions?.find((x) => x.model === f.model);
      return {
        label: modelName(f.model, language),
        value: f.value,
        title: `${modelName(f.model, language)}: ${formatNumber(f.value)}${f.anchor ? ` ${anchorPrefix(f.anchor, f.value) || "= "}${text(f.anchor.label, language)}` : ""}${f.interval ? `\n${t.intervalSentence(modelName(f.model, language), formatNumber(f.value), t.percent(f.interval.level), intervalText(f.interval), f.interval.combined ? intervalText(f.interval.combined) : undefined)}` : ""}`,
        ...(d ? { band: { p5: d.p5, p25: d.p25, p75: d.p75, p95: d.p95 } } : {}),
        ...(f.interval ? { interval: f.interval } : {}),
      };
    }),
  });
}

function forecastSection(b: Briefing, language: Language): string {
  const t = messages(language);
  const esc = escapeHtml;
  const out = [`<section id="forecasts"><h2>${esc(t.sections.forecasts)}</h2>`];
  for (const failed of b.failedModels) out.push(`<p class="claim">${esc(t.modelFailed(modelName(failed.model, language), failed.message))}</p>`);
  const calibration = calibrationParagraphs(b, language, markup);
  if (calibration.length > 0) out.push(`<div class="calibration">${calibration.map((p) => `<p>${p}</p>`).join("")}</div>`);
  for (const ib of b.issues) {
    const issue = issueOf(b, ib.issue);
    const reference = ib.reference ? `; ${esc(t.words.statusQuo)} ${cited(markup, ib.reference, figureText(issue, ib.reference, language))}` : "";
    const description = text(issue.description, language);
    out.push(`<section class="issue" id="issue-${esc(ib.issue)}"><h3>${esc(issueName(b, ib.issue, language))}</h3>`);
    out.push(`<p class="meta">${description ? `${esc(description)} ` : ""}(${esc(t.words.scale)} ${formatNumber(issue.min)}–${formatNumber(issue.max)}${reference})</p>`);
    const calibrated = ib.forecasts.find((f) => f.interval)?.interval;
    out.push(figure(stripOf(b, ib, language), esc(calibrated ? `${t.forecastChartNote} ${t.forecastChartIntervalNote(t.percent(calibrated.level), calibrated.combined !== undefined)}` : t.forecastChartNote)));
    const models =
      ib.forecasts.length > 0
        ? htmlTable(
            [esc(t.words.model), esc(t.words.forecast), esc(t.words.nearestAnchor)],
            ib.forecasts.map((f) => [
              `<span title="${esc(f.model)}">${esc(modelName(f.model, language))}</span>`,
              formatNumber(f.value),
              f.anchor ? `${anchorPrefix(f.anchor, f.value)}${esc(text(f.anchor.label, language))} (${formatNumber(f.anchor.value)})` : "",
            ]),
            [false, true, false],
          )
        : "";
    const positions = htmlTable(
      [esc(t.words.actor), esc(t.words.position), esc(t.words.salience)],
      ib.positions.map((p) => [esc(actorName(b, p.actor, language)), cited(markup, p.position, figureText(issue, p.position, language)), cited(markup, p.salience)]),
      [false, true, true],
    );
    const intervals = intervalSentences(b, ib, language, markup);
    const intervalList = intervals.length > 0 ? `<ul class="intervals">${intervals.map((sentence) => `<li>${sentence}</li>`).join("")}</ul>` : "";
    out.push(`<div class="cols">${models}${positions}</div>${intervalList}`);
    const spread = spreadSentence(b, ib, language, markup);
    if (spread) out.push(`<p class="verdict">${spread}</p>`);
    out.push("</section>");
  }
  out.push("</section>");
  return out.join("\n");
}

function exchangeSection(b: Briefing, language: Language): string {
  if (!b.exchange) return "";
  const section = exchangeSectionText(b.exchange, b.scenario, language);
  const items = section.items.map((item) => `<li>${escapeHtml(item)}</li>`).join("");
  return `<section id="exchange"><h2>${escapeHtml(section.title)}</h2><p>${escapeHtml(section.intro)}</p>${items ? `<ul>${items}</ul>` : ""}</section>`;
}

function simulationSection(b: Briefing, language: Language): string {
  const section = simulationSectionText(b.simulation, b.scenario, language);
  const items = section.items.map((item) => `<li>${escapeHtml(item)}</li>`).join("");
  const paragraphs = [section.deal, section.runs].map((p) => (p ? `<p>${escapeHtml(p)}</p>` : "")).join("");
  return `<section id="simulation"><h2>${escapeHtml(section.title)}</h2><p>${escapeHtml(section.intro)}</p>${items ? `<ul>${items}</ul>` : ""}${paragraphs}</section>`;
}

function uncertaintySection(b: Briefing, language: Language): string {
  const t = messages(language);
  const esc = escapeHtml;
  const u = b.uncertainty;
  const out = [`<section id="uncertainty"><h2>${esc(t.sections.uncertainty)}</h2>`];
  if (!u) {
    out.push(`<p class="muted">${esc(t.uncertaintyPending)}</p></section>`);
    return out.join("\n");
  }
  out.push(`<p>${esc(t.uncertaintyIntro(String(u.runs), String(u.completed), u.partial, u.seed === undefined ? undefined : String(u.seed)))}</p>`);
  for (const ib of b.issues) {
    if (!ib.distributions) continue;
    out.push(`<h3>${esc(issueName(b, ib.issue, language))}</h3>`);
    out.push(
      htmlTable(
        [esc(t.words.model), esc(t.words.forecast), "p5", "p25", "p50", "p75", "p95"],
        ib.distributions.map((d) => [esc(modelName(d.model, language)), ...[d.forecast, d.p5, d.p25, d.p50, d.p75, d.p95].map((v) => formatNumber(v))]),
        [false, true, true, true, true, true, true],
      ),
    );
  }
  if (u.deals.length > 0) {
    out.push(`<h3>${esc(t.acceptanceCaption)}</h3>`);
    out.push(
      htmlTable(
        [esc(t.words.deal), ...b.scenario.actors.map((a) => esc(a.id)), esc(t.words.all)],
        u.deals.map((d) => [esc(dealName(b, d.id, language)), ...b.scenario.actors.map((a) => esc(t.percent(d.accept[a.id] ?? 0))), esc(t.percent(d.all))]),
        [false, ...b.scenario.actors.map(() => true), true],
      ),
    );
  }
  out.push("</section>");
  return out.join("\n");
}

function dealsSection(b: Briefing, language: Language): string {
  const t = messages(language);
  const esc = escapeHtml;
  const out = [`<section id="deals"><h2>${esc(t.sections.deals)}</h2>`];
  const deals = b.deals.deals;
  if (b.deals.skipped || deals.length === 0) {
    out.push(`<p class="muted">${esc(b.deals.skipped ? t.dealsSkipped(dealsSkippedText(b, language)) : t.noDeals)}</p></section>`);
    return out.join("\n");
  }
  out.push(`<p>${esc(t.dealsIntro)}</p><ul>`);
  for (const d of deals) {
    const description = text(b.scenario.deals.find((x) => x.id === d.deal)?.description, language);
    out.push(`<li><strong>${markup.cite(esc(dealName(b, d.deal, language)), d.evidence)}</strong> <span class="muted">(${esc(d.deal)})</span>${description ? `: ${esc(description)}` : ""}</li>`);
  }
  out.push("</ul>");
  out.push(`<h3>${esc(t.dealValuesCaption)}</h3>`);
  out.push(
    htmlTable(
      [esc(t.words.issue), ...deals.map((d) => `<span title="${esc(dealName(b, d.deal, language))}">${esc(d.deal)}</span>`)],
      b.scenario.issues.map((issue) => [
        esc(issueName(b, issue.id, language)),
        ...deals.map((d) => {
          const v = d.values.find((x) => x.issue === issue.id)!;
          const shown = cited(markup, v.value, figureText(issue, v.value, language));
          return v.named ? shown : `<span class="sq">${shown}</span>`;
        }),
      ]),
    ),
  );
  const rules = [
    ...b.scenario.criteria.map((r) => ({ kind: "criterion" as const, id: r.id })),
    ...b.scenario.traps.map((r) => ({ kind: "trap" as const, id: r.id })),
  ];
  if (rules.length > 0) {
    out.push(`<h3>${esc(t.matrixCaption)}</h3>`);
    out.push(
      htmlTable(
        [`${esc(t.words.criterion)} / ${esc(t.words.trap)}`, ...deals.map((d) => esc(dealName(b, d.deal, language)))],
        rules.map((r) => {
          const evidence = b.evidence.find((e) => e.subject.kind === r.kind && e.subject.id === r.id)?.number;
          return [
            `<span class="muted">${esc(r.kind === "criterion" ? t.words.criterion : t.words.trap)}</span><br>${markup.cite(esc(ruleName(b, r.kind, r.id, language)), evidence)}`,
            ...deals.map((d) => {
              const verdict = r.kind === "criterion" ? d.evaluation.criteria.find((c) => c.id === r.id) : d.evaluation.traps.find((x) => x.id === r.id);
              const ok = verdict ? ("met" in verdict ? verdict.met : !verdict.triggered) : false;
              const word = r.kind === "criterion" ? (ok ? t.words.met : t.words.notMet) : ok ? t.words.avoids : t.words.fallsIn;
              return `<span class="${ok ? "ok" : "bad"}">${ok ? "✓" : "✗"}</span> ${esc(word)}<small>${esc(reason(b, verdict, language))}</small>`;
            }),
          ];
        }),
      ),
    );
  }
  out.push("</section>");
  return out.join("\n");
}

function stakesSection(b: Briefing, language: Language): string {
  const t = messages(language);
  const esc = escapeHtml;
  const out = [`<section id="stakes"><h2>${esc(t.sections.stakes)}</h2>`];
  if (b.stakes.length === 0) {
    out.push(`<p class="muted">${esc(b.deals.skipped ? t.dealsSkipped(dealsSkippedText(b, language)) : t.noDeals)}</p></section>`);
    return out.join("\n");
  }
  const deals = b.deals.deals;
  out.push(`<p>${esc(t.stakesIntro)}</p>`);
  const noStatusQuo = noStatusQuoNote(b.scenario, language);
  if (noStatusQuo) out.push(`<p>${esc(noStatusQuo.note)}</p>`);
  out.push(
    htmlTable(
      [esc(t.words.actor), esc(t.words.walkAway), ...deals.map((d) => `<span title="${esc(dealName(b, d.deal, language))}">${esc(d.deal)}</span>`)],
      b.stakes.map((s) => [
        esc(actorName(b, s.actor, language)),
        s.reservation.toFixed(3),
        ...s.gains.map((g) => `${formatGain(g.gain)} <span class="${g.accepts ? "ok" : "bad"}">${g.accepts ? "✓" : "✗"}</span>`),
      ]),
      [false, true, ...deals.map(() => true)],
      b.stakes.map((s) => ["", "", ...s.gains.map((g) => (g.accepts ? "gain-pos" : "gain-neg"))]),
    ),
  );
  out.push("<ul>");
  for (const d of deals) {
    const accepting = d.evaluation.actors.filter((a) => a.accepts).map((a) => esc(actorName(b, a.id, language)));
    const name = esc(dealName(b, d.deal, language));
    out.push(`<li>${accepting.length > 0 ? t.acceptedBy(name, t.list(accepting)) : t.acceptedByNone(name)}${d.evaluation.acceptedByAll ? ` <strong class="ok">${esc(t.words.acceptedByAll)}</strong>` : ""}</li>`);
  }
  out.push("</ul>");
  const chart = barChart({
    width: 940,
    title: t.sections.stakes,
    format: formatGain,
    groups: deals.map((d) => ({
      label: dealName(b, d.deal, language),
      bars: d.evaluation.actors.map((a, k) => ({
        label: a.id,
        value: a.gain,
        color: paletteColor(k),
        note: `${t.words.accepts}: ${a.accepts ? t.words.yes : t.words.no}`,
      })),
    })),
  });
  out.push(figure(chart, `${esc(t.words.gain)} = ${esc(t.words.utility)} − ${esc(t.words.walkAway)}`));
  out.push("</section>");
  return out.join("\n");
}

function alignmentSection(b: Briefing, language: Language): string {
  const t = messages(language);
  const esc = escapeHtml;
  const a = b.alignment;
  const out = [`<section id="alignment"><h2>${esc(t.sections.alignment)}</h2>`];
  out.push(`<p>${esc(t.alignmentIntro(formatDistance(a.issueThreshold), formatDistance(a.overallThreshold)))}</p>`);
  if (b.claims.length > 0) {
    out.push(`<h3>${esc(t.words.claims)}</h3>`);
    for (const claim of b.claims) out.push(`<p class="claim">${claimSentence(b, claim, language, markup)}</p>`);
  }
  out.push(`<h3>${esc(t.overallHeatCaption)}</h3>`);
  const overall = heatMap({
    title: t.overallHeatCaption,
    rows: a.actors,
    columns: a.actors,
    cells: a.actors.map((_, r) => a.actors.map((__, c) => (r === c ? null : (a.overall.distances[r]![c] ?? null)))),
    format: formatDistance,
    legend: ["0", "100"],
  });
  const pairs = `<div><p><strong>${esc(t.closestPairs)}</strong></p><ol>${a.overall.pairs
    .map((p) => `<li>${esc(actorName(b, p.a, language))} – ${esc(actorName(b, p.b, language))}: ${formatDistance(p.distance)}</li>`)
    .join("")}</ol></div>`;
  out.push(`<div class="cols">${figure(overall, esc(t.heatLegend))}${pairs}</div>`);
  out.push(`<p class="verdict">${overallBlocsSentence(b, language, markup)}</p>`);
  out.push(`<h3>${esc(t.issueHeatCaption)}</h3>`);
  const pairIndex = a.overall.pairs.length > 0 ? a.actors.flatMap((_x, i) => a.actors.slice(i + 1).map((y, k) => [i, i + 1 + k] as const)) : [];
  const perIssue = heatMap({
    title: t.issueHeatCaption,
    rows: pairIndex.map(([i, j]) => pairLabel(a.actors[i]!, a.actors[j]!)),
    columns: [...a.issues.map((ia) => issueName(b, ia.issue, language)), t.words.overall],
    cells: pairIndex.map(([i, j]) => [...a.issues.map((ia) => ia.distances[i]![j] ?? null), a.overall.distances[i]![j] ?? null]),
    format: formatDistance,
    legend: ["0", "100"],
    cellWidth: 44,
  });
  out.push(figure(perIssue, esc(t.heatLegend)));
  out.push("<ul>");
  for (const ia of a.issues) out.push(`<li>${issueAlignmentSentence(b, ia, language, markup)}</li>`);
  out.push("</ul></section>");
  return out.join("\n");
}

function inputsSection(b: Briefing, language: Language): string {
  const t = messages(language);
  const esc = escapeHtml;
  const out = [`<section id="inputs"><h2>${esc(t.sections.inputs)}</h2><p>${esc(t.inputsIntro)}</p>`];
  out.push(
    htmlTable(
      [esc(t.words.actor), esc(t.words.capability)],
      b.inputs.map((i) => {
        const description = text(b.scenario.actors.find((x) => x.id === i.actor)?.description, language);
        return [
          `<strong>${esc(actorName(b, i.actor, language))}</strong> (${esc(i.actor)})${description ? `<small>${esc(description)}</small>` : ""}`,
          [
            cited(markup, i.capability),
            ...i.byIssue.map((x) => `${esc(issueName(b, x.issue, language))}: ${cited(markup, x.capability)}`),
            ...(i.reservation ? [`${esc(t.words.reservationGiven)}: ${cited(markup, i.reservation, formatNumber(i.reservation.value, 3))}`] : []),
          ].join("; "),
        ];
      }),
    ),
  );
  out.push(
    htmlTable(
      [`${esc(t.words.position)} / ${esc(t.words.salience)}`, ...b.scenario.actors.map((x) => `<span title="${esc(actorName(b, x.id, language))}">${esc(x.id)}</span>`)],
      b.issues.map((ib) => [
        esc(issueName(b, ib.issue, language)),
        ...b.scenario.actors.map((actor) => {
          const p = ib.positions.find((x) => x.actor === actor.id);
          if (!p) return "—";
          return `${cited(markup, p.position, p.position.option ?? formatNumber(p.position.value))} / ${cited(markup, p.salience)}`;
        }),
      ]),
      [false, ...b.scenario.actors.map(() => true)],
    ),
  );
  out.push("</section>");
  return out.join("\n");
}

function evidenceSection(b: Briefing, language: Language): string {
  const t = messages(language);
  const esc = escapeHtml;
  const out = [`<section id="evidence"><h2>${esc(t.sections.evidence)}</h2><p>${esc(t.evidenceIntro)}</p><ol class="evidence">`];
  for (const entry of b.evidence) {
    const citations = entry.citations.map((c) => {
      return `<blockquote>«${esc(c.quote)}» <a class="src" href="#source-${esc(c.source)}">${esc(c.source)}</a></blockquote>${c.note ? `<div>${esc(text(c.note, language))}</div>` : ""}`;
    });
    const note = entry.note ? `<div><em>${esc(t.words.note)}:</em> ${esc(text(entry.note, language))}</div>` : "";
    out.push(`<li id="ev-${entry.number}" value="${entry.number}"><strong>${esc(evidenceTitle(b, entry.subject, language))}</strong>${citations.join("")}${note}</li>`);
  }
  out.push("</ol></section>");
  if (b.scenario.sources.length > 0) {
    out.push(`<section id="sources"><h2>${esc(t.sections.sources)}</h2><ul>`);
    for (const s of b.scenario.sources) {
      const url = safeUrl(s.url);
      const title = esc(text(s.title, language) || s.id);
      const details = [s.authors.join(", "), s.publisher ?? "", s.date ?? ""].filter(Boolean).map(esc).join(", ");
      out.push(`<li id="source-${esc(s.id)}"><strong>${url ? `<a href="${esc(url)}">${title}</a>` : title}</strong> <span class="muted">(${esc(s.id)})</span>${details ? ` — ${details}` : ""}</li>`);
    }
    out.push("</ul></section>");
  }
  return out.join("\n");
}

/** The whole briefing as a self-contained HTML page in `language` (default: the scenario's). */
export function renderHtml(b: Briefing, language: Language = b.scenario.language): string {
  const t = messages(language);
  const esc = escapeHtml;
  const s = b.scenario;
  const title = text(s.title, language) || s.id;
  const toc: [string, string][] = [
    ["summary", t.sections.summary],
    ["forecasts", t.sections.forecasts],
    ["uncertainty", t.sections.uncertainty],
    ...(b.exchange ? [["exchange", exchangeSectionText(b.exchange, s, language).title] as [string, string]] : []),
    ["simulation", simulationSectionText(b.simulation, s, language).title],
    ["deals", t.sections.deals],
    ["stakes", t.sections.stakes],
    ["alignment", t.sections.alignment],
    ["inputs", t.sections.inputs],
    ["method", t.sections.method],
    ["evidence", t.sections.evidence],
  ];
  const body = [
    `<header><h1>${esc(title)}</h1>`,
    `<p class="lead" id="agreement">${leadSentence(b, language, markup)}</p>`,
    `<p class="meta">${[s.date ? esc(s.date) : "", esc(s.id)].filter(Boolean).join(" · ")}</p>`,
    s.description ? `<p>${esc(text(s.description, language))}</p>` : "",
    `<p class="intro">${esc(t.intro)}</p>`,
    `<p class="meta">${esc(t.generatedBy(modelsUsed(b, language)))}</p></header>`,
    `<nav class="toc"><strong>${esc(t.sections.contents)}</strong><ol>${toc.map(([id, name]) => `<li><a href="#${id}">${esc(name)}</a></li>`).join("")}</ol></nav>`,
    `<section id="summary"><h2>${esc(t.sections.summary)}</h2><ul class="summary">${summaryBullets(b, language, markup)
      .map((x) => `<li>${x}</li>`)
      .join("")}</ul></section>`,
    forecastSection(b, language),
    uncertaintySection(b, language),
    exchangeSection(b, language),
    simulationSection(b, language),
    dealsSection(b, language),
    stakesSection(b, language),
    alignmentSection(b, language),
    inputsSection(b, language),
    `<section id="method"><h2>${esc(t.sections.method)}</h2>${t.methodText.map((p) => `<p>${esc(p)}</p>`).join("")}</section>`,
    evidenceSection(b, language),
  ];
  return [
    "<!DOCTYPE html>",
    `<html lang="${language === "zh" ? "zh-Hans" : "en"}">`,
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(title)}</title>`,
    `<style>${STYLE}</style>`,
    "</head>",
    "<body>",
    ...body.filter((x) => x !== ""),
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
