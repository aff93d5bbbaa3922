/** `parley deal FILE --deal ID`: a deal's value to each actor, its criteria and traps. */
import { dealContext, dealValuesOf, DealValuesError, evaluateDeal, findDeal, type DealEvaluation } from "../../deals/evaluate.js";
import { noStatusQuoNote, scenarioExplainer } from "../../deals/reasons.js";
import { anchorPrefix, nearestAnchor } from "../../forecast.js";
import { text, type Language } from "../../scenario/label.js";
import type { Deal, IssueValue, Scenario } from "../../scenario/types.js";
import { formatNumber, table } from "../format.js";
import { EXIT, UsageError, type CliIo } from "../io.js";

export interface DealCommandOptions {
  readonly deals: readonly string[];
  /** `issue=value` assignments: an ad-hoc deal, or changes to the named one. */
  readonly set: readonly string[];
  readonly json: boolean;
  readonly language?: Language;
}

export function dealCommand(scenario: Scenario, options: DealCommandOptions, io: CliIo): number {
  const context = dealContext(scenario);
  const deals = chosenDeals(scenario, options);
  const evaluations = deals.map((deal) => evaluateDeal(context, deal));
  const language = options.language ?? scenario.language;
  if (options.json) {
    // With no status quo, each evaluation says so (the actors at walk-away 0 have reservationSource "none").
    const noStatusQuo = noStatusQuoNote(scenario, language);
    const out = noStatusQuo ? evaluations.map((e) => ({ ...e, noStatusQuo })) : evaluations;
    io.out(JSON.stringify(out.length === 1 ? out[0] : out, null, 2));
    return EXIT.ok;
  }
  io.out(evaluations.map((e, i) => describeEvaluation(scenario, deals[i]!, e, language)).join("\n\n"));
  return EXIT.ok;
}

function chosenDeals(scenario: Scenario, options: DealCommandOptions): Pick<Deal, "id" | "values" | "name">[] {
  const changes = parseAssignments(scenario, options.set);
  if (options.deals.length === 0 && options.set.length === 0) {
    if (scenario.deals.length === 0) throw new UsageError("the scenario defines no deals; name values with --set issue=value");
    return [...scenario.deals];
  }
  if (options.deals.length === 0) return [{ id: "custom", name: { en: "Custom deal", zh: "自定义协议" }, values: changes }];
  return options.deals.map((id) => {
    const deal = findDeal(scenario, id);
    return options.set.length > 0 ? { ...deal, id: `${deal.id}+changes`, values: { ...deal.values, ...changes } } : deal;
  });
}

/** `--set issue=value` pairs as a deal's values: a number on a numeric issue, an option id otherwise (dealValuesOf). */
function parseAssignments(scenario: Scenario, assignments: readonly string[]): Record<string, IssueValue> {
  const raw: Record<string, number | string> = {};
  for (const assignment of assignments) {
    const match = /^([^=]+)=(.+)$/.exec(assignment);
    if (!match) throw new UsageError(`--set expects issue=value, got "${assignment}"`);
    const id = match[1]!.trim();
    const text = match[2]!.trim();
    const numeric = scenario.issues.find((i) => i.id === id)?.kind === "numeric";
    raw[id] = numeric && text !== "" && Number.isFinite(Number(text)) ? Number(text) : text;
  }
  try {
    return dealValuesOf(scenario, raw);
  } catch (error) {
    if (error instanceof DealValuesError) throw new UsageError(error.problems.map((p) => `--set ${p.issue}: ${p.message}`).join("\n"));
    throw error;
  }
}

export function describeEvaluation(scenario: Scenario, deal: Pick<Deal, "id" | "values" | "name">, e: DealEvaluation, language: Language): string {
  const zh = language === "zh";
  const explain = scenarioExplainer(scenario, language);
  const lines = [`${zh ? "协议" : "Deal"}: ${text(deal.name, language)} (${deal.id})`];
  lines.push(
    table(
      [zh ? "议题" : "issue", zh ? "值" : "value", ""],
      scenario.issues.map((issue) => {
        const value = e.outcome[issue.id]!;
        const anchor = typeof value === "number" ? nearestAnchor(issue, value) : issue.anchors.find((a) => issue.options.some((o) => o.id === value && o.place === a.value));
        const label = anchor ? `${typeof value === "number" ? anchorPrefix(anchor, value) : ""}${text(anchor.label, language)}` : "";
        const quo = deal.values[issue.id] === undefined ? (zh ? "(现状)" : " (status quo)") : "";
        return [text(issue.name, language), typeof value === "number" ? formatNumber(value) : value, `${label}${quo}`];
      }),
      ["left", "right", "left"],
    ),
  );
  lines.push("", zh ? "各方" : "Actors");
  lines.push(
    table(
      [zh ? "行为体" : "actor", zh ? "效用" : "utility", zh ? "底线" : "walk-away", zh ? "收益" : "gain", zh ? "接受" : "accepts"],
      e.actors.map((a) => {
        const name = text(scenario.actors.find((x) => x.id === a.id)?.name, language);
        return [name, a.utility.toFixed(3), a.reservation.toFixed(3), `${a.gain >= 0 ? "+" : ""}${a.gain.toFixed(3)}`, a.accepts ? (zh ? "是" : "yes") : zh ? "否" : "no"];
      }),
      ["left", "right", "right", "right", "left"],
    ),
  );
  const noStatusQuo = noStatusQuoNote(scenario, language);
  if (noStatusQuo) lines.push(`  ${noStatusQuo.note}`);
  for (const a of e.actors) {
    const actor = scenario.actors.find((x) => x.id === a.id);
    for (const id of a.redLinesCrossed) {
      const line = actor?.redLines.find((r) => r.id === id);
      lines.push(`  ✗ ${text(actor?.name, language)} ${zh ? "红线" : "red line"} ${line?.name ? text(line.name, language) : id}: ${line?.rule ?? ""}`);
    }
    if (!a.accepts) lines.push(`  ${text(actor?.name, language)}: ${explain.acceptance(a.acceptance)}`);
    for (const term of a.linkage) lines.push(`  ${zh ? "关联" : "linkage"} ${a.id}.${term.id}: ${term.utility >= 0 ? "+" : ""}${term.utility.toFixed(3)}`);
  }
  const verdict = e.agreement ? (zh ? "达成协议" : "an agreement") : zh ? "没有协议" : "no agreement";
  lines.push("", `${zh ? "结论" : "Verdict"}: ${verdict} — ${explain.agreement(e.reason)}`);
  const label = (list: readonly { id: string; name: Scenario["criteria"][number]["name"] }[], id: string) => text(list.find((r) => r.id === id)?.name, language) || id;
  if (e.criteria.length > 0) {
    lines.push("", zh ? "标准" : "Criteria");
    for (const c of e.criteria) lines.push(`  ${c.met ? (zh ? "✓ 满足  " : "✓ met    ") : zh ? "✗ 未满足" : "✗ not met"}  ${label(scenario.criteria, c.id)}: ${explain.reason(c.reason)}`);
  }
  if (e.traps.length > 0) {
    lines.push("", zh ? "陷阱" : "Traps");
    for (const t of e.traps) lines.push(`  ${t.triggered ? (zh ? "⚠ 落入" : "⚠ falls in") : zh ? "· 避开" : "· avoids  "}  ${label(scenario.traps, t.id)}: ${explain.reason(t.reason)}`);
  }
  lines.push("", zh ? "关切(重要性 ≥ 60 的议题)" : "Concerns (issues of salience ≥ 60)");
  for (const c of e.concerns) {
    if (c.toward.length === 0 && c.away.length === 0) continue;
    const name = text(scenario.actors.find((x) => x.id === c.actor)?.name, language);
    const issues = (ids: readonly string[]) => ids.map((id) => text(scenario.issues.find((i) => i.id === id)?.name, language) || id).join(zh ? "、" : ", ");
    const parts = [];
    if (c.toward.length > 0) parts.push(`${zh ? "趋近" : "toward"}: ${issues(c.toward)}`);
    if (c.away.length > 0) parts.push(`${zh ? "背离" : "away from"}: ${issues(c.away)}`);
    lines.push(`  ${name} — ${parts.join("; ")}`);
  }
  return lines.join("\n");
}
