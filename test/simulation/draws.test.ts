/**
 * Stakes of sampled scenarios (docs/simulation.md, Monte Carlo): the tables built from the agreement
 * search's prepared rules give, at every outcome, the agreement model's own utility and acceptance; and a
 * red line binds in a draw with its credibility, drawn as the agreement forecast draws it.
 */
import { describe, expect, it } from "vitest";
import { acceptsOutcome, actorUtility, agreementModel, isStatusQuo } from "../../src/agreement/index.js";
import { drawConstraints, drawPlan, drawScenario } from "../../src/agreement/draws.js";
import { outcomeAt } from "../../src/outcomes/space.js";
import { validateScenario } from "../../src/scenario/validate.js";
import type { Scenario } from "../../src/scenario/types.js";
import { simulateRuns } from "../../src/simulation/index.js";
import { drawStakes, prepareStakes } from "../../src/simulation/scenario-stakes.js";
import type { NegotiationStakes } from "../../src/simulation/stakes.js";

const YAML = `
parley: 2
id: draws
title: Rules of every kind
decision: {veto: [A, B]}
actors:
  - id: A
    name: A
    capability: {value: 50, range: [40, 60]}
    reservation: {value: 0.4, range: [0.3, 0.5]}
    redLines:
      - {id: deal-values, name: Deal values only, rule: "x >= 20", credibility: {value: 0.7, range: [0.5, 0.9]}}
      - {id: judgements, name: Reads a salience, rule: "salience(A, x) >= 65 or z <= 60"}
  - id: B
    name: B
    capability: 40
    reservation: {deal: fallback}
    redLines:
      - {id: utilities, name: Reads a gain, rule: "gain(C) >= -0.15"}
  - id: C
    name: C
    capability: 10
    linkage:
      - {id: bonus, when: "x >= 70 and y == yes", utility: {value: 0.1, range: [0, 0.2]}}
issues:
  - {id: x, name: X, scale: {min: 0, max: 100}, reference: 50}
  - {id: y, name: Y, options: [{id: no, label: no}, {id: yes, label: yes}], reference: no}
  - {id: z, name: Z, scale: {min: 0, max: 100}, reference: 0}
stances:
  A: {x: {position: 100, salience: {value: 60, range: [40, 80]}}, y: {position: "no", salience: 40}, z: {position: 20, salience: 30}}
  B: {x: {position: {value: 0, range: [0, 30]}, salience: 50}, y: {position: "yes", salience: 50}, z: {position: 80, salience: 40}}
  C: {x: {position: 50, salience: 50}, y: {position: "yes", salience: 50}, z: {position: 50, salience: 20}}
deals:
  - {id: fallback, name: Fallback, values: {x: {value: 40, range: [30, 50]}, y: "no", z: 50}}
`;

function load(yaml: string): Scenario {
  const result = validateScenario(yaml, { file: "draws.yaml" });
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join("\n"));
  return result.scenario;
}

/** Every outcome's utility and acceptance, as the stakes give them and as the agreement model decides them. */
function expectAgreementModel(stakes: NegotiationStakes, scenario: Scenario, constraints?: ReturnType<typeof drawConstraints>): void {
  const model = agreementModel(scenario);
  for (let rank = 0; rank < stakes.size; rank++) {
    const digits = outcomeAt(stakes.space, rank);
    const outcome = {
      values: digits.map((k, i) => {
        const v = stakes.space.issues[i]!.values[k]!;
        return typeof v === "string" ? scenario.issues[i]!.options.find((o) => o.id === v)!.place : v;
      }),
      options: digits.map((k, i) => {
        const v = stakes.space.issues[i]!.values[k]!;
        return typeof v === "string" ? v : undefined;
      }),
    };
    for (let a = 0; a < scenario.actors.length; a++) {
      expect(stakes.utilities(a)[rank]).toBeCloseTo(actorUtility(model, a, outcome), 12);
      expect(stakes.utilityOf(a, rank)).toBe(stakes.utilities(a)[rank]);
      const accepts = !isStatusQuo(model, outcome) && acceptsOutcome(model, a, outcome, constraints);
      expect(stakes.acceptable(a)[rank], `${scenario.actors[a]!.id} at rank ${rank}`).toBe(accepts ? 1 : 0);
    }
  }
  // The acceptable ranks list exactly the mask's 1s, in ascending order (the status quo among neither),
  // and the utilities listed beside them are the table's.
  for (let a = 0; a < scenario.actors.length; a++) {
    const mask = stakes.acceptable(a);
    const ranks = stakes.acceptableRanks(a);
    expect([...ranks]).toEqual([...mask.keys()].filter((r) => mask[r] === 1));
    expect([...stakes.acceptableUtilities!(a)]).toEqual([...ranks].map((r) => stakes.utilities(a)[r]!));
  }
}

describe("stakes of a scenario and of its draws", () => {
  const scenario = load(YAML);
  const prepared = prepareStakes(scenario, 10);

  it("match the agreement model at every outcome, as written", () => {
    const stakes = drawStakes(prepared);
    expect(stakes.size).toBe(11 * 2 * 11);
    expectAgreementModel(stakes, scenario);
  });

  it("match it in sampled draws, with the red lines that hold in each", () => {
    const plan = drawPlan(scenario, 7);
    const held = new Set<string>();
    for (let k = 0; k < 12; k++) {
      const draw = drawScenario(plan, k);
      const constraints = drawConstraints(draw.scenario, draw.redLines);
      held.add(JSON.stringify(draw.redLines));
      // utilityOf before any table is built: the same sum as the table's entry.
      const fresh = drawStakes(prepared, draw.scenario, constraints);
      const early = Array.from({ length: fresh.size }, (_, r) => fresh.utilityOf(2, r));
      expect(Array.from(fresh.utilities(2))).toEqual(early);
      expectAgreementModel(drawStakes(prepared, draw.scenario, constraints), draw.scenario, constraints);
    }
    expect(held.size).toBeGreaterThan(1);
  });
});

describe("red-line credibility in simulation Monte Carlo", () => {
  // A's extra line excludes every outcome: when it holds, A may accept nothing and walks away.
  const withLine = (credibility: number): Scenario =>
    load(
      YAML.replace(
        "      - {id: deal-values,",
        `      - {id: impossible, name: Impossible, rule: "x > 100", credibility: ${credibility}}\n      - {id: deal-values,`,
      ),
    );
  const runs = { runs: 40, seed: 3, step: 10, deadline: 30, workers: 1 } as const;

  it("a line of credibility 1 binds in every run, of credibility 0 in none; the same seed gives the same report", async () => {
    const always = await simulateRuns(withLine(1), runs);
    expect(always.breakdowns["walk-away"]).toBe(1);
    const never = await simulateRuns(withLine(0), runs);
    const without = await simulateRuns(scenario(), runs);
    expect(never.breakdowns).toEqual(without.breakdowns);
    expect(never.agreementRate).toBe(without.agreementRate);
    expect(never.utilities).toEqual(without.utilities);
    expect(await simulateRuns(withLine(0.5), runs)).toEqual(await simulateRuns(withLine(0.5), runs));
    const half = await simulateRuns(withLine(0.5), runs);
    expect(half.breakdowns["walk-away"]).toBeGreaterThan(0);
    expect(half.breakdowns["walk-away"]).toBeLessThan(1);
    expect(half.inputs).toContain("actors.A.redLines.impossible.credibility");
  });

  function scenario(): Scenario {
    return load(YAML);
  }
});
