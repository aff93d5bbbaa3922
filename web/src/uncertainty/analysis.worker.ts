/**
 * The workbench's uncertainty analyses, off the page's thread: Monte Carlo forecasts (distributions
 * per model and issue, deal acceptance shares) and the one-at-a-time tornado, with the library's
 * `monteCarlo` and `sensitivity` — the same numbers as `parley forecast --runs` for the same seed.
 * Progress is posted as points complete; a "cancel" message stops the run, which then reports the
 * samples that finished.
 */
import { monteCarlo, type MonteCarloReport } from "../../../src/uncertainty/monte-carlo.js";
import { sensitivity, type SensitivityReport } from "../../../src/uncertainty/sensitivity.js";
import type { Scenario } from "../../../src/scenario/types.js";

export type AnalysisRequest = { type: "run"; scenario: Scenario; runs: number; seed: number } | { type: "cancel" };

export type AnalysisMessage =
  | { type: "progress"; phase: "samples" | "tornado"; done: number; total: number }
  | { type: "done"; monteCarlo: MonteCarloReport; tornado?: SensitivityReport; ms: number }
  | { type: "error"; message: string };

let controller: AbortController | undefined;
const post = (message: AnalysisMessage) => (self as unknown as { postMessage(m: AnalysisMessage): void }).postMessage(message);

self.onmessage = async (event: MessageEvent<AnalysisRequest>) => {
  const request = event.data;
  if (request.type === "cancel") {
    controller?.abort();
    return;
  }
  controller?.abort();
  const own = new AbortController();
  controller = own;
  const start = performance.now();
  try {
    const mc = await monteCarlo(request.scenario, {
      runs: request.runs,
      seed: request.seed,
      workers: 1,
      signal: own.signal,
      onProgress: (done, total) => post({ type: "progress", phase: "samples", done, total }),
    });
    // The tornado needs two points per input and no samples of its own (one is the minimum).
    const tornado = own.signal.aborted
      ? undefined
      : await sensitivity(request.scenario, {
          runs: 1,
          seed: request.seed,
          workers: 1,
          signal: own.signal,
          onProgress: (done, total) => post({ type: "progress", phase: "tornado", done, total }),
        });
    post({ type: "done", monteCarlo: mc, ...(tornado && !tornado.partial ? { tornado } : {}), ms: performance.now() - start });
  } catch (error) {
    post({ type: "error", message: error instanceof Error ? error.message : String(error) });
  } finally {
    if (controller === own) controller = undefined;
  }
};
