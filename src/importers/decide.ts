/**
 * Importer for the input files of the Decide exchange model: delimited rows (tab, semicolon or comma; fields
 * optionally in quotes) whose first field says what the row is:
 *
 *   #A actor id, name, comment       #P issue id, name, description     #M issue id, position, label
 *   #D actor id, issue id, position, salience, power, comment          #/ or #O comment
 *
 * An issue's scale runs from its smallest to its largest `#M` position (0–100 without `#M` rows). Salience is
 * 0–1 (a file whose saliences exceed 1 is read as 0–100). Zero salience or power, which the reference cannot
 * run, is refused. Pure: text in, a parsed file out; `to-scenario.ts` turns it into a scenario.
 */
import type { ScenarioInput } from "../scenario/schema.js";
import { ImportError } from "./errors.js";
import { idFromName } from "./to-scenario.js";

export interface DecideActor {
  readonly key: string;
  readonly name: string;
  readonly comment: string;
  readonly line: number;
}

export interface DecideIssue {
  readonly key: string;
  readonly name: string;
  readonly description: string;
  /** `#M` points: position and label. */
  readonly marks: { readonly position: number; readonly label: string }[];
  readonly line: number;
}

export interface DecideDatum {
  readonly actor: string;
  readonly issue: string;
  readonly position: number;
  /** As written in the file (0–1, or 0–100 when the file says so). */
  readonly salience: number;
  /** The salience text, so it converts to 0–100 without binary rounding. */
  readonly salienceText: string;
  readonly power: number;
  readonly comment: string;
  readonly line: number;
  /** Where the position is written (1-based), for the scale check made once every #M row is read. */
  readonly positionColumn: number;
}

export interface DecideFile {
  readonly actors: DecideActor[];
  readonly issues: DecideIssue[];
  readonly data: DecideDatum[];
}

const ROW_TYPE = /^\s*['"]?#[APMD/O]['"]?\s*(?:[\t;,]|$)/;
const DECIMAL_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** True when the text is a Decide input file: its first non-blank rows start with `#A`, `#P`, `#M`, `#D` or `#/`. */
export function detectDecide(text: string): boolean {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/).filter((line) => line.trim() !== "").slice(0, 5);
  return lines.length > 0 && lines.every((line) => ROW_TYPE.test(line)) && lines.some((line) => /#[AD]/.test(line.slice(0, 4)));
}

/** A row's field: its text without blanks and quotes, and the 1-based column where that text starts. */
interface Field {
  readonly text: string;
  readonly column: number;
}

/** Splits a row on the file's delimiter and strips the blanks and quotes around fields. */
function splitRow(line: string, delimiter: string): Field[] {
  const fields: Field[] = [];
  let start = 0;
  for (const field of line.split(delimiter)) {
    const leading = field.length - field.trimStart().length;
    const trimmed = field.trim();
    const quoted = /^'(.*)'$/s.exec(trimmed) ?? /^"(.*)"$/s.exec(trimmed);
    const inner = quoted ? quoted[1]! : trimmed;
    const text = inner.trim();
    const offset = leading + (quoted ? 1 : 0) + (inner.length - inner.trimStart().length);
    fields.push({ text, column: start + offset + 1 });
    start += field.length + delimiter.length;
  }
  return fields;
}

function sniffDelimiter(text: string): string {
  const head = text.slice(0, 1024);
  if (head.includes("\t")) return "\t";
  if (head.includes(";")) return ";";
  return ",";
}

/** Parses a Decide file; throws {@link ImportError} at the first problem, with its line and field. */
export function parseDecide(text: string, file: string): DecideFile {
  const delimiter = sniffDelimiter(text);
  const actors: DecideActor[] = [];
  const issues: DecideIssue[] = [];
  const data: DecideDatum[] = [];
  const actorByKey = new Map<string, DecideActor>();
  const issueByKey = new Map<string, DecideIssue>();
  const seen = new Set<string>();
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === "") return;
    const row = splitRow(raw, delimiter);
    const fields = row.map((field) => field.text);
    /** The column of field k (0-based), or of the row's end when the row has fewer fields. */
    const at = (k: number): number => row[k]?.column ?? raw.length + 1;
    const type = fields[0]!;
    const need = (count: number, what: string): void => {
      if (fields.length - 1 < count) throw new ImportError(`a ${type} row needs ${what}; found ${fields.length - 1} field(s).`, file, line, undefined, at(fields.length));
    };
    const number = (k: number, what: string): number => {
      const text = fields[k]!;
      if (!DECIMAL_NUMBER.test(text)) throw new ImportError(`${what}: expected a number, got ${JSON.stringify(text)}.`, file, line, what, at(k));
      return Number(text);
    };
    // Extra trailing fields belong to the last (free-text) field, as in the reference reader.
    const rest = (from: number): string => fields.slice(from).join(" ").trim();
    switch (type) {
      case "#/":
      case "#O":
        return;
      case "#A": {
        need(1, "an actor id");
        const key = fields[1]!;
        if (key === "") throw new ImportError("the actor id (field 2) is empty.", file, line, "id", at(1));
        if (actorByKey.has(key)) throw new ImportError(`actor "${key}" is defined twice (first on line ${actorByKey.get(key)!.line}).`, file, line, "id", at(1));
        const actor = { key, name: fields[2] || key, comment: rest(3), line };
        actorByKey.set(key, actor);
        actors.push(actor);
        return;
      }
      case "#P": {
        need(1, "an issue id");
        const key = fields[1]!;
        if (key === "") throw new ImportError("the issue id (field 2) is empty.", file, line, "id", at(1));
        if (issueByKey.has(key)) throw new ImportError(`issue "${key}" is defined twice (first on line ${issueByKey.get(key)!.line}).`, file, line, "id", at(1));
        const issue: DecideIssue = { key, name: fields[2] || key, description: rest(3), marks: [], line };
        issueByKey.set(key, issue);
        issues.push(issue);
        return;
      }
      case "#M": {
        need(2, "an issue id and a position");
        const issue = issueByKey.get(fields[1]!);
        if (!issue) throw new ImportError(`#M names issue "${fields[1]}", which no #P row above defines.`, file, line, "issue", at(1));
        issue.marks.push({ position: number(2, "position (field 3)"), label: rest(3) });
        return;
      }
      case "#D": {
        need(5, "actor id, issue id, position, salience and power");
        const [actorKey, issueKey, , salienceText, powerText] = fields.slice(1, 6) as [string, string, string, string, string];
        if (!actorByKey.has(actorKey)) throw new ImportError(`#D names actor "${actorKey}", which no #A row defines.`, file, line, "actor", at(1));
        if (!issueByKey.has(issueKey)) throw new ImportError(`#D names issue "${issueKey}", which no #P row defines.`, file, line, "issue", at(2));
        const pair = `${actorKey}\u0000${issueKey}`;
        if (seen.has(pair)) throw new ImportError(`actor "${actorKey}" has a second #D row for issue "${issueKey}".`, file, line, undefined, at(1));
        seen.add(pair);
        const salience = number(4, "salience (field 5)");
        const power = number(5, "power (field 6)");
        if (salience <= 0 || salience > 100) {
          throw new ImportError(`salience (field 5) must be above 0 and at most 1 (or 100), got ${salienceText}: an actor with no salience cannot exchange; leave the row out instead.`, file, line, "salience", at(4));
        }
        if (power <= 0 || power > 100) {
          throw new ImportError(`power (field 6) must be above 0 and at most 100, got ${powerText}: an actor without power cannot exchange; leave the row out instead.`, file, line, "power", at(5));
        }
        data.push({
          actor: actorKey,
          issue: issueKey,
          position: number(3, "position (field 4)"),
          salience,
          salienceText,
          power,
          comment: rest(6),
          line,
          positionColumn: at(3),
        });
        return;
      }
      default:
        throw new ImportError(`unknown row type ${JSON.stringify(type)}; expected #A, #P, #M, #D or #/ in the first field.`, file, line, "type", at(0));
    }
  });
  // Said at the end of the file, where the missing rows would have to come.
  const end = lines.length;
  if (actors.length < 2) throw new ImportError(`expected at least two actors (#A rows), found ${actors.length}.`, file, end, "#A", 1);
  if (issues.length < 1) throw new ImportError("expected at least one issue (#P row), found none.", file, end, "#P", 1);
  for (const datum of data) {
    const issue = issueByKey.get(datum.issue)!;
    const { min, max } = bounds(issue);
    if (datum.position < min || datum.position > max) {
      throw new ImportError(`position ${datum.position} is outside issue "${issue.key}"'s scale ${min}–${max} (its #M rows).`, file, datum.line, "position", datum.positionColumn);
    }
  }
  return { actors, issues, data };
}

/** An issue's scale: smallest to largest `#M` position; 0–100 without `#M` rows. */
export function bounds(issue: DecideIssue): { min: number; max: number } {
  if (issue.marks.length === 0) return { min: 0, max: 100 };
  const positions = issue.marks.map((m) => m.position);
  return { min: Math.min(...positions), max: Math.max(...positions) };
}

/** A decimal text times 100, rounded once (so 0.95 becomes exactly 95). */
function percent(text: string): number {
  const [, mantissa, exponent] = /^([^eE]+)(?:[eE]([+-]?\d+))?$/.exec(text)!;
  return Number(`${mantissa}e${Number(exponent ?? 0) + 2}`);
}

/**
 * A Decide file as a scenario: actors and issues in file order, ids derived from the names (the names kept
 * as labels), each issue's scale from its `#M` rows with their labels as anchors, power as capability.
 */
export function scenarioFromDecide(decide: DecideFile, file: string): ScenarioInput {
  const name = file.split(/[\\/]/).pop()!.replace(/\.[^.]*$/, "");
  const fractions = decide.data.every((d) => d.salience <= 1);
  const actorIds = new Set<string>();
  const issueIds = new Set<string>();
  const actorId = new Map(decide.actors.map((a, i) => [a.key, idFromName(a.name, actorIds, `actor-${i + 1}`)]));
  const issueId = new Map(decide.issues.map((p, k) => [p.key, idFromName(p.name, issueIds, `issue-${k + 1}`)]));
  const stances: Record<string, Record<string, { position: number; salience: number }>> = {};
  const powers = new Map<string, { issue: string; power: number }[]>();
  for (const d of decide.data) {
    const a = actorId.get(d.actor)!;
    (stances[a] ??= {})[issueId.get(d.issue)!] = { position: d.position, salience: fractions ? percent(d.salienceText) : d.salience };
    const list = powers.get(a) ?? [];
    list.push({ issue: issueId.get(d.issue)!, power: d.power });
    powers.set(a, list);
  }
  return {
    parley: 1,
    id: idFromName(name, new Set(), "decide-case"),
    title: name,
    sources: [{ id: "decide", title: `Decide exchange model input ${file.split(/[\\/]/).pop()}` }],
    actors: decide.actors.map((actor) => {
      const id = actorId.get(actor.key)!;
      const list = powers.get(id) ?? [];
      const capability = list[0]?.power ?? 1;
      const byIssue = list.filter((p) => p.power !== capability);
      return {
        id,
        name: actor.name,
        ...(actor.comment ? { description: actor.comment } : {}),
        capability,
        ...(byIssue.length > 0 ? { capabilityByIssue: Object.fromEntries(byIssue.map((p) => [p.issue, p.power])) } : {}),
      };
    }),
    issues: decide.issues.map((issue) => {
      const { min, max } = bounds(issue);
      const labelled = issue.marks.filter((m) => m.label !== "");
      return {
        id: issueId.get(issue.key)!,
        name: issue.name,
        ...(issue.description && issue.description !== issue.name ? { description: issue.description } : {}),
        scale: {
          min,
          max,
          ...(labelled.length > 0 ? { anchors: Object.fromEntries(labelled.map((m) => [String(m.position), m.label])) } : {}),
        },
      };
    }),
    stances,
  };
}
