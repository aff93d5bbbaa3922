/**
 * Evaluates a checked rule against one deal and explains the result in one line, naming only
 * the values that decided it. Evaluation is total: missing data gives a defined result
 * (see docs/rules.md, "Missing data"), and work is bounded by the quantifier limit checked
 * at parse time plus a step budget.
 */

import type { CompareOperator } from "./lexer.js";
import { MAX_EVALUATION_STEPS } from "./limits.js";
import { actorId, formatNumber, issueId, operatorSymbol, printExpr, type Environment } from "./format.js";
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
   * status quo being no agreement; docs/agreement.md), with the reason in words. Absent, or returning
   * undefined: accepts is utility ≥ reservation.
   */
  acceptance?(actor: string): { readonly accepts: boolean; readonly why: string } | undefined;
}

/** A value during evaluation. `unknown` carries the reason, for the explanation. */
type Value =
  | { readonly kind: "number"; readonly value: number }
  | { readonly kind: "option"; readonly id: string }
  | { readonly kind: "boolean"; readonly value: boolean }
  | { readonly kind: "unknown"; readonly reason: string };

/** A value and the words that explain it. */
interface Outcome {
  readonly value: Value;
  readonly why: string;
  /** For arithmetic: the data values it was computed from, so nested arithmetic lists them once. */
  readonly sources?: readonly string[];
}

/** Raised when the step budget runs out; caught in {@link evaluateRule}. */
class BudgetExhausted extends Error {}

/** Evaluates `rule` for the deal described by `context`. */
export function evaluateRule(rule: Rule, context: RuleContext): { value: boolean; why: string } {
  const evaluator = new Evaluator(rule, context);
  try {
    const outcome = evaluator.evaluate(rule.condition, new Map());
    const value = outcome.value.kind === "boolean" && outcome.value.value;
    return { value, why: `${outcome.why} ${value ? "✓" : "✗"}` };
  } catch (error) {
    if (!(error instanceof BudgetExhausted)) throw error;
    return { value: false, why: `evaluation stopped after ${MAX_EVALUATION_STEPS} steps; simplify the rule ✗` };
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

/** A number from the caller, or unknown when it is missing or not a finite number. */
function numberValue(raw: unknown, missing: string): Value {
  return typeof raw === "number" && Number.isFinite(raw) ? { kind: "number", value: raw } : { kind: "unknown", reason: missing };
}

/** Two numbers equal up to floating-point noise. */
function nearlyEqual(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** A value in words: numbers formatted, options by id. */
function show(value: Value): string {
  switch (value.kind) {
    case "number":
      return formatNumber(value.value);
    case "option":
      return value.id;
    case "boolean":
      return value.value ? "true" : "false";
    case "unknown":
      return "unknown";
  }
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
        return { value: { kind: "number", value: expr.value }, why: formatNumber(expr.value) };
      case "option":
        return { value: { kind: "option", id: expr.option }, why: expr.option };
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
        return { value: bool(!isTrue(inner)), why: inner.why };
      }
      case "quantifier":
        return this.quantifier(expr, environment);
      case "invalid":
        return { value: { kind: "unknown", reason: "invalid expression" }, why: "invalid expression" };
    }
  }

  // ── data lookups ─────────────────────────────────────────────────────────────────

  /** The deal's value on an issue, checked against the issue's kind. */
  private dealValue(issue: string): Value {
    const raw = this.context.value(issue);
    return this.typedValue(issue, raw, `the deal has no usable value on ${issue}`);
  }

  /** A value from the caller as a number (numeric issue) or option id (option issue). */
  private typedValue(issue: string, raw: unknown, missing: string): Value {
    if (this.rule.issueKinds.get(issue) === "options") {
      return typeof raw === "string" ? { kind: "option", id: raw } : { kind: "unknown", reason: missing };
    }
    return numberValue(raw, missing);
  }

  /** A value's place on the issue's scale: the number itself, or the option's place. */
  private place(issue: string, value: Value): Value {
    if (value.kind !== "option") return value;
    const place = this.context.optionPlace?.(issue, value.id);
    return numberValue(place, `option '${value.id}' of ${issue} has no place on the scale`);
  }

  /** A labelled leaf: "label = value", or "label value" when the variables are named in the prefix. */
  private leaf(label: string, short: boolean, value: Value, detail = ""): Outcome {
    if (value.kind === "unknown") return { value, why: `${label} is unknown (${value.reason})` };
    const suffix = detail ? ` (${detail})` : "";
    return { value, why: short ? `${label} ${show(value)}${suffix}` : `${label} = ${show(value)}${suffix}` };
  }

  /** deal(i), the bare issue name, reference(i), moved(i). */
  private issueQuery(expr: Extract<Expr, { kind: "issueQuery" }>, environment: Environment): Outcome {
    const issue = issueId(expr.issue, environment);
    const short = expr.issue.kind === "variable";
    const label = short ? expr.fn : printExpr(expr, environment);
    if (expr.fn === "deal") return this.leaf(label, short, this.dealValue(issue));
    const reference = this.typedValue(issue, this.context.reference(issue), `no reference for ${issue}`);
    if (expr.fn === "reference") return this.leaf(label, short, reference);
    const deal = this.dealValue(issue);
    const from = this.place(issue, reference);
    const to = this.place(issue, deal);
    const unknown = [from, to].find((value) => value.kind === "unknown");
    if (unknown) return this.leaf(label, short, unknown);
    const moved: Value = from.kind === "number" && to.kind === "number" ? { kind: "number", value: to.value - from.value } : { kind: "unknown", reason: "not numbers" };
    return this.leaf(label, short, moved, `reference ${show(reference)} → ${show(deal)}`);
  }

  /** position, salience, toward, against. */
  private stanceQuery(expr: Extract<Expr, { kind: "stanceQuery" }>, environment: Environment): Outcome {
    const actor = actorId(expr.actor, environment);
    const issue = issueId(expr.issue, environment);
    const short = expr.actor.kind === "variable" && expr.issue.kind === "variable";
    const label = short ? expr.fn : printExpr(expr, environment);
    if (expr.fn === "salience") {
      const raw = this.context.salience(actor, issue);
      if (raw === undefined) return this.leaf(label, short, { kind: "number", value: 0 }, `${actor} takes no stance on ${issue}`);
      return this.leaf(label, short, numberValue(raw, `salience of ${actor} on ${issue} is not a number`));
    }
    const position = this.typedValue(issue, this.context.position(actor, issue), `${actor} takes no position on ${issue}`);
    if (expr.fn === "position") return this.leaf(label, short, position);
    return this.direction(expr.fn, actor, issue, position, short ? undefined : label);
  }

  /** toward/against: does the deal move the issue from the reference strictly closer to / farther from the actor? */
  private direction(fn: "toward" | "against", actor: string, issue: string, position: Value, label: string | undefined): Outcome {
    const reference = this.typedValue(issue, this.context.reference(issue), `no reference for ${issue}`);
    const deal = this.dealValue(issue);
    const places = [reference, deal, position].map((value) => this.place(issue, value));
    const [from, to, at] = places;
    const unknown = places.find((value) => value.kind === "unknown");
    if (unknown?.kind === "unknown" || from?.kind !== "number" || to?.kind !== "number" || at?.kind !== "number") {
      const reason = unknown?.kind === "unknown" ? unknown.reason : "values are not numbers";
      return { value: FALSE, why: `${label ?? fn} cannot be judged (${reason}), so it is false` };
    }
    const before = Math.abs(from.value - at.value);
    const after = Math.abs(to.value - at.value);
    const holds = fn === "toward" ? after < before && !nearlyEqual(after, before) : after > before && !nearlyEqual(after, before);
    const showPlace = (value: Value, placed: Value): string => (value.kind === "option" ? `${value.id} [${show(placed)}]` : show(value));
    const detail = `reference ${showPlace(reference, from)} → ${showPlace(deal, to)}, ${actor} at ${showPlace(position, at)}`;
    const verb = `${holds ? "moves" : "does not move"} ${fn}`;
    return { value: bool(holds), why: label === undefined ? `${verb} (${detail})` : `${issue} ${verb} ${actor} (${detail})` };
  }

  /** capability(actor[, issue]); a missing capability counts as 0. */
  private capability(expr: Extract<Expr, { kind: "capability" }>, environment: Environment): Outcome {
    const actor = actorId(expr.actor, environment);
    const issue = expr.issue && issueId(expr.issue, environment);
    const short = expr.actor.kind === "variable" && (expr.issue === undefined || expr.issue.kind === "variable");
    const label = short ? "capability" : printExpr(expr, environment);
    const raw = issue === undefined ? this.context.capability(actor) : this.context.capability(actor, issue);
    if (raw === undefined) return this.leaf(label, short, { kind: "number", value: 0 }, `no capability given for ${actor}`);
    return this.leaf(label, short, numberValue(raw, `capability of ${actor} is not a number`));
  }

  /** utility, reservation, gain, accepts. */
  private actorQuery(expr: Extract<Expr, { kind: "actorQuery" }>, environment: Environment): Outcome {
    const actor = actorId(expr.actor, environment);
    const short = expr.actor.kind === "variable";
    const label = short ? expr.fn : printExpr(expr, environment);
    const utility = numberValue(this.context.utility(actor), `utility of ${actor} is not a number`);
    const reservation = numberValue(this.context.reservation(actor), `reservation of ${actor} is not a number`);
    if (expr.fn === "utility") return this.leaf(label, short, utility);
    if (expr.fn === "reservation") return this.leaf(label, short, reservation);
    if (utility.kind !== "number" || reservation.kind !== "number") {
      const unknown = utility.kind === "unknown" ? utility : reservation;
      if (expr.fn === "gain") return this.leaf(label, short, unknown);
      return { value: FALSE, why: `${label} cannot be judged (${unknown.kind === "unknown" ? unknown.reason : ""}), so it is false` };
    }
    const u = formatNumber(utility.value);
    const r = formatNumber(reservation.value);
    if (expr.fn === "gain") {
      return this.leaf(label, short, { kind: "number", value: utility.value - reservation.value }, `utility ${u} − reservation ${r}`);
    }
    const subject = short ? "" : `${actor} `;
    const judged = this.context.acceptance?.(actor);
    if (judged !== undefined) return { value: bool(judged.accepts), why: `${subject}${judged.accepts ? "accepts" : "does not accept"} (${judged.why})` };
    const accepts = utility.value >= reservation.value || nearlyEqual(utility.value, reservation.value);
    const detail = accepts ? `utility ${u} ≥ reservation ${r}` : `utility ${u} < reservation ${r}`;
    return { value: bool(accepts), why: `${subject}${accepts ? "accepts" : "does not accept"} (${detail})` };
  }

  // ── arithmetic ───────────────────────────────────────────────────────────────────

  /** +, -, *, /, unary minus, abs, min, max: "label = value (the data it came from)". */
  private arithmetic(expr: Extract<Expr, { kind: "math" | "negate" | "arithmetic" }>, environment: Environment): Outcome {
    const operands = expr.kind === "math" ? expr.args : expr.kind === "negate" ? [expr.operand] : [expr.left, expr.right];
    const outcomes = operands.map((operand) => this.evaluate(operand, environment));
    const unknown = outcomes.find((outcome) => outcome.value.kind !== "number");
    if (unknown) return unknown.value.kind === "unknown" ? unknown : { value: { kind: "unknown", reason: "not a number" }, why: unknown.why };
    const numbers = outcomes.map((outcome) => (outcome.value.kind === "number" ? outcome.value.value : 0));
    const result = this.computeArithmetic(expr, numbers);
    const label = printExpr(expr, environment);
    const sources = outcomes.flatMap((outcome, index) => outcome.sources ?? (isLiteral(operands[index]) ? [] : [outcome.why]));
    if (result === undefined) return { value: { kind: "unknown", reason: "division by zero" }, why: `${label} is unknown (division by zero)` };
    return { ...this.leaf(label, false, { kind: "number", value: result }, sources.join(", ")), sources };
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

  /** a op b, explained as "left relation right" using the relation that actually holds. */
  private compare(expr: Extract<Expr, { kind: "compare" }>, environment: Environment): Outcome {
    const left = this.evaluate(expr.left, environment);
    const right = this.evaluate(expr.right, environment);
    const unknown = [left, right].find((outcome) => outcome.value.kind === "unknown");
    if (unknown) return { value: FALSE, why: `${unknown.why}, so '${printExpr(expr, environment)}' is false` };
    const holds = compareValues(expr.operator, left.value, right.value);
    if (expr.right.kind === "option" && (expr.operator === "==") === holds) return { value: bool(holds), why: left.why };
    const relation = holds ? operatorSymbol(expr.operator) : actualRelation(expr.operator, left.value, right.value);
    return { value: bool(holds), why: `${left.why} ${relation} ${right.why}` };
  }

  /** x in [..] / x not in [..]. */
  private member(expr: Extract<Expr, { kind: "member" }>, environment: Environment): Outcome {
    const subject = this.evaluate(expr.subject, environment);
    if (subject.value.kind === "unknown") return { value: FALSE, why: `${subject.why}, so '${printExpr(expr, environment)}' is false` };
    const list = `[${expr.items.map((item) => printExpr(item, environment)).join(", ")}]`;
    const found = expr.items.some((item) => compareValues("==", subject.value, this.evaluate(item, environment).value));
    return { value: bool(found !== expr.negated), why: `${subject.why}, ${found ? "in" : "not in"} ${list}` };
  }

  /** and/or, short-circuiting; the explanation keeps only the operands that decided. */
  private logic(expr: Extract<Expr, { kind: "logic" }>, environment: Environment): Outcome {
    const decisive = expr.operator === "or";
    const seen: Outcome[] = [];
    for (const operand of expr.operands) {
      const outcome = this.evaluate(operand, environment);
      if (isTrue(outcome) === decisive) return { value: bool(decisive), why: outcome.why };
      seen.push(outcome);
    }
    return { value: bool(!decisive), why: seen.map((outcome) => outcome.why).join(decisive ? "; " : " and ") };
  }

  // ── quantifiers ──────────────────────────────────────────────────────────────────

  /** any / all / count over every combination of the bindings, in order. */
  private quantifier(expr: Extract<Expr, { kind: "quantifier" }>, environment: Environment): Outcome {
    const matches: string[] = [];
    let total = 0;
    for (const inner of combinations(expr.bindings, environment)) {
      total += 1;
      const outcome = this.evaluate(expr.body, inner);
      const holds = isTrue(outcome);
      const label = caseLabel(expr.bindings, inner);
      if (expr.quantifier === "any" && holds) return { value: TRUE, why: `${label}: ${outcome.why}` };
      if (expr.quantifier === "all" && !holds) return { value: FALSE, why: `fails for ${label}: ${outcome.why}` };
      if (holds) matches.push(label);
    }
    const domains = expr.bindings.map((binding) => `${binding.name} in ${binding.source}`).join(", ");
    if (expr.quantifier === "any") return { value: FALSE, why: `no case qualifies among ${total} (${domains})` };
    if (expr.quantifier === "all") return { value: TRUE, why: `holds for all ${total} (${domains})` };
    const listed = matches.length > 6 ? `${matches.slice(0, 6).join(", ")}, …` : matches.join(", ");
    return { value: { kind: "number", value: matches.length }, why: `count = ${matches.length}${listed ? ` (${listed})` : ""}` };
  }
}

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

/** "ROK on sanctions" for an actor–issue pair, otherwise the ids joined by commas. */
function caseLabel(bindings: readonly ResolvedBinding[], environment: Environment): string {
  const ids = bindings.map((binding) => environment.get(binding.name) ?? binding.name);
  const [first, second] = bindings;
  if (bindings.length === 2 && first?.kind === "actor" && second?.kind === "issue") return `${ids[0]} on ${ids[1]}`;
  return ids.join(", ");
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
  const same = show(left) === show(right) && left.kind === right.kind;
  if (operator === "==") return same;
  if (operator === "!=") return !same;
  return false;
}

/** The relation that does hold when `operator` does not, for the explanation. */
function actualRelation(operator: CompareOperator, left: Value, right: Value): string {
  if (operator === "!=") return "=";
  if (left.kind !== "number" || right.kind !== "number") return "≠";
  if (nearlyEqual(left.value, right.value)) return "=";
  return left.value < right.value ? "<" : ">";
}

function isLiteral(expr: Expr | undefined): boolean {
  return expr?.kind === "number" || expr?.kind === "option";
}

