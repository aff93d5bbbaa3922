/** Small scenarios for the uncertainty tests. */
import { validateScenario } from "../../src/scenario/validate.js";
import type { Scenario } from "../../src/scenario/types.js";

export function scenarioOf(text: string): Scenario {
  const result = validateScenario(text, { file: "s.yaml" });
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.path}: ${e.message}`).join("\n"));
  return result.scenario;
}

/**
 * One issue, three actors, compromise model: A's position is very uncertain (0–100), B's a little (45–55),
 * C's salience a little; everything else fixed. A's position must rank first, then B's.
 */
export const KNOWN = `parley: 1
id: known
title: Known answer
actors:
  - {id: A, name: A, capability: 10}
  - {id: B, name: B, capability: 10}
  - {id: C, name: C, capability: 10}
issues:
  - id: tax
    name: Tax
    scale: {min: 0, max: 100}
    reference: 50
stances:
  A:
    tax: {position: {value: 50, range: [0, 100]}, salience: 50}
  B:
    tax: {position: {value: 50, range: [45, 55], distribution: triangular}, salience: 50}
  C:
    tax: {position: 80, salience: {value: 50, distribution: {normal: {sd: 2}}}}
deals:
  - {id: low, name: Low tax, values: {tax: 20}}
`;
