/**
 * The CSV reader of Parley's importers: RFC 4180 records of cells, each with the 1-based line and column
 * where it starts, so that every rejection can say where it is (csv-parse does not report where each
 * field starts). Pure.
 */

/** A CSV cell with its 1-based line and column. */
export interface CsvCell {
  readonly text: string;
  readonly line: number;
  readonly column: number;
}

export interface CsvOptions {
  /**
   * Ignore blanks (spaces, tabs) around each cell, as KTAB's and the EUM code's files are written
   * (`XJ,Xi Jinping,   100.0,30`): a cell's column is that of its first character after the blanks, a
   * quote after blanks opens a quoted cell, and after a closing quote only blanks may come before the
   * next comma (anything else is refused, in `stray`). Without it blanks are part of the cell and text
   * after a closing quote is kept, as spreadsheets do.
   */
  readonly trim?: boolean;
}

export interface CsvText {
  readonly records: CsvCell[][];
  /** Where a quoted cell opened that is never closed (reading stopped there). */
  readonly unclosed?: { readonly line: number; readonly column: number };
  /** With `trim`: where text follows a closing quote (reading stopped there). */
  readonly stray?: { readonly line: number; readonly column: number };
}

const isBlank = (c: string | undefined): boolean => c === " " || c === "\t";

/**
 * Splits CSV text (RFC 4180: commas, double quotes with `""` escapes, LF or CRLF line ends, an
 * optional BOM) into records of located cells; blank lines are skipped. An unclosed quote is
 * reported by returning its position in `unclosed`.
 */
export function tokenizeCsv(text: string, options: CsvOptions = {}): CsvText {
  const trim = options.trim === true;
  const source = text.replace(/^\uFEFF/, "");
  const records: CsvCell[][] = [];
  let record: CsvCell[] = [];
  let line = 1;
  let column = 1;
  let i = 0;
  const endRecord = (): void => {
    if (!(record.length === 1 && record[0]!.text.trim() === "")) records.push(record);
    record = [];
  };
  const atSeparator = (): boolean => i >= source.length || source[i] === "," || source[i] === "\n" || source[i] === "\r";
  while (i <= source.length) {
    if (trim) {
      while (isBlank(source[i])) {
        i++;
        column++;
      }
    }
    const start = { line, column };
    let cell = "";
    if (source[i] === '"') {
      i++;
      column++;
      let closed = false;
      while (i < source.length) {
        const char = source[i]!;
        if (char === '"' && source[i + 1] === '"') {
          cell += '"';
          i += 2;
          column += 2;
        } else if (char === '"') {
          i++;
          column++;
          closed = true;
          break;
        } else {
          cell += char;
          i++;
          if (char === "\n") {
            line++;
            column = 1;
          } else column++;
        }
      }
      if (!closed) return { records, unclosed: start };
      if (trim) {
        while (isBlank(source[i])) {
          i++;
          column++;
        }
        if (!atSeparator()) return { records, stray: { line, column } };
      }
      // Anything between the closing quote and the next separator is kept, as spreadsheets do.
      while (!atSeparator()) {
        cell += source[i];
        i++;
        column++;
      }
    } else {
      while (!atSeparator()) {
        cell += source[i];
        i++;
        column++;
      }
      if (trim) cell = cell.replace(/[ \t]+$/, "");
    }
    record.push({ text: cell, ...start });
    if (i >= source.length) {
      endRecord();
      break;
    }
    if (source[i] === ",") {
      i++;
      column++;
      continue;
    }
    // End of line: \n or \r\n (a lone \r too).
    i += source[i] === "\r" && source[i + 1] === "\n" ? 2 : 1;
    line++;
    column = 1;
    endRecord();
  }
  return { records };
}

/** What a {@link tokenizeCsv} result's `unclosed` or `stray` says, for an error message; undefined when neither. */
export function csvSyntaxProblem(csv: CsvText): { readonly line: number; readonly column: number; readonly message: string } | undefined {
  if (csv.unclosed) return { ...csv.unclosed, message: "this quoted cell is never closed; expected a closing double quote" };
  if (csv.stray) return { ...csv.stray, message: 'unexpected text after a closing quote; expected a comma or the end of the line (write a quote inside a quoted cell as "")' };
  return undefined;
}
