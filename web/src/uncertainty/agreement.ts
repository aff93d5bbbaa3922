/**
 * The agreement forecast of the scenario as written (yes or no with the reason, the conflicts and what
 * would have to change), computed in a Web Worker of its own so that neither a long conflict search nor
 * a Monte Carlo run holds up the page or the other. One check at a time: a newer scenario (an edit)
 * stops the one under way, by ending its worker. Results are kept per scenario object.
 */
import { useEffect } from "react";
import type { Scenario } from "../../../src/scenario/types.js";
import { changeSignal } from "../changeSignal.js";
import type { AgreementOutcome, AnalysisMessage, AnalysisRequest } from "./analysis.worker.js";

const results = new WeakMap<Scenario, AgreementOutcome>();
let worker: Worker | undefined;
let pending: { scenario: Scenario; id: number } | undefined;
let nextId = 0;
let latest: { scenario: Scenario; outcome: AgreementOutcome } | undefined;
const { changed, useChanges } = changeSignal();

function request(scenario: Scenario): void {
  if (results.has(scenario) || pending?.scenario === scenario) return;
  if (pending) {
    // The check under way is for an older scenario: stop it.
    worker?.terminate();
    worker = undefined;
  }
  const id = ++nextId;
  pending = { scenario, id };
  worker ??= new Worker(new URL("./analysis.worker.ts", import.meta.url), { type: "module" });
  worker.onmessage = (event: MessageEvent<AnalysisMessage>) => {
    const message = event.data;
    if (message.type !== "written" || message.id !== pending?.id) return;
    results.set(pending.scenario, message.agreement);
    latest = { scenario: pending.scenario, outcome: message.agreement };
    pending = undefined;
    changed();
  };
  worker.onerror = (event) => {
    if (!pending) return;
    const outcome: AgreementOutcome = { skipped: event.message || "the agreement check failed" };
    results.set(pending.scenario, outcome);
    latest = { scenario: pending.scenario, outcome };
    pending = undefined;
    worker?.terminate();
    worker = undefined;
    changed();
  };
  worker.postMessage({ type: "written", id, scenario } satisfies AnalysisRequest);
}

/**
 * The agreement forecast of `scenario` as written; while it is being computed, the last scenario's
 * (marked `stale`), so that the view does not flicker as the analyst types.
 */
export function useAgreementAsWritten(scenario: Scenario): { outcome?: AgreementOutcome; stale: boolean } {
  useChanges();
  useEffect(() => request(scenario), [scenario]);
  const own = results.get(scenario);
  if (own) return { outcome: own, stale: false };
  return latest ? { outcome: latest.outcome, stale: true } : { stale: false };
}
