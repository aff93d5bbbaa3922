/**
 * Reasons (reason.ts) in words: names instead of ids, option labels, units, in English or
 * Chinese. The labels come from the caller (see src/deals/reasons.ts for a scenario's); without
 * them, ids and plain numbers stand in.
 */

import { reasonWords, type ReasonWords } from "../i18n/reasons.js";
import { formatNumber } from "./format.js";
import type { AcceptanceReason, Reason, ReasonCase, ReasonDomain, ReasonValue, Term, UnknownCause } from "./reason.js";

export type ReasonLanguage = "en" | "zh";

/** Names for what reasons mention. */
export interface ReasonLabels {
  readonly actor: (id: string) => string;
  readonly issue: (id: string) => string;
  /**
   * A value on an issue in words: an option's label, or a number with the issue's unit. `described`:
   * the value the deal or data has (not a threshold written in the rule), which may add what it means.
   */
  readonly value: (issue: string | undefined, value: number | string, described: boolean) => string;
  readonly redLine: (actor: string, id: string) => string;
}

/** Ids for names and plain numbers: for logs and tests without a scenario. */
export const ID_LABELS: ReasonLabels = {
  actor: (id) => id,
  issue: (id) => id,
  value: (_issue, value) => (typeof value === "number" ? formatNumber(value) : value),
  redLine: (_actor, id) => id,
};

/** A rule's reason as one sentence. */
export function explainReason(reason: Reason, labels: ReasonLabels = ID_LABELS, language: ReasonLanguage = "en"): string {
  const words = reasonWords[language];
  return words.sentence(new Explainer(labels, words).reason(reason));
}

/** Why an actor accepts a deal or not, as a phrase. */
export function explainAcceptance(acceptance: AcceptanceReason, labels: ReasonLabels = ID_LABELS, language: ReasonLanguage = "en"): string {
  return new Explainer(labels, reasonWords[language]).acceptance(acceptance);
}

/** Numbers of utility, to three decimals as the deal tables show them. */
function utilityNumber(value: number): string {
  return value.toFixed(3);
}

class Explainer {
  constructor(
    private readonly labels: ReasonLabels,
    private readonly words: ReasonWords,
  ) {}

  reason(reason: Reason): string {
    const w = this.words;
    switch (reason.kind) {
      case "compare": {
        const issue = issueOf(reason.subject) ?? issueOf(reason.expected);
        const subject = this.withValue(reason.subject);
        if (reason.expected.kind === "option" && (reason.operator === "==") === reason.met) return subject;
        return w.compared(subject, w.relation(reason.operator, reason.met, this.expected(reason.expected, issue)));
      }
      case "member": {
        const issue = issueOf(reason.subject);
        return w.member(this.withValue(reason.subject), reason.found, w.list(reason.items.map((item) => this.expected(item, issue))));
      }
      case "and":
      case "or":
        return w.parts(reason.reasons.map((part) => this.reason(part)));
      case "not":
        return this.reason(reason.reason);
      case "direction": {
        const issue = this.labels.issue(reason.issue);
        const actor = this.labels.actor(reason.actor);
        if (reason.unknown) return w.undecided(reason.direction, issue, actor, this.cause(reason.unknown));
        const place = (value: ReasonValue) => this.value(reason.issue, value, true);
        return w.direction(reason.direction, reason.met, issue, actor, place(reason.reference), place(reason.deal), place(reason.position));
      }
      case "accepts": {
        const actor = this.labels.actor(reason.actor);
        if (reason.unknown) return w.unknown(w.utility(actor), this.cause(reason.unknown));
        const why =
          reason.acceptance !== undefined
            ? this.acceptance(reason.acceptance)
            : w.walkAway(utilityNumber(reason.utility ?? Number.NaN), reason.met, utilityNumber(reason.reservation ?? Number.NaN), false);
        return w.accepts(actor, reason.met, why);
      }
      case "case": {
        const which = this.case(reason.case);
        const why = this.reason(reason.reason);
        return reason.quantifier === "any" ? w.anyCase(which, why) : w.allFail(which, why);
      }
      case "cases": {
        const domains = this.domains(reason.domains);
        return reason.quantifier === "any" ? w.noCase(reason.total, domains) : w.allCases(reason.total, domains);
      }
      case "unknown":
        return w.unknown(this.term(reason.term), this.cause(reason.term.unknown ?? reason.unknown ?? { kind: "invalid" }));
      case "budget":
        return w.budget(reason.steps);
    }
  }

  acceptance(acceptance: AcceptanceReason): string {
    const w = this.words;
    switch (acceptance.kind) {
      case "status-quo":
        return w.statusQuo;
      case "red-lines":
        return w.parts(acceptance.crossed.map((line) => w.crosses(this.labels.redLine(acceptance.actor, line.id), this.reason(line.reason))));
      case "walk-away":
        return w.walkAway(utilityNumber(acceptance.utility), acceptance.above, utilityNumber(acceptance.reservation), acceptance.redLines);
    }
  }

  /** A term in words, without its value. */
  private term(term: Term): string {
    const w = this.words;
    const l = this.labels;
    switch (term.kind) {
      case "number":
        return formatNumber(term.value);
      case "option":
        return l.value(term.issue, term.value, false);
      case "deal":
        return w.deal(l.issue(term.issue));
      case "reference":
        return w.reference(l.issue(term.issue));
      case "moved":
        return w.moved(l.issue(term.issue));
      case "position":
        return w.position(l.actor(term.actor), l.issue(term.issue));
      case "salience":
        return w.salience(l.actor(term.actor), l.issue(term.issue));
      case "capability":
        return w.capability(l.actor(term.actor), term.issue === undefined ? undefined : l.issue(term.issue));
      case "utility":
        return w.utility(l.actor(term.actor));
      case "reservation":
        return w.reservation(l.actor(term.actor));
      case "gain":
        return w.gain(l.actor(term.actor));
      case "arithmetic":
        return this.formula(term);
      case "count":
        return w.count(this.domains(term.domains));
      case "condition":
        return this.reason(term.reason);
    }
  }

  /** Arithmetic with names: |a − b|, min(a, b), a + b. */
  private formula(term: Extract<Term, { kind: "arithmetic" }>): string {
    // Brackets only where a binary operation is an operand of another one.
    const nested = !isFunction(term.operator);
    const parts = term.operands.map((operand) => (nested && operand.kind === "arithmetic" && !isFunction(operand.operator) ? `(${this.term(operand)})` : this.term(operand)));
    switch (term.operator) {
      case "abs":
        return `|${parts[0] ?? ""}|`;
      case "min":
      case "max":
        return `${term.operator}(${parts.join(", ")})`;
      case "negate":
        return `−${parts[0] ?? ""}`;
      case "-":
        return parts.join(" − ");
      case "*":
        return parts.join(" × ");
      case "/":
        return parts.join(" ÷ ");
      case "+":
        return parts.join(" + ");
    }
  }

  /** "A is 5 (what it means)": a term with the value it had. */
  private withValue(term: Term): string {
    const w = this.words;
    if (term.kind === "number" || term.kind === "option") return this.term(term);
    if (term.kind === "condition") return this.reason(term.reason);
    if (term.unknown || term.value === null) return w.unknown(this.term(term), this.cause(term.unknown ?? { kind: "invalid" }));
    const issue = issueOf(term);
    // Only a place on an issue's scale gets the issue's unit and meaning; a difference gets the unit alone.
    const onScale = term.kind === "deal" || term.kind === "reference" || term.kind === "position";
    const unitIssue = onScale || term.kind === "moved" || term.kind === "arithmetic" ? issue : undefined;
    let value = typeof term.value === "boolean" ? String(term.value) : this.value(unitIssue, term.value, onScale);
    const details: string[] = [];
    if (term.kind === "moved" && term.from !== undefined && term.to !== undefined) details.push(w.movedDetail(this.value(issue, term.from, true), this.value(issue, term.to, true)));
    if (term.kind === "salience" && term.noStance) details.push(w.noStance(this.labels.actor(term.actor), this.labels.issue(term.issue)));
    if (term.kind === "capability" && term.missing) details.push(w.noCapability(this.labels.actor(term.actor)));
    if (term.kind === "gain" && term.utility !== undefined && term.reservation !== undefined) details.push(w.gainDetail(utilityNumber(term.utility), utilityNumber(term.reservation)));
    if (term.kind === "count" && term.cases.length > 0) details.push(`${w.list(term.cases.map((c) => this.case(c)))}${term.value > term.cases.length ? " …" : ""}`);
    if (term.kind === "arithmetic") details.push(...this.sources(term).map((source) => this.withValue(source)));
    if (details.length > 0) value = w.detail(value, w.parts(details));
    return w.is(this.term(term), value);
  }

  /** The data terms an arithmetic term was computed from, each once. */
  private sources(term: Extract<Term, { kind: "arithmetic" }>): Term[] {
    return term.operands.flatMap((operand) => (operand.kind === "arithmetic" ? this.sources(operand) : operand.kind === "number" || operand.kind === "option" ? [] : [operand]));
  }

  /** The other side of a comparison: a threshold as written, or a data term with its value. */
  private expected(term: Term, issue: string | undefined): string {
    if (term.kind === "number") return this.value(issue, term.value, false);
    if (term.kind === "option") return this.term(term);
    if (term.kind === "condition") return this.reason(term.reason);
    const value = term.value === null ? "?" : typeof term.value === "boolean" ? String(term.value) : this.value(issueOf(term), term.value, true);
    return this.words.detail(this.term(term), value);
  }

  private value(issue: string | undefined, value: ReasonValue, described: boolean): string {
    if (value === null) return "?";
    if (typeof value === "boolean") return String(value);
    return this.labels.value(issue, value, described);
  }

  private case(which: ReasonCase): string {
    const [first, second] = which;
    const name = (binding: ReasonCase[number]) => (binding.kind === "actor" ? this.labels.actor(binding.id) : this.labels.issue(binding.id));
    if (which.length === 2 && first?.kind === "actor" && second?.kind === "issue") return this.words.onIssue(name(first), name(second));
    return which.length === 1 ? name(which[0]!) : `(${which.map(name).join(", ")})`;
  }

  private domains(domains: readonly ReasonDomain[]): string {
    const w = this.words;
    return w.domains(
      domains.map((domain) => {
        if (domain.over === "actors") return w.everyActor;
        if (domain.over === "issues") return w.everyIssue;
        return w.list(domain.over.map((id) => (domain.kind === "actor" ? this.labels.actor(id) : this.labels.issue(id))));
      }),
    );
  }

  private cause(cause: UnknownCause): string {
    const w = this.words;
    const l = this.labels;
    switch (cause.kind) {
      case "no-deal-value":
        return w.noDealValue(l.issue(cause.issue));
      case "no-reference":
        return w.noReference(l.issue(cause.issue));
      case "no-position":
        return w.noPosition(l.actor(cause.actor), l.issue(cause.issue));
      case "no-place":
        return w.noPlace(l.value(cause.issue, cause.option, false), l.issue(cause.issue));
      case "not-a-number":
        return w.notANumber;
      case "division-by-zero":
        return w.divisionByZero;
      case "invalid":
        return w.invalid;
    }
  }
}

function isFunction(operator: Extract<Term, { kind: "arithmetic" }>["operator"]): boolean {
  return operator === "abs" || operator === "min" || operator === "max" || operator === "negate";
}

/** The issue a term's values are on, when it has one. */
function issueOf(term: Term): string | undefined {
  switch (term.kind) {
    case "option":
    case "deal":
    case "reference":
    case "moved":
    case "position":
      return term.issue;
    case "arithmetic": {
      for (const operand of term.operands) {
        const issue = issueOf(operand);
        if (issue !== undefined) return issue;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}
