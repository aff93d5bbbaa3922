/**
 * Each actor's utility over outcomes, additive across issues:
 *   uₐ(o) = Σᵢ wₐᵢ · vₐᵢ(oᵢ),   Σᵢ wₐᵢ = 1,   0 ≤ vₐᵢ ≤ 1,
 * where the weights are the actor's saliences (or explicit weights) and the value of an issue
 * falls with the distance from the actor's position: linear loss 1 − d, quadratic 1 − d², with
 * d the distance as a share of the issue's scale. A discrete issue may instead carry an explicit
 * value per option (as GENIUS value tables do). Issues the actor takes no stance on and has no
 * value table for carry no weight. Pure.
 */
import type { Issue, IssueValue, Scenario } from "../scenario/types.js";

/** A point in the space of agreements: per issue (scenario order) a value on the issue's scale. */
export interface Outcome {
  /** values[i]: the number on issue i's scale (an option's place for discrete issues). */
  readonly values: readonly number[];
  /** options[i]: the option id for discrete issues, undefined for numeric ones. */
  readonly options: readonly (string | undefined)[];
}

export interface ActorPreference {
  readonly actor: string;
  /** Normalised issue weights in scenario issue order; all zero for an actor with no stakes. */
  readonly weights: readonly number[];
  /** Value (0–1) of an outcome on issue i. */
  value(issueIndex: number, value: number, option: string | undefined): number;
}

/** Why deals or the agreement forecast cannot be computed, as data (the report renders it in the reader's language). */
export type DealProblem =
  /** Issues without a reference point: the status quo, and so walk-away values, are undefined. */
  | { readonly kind: "no-reference"; readonly issues: readonly string[] }
  /** Issues a deal leaves unset although they have no reference point to stay at. */
  | { readonly kind: "unset-without-reference"; readonly issues: readonly string[] }
  | { readonly kind: "unknown-outside-option"; readonly actor: string; readonly deal: string }
  | { readonly kind: "invalid-rule"; readonly actor: string; readonly rule: "redLine" | "linkage"; readonly id: string }
  /** A linkage condition that reads utilities, which it defines. */
  | { readonly kind: "linkage-reads-utility"; readonly actor: string; readonly id: string };

export class DealError extends Error {
  override readonly name = "DealError";
  /** The problem as data, where it has a structure. */
  readonly problem: DealProblem | undefined;

  constructor(message: string, problem?: DealProblem) {
    super(message);
    this.problem = problem;
  }
}

/** Builds every actor's preference from its stances and the scenario's `preferences`. */
export function actorPreferences(scenario: Scenario): ActorPreference[] {
  return scenario.actors.map((actor) => {
    const preference = scenario.preferences[actor.id];
    const stances = scenario.stances[actor.id] ?? {};
    const tables = preference?.values ?? {};
    const raw = scenario.issues.map((issue) => {
      const hasValue = stances[issue.id] !== undefined || tables[issue.id] !== undefined;
      if (!hasValue) return 0;
      return Math.max(0, preference?.weights?.[issue.id] ?? stances[issue.id]?.salience.value ?? 0);
    });
    const total = raw.reduce((a, b) => a + b, 0);
    const weights = raw.map((w) => (total > 0 ? w / total : 0));
    const loss = preference?.loss ?? "linear";
    return {
      actor: actor.id,
      weights,
      value(issueIndex, value, option) {
        const issue = scenario.issues[issueIndex]!;
        const table = tables[issue.id];
        if (table && option !== undefined) return table[option] ?? 0;
        const stance = stances[issue.id];
        if (!stance) return 0;
        return distanceValue(issue, value, stance.position.value, loss);
      },
    };
  });
}

/** 1 − d or 1 − d², d = |x − ideal| as a share of the scale's width. */
export function distanceValue(issue: Pick<Issue, "min" | "max">, value: number, ideal: number, loss: "linear" | "quadratic"): number {
  const d = Math.min(1, Math.abs(value - ideal) / (issue.max - issue.min));
  return loss === "quadratic" ? 1 - d * d : 1 - d;
}

/** uₐ(o). */
export function utility(preference: ActorPreference, outcome: Outcome): number {
  let u = 0;
  preference.weights.forEach((w, i) => {
    if (w > 0) u += w * preference.value(i, outcome.values[i]!, outcome.options[i]);
  });
  return u;
}

/** The status quo: every issue at its reference point. */
export function statusQuo(scenario: Scenario): Outcome {
  const missing = scenario.issues.filter((i) => i.reference === undefined).map((i) => i.id);
  if (missing.length > 0) {
    throw new DealError(`issue(s) ${missing.join(", ")} have no reference point; deals and walk-away values need the status quo of every issue`, { kind: "no-reference", issues: missing });
  }
  return {
    values: scenario.issues.map((i) => i.reference!.value),
    options: scenario.issues.map((i) => i.reference!.option),
  };
}

/** The outcome a deal stands for: its values, and the reference point elsewhere. */
export function dealOutcome(scenario: Scenario, values: Readonly<Record<string, IssueValue>>): Outcome {
  const unset = scenario.issues.filter((i) => values[i.id] === undefined && i.reference === undefined).map((i) => i.id);
  if (unset.length > 0) {
    const one = unset.length === 1;
    throw new DealError(`the deal leaves ${unset.join(", ")} unset, and ${one ? "it has" : "they have"} no reference point (status quo) to stay at; give the deal a value for ${one ? "it" : "each"}`, { kind: "unset-without-reference", issues: unset });
  }
  return {
    values: scenario.issues.map((issue) => values[issue.id]?.value ?? issue.reference!.value),
    options: scenario.issues.map((issue) => (values[issue.id] ? values[issue.id]!.option : issue.reference!.option)),
  };
}
