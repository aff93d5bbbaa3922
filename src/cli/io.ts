import { WRITE_ERRORS } from "../files/write.js";

/** Where a command writes: data to `out`, messages to `err`. Tests pass their own. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** True when stdout is a terminal (progress bars, colours). */
  readonly isTty: boolean;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text.endsWith("\n") ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith("\n") ? text : `${text}\n`),
  isTty: Boolean(process.stdout.isTTY),
};

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** A user mistake detected by a command: printed without a stack trace, exit 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/**
 * Makes failures of the process's own stdout and stderr end the command cleanly instead of with an
 * unhandled 'error' event: when the reader goes away (`parley schema | head -c1`, EPIPE) Parley stops
 * quietly with exit 0, as the reader has all it wanted; any other write error (a full disk, /dev/full)
 * is reported on stderr, exit 1. Installed once, by `main` when it writes to the process's streams.
 */
export function guardProcessStreams(): void {
  if (guarded) return;
  guarded = true;
  const fail = (stream: "standard output" | "standard error") => (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(EXIT.ok);
    if (stream === "standard output") {
      try {
        process.stderr.write(`error: cannot write to ${stream}: ${WRITE_ERRORS[error.code ?? ""] ?? error.message}\n`);
      } catch {
        // stderr is gone too: the exit code is all that is left.
      }
    }
    process.exit(EXIT.failure);
  };
  process.stdout.on("error", fail("standard output"));
  process.stderr.on("error", fail("standard error"));
}
let guarded = false;
