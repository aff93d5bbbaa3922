/**
 * The workbench's simulations, off the page's thread: one run of the talks (`simulateScenario`, with
 * `parley deal`'s evaluation of the agreement), a Monte Carlo over the scenario's uncertainty
 * (`simulateRuns`, as `parley simulate --runs`) or a tournament of strategy profiles (`tournament`) —
 * the same results as `parley simulate` for the same settings. A tournament or a Monte Carlo posts progress
 * and stops on "cancel", reporting what finished; a single run is one synchronous call, so
 * the page cancels it by terminating this worker.
 */
import { simulateRuns, simulateScenario, tournament, type ScenarioSimulationResult, type SimulationRunsReport, type TournamentReport } from "../../../src/simulation/index.js";
import type { Strategy } from "../../../src/simulation/negotiators/names.js";
import type { Scenario } from "../../../src/scenario/types.js";

export interface TalksSettings {
  readonly strategies: Readonly<Record<string, Strategy>>;
  readonly deadline: number;
  readonly collapse: number;
  readonly seed: number;
}

export interface TournamentSettings extends TalksSettings {
  readonly pool: readonly Strategy[];
  readonly players: readonly string[];
  /** Sampled scenarios per profile; 0 plays the scenario as written once per profile. */
  readonly runs: number;
}

export interface RunsSettings extends TalksSettings {
  /** Sampled scenarios: every uncertain judgement and whether each red line holds, drawn per run. */
  readonly runs: number;
}

export type SimulationRequest =
  | { type: "talks"; scenario: Scenario; settings: TalksSettings }
  | { type: "runs"; scenario: Scenario; settings: RunsSettings }
  | { type: "tournament"; scenario: Scenario; settings: TournamentSettings }
  | { type: "cancel" };

export type SimulationMessage =
  | { type: "progress"; done: number; total: number }
  | { type: "talks"; result: ScenarioSimulationResult; ms: number }
  | { type: "tournament"; report: TournamentReport; ms: number }
  | { type: "runs"; report: SimulationRunsReport; ms: number }
  | { type: "error"; message: string };

let controller: AbortController | undefined;
const post = (message: SimulationMessage) => (self as unknown as { postMessage(m: SimulationMessage): void }).postMessage(message);

self.onmessage = async (event: MessageEvent<SimulationRequest>) => {
  const request = event.data;
  if (request.type === "cancel") {
    controller?.abort();
    return;
  }
  const start = performance.now();
  try {
    if (request.type === "talks") {
      const result = simulateScenario(request.scenario, request.settings);
      post({ type: "talks", result, ms: performance.now() - start });
      return;
    }
    controller?.abort();
    const own = new AbortController();
    controller = own;
    if (request.type === "runs") {
      const report = await simulateRuns(request.scenario, {
        ...request.settings,
        workers: 1,
        signal: own.signal,
        onProgress: (done, total) => post({ type: "progress", done, total }),
      });
      if (controller === own) controller = undefined;
      post({ type: "runs", report, ms: performance.now() - start });
      return;
    }
    const { pool, players, runs, ...rest } = request.settings;
    const report = await tournament(request.scenario, {
      ...rest,
      pool,
      players,
      ...(runs > 0 ? { runs } : {}),
      workers: 1,
      signal: own.signal,
      onProgress: (done, total) => post({ type: "progress", done, total }),
    });
    if (controller === own) controller = undefined;
    post({ type: "tournament", report, ms: performance.now() - start });
  } catch (error) {
    post({ type: "error", message: error instanceof Error ? error.message : String(error) });
  }
};
