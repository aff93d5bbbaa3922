/** Offers text the page made (a CSV export) as a file download, without a round trip to the server. */
export function downloadText(fileName: string, text: string, type = "text/csv;charset=utf-8"): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own copy once started; free the blob after this turn.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
