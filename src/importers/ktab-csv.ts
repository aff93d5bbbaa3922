/** The reader of KTAB's SMP CSV (`SMPModel::csvRead`); see `ktab.ts`. Pure. */
import { csvSyntaxProblem, tokenizeCsv, type CsvCell } from "./csv.js";
import { ImportError } from "./errors.js";
import { MAX_DESCRIPTION_LENGTH, MAX_NAME_LENGTH, checkLength, parseNumber, stripBom, type KtabActor, type KtabScenario } from "./ktab-common.js";

/** One CSV record: its located cells and the 1-based line it starts on. */
interface CsvRow {
  readonly cells: readonly CsvCell[];
  readonly line: number;
}

/** The located cell at `column` (0-based) of a row; a missing cell sits just after the row's last one. */
function cellAt(row: CsvRow, column: number): CsvCell {
  const cell = row.cells[column];
  if (cell) return cell;
  const last = row.cells.at(-1);
  return { text: "", line: last?.line ?? row.line, column: last ? last.column + last.text.length : 1 };
}

/** A rejection at a cell: file, line and column of the cell, and the field it holds. */
function cellError(message: string, fileName: string, cell: CsvCell, field: string): ImportError {
  return new ImportError(message, fileName, cell.line, field, cell.column);
}

/**
 * Parses a KTAB SMP CSV: row 1 `name, description, numActors, numDims`; row 2 a header whose position
 * columns name the dimensions; then one row per actor `name, desc, capability, pos_1, sal_1, …, pos_m, sal_m`.
 * Trailing commas are allowed. Throws ImportError with file, line, column and field on bad input; a cell's
 * field is named by the header row's name for its column where it has one.
 */
export function parseKtabCsv(text: string, fileName: string): KtabScenario {
  const rows = readCsvRows(text, fileName);
  const head = rows[0];
  const header = rows[1];
  if (head === undefined || header === undefined) {
    throw new ImportError("expected a title row and a header row before the actors", fileName, rows[0]?.line ?? 1, undefined, rows[0] ? cellAt(rows[0], 0).column : 1);
  }
  const actorCount = csvCount(head, 2, "numActors", fileName);
  const dimCount = csvCount(head, 3, "numDims", fileName);
  if (dimCount < 1) throw cellError("numDims must be at least 1", fileName, cellAt(head, 3), "numDims");
  const width = 3 + 2 * dimCount;
  const dimensions = Array.from({ length: dimCount }, (_, k) => {
    const label = header.cells[3 + 2 * k]?.text ?? "";
    return label === "" ? `Dimension ${k + 1}` : label;
  });
  const actorRows = rows.slice(2);
  if (actorRows.length !== actorCount) {
    throw cellError(`the title row announces ${actorCount} actors but ${actorRows.length} actor rows follow`, fileName, cellAt(head, 2), "numActors");
  }
  const actors = actorRows.map((row) => csvActor(row, header, dimCount, width, fileName));
  return {
    name: checkLength(head.cells[0]?.text ?? "", MAX_DESCRIPTION_LENGTH, "scenario name", fileName, head.line, cellAt(head, 0).column),
    description: head.cells[1]?.text ?? "",
    dimensions,
    actors,
    parameters: {},
  };
}

/** Splits the text into records that are not all blank, with their located cells. */
function readCsvRows(text: string, fileName: string): CsvRow[] {
  const csv = tokenizeCsv(stripBom(text), { trim: true });
  const problem = csvSyntaxProblem(csv);
  if (problem) throw new ImportError(`not valid CSV: ${problem.message}`, fileName, problem.line, undefined, problem.column);
  return csv.records.filter((cells) => cells.some((cell) => cell.text !== "")).map((cells) => ({ cells, line: cells[0]!.line }));
}

/** A whole number ≥ 0 in the title row. */
function csvCount(row: CsvRow, column: number, field: string, fileName: string): number {
  const cell = cellAt(row, column);
  if (!/^\d+$/.test(cell.text)) {
    throw cellError(`expected ${field} (a whole number) in column ${column + 1}, found "${cell.text}"`, fileName, cell, field);
  }
  return Number(cell.text);
}

/** The header row's name of a column, if it has one. */
function headerName(header: CsvRow, column: number): string | undefined {
  const named = header.cells[column]?.text ?? "";
  return named === "" ? undefined : named;
}

/** The name of a column for messages: the header row's, with KTAB's meaning when they differ. */
function columnName(header: CsvRow, column: number, meaning: string): string {
  const named = header.cells[column]?.text ?? "";
  return named === "" || named.toLowerCase() === meaning.toLowerCase() ? meaning : `${meaning} (column "${named}")`;
}

/** One actor row: name, description, capability, then position and salience per dimension. */
function csvActor(row: CsvRow, header: CsvRow, dims: number, width: number, fileName: string): KtabActor {
  const used = usedColumns(row.cells);
  if (used !== width) {
    const at = used > width ? cellAt(row, width) : cellAt(row, used);
    throw cellError(
      `expected ${width} columns (name, description, capability, then position and salience for each of ${dims} dimensions), found ${used}`,
      fileName,
      at,
      (used > width ? headerName(header, width) : headerName(header, used)) ?? `column ${Math.min(used, width) + 1}`,
    );
  }
  const nameCell = cellAt(row, 0);
  const name = checkLength(nameCell.text, MAX_NAME_LENGTH, "actor name", fileName, row.line, nameCell.column);
  if (name === "") throw cellError("expected an actor name in column 1", fileName, nameCell, "name");
  const number = (column: number, meaning: string, min: number, max: number): number => {
    const cell = cellAt(row, column);
    return parseNumber(cell.text, columnName(header, column, meaning), min, max, fileName, cell.line, headerName(header, column) ?? meaning, cell.column);
  };
  return {
    name,
    description: checkLength(cellAt(row, 1).text, MAX_DESCRIPTION_LENGTH, "actor description", fileName, row.line, cellAt(row, 1).column),
    capability: number(2, "capability", 0, Infinity),
    position: Array.from({ length: dims }, (_, k) => number(3 + 2 * k, `position ${k + 1}`, 0, 100)),
    salience: Array.from({ length: dims }, (_, k) => number(4 + 2 * k, `salience ${k + 1}`, 0, 100)),
  };
}

/** Number of columns up to the last non-empty one (a trailing comma adds no column). */
function usedColumns(cells: readonly CsvCell[]): number {
  let used = cells.length;
  while (used > 0 && cells[used - 1]!.text === "") used--;
  return used;
}
