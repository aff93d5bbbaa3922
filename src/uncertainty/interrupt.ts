/** Ctrl-C for long runs: the first SIGINT aborts the run (which then reports what it finished); a second one exits. */

/** Exit code of a run interrupted by Ctrl-C (128 + SIGINT), after printing the partial result. */
export const EXIT_INTERRUPTED = 130;

/**
 * Calls `run` with a signal that the first SIGINT aborts, and restores the default Ctrl-C behaviour
 * afterwards. `external` (a test's signal, say) aborts it too.
 */
export async function withInterrupt<T>(run: (signal: AbortSignal) => Promise<T>, external?: AbortSignal): Promise<T> {
  const controller = new AbortController();
  const onSigint = (): void => {
    if (controller.signal.aborted) process.exit(EXIT_INTERRUPTED);
    controller.abort();
  };
  process.on("SIGINT", onSigint);
  const signal = external ? AbortSignal.any([external, controller.signal]) : controller.signal;
  try {
    return await run(signal);
  } finally {
    process.off("SIGINT", onSigint);
  }
}
