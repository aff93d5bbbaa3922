/**
 * A Parley scenario as negotiation stakes: its space of agreements (option issues exactly, numeric
 * issues on the grid of `deals/space.ts`: their anchors and reference point, or every `step` units) and,
 * from the agreement model (`agreement/`, docs/agreement.md), each actor's utility (additive part plus
 * linkage), its walk-away value (a number, an outside option or the status quo), which outcomes it may
 * accept (at least its walk-away, no red line crossed, never the status quo) and who signs (the decision
 * rule: everyone under unanimity, the veto players under a veto). Pure.
 *
 * Under a pure threshold rule (no veto players) every actor takes turns and every actor must accept: SAOP
 * has no way to pass an offer by a share of capability, so the simulation is stricter than the rule there.
 */
import { acceptsOutcome, actorUtility, agreementModel, isStatusQuo, ACCEPT_TOLERANCE, type AgreementModel, type Constraints } from "../agreement/index.js";
import { scenarioSpace } from "../deals/space.js";
import { advanceOdometer, issueSizes, type OutcomeSpace } from "../outcomes/space.js";
import type { Scenario } from "../scenario/types.js";
import type { PartyTraits } from "./negotiators/context.js";
import { DEFAULT_DEADLINE, type SimulationOptions, type SimulationSetup } from "./simulate.js";
import { utilityTables, type NegotiationStakes } from "./stakes.js";

export interface ScenarioStakesOptions {
  /** Grid step of numeric issues (default: their anchors and reference point). */
  readonly step?: number;
  /** Which red lines hold (Monte Carlo draws); absent: all, as written. */
  readonly constraints?: Constraints;
}

export function scenarioStakes(scenario: Scenario, options: ScenarioStakesOptions = {}): NegotiationStakes {
  const { space, parties, utilities } = scenarioSpace(scenario, options.step !== undefined ? { step: options.step } : {});
  const model = agreementModel(scenario);
  // The additive parts, fast (outer sums); actors with linkage or red lines go through the agreement model.
  const tables = utilityTables(space, utilities);
  const masks = tables.map((table, a) => {
    const mask = new Uint8Array(table.length);
    const linked = model.linkage[a]!.length > 0;
    const lined = model.redLines[a]!.length > 0;
    const floor = model.reservations[a]! - ACCEPT_TOLERANCE;
    if (!linked && !lined) {
      for (let r = 0; r < table.length; r++) mask[r] = table[r]! >= floor ? 1 : 0;
      return mask;
    }
    forEachOutcome(scenario, space, (outcome, r) => {
      if (linked) table[r] = actorUtility(model, a, outcome);
      mask[r] = acceptsOutcome(model, a, outcome, options.constraints) ? 1 : 0;
    });
    return mask;
  });
  const quo = statusQuoRank(scenario, space, model);
  if (quo >= 0) for (const mask of masks) mask[quo] = 0;
  const required = parties.map((_, a) => a).filter((a) => model.required[a]);
  return {
    space,
    size: tables[0]!.length,
    parties,
    signatories: required.length > 0 ? required : parties.map((_, a) => a),
    walkAway: [...model.reservations],
    utilities: (p) => tables[p]!,
    acceptable: (p) => masks[p]!,
  };
}

/** Calls `visit` with every outcome of the space as the agreement model reads it (values and option ids per issue), in rank order. */
function forEachOutcome(scenario: Scenario, space: OutcomeSpace, visit: (outcome: { values: number[]; options: (string | undefined)[] }, rank: number) => void): void {
  const sizes = issueSizes(space);
  const index = new Array<number>(sizes.length).fill(0);
  const numbers = space.issues.map((issue, i) => issue.values.map((v) => (typeof v === "string" ? scenario.issues[i]!.options.find((o) => o.id === v)!.place : v)));
  const options = space.issues.map((issue) => issue.values.map((v) => (typeof v === "string" ? v : undefined)));
  const outcome = { values: numbers.map((n) => n[0]!), options: options.map((o) => o[0]) };
  for (let rank = 0; ; rank++) {
    visit(outcome, rank);
    const from = advanceOdometer(index, sizes);
    if (from < 0) return;
    for (let i = from; i < sizes.length; i++) {
      outcome.values[i] = numbers[i]![index[i]!]!;
      outcome.options[i] = options[i]![index[i]!];
    }
  }
}

/** The rank of the status quo in the space, when it lies on the grid (−1 otherwise). */
function statusQuoRank(scenario: Scenario, space: OutcomeSpace, model: AgreementModel): number {
  if (!model.statusQuo) return -1;
  let rank = 0;
  for (let i = 0; i < space.issues.length; i++) {
    const issue = scenario.issues[i]!;
    const ref = issue.reference!;
    const k = space.issues[i]!.values.findIndex((v) => (typeof v === "string" ? v === ref.option : v === ref.value));
    if (k < 0) return -1;
    rank = rank * space.issues[i]!.values.length + k;
  }
  return isStatusQuo(model, { values: scenario.issues.map((i) => i.reference!.value), options: scenario.issues.map((i) => i.reference!.option) }) ? rank : -1;
}

/** The setup of a scenario: its stakes and what the informed agent reads. */
export function scenarioSetup(scenario: Scenario, step?: number, constraints?: Constraints): SimulationSetup {
  const stakes = scenarioStakes(scenario, { ...(step !== undefined ? { step } : {}), ...(constraints ? { constraints } : {}) });
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
