/**
 * Importer for the actor CSV of the Scholz EUM reference code: a header naming the columns `Actor`,
 * `Capability`, `Position` and `Salience` (any order, case-insensitive, extra columns ignored), then one
 * actor per row. Salience is 0–1; positions are in the case's own units. Pure: text in, actors out.
 */

import { csvSyntaxProblem, tokenizeCsv, type CsvCell } from "./csv.js";
import { ImportError } from "./errors.js";

export interface EumCsvActor {
  readonly name: string;
  readonly capability: number;
  readonly position: number;
  readonly salience: number;
}

export interface EumCsv {
  readonly actors: EumCsvActor[];
}

const REQUIRED_COLUMNS = ["Actor", "Capability", "Position", "Salience"] as const;
type ColumnName = (typeof REQUIRED_COLUMNS)[number];

/** A parsed CSV row with the line it starts on and its located cells. */
interface NumberedRow {
  readonly line: number;
  readonly fields: readonly CsvCell[];
}

/** A decimal number such as `4`, `-0.5`, `14.20` or `1e-3` (no hex, no blanks, no `Infinity`). */
const DECIMAL_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** True when the text's first line names all four columns of the reference CSV. */
export function detectEumCsv(text: string): boolean {
  const firstLine = text.replace(/^\uFEFF/, "").split(/\r?\n/).find((line) => line.trim() !== "");
  if (firstLine === undefined) return false;
  const names = firstLine.split(",").map((cell) => normaliseHeader(cell.replace(/"/g, "")));
  return REQUIRED_COLUMNS.every((column) => names.includes(normaliseHeader(column)));
}

/**
 * Parse the reference code's actor CSV. Throws {@link ImportError} on the first problem found, with the
 * file, line and column (which `ImportError` puts in front of the message), the column's name, and what was
 * expected, e.g. "ExampleActors.csv:4:12: Salience: expected a number between 0 and 1, got 1.7".
 */
export function parseEumCsv(text: string, fileName: string): EumCsv {
  const rows = readRows(text, fileName);
  const header = rows[0];
  if (header === undefined) throw new ImportError(`the file is empty; expected a header ${REQUIRED_COLUMNS.join(",")}.`, fileName, 1, undefined, 1);
  const columns = locateColumns(header, fileName);
  const dataRows = rows.slice(1);
  if (dataRows.length === 0) throw new ImportError("no actors after the header line.", fileName, header.line, undefined, 1);
  const actors = dataRows.map((row) => readActor(row, columns, header.fields.length, fileName));
  return { actors };
}

function readRows(text: string, fileName: string): NumberedRow[] {
  const csv = tokenizeCsv(text, { trim: true });
  const problem = csvSyntaxProblem(csv);
  if (problem) throw new ImportError(`not valid CSV: ${problem.message}.`, fileName, problem.line, undefined, problem.column);
  return csv.records.map((cells) => ({ line: cells[0]!.line, fields: cells }));
}

/** A rejection at a cell: its line and column, and the column's name. */
function cellError(message: string, fileName: string, cell: CsvCell, column: string): ImportError {
  return new ImportError(message, fileName, cell.line, column, cell.column);
}

function normaliseHeader(name: string): string {
  return name.trim().toLowerCase();
}

/** Index of each required column in the header. */
function locateColumns(header: NumberedRow, fileName: string): Record<ColumnName, number> {
  const names = header.fields.map((cell) => normaliseHeader(cell.text));
  const found: Partial<Record<ColumnName, number>> = {};
  for (const column of REQUIRED_COLUMNS) {
    const indices = names.flatMap((name, index) => (name === normaliseHeader(column) ? [index] : []));
    if (indices.length === 0) {
      throw new ImportError(
        `missing column "${column}"; the header must name ${REQUIRED_COLUMNS.join(", ")} (found: ${header.fields.map((cell) => cell.text).join(", ")}).`,
        fileName,
        header.line,
        column,
        header.fields[0]?.column ?? 1,
      );
    }
    if (indices.length > 1) {
      throw cellError(`column "${column}" appears more than once.`, fileName, header.fields[indices[1]!]!, column);
    }
    found[column] = indices[0];
  }
  return found as Record<ColumnName, number>;
}

function readActor(row: NumberedRow, columns: Record<ColumnName, number>, headerWidth: number, fileName: string): EumCsvActor {
  if (row.fields.length !== headerWidth) {
    // Where the row goes wrong: its first cell past the header's, or just after its last one.
    const last = row.fields.at(-1)!;
    const extra = row.fields[headerWidth];
    throw new ImportError(
      `expected ${headerWidth} fields like the header, got ${row.fields.length}.`,
      fileName,
      extra?.line ?? last.line,
      undefined,
      extra?.column ?? last.column + last.text.length,
    );
  }
  const located = (column: ColumnName): CsvCell => row.fields[columns[column]]!;
  const cell = (column: ColumnName): string => located(column).text;
  const fail = (column: ColumnName, expected: string): never => {
    const got = cell(column) === "" ? "an empty cell" : cell(column);
    throw cellError(`${column}: expected ${expected}, got ${got}`, fileName, located(column), column);
  };
  const number = (column: ColumnName, expected: string, accept: (value: number) => boolean): number => {
    const text = cell(column);
    const value = DECIMAL_NUMBER.test(text) ? Number(text) : Number.NaN;
    return Number.isFinite(value) && accept(value) ? value : fail(column, expected);
  };
  const name = cell("Actor");
  if (name === "") fail("Actor", "an actor name");
  return {
    name,
    capability: number("Capability", "a number ≥ 0", (value) => value >= 0),
    position: number("Position", "a number", () => true),
    salience: number("Salience", "a number between 0 and 1", (value) => value >= 0 && value <= 1),
  };
}
