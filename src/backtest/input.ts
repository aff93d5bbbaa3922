/**
 * The general backtest input: a tidy long table with one row per actor per case, as CSV or JSON.
 *
 * | column | required | meaning |
 * |---|---|---|
 * | `case` | yes | case (issue) id |
 * | `actor` | yes | actor id, unique within a case |
 * | `position` | yes | the actor's position, 0–100 |
 * | `salience` | column yes, value may be blank | 0–100; blank: the actor is left out of the weighted models |
 * | `capability` | column yes, value may be blank | > 0; blank: likewise |
 * | `outcome` | yes (may be blank on some rows) | the recorded outcome, 0–100; the same on every row that gives it |
 * | `reference` | no | the reference point (status quo), 0–100; the same on every row that gives it |
 * | `proposer` | no | `true`/`1`/`yes` on the row of the actor who made the proposal (at most one per case) |
 * | `group` | no | the proposal (or other unit) the case belongs to, for cross-validation; the same on every row that gives it |
 *
 * JSON is an array of objects with the same keys (numbers as numbers, `null` or absent for blank,
 * `proposer` as a boolean). Every problem is reported at once with file, line, column, field and
 * what was expected. Cases without an outcome or with fewer than 3 actors are counted as skipped.
 */
import { tokenizeCsv } from "../importers/csv.js";
import { InvalidInputError, formatPath, type Diagnostic, type FieldPath } from "../scenario/diagnostics.js";
import { parseLocated } from "../scenario/document.js";
import { suggestion } from "../scenario/zod-diagnostics.js";
import { MIN_CASE_ACTORS, type BacktestActor, type BacktestCase, type BacktestInput, type SkipReason } from "./types.js";

export const BACKTEST_COLUMNS = ["case", "actor", "position", "salience", "capability", "outcome", "reference", "proposer", "group"] as const;
export type BacktestColumn = (typeof BACKTEST_COLUMNS)[number];
const REQUIRED_COLUMNS: readonly BacktestColumn[] = ["case", "actor", "position", "salience", "capability", "outcome"];

/** A value as read, with where it stands. `undefined` value: the field is absent. */
interface RawField {
  readonly value: string | number | boolean | null | undefined;
  readonly line: number;
  readonly column: number;
  /** Field path for messages: the column name (CSV) or `[row].key` (JSON). */
  readonly path: FieldPath;
}

/** One input row: a field per column (absent ones located at the row's start). */
interface RawRow {
  readonly line: number;
  readonly field: (column: BacktestColumn) => RawField;
}

// ---------------------------------------------------------------------------------------------
// CSV

export { tokenizeCsv, type CsvCell } from "../importers/csv.js";

/** Reads the general CSV format into cases. Throws InvalidInputError with every problem found. */
export function parseBacktestCsv(text: string, file: string): BacktestInput {
  const { records, unclosed } = tokenizeCsv(text);
  if (unclosed) throw new InvalidInputError([{ file, ...unclosed, path: "", message: "quoted cell is never closed; expected a closing double quote" }]);
  const header = records[0];
  if (header === undefined) throw new InvalidInputError([{ file, line: 1, column: 1, path: "", message: `the file is empty; expected a header naming ${REQUIRED_COLUMNS.join(", ")}` }]);
  const diagnostics: Diagnostic[] = [];
  const index = new Map<BacktestColumn, number>();
  header.forEach((cell, c) => {
    const name = cell.text.trim().toLowerCase();
    if ((BACKTEST_COLUMNS as readonly string[]).includes(name)) {
      if (index.has(name as BacktestColumn)) diagnostics.push({ file, line: cell.line, column: cell.column, path: name, message: `column "${name}" appears more than once` });
      else index.set(name as BacktestColumn, c);
    } else {
      diagnostics.push({ file, line: cell.line, column: cell.column, path: cell.text, message: `unknown column "${cell.text}"${suggestion(name, BACKTEST_COLUMNS)}; expected one of: ${BACKTEST_COLUMNS.join(", ")}` });
    }
  });
  const missing = REQUIRED_COLUMNS.filter((c) => !index.has(c));
  if (missing.length > 0) diagnostics.push({ file, line: header[0]!.line, column: 1, path: "", message: `missing column(s) ${missing.join(", ")}; the header must name ${REQUIRED_COLUMNS.join(", ")} (reference and proposer are optional)` });
  if (diagnostics.length > 0) throw new InvalidInputError(diagnostics);

  const rows: RawRow[] = [];
  for (const record of records.slice(1)) {
    const first = record[0]!;
    if (record.length !== header.length) {
      diagnostics.push({ file, line: first.line, column: 1, path: "", message: `expected ${header.length} fields like the header, got ${record.length}` });
      continue;
    }
    rows.push({
      line: first.line,
      field: (column) => {
        const c = index.get(column);
        const cell = c === undefined ? undefined : record[c];
        if (cell === undefined) return { value: undefined, line: first.line, column: 1, path: [column] };
        return { value: cell.text.trim(), line: cell.line, column: cell.column, path: [column] };
      },
    });
  }
  return buildCases(rows, file, diagnostics);
}

// ---------------------------------------------------------------------------------------------
// JSON

/** Reads the general JSON format (an array of row objects) into cases. Throws InvalidInputError with every problem found. */
export function parseBacktestJson(text: string, file: string): BacktestInput {
  const doc = parseLocated(text, file);
  if (doc.syntaxErrors.length > 0) throw new InvalidInputError(doc.syntaxErrors);
  if (!Array.isArray(doc.value)) throw new InvalidInputError([doc.diagnostic([], "expected an array of rows, each an object with case, actor, position, salience, capability, outcome")]);
  const diagnostics: Diagnostic[] = [];
  const rows: RawRow[] = [];
  doc.value.forEach((item: unknown, r) => {
    const at = doc.locate([r]);
    if (typeof item !== "object" || item === null || Array.isArray(item)) {
      diagnostics.push(doc.diagnostic([r], `expected an object with the keys ${REQUIRED_COLUMNS.join(", ")}, got ${describe(item)}`));
      return;
    }
    const record = item as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (!(BACKTEST_COLUMNS as readonly string[]).includes(key)) {
        diagnostics.push(doc.diagnostic([r, key], `unknown key "${key}"${suggestion(key, BACKTEST_COLUMNS)}; expected one of: ${BACKTEST_COLUMNS.join(", ")}`, true));
      }
    }
    rows.push({
      line: at.line,
      field: (column) => {
        const path: FieldPath = [r, column];
        if (!(column in record)) return { value: undefined, ...at, path };
        const value = record[column];
        const where = doc.locate(path);
        if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean") return { value, ...where, path };
        return { value: Number.NaN, ...where, path };
      },
    });
  });
  return buildCases(rows, file, diagnostics, true);
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return `"${value}"`;
  return typeof value === "object" ? "an object" : String(value);
}

// ---------------------------------------------------------------------------------------------
// Shared validation

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** One validated row. */
interface Row {
  readonly raw: RawRow;
  readonly line: number;
  readonly caseId: string;
  readonly actor: BacktestActor;
  readonly outcome?: number;
  readonly reference?: number;
  readonly proposer: boolean;
  readonly group?: string;
}

/** Reads the typed fields of every row, then groups rows into cases (in order of first appearance). */
function buildCases(rows: readonly RawRow[], file: string, diagnostics: Diagnostic[], json = false): BacktestInput {
  const fail = (field: RawField, message: string): void => {
    diagnostics.push({ file, line: field.line, column: field.column, path: formatPath(field.path), message });
  };
  const got = (field: RawField): string => (field.value === "" || field.value === null || field.value === undefined ? "nothing" : typeof field.value === "string" ? `"${field.value}"` : String(field.value));
  const blank = (field: RawField): boolean => field.value === undefined || field.value === null || field.value === "";

  /** A number meeting `accept`, undefined when blank and allowed; records an error otherwise. */
  const number = (field: RawField, expected: string, accept: (v: number) => boolean, optional: boolean): number | undefined => {
    if (blank(field)) {
      if (!optional) fail(field, `expected ${expected}, got nothing`);
      return undefined;
    }
    const value = typeof field.value === "number" ? field.value : typeof field.value === "string" && !json && DECIMAL.test(field.value) ? Number(field.value) : Number.NaN;
    if (Number.isFinite(value) && accept(value)) return value;
    fail(field, `expected ${expected}${optional ? (json ? " or null" : " or an empty cell") : ""}, got ${got(field)}`);
    return undefined;
  };
  const text = (field: RawField, expected: string): string | undefined => {
    if (typeof field.value === "string" && field.value.trim() !== "") return field.value.trim();
    if (json && typeof field.value === "number") return String(field.value);
    fail(field, `expected ${expected}, got ${got(field)}`);
    return undefined;
  };
  const flag = (field: RawField): boolean => {
    if (blank(field)) return false;
    if (typeof field.value === "boolean") return field.value;
    if (typeof field.value === "string" && !json) {
      const word = field.value.toLowerCase();
      if (["true", "1", "yes"].includes(word)) return true;
      if (["false", "0", "no"].includes(word)) return false;
    }
    fail(field, `expected ${json ? "true, false or null" : "true, false, 1, 0, yes, no or an empty cell"}, got ${got(field)}`);
    return false;
  };
  const score = (v: number): boolean => v >= 0 && v <= 100;

  const valid: Row[] = [];
  for (const row of rows) {
    const errorsBefore = diagnostics.length;
    const caseId = text(row.field("case"), "a case id");
    const actorId = text(row.field("actor"), "an actor id");
    const position = number(row.field("position"), "a number from 0 to 100", score, false);
    const salience = number(row.field("salience"), "a number from 0 to 100", score, true);
    const capability = number(row.field("capability"), "a number > 0", (v) => v > 0, true);
    const outcome = number(row.field("outcome"), "a number from 0 to 100", score, true);
    const reference = number(row.field("reference"), "a number from 0 to 100", score, true);
    const proposer = flag(row.field("proposer"));
    const groupField = row.field("group");
    const group = blank(groupField) ? undefined : text(groupField, "a group id or an empty cell");
    if (diagnostics.length > errorsBefore) continue;
    valid.push({
      raw: row,
      line: row.line,
      caseId: caseId!,
      actor: { id: actorId!, position: position!, ...(salience !== undefined ? { salience } : {}), ...(capability !== undefined ? { capability } : {}) },
      ...(outcome !== undefined ? { outcome } : {}),
      ...(reference !== undefined ? { reference } : {}),
      ...(group !== undefined ? { group } : {}),
      proposer,
    });
  }

  const groups = new Map<string, Row[]>();
  for (const row of valid) groups.set(row.caseId, [...(groups.get(row.caseId) ?? []), row]);
  const at = (row: Row, column: BacktestColumn, message: string): void => {
    const raw = row.raw.field(column);
    diagnostics.push({ file, line: raw.line, column: raw.column, path: formatPath(raw.path), message });
  };

  const cases: BacktestCase[] = [];
  const skipped: Partial<Record<SkipReason, number>> = {};
  for (const [caseId, group] of groups) {
    const actorLines = new Map<string, number>();
    let proposer: Row | undefined;
    for (const row of group) {
      const earlier = actorLines.get(row.actor.id);
      if (earlier !== undefined) at(row, "actor", `actor "${row.actor.id}" already has a row in case "${caseId}" (line ${earlier}); expected one row per actor per case`);
      else actorLines.set(row.actor.id, row.line);
      if (row.proposer && proposer) at(row, "proposer", `case "${caseId}" already names "${proposer.actor.id}" as proposer (line ${proposer.line}); expected at most one`);
      else if (row.proposer) proposer = row;
    }
    const outcome = agreed(group, "outcome", caseId, at);
    const reference = agreed(group, "reference", caseId, at);
    const proposal = agreed(group, "group", caseId, at);
    const reason: SkipReason | undefined = outcome === undefined ? "no-outcome" : group.length < MIN_CASE_ACTORS ? "too-few-actors" : undefined;
    if (reason !== undefined) {
      skipped[reason] = (skipped[reason] ?? 0) + 1;
      continue;
    }
    cases.push({
      id: caseId,
      actors: group.map((r) => r.actor),
      outcome: outcome!,
      ...(reference !== undefined ? { reference } : {}),
      ...(proposer ? { proposer: proposer.actor.id } : {}),
      ...(proposal !== undefined ? { group: proposal } : {}),
    });
  }
  if (diagnostics.length > 0) throw new InvalidInputError(diagnostics);
  return { cases, skipped };
}

/** The case-level value the rows give (they must agree where they give one). */
function agreed<K extends "outcome" | "reference" | "group">(group: readonly Row[], key: K, caseId: string, at: (row: Row, column: BacktestColumn, message: string) => void): Row[K] {
  let first: Row | undefined;
  for (const row of group) {
    const value = row[key];
    if (value === undefined) continue;
    if (first === undefined) first = row;
    else if (first[key] !== value) at(row, key, `${key} ${value} differs from ${first[key]} given for case "${caseId}" on line ${first.line}; expected the same value on every row of a case (or blank)`);
  }
  return first?.[key];
}
