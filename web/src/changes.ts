/**
 * The server's version diff (one change per JSON field path of the normalised scenario) read as an
 * analyst reads a scenario: "United States · Definition of denuclearisation: clear, agreed
 * definition → restated formula" rather than `stances.USA.definition.position.value 100 → 40`.
 * Changes to one value (a position's number and its option, the two ends of a range) become one
 * line, and both sides are read from the two versions themselves, so labels, option names and units
 * are those each version had. Pure: the caller passes the words of the chosen language.
 */
import { text, type Language } from "../../src/scenario/label.js";
import type { Issue, Label, Scenario } from "../../src/scenario/types.js";
import type { ValueChange } from "../../src/store/diff.js";

export interface ReadableChange {
  /** The parts the change is about, most general first: actor, issue, deal, rule… */
  readonly where: readonly string[];
  /** The field that changed (salience, range, name…), or "" when the whole thing was added or removed. */
  readonly field: string;
  readonly kind: ValueChange["kind"];
  readonly from: string;
  readonly to: string;
  /** The field paths this line stands for, as the server gave them. */
  readonly paths: readonly string[];
}

/** The workbench's words for the parts of a scenario, keyed as in i18n's `changes` group. */
export type Words = (key: string) => string;

type Segment = string | { id: string } | number;

/** `actors[id=USA].capability.range[1]` → ["actors", {id: "USA"}, "capability", "range", 1]. */
export function parsePath(path: string): Segment[] {
  const out: Segment[] = [];
  for (const part of path.match(/[^.[\]]+|\[[^\]]*\]/g) ?? []) {
    if (part.startsWith("[")) {
      const inner = part.slice(1, -1);
      out.push(inner.startsWith("id=") ? { id: inner.slice(3) } : Number(inner));
    } else out.push(part);
  }
  return out;
}

/** The value at `segments` in a JSON document (lists by index or by item id). */
function valueAt(doc: unknown, segments: readonly Segment[]): unknown {
  let at: unknown = doc;
  for (const s of segments) {
    if (at === null || typeof at !== "object") return undefined;
    if (typeof s === "object") at = Array.isArray(at) ? at.find((item: unknown) => (item as { id?: unknown } | null)?.id === s.id) : undefined;
    else at = (at as Record<string | number, unknown>)[s];
  }
  return at;
}


interface Unit {
  /** Path of the value the line is about (a quantity, a label, a rule…). */
  readonly base: Segment[];
  readonly where: string[];
  readonly field: string;
  /** How to print that value: as a value on `issue`, a quantity, or a plain value. */
  readonly show: "issue-value" | "quantity" | "range" | "plain";
  readonly issue?: string;
}

/**
 * Reads every change against the two versions. `before` and `after` are the normalised scenarios
 * the server compared; an id no version names stays as it is.
 */
export function describeChanges(changes: readonly ValueChange[], before: Scenario | undefined, after: Scenario | undefined, language: Language, words: Words): ReadableChange[] {
  const label = (l: Label | string | undefined) => (typeof l === "string" ? l : text(l, language));
  const find = <T extends { id: string }>(list: (s: Scenario) => readonly T[], id: string): T | undefined => (after ? list(after).find((x) => x.id === id) : undefined) ?? (before ? list(before).find((x) => x.id === id) : undefined);
  const actorName = (id: string) => label(find((s) => s.actors, id)?.name) || id;
  const issueOf = (id: string): Issue | undefined => find((s) => s.issues, id);
  const issueName = (id: string) => label(issueOf(id)?.name) || id;
  const named = (list: (s: Scenario) => readonly { id: string; name?: Label; title?: Label }[], id: string) => {
    const item = find(list, id);
    return label(item?.name ?? item?.title) || id;
  };

  const units = new Map<string, { unit: Unit; kinds: Set<ValueChange["kind"]>; paths: string[] }>();
  for (const change of changes) {
    const unit = unitOf(parsePath(change.path));
    const key = JSON.stringify([unit.base, unit.field]);
    const entry = units.get(key) ?? { unit, kinds: new Set(), paths: [] };
    entry.kinds.add(change.kind);
    entry.paths.push(change.path);
    units.set(key, entry);
  }

  function unitOf(segments: Segment[]): Unit {
    const [head, a, b, c, d] = segments;
    const id = (s: Segment | undefined) => (typeof s === "object" ? s.id : typeof s === "string" ? s : undefined);
    // A quantity: the rest of the path names one of its parts; a label: its language.
    const quantity = (base: Segment[], where: string[], field: string, rest: Segment[], issue?: string): Unit => {
      const part = rest[0];
      if (part === "range") return { base: [...base, "range"], where, field: field ? `${field} · ${words("range")}` : words("range"), show: "range" };
      if (part === "evidence" || part === "note" || part === "distribution") return { base: [...base, part], where, field: field ? `${field} · ${words(part)}` : words(part), show: "plain" };
      if (issue !== undefined) return { base, where, field, show: "issue-value", issue };
      return { base, where, field, show: "quantity" };
    };
    const tail = (base: Segment[], where: string[], rest: Segment[]): Unit => {
      const field = rest.map((s) => (typeof s === "string" ? words(s) : typeof s === "number" ? `#${s + 1}` : s.id)).join(" · ");
      const labelPart = rest.length >= 2 && (rest[rest.length - 1] === "en" || rest[rest.length - 1] === "zh");
      return labelPart ? { base: [...base, ...rest.slice(0, -1)], where, field: rest.slice(0, -1).map((s) => (typeof s === "string" ? words(s) : typeof s === "number" ? `#${s + 1}` : s.id)).join(" · "), show: "plain" } : { base: [...base, ...rest], where, field, show: "plain" };
    };
    if (head === "stances" && typeof a === "string") {
      if (b === undefined) return { base: [head, a], where: [actorName(a)], field: words("stances"), show: "plain" };
      const issue = String(b);
      const where = [actorName(a), issueName(issue)];
      if (c === undefined) return { base: [head, a, issue], where, field: "", show: "plain" };
      if (c === "position") return quantity([head, a, issue, c], where, "", segments.slice(4), issue);
      if (c === "salience") return quantity([head, a, issue, c], where, words("salience"), segments.slice(4));
      return tail([head, a, issue], where, segments.slice(3));
    }
    if (head === "actors" && id(a) !== undefined) {
      const actor = id(a)!;
      const base: Segment[] = [head, a!];
      const where = [actorName(actor)];
      if (b === undefined) return { base, where, field: "", show: "plain" };
      if (b === "capability") return quantity([...base, b], where, words("capability"), segments.slice(3));
      if (b === "reservation") return quantity([...base, b], where, words("reservation"), segments.slice(3));
      if (b === "capabilityByIssue" && typeof c === "string") return quantity([...base, b, c], [...where, issueName(c)], words("capability"), segments.slice(4));
      if ((b === "redLines" || b === "linkage") && typeof c === "object") {
        const list = (after?.actors.find((x) => x.id === actor) ?? before?.actors.find((x) => x.id === actor))?.[b] ?? [];
        const item = list.find((x) => x.id === c.id);
        const itemWhere = [...where, `${words(b)} ${label(item?.name) || c.id}`];
        if (d === undefined) return { base: [...base, b, c], where: itemWhere, field: "", show: "plain" };
        if (d === "credibility" || d === "utility") return quantity([...base, b, c, d], itemWhere, words(d), segments.slice(5));
        return tail([...base, b, c], itemWhere, segments.slice(4));
      }
      return tail(base, where, segments.slice(2));
    }
    if (head === "issues" && id(a) !== undefined) {
      const issue = id(a)!;
      const base: Segment[] = [head, a!];
      const where = [issueName(issue)];
      if (b === undefined) return { base, where, field: "", show: "plain" };
      if (b === "reference" || b === "outcome") return quantity([...base, b], where, words(b === "reference" ? "statusQuo" : "outcome"), segments.slice(3), issue);
      if ((b === "options" && typeof c === "object") || (b === "anchors" && typeof c === "number")) {
        const item = valueAt(after, [...base, b, c!]) ?? valueAt(before, [...base, b, c!]);
        const itemName = label((item as { label?: Label } | undefined)?.label) || (typeof c === "object" ? c.id : `#${c + 1}`);
        return tail([...base, b, c!], [...where, `${words(b === "options" ? "option" : "anchor")} ${itemName}`], segments.slice(4));
      }
      return tail(base, where, segments.slice(2));
    }
    if (head === "deals" && id(a) !== undefined) {
      const base: Segment[] = [head, a!];
      const where = [`${words("deal")} ${named((s) => s.deals, id(a)!)}`];
      if (b === "values" && typeof c === "string") return quantity([...base, b, c], [...where, issueName(c)], "", segments.slice(4), c);
      return b === undefined ? { base, where, field: "", show: "plain" } : tail(base, where, segments.slice(2));
    }
    if ((head === "criteria" || head === "traps" || head === "sources") && id(a) !== undefined) {
      const base: Segment[] = [head, a!];
      const where = [`${words(head === "criteria" ? "criterion" : head === "traps" ? "trap" : "source")} ${named((s) => s[head], id(a)!)}`];
      return b === undefined ? { base, where, field: "", show: "plain" } : tail(base, where, segments.slice(2));
    }
    if (head === "preferences" && typeof a === "string") {
      const where = [actorName(a), words("preferences")];
      if (b === "values" && typeof c === "string") return tail([head, a, b, c], [...where, issueName(c)], segments.slice(4));
      if (b === "weights" && typeof c === "string") return { base: [head, a, b, c], where: [...where, issueName(c)], field: words("weights"), show: "plain" };
      return tail([head, a], where, segments.slice(2));
    }
    if (typeof head === "string") return tail([], [], segments);
    return { base: segments, where: [], field: segments.join("."), show: "plain" };
  }

  const issueValue = (value: unknown, issueId: string | undefined, doc: Scenario | undefined): string => {
    if (value === undefined || value === null) return "";
    if (typeof value !== "object") return String(value);
    const v = value as { value?: number; option?: string };
    const issue = issueId ? (doc?.issues.find((x) => x.id === issueId) ?? issueOf(issueId)) : undefined;
    if (v.option !== undefined) return label(issue?.options.find((o) => o.id === v.option)?.label) || v.option;
    return withUnit(v.value, issue);
  };
  const withUnit = (value: unknown, issue: Issue | undefined): string => {
    if (typeof value !== "number") return plain(value);
    const unit = label(issue?.unit);
    return unit ? `${number(value)} ${unit}` : number(value);
  };
  const plain = (value: unknown): string => {
    if (value === undefined || value === null) return "";
    if (typeof value === "number") return number(value);
    if (typeof value === "string") return value;
    if (typeof value === "boolean") return String(value);
    if (Array.isArray(value)) return value.length === 0 ? "" : value.every((x) => typeof x !== "object") ? value.map(plain).join(", ") : `${value.length} × ${words("items")}`;
    const record = value as Record<string, unknown>;
    if ("en" in record || "zh" in record) return label(record as Label);
    if ("name" in record || "title" in record) return label((record["name"] ?? record["title"]) as Label);
    if ("value" in record && typeof record["value"] === "number") return number(record["value"]);
    if ("label" in record) return label(record["label"] as Label);
    if ("quote" in record) return `“${String(record["quote"])}”`;
    const json = JSON.stringify(value);
    return json.length > 120 ? `${json.slice(0, 117)}…` : json;
  };
  const show = (unit: Unit, doc: Scenario | undefined): string => {
    const value = valueAt(doc, unit.base);
    if (value === undefined) return "";
    if (unit.show === "issue-value") return issueValue(value, unit.issue, doc);
    if (unit.show === "range") return Array.isArray(value) ? value.map(plain).join("–") : plain(value);
    if (unit.show === "quantity") return plain((value as { value?: unknown }).value ?? value);
    if (unit.base.at(-1) === "evidence" && Array.isArray(value)) return value.length === 0 ? "" : value.map(plain).join("; ");
    return plain(value);
  };

  return [...units.values()].map(({ unit, kinds, paths }) => {
    const from = show(unit, before);
    const to = show(unit, after);
    const kind = kinds.size === 1 ? [...kinds][0]! : from === "" ? "added" : to === "" ? "removed" : "changed";
    return { where: unit.where, field: unit.field, kind, from, to, paths };
  });
}

function number(x: number): string {
  return String(Math.round(x * 1000) / 1000);
}
