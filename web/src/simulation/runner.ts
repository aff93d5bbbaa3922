/**
 * One simulation job of each kind (the talks, a tournament) for the whole page, in its own Web Worker
 * (`simulation.worker.ts`), so the page never waits for it; the result stays while the tab changes.
 * Cancelling a tournament keeps the profiles that finished; cancelling a single run terminates its
 * worker (the run is one call), and the next run starts a fresh one.
 */
import type { Scenario } from "../../../src/scenario/types.js";
import { changeSignal } from "../changeSignal.js";
import type { SimulationMessage, SimulationRequest } from "./simulation.worker.js";

type Kind = "talks" | "tournament" | "runs";
type Result<K extends Kind> = Extract<SimulationMessage, { type: K }>;

export interface Job<K extends Kind> {
  readonly scenario: Scenario;
  /** The settings it runs with (what a saved run records). */
  readonly settings: Extract<Exclude<SimulationRequest, { type: "cancel" }>, { type: K }>["settings"];
  progress?: { done: number; total: number };
  result?: Result<K>;
  error?: string;
  cancelled?: boolean;
}

export interface Runner<K extends Kind> {
  start(request: Extract<SimulationRequest, { type: K }>): void;
  cancel(): void;
  /** The latest job, re-rendering the caller as it progresses. */
  use(): Job<K> | undefined;
}

/** Under way until the worker answers with a result or an error, or the job is cancelled. */
export const isRunning = (job: { result?: unknown; error?: string; cancelled?: boolean } | undefined): boolean => job !== undefined && !job.result && job.error === undefined && !job.cancelled;

function runner<K extends Kind>(kind: K): Runner<K> {
  let worker: Worker | undefined;
  let current: Job<K> | undefined;
  const { changed, useChanges } = changeSignal();
  return {
    start(request) {
      worker ??= new Worker(new URL("./simulation.worker.ts", import.meta.url), { type: "module" });
      const { scenario, settings } = request as Exclude<SimulationRequest, { type: "cancel" }>;
      const job = { scenario, settings } as Job<K>;
      current = job;
      worker.onmessage = (event: MessageEvent<SimulationMessage>) => {
        const message = event.data;
        if (current !== job) return;
        if (message.type === "progress") job.progress = { done: message.done, total: message.total };
        else if (message.type === "error") job.error = message.message;
        else if (message.type === kind) job.result = message as Result<K>;
        changed();
      };
      worker.postMessage(request);
      changed();
    },
    cancel() {
      if (!current || !isRunning(current)) return;
      if (kind !== "talks") {
        worker?.postMessage({ type: "cancel" } satisfies SimulationRequest);
        return;
      }
      worker?.terminate();
      worker = undefined;
      current.cancelled = true;
      changed();
    },
    use() {
      useChanges();
      return current;
    },
  };
}

export const talksRunner = runner("talks");
export const tournamentRunner = runner("tournament");
export const runsRunner = runner("runs");
