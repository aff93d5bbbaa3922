/**
 * The rule language: analysts' deal criteria and traps, written in a scenario as short
 * conditions such as `roadmap >= 70 and definition == agreed`. See docs/rules.md.
 *
 * Safety: rule text is only ever tokenized and interpreted here — no eval, no Function, no
 * property access keyed by user text (every name lookup goes through a Map or Set built from
 * the schema). Text length, nesting depth and quantifier work are bounded (see limits.ts).
 */

import { checkRule, issueKinds } from "./checker.js";
import { DiagnosticList, type RuleDiagnostic } from "./diagnostics.js";
import { tokenize } from "./lexer.js";
import { MAX_RULE_LENGTH } from "./limits.js";
import { parseTokens } from "./parser.js";
import type { Rule, RuleSchema } from "./resolved.js";

export { evaluateRule, type RuleContext } from "./evaluator.js";
export { explainAcceptance, explainReason, ID_LABELS, type ReasonLabels, type ReasonLanguage } from "./explain.js";
export type { AcceptanceReason, Reason, ReasonValue, RuleResult, Term } from "./reason.js";
export type { RuleDiagnostic } from "./diagnostics.js";
export type { Expr, Rule, RuleSchema } from "./resolved.js";
export { MAX_COMBINATIONS, MAX_EVALUATION_STEPS, MAX_NESTING_DEPTH, MAX_RULE_LENGTH } from "./limits.js";

export type ParseRuleResult = { ok: true; rule: Rule } | { ok: false; errors: RuleDiagnostic[] };

/**
 * Parses `text` and checks it against `schema`. Never throws on any text: every problem is
 * returned as a located diagnostic, all of them at once where the text allows.
 */
export function parseRule(text: string, schema: RuleSchema): ParseRuleResult {
  const diagnostics = new DiagnosticList();
  if (typeof text !== "string") {
    return { ok: false, errors: [{ offset: 0, length: 0, message: "a rule must be text" }] };
  }
  if (text.length > MAX_RULE_LENGTH) {
    diagnostics.add(
      { offset: MAX_RULE_LENGTH, length: text.length - MAX_RULE_LENGTH },
      `the rule is too long (${text.length} characters; the limit is ${MAX_RULE_LENGTH}); split it into several rules`,
    );
    return { ok: false, errors: diagnostics.toArray() };
  }
  if (text.trim() === "") {
    diagnostics.add({ offset: 0, length: text.length }, "the rule is empty; write a condition such as: roadmap >= 70");
    return { ok: false, errors: diagnostics.toArray() };
  }
  const tokens = tokenize(text, diagnostics);
  const tree = parseTokens(tokens, diagnostics);
  const condition = tree && checkRule(tree, schema, diagnostics);
  if (!condition || diagnostics.count > 0) return { ok: false, errors: diagnostics.toArray() };
  return { ok: true, rule: { text, condition, issueKinds: issueKinds(schema) } };
}
