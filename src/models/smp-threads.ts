/**
 * Helper threads for large SMP runs (Node only; the web never imports this): starts the worker threads
 * that serve a run's rows (`models/smp/rows.ts`) and lets SMP use them. A run of {@link MIN_THREADED_ACTORS}
 * actors or more then splits target choice and its coalition matrices between this thread and the helpers,
 * with the same numbers bit for bit; the helpers live for one run and are stopped when it ends (or fails).
 * Never used from inside a worker thread, so a Monte Carlo pool's threads do not start threads of their own.
 */
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { MIN_THREADED_ACTORS, useSmpHelpers, type SmpHelpers, type SmpRowSetup } from "./smp/rows.js";

export { serveSmpRows } from "./smp/rows.js";
export { MIN_THREADED_ACTORS };

/**
 * What a helper thread runs: this module, imported by URL (through tsx's API when it is TypeScript source,
 * under vitest or tsx), serving the run's rows until the run stops it.
 */
function helperSource(moduleUrl: string): string {
  return [
    `const url = ${JSON.stringify(moduleUrl)};`,
    `const { workerData } = require("node:worker_threads");`,
    `(url.endsWith(".ts") ? import("tsx/esm/api").then(({ tsImport }) => tsImport(url, url)) : import(url))`,
    `  .then((module) => module.serveSmpRows(workerData));`,
  ].join("\n");
}

/**
 * Node's worker machinery, loaded when a run starts helpers: every forecast imports this module, and most
 * never start a thread (start-up, issue 15).
 */
function workerThreads(): typeof import("node:worker_threads") {
  return createRequire(import.meta.url)("node:worker_threads") as typeof import("node:worker_threads");
}

/** Starts `helpers` threads serving `setup`; null in a worker thread (threads are never nested). */
export function startSmpHelpers(setup: SmpRowSetup, helpers = 1): SmpHelpers | null {
  if (helpers < 1) return null;
  const { isMainThread, Worker } = workerThreads();
  if (!isMainThread) return null;
  const workers = Array.from({ length: helpers }, () => {
    const worker = new Worker(helperSource(import.meta.url), { eval: true, workerData: setup });
    worker.unref(); // an idle helper never keeps the process alive
    // A helper that fails flags it in the shared control words and the run redoes its job in this thread.
    worker.on("error", () => undefined);
    return worker;
  });
  let stopped = false;
  return {
    stop() {
      if (stopped) return;
      stopped = true;
      for (const worker of workers) void worker.terminate().catch(() => undefined);
    },
  };
}

/**
 * Lets SMP runs in this process use `threads` threads in all (default: 2, or 1 on a single core); 1 keeps
 * every run in this thread.
 */
export function enableSmpThreads(threads: number = Math.min(2, availableParallelism())): void {
  const helpers = Math.max(0, Math.min(threads, availableParallelism()) - 1);
  useSmpHelpers(helpers === 0 ? null : (setup) => startSmpHelpers(setup, helpers));
}

/** Back to one thread for every SMP run. */
export function disableSmpThreads(): void {
  useSmpHelpers(null);
}
