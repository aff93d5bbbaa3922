/** A small Hanoi 2019 schema and a hand-made deal for rule tests. */

import { evaluateRule, explainReason, parseRule, type Rule, type RuleContext, type RuleDiagnostic, type RuleSchema } from "../../src/rules/index.js";

export const schema: RuleSchema = {
  actors: ["USA", "DPRK", "ROK", "CHN", "JPN"],
  issues: [
    { id: "denuclearization", kind: "numeric" },
    { id: "declaration", kind: "numeric" },
    { id: "verification", kind: "numeric" },
    { id: "roadmap", kind: "numeric" },
    { id: "sanctions", kind: "numeric" },
    { id: "missiles", kind: "options", options: ["icbm_only", "all_ranges", "none"] },
    { id: "exercises", kind: "numeric" },
    { id: "normalization", kind: "numeric" },
    { id: "definition", kind: "options", options: ["agreed", "partial", "none"] },
  ],
};

/** Stance data keyed "ACTOR/issue". */
export interface DealData {
  deal: Record<string, number | string>;
  reference: Record<string, number | string>;
  position: Record<string, number | string>;
  salience: Record<string, number>;
  capability: Record<string, number>;
  utility: Record<string, number>;
  reservation: Record<string, number>;
  places: Record<string, number>;
}

export function hanoiDeal(): DealData {
  return {
    deal: {
      denuclearization: 40, declaration: 50, verification: 65, roadmap: 75, sanctions: 20,
      missiles: "icbm_only", exercises: 50, normalization: 80, definition: "agreed",
    },
    reference: {
      denuclearization: 0, declaration: 0, verification: 60, roadmap: 0, sanctions: 100,
      missiles: "none", exercises: 100, normalization: 0, definition: "none",
    },
    position: { "ROK/sanctions": 90, "JPN/missiles": "all_ranges", "USA/definition": "agreed", "DPRK/sanctions": 0, "USA/roadmap": 100 },
    salience: { "ROK/sanctions": 70, "JPN/missiles": 80, "CHN/missiles": 30, "JPN/sanctions": 40 },
    capability: { USA: 100, "USA/sanctions": 90, DPRK: 30 },
    utility: { USA: 60, DPRK: 30, ROK: 55, CHN: 50, JPN: 40 },
    reservation: { USA: 45, DPRK: 45, ROK: 45, CHN: 45, JPN: 45 },
    places: { "missiles/none": 0, "missiles/icbm_only": 50, "missiles/all_ranges": 100, "definition/none": 0, "definition/partial": 50, "definition/agreed": 100 },
  };
}

/** A RuleContext reading from plain records (Maps would do as well; tests use fixed keys). */
export function contextFor(data: DealData): RuleContext {
  const lookup = <T>(record: Record<string, T>, key: string): T | undefined => (Object.hasOwn(record, key) ? record[key] : undefined);
  return {
    value: (issue) => lookup(data.deal, issue) ?? 0,
    reference: (issue) => lookup(data.reference, issue),
    position: (actor, issue) => lookup(data.position, `${actor}/${issue}`),
    salience: (actor, issue) => lookup(data.salience, `${actor}/${issue}`),
    capability: (actor, issue) => lookup(data.capability, issue === undefined ? actor : `${actor}/${issue}`),
    utility: (actor) => lookup(data.utility, actor) ?? 0,
    reservation: (actor) => lookup(data.reservation, actor) ?? 0,
    optionPlace: (issue, option) => lookup(data.places, `${issue}/${option}`),
  };
}

/** Parses a rule that must be valid, failing the test with the diagnostics otherwise. */
export function mustParse(text: string): Rule {
  const result = parseRule(text, schema);
  if (!result.ok) throw new Error(`expected '${text}' to parse: ${JSON.stringify(result.errors)}`);
  return result.rule;
}

/** Parses a rule that must be invalid and returns its diagnostics. */
export function mustFail(text: string, withSchema: RuleSchema = schema): RuleDiagnostic[] {
  const result = parseRule(text, withSchema);
  if (result.ok) throw new Error(`expected '${text}' to be rejected`);
  return result.errors;
}

/** Evaluates `text` against the Hanoi deal (optionally modified); the reason in English with ids. */
export function run(text: string, change?: (data: DealData) => void): { value: boolean; why: string } {
  const data = hanoiDeal();
  change?.(data);
  const result = evaluateRule(mustParse(text), contextFor(data));
  return { value: result.value, why: explainReason(result.reason) };
}

/** The text a diagnostic points at. */
export function pointedAt(text: string, diagnostic: RuleDiagnostic): string {
  return text.slice(diagnostic.offset, diagnostic.offset + diagnostic.length);
}
