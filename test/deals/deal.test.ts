import { describe, expect, it } from "vitest";
import { dealContext, evaluateDeal, findDeal } from "../../src/deals/evaluate.js";
import { actorPreferences, distanceValue, utility } from "../../src/deals/preferences.js";
import { reservationValues } from "../../src/agreement/model.js";
import { loadScenario } from "../../src/files/load.js";
import { validateScenario } from "../../src/scenario/validate.js";
import type { Scenario } from "../../src/scenario/types.js";
import { explainReason, type Reason } from "../../src/rules/index.js";
import { runCli } from "../helpers.js";

const TWO_ISSUES = `parley: 1
id: t
title: T
actors:
  - {id: A, name: A, capability: 1}
  - {id: B, name: B, capability: 1, reservation: 0.9}
issues:
  - {id: x, name: X, scale: {min: 0, max: 100}, reference: 50}
  - id: y
    name: Y
    options: [{id: lo, label: Low}, {id: hi, label: High}]
    reference: lo
stances:
  A: {x: {position: 0, salience: 75}, y: {position: hi, salience: 25}}
  B: {x: {position: 100, salience: 50}, y: {position: lo, salience: 50}}
preferences:
  B: {loss: quadratic, values: {y: {lo: 1, hi: 0.2}}}
deals:
  - {id: d1, name: D1, values: {x: 20, y: hi}}
criteria:
  - {id: low-x, name: Low x, rule: x <= 30}
traps:
  - {id: b-loses, name: B loses, rule: "not accepts(B)"}
`;

function scenarioOf(text: string): Scenario {
  const result = validateScenario(text, { file: "t.yaml" });
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join("\n"));
  return result.scenario;
}

describe("preferences", () => {
  it("values distance linearly or quadratically as a share of the scale", () => {
    expect(distanceValue({ min: 0, max: 100 }, 20, 0, "linear")).toBeCloseTo(0.8, 12);
    expect(distanceValue({ min: 0, max: 100 }, 20, 0, "quadratic")).toBeCloseTo(0.96, 12);
    expect(distanceValue({ min: 4, max: 10 }, 10, 4, "linear")).toBe(0);
  });

  it("is additive with salience weights and uses value tables for options", () => {
    const s = scenarioOf(TWO_ISSUES);
    const [a, b] = actorPreferences(s);
    expect(a!.weights).toEqual([0.75, 0.25]);
    const outcome = { values: [20, 100], options: [undefined, "hi"] };
    // A: 0.75·(1 − 0.2) + 0.25·1 = 0.85; B: 0.5·(1 − 0.8²) + 0.5·0.2 = 0.28.
    expect(utility(a!, outcome)).toBeCloseTo(0.85, 12);
    expect(utility(b!, outcome)).toBeCloseTo(0.28, 12);
  });

  it("takes the walk-away value as given, else the utility of the status quo", () => {
    const s = scenarioOf(TWO_ISSUES);
    // A at the status quo (x 50, y lo): 0.75·0.5 + 0.25·0 = 0.375.
    expect(reservationValues(s)).toEqual([0.375, 0.9]);
  });
});

describe("evaluateDeal", () => {
  it("reports utilities, gains, acceptance, criteria and traps with reasons", () => {
    const s = scenarioOf(TWO_ISSUES);
    const e = evaluateDeal(dealContext(s), findDeal(s, "d1"));
    expect(e.actors.map((a) => [a.id, Number(a.utility.toFixed(6)), a.reservation, a.accepts])).toEqual([
      ["A", 0.85, 0.375, true],
      ["B", 0.28, 0.9, false],
    ]);
    expect(e.actors[1]!.gain).toBeCloseTo(-0.62, 12);
    expect(e.criteria).toEqual([{ id: "low-x", met: true, reason: { kind: "compare", subject: { kind: "deal", issue: "x", value: 20 }, operator: "<=", expected: { kind: "number", value: 30 }, met: true } }]);
    expect(e.traps[0]).toMatchObject({ id: "b-loses", triggered: true });
    expect(explainReason(e.traps[0]!.reason)).toContain("0.28");
    expect(e.acceptedByAll).toBe(false);
    expect(e.outcome).toEqual({ x: 20, y: "hi" });
  });

  it("names the actors whose high-salience concerns a deal serves or hurts", () => {
    const s = scenarioOf(TWO_ISSUES);
    const e = evaluateDeal(dealContext(s), findDeal(s, "d1"));
    expect(e.concerns).toEqual([
      { actor: "A", toward: ["x"], away: [] },
      { actor: "B", toward: [], away: [] },
    ]);
  });

  it("Hanoi: only the phased roadmap is substantive; the DPRK offer declares the threat over", () => {
    const s = loadScenario("scenarios/hanoi-2019.yaml");
    const context = dealContext(s);
    const met = (deal: string, criterion: string) => evaluateDeal(context, findDeal(s, deal)).criteria.find((c) => c.id === criterion)!.met;
    const trapped = (deal: string, trap: string) => evaluateDeal(context, findDeal(s, deal)).traps.find((t) => t.id === trap)!.triggered;
    expect(s.deals.map((d) => d.id).filter((d) => met(d, "substantive"))).toEqual(["big-deal", "phased-roadmap"]);
    expect(trapped("dprk-offer", "threat-declared-over")).toBe(true);
    expect(trapped("big-deal", "threat-declared-over")).toBe(false);
    expect(trapped("icbm-freeze", "icbm-only")).toBe(true);
    expect(trapped("singapore", "vague-concepts")).toBe(true);
  });
});

describe("rules in scenarios", () => {
  it("reports rule errors at their place in the file", () => {
    const text = TWO_ISSUES.replace("rule: x <= 30", "rule: z <= 30");
    const result = validateScenario(text, { file: "t.yaml" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const error = result.errors[0]!;
    expect(error.path).toBe("criteria[0].rule");
    expect(error.message).toContain("unknown issue 'z'");
    const lines = text.split("\n");
    const line = lines.findIndex((l) => l.includes("rule: z <= 30"));
    expect(error.line).toBe(line + 1);
    expect(error.column).toBe(lines[line]!.indexOf("z <=") + 1);
  });

  it("reports deals naming unknown issues or values off the scale", () => {
    const text = TWO_ISSUES.replace("values: {x: 20, y: hi}", "values: {x: 120, y: mid, w: 3}");
    const result = validateScenario(text, { file: "t.yaml" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const all = result.errors.map((e) => `${e.path}: ${e.message}`).join("\n");
    expect(all).toContain("deals[0].values.x: value 120 is off the scale");
    expect(all).toContain('unknown option "mid"');
    expect(all).toContain('deals[0].values.w: unknown issue "w"');
  });

  it("reports preferences with unknown options and values outside 0–1", () => {
    const text = TWO_ISSUES.replace("values: {y: {lo: 1, hi: 0.2}}", "values: {y: {lo: 1.5, hii: 0.2}}");
    const result = validateScenario(text, { file: "t.yaml" });
    if (result.ok) throw new Error("expected errors");
    const all = result.errors.map((e) => e.message).join("\n");
    expect(all).toContain("value 1.5 is out of range; expected a utility from 0 to 1");
    expect(all).toContain('unknown option "hii" of issue "y" (did you mean "hi"?)');
  });
});

describe("parley deal", () => {
  it("prints the documented JSON shape", async () => {
    const run = await runCli("deal", "scenarios/hanoi-2019.yaml", "--deal", "dprk-offer", "--json");
    expect(run.code).toBe(0);
    const e = JSON.parse(run.stdout) as { deal: string; actors: { id: string; utility: number; reservation: number; accepts: boolean }[]; criteria: { id: string; met: boolean; reason: Reason }[]; traps: { id: string; triggered: boolean; reason: Reason }[] };
    expect(e.deal).toBe("dprk-offer");
    expect(e.actors.map((a) => a.id)).toEqual(["USA", "DPRK", "ROK", "CHN", "JPN"]);
    for (const a of e.actors) expect(typeof a.accepts).toBe("boolean");
    expect(e.criteria.map((c) => c.id)).toEqual(["substantive", "no-failure", "regional-security"]);
    expect(e.traps.map((t) => t.reason.met)).toEqual(e.traps.map((t) => t.triggered));
    expect(e.criteria[0]!.reason).toMatchObject({ kind: "and", met: false });
  });

  it("evaluates ad-hoc values and rejects bad ones with exit 2", async () => {
    const ok = await runCli("deal", "scenarios/hanoi-2019.yaml", "--set", "sanctions=30", "--set", "definition=agreed", "--json");
    expect(ok.code).toBe(0);
    expect((JSON.parse(ok.stdout) as { outcome: Record<string, unknown> }).outcome).toMatchObject({ sanctions: 30, definition: "agreed" });
    expect((await runCli("deal", "scenarios/hanoi-2019.yaml", "--set", "sanctions=300")).code).toBe(2);
    expect((await runCli("deal", "scenarios/hanoi-2019.yaml", "--deal", "grand-bargain")).stderr).toContain('unknown deal "grand-bargain"');
  });
});
