/**
 * Monte Carlo draws of everything agreement depends on: the judgements every analysis samples
 * (`../uncertainty/inputs.ts`: capabilities, walk-away numbers, positions, saliences) and, beyond them,
 * whether each red line holds (with its credibility, itself possibly uncertain), the utility of linkage terms
 * and the numbers of named deals (an outside option's among them) that carry a range. Every number of draw k
 * is a function of (seed, k, its id) alone, so draws are the same on any number of threads. Pure.
 */
import type { Deal, Scenario } from "../scenario/types.js";
import { quantile, type Sampler } from "../uncertainty/distributions.js";
import { samplerOf, uncertainInputs, withInputValues, type UncertainInput } from "../uncertainty/inputs.js";
import { counterUniform, keyOf } from "../uncertainty/random.js";
import type { Constraints } from "./model.js";

/** A number of the agreement layer that draws sample. */
export interface AgreementInput {
  /** Where it is written, e.g. `actors.USA.redLines.dismantle.credibility`. */
  readonly id: string;
  readonly kind: "credibility" | "linkage" | "dealValue";
  readonly actor?: number;
  /** Red line or linkage term index in the actor's list; for deal values, the deal's index. */
  readonly index: number;
  /** For deal values, the issue id. */
  readonly issue?: string;
  readonly sampler: Sampler;
  readonly key: number;
  /** For credibility: the key of the uniform that decides whether the line holds. */
  readonly holdKey?: number;
}

export interface DrawPlan {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly inputs: readonly UncertainInput[];
  readonly extra: readonly AgreementInput[];
}

const UNIT = { min: 0, max: 1 };
const FREE = { min: -Infinity, max: Infinity };

/** Every sampled input of the agreement forecast. */
export function drawPlan(scenario: Scenario, seed: number): DrawPlan {
  const extra: AgreementInput[] = [];
  scenario.actors.forEach((actor, a) => {
    actor.redLines.forEach((line, k) => {
      const id = `actors.${actor.id}.redLines.${line.id}.credibility`;
      extra.push({ id, kind: "credibility", actor: a, index: k, sampler: samplerOf(line.credibility, UNIT), key: keyOf(id), holdKey: keyOf(`actors.${actor.id}.redLines.${line.id}.holds`) });
    });
    actor.linkage.forEach((term, k) => {
      const sampler = samplerOf(term.utility, FREE);
      const id = `actors.${actor.id}.linkage.${term.id}.utility`;
      if (sampler.kind !== "fixed") extra.push({ id, kind: "linkage", actor: a, index: k, sampler, key: keyOf(id) });
    });
  });
  scenario.deals.forEach((deal, d) => {
    for (const issue of scenario.issues) {
      const value = deal.values[issue.id];
      if (!value || value.option !== undefined) continue;
      const sampler = samplerOf(value, { min: issue.min, max: issue.max });
      const id = `deals.${deal.id}.values.${issue.id}`;
      if (sampler.kind !== "fixed") extra.push({ id, kind: "dealValue", index: d, issue: issue.id, sampler, key: keyOf(id) });
    }
  });
  return { scenario, seed: Math.trunc(seed) >>> 0, inputs: uncertainInputs(scenario), extra };
}

/** Draw k: the scenario with its sampled numbers, and which red lines hold. */
export function drawScenario(plan: DrawPlan, k: number): { scenario: Scenario; redLines: boolean[][] } {
  const values = plan.inputs.map((input) => quantile(input.sampler, counterUniform(plan.seed, k, input.key)));
  const base = withInputValues(plan.scenario, plan.inputs, values);
  const redLines = base.actors.map((actor) => actor.redLines.map(() => true));
  const linkage = new Map<string, number>();
  const dealValues = new Map<number, Map<string, number>>();
  for (const input of plan.extra) {
    const x = quantile(input.sampler, counterUniform(plan.seed, k, input.key));
    if (input.kind === "credibility") redLines[input.actor!]![input.index] = counterUniform(plan.seed, k, input.holdKey!) < x;
    else if (input.kind === "linkage") linkage.set(`${input.actor!}:${input.index}`, x);
    else {
      const byIssue = dealValues.get(input.index) ?? new Map<string, number>();
      byIssue.set(input.issue!, x);
      dealValues.set(input.index, byIssue);
    }
  }
  if (linkage.size === 0 && dealValues.size === 0) return { scenario: base, redLines };
  const actors = linkage.size === 0 ? base.actors : base.actors.map((actor, a) => ({ ...actor, linkage: actor.linkage.map((t, k) => (linkage.has(`${a}:${k}`) ? { ...t, utility: { ...t.utility, value: linkage.get(`${a}:${k}`)! } } : t)) }));
  const deals =
    dealValues.size === 0
      ? base.deals
      : base.deals.map((deal, d): Deal => {
          const changes = dealValues.get(d);
          if (!changes) return deal;
          return { ...deal, values: Object.fromEntries(Object.entries(deal.values).map(([issue, v]) => [issue, changes.has(issue) ? { ...v, value: changes.get(issue)! } : v])) };
        });
  return { scenario: { ...base, actors, deals }, redLines };
}

/** Constraints of a draw: every walk-away value, and the red lines that hold. */
export function drawConstraints(scenario: Scenario, redLines: boolean[][]): Constraints {
  return { walkAway: scenario.actors.map(() => true), redLines };
}
