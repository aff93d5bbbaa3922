/**
 * Why a rule holds or not, as data: which values the rule read (by actor and issue id), what it
 * compared them with, and whether each part was met. The evaluator builds these; explain.ts puts
 * them into words with the scenario's names, in English or Chinese. Only the parts that decided
 * the result are kept.
 */

import type { CompareOperator } from "./lexer.js";

/** A value a rule read or computed: a number, an option id, a truth value, or null when unknown. */
export type ReasonValue = number | string | boolean | null;

/** Why a value is unknown. */
export type UnknownCause =
  | { readonly kind: "no-deal-value"; readonly issue: string }
  | { readonly kind: "no-reference"; readonly issue: string }
  | { readonly kind: "no-position"; readonly actor: string; readonly issue: string }
  | { readonly kind: "no-place"; readonly issue: string; readonly option: string }
  | { readonly kind: "not-a-number"; readonly actor?: string; readonly issue?: string }
  | { readonly kind: "division-by-zero" }
  | { readonly kind: "invalid" };

/** One case of a quantifier: each variable with the actor or issue id it stands for. */
export type ReasonCase = readonly { readonly name: string; readonly kind: "actor" | "issue"; readonly id: string }[];

/** A quantifier's domain: a variable and the ids it ranges over ("actors", "issues" or a list). */
export interface ReasonDomain {
  readonly name: string;
  readonly kind: "actor" | "issue";
  /** `actors`, `issues`, or the ids of a written list. */
  readonly over: "actors" | "issues" | readonly string[];
}

/** A value-yielding part of a rule, with the value it had. `unknown` says why the value is null. */
export type Term = (
  | { readonly kind: "number"; readonly value: number }
  /** An option written in the rule; `issue` is the issue it belongs to. */
  | { readonly kind: "option"; readonly issue: string; readonly value: string }
  | { readonly kind: "deal" | "reference"; readonly issue: string; readonly value: ReasonValue }
  /** moved(i): how far the deal moves the issue from its reference point. */
  | { readonly kind: "moved"; readonly issue: string; readonly value: ReasonValue; readonly from?: ReasonValue; readonly to?: ReasonValue }
  /** `noStance`: the actor takes no stance on the issue, so the salience counts as 0. */
  | { readonly kind: "position" | "salience"; readonly actor: string; readonly issue: string; readonly value: ReasonValue; readonly noStance?: boolean }
  /** `missing`: no capability given, so it counts as 0. */
  | { readonly kind: "capability"; readonly actor: string; readonly issue?: string; readonly value: ReasonValue; readonly missing?: boolean }
  | { readonly kind: "utility" | "reservation"; readonly actor: string; readonly value: ReasonValue }
  | { readonly kind: "gain"; readonly actor: string; readonly value: ReasonValue; readonly utility?: number; readonly reservation?: number }
  | {
      readonly kind: "arithmetic";
      readonly operator: "+" | "-" | "*" | "/" | "negate" | "abs" | "min" | "max";
      readonly operands: readonly Term[];
      readonly value: ReasonValue;
    }
  /** count …: how many cases held, and the first few of them. */
  | { readonly kind: "count"; readonly value: number; readonly total: number; readonly cases: readonly ReasonCase[]; readonly domains: readonly ReasonDomain[] }
  /** A condition used as a value. */
  | { readonly kind: "condition"; readonly value: boolean; readonly reason: Reason }
) & { readonly unknown?: UnknownCause };

/** Why an actor accepts a deal or not, when more than its utility decides (docs/agreement.md). */
export type AcceptanceReason =
  | { readonly kind: "status-quo" }
  /** Red lines in force that the deal crosses, each with why its condition fails. */
  | { readonly kind: "red-lines"; readonly actor: string; readonly crossed: readonly { readonly id: string; readonly reason: Reason }[] }
  /** Utility against the walk-away value; `redLines`: the actor has red lines and crosses none. */
  | { readonly kind: "walk-away"; readonly utility: number; readonly reservation: number; readonly above: boolean; readonly redLines: boolean };

/** Why a condition is met or not. `met` is the condition's truth value. */
export type Reason = (
  | { readonly kind: "compare"; readonly subject: Term; readonly operator: CompareOperator; readonly expected: Term }
  | { readonly kind: "member"; readonly subject: Term; readonly items: readonly Term[]; readonly negated: boolean; readonly found: boolean }
  /** and / or: only the operands that decided (the failing one of an and, every one when all hold). */
  | { readonly kind: "and" | "or"; readonly reasons: readonly Reason[] }
  | { readonly kind: "not"; readonly reason: Reason }
  /** toward / against: the issue's reference, the deal and the actor's position (places on option issues). */
  | {
      readonly kind: "direction";
      readonly direction: "toward" | "against";
      readonly actor: string;
      readonly issue: string;
      readonly reference: ReasonValue;
      readonly deal: ReasonValue;
      readonly position: ReasonValue;
    }
  | { readonly kind: "accepts"; readonly actor: string; readonly acceptance?: AcceptanceReason; readonly utility?: number; readonly reservation?: number }
  /** any: the first case that holds; all: the first that fails. */
  | { readonly kind: "case"; readonly quantifier: "any" | "all"; readonly case: ReasonCase; readonly reason: Reason }
  /** any: no case holds; all: every case holds. */
  | { readonly kind: "cases"; readonly quantifier: "any" | "all"; readonly total: number; readonly domains: readonly ReasonDomain[] }
  /** A part could not be judged for want of a value, so it is false. */
  | { readonly kind: "unknown"; readonly term: Term }
  /** The evaluation ran out of steps. */
  | { readonly kind: "budget"; readonly steps: number }
) & { readonly met: boolean; readonly unknown?: UnknownCause };

/** A rule's result: whether it holds, and why. */
export interface RuleResult {
  readonly value: boolean;
  readonly reason: Reason;
}
