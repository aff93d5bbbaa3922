/**
 * A Parley scenario as negotiation stakes: its space of agreements (option issues exactly, numeric
 * issues on the grid of `deals/space.ts`: their anchors and reference point, or every `step` units),
 * each actor's utility from `deals/preferences.ts` and its walk-away value. Every actor signs, as under
 * the unanimity rule `parley deal` applies. Pure.
 */
import { scenarioSpace } from "../deals/space.js";
import type { Scenario } from "../scenario/types.js";
import type { PartyTraits } from "./negotiators/context.js";
import { DEFAULT_DEADLINE, type SimulationOptions, type SimulationSetup } from "./simulate.js";
import { spaceStakes, type NegotiationStakes } from "./stakes.js";

export interface ScenarioStakesOptions {
  /** Grid step of numeric issues (default: their anchors and reference point). */
  readonly step?: number;
}

export function scenarioStakes(scenario: Scenario, options: ScenarioStakesOptions = {}): NegotiationStakes {
  const step = options.step;
  const { space, parties, utilities } = scenarioSpace(scenario, step !== undefined ? { step } : {});
  return spaceStakes(space, parties, utilities);
}

/** The setup of a scenario: its stakes and what the informed agent reads. */
export function scenarioSetup(scenario: Scenario, step?: number): SimulationSetup {
  const stakes = scenarioStakes(scenario, step !== undefined ? { step } : {});
  return { stakes, traits: scenarioTraits(scenario, stakes) };
}

/** What the scenario-informed agent reads: clout relative to the most capable signatory, and stake (mean salience / 100). */
export function scenarioTraits(scenario: Scenario, stakes: NegotiationStakes): PartyTraits[] {
  const capability = stakes.parties.map((id) => scenario.actors.find((a) => a.id === id)?.capability.value ?? 0);
  const strongest = Math.max(...stakes.signatories.map((p) => capability[p]!), Number.MIN_VALUE);
  return stakes.parties.map((id, p) => {
    const stances = Object.values(scenario.stances[id] ?? {});
    const stake = stances.length > 0 ? stances.reduce((sum, s) => sum + s.salience.value, 0) / stances.length / 100 : 0.5;
    return { clout: Math.min(1, capability[p]! / strongest), stake: Math.min(1, Math.max(0, stake)) };
  });
}

/** The caller's options over the scenario's `simulation` settings (the caller wins; strategies merge per actor). */
export function withScenarioSettings<T extends SimulationOptions & { readonly step?: number }>(scenario: Scenario, options: T): T {
  const settings = scenario.simulation;
  if (!settings) return { ...options, deadline: options.deadline ?? DEFAULT_DEADLINE };
  const collapse = options.collapse ?? settings.collapse;
  const order = options.order && options.order.length > 0 ? options.order : settings.order;
  const step = options.step ?? settings.step;
  return {
    ...options,
    strategies: { ...(settings.strategies ?? {}), ...(options.strategies ?? {}) },
    deadline: options.deadline ?? settings.deadline ?? DEFAULT_DEADLINE,
    ...(collapse !== undefined ? { collapse } : {}),
    ...(order !== undefined ? { order } : {}),
    ...(step !== undefined ? { step } : {}),
  };
}
