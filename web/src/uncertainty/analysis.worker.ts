/**
 * The workbench's analyses, off the page's thread: Monte Carlo forecasts (distributions per model and
 * issue, deal acceptance shares), the agreement forecast over the same number of draws
 * (`agreementForecast`: the chance that any outcome is acceptable to every needed signatory, and each
 * named deal's) and the one-at-a-time tornado,
 * with the library's own functions — the same numbers as `parley agreement --runs` and
 * `parley forecast --runs` for the same seed. Progress is posted as points complete; a "cancel"
 * message stops the run, which then reports what finished. A "written" request checks the scenario
 * as written (no draws: yes or no, the conflicts and what would have to change).
 */
import { agreementAsWritten, agreementForecast, type AgreementReport } from "../../../src/agreement/forecast.js";
import { monteCarlo, type MonteCarloReport } from "../../../src/uncertainty/monte-carlo.js";
import { sensitivity, type SensitivityReport } from "../../../src/uncertainty/sensitivity.js";
import { DealError, type DealProblem } from "../../../src/deals/preferences.js";
import type { Scenario } from "../../../src/scenario/types.js";

export type AnalysisRequest = { type: "run"; scenario: Scenario; runs: number; seed: number } | { type: "cancel" } | { type: "written"; id: number; scenario: Scenario };

/** The agreement forecast, or why the scenario cannot take one (e.g. an issue without a status quo). */
export type AgreementOutcome = { readonly report: AgreementReport } | { readonly skipped: string; readonly problem?: DealProblem };

export type AnalysisMessage =
  | { type: "progress"; phase: "agreement" | "samples" | "tornado"; done: number; total: number }
  | { type: "agreement"; agreement: AgreementOutcome }
  | { type: "done"; monteCarlo: MonteCarloReport; tornado?: SensitivityReport; ms: number }
  | { type: "written"; id: number; agreement: AgreementOutcome }
  | { type: "error"; message: string };

let controller: AbortController | undefined;
const post = (message: AnalysisMessage) => (self as unknown as { postMessage(m: AnalysisMessage): void }).postMessage(message);
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
/** Why no agreement forecast: the message, and the problem as data for the view to put in words. */
const skippedOf = (error: unknown): AgreementOutcome => ({ skipped: messageOf(error), ...(error instanceof DealError && error.problem ? { problem: error.problem } : {}) });

self.onmessage = async (event: MessageEvent<AnalysisRequest>) => {
  const request = event.data;
  if (request.type === "cancel") {
    controller?.abort();
    return;
  }
  if (request.type === "written") {
    let agreement: AgreementOutcome;
    try {
      agreement = { report: agreementAsWritten(request.scenario) };
    } catch (error) {
      agreement = skippedOf(error);
    }
    post({ type: "written", id: request.id, agreement });
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
    // As many draws, same seed, for the chance of agreement (it leads the forecast view); none once cancelled.
    if (!own.signal.aborted) {
      let agreement: AgreementOutcome;
      try {
        agreement = {
          report: await agreementForecast(request.scenario, {
            runs: request.runs,
            seed: request.seed,
            workers: 1,
            signal: own.signal,
            onProgress: (done, total) => post({ type: "progress", phase: "agreement", done, total }),
          }),
        };
      } catch (error) {
        agreement = skippedOf(error);
      }
      post({ type: "agreement", agreement });
    }
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
    post({ type: "error", message: messageOf(error) });
  } finally {
    if (controller === own) controller = undefined;
  }
};
