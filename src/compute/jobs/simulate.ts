/**
 * Compute job `simulate`: the talks played out by negotiating agents — one run (the JSON of `parley
 * simulate --json`), a Monte Carlo (`runs`) or a tournament (`tournament`). One job, one thread.
 */
import type { Scenario } from "../../scenario/types.js";
import { simulateRuns, simulateScenario, tournament, type ScenarioSimulationResult, type SimulationRunsReport, type TournamentReport } from "../../simulation/index.js";

export interface SimulateJobInput {
  readonly scenario: Scenario;
  readonly strategies?: Readonly<Record<string, string>>;
  readonly defaultStrategy?: string;
  readonly deadline?: number;
  readonly collapse?: number;
  readonly seed?: number;
  readonly step?: number;
  readonly order?: readonly string[];
  readonly runs?: number;
  readonly varyStrategies?: readonly string[];
  readonly tournament?: readonly string[];
  readonly players?: readonly string[];
}

export default async function simulateJob({ scenario, runs, varyStrategies, tournament: pool, players, ...options }: SimulateJobInput): Promise<ScenarioSimulationResult | SimulationRunsReport | TournamentReport> {
  if (pool && pool.length > 0) return tournament(scenario, { ...options, pool, ...(players ? { players } : {}), ...(runs !== undefined ? { runs } : {}), workers: 1 });
  if (runs !== undefined) return simulateRuns(scenario, { ...options, runs, ...(varyStrategies ? { strategyPool: varyStrategies } : {}), workers: 1 });
  return simulateScenario(scenario, options);
}
