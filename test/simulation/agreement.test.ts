/** The simulation on the agreement model (docs/agreement.md): red lines, linkage, outside options, veto players. */
import { describe, expect, it } from "vitest";
import { validateScenario } from "../../src/scenario/validate.js";
import type { Scenario } from "../../src/scenario/types.js";
import { simulateScenario } from "../../src/simulation/index.js";
import { STRATEGIES } from "../../src/simulation/negotiators/names.js";

const YAML = `
parley: 2
id: lines
title: Red lines
decision: {veto: [A, B]}
actors:
  - id: A
    name: A
    capability: 50
    reservation: 0.5
    redLines:
      - {id: no-cut, name: No deep cut, rule: "x >= 30"}
    linkage:
      - {id: y-needs-x, when: "y == yes and x < 60", utility: -0.2}
  - id: B
    name: B
    capability: 40
    reservation: {deal: fallback}
  - id: C
    name: C
    capability: 10
issues:
  - {id: x, name: X, scale: {min: 0, max: 100}, reference: 50}
  - {id: y, name: Y, options: [{id: no, label: no}, {id: yes, label: yes}], reference: no}
stances:
  A: {x: {position: 100, salience: 60}, y: {position: "no", salience: 40}}
  B: {x: {position: 0, salience: 50}, y: {position: "yes", salience: 50}}
  C: {x: {position: 50, salience: 50}, y: {position: "yes", salience: 50}}
deals:
  - {id: fallback, name: Fallback, values: {x: 40, y: "no"}}
`;

function scenario(): Scenario {
  const result = validateScenario(YAML, { file: "lines.yaml" });
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join("\n"));
  return result.scenario;
}

describe("simulation under the agreement model", () => {
  it("only the veto players take turns; no agent crosses a red line; the status quo is never agreed", () => {
    const s = scenario();
    let agreements = 0;
    for (const a of STRATEGIES) {
      for (const b of STRATEGIES) {
        const result = simulateScenario(s, { strategies: { A: a, B: b }, deadline: 60, step: 10 });
        expect(result.order).toEqual(["A", "B"]);
        expect(new Set(result.trace.map((e) => e.party))).not.toContain("C");
        for (const entry of result.trace) {
          if (!entry.offer) continue;
          if (entry.party === "A") expect(entry.offer["x"] as number).toBeGreaterThanOrEqual(30);
          expect(entry.offer).not.toEqual({ x: 50, y: "no" });
        }
        if (result.deal) {
          agreements++;
          expect(result.deal["x"] as number).toBeGreaterThanOrEqual(30);
          expect(result.evaluation).toBeDefined();
          // B's walk-away is its outside option, the fallback deal.
          expect(result.utilities["B"]!).toBeGreaterThanOrEqual(0.5 * (1 - 0.4) + 0.5 * 0 - 1e-9);
        }
      }
    }
    expect(agreements).toBeGreaterThan(0);
  });
});
