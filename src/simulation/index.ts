/**
 * Negotiation as a process (docs/simulation.md): negotiating agents under the stacked alternating
 * offers protocol, on a Parley scenario or a GENIUS-family domain. `mechanism/` holds the protocol,
 * `negotiators/` the agents; the stakes (`stakes.ts`) are all they know about acceptance.
 */
import { dealContext, evaluateDeal, type DealEvaluation } from "../deals/evaluate.js";
import type { ImportedNegotiation } from "../importers/genius/types.js";
import type { OutcomeRecord } from "../outcomes/space.js";
import type { IssueValue, Scenario } from "../scenario/types.js";
import { scenarioSetup, withScenarioSettings } from "./scenario-stakes.js";
import { simulate, type SimulationOptions, type SimulationResult, type SimulationSetup } from "./simulate.js";
import { spaceStakes } from "./stakes.js";

export interface ScenarioSimulationOptions extends SimulationOptions {
  /** Grid step of numeric issues (default: the scenario's, else anchors and reference point). */
  readonly step?: number;
}

export interface ScenarioSimulationResult extends SimulationResult {
  /** `parley deal`'s evaluation of the agreement (absent on breakdown). */
  readonly evaluation?: DealEvaluation;
}

/** The setup of a GENIUS / GeniusWeb / NegoLog domain: every party signs. */
export function domainSetup(negotiation: ImportedNegotiation): SimulationSetup {
  return { stakes: spaceStakes(negotiation.space, negotiation.parties, negotiation.utilities) };
}

/** A simulated deal as the values `parley deal` evaluates. */
export function dealValues(scenario: Scenario, deal: OutcomeRecord): Record<string, IssueValue> {
  return Object.fromEntries(
    scenario.issues.map((issue) => {
      const value = deal[issue.id]!;
      if (typeof value === "string") return [issue.id, { value: issue.options.find((o) => o.id === value)!.place, option: value, evidence: [] }];
      return [issue.id, { value, evidence: [] }];
    }),
  );
}

/** Simulates a scenario's talks once, with its `simulation` settings under the caller's options. */
export function simulateScenario(scenario: Scenario, options: ScenarioSimulationOptions = {}): ScenarioSimulationResult {
  const merged = withScenarioSettings(scenario, options);
  const result = simulate(scenarioSetup(scenario, merged.step), merged);
  if (!result.deal) return result;
  return { ...result, evaluation: evaluateDeal(dealContext(scenario), { id: "simulated", values: dealValues(scenario, result.deal) }) };
}

export { simulate, describeRun, runOnce, resolveRun, DEFAULT_DEADLINE, type SimulationOptions, type SimulationResult, type SimulationSetup, type TraceEntry } from "./simulate.js";
export { simulateRuns, simulateDomainRuns, startSimulationWorkers, type SimulationRunsReport, type SimulationRunsOptions } from "./monte-carlo.js";
export { tournament, domainTournament, type TournamentReport, type TournamentOptions, type ProfileRow } from "./tournament.js";
export { spaceStakes, type NegotiationStakes } from "./stakes.js";
export { SimulationError } from "./errors.js";
export { scenarioStakes, scenarioTraits, scenarioSetup, withScenarioSettings } from "./scenario-stakes.js";
export { runProtocol, type ProtocolRun, type ProtocolOptions } from "./mechanism/saop.js";
export type { Action, Negotiator, TurnView } from "./mechanism/types.js";
export { STRATEGIES, DEFAULT_STRATEGY, createNegotiator, type Strategy, type NegotiatorContext, type PartyTraits } from "./negotiators/index.js";
export { traceCsv, tournamentCsv } from "./csv.js";
