/**
 * The checked form of a rule: every name is resolved against the scenario schema and every
 * expression is known to be well typed. Only {@link parseRule} creates these trees.
 */

import type { ArithmeticOperator, CompareOperator } from "./lexer.js";
import type { Quantifier } from "./syntax.js";

/** What a scenario offers a rule to talk about. */
export interface RuleSchema {
  readonly issues: readonly { readonly id: string; readonly kind: "numeric" | "options"; readonly options?: readonly string[] }[];
  readonly actors: readonly string[];
}

/** An actor named directly (`ROK`) or through a quantifier variable (`a`). */
export type ActorRef = { readonly kind: "actor"; readonly id: string } | { readonly kind: "variable"; readonly name: string };

/** An issue named directly (`sanctions`) or through a quantifier variable (`i`). */
export type IssueRef = { readonly kind: "issue"; readonly id: string } | { readonly kind: "variable"; readonly name: string };

export type IssueFunction = "deal" | "reference" | "moved";
export type StanceFunction = "position" | "salience" | "toward" | "against";
export type ActorFunction = "utility" | "reservation" | "gain" | "accepts";
export type MathFunction = "abs" | "min" | "max";

/** One quantifier variable and the ids it takes, in order. */
export interface ResolvedBinding {
  readonly name: string;
  readonly kind: "actor" | "issue";
  readonly values: readonly string[];
  /** How the domain was written: "actors", "issues" or "[ROK, JPN]". */
  readonly source: string;
}

export type Expr =
  | { readonly kind: "number"; readonly value: number }
  | { readonly kind: "option"; readonly issue: string; readonly option: string }
  /** `deal(i)`, `reference(i)`, `moved(i)`; `bare` marks an issue written without `deal(…)`. */
  | { readonly kind: "issueQuery"; readonly fn: IssueFunction; readonly issue: IssueRef; readonly bare: boolean }
  | { readonly kind: "stanceQuery"; readonly fn: StanceFunction; readonly actor: ActorRef; readonly issue: IssueRef }
  | { readonly kind: "capability"; readonly actor: ActorRef; readonly issue: IssueRef | undefined }
  | { readonly kind: "actorQuery"; readonly fn: ActorFunction; readonly actor: ActorRef }
  | { readonly kind: "math"; readonly fn: MathFunction; readonly args: readonly Expr[] }
  | { readonly kind: "negate"; readonly operand: Expr }
  | { readonly kind: "arithmetic"; readonly operator: ArithmeticOperator; readonly left: Expr; readonly right: Expr }
  | { readonly kind: "compare"; readonly operator: CompareOperator; readonly left: Expr; readonly right: Expr }
  | { readonly kind: "member"; readonly negated: boolean; readonly subject: Expr; readonly items: readonly Expr[] }
  | { readonly kind: "logic"; readonly operator: "and" | "or"; readonly operands: readonly Expr[] }
  | { readonly kind: "not"; readonly operand: Expr }
  | {
      readonly kind: "quantifier";
      readonly quantifier: Quantifier;
      readonly bindings: readonly ResolvedBinding[];
      readonly body: Expr;
    }
  /** Placeholder for a part that had errors; never present in a rule returned by parseRule. */
  | { readonly kind: "invalid" };

/** A parsed and checked rule, ready for {@link evaluateRule}. */
export interface Rule {
  /** The text the rule was parsed from. */
  readonly text: string;
  /** The condition, always true/false-valued. */
  readonly condition: Expr;
  /** Issue kinds from the schema, for evaluating issue variables. */
  readonly issueKinds: ReadonlyMap<string, "numeric" | "options">;
}
