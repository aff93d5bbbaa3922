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
import { ACCEPT_TOLERANCE, type Constraints } from "../agreement/index.js";
import { outcomeRuleContext } from "../agreement/context.js";
import { prepareSearch, searchState, type PreparedSearch } from "../agreement/search.js";
import { issueGrid } from "../deals/space.js";
import { evaluateRule } from "../rules/index.js";
import { advanceOdometer, createOutcomeSpace, type OutcomeSpace } from "../outcomes/space.js";
import type { Scenario } from "../scenario/types.js";
import type { PartyTraits } from "./negotiators/context.js";
import { DEFAULT_DEADLINE, type SimulationOptions, type SimulationSetup } from "./simulate.js";
import { additiveTable, checkSimulationSize, indexTable, markAcceptableAmong, markedRanks, type NegotiationStakes } from "./stakes.js";

export interface ScenarioStakesOptions {
  /** Grid step of numeric issues (default: their anchors and reference point). */
  readonly step?: number;
  /** Which red lines hold (Monte Carlo draws); absent: all, as written. */
  readonly constraints?: Constraints;
}

/**
 * What does not change from one Monte Carlo draw of a scenario to the next, built once: the space, the
 * agreement search's compiled rules (`agreement/search.ts`), and for every red line and linkage term that
 * reads deal values only its value at every outcome. Rules that read judgements (positions, saliences,
 * capabilities) keep, per outcome, the position in their table over the issues they read, so a draw only
 * re-tabulates them over those issues; rules that read utilities are evaluated outcome by outcome.
 */
export interface PreparedStakes {
  readonly scenario: Scenario;
  readonly space: OutcomeSpace;
  readonly parties: readonly string[];
  readonly search: PreparedSearch;
  /** Per placed rule: its value at every outcome (rules that read deal values only). */
  readonly met: readonly (Uint8Array | undefined)[];
  /** Per placed rule: at every outcome, the position in its table (rules re-tabulated for each draw). */
  readonly positions: readonly (Int32Array | undefined)[];
  /** The status quo's rank, or −1 when it is not on the grid or no agreement is barred by it. */
  readonly statusQuo: number;
  /**
   * Per actor, the conjunction of its red lines that read deal values only, by which of them hold (built on
   * first use; key "" when none holds: every outcome), less the status quo (never an agreement): the mask and its
   * ranks, which the walk-away floor then narrows.
   */
  readonly lineMasks: readonly Map<string, AllowedOutcomes>[];
}

/** Outcomes red lines allow: a mask by rank, and its 1s listed, ascending. */
export interface AllowedOutcomes {
  readonly mask: Uint8Array;
  readonly ranks: Uint32Array;
}

/**
 * Tables a caller lets one draw's stakes write into, to reuse them for the next draw (Monte Carlo: a
 * sample's stakes are dropped before the next sample's are built). Filled on first use.
 */
export interface StakesBuffers {
  readonly utilities: (Float64Array | undefined)[];
  readonly masks: (Uint8Array | undefined)[];
  readonly ranks: (Uint32Array | undefined)[];
  /** Utilities of the acceptable outcomes, beside their ranks. */
  readonly values: (Float64Array | undefined)[];
}

export function prepareStakes(scenario: Scenario, step?: number): PreparedStakes {
  const space = createOutcomeSpace(scenario.issues.map((issue) => ({ name: issue.id, values: issueGrid(issue, step) })));
  checkSimulationSize(space);
  const parties = scenario.actors.map((a) => a.id);
  const search = prepareSearch(scenario, step !== undefined ? { step } : {});
  const sizes = search.grids.map((g) => g.length);
  const positionsOf = (t: number): Int32Array => {
    const rule = search.rules[t]!;
    return indexTable(
      sizes,
      sizes.map((n, i) => {
        const j = rule.issues.indexOf(i);
        return Int32Array.from({ length: n }, (_, k) => (j < 0 ? 0 : k * rule.strides[j]!));
      }),
    );
  };
  const positions = search.rules.map((rule, t) => (rule.leaf ? undefined : positionsOf(t)));
  const met = search.rules.map((rule, t) => {
    const table = search.tables[t];
    if (!table) return undefined;
    const at = positions[t]!;
    const out = new Uint8Array(at.length);
    for (let r = 0; r < at.length; r++) out[r] = table[at[r]!]!;
    positions[t] = undefined;
    return out;
  });
  let statusQuo = -1;
  if (search.model.statusQuo && search.quo.every((k) => k >= 0)) statusQuo = search.quo.reduce((rank, k, i) => rank * sizes[i]! + k, 0);
  return { scenario, space, parties, search, met, positions, statusQuo, lineMasks: parties.map(() => new Map()) };
}

/**
 * The stakes of `scenario` — the prepared one, or a draw of it that differs only in its numbers — under
 * `constraints` (absent: every red line holds). A party's utility table and acceptable set are built on
 * first use, a few passes over the space each: a Monte Carlo sample builds them for the parties at the table
 * only, and reads the others' utility of the outcome agreed by `utilityOf`.
 */
export function drawStakes(prepared: PreparedStakes, scenario: Scenario = prepared.scenario, constraints?: Constraints, buffers?: StakesBuffers): NegotiationStakes {
  const state = searchState(prepared.search, scenario, constraints);
  const { model, contributions, tables } = state;
  const { rules, grids } = prepared.search;
  const sizes = grids.map((g) => g.length);
  const size = sizes.reduce((n, w) => n * w, 1);
  const { parties } = prepared;
  const utilityTables: (Float64Array | undefined)[] = parties.map(() => undefined);
  const masks: (Uint8Array | undefined)[] = parties.map(() => undefined);
  const linkageOf = parties.map((_, a) => rules.flatMap((rule, t) => (rule.kind === "linkage" && rule.actor === a ? [t] : [])));
  const linesOf = parties.map((_, a) =>
    rules.flatMap((rule, t) => (rule.kind === "redLine" && rule.actor === a && state.constraints.redLines[a]?.[rule.index] !== false ? [t] : [])),
  );
  /** Rule t at every outcome: prepared, re-tabulated for this draw, or evaluated outcome by outcome. */
  const ruleMet = (t: number): Uint8Array => {
    const known = prepared.met[t];
    if (known) return known;
    const at = prepared.positions[t];
    if (!at) return evaluateOverSpace(prepared, scenario, rules[t]!.rule, utilities, model.reservations);
    const table = tables[t]!;
    const out = new Uint8Array(size);
    for (let r = 0; r < size; r++) out[r] = table[at[r]!]!;
    return out;
  };
  const gainOf = (t: number): number => model.linkage[rules[t]!.actor]![rules[t]!.index]!.utility;
  const utilities = (a: number): Float64Array => {
    let table = utilityTables[a];
    if (table) return table;
    table = additiveTable(sizes, contributions[a]!, buffers?.utilities[a]);
    if (buffers) buffers.utilities[a] = table;
    for (const t of linkageOf[a]!) {
      const met = ruleMet(t);
      const gain = gainOf(t);
      for (let r = 0; r < size; r++) if (met[r] === 1) table[r]! += gain;
    }
    return (utilityTables[a] = table);
  };
  /** The conjunction of the actor's red lines in force that read deal values only (every outcome when there are none), less the status quo. */
  const fixedLines = (a: number): AllowedOutcomes => {
    const lines = linesOf[a]!.filter((t) => prepared.met[t]);
    const key = lines.join(",");
    let allowed = prepared.lineMasks[a]!.get(key);
    if (!allowed) {
      const mask = lines.length === 0 ? new Uint8Array(size).fill(1) : new Uint8Array(prepared.met[lines[0]!]!);
      for (const t of lines.slice(1)) {
        const met = prepared.met[t]!;
        for (let r = 0; r < size; r++) mask[r]! &= met[r]!;
      }
      // The status quo is never an agreement, whatever the draw: out of the mask and its ranks from the start.
      if (prepared.statusQuo >= 0) mask[prepared.statusQuo] = 0;
      allowed = { mask, ranks: markedRanks(mask) };
      prepared.lineMasks[a]!.set(key, allowed);
    }
    return allowed;
  };
  const ranksOf: (Uint32Array | undefined)[] = parties.map(() => undefined);
  const valuesOf: (Float64Array | undefined)[] = parties.map(() => undefined);
  /**
   * The mask, the ranks and the utilities of party a's acceptable outcomes: red lines in force narrow the
   * outcomes first, then one pass over the outcomes they allow applies the walk-away floor.
   */
  const mark = (a: number): void => {
    const table = utilities(a);
    const reused = buffers?.masks[a];
    const mask = reused && reused.length === size ? reused : new Uint8Array(size);
    const reusedRanks = buffers?.ranks[a];
    const ranks = reusedRanks && reusedRanks.length === size ? reusedRanks : new Uint32Array(size);
    const reusedValues = buffers?.values[a];
    const values = reusedValues && reusedValues.length === size ? reusedValues : new Float64Array(size);
    if (buffers) {
      buffers.masks[a] = mask;
      buffers.ranks[a] = ranks;
      buffers.values[a] = values;
    }
    let allowed = fixedLines(a);
    const drawn = linesOf[a]!.filter((t) => !prepared.met[t]);
    if (drawn.length > 0) {
      // Lines that read judgements or utilities, tabulated for this draw, narrow a copy (the fixed mask is shared).
      const narrowed = new Uint8Array(allowed.mask);
      for (const t of drawn) {
        const met = ruleMet(t);
        for (let r = 0; r < size; r++) narrowed[r]! &= met[r]!;
      }
      allowed = { mask: narrowed, ranks: markedRanks(narrowed) };
    }
    const floor = state.constraints.walkAway[a] === false ? Number.NEGATIVE_INFINITY : model.reservations[a]! - ACCEPT_TOLERANCE;
    const count = markAcceptableAmong(table, floor, allowed.mask, allowed.ranks, mask, ranks, values);
    masks[a] = mask;
    ranksOf[a] = ranks.subarray(0, count);
    valuesOf[a] = values.subarray(0, count);
  };
  const acceptable = (a: number): Uint8Array => {
    if (!masks[a]) mark(a);
    return masks[a]!;
  };
  const acceptableRanks = (a: number): Uint32Array => {
    if (!ranksOf[a]) mark(a);
    return ranksOf[a]!;
  };
  const acceptableUtilities = (a: number): Float64Array => {
    if (!valuesOf[a]) mark(a);
    return valuesOf[a]!;
  };
  const digits = new Int32Array(sizes.length);
  /** One outcome's utility without the table: the same sum, in the same order, as the table's entry. */
  const utilityOf = (a: number, rank: number): number => {
    const known = utilityTables[a];
    if (known) return known[rank]!;
    if (linkageOf[a]!.some((t) => !prepared.met[t] && !prepared.positions[t])) return utilities(a)[rank]!;
    for (let i = sizes.length - 1, rest = rank; i >= 0; i--) {
      digits[i] = rest % sizes[i]!;
      rest = Math.floor(rest / sizes[i]!);
    }
    let u = 0;
    for (let i = 0; i < sizes.length; i++) u += contributions[a]![i]![digits[i]!]!;
    for (const t of linkageOf[a]!) {
      const met = prepared.met[t] ? prepared.met[t][rank] : tables[t]![prepared.positions[t]![rank]!];
      if (met === 1) u += gainOf(t);
    }
    return u;
  };
  const required = parties.map((_, a) => a).filter((a) => model.required[a]);
  return {
    space: prepared.space,
    size,
    parties,
    signatories: required.length > 0 ? required : parties.map((_, a) => a),
    walkAway: [...model.reservations],
    utilities,
    acceptable,
    acceptableRanks,
    acceptableUtilities,
    utilityOf,
  };
}

/** The stakes of a scenario as written (or under `constraints`). */
export function scenarioStakes(scenario: Scenario, options: ScenarioStakesOptions = {}): NegotiationStakes {
  return drawStakes(prepareStakes(scenario, options.step), scenario, options.constraints);
}

/** A rule's value at every outcome, evaluated outcome by outcome (rules that read utilities, or tables too large to build). */
function evaluateOverSpace(prepared: PreparedStakes, scenario: Scenario, rule: PreparedSearch["rules"][number]["rule"], utilities: (actor: number) => Float64Array, reservations: readonly number[]): Uint8Array {
  const { grids } = prepared.search;
  const sizes = grids.map((g) => g.length);
  const index = new Array<number>(sizes.length).fill(0);
  const outcome: { values: number[]; options: (string | undefined)[] } = { values: grids.map((g) => g[0]!.value), options: grids.map((g) => g[0]!.option) };
  let rank = 0;
  const context = outcomeRuleContext(scenario, outcome, { utility: (a) => utilities(a)[rank]!, reservation: (a) => reservations[a]! });
  const out = new Uint8Array(sizes.reduce((n, w) => n * w, 1));
  for (; ; rank++) {
    out[rank] = evaluateRule(rule, context).value ? 1 : 0;
    const from = advanceOdometer(index, sizes);
    if (from < 0) return out;
    for (let i = from; i < sizes.length; i++) {
      const point = grids[i]![index[i]!]!;
      outcome.values[i] = point.value;
      outcome.options[i] = point.option;
    }
  }
}

/** The setup of a scenario: its stakes and what the informed agent reads. */
export function scenarioSetup(scenario: Scenario, step?: number, constraints?: Constraints): SimulationSetup {
  return drawSetup(prepareStakes(scenario, step), scenario, constraints);
}

/** The setup of a draw of a prepared scenario. */
export function drawSetup(prepared: PreparedStakes, scenario: Scenario = prepared.scenario, constraints?: Constraints, buffers?: StakesBuffers): SimulationSetup {
  const stakes = drawStakes(prepared, scenario, constraints, buffers);
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
