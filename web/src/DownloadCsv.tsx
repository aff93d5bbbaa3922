/** A button that downloads a table as CSV (RFC 4180, src/files/csv.ts); the rows are made on click. */
import { toCsv } from "../../src/files/csv.js";
import { CSV_TYPE, download } from "./download.js";
import type { Rows } from "./exports.js";

export function DownloadCsv({ rows, name, children, testId }: { rows: () => Rows; name: string; children: string; testId?: string }) {
  return (
    <button type="button" className="download no-print" data-testid={testId} onClick={() => download(`${name}.csv`, toCsv(rows()), CSV_TYPE)}>
      {children}
    </button>
  );
}
