/** Text helpers for explanations: numbers, operators, and expressions printed back as source. */

import type { CompareOperator } from "./lexer.js";
import type { ActorRef, Expr, IssueRef } from "./resolved.js";

/** Quantifier variable values in the current evaluation: variable name → actor or issue id. */
export type Environment = ReadonlyMap<string, string>;

/** A number for people: integers as is, otherwise at most two decimals. */
export function formatNumber(value: number): string {
  if (Object.is(value, -0)) return "0";
  if (Number.isInteger(value)) return String(value);
  return String(Math.round(value * 100) / 100);
}

/** The typographic form of a comparison operator. */
export function operatorSymbol(operator: CompareOperator): string {
  switch (operator) {
    case "<":
      return "<";
    case "<=":
      return "≤";
    case ">":
      return ">";
    case ">=":
      return "≥";
    case "==":
      return "=";
    case "!=":
      return "≠";
  }
}

/** The id an actor reference stands for in `environment`. */
export function actorId(ref: ActorRef, environment: Environment): string {
  return ref.kind === "actor" ? ref.id : (environment.get(ref.name) ?? ref.name);
}

/** The id an issue reference stands for in `environment`. */
export function issueId(ref: IssueRef, environment: Environment): string {
  return ref.kind === "issue" ? ref.id : (environment.get(ref.name) ?? ref.name);
}

/** How tightly an expression binds, for deciding where printed brackets go. */
function precedence(expr: Expr): number {
  if (expr.kind === "arithmetic") return expr.operator === "+" || expr.operator === "-" ? 1 : 2;
  if (expr.kind === "compare" || expr.kind === "member" || expr.kind === "logic" || expr.kind === "not" || expr.kind === "quantifier") return 0;
  return 3;
}

/** Prints an expression back as rule text, with quantifier variables replaced by their current ids. */
export function printExpr(expr: Expr, environment: Environment): string {
  const print = (inner: Expr): string => printExpr(inner, environment);
  switch (expr.kind) {
    case "number":
      return formatNumber(expr.value);
    case "option":
      return expr.option;
    case "issueQuery": {
      const issue = issueId(expr.issue, environment);
      return expr.bare ? issue : `${expr.fn}(${issue})`;
    }
    case "stanceQuery":
      return `${expr.fn}(${actorId(expr.actor, environment)}, ${issueId(expr.issue, environment)})`;
    case "capability": {
      const issue = expr.issue ? `, ${issueId(expr.issue, environment)}` : "";
      return `capability(${actorId(expr.actor, environment)}${issue})`;
    }
    case "actorQuery":
      return `${expr.fn}(${actorId(expr.actor, environment)})`;
    case "math":
      return `${expr.fn}(${expr.args.map(print).join(", ")})`;
    case "negate":
      return `-${bracketed(expr.operand, 3, environment)}`;
    case "arithmetic": {
      const own = precedence(expr);
      const left = bracketed(expr.left, own, environment);
      const right = bracketed(expr.right, expr.operator === "-" || expr.operator === "/" ? own + 1 : own, environment);
      return `${left} ${expr.operator} ${right}`;
    }
    case "compare":
      return `${print(expr.left)} ${operatorSymbol(expr.operator)} ${print(expr.right)}`;
    case "member":
      return `${print(expr.subject)} ${expr.negated ? "not in" : "in"} [${expr.items.map(print).join(", ")}]`;
    case "logic":
      return expr.operands.map((operand) => bracketed(operand, 1, environment)).join(` ${expr.operator} `);
    case "not":
      return `not ${bracketed(expr.operand, 1, environment)}`;
    case "quantifier":
      return `${expr.quantifier} ${expr.bindings.map((binding) => `${binding.name} in ${binding.source}`).join(", ")}: …`;
    case "invalid":
      return "?";
  }
}

/** Prints `expr`, in brackets when it binds more loosely than `minimum`. */
function bracketed(expr: Expr, minimum: number, environment: Environment): string {
  const text = printExpr(expr, environment);
  return precedence(expr) < minimum ? `(${text})` : text;
}
