/**
 * The uncertain inputs of a scenario — every capability, per-issue capability, reservation, stance
 * position and salience that carries a `range` or a `distribution` — and the scenario with chosen
 * values put in their place. Pure.
 */
import type { Actor, Distribution, Issue, IssueValue, Quantity, Scenario, Stance } from "../scenario/types.js";
import { cumulativeWeights, quantile, type Sampler } from "./distributions.js";
import { keyOf } from "./random.js";

export type InputField = "capability" | "capabilityByIssue" | "reservation" | "position" | "salience";

export interface UncertainInput {
  /** Where the number is written, e.g. `stances.USA.sanctions.position`, `actors.DPRK.capability`. */
  readonly id: string;
  readonly field: InputField;
  readonly actor: string;
  /** The issue, for positions, saliences and per-issue capabilities. */
  readonly issue?: string;
  /** The value as written. */
  readonly value: number;
  /** The distribution, with its bounds resolved. */
  readonly sampler: Sampler;
  /** The swing the tornado uses: the range when written, else the 5% and 95% quantiles (estimates: their extremes). */
  readonly low: number;
  readonly high: number;
  /** Stream key of the counter-based generator: a hash of `id`, so draws do not depend on the input's place in the list. */
  readonly key: number;
}

interface Bounds {
  readonly min: number;
  readonly max: number;
}

/** Bounds a sample must respect when nothing narrower is written. */
const SALIENCE: Bounds = { min: 0, max: 100 };
const RESERVATION: Bounds = { min: 0, max: 1 };
const CAPABILITY: Bounds = { min: 0, max: Infinity };

/**
 * The distribution a quantity is sampled from: as written; a bare range is uniform over it; a quantity
 * with neither is fixed. Normals are truncated to the range when there is one, else to `bounds`.
 */
export function samplerOf(quantity: Pick<Quantity, "value" | "range" | "distribution">, bounds: Bounds): Sampler {
  const { value, range, distribution } = quantity;
  const d: Distribution | undefined = distribution ?? (range ? { kind: "uniform" } : undefined);
  if (d === undefined) return { kind: "fixed", value };
  const [low, high] = range ?? [bounds.min, bounds.max];
  switch (d.kind) {
    case "uniform":
      return { kind: "uniform", low, high };
    case "triangular":
      return { kind: "triangular", low, mode: value, high };
    case "normal":
      return { kind: "normal", mean: value, sd: d.sd, low: Math.max(low, bounds.min), high: Math.min(high, bounds.max) };
    case "estimates":
      return { kind: "estimates", values: d.values, cumulative: cumulativeWeights(d.values.length, d.weights) };
  }
}

/** The tornado's low and high points of an input. */
function swingOf(sampler: Sampler, range: readonly [number, number] | undefined): [number, number] {
  if (range) return [range[0], range[1]];
  if (sampler.kind === "estimates") return [Math.min(...sampler.values), Math.max(...sampler.values)];
  return [quantile(sampler, 0.05), quantile(sampler, 0.95)];
}

function input(id: string, field: InputField, actor: string, issue: string | undefined, q: Quantity, bounds: Bounds): UncertainInput | undefined {
  const sampler = samplerOf(q, bounds);
  if (sampler.kind === "fixed") return undefined;
  const [low, high] = swingOf(sampler, q.range);
  return { id, field, actor, ...(issue !== undefined ? { issue } : {}), value: q.value, sampler, low, high, key: keyOf(id) };
}

/**
 * Every uncertain input, in scenario order: per actor its capability, per-issue capabilities and
 * reservation, then per actor and issue the stance's position and salience.
 */
export function uncertainInputs(scenario: Scenario): UncertainInput[] {
  const out: (UncertainInput | undefined)[] = [];
  for (const actor of scenario.actors) {
    out.push(input(`actors.${actor.id}.capability`, "capability", actor.id, undefined, actor.capability, CAPABILITY));
    for (const issue of scenario.issues) {
      const q = actor.capabilityByIssue[issue.id];
      if (q) out.push(input(`actors.${actor.id}.capabilityByIssue.${issue.id}`, "capabilityByIssue", actor.id, issue.id, q, CAPABILITY));
    }
    if (actor.reservation) out.push(input(`actors.${actor.id}.reservation`, "reservation", actor.id, undefined, actor.reservation, RESERVATION));
  }
  for (const actor of scenario.actors) {
    for (const issue of scenario.issues) {
      const stance = scenario.stances[actor.id]?.[issue.id];
      if (!stance) continue;
      const at = `stances.${actor.id}.${issue.id}`;
      out.push(input(`${at}.position`, "position", actor.id, issue.id, stance.position, { min: issue.min, max: issue.max }));
      out.push(input(`${at}.salience`, "salience", actor.id, issue.id, stance.salience, SALIENCE));
    }
  }
  return dedupeKeys(out.filter((i): i is UncertainInput => i !== undefined));
}

/** Two ids hashing to one key would get identical draws; rekey the later one deterministically. */
function dedupeKeys(inputs: UncertainInput[]): UncertainInput[] {
  const seen = new Set<number>();
  return inputs.map((i) => {
    let key = i.key;
    for (let salt = 1; seen.has(key); salt++) key = keyOf(`${i.id}#${salt}`);
    seen.add(key);
    return key === i.key ? i : { ...i, key };
  });
}

/** Capabilities are > 0: a draw at the very bottom of a range starting at 0 is nudged above it. */
function positive(x: number): number {
  return x > 0 ? x : Number.MIN_VALUE;
}

function withValue<T extends Quantity>(q: T, value: number): T {
  return { ...q, value };
}

/** A position names the option whose place it is, and no option between places. */
function withPosition(position: IssueValue, value: number, issue: Issue | undefined): IssueValue {
  const { option, ...rest } = position;
  if (option === undefined) return { ...rest, value };
  const at = issue?.options.find((o) => o.place === value);
  return at ? { ...rest, value, option: at.id } : { ...rest, value };
}

/**
 * The scenario with `values[i]` in place of `inputs[i]`'s number (NaN leaves it as written). Only the
 * objects on the way to a changed number are copied; the rest is shared with the original.
 */
export function withInputValues(scenario: Scenario, inputs: readonly UncertainInput[], values: ArrayLike<number>): Scenario {
  const actorChanges = new Map<string, { capability?: number; reservation?: number; byIssue: Map<string, number> }>();
  const stanceChanges = new Map<string, { position?: number; salience?: number }>();
  inputs.forEach((input, i) => {
    const v = values[i] as number;
    if (Number.isNaN(v)) return;
    if (input.field === "position" || input.field === "salience") {
      const key = `${input.actor}\u0000${input.issue ?? ""}`;
      const change = stanceChanges.get(key) ?? {};
      change[input.field] = v;
      stanceChanges.set(key, change);
      return;
    }
    const change = actorChanges.get(input.actor) ?? { byIssue: new Map<string, number>() };
    if (input.field === "capabilityByIssue") change.byIssue.set(input.issue ?? "", v);
    else change[input.field] = v;
    actorChanges.set(input.actor, change);
  });

  const actors = scenario.actors.map((actor): Actor => {
    const change = actorChanges.get(actor.id);
    if (!change) return actor;
    const byIssue =
      change.byIssue.size === 0
        ? actor.capabilityByIssue
        : Object.fromEntries(Object.entries(actor.capabilityByIssue).map(([k, q]) => [k, change.byIssue.has(k) ? withValue(q, positive(change.byIssue.get(k) as number)) : q]));
    return {
      ...actor,
      ...(change.capability !== undefined ? { capability: withValue(actor.capability, positive(change.capability)) } : {}),
      ...(change.reservation !== undefined && actor.reservation ? { reservation: withValue(actor.reservation, change.reservation) } : {}),
      capabilityByIssue: byIssue,
    };
  });
  if (stanceChanges.size === 0) return { ...scenario, actors };

  const issues = new Map(scenario.issues.map((issue) => [issue.id, issue]));
  const stances: Record<string, Record<string, Stance>> = {};
  for (const [actorId, byIssue] of Object.entries(scenario.stances)) {
    const row: Record<string, Stance> = {};
    for (const [issueId, stance] of Object.entries(byIssue)) {
      const change = stanceChanges.get(`${actorId}\u0000${issueId}`);
      row[issueId] = !change
        ? stance
        : {
            ...stance,
            ...(change.position !== undefined ? { position: withPosition(stance.position, change.position, issues.get(issueId)) } : {}),
            ...(change.salience !== undefined ? { salience: withValue(stance.salience, change.salience) } : {}),
          };
    }
    stances[actorId] = row;
  }
  return { ...scenario, actors, stances };
}
