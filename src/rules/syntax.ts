/** The syntax tree the parser builds, before names are checked against a scenario. */

import type { Span } from "./diagnostics.js";
import type { ArithmeticOperator, CompareOperator } from "./lexer.js";

export type Quantifier = "any" | "all" | "count";

/** A list literal `[a, b, 3]`; items are numbers or names. */
export interface SyntaxList {
  readonly items: readonly (NumberNode | NameNode)[];
  readonly span: Span;
}

export interface NumberNode {
  readonly kind: "number";
  readonly value: number;
  readonly span: Span;
}

export interface NameNode {
  readonly kind: "name";
  readonly name: string;
  readonly quoted: boolean;
  readonly span: Span;
}

/** What a quantifier variable ranges over. */
export type SyntaxDomain =
  | { readonly kind: "actors"; readonly span: Span }
  | { readonly kind: "issues"; readonly span: Span }
  | { readonly kind: "list"; readonly list: SyntaxList; readonly span: Span };

/** `NAME in DOMAIN` inside `any|all|count … :`. */
export interface SyntaxBinding {
  readonly name: NameNode;
  readonly domain: SyntaxDomain;
}

export type SyntaxNode =
  | NumberNode
  | NameNode
  | {
      readonly kind: "call";
      readonly callee: NameNode;
      readonly args: readonly SyntaxNode[];
      readonly span: Span;
    }
  | { readonly kind: "negate"; readonly operand: SyntaxNode; readonly span: Span }
  | { readonly kind: "not"; readonly operand: SyntaxNode; readonly span: Span }
  | {
      readonly kind: "arithmetic";
      readonly operator: ArithmeticOperator;
      readonly left: SyntaxNode;
      readonly right: SyntaxNode;
      readonly span: Span;
    }
  | {
      readonly kind: "compare";
      readonly operator: CompareOperator;
      readonly operatorSpan: Span;
      readonly left: SyntaxNode;
      readonly right: SyntaxNode;
      readonly span: Span;
    }
  | {
      readonly kind: "member";
      readonly negated: boolean;
      readonly subject: SyntaxNode;
      readonly list: SyntaxList;
      readonly span: Span;
    }
  | {
      readonly kind: "logic";
      readonly operator: "and" | "or";
      readonly operands: readonly SyntaxNode[];
      readonly span: Span;
    }
  | {
      readonly kind: "quantifier";
      readonly quantifier: Quantifier;
      readonly bindings: readonly SyntaxBinding[];
      readonly body: SyntaxNode;
      readonly span: Span;
    }
  /** Stands in for text that could not be parsed; the error is already reported. */
  | { readonly kind: "invalid"; readonly span: Span };
