import { describe, expect, it } from "vitest";
import { actorUtility, agreementModel, decisionReached, isAgreement, judgeOutcome } from "../../src/agreement/model.js";
import { dealContext, evaluateDeal, findDeal } from "../../src/deals/evaluate.js";
import { dealOutcome } from "../../src/deals/preferences.js";
import type { Scenario } from "../../src/scenario/types.js";
import { explainReason } from "../../src/rules/index.js";
import { scenarioOf, twoByTwo } from "./fixtures.js";

function judge(s: Scenario, deal: string) {
  return judgeOutcome(agreementModel(s), dealOutcome(s, findDeal(s, deal).values));
}

describe("acceptance, worked by hand on two actors and two issues", () => {
  it("accepts a deal above both walk-away values (unanimity)", () => {
    const j = judge(scenarioOf(twoByTwo()), "middle");
    expect(j.actors.map((a) => [a.utility, a.reservation])).toEqual([
      [0.75, 0],
      [0.75, 0.5],
    ]);
    expect(j.actors.every((a) => a.accepts)).toBe(true);
    expect(j.agreement).toBe(true);
  });

  it("a red line vetoes a deal whatever its utility", () => {
    const s = scenarioOf(twoByTwo({ b: "    redLines: [{id: low-x, name: Keep x low, rule: x <= 20}]" }));
    const j = judge(s, "middle");
    expect(j.actors[1]!.crossed).toEqual(["low-x"]);
    expect(j.actors[1]!.accepts).toBe(false);
    expect(j.actors[1]!.gain).toBeCloseTo(0.25, 12);
    expect(j.agreement).toBe(false);
    expect(j.why).toContain("B does not accept (crosses the red line “low-x”");
    expect(j.reason).toMatchObject({ kind: "no-agreement", refusing: [{ actor: "B", acceptance: { kind: "red-lines", crossed: [{ id: "low-x" }] } }] });
  });

  it("linkage adds its utility where its condition holds", () => {
    const s = scenarioOf(twoByTwo({ a: "    linkage: [{id: x-low, when: x < 60, utility: -0.3}]" }));
    const model = agreementModel(s);
    expect(actorUtility(model, 0, dealOutcome(s, findDeal(s, "middle").values))).toBeCloseTo(0.45, 12);
    expect(actorUtility(model, 0, dealOutcome(s, { x: { value: 60, evidence: [] } }))).toBeCloseTo(0.3, 12);
    // With a walk-away of 0.5 the linked penalty turns acceptance into refusal.
    const refusing = scenarioOf(twoByTwo({ a: "    reservation: 0.5\n    linkage: [{when: x < 60, utility: -0.3}]" }));
    expect(judge(refusing, "middle").actors[0]!.accepts).toBe(false);
    expect(judge(refusing, "middle").actors[0]!.linkage).toEqual([{ id: "linkage[0]", utility: -0.3 }]);
  });

  it("an outside option sets the walk-away value to the utility of a named deal", () => {
    const s = scenarioOf(twoByTwo({ a: "    reservation: {deal: pressure}" }));
    const model = agreementModel(s);
    expect(model.reservations[0]).toBeCloseTo(0.25, 12);
    expect(model.reservationSources).toEqual(["outside-option", "status-quo"]);
  });

  it("veto, unanimity and threshold decide differently on the same acceptances", () => {
    const redLine = "    redLines: [{id: low-x, rule: x <= 20}]";
    const unanimity = judge(scenarioOf(twoByTwo({ b: redLine })), "middle");
    const veto = judge(scenarioOf(twoByTwo({ b: redLine, top: "decision: {veto: [A]}" })), "middle");
    const enough = judge(scenarioOf(twoByTwo({ b: redLine, top: "decision: {threshold: 0.7}" })), "middle");
    const short = judge(scenarioOf(twoByTwo({ b: redLine, top: "decision: {threshold: 0.8}" })), "middle");
    expect([unanimity.agreement, veto.agreement, enough.agreement, short.agreement]).toEqual([false, true, true, false]);
    expect(enough.acceptingShare).toBeCloseTo(0.75, 12);
    expect(short.why).toContain("75% of capability < 80%");
    const model = agreementModel(scenarioOf(twoByTwo({ top: "decision: {veto: [B], threshold: 0.5}" })));
    expect(decisionReached(model, [true, false])).toBe(false); // B's signature is needed
    expect(decisionReached(model, [false, true])).toBe(false); // 25% < 50%
    expect(decisionReached(model, [true, true])).toBe(true);
  });

  it("the status quo is never an agreement, nor accepted by anyone", () => {
    const s = scenarioOf(twoByTwo({ deals: "  - {id: nothing, name: No deal, values: {x: 0}}" }));
    const j = judge(s, "nothing");
    expect(j.statusQuo).toBe(true);
    expect(j.agreement).toBe(false);
    expect(j.actors.some((a) => a.accepts)).toBe(false);
    expect(isAgreement(agreementModel(s), dealOutcome(s, {}))).toBe(false);
  });

  it("deal evaluation and its rules honour red lines and the status quo", () => {
    const s = scenarioOf(
      twoByTwo({
        b: "    redLines: [{id: low-x, rule: x <= 20}]",
        deals: "  - {id: nothing, name: No deal, values: {}}",
        top: "criteria:\n  - {id: both, name: Both accept, rule: accepts(A) and accepts(B)}\n  - {id: a, name: A accepts, rule: accepts(A)}",
      }),
    );
    const context = dealContext(s);
    const middle = evaluateDeal(context, findDeal(s, "middle"));
    expect(middle.actors[1]!.redLinesCrossed).toEqual(["low-x"]);
    // Every line with its verdict and reason, for the deal builder's marks.
    expect(middle.actors[1]!.redLines.map((l) => [l.id, l.met, l.holds])).toEqual([["low-x", false, true]]);
    expect(explainReason(middle.actors[1]!.redLines[0]!.reason)).toBe("X is 50, above 20");
    expect(middle.actors.map((a) => a.reservationSource)).toEqual(["status-quo", "status-quo"]);
    expect(middle.criteria.map((c) => c.met)).toEqual([false, true]);
    expect(explainReason(middle.criteria[0]!.reason)).toContain("crosses the red line");
    const nothing = evaluateDeal(context, findDeal(s, "nothing"));
    expect(nothing.statusQuo).toBe(true);
    expect(nothing.acceptedByAll).toBe(false);
    expect(nothing.criteria.map((c) => c.met)).toEqual([false, false]);
    expect(explainReason(nothing.criteria[1]!.reason)).toContain("the status quo is no agreement");
  });
});
