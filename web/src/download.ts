import { csvFile } from "../../src/files/csv.js";

/** Offers a file to the browser as a download (a link to an object URL, clicked and dropped), without a round trip to the server. */
export function download(name: string, content: Blob | string, type: string): void {
  const text = typeof content === "string" && type === CSV_TYPE ? csvFile(content) : content;
  const blob = typeof text === "string" ? new Blob([text], { type }) : text;
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked a moment later: the download has taken its copy by then.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The MIME type of the workbench's CSV downloads (RFC 4180 §3). */
export const CSV_TYPE = "text/csv;charset=utf-8;header=present";

/** Offers text the page made (a CSV export) as a file download; a CSV file starts with the byte-order mark (csvFile). */
export function downloadText(fileName: string, text: string, type = CSV_TYPE): void {
  download(fileName, text, type);
}
