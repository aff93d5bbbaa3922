/**
 * Evaluating a proposed deal: each actor's utility against its walk-away value, the scenario's
 * criteria and traps with the reason for each (as data: reasons.ts puts them into words), and
 * whose high-salience concerns the deal moves toward or away from. Pure.
 */
import { outcomeRuleContext } from "../agreement/context.js";
import { agreementModel, judgeOutcome, type AgreementModel, type AgreementReason, type RedLineVerdict, type WalkAwaySource } from "../agreement/model.js";
import { evaluateRule, parseRule, type AcceptanceReason, type Reason, type Rule } from "../rules/index.js";
import type { Deal, IssueValue, Scenario } from "../scenario/types.js";
import { ruleSchemaOf } from "../scenario/rule-schema.js";
import { DealError, dealOutcome, type ActorPreference, type Outcome } from "./preferences.js";

export { dealOutcome } from "./preferences.js";

export interface ActorVerdict {
  readonly id: string;
  /** With linkage terms (docs/agreement.md). */
  readonly utility: number;
  /** Walk-away value: as written, an outside option's utility, or the status quo's. */
  readonly reservation: number;
  /** Where the walk-away value comes from. */
  readonly reservationSource: WalkAwaySource;
  readonly gain: number;
  /** Utility ≥ walk-away, no red line crossed, and the deal is not the status quo. */
  readonly accepts: boolean;
  /** Ids of the actor's red lines the deal crosses. */
  readonly redLinesCrossed: readonly string[];
  /** Every red line of the actor, in its order: met or crossed by the deal, with the reason. */
  readonly redLines: readonly RedLineVerdict[];
  /** Linkage terms that apply, with their utility. */
  readonly linkage: readonly { readonly id: string; readonly utility: number }[];
  /** Its signature is needed under the decision rule. */
  readonly signatory: boolean;
  readonly acceptance: AcceptanceReason;
}

export interface RuleVerdict {
  readonly id: string;
  readonly reason: Reason;
}

export interface ConcernShift {
  readonly actor: string;
  /** High-salience issues the deal moves toward the actor's position. */
  readonly toward: readonly string[];
  /** High-salience issues it moves away from it. */
  readonly away: readonly string[];
}

export interface DealEvaluation {
  readonly deal: string;
  /** The deal's value on every issue (issues it leaves out stay at the reference point). */
  readonly outcome: Readonly<Record<string, number | string>>;
  readonly actors: readonly ActorVerdict[];
  readonly criteria: readonly (RuleVerdict & { readonly met: boolean })[];
  readonly traps: readonly (RuleVerdict & { readonly triggered: boolean })[];
  readonly concerns: readonly ConcernShift[];
  /** True when every actor accepts (never for the status quo). */
  readonly acceptedByAll: boolean;
  /** True when the deal is an agreement under the scenario's decision rule. */
  readonly agreement: boolean;
  /** True when the deal leaves every issue at the status quo: no agreement. */
  readonly statusQuo: boolean;
  /** Why it is or is not an agreement. */
  readonly reason: AgreementReason;
}

export interface DealOptions {
  /** Salience from which an issue counts as an actor's concern (default 60). */
  readonly concernSalience?: number;
}

/** Everything about a scenario that does not change from deal to deal, computed once. */
export interface DealContext {
  readonly scenario: Scenario;
  readonly preferences: readonly ActorPreference[];
  readonly reservations: readonly number[];
  /** Linkage, red lines, walk-away values and the decision rule. */
  readonly agreement: AgreementModel;
  readonly criteria: readonly { id: string; rule: Rule }[];
  readonly traps: readonly { id: string; rule: Rule }[];
}

export function dealContext(scenario: Scenario): DealContext {
  const agreement = agreementModel(scenario);
  const schema = ruleSchemaOf(scenario);
  const compile = (entry: { id: string; rule: string }) => {
    const parsed = parseRule(entry.rule, schema);
    if (!parsed.ok) throw new DealError(`rule "${entry.id}" is invalid: ${parsed.errors.map((e) => e.message).join("; ")}`);
    return { id: entry.id, rule: parsed.rule };
  };
  return {
    scenario,
    preferences: agreement.preferences,
    reservations: agreement.reservations,
    agreement,
    criteria: scenario.criteria.map(compile),
    traps: scenario.traps.map(compile),
  };
}

export function findDeal(scenario: Scenario, id: string): Deal {
  const deal = scenario.deals.find((d) => d.id === id);
  if (!deal) {
    const known = scenario.deals.map((d) => d.id);
    throw new DealError(`unknown deal "${id}"; ${known.length > 0 ? `expected one of: ${known.join(", ")}` : "the scenario defines no deals"}`);
  }
  return deal;
}

/** A deal's value on one issue: a number on a numeric issue's scale, an option id, or as a scenario's deals hold it. */
export type DealValue = number | string | IssueValue;

/** A value `dealValuesOf` refuses, with the issue it was given for. */
export interface DealValueProblem {
  readonly issue: string;
  readonly message: string;
}

export class DealValuesError extends DealError {
  constructor(readonly problems: readonly DealValueProblem[]) {
    super(`invalid deal values: ${problems.map((p) => `${p.issue}: ${p.message}`).join("; ")}`);
  }
}

/**
 * A deal's values as the library, the CLI (`--set`) and the API take them — `{sanctions: 30, definition: "agreed"}`
 * — checked against the scenario's issues and turned into the scenario's own form. Throws DealValuesError
 * naming every unknown issue, unknown option and number off the scale.
 */
export function dealValuesOf(scenario: Scenario, raw: Readonly<Record<string, DealValue>>): Record<string, IssueValue> {
  const values: Record<string, IssueValue> = {};
  const problems: DealValueProblem[] = [];
  for (const [id, given] of Object.entries(raw)) {
    const issue = scenario.issues.find((i) => i.id === id);
    if (!issue) {
      problems.push({ issue: id, message: `unknown issue "${id}"; expected one of: ${scenario.issues.map((i) => i.id).join(", ")}` });
      continue;
    }
    const plain = typeof given === "object" && given !== null ? (issue.kind === "options" ? given.option : given.value) : given;
    if (issue.kind === "options") {
      const option = issue.options.find((o) => o.id === plain);
      if (option) values[id] = typeof given === "object" ? given : { value: option.place, option: option.id, evidence: [] };
      else problems.push({ issue: id, message: `expected one of: ${issue.options.map((o) => o.id).join(", ")}; got ${JSON.stringify(plain)}` });
    } else if (typeof plain !== "number" || !Number.isFinite(plain) || plain < issue.min || plain > issue.max) {
      problems.push({ issue: id, message: `expected a number from ${issue.min} to ${issue.max}; got ${JSON.stringify(plain)}` });
    } else values[id] = typeof given === "object" ? given : { value: plain, evidence: [] };
  }
  if (problems.length > 0) throw new DealValuesError(problems);
  return values;
}

/**
 * Evaluates a deal (named, or any values) against a scenario. Values may be plain (`{sanctions: 30,
 * definition: "agreed"}`) as `dealValuesOf` reads them; a bad value throws DealValuesError.
 */
export function evaluateDeal(context: DealContext, deal: { readonly id: string; readonly values: Readonly<Record<string, DealValue>> }, options: DealOptions = {}): DealEvaluation {
  const { scenario } = context;
  const outcome = dealOutcome(scenario, dealValuesOf(scenario, deal.values));
  const judgement = judgeOutcome(context.agreement, outcome);
  const actors = judgement.actors.map(
    (a): ActorVerdict => ({
      id: a.id,
      utility: a.utility,
      reservation: a.reservation,
      reservationSource: a.reservationSource,
      gain: a.gain,
      accepts: a.accepts,
      redLinesCrossed: a.crossed,
      redLines: a.redLines,
      linkage: a.linkage,
      signatory: a.required,
      acceptance: a.acceptance,
    }),
  );
  const ruleContext = outcomeRuleContext(scenario, outcome, {
    utility: (a) => actors[a]!.utility,
    reservation: (a) => actors[a]!.reservation,
    acceptance: (a) => ({ accepts: actors[a]!.accepts, reason: actors[a]!.acceptance }),
  });
  const threshold = options.concernSalience ?? 60;
  return {
    deal: deal.id,
    outcome: Object.fromEntries(scenario.issues.map((issue, i) => [issue.id, outcome.options[i] ?? outcome.values[i]!])),
    actors,
    criteria: context.criteria.map(({ id, rule }) => {
      const r = evaluateRule(rule, ruleContext);
      return { id, met: r.value, reason: r.reason };
    }),
    traps: context.traps.map(({ id, rule }) => {
      const r = evaluateRule(rule, ruleContext);
      return { id, triggered: r.value, reason: r.reason };
    }),
    concerns: concernShifts(scenario, outcome, threshold),
    acceptedByAll: actors.every((a) => a.accepts),
    agreement: judgement.agreement,
    statusQuo: judgement.statusQuo,
    reason: judgement.reason,
  };
}

function concernShifts(scenario: Scenario, outcome: Outcome, threshold: number): ConcernShift[] {
  return scenario.actors.map((actor) => {
    const toward: string[] = [];
    const away: string[] = [];
    scenario.issues.forEach((issue, i) => {
      const stance = scenario.stances[actor.id]?.[issue.id];
      const reference = issue.reference?.value;
      if (!stance || stance.salience.value < threshold || reference === undefined) return;
      const before = Math.abs(reference - stance.position.value);
      const after = Math.abs(outcome.values[i]! - stance.position.value);
      if (after < before) toward.push(issue.id);
      else if (after > before) away.push(issue.id);
    });
    return { actor: actor.id, toward, away };
  });
}
