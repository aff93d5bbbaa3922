/**
 * Who accepts an outcome, and whether that makes an agreement (docs/agreement.md).
 *
 * An actor's utility is its additive utility (`../deals/preferences.ts`, 0–1) plus the utility of every
 * linkage term whose condition holds: uₐ(o) = Σᵢ wₐᵢ·vₐᵢ(oᵢ) + Σₖ [whenₐₖ(o)]·δₐₖ. Its walk-away value is
 * the written `reservation`, the utility of its outside option (`reservation: {deal}`) or of the status quo,
 * all computed with the same uₐ, so gains stay comparable. An actor accepts an outcome when
 * uₐ(o) ≥ walk-away and the outcome meets every red line of the actor that holds; the outcome is an
 * agreement when the actors the decision rule needs accept it, and it is not the status quo. Pure.
 */
import { actorPreferences, DealError, dealOutcome, statusQuo, utility as additiveUtility, type ActorPreference, type Outcome } from "../deals/preferences.js";
import { evaluateRule, explainAcceptance, parseRule, type AcceptanceReason, type Reason, type Rule } from "../rules/index.js";
import { ruleSchemaOf } from "../scenario/rule-schema.js";
import type { Scenario } from "../scenario/types.js";
import { outcomeRuleContext } from "./context.js";
import { explainAgreement } from "./explain.js";
import { ruleDependencies, type RuleDependencies } from "./dependencies.js";

/** Utility differences below this count as indifference (an indifferent actor accepts). */
export const ACCEPT_TOLERANCE = 1e-9;

export interface CompiledRedLine {
  /** `ACTOR.lineId`, as conflicts name it. */
  readonly key: string;
  readonly id: string;
  readonly rule: Rule;
  /** Credibility as written (0–1). */
  readonly credibility: number;
  readonly dependencies: RuleDependencies;
}

export interface CompiledLinkage {
  readonly id: string;
  readonly rule: Rule;
  readonly utility: number;
  readonly dependencies: RuleDependencies;
}

/**
 * Where a walk-away value comes from: written, an outside option, the status quo, or — when some issue has
 * no reference point, so there is no status quo — `none`: 0, any agreement beats none (GENIUS's default reservation value).
 */
export type WalkAwaySource = "given" | "outside-option" | "status-quo" | "none";

/**
 * When a scenario has no status quo (some issue has no reference point): those issues, and the actors whose
 * walk-away value is therefore `none` (0: any agreement beats none) — those with neither a written
 * reservation nor an outside option. Undefined when there is a status quo or every actor has its own value.
 */
export function withoutStatusQuo(scenario: Scenario): { readonly issues: readonly string[]; readonly actors: readonly string[] } | undefined {
  const issues = scenario.issues.filter((i) => i.reference === undefined).map((i) => i.id);
  const actors = scenario.actors.filter((a) => !a.reservation && !a.outsideOption).map((a) => a.id);
  return issues.length > 0 && actors.length > 0 ? { issues, actors } : undefined;
}

/** Everything acceptance depends on, compiled once per scenario. */
export interface AgreementModel {
  readonly scenario: Scenario;
  /** Additive parts, per actor in scenario order. */
  readonly preferences: readonly ActorPreference[];
  readonly linkage: readonly (readonly CompiledLinkage[])[];
  readonly redLines: readonly (readonly CompiledRedLine[])[];
  /** Walk-away utility per actor. */
  readonly reservations: readonly number[];
  readonly reservationSources: readonly WalkAwaySource[];
  /** Per actor: its signature is needed (unanimity: everyone; veto: the veto players). */
  readonly required: readonly boolean[];
  /** Share of total capability the accepting actors must reach, when the rule has a threshold. */
  readonly threshold?: number;
  /** Each actor's share of total capability (for threshold rules). */
  readonly shares: readonly number[];
  /** The status quo, when every issue has a reference point. */
  readonly statusQuo?: Outcome;
}

/**
 * Which constraints are in force: per actor its walk-away value, and per red line (in the actor's order)
 * whether the line holds. Absent: everything in force, as written.
 */
export interface Constraints {
  readonly walkAway: readonly boolean[];
  readonly redLines: readonly (readonly boolean[])[];
}

export interface RedLineVerdict {
  readonly id: string;
  /** The outcome meets the line's condition. */
  readonly met: boolean;
  /** The line is in force (it holds in this draw, or as written). */
  readonly holds: boolean;
  readonly reason: Reason;
}

export interface ActorAcceptance {
  readonly id: string;
  readonly utility: number;
  /** The additive part of the utility. */
  readonly additive: number;
  /** Linkage terms that apply to the outcome, with their utility. */
  readonly linkage: readonly { readonly id: string; readonly utility: number }[];
  readonly reservation: number;
  readonly reservationSource: WalkAwaySource;
  readonly gain: number;
  /** utility ≥ walk-away value (or the walk-away value is not in force). */
  readonly aboveWalkAway: boolean;
  readonly redLines: readonly RedLineVerdict[];
  /** Ids of red lines in force that the outcome crosses. */
  readonly crossed: readonly string[];
  readonly accepts: boolean;
  /** Its signature is needed under the decision rule. */
  readonly required: boolean;
  /** Why it accepts or not. */
  readonly acceptance: AcceptanceReason;
  /** The same in one line of English with ids (explainAcceptance renders it with names). */
  readonly why: string;
}

export interface OutcomeJudgement {
  /** True when the outcome is an agreement under the decision rule. */
  readonly agreement: boolean;
  /** True when the outcome is the status quo (never an agreement). */
  readonly statusQuo: boolean;
  readonly actors: readonly ActorAcceptance[];
  /** Share of total capability held by the actors that accept. */
  readonly acceptingShare: number;
  readonly reason: AgreementReason;
  /** The same in one line of English with ids. */
  readonly why: string;
}

/** Why an outcome is an agreement or not. */
export type AgreementReason =
  | { readonly kind: "status-quo" }
  /** Every needed signature is there (`signatories`), and the capability threshold is reached if there is one. */
  | { readonly kind: "agreement"; readonly signatories: readonly string[]; readonly share?: CapabilityShare }
  /** Needed actors that do not accept, each with why; or, when all do, the threshold missed. */
  | { readonly kind: "no-agreement"; readonly refusing: readonly { readonly actor: string; readonly acceptance: AcceptanceReason }[]; readonly share?: CapabilityShare };

/** The share of capability the accepting actors hold, against the rule's threshold. */
export interface CapabilityShare {
  readonly value: number;
  readonly threshold: number;
  readonly reached: boolean;
}

/**
 * Compiles a scenario's preferences, linkage, red lines, walk-away values and decision rule. Given `compiled`,
 * a model of a scenario that differs only in its numbers (a Monte Carlo draw), its parsed rules are reused.
 */
export function agreementModel(scenario: Scenario, compiled?: AgreementModel): AgreementModel {
  // A draw's model reuses the compiled rules, so the schema is built only when a rule is parsed.
  let schema: ReturnType<typeof ruleSchemaOf> | undefined;
  const compile = (text: string, actor: string, kind: "redLine" | "linkage", id: string): Rule => {
    schema ??= ruleSchemaOf(scenario);
    const parsed = parseRule(text, schema);
    const what = `${kind === "redLine" ? "red line" : "linkage"} "${id}" of ${actor}`;
    if (!parsed.ok) throw new DealError(`${what} is invalid: ${parsed.errors.map((e) => e.message).join("; ")}`, { kind: "invalid-rule", actor, rule: kind, id });
    return parsed.rule;
  };
  const preferences = actorPreferences(scenario);
  const linkage = scenario.actors.map((actor, a) =>
    actor.linkage.map((term, k): CompiledLinkage => {
      const known = compiled?.linkage[a]?.[k];
      if (known) return { ...known, utility: term.utility.value };
      const rule = compile(term.when, actor.id, "linkage", term.id);
      const dependencies = ruleDependencies(rule);
      if (dependencies.utilities) throw new DealError(`linkage "${term.id}" of ${actor.id} uses utility, reservation, gain or accepts; a linkage condition defines utility and may not read it`, {
          kind: "linkage-reads-utility",
          actor: actor.id,
          id: term.id,
        });
      return { id: term.id, rule, utility: term.utility.value, dependencies };
    }),
  );
  const redLines = scenario.actors.map((actor, a) =>
    actor.redLines.map((line, k): CompiledRedLine => {
      const known = compiled?.redLines[a]?.[k];
      if (known) return { ...known, credibility: line.credibility.value };
      const rule = compile(line.rule, actor.id, "redLine", line.id);
      return { key: `${actor.id}.${line.id}`, id: line.id, rule, credibility: line.credibility.value, dependencies: ruleDependencies(rule) };
    }),
  );
  const hasReferences = scenario.issues.every((i) => i.reference !== undefined);
  const quo = hasReferences ? statusQuo(scenario) : undefined;
  const partial = { scenario, preferences, linkage };
  const reservationSources: WalkAwaySource[] = [];
  const reservations = scenario.actors.map((actor, a) => {
    if (actor.reservation) {
      reservationSources.push("given");
      return actor.reservation.value;
    }
    if (actor.outsideOption) {
      reservationSources.push("outside-option");
      const deal = scenario.deals.find((d) => d.id === actor.outsideOption!.deal);
      if (!deal) throw new DealError(`the outside option of ${actor.id} names the unknown deal "${actor.outsideOption.deal}"`, { kind: "unknown-outside-option", actor: actor.id, deal: actor.outsideOption.deal });
      return utilityOf(partial, a, dealOutcome(scenario, deal.values));
    }
    if (!quo) {
      reservationSources.push("none");
      return 0;
    }
    reservationSources.push("status-quo");
    return utilityOf(partial, a, quo);
  });
  const { decision } = scenario;
  const veto = new Set(decision.veto ?? []);
  const required = scenario.actors.map((actor) => (decision.kind === "unanimity" ? true : veto.has(actor.id)));
  const total = scenario.actors.reduce((sum, actor) => sum + actor.capability.value, 0);
  return {
    scenario,
    preferences,
    linkage,
    redLines,
    reservations,
    reservationSources,
    required,
    ...(decision.threshold !== undefined ? { threshold: decision.threshold } : {}),
    shares: scenario.actors.map((actor) => (total > 0 ? actor.capability.value / total : 0)),
    ...(quo ? { statusQuo: quo } : {}),
  };
}

type UtilityParts = Pick<AgreementModel, "scenario" | "preferences" | "linkage">;

function conditionHolds(model: Pick<AgreementModel, "scenario">, rule: Rule, outcome: Outcome): boolean {
  // Linkage conditions read no utilities (checked when compiled), so these never get called.
  const noUtility = (): number => Number.NaN;
  return evaluateRule(rule, outcomeRuleContext(model.scenario, outcome, { utility: noUtility, reservation: noUtility })).value;
}

function utilityOf(model: UtilityParts, actor: number, outcome: Outcome): number {
  let u = additiveUtility(model.preferences[actor]!, outcome);
  for (const term of model.linkage[actor]!) if (conditionHolds(model, term.rule, outcome)) u += term.utility;
  return u;
}

/** Actor `actor`'s utility of an outcome: the additive part plus the linkage terms that apply. */
export function actorUtility(model: AgreementModel, actor: number, outcome: Outcome): number {
  return utilityOf(model, actor, outcome);
}

/** Whether an outcome is the status quo (every issue at its reference point). */
export function isStatusQuo(model: AgreementModel, outcome: Outcome): boolean {
  const quo = model.statusQuo;
  if (!quo) return false;
  return quo.values.every((v, i) => (quo.options[i] !== undefined ? quo.options[i] === outcome.options[i] : Math.abs(v - outcome.values[i]!) <= 1e-9));
}

/** The decision rule applied to who accepts: every needed signature, and the capability threshold if any. */
export function decisionReached(model: Pick<AgreementModel, "required" | "threshold" | "shares">, accepts: readonly boolean[]): boolean {
  let share = 0;
  for (let a = 0; a < accepts.length; a++) {
    if (accepts[a]) share += model.shares[a]!;
    else if (model.required[a]) return false;
  }
  return model.threshold === undefined || share >= model.threshold - 1e-12;
}

/** Every actor's acceptance of an outcome and whether it is an agreement, each with its reason. */
export function judgeOutcome(model: AgreementModel, outcome: Outcome, constraints?: Constraints): OutcomeJudgement {
  const { scenario } = model;
  const quo = isStatusQuo(model, outcome);
  const utilities = scenario.actors.map((_, a) => actorUtility(model, a, outcome));
  const context = outcomeRuleContext(scenario, outcome, { utility: (a) => utilities[a]!, reservation: (a) => model.reservations[a]! });
  const actors = scenario.actors.map((actor, a): ActorAcceptance => {
    const u = utilities[a]!;
    const r = model.reservations[a]!;
    const walkAwayInForce = constraints?.walkAway[a] ?? true;
    const aboveWalkAway = !walkAwayInForce || u >= r - ACCEPT_TOLERANCE;
    const redLines = model.redLines[a]!.map((line, k): RedLineVerdict => {
      const result = evaluateRule(line.rule, context);
      return { id: line.id, met: result.value, holds: constraints?.redLines[a]?.[k] ?? true, reason: result.reason };
    });
    const crossed = redLines.filter((l) => l.holds && !l.met).map((l) => l.id);
    const additive = additiveUtility(model.preferences[a]!, outcome);
    const accepts = !quo && aboveWalkAway && crossed.length === 0;
    const acceptance = acceptanceReason(actor.id, quo, u, r, aboveWalkAway, redLines);
    return {
      id: actor.id,
      utility: u,
      additive,
      linkage: model.linkage[a]!.filter((term) => conditionHolds(model, term.rule, outcome)).map((term) => ({ id: term.id, utility: term.utility })),
      reservation: r,
      reservationSource: model.reservationSources[a]!,
      gain: u - r,
      aboveWalkAway,
      redLines,
      crossed,
      accepts,
      required: model.required[a]!,
      acceptance,
      why: explainAcceptance(acceptance),
    };
  });
  const accepts = actors.map((a) => a.accepts);
  const acceptingShare = actors.reduce((sum, a, i) => sum + (a.accepts ? model.shares[i]! : 0), 0);
  const agreement = !quo && decisionReached(model, accepts);
  const reason = agreementReason(model, quo, agreement, actors, acceptingShare);
  return { agreement, statusQuo: quo, actors, acceptingShare, reason, why: explainAgreement(reason) };
}

function acceptanceReason(actor: string, quo: boolean, u: number, r: number, aboveWalkAway: boolean, redLines: readonly RedLineVerdict[]): AcceptanceReason {
  if (quo) return { kind: "status-quo" };
  const crossed = redLines.filter((l) => l.holds && !l.met);
  if (crossed.length > 0) return { kind: "red-lines", actor, crossed: crossed.map((l) => ({ id: l.id, reason: l.reason })) };
  return { kind: "walk-away", utility: u, reservation: r, above: aboveWalkAway, redLines: redLines.length > 0 };
}

function agreementReason(model: AgreementModel, quo: boolean, agreement: boolean, actors: readonly ActorAcceptance[], share: number): AgreementReason {
  if (quo) return { kind: "status-quo" };
  const capability = model.threshold !== undefined ? { share: { value: share, threshold: model.threshold, reached: share >= model.threshold - 1e-12 } } : {};
  if (agreement) return { kind: "agreement", signatories: actors.filter((a) => a.required).map((a) => a.id), ...capability };
  const refusing = actors.filter((a) => a.required && !a.accepts).map((a) => ({ actor: a.id, acceptance: a.acceptance }));
  return { kind: "no-agreement", refusing, ...capability };
}

/** Fast acceptance of one outcome by one actor, as `judgeOutcome` decides it (no explanations built). */
export function acceptsOutcome(model: AgreementModel, actor: number, outcome: Outcome, constraints?: Constraints): boolean {
  if (isStatusQuo(model, outcome)) return false;
  if ((constraints?.walkAway[actor] ?? true) && actorUtility(model, actor, outcome) < model.reservations[actor]! - ACCEPT_TOLERANCE) return false;
  const lines = model.redLines[actor]!;
  if (lines.length === 0) return true;
  const utilities = (a: number): number => actorUtility(model, a, outcome);
  const context = outcomeRuleContext(model.scenario, outcome, { utility: utilities, reservation: (a) => model.reservations[a]! });
  return lines.every((line, k) => !(constraints?.redLines[actor]?.[k] ?? true) || evaluateRule(line.rule, context).value);
}

/** Whether an outcome is an agreement under the scenario's decision rule. */
export function isAgreement(model: AgreementModel, outcome: Outcome, constraints?: Constraints): boolean {
  if (isStatusQuo(model, outcome)) return false;
  return decisionReached(model, model.scenario.actors.map((_, a) => acceptsOutcome(model, a, outcome, constraints)));
}

/**
 * An outcome judged in many draws of one scenario (a named deal whose values carry no range): whether it
 * is the status quo, and the value of every linkage condition and red line that reads neither judgements
 * nor utilities, decided once (undefined where a draw must evaluate the rule).
 */
export interface FixedOutcome {
  readonly outcome: Outcome;
  readonly statusQuo: boolean;
  readonly linkage: readonly (readonly (boolean | undefined)[])[];
  readonly redLines: readonly (readonly (boolean | undefined)[])[];
}

const decidedOnce = (d: RuleDependencies): boolean => !d.utilities && !d.judgements;

/** Decides once what does not change from draw to draw about `outcome` (`model`: as written). */
export function fixOutcome(model: AgreementModel, outcome: Outcome): FixedOutcome {
  const context = outcomeRuleContext(model.scenario, outcome, { utility: () => Number.NaN, reservation: () => Number.NaN });
  return {
    outcome,
    statusQuo: isStatusQuo(model, outcome),
    linkage: model.linkage.map((terms) => terms.map((t) => (decidedOnce(t.dependencies) ? evaluateRule(t.rule, context).value : undefined))),
    redLines: model.redLines.map((lines) => lines.map((l) => (decidedOnce(l.dependencies) ? evaluateRule(l.rule, context).value : undefined))),
  };
}

/**
 * `isAgreement` of a fixed outcome under a draw's model (same scenario, other numbers): the same verdict,
 * without evaluating again the rules decided once.
 */
export function isAgreementFixed(model: AgreementModel, fixed: FixedOutcome, constraints?: Constraints): boolean {
  if (fixed.statusQuo) return false;
  const { outcome } = fixed;
  const utilities = model.scenario.actors.map((_, a) => {
    let u = additiveUtility(model.preferences[a]!, outcome);
    model.linkage[a]!.forEach((term, k) => {
      if (fixed.linkage[a]![k] ?? conditionHolds(model, term.rule, outcome)) u += term.utility;
    });
    return u;
  });
  let context: ReturnType<typeof outcomeRuleContext> | undefined;
  const accepts = model.scenario.actors.map((_, a) => {
    if ((constraints?.walkAway[a] ?? true) && utilities[a]! < model.reservations[a]! - ACCEPT_TOLERANCE) return false;
    return model.redLines[a]!.every((line, k) => {
      if (!(constraints?.redLines[a]?.[k] ?? true)) return true;
      const known = fixed.redLines[a]![k];
      if (known !== undefined) return known;
      context ??= outcomeRuleContext(model.scenario, outcome, { utility: (b) => utilities[b]!, reservation: (b) => model.reservations[b]! });
      return evaluateRule(line.rule, context).value;
    });
  });
  return decisionReached(model, accepts);
}

/** Each actor's walk-away utility: as written, its outside option's utility, or the status quo's. */
export function reservationValues(scenario: Scenario): number[] {
  return [...agreementModel(scenario).reservations];
}
