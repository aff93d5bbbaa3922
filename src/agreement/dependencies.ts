/**
 * What a rule reads, so that the search can evaluate it as soon as the issues it depends on are set
 * (a red line over `sanctions` and `denuclearization` is decided two levels down the search tree, not at
 * its leaves) and tabulate it once for every draw when it reads no sampled judgement. Pure.
 */
import type { Expr, Rule } from "../rules/index.js";

export interface RuleDependencies {
  /** Issue ids whose deal value the rule reads. */
  readonly issues: ReadonlySet<string>;
  /** True when the rule reads utilities, reservations or acceptance: it needs the whole outcome. */
  readonly utilities: boolean;
  /** True when it reads positions, saliences or capabilities, which Monte Carlo draws change. */
  readonly judgements: boolean;
}

/** The dependencies of a checked rule. */
export function ruleDependencies(rule: Rule): RuleDependencies {
  const issues = new Set<string>();
  const flags = { utilities: false, judgements: false };
  const variables = new Map<string, readonly string[]>();
  const issuesOf = (ref: { kind: "issue"; id: string } | { kind: "variable"; name: string }): readonly string[] =>
    ref.kind === "issue" ? [ref.id] : (variables.get(ref.name) ?? []);
  const visit = (expr: Expr): void => {
    switch (expr.kind) {
      case "number":
      case "option":
      case "invalid":
        return;
      case "issueQuery":
        if (expr.fn !== "reference") for (const id of issuesOf(expr.issue)) issues.add(id);
        return;
      case "stanceQuery":
        flags.judgements = true;
        if (expr.fn === "toward" || expr.fn === "against") for (const id of issuesOf(expr.issue)) issues.add(id);
        return;
      case "capability":
        flags.judgements = true;
        return;
      case "actorQuery":
        flags.utilities = true;
        return;
      case "math":
        expr.args.forEach(visit);
        return;
      case "negate":
      case "not":
        visit(expr.operand);
        return;
      case "arithmetic":
      case "compare":
        visit(expr.left);
        visit(expr.right);
        return;
      case "member":
        visit(expr.subject);
        expr.items.forEach(visit);
        return;
      case "logic":
        expr.operands.forEach(visit);
        return;
      case "quantifier":
        for (const b of expr.bindings) if (b.kind === "issue") variables.set(b.name, b.values);
        visit(expr.body);
        for (const b of expr.bindings) variables.delete(b.name);
        return;
    }
  };
  visit(rule.condition);
  return { issues, ...flags };
}
