/**
 * Monte Carlo points are evaluated from numbers prepared once per plan (issue 15). They must give exactly
 * what the plain path gives: the scenario with the sample's values (`withInputValues`), its model input,
 * each model run on it, and `evaluateDeal` deciding acceptance.
 */
import { describe, expect, it } from "vitest";
import { dealContext, evaluateDeal } from "../../src/deals/evaluate.js";
import { findModel } from "../../src/models/index.js";
import { ModelError } from "../../src/models/types.js";
import { toModelInput } from "../../src/scenario/model-input.js";
import { emptyPoints, runPointsTask, sampleValues, swingValues } from "../../src/uncertainty/evaluate.js";
import { withInputValues } from "../../src/uncertainty/inputs.js";
import { modelSeed } from "../../src/uncertainty/random.js";
import { makePlan } from "../../src/uncertainty/run.js";
import { scenarioOf } from "./fixtures.js";

/** Sampled capabilities, positions, saliences and a walk-away value; explicit weights, value tables, quadratic loss. */
const RICH = `parley: 1
id: rich
title: Rich
actors:
  - {id: A, name: A, capability: {value: 1, range: [0.5, 2]}}
  - {id: B, name: B, capability: 1, reservation: {value: 0.6, range: [0.3, 0.9]}}
  - {id: C, name: C, capability: {value: 2, range: [1, 3]}, capabilityByIssue: {z: {value: 5, range: [2, 8]}}}
issues:
  - {id: x, name: X, scale: {min: 0, max: 100}, reference: 50}
  - id: y
    name: Y
    options: [{id: lo, label: Low}, {id: mid, label: Mid}, {id: hi, label: High}]
    reference: lo
  - {id: z, name: Z, scale: {min: -10, max: 10}, reference: 0}
stances:
  A: {x: {position: {value: 10, range: [0, 30]}, salience: {value: 75, range: [50, 90]}}, y: {position: hi, salience: 25}}
  B: {x: {position: 100, salience: {value: 50, range: [20, 80]}}, y: {position: lo, salience: 50}, z: {position: {value: 3, range: [-5, 8]}, salience: 30}}
  C: {x: {position: 60, salience: 40}, z: {position: -4, salience: {value: 60, range: [10, 90]}}}
preferences:
  B: {loss: quadratic, values: {y: {lo: 1, mid: 0.5, hi: 0.2}}}
  C: {weights: {x: 2, z: 1}, values: {y: {lo: 0.1, mid: 0.9, hi: 0.3}}}
deals:
  - {id: d1, name: D1, values: {x: 20, y: hi}}
  - {id: d2, name: D2, values: {x: 55, y: mid, z: -2}}
  - {id: d3, name: D3, values: {z: 5}}
`;

/**
 * Red lines on deal values and on utilities, a linkage term, an outside option, a deal at the status quo and
 * a wide walk-away range: deal acceptance decided from the point's stances and walk-away values alone.
 */
const RULES = `parley: 2
id: rules
title: Rules
actors:
  - id: A
    name: A
    capability: 3
    reservation: {value: 0.5, range: [0.2, 0.8]}
    redLines:
      - {id: floor, name: Floor, rule: x >= 20, credibility: 1}
      - {id: share, name: Share, rule: "utility(A) >= utility(B) - 0.2", credibility: 1}
  - id: B
    name: B
    capability: 2
    reservation: {deal: fallback}
    linkage:
      - {id: pair, when: x >= 50 and y == hi, utility: 0.15}
  - id: C
    name: C
    capability: 1
    redLines:
      - {id: no-low, name: No low, rule: "y != lo or gain(C) > 0.1", credibility: 1}
issues:
  - {id: x, name: X, scale: {min: 0, max: 100}, reference: 40}
  - id: y
    name: Y
    options: [{id: lo, label: Low}, {id: mid, label: Mid}, {id: hi, label: High}]
    reference: mid
stances:
  A: {x: {position: {value: 80, range: [30, 100]}, salience: {value: 60, range: [20, 90]}}, y: {position: hi, salience: 40}}
  B: {x: {position: {value: 20, range: [0, 60]}, salience: 50}, y: {position: lo, salience: {value: 50, range: [10, 90]}}}
  C: {x: {position: 50, salience: {value: 30, range: [5, 95]}}, y: {position: mid, salience: 70}}
deals:
  - {id: fallback, name: Fallback, values: {x: 30, y: lo}}
  - {id: d1, name: D1, values: {x: 60, y: hi}}
  - {id: d2, name: D2, values: {x: 25, y: lo}}
  - {id: quo, name: Quo, values: {x: 40, y: mid}}
  - {id: d3, name: D3, values: {x: 75, y: mid}}
`;

/** A red line reading a salience: acceptance then judges each point's scenario as a whole. */
const JUDGEMENT_RULES = RULES.replace("rule: x >= 20,", 'rule: "x >= 20 and salience(B, x) < 55",');

describe.each([
  ["numbers of every kind", RICH],
  ["red lines, linkage and an outside option", RULES],
  ["a red line reading a salience", JUDGEMENT_RULES],
])("prepared Monte Carlo points: %s", (_, text) => {
  const scenario = scenarioOf(text);
  const { plan } = makePlan(scenario, { models: ["compromise", "median", "nbs", "smp", "eum"], seed: 11 });
  const issues = scenario.issues.length;
  const actors = scenario.actors.length;

  /** The plain evaluation of one point, as before preparation existed. */
  function plain(values: Float64Array, seed: number | undefined): { forecasts: number[]; accepts: number[] } {
    const sampled = withInputValues(scenario, plan.inputs, values);
    const input = toModelInput(sampled);
    const forecasts = plan.models.flatMap((id) => {
      try {
        const output = findModel(id)!.run(input, { forecastOnly: true, ...(seed !== undefined ? { seed } : {}) });
        return output.forecasts.slice(0, issues);
      } catch (error) {
        if (!(error instanceof ModelError)) throw error;
        return new Array<number>(issues).fill(Number.NaN);
      }
    });
    const context = dealContext(sampled);
    const accepts = plan.deals.flatMap((id) => evaluateDeal(context, sampled.deals.find((d) => d.id === id)!).actors.map((a) => (a.accepts ? 1 : 0)));
    return { forecasts, accepts };
  }

  it("samples the inputs and checks the deals", () => {
    if (text === RICH) expect(new Set(plan.inputs.map((i) => i.field))).toEqual(new Set(["capability", "capabilityByIssue", "reservation", "position", "salience"]));
    expect(plan.deals).toEqual(scenario.deals.map((d) => d.id));
  });

  it("gives the plain path's forecasts (bit for bit) and acceptances, sample by sample", () => {
    const result = runPointsTask({ plan, samples: { from: 0, to: 200 } });
    const seen = new Set<string>();
    for (let k = 0; k < 200; k++) {
      const expected = plain(sampleValues(plan, k), modelSeed(plan.seed, k));
      const forecasts = Array.from(result.forecasts.subarray(k * plan.models.length * issues, (k + 1) * plan.models.length * issues));
      expect(forecasts.map((f, i) => Object.is(f, expected.forecasts[i]))).not.toContain(false);
      expect(Array.from(result.accepts.subarray(k * plan.deals.length * actors, (k + 1) * plan.deals.length * actors))).toEqual(expected.accepts);
      seen.add(expected.accepts.join(""));
    }
    // The draws move verdicts: a test of acceptance, not of a constant.
    expect(seen.size).toBeGreaterThan(3);
  });

  it("puts numbers left as written back between points (tornado swings)", () => {
    const swings = plan.inputs.flatMap((input, i) => [
      { input: i, value: input.low },
      { input: i, value: input.high },
    ]);
    const result = runPointsTask({ plan, swings });
    expect(result.count).toBe(swings.length);
    swings.forEach((swing, p) => {
      const expected = plain(swingValues(plan, swing.input, swing.value), plan.seed);
      const forecasts = Array.from(result.forecasts.subarray(p * plan.models.length * issues, (p + 1) * plan.models.length * issues));
      expect(forecasts.map((f, i) => Object.is(f, expected.forecasts[i]))).not.toContain(false);
      expect(Array.from(result.accepts.subarray(p * plan.deals.length * actors, (p + 1) * plan.deals.length * actors))).toEqual(expected.accepts);
    });
    expect(emptyPoints(plan, 1).accepts).toHaveLength(plan.deals.length * actors);
  });

  it("prepares the copies of a plan sent under one key once, and another plan under another key anew", () => {
    // Another plan that prepares differently: other models, in another order.
    const other = makePlan(scenario, { models: ["smp", "median"], seed: 12 }).plan;
    const samples = { from: 0, to: 20 };
    // What a worker thread receives: a fresh copy with every chunk, under the sender's key for the plan.
    const asSent = (p: typeof plan, planKey: string) => runPointsTask({ plan: structuredClone(p), samples, planKey });
    const same = (a: Float64Array, b: Float64Array) => a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
    const direct = runPointsTask({ plan, samples });
    const otherDirect = runPointsTask({ plan: other, samples });
    for (const [p, key, expected] of [[plan, "1", direct], [plan, "1", direct], [other, "2", otherDirect], [plan, "3", direct]] as const) {
      const result = asSent(p, key);
      expect(same(result.forecasts, expected.forecasts)).toBe(true);
      expect(Array.from(result.accepts)).toEqual(Array.from(expected.accepts));
    }
  });
});
