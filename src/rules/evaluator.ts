/**
 * Evaluates a checked rule against one deal and says why, as data (reason.ts), keeping only the
 * values that decided it. Evaluation is total: missing data gives a defined result (see
 * docs/rules.md, "Missing data"), and work is bounded by the quantifier limit checked at parse
 * time plus a step budget.
 */

import type { CompareOperator } from "./lexer.js";
import { MAX_EVALUATION_STEPS } from "./limits.js";
import { actorId, issueId, type Environment } from "./format.js";
import type { AcceptanceReason, Reason, ReasonCase, ReasonDomain, ReasonValue, RuleResult, Term, UnknownCause } from "./reason.js";
import type { Expr, ResolvedBinding, Rule } from "./resolved.js";

/** Everything the evaluator may ask about one proposed deal; supplied by the caller. */
export interface RuleContext {
  /** The deal's value: a number on the issue's scale, or an option id. */
  value(issue: string): number | string;
  reference(issue: string): number | string | undefined;
  position(actor: string, issue: string): number | string | undefined;
  salience(actor: string, issue: string): number | undefined;
  capability(actor: string, issue?: string): number | undefined;
  utility(actor: string): number;
  reservation(actor: string): number;
  /** Place of an option on the issue's scale, for moved/toward/against on option issues. */
  optionPlace?(issue: string, option: string): number | undefined;
  /**
   * Whether the actor accepts the deal when more than utility ≥ reservation decides it (red lines, the
   * status quo being no agreement; docs/agreement.md), with the reason. Absent, or returning
   * undefined: accepts is utility ≥ reservation.
   */
  acceptance?(actor: string): { readonly accepts: boolean; readonly reason: AcceptanceReason } | undefined;
}

/** A value during evaluation. `unknown` carries the cause, for the reason. */
type Value =
  | { readonly kind: "number"; readonly value: number }
  | { readonly kind: "option"; readonly id: string }
  | { readonly kind: "boolean"; readonly value: boolean }
  | { readonly kind: "unknown"; readonly cause: UnknownCause };

/** A value and the term that explains it; conditions also carry their reason. */
interface Outcome {
  readonly value: Value;
  readonly term: Term;
  readonly reason?: Reason;
}

/** Raised when the step budget runs out; caught in {@link evaluateRule}. */
class BudgetExhausted extends Error {}

/** Evaluates `rule` for the deal described by `context`. */
export function evaluateRule(rule: Rule, context: RuleContext): RuleResult {
  const evaluator = new Evaluator(rule, context);
  try {
    const outcome = evaluator.evaluate(rule.condition, new Map());
    const value = isTrue(outcome);
    return { value, reason: outcome.reason ?? { kind: "unknown", term: outcome.term, met: false } };
  } catch (error) {
    if (!(error instanceof BudgetExhausted)) throw error;
    return { value: false, reason: { kind: "budget", steps: MAX_EVALUATION_STEPS, met: false } };
  }
}

const TRUE: Value = { kind: "boolean", value: true };
const FALSE: Value = { kind: "boolean", value: false };

function bool(value: boolean): Value {
  return value ? TRUE : FALSE;
}

function isTrue(outcome: Outcome): boolean {
  return outcome.value.kind === "boolean" && outcome.value.value;
}

/** A condition's outcome from its reason. */
function condition(reason: Reason): Outcome {
  return { value: bool(reason.met), term: { kind: "condition", value: reason.met, reason }, reason };
}

/** A number from the caller, or unknown when it is missing or not a finite number. */
function numberValue(raw: unknown, missing: UnknownCause): Value {
  return typeof raw === "number" && Number.isFinite(raw) ? { kind: "number", value: raw } : { kind: "unknown", cause: missing };
}

/** Two numbers equal up to floating-point noise. */
function nearlyEqual(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** A value as a reason records it. */
function raw(value: Value): ReasonValue {
  switch (value.kind) {
    case "number":
      return value.value;
    case "option":
      return value.id;
    case "boolean":
      return value.value;
    case "unknown":
      return null;
  }
}

/** The cause to record beside a term, if its value is unknown. */
function cause(value: Value): { unknown?: UnknownCause } {
  return value.kind === "unknown" ? { unknown: value.cause } : {};
}

class Evaluator {
  private steps = 0;

  constructor(
    private readonly rule: Rule,
    private readonly context: RuleContext,
  ) {}

  /** Evaluates any expression in the quantifier environment `environment`. */
  evaluate(expr: Expr, environment: Environment): Outcome {
    this.steps += 1;
    if (this.steps > MAX_EVALUATION_STEPS) throw new BudgetExhausted();
    switch (expr.kind) {
      case "number":
        return { value: { kind: "number", value: expr.value }, term: { kind: "number", value: expr.value } };
      case "option":
        return { value: { kind: "option", id: expr.option }, term: { kind: "option", issue: expr.issue, value: expr.option } };
      case "issueQuery":
        return this.issueQuery(expr, environment);
      case "stanceQuery":
        return this.stanceQuery(expr, environment);
      case "capability":
        return this.capability(expr, environment);
      case "actorQuery":
        return this.actorQuery(expr, environment);
      case "math":
      case "negate":
      case "arithmetic":
        return this.arithmetic(expr, environment);
      case "compare":
        return this.compare(expr, environment);
      case "member":
        return this.member(expr, environment);
      case "logic":
        return this.logic(expr, environment);
      case "not": {
        const inner = this.evaluate(expr.operand, environment);
        const reason = inner.reason ?? { kind: "unknown", term: inner.term, met: false };
        return condition({ kind: "not", reason, met: !isTrue(inner) });
      }
      case "quantifier":
        return this.quantifier(expr, environment);
      case "invalid": {
        const value: Value = { kind: "unknown", cause: { kind: "invalid" } };
        return { value, term: { kind: "number", value: Number.NaN, unknown: { kind: "invalid" } } };
      }
    }
  }

  // ── data lookups ─────────────────────────────────────────────────────────────────

  /** The deal's value on an issue, checked against the issue's kind. */
  private dealValue(issue: string): Value {
    return this.typedValue(issue, this.context.value(issue), { kind: "no-deal-value", issue });
  }

  private referenceValue(issue: string): Value {
    return this.typedValue(issue, this.context.reference(issue), { kind: "no-reference", issue });
  }

  /** A value from the caller as a number (numeric issue) or option id (option issue). */
  private typedValue(issue: string, raw: unknown, missing: UnknownCause): Value {
    if (this.rule.issueKinds.get(issue) === "options") {
      return typeof raw === "string" ? { kind: "option", id: raw } : { kind: "unknown", cause: missing };
    }
    return numberValue(raw, missing);
  }

  /** A value's place on the issue's scale: the number itself, or the option's place. */
  private place(issue: string, value: Value): Value {
    if (value.kind !== "option") return value;
    const place = this.context.optionPlace?.(issue, value.id);
    return numberValue(place, { kind: "no-place", issue, option: value.id });
  }

  /** deal(i), the bare issue name, reference(i), moved(i). */
  private issueQuery(expr: Extract<Expr, { kind: "issueQuery" }>, environment: Environment): Outcome {
    const issue = issueId(expr.issue, environment);
    if (expr.fn === "deal") {
      const value = this.dealValue(issue);
      return { value, term: { kind: "deal", issue, value: raw(value), ...cause(value) } };
    }
    const reference = this.referenceValue(issue);
    if (expr.fn === "reference") return { value: reference, term: { kind: "reference", issue, value: raw(reference), ...cause(reference) } };
    const deal = this.dealValue(issue);
    const from = this.place(issue, reference);
    const to = this.place(issue, deal);
    const unknown = [from, to].find((value) => value.kind === "unknown");
    const moved: Value = unknown ?? (from.kind === "number" && to.kind === "number" ? { kind: "number", value: to.value - from.value } : { kind: "unknown", cause: { kind: "not-a-number", issue } });
    return { value: moved, term: { kind: "moved", issue, value: raw(moved), from: raw(reference), to: raw(deal), ...cause(moved) } };
  }

  /** position, salience, toward, against. */
  private stanceQuery(expr: Extract<Expr, { kind: "stanceQuery" }>, environment: Environment): Outcome {
    const actor = actorId(expr.actor, environment);
    const issue = issueId(expr.issue, environment);
    if (expr.fn === "salience") {
      const given = this.context.salience(actor, issue);
      const value = given === undefined ? ({ kind: "number", value: 0 } as const) : numberValue(given, { kind: "not-a-number", actor, issue });
      return { value, term: { kind: "salience", actor, issue, value: raw(value), ...(given === undefined ? { noStance: true } : {}), ...cause(value) } };
    }
    const position = this.typedValue(issue, this.context.position(actor, issue), { kind: "no-position", actor, issue });
    if (expr.fn === "position") return { value: position, term: { kind: "position", actor, issue, value: raw(position), ...cause(position) } };
    return condition(this.direction(expr.fn, actor, issue, position));
  }

  /** toward/against: does the deal move the issue from the reference strictly closer to / farther from the actor? */
  private direction(direction: "toward" | "against", actor: string, issue: string, position: Value): Reason {
    const reference = this.referenceValue(issue);
    const deal = this.dealValue(issue);
    const [from, to, at] = [reference, deal, position].map((value) => this.place(issue, value));
    const values = { direction, actor, issue, reference: raw(reference), deal: raw(deal), position: raw(position) } as const;
    if (from?.kind !== "number" || to?.kind !== "number" || at?.kind !== "number") {
      const unknown = [from, to, at].find((value) => value?.kind === "unknown");
      return { kind: "direction", ...values, met: false, unknown: unknown?.kind === "unknown" ? unknown.cause : { kind: "not-a-number", issue } };
    }
    const before = Math.abs(from.value - at.value);
    const after = Math.abs(to.value - at.value);
    const met = !nearlyEqual(after, before) && (direction === "toward" ? after < before : after > before);
    return { kind: "direction", ...values, met };
  }

  /** capability(actor[, issue]); a missing capability counts as 0. */
  private capability(expr: Extract<Expr, { kind: "capability" }>, environment: Environment): Outcome {
    const actor = actorId(expr.actor, environment);
    const issue = expr.issue && issueId(expr.issue, environment);
    const given = issue === undefined ? this.context.capability(actor) : this.context.capability(actor, issue);
    const value = given === undefined ? ({ kind: "number", value: 0 } as const) : numberValue(given, { kind: "not-a-number", actor });
    const term: Term = { kind: "capability", actor, ...(issue !== undefined ? { issue } : {}), value: raw(value), ...(given === undefined ? { missing: true } : {}), ...cause(value) };
    return { value, term };
  }

  /** utility, reservation, gain, accepts. */
  private actorQuery(expr: Extract<Expr, { kind: "actorQuery" }>, environment: Environment): Outcome {
    const actor = actorId(expr.actor, environment);
    const utility = numberValue(this.context.utility(actor), { kind: "not-a-number", actor });
    const reservation = numberValue(this.context.reservation(actor), { kind: "not-a-number", actor });
    if (expr.fn === "utility" || expr.fn === "reservation") {
      const value = expr.fn === "utility" ? utility : reservation;
      return { value, term: { kind: expr.fn, actor, value: raw(value), ...cause(value) } };
    }
    if (utility.kind !== "number" || reservation.kind !== "number") {
      const unknown = utility.kind === "unknown" ? utility : reservation;
      if (expr.fn === "gain") return { value: unknown, term: { kind: "gain", actor, value: null, ...cause(unknown) } };
      return condition({ kind: "accepts", actor, met: false, ...cause(unknown) });
    }
    const numbers = { utility: utility.value, reservation: reservation.value };
    if (expr.fn === "gain") {
      const gain = utility.value - reservation.value;
      return { value: { kind: "number", value: gain }, term: { kind: "gain", actor, value: gain, ...numbers } };
    }
    const judged = this.context.acceptance?.(actor);
    if (judged !== undefined) return condition({ kind: "accepts", actor, met: judged.accepts, acceptance: judged.reason });
    const met = utility.value >= reservation.value || nearlyEqual(utility.value, reservation.value);
    return condition({ kind: "accepts", actor, met, ...numbers });
  }

  // ── arithmetic ───────────────────────────────────────────────────────────────────

  /** +, -, *, /, unary minus, abs, min, max. */
  private arithmetic(expr: Extract<Expr, { kind: "math" | "negate" | "arithmetic" }>, environment: Environment): Outcome {
    const operands = expr.kind === "math" ? expr.args : expr.kind === "negate" ? [expr.operand] : [expr.left, expr.right];
    const outcomes = operands.map((operand) => this.evaluate(operand, environment));
    const operator = expr.kind === "math" ? expr.fn : expr.kind === "negate" ? "negate" : expr.operator;
    const terms = outcomes.map((outcome) => outcome.term);
    const unknown = outcomes.find((outcome) => outcome.value.kind !== "number");
    if (unknown) {
      const value: Value = unknown.value.kind === "unknown" ? unknown.value : { kind: "unknown", cause: { kind: "not-a-number" } };
      return { value, term: { kind: "arithmetic", operator, operands: terms, value: null, ...cause(value) } };
    }
    const numbers = outcomes.map((outcome) => (outcome.value.kind === "number" ? outcome.value.value : 0));
    const result = this.computeArithmetic(expr, numbers);
    const value: Value = result === undefined ? { kind: "unknown", cause: { kind: "division-by-zero" } } : { kind: "number", value: result };
    return { value, term: { kind: "arithmetic", operator, operands: terms, value: raw(value), ...cause(value) } };
  }

  /** The number an arithmetic expression yields; undefined on division by zero. */
  private computeArithmetic(expr: Extract<Expr, { kind: "math" | "negate" | "arithmetic" }>, numbers: readonly number[]): number | undefined {
    const [a = 0, b = 0] = numbers;
    if (expr.kind === "negate") return -a;
    if (expr.kind === "math") {
      if (expr.fn === "abs") return Math.abs(a);
      return expr.fn === "min" ? Math.min(...numbers) : Math.max(...numbers);
    }
    switch (expr.operator) {
      case "+":
        return a + b;
      case "-":
        return a - b;
      case "*":
        return a * b;
      case "/":
        return b === 0 ? undefined : a / b;
    }
  }

  // ── comparisons and logic ────────────────────────────────────────────────────────

  /** a op b; an unknown side makes the comparison false. */
  private compare(expr: Extract<Expr, { kind: "compare" }>, environment: Environment): Outcome {
    const left = this.evaluate(expr.left, environment);
    const right = this.evaluate(expr.right, environment);
    const unknown = [left, right].find((outcome) => outcome.value.kind === "unknown");
    if (unknown) return condition({ kind: "unknown", term: unknown.term, met: false });
    const met = compareValues(expr.operator, left.value, right.value);
    return condition({ kind: "compare", subject: left.term, operator: expr.operator, expected: right.term, met });
  }

  /** x in [..] / x not in [..]. */
  private member(expr: Extract<Expr, { kind: "member" }>, environment: Environment): Outcome {
    const subject = this.evaluate(expr.subject, environment);
    if (subject.value.kind === "unknown") return condition({ kind: "unknown", term: subject.term, met: false });
    const items = expr.items.map((item) => this.evaluate(item, environment));
    const found = items.some((item) => compareValues("==", subject.value, item.value));
    return condition({ kind: "member", subject: subject.term, items: items.map((item) => item.term), negated: expr.negated, found, met: found !== expr.negated });
  }

  /** and/or, short-circuiting; the reason keeps only the operands that decided. */
  private logic(expr: Extract<Expr, { kind: "logic" }>, environment: Environment): Outcome {
    const decisive = expr.operator === "or";
    const seen: Reason[] = [];
    for (const operand of expr.operands) {
      const outcome = this.evaluate(operand, environment);
      const reason = outcome.reason ?? { kind: "unknown", term: outcome.term, met: false };
      if (isTrue(outcome) === decisive) return condition({ kind: expr.operator, reasons: [reason], met: decisive });
      seen.push(reason);
    }
    return condition({ kind: expr.operator, reasons: seen, met: !decisive });
  }

  // ── quantifiers ──────────────────────────────────────────────────────────────────

  /** any / all / count over every combination of the bindings, in order. */
  private quantifier(expr: Extract<Expr, { kind: "quantifier" }>, environment: Environment): Outcome {
    const cases: ReasonCase[] = [];
    let matched = 0;
    let total = 0;
    for (const inner of combinations(expr.bindings, environment)) {
      total += 1;
      const outcome = this.evaluate(expr.body, inner);
      const holds = isTrue(outcome);
      if ((expr.quantifier === "any" && holds) || (expr.quantifier === "all" && !holds)) {
        const reason = outcome.reason ?? { kind: "unknown", term: outcome.term, met: false };
        return condition({ kind: "case", quantifier: expr.quantifier, case: caseOf(expr.bindings, inner), reason, met: holds });
      }
      if (holds) {
        matched += 1;
        if (cases.length < MAX_LISTED_CASES) cases.push(caseOf(expr.bindings, inner));
      }
    }
    const domains = expr.bindings.map(domainOf);
    if (expr.quantifier === "count") return { value: { kind: "number", value: matched }, term: { kind: "count", value: matched, total, cases, domains } };
    return condition({ kind: "cases", quantifier: expr.quantifier, total, domains, met: expr.quantifier === "all" });
  }
}

/** How many matching cases a count's reason lists. */
const MAX_LISTED_CASES = 6;

/** Every assignment of the bindings' values, first binding varying slowest. */
function* combinations(bindings: readonly ResolvedBinding[], environment: Environment): Generator<Environment> {
  const [first, ...rest] = bindings;
  if (!first) {
    yield environment;
    return;
  }
  for (const value of first.values) {
    const inner = new Map(environment);
    inner.set(first.name, value);
    yield* combinations(rest, inner);
  }
}

function caseOf(bindings: readonly ResolvedBinding[], environment: Environment): ReasonCase {
  return bindings.map((binding) => ({ name: binding.name, kind: binding.kind, id: environment.get(binding.name) ?? binding.name }));
}

function domainOf(binding: ResolvedBinding): ReasonDomain {
  const over = binding.source === "actors" || binding.source === "issues" ? binding.source : binding.values;
  return { name: binding.name, kind: binding.kind, over };
}

/** Whether `left operator right` holds for two known values of matching kinds. */
function compareValues(operator: CompareOperator, left: Value, right: Value): boolean {
  if (left.kind === "number" && right.kind === "number") {
    const equal = nearlyEqual(left.value, right.value);
    switch (operator) {
      case "<":
        return left.value < right.value && !equal;
      case "<=":
        return left.value < right.value || equal;
      case ">":
        return left.value > right.value && !equal;
      case ">=":
        return left.value > right.value || equal;
      case "==":
        return equal;
      case "!=":
        return !equal;
    }
  }
  const same = left.kind === right.kind && raw(left) === raw(right);
  if (operator === "==") return same;
  if (operator === "!=") return !same;
  return false;
}
