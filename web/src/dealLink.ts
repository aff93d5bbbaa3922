/**
 * The deal being built, in the address: `?values=<issue>:<value>,…` for the issues it sets (a
 * number on the scale or an option id; the others stay at the status quo), preceded by
 * `deal=<id>&` when it is a named deal as it stands; nothing for the status quo. The values travel
 * with a named deal's id, so that the link reopens the deal as it was built even where the named
 * deal is not stored yet or has been changed since. Ids use only letters, digits, '-', '_' and '.',
 * so the query reads as written; numbers are written in full, so a link reopens the very deal. Pure.
 */
import { ID_PATTERN } from "../../src/scenario/id.js";
import type { Issue, IssueValue, Scenario } from "../../src/scenario/types.js";

export type DealValues = Readonly<Record<string, IssueValue>>;

/** The deal builder's state: values per issue, and the named deal they are when unchanged. */
export interface BuiltDeal {
  readonly values: DealValues;
  readonly name?: string;
}

/** What a link's query says, before it is read against a scenario: the named deal's id, if any, and the values as written. */
export interface LinkedDeal {
  readonly name?: string;
  readonly values: readonly (readonly [string, string])[];
}

/** `issue:value` for each value a deal sets, in the deal's order. */
function valuePairs(values: DealValues): string[] {
  return Object.entries(values).map(([issue, v]) => `${encodeURIComponent(issue)}:${encodeURIComponent(v.option ?? String(v.value))}`);
}

/** The query (with its `?`, or empty) that stands for `deal`. */
export function dealQuery(deal: BuiltDeal): string {
  const parts = [...(deal.name !== undefined ? [`deal=${encodeURIComponent(deal.name)}`] : []), ...(Object.keys(deal.values).length > 0 ? [`values=${valuePairs(deal.values).join(",")}`] : [])];
  return parts.length === 0 ? "" : `?${parts.join("&")}`;
}

/** The deal a query names, if any. */
export function parseDealQuery(search: string): LinkedDeal | undefined {
  const params = new URLSearchParams(search);
  const name = params.get("deal") ?? "";
  const values = params.get("values") ?? "";
  if (name === "" && values === "") return undefined;
  return {
    ...(name !== "" ? { name } : {}),
    values: values === "" ? [] : values.split(",").map((pair) => {
      const at = pair.indexOf(":");
      return at < 0 ? ([pair, ""] as const) : ([pair.slice(0, at), pair.slice(at + 1)] as const);
    }),
  };
}

/** A part of a link the scenario cannot use: the kind of problem, the id and the text it is about. */
export interface LinkProblem {
  readonly kind: "no-deal" | "no-issue" | "not-option" | "not-number" | "outside";
  /** The deal's or issue's id as the link gives it. */
  readonly id: string;
  readonly text?: string;
}

/** An issue's value from a link's text: an option id, or a number within the scale. */
export function linkedValue(issue: Issue, text: string): IssueValue | LinkProblem {
  if (issue.kind === "options") {
    const option = issue.options.find((o) => o.id === text);
    return option ? { value: option.place, option: option.id, evidence: [] } : { kind: "not-option", id: issue.id, text };
  }
  const value = text.trim() === "" ? Number.NaN : Number(text);
  if (!Number.isFinite(value)) return { kind: "not-number", id: issue.id, text };
  if (value < issue.min || value > issue.max) return { kind: "outside", id: issue.id, text };
  return { value, evidence: [] };
}

/**
 * The deal a link names, read against `scenario`: what of it the scenario has, and a problem (in
 * the link's own terms: ids and the text given) for each part it cannot use.
 */
export function linkedDeal(scenario: Scenario, link: LinkedDeal): { deal: BuiltDeal; problems: LinkProblem[] } {
  const named = link.name === undefined ? undefined : scenario.deals.find((d) => d.id === link.name);
  // A named deal by its id alone (a link written by hand): as the scenario has it.
  if (link.values.length === 0 && link.name !== undefined) return named ? { deal: { values: named.values, name: named.id }, problems: [] } : { deal: { values: {} }, problems: [{ kind: "no-deal", id: link.name }] };
  const values: Record<string, IssueValue> = {};
  const problems: LinkProblem[] = [];
  for (const [id, text] of link.values) {
    const issue = scenario.issues.find((i) => i.id === id);
    if (!issue) {
      problems.push({ kind: "no-issue", id, text });
      continue;
    }
    const value = linkedValue(issue, text);
    if ("kind" in value) problems.push(value);
    else values[id] = value;
  }
  // The named deal when it still sets these very values; else the values as built.
  if (named && problems.length === 0 && sameValues(named.values, values)) return { deal: { values: named.values, name: named.id }, problems };
  return { deal: { values }, problems };
}

/** Whether two deals set the same issues to the same values (in any order). */
export function sameValues(a: DealValues, b: DealValues): boolean {
  const canonical = (values: DealValues) => valuePairs(values).sort().join(",");
  return canonical(a) === canonical(b);
}

/** Why an id cannot name a new deal, or undefined when it can. */
export function dealIdProblem(id: string, taken: readonly string[]): "empty" | "pattern" | "taken" | undefined {
  if (id === "") return "empty";
  if (!ID_PATTERN.test(id)) return "pattern";
  return taken.includes(id) ? "taken" : undefined;
}

/**
 * A built deal's numbers rounded for the scenario file: four significant digits of each issue's
 * scale (a slider gives 57.291666…; 57.29 on a 0–100 scale), options as they are.
 */
export function roundedDeal(scenario: Scenario, values: DealValues): DealValues {
  const out: Record<string, IssueValue> = {};
  for (const [id, v] of Object.entries(values)) {
    const issue = scenario.issues.find((i) => i.id === id);
    if (v.option !== undefined || !issue) {
      out[id] = v;
      continue;
    }
    const decimals = Math.max(0, Math.min(10, 4 - Math.ceil(Math.log10(Math.max(issue.max - issue.min, 1e-9)))));
    out[id] = { value: Number(v.value.toFixed(decimals)), evidence: [] };
  }
  return out;
}

/** A deal's values as the scenario file writes them: a number, or an option's id. */
export function writtenValues(values: DealValues): Record<string, number | string> {
  return Object.fromEntries(Object.entries(values).map(([id, v]) => [id, v.option ?? v.value]));
}
