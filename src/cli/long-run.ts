/**
 * A long run from the command line (Monte Carlo, tournaments, agreement draws): a progress bar on
 * stderr when it is a terminal and the output is not `--json`, and Ctrl-C, which stops the run so that
 * it reports what it finished.
 */
import { withInterrupt } from "../uncertainty/interrupt.js";
import type { CliIo } from "./io.js";
import { progressBar, type ProgressBar } from "./progress.js";

/** The shared progress bar on stderr, counting `unit`: only on a terminal and never with --json. */
export function progressReporter(io: CliIo, json: boolean, unit = "runs"): ProgressBar | undefined {
  if (json || !io.isTty || !process.stderr.isTTY) return undefined;
  return progressBar((text) => process.stderr.write(text), { unit, width: 30 });
}

/** What a long run gets: the signal that Ctrl-C aborts and, when a bar is shown, its progress callback. */
export interface LongRunControl {
  readonly signal: AbortSignal;
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Calls `run` with Ctrl-C handling (`external` aborts it too) and, unless `progress` is false, the
 * progress bar of {@link progressReporter}, cleared when the run ends.
 */
export function longRun<R>(io: CliIo, options: { readonly json: boolean; readonly signal?: AbortSignal | undefined; readonly progress?: boolean }, run: (control: LongRunControl) => Promise<R>): Promise<R> {
  const progress = options.progress === false ? undefined : progressReporter(io, options.json);
  return withInterrupt((signal) => run(progress ? { signal, onProgress: (done, total) => progress.update(done, total) } : { signal }), options.signal).finally(() => progress?.finish());
}
