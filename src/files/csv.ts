/**
 * Writing CSV as RFC 4180 describes it: records separated by CRLF (the last one too), a field
 * quoted when it holds a comma, a double quote, CR or LF, and a quote inside a field doubled. Pure
 * (no I/O): the CLI writes its text with writeFileAtomic, the workbench offers it as a download.
 */

/** A cell: text as is, a number as JavaScript prints it (blank when not finite), blank for none. */
export type CsvValue = string | number | boolean | null | undefined;

/** RFC 4180's line break. */
export const CSV_LINE_BREAK = "\r\n";

/** The UTF-8 byte-order mark (U+FEFF), with which Excel reads a CSV file as UTF-8 rather than in the system's code page. */
export const CSV_BOM = "\uFEFF";

/**
 * CSV text as a file: every CSV file Parley writes (the workbench's downloads, `parley backtest
 * --per-issue`) starts with the byte-order mark, so that Chinese names open correctly in Excel; every
 * CSV reader of Parley skips it (src/importers/csv.ts). Text kept in memory goes without it.
 */
export function csvFile(text: string): string {
  return text.startsWith(CSV_BOM) ? text : `${CSV_BOM}${text}`;
}

/** One field of a record, quoted only when RFC 4180 requires it. */
export function csvField(value: CsvValue): string {
  if (value === undefined || value === null) return "";
  const text = typeof value === "number" ? (Number.isFinite(value) ? String(value) : "") : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The CSV text of `rows` (the first is usually the header). Every row must have the same number of
 * fields, as RFC 4180 asks; a row of another length is a bug in the caller and throws.
 */
export function toCsv(rows: readonly (readonly CsvValue[])[]): string {
  const width = rows[0]?.length;
  return rows
    .map((row, k) => {
      if (row.length !== width) throw new Error(`CSV row ${k + 1} has ${row.length} fields, expected ${width} like the first`);
      return `${row.map(csvField).join(",")}${CSV_LINE_BREAK}`;
    })
    .join("");
}
