/**
 * Evaluating a proposed deal: each actor's utility against its walk-away value, the scenario's
 * criteria and traps with a one-line reason each, and whose high-salience concerns the deal
 * moves toward or away from. Pure.
 */
import { evaluateRule, parseRule, type Rule, type RuleContext } from "../rules/index.js";
import type { Deal, IssueValue, Scenario } from "../scenario/types.js";
import { ruleSchemaOf } from "../scenario/rule-schema.js";
import { actorPreferences, DealError, reservationValues, statusQuo, utility, type ActorPreference, type Outcome } from "./preferences.js";

export interface ActorVerdict {
  readonly id: string;
  readonly utility: number;
  readonly reservation: number;
  readonly gain: number;
  readonly accepts: boolean;
}

export interface RuleVerdict {
  readonly id: string;
  readonly why: string;
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
  /** True when every actor accepts. */
  readonly acceptedByAll: boolean;
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
  readonly criteria: readonly { id: string; rule: Rule }[];
  readonly traps: readonly { id: string; rule: Rule }[];
}

export function dealContext(scenario: Scenario): DealContext {
  const preferences = actorPreferences(scenario);
  const schema = ruleSchemaOf(scenario);
  const compile = (entry: { id: string; rule: string }) => {
    const parsed = parseRule(entry.rule, schema);
    if (!parsed.ok) throw new DealError(`rule "${entry.id}" is invalid: ${parsed.errors.map((e) => e.message).join("; ")}`);
    return { id: entry.id, rule: parsed.rule };
  };
  return {
    scenario,
    preferences,
    reservations: reservationValues(scenario, preferences),
    criteria: scenario.criteria.map(compile),
    traps: scenario.traps.map(compile),
  };
}

/** The outcome a deal stands for: its values, and the reference point elsewhere. */
export function dealOutcome(scenario: Scenario, values: Readonly<Record<string, IssueValue>>): Outcome {
  const quo = scenario.issues.some((i) => values[i.id] === undefined) ? statusQuo(scenario) : undefined;
  return {
    values: scenario.issues.map((issue, i) => values[issue.id]?.value ?? quo!.values[i]!),
    options: scenario.issues.map((issue, i) => (values[issue.id] ? values[issue.id]!.option : quo!.options[i])),
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

/** Evaluates a deal (named, or any values) against a scenario. */
export function evaluateDeal(context: DealContext, deal: Pick<Deal, "id" | "values">, options: DealOptions = {}): DealEvaluation {
  const { scenario } = context;
  const outcome = dealOutcome(scenario, deal.values);
  const actors = scenario.actors.map((actor, a): ActorVerdict => {
    const u = utility(context.preferences[a]!, outcome);
    const reservation = context.reservations[a]!;
    // A tolerance keeps an actor indifferent between a deal and walking away from flipping on rounding.
    return { id: actor.id, utility: u, reservation, gain: u - reservation, accepts: u >= reservation - 1e-12 };
  });
  const ruleContext = makeRuleContext(scenario, outcome, actors);
  const threshold = options.concernSalience ?? 60;
  return {
    deal: deal.id,
    outcome: Object.fromEntries(scenario.issues.map((issue, i) => [issue.id, outcome.options[i] ?? outcome.values[i]!])),
    actors,
    criteria: context.criteria.map(({ id, rule }) => {
      const r = evaluateRule(rule, ruleContext);
      return { id, met: r.value, why: r.why };
    }),
    traps: context.traps.map(({ id, rule }) => {
      const r = evaluateRule(rule, ruleContext);
      return { id, triggered: r.value, why: r.why };
    }),
    concerns: concernShifts(scenario, outcome, threshold),
    acceptedByAll: actors.every((a) => a.accepts),
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

function makeRuleContext(scenario: Scenario, outcome: Outcome, actors: readonly ActorVerdict[]): RuleContext {
  const issueIndex = new Map(scenario.issues.map((issue, i) => [issue.id, i]));
  const actorIndex = new Map(scenario.actors.map((actor, a) => [actor.id, a]));
  const stance = (actor: string, issue: string) => scenario.stances[actor]?.[issue];
  return {
    value: (issue) => {
      const i = issueIndex.get(issue)!;
      return outcome.options[i] ?? outcome.values[i]!;
    },
    reference: (issue) => {
      const ref = scenario.issues[issueIndex.get(issue)!]?.reference;
      return ref === undefined ? undefined : (ref.option ?? ref.value);
    },
    position: (actor, issue) => {
      const s = stance(actor, issue);
      return s === undefined ? undefined : (s.position.option ?? s.position.value);
    },
    salience: (actor, issue) => stance(actor, issue)?.salience.value ?? 0,
    capability: (actor, issue) => {
      const a = scenario.actors[actorIndex.get(actor)!];
      if (!a) return undefined;
      return (issue !== undefined ? a.capabilityByIssue[issue] : undefined)?.value ?? a.capability.value;
    },
    utility: (actor) => actors[actorIndex.get(actor)!]!.utility,
    reservation: (actor) => actors[actorIndex.get(actor)!]!.reservation,
    optionPlace: (issue, option) => scenario.issues[issueIndex.get(issue)!]?.options.find((o) => o.id === option)?.place,
  };
}
