/** Small hand-worked scenarios for the agreement tests. */
import { validateScenario } from "../../src/scenario/validate.js";
import type { Scenario } from "../../src/scenario/types.js";

/**
 * Two actors, two issues on 0–100 with the status quo at 0. Linear loss, equal saliences:
 * A wants x = 100, y = 100 (status quo utility 0); B wants x = 0, y = 100 (status quo utility 0.5).
 * At (x, y) = (50, 100) both get 0.75.
 */
export function twoByTwo(extra: { a?: string; b?: string; top?: string; deals?: string } = {}): string {
  return `parley: 2
id: two
title: Two by two
actors:
  - id: A
    name: A
    capability: 3
${extra.a ?? ""}
  - id: B
    name: B
    capability: 1
${extra.b ?? ""}
issues:
  - {id: x, name: X, scale: {min: 0, max: 100}, reference: 0}
  - {id: y, name: Y, scale: {min: 0, max: 100}, reference: 0}
stances:
  A: {x: {position: 100, salience: 50}, y: {position: 100, salience: 50}}
  B: {x: {position: 0, salience: 50}, y: {position: 100, salience: 50}}
deals:
  - {id: middle, name: Middle, values: {x: 50, y: 100}}
  - {id: pressure, name: Pressure, values: {y: 50}}
${extra.deals ?? ""}
${extra.top ?? ""}
`;
}

export function scenarioOf(text: string): Scenario {
  const result = validateScenario(text, { file: "t.yaml" });
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.path}: ${e.message}`).join("\n"));
  return result.scenario;
}
