/**
 * Structural edits of a scenario's YAML text: adding, removing, reordering and renaming actors,
 * issues, sources, deals, criteria and traps, and attaching evidence to a number. Each edit goes
 * through the YAML document model, so comments stay with the entries they describe, and keeps the
 * scenario consistent (a removed actor takes its stances along; a new issue gets a stance for every
 * actor). Pure: text in, text out.
 */
import { isMap, isScalar, isSeq, parseDocument, type Document, type YAMLMap, type YAMLSeq } from "yaml";
import type { Language } from "../../src/scenario/label.js";
import type { YamlPath } from "./yamlEdit.js";

export type ListKey = "actors" | "issues" | "sources" | "deals" | "criteria" | "traps";

type Plain = Record<string, unknown>;

export interface NewIssue {
  readonly name: string;
  /** A numeric issue's scale with its labelled anchors, or a discrete issue's options. */
  readonly scale?: { min: number; max: number; anchors: readonly { value: number; label: string }[] };
  readonly options?: readonly string[];
}

export interface Citation {
  readonly source: string;
  readonly quote: string;
  readonly note?: string;
}

function parse(text: string): Document {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new Error("the YAML text has syntax errors; fix them in the source view first");
  return doc;
}

function render(doc: Document): string {
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/** Applies `change` to the document of `text` and writes it back. */
export function editText(text: string, change: (doc: Document) => void): string {
  const doc = parse(text);
  change(doc);
  return render(doc);
}

function seqAt(doc: Document, key: string): YAMLSeq {
  let seq = doc.get(key, true);
  if (!isSeq(seq)) {
    doc.set(key, doc.createNode([]));
    seq = doc.get(key, true);
  }
  return seq as YAMLSeq;
}

function mapAt(doc: Document, path: YamlPath): YAMLMap {
  let node = doc.getIn(path, true);
  if (!isMap(node)) {
    doc.setIn(path, doc.createNode({}));
    node = doc.getIn(path, true);
  }
  return node as YAMLMap;
}

function idsOf(doc: Document, key: string): string[] {
  const seq = doc.get(key, true);
  if (!isSeq(seq)) return [];
  return seq.items.flatMap((item) => {
    const id = isMap(item) ? item.get("id") : undefined;
    return typeof id === "string" ? [id] : [];
  });
}

/** An id from a name: ASCII letters, digits and dashes, starting with a letter, unique among `taken`. */
export function idFromName(name: string, taken: readonly string[], fallback = "item"): string {
  const ascii = name
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .toLowerCase()
    .slice(0, 24);
  const base = /^[a-z]/.test(ascii) ? ascii : ascii === "" ? fallback : `${fallback}-${ascii}`;
  if (!taken.includes(base)) return base;
  for (let n = 2; ; n++) if (!taken.includes(`${base}-${n}`)) return `${base}-${n}`;
}

/** An actor's id: an upper-case abbreviation of its name where that is free (USA, DPRK style). */
export function actorIdFromName(name: string, taken: readonly string[]): string {
  const words = name.normalize("NFKD").replace(/[^A-Za-z0-9 ]+/g, " ").trim().split(/\s+/).filter(Boolean);
  const initials = words.length > 1 ? words.map((w) => w[0]!).join("").toUpperCase() : (words[0] ?? "").slice(0, 6).toUpperCase();
  if (/^[A-Z]/.test(initials) && !taken.includes(initials)) return initials;
  return idFromName(name, taken, "actor");
}

function issueIds(doc: Document): string[] {
  return idsOf(doc, "issues");
}

/** Where a new stance starts on an issue: its status quo, else the middle of its scale or its first option. */
function defaultPosition(issue: unknown): number | string {
  if (!isMap(issue)) return 0;
  const reference = issue.get("reference");
  if (typeof reference === "number" || typeof reference === "string") return reference;
  const options = issue.get("options", true);
  if (isSeq(options)) {
    const first = options.items[0];
    const id = isMap(first) ? first.get("id") : undefined;
    if (typeof id === "string") return id;
  }
  const scale = issue.get("scale", true);
  if (isMap(scale)) {
    const min = Number(scale.get("min"));
    const max = Number(scale.get("max"));
    if (Number.isFinite(min) && Number.isFinite(max)) return Math.round((min + max) / 2);
  }
  return 0;
}

const DEFAULT_SALIENCE = 50;

export function addActor(text: string, actor: { name: string; capability: number; language?: Language }): { text: string; id: string } {
  let id = "";
  const next = editText(text, (doc) => {
    id = actorIdFromName(actor.name, idsOf(doc, "actors"));
    seqAt(doc, "actors").add(doc.createNode({ id, name: actor.name, capability: actor.capability }));
    const issues = doc.get("issues", true);
    const stances = mapAt(doc, ["stances"]);
    const own = doc.createNode({}) as YAMLMap;
    if (isSeq(issues)) {
      for (const issue of issues.items) {
        const issueId = isMap(issue) ? issue.get("id") : undefined;
        if (typeof issueId === "string") own.set(issueId, doc.createNode({ position: defaultPosition(issue), salience: DEFAULT_SALIENCE }));
      }
    }
    stances.set(id, own);
  });
  return { text: next, id };
}

export function issueNode(issue: NewIssue, id: string): Plain {
  if (issue.options && issue.options.length > 0) {
    const taken: string[] = [];
    const options = issue.options.map((label, k) => {
      const optionId = idFromName(label, taken, "option");
      taken.push(optionId);
      const place = issue.options!.length > 1 ? Math.round((100 * k) / (issue.options!.length - 1)) : 0;
      return { id: optionId, label, place };
    });
    return { id, name: issue.name, options, reference: options[0]!.id };
  }
  const scale = issue.scale ?? { min: 0, max: 100, anchors: [] };
  const anchors = Object.fromEntries([...scale.anchors].sort((a, b) => a.value - b.value).map((a) => [String(a.value), a.label]));
  return { id, name: issue.name, scale: { min: scale.min, max: scale.max, ...(scale.anchors.length > 0 ? { anchors } : {}) }, reference: scale.min };
}

export function addIssue(text: string, issue: NewIssue): { text: string; id: string } {
  let id = "";
  const next = editText(text, (doc) => {
    id = idFromName(issue.name, issueIds(doc), "issue");
    const node = doc.createNode(issueNode(issue, id));
    seqAt(doc, "issues").add(node);
    const position = defaultPosition(node);
    mapAt(doc, ["stances"]);
    for (const actor of idsOf(doc, "actors")) mapAt(doc, ["stances", actor]).set(id, doc.createNode({ position, salience: DEFAULT_SALIENCE }));
  });
  return { text: next, id };
}

/** Removes entry `index` of a list, and everything that refers to it by id. */
export function removeEntry(text: string, key: ListKey, index: number): string {
  return editText(text, (doc) => {
    const seq = seqAt(doc, key);
    const item = seq.items[index];
    const id = isMap(item) ? item.get("id") : undefined;
    seq.delete(index);
    if (typeof id !== "string") return;
    if (key === "actors") {
      drop(doc, ["stances", id]);
      drop(doc, ["preferences", id]);
    } else if (key === "issues") {
      for (const actor of mapKeys(doc, ["stances"])) drop(doc, ["stances", actor, id]);
      for (const actor of mapKeys(doc, ["preferences"])) {
        drop(doc, ["preferences", actor, "weights", id]);
        drop(doc, ["preferences", actor, "values", id]);
      }
      seqAt(doc, "actors").items.forEach((_, a) => drop(doc, ["actors", a, "capabilityByIssue", id]));
      const deals = doc.get("deals", true);
      if (isSeq(deals)) deals.items.forEach((_, d) => drop(doc, ["deals", d, "values", id]));
    }
  });
}

/** Deletes the value at `path` when it is there. */
function drop(doc: Document, path: YamlPath): void {
  if (doc.hasIn(path)) doc.deleteIn(path);
}

function mapKeys(doc: Document, path: YamlPath): string[] {
  const node = doc.getIn(path, true);
  if (!isMap(node)) return [];
  return node.items.flatMap((pair) => {
    const k = isScalar(pair.key) ? pair.key.value : pair.key;
    return typeof k === "string" ? [k] : [];
  });
}

/** Moves entry `index` of a list by `delta` places (−1: up or left). */
export function moveEntry(text: string, key: ListKey, index: number, delta: number): string {
  return editText(text, (doc) => {
    const seq = seqAt(doc, key);
    const to = index + delta;
    if (to < 0 || to >= seq.items.length || index < 0 || index >= seq.items.length) return;
    const [item] = seq.items.splice(index, 1);
    seq.items.splice(to, 0, item);
  });
}

/**
 * Sets a label in the chosen language: a bilingual label `{en, zh}` gets that language's text; a
 * plain label is replaced, unless it is in the other language's script, when it becomes bilingual.
 */
export function setLabel(text: string, path: YamlPath, value: string, language: Language): string {
  return editText(text, (doc) => {
    const node = doc.getIn(path, true);
    const trimmed = value.trim();
    if (isMap(node)) {
      if (trimmed === "") node.delete(language);
      else node.set(language, trimmed);
      return;
    }
    const old = isScalar(node) ? node.value : undefined;
    if (trimmed === "") {
      drop(doc, path);
      return;
    }
    if (typeof old === "string" && old !== "" && hasHan(old) !== (language === "zh")) {
      doc.setIn(path, doc.createNode(language === "zh" ? { en: old, zh: trimmed } : { en: trimmed, zh: old }));
    } else doc.setIn(path, trimmed);
  });
}

function hasHan(text: string): boolean {
  return /\p{Script=Han}/u.test(text);
}

/** Sets (or, with undefined, deletes) any value; the path's parents are created as needed. */
export function setIn(text: string, path: YamlPath, value: unknown): string {
  return editText(text, (doc) => {
    if (value === undefined) drop(doc, path);
    else doc.setIn(path, doc.createNode(value));
  });
}

/** Appends an entry to a list (sources, deals, criteria, traps), with an id made from its name when it has none. */
export function addEntry(text: string, key: ListKey, entry: Plain, fallbackId = "item"): { text: string; id: string } {
  let id = "";
  const next = editText(text, (doc) => {
    const given = entry["id"];
    id = typeof given === "string" && given !== "" ? given : idFromName(String(entry["name"] ?? entry["title"] ?? ""), idsOf(doc, key), fallbackId);
    seqAt(doc, key).add(doc.createNode({ ...entry, id }));
  });
  return { text: next, id };
}

/** Adds a citation to the number (or stance) at `path`; a bare number becomes `{value, evidence}`. */
export function addCitation(text: string, path: YamlPath, citation: Citation): string {
  return editText(text, (doc) => {
    const entry = { source: citation.source, quote: citation.quote, ...(citation.note ? { note: citation.note } : {}) };
    const node = doc.getIn(path, true);
    if (isMap(node)) {
      const evidence = node.get("evidence", true);
      if (isSeq(evidence)) evidence.add(doc.createNode(entry));
      else node.set("evidence", doc.createNode([entry]));
      return;
    }
    const value = isScalar(node) ? node.value : node;
    doc.setIn(path, doc.createNode({ value, evidence: [entry] }));
  });
}

/** Removes citation `index` of the number at `path`. */
export function removeCitation(text: string, path: YamlPath, index: number): string {
  return editText(text, (doc) => {
    drop(doc, [...path, "evidence", index]);
    const evidence = doc.getIn([...path, "evidence"], true);
    if (isSeq(evidence) && evidence.items.length === 0) doc.deleteIn([...path, "evidence"]);
  });
}

/** Widens the range of the number at `path` so that it holds `value`. */
export function widenRange(text: string, path: YamlPath, value: number): string {
  return editText(text, (doc) => {
    const range = doc.getIn([...path, "range"]);
    const plain = isSeq(range) ? (range.toJSON() as number[]) : Array.isArray(range) ? (range as number[]) : undefined;
    if (!plain || plain.length !== 2) return;
    const next = [Math.min(plain[0]!, value), Math.max(plain[1]!, value)];
    doc.setIn([...path, "range"], doc.createNode(next, { flow: true }));
    doc.setIn([...path, "value"], value);
  });
}

/** The YAML text of a new scenario from a guided start. */
export function newScenarioText(input: { id: string; title: string; description?: string; actors: readonly { name: string; capability: number }[]; issues: readonly NewIssue[] }): string {
  const doc = parseDocument("");
  doc.contents = doc.createNode({
    parley: 1,
    id: input.id,
    title: input.title,
    ...(input.description ? { description: input.description } : {}),
    sources: [],
    actors: [],
    issues: [],
    stances: {},
  }) as never;
  let text = render(doc);
  for (const issue of input.issues) text = addIssue(text, issue).text;
  for (const actor of input.actors) text = addActor(text, actor).text;
  return text;
}
