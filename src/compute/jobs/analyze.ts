/**
 * Compute job `analyze`: the outcome-space analysis of `parley analyze --json` (Pareto frontier,
 * bargaining solutions over the agreements the decision rule admits, opposition, improvements on an
 * agreement). The space is rebuilt here from the scenario: utilities are functions and cannot cross threads.
 */
import { analyzeScenario, type ScenarioAnalysis } from "../../outcomes/agreements.js";
import type { FrontierAlgorithm } from "../../outcomes/pareto.js";
import type { GridPoints } from "../../deals/space.js";
import type { Scenario } from "../../scenario/types.js";

export interface AnalyzeJobInput {
  readonly scenario: Scenario;
  readonly step?: number;
  readonly parties?: readonly string[];
  /** The agreement as value indices into the space (its values among `points`). */
  readonly agreement?: readonly number[];
  /** Values added to numeric issues' grids: the agreement's own. */
  readonly points?: GridPoints;
  readonly algorithm?: FrontierAlgorithm;
}

export default function analyzeJob(input: AnalyzeJobInput): ScenarioAnalysis {
  return analyzeScenario(input.scenario, {
    ...(input.step !== undefined ? { step: input.step } : {}),
    ...(input.parties ? { parties: input.parties } : {}),
    ...(input.agreement ? { agreement: input.agreement } : {}),
    ...(input.points ? { points: input.points } : {}),
    ...(input.algorithm ? { algorithm: input.algorithm } : {}),
  });
}
