/**
 * A one-line progress bar for long runs, redrawn in place on a terminal:
 * `[#####-----] 120/207 issues  2.1s`. No dependency; the caller decides whether to show it
 * (only when stderr is a terminal and the output is not machine-readable).
 */

/** The bar's text for `done` of `total` after `elapsedMs`. Pure. */
export function renderProgress(done: number, total: number, elapsedMs: number, unit = "", width = 10): string {
  const share = total > 0 ? Math.min(1, Math.max(0, done / total)) : 1;
  const filled = Math.round(share * width);
  const bar = `[${"#".repeat(filled)}${"-".repeat(width - filled)}]`;
  return `${bar} ${done}/${total}${unit === "" ? "" : ` ${unit}`}  ${(elapsedMs / 1000).toFixed(1)}s`;
}

export interface ProgressBar {
  /** Redraws the bar (at most every `intervalMs`, and always on the last step). */
  update(done: number, total: number): void;
  /** Clears the bar's line. */
  finish(): void;
}

export interface ProgressOptions {
  /** What is counted, e.g. "issues". */
  readonly unit?: string;
  readonly width?: number;
  /** Minimum time between redraws; default 100 ms. */
  readonly intervalMs?: number;
  /** Clock in milliseconds; default `performance.now`. */
  readonly now?: () => number;
}

/** A progress bar writing with `write` (e.g. `(s) => process.stderr.write(s)`), redrawing with a carriage return. */
export function progressBar(write: (text: string) => void, options: ProgressOptions = {}): ProgressBar {
  const now = options.now ?? (() => performance.now());
  const start = now();
  let lastDraw = Number.NEGATIVE_INFINITY;
  let lastLength = 0;
  const draw = (text: string): void => {
    write(`\r${text}${" ".repeat(Math.max(0, lastLength - text.length))}`);
    lastLength = text.length;
  };
  return {
    update(done, total) {
      const time = now();
      if (done < total && time - lastDraw < (options.intervalMs ?? 100)) return;
      lastDraw = time;
      draw(renderProgress(done, total, time - start, options.unit, options.width));
    },
    finish() {
      if (lastLength > 0) write(`\r${" ".repeat(lastLength)}\r`);
      lastLength = 0;
    },
  };
}
