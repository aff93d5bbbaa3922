import { describe, expect, it } from "vitest";
import { dealContext, evaluateDeal, findDeal } from "../../src/deals/evaluate.js";
import { reasonLabels, scenarioExplainer } from "../../src/deals/reasons.js";
import { loadScenario } from "../../src/files/load.js";
import { explainReason, type Reason } from "../../src/rules/index.js";

const hanoi = loadScenario("scenarios/hanoi-2019.yaml");
const context = dealContext(hanoi);
const evaluate = (id: string) => evaluateDeal(context, findDeal(hanoi, id));
const trap = (id: string, deal: string) => evaluate(deal).traps.find((t) => t.id === id)!;
const criterion = (id: string, deal: string) => evaluate(deal).criteria.find((c) => c.id === id)!;

describe("reasons as data", () => {
  it("a comparison keeps the rule kind, issue, value, expected value and whether it is met", () => {
    expect(trap("icbm-only", "singapore").reason).toMatchObject({
      kind: "and",
      met: false,
      reasons: [{ kind: "compare", subject: { kind: "deal", issue: "missiles", value: 0 }, operator: ">", expected: { kind: "number", value: 0 }, met: false }],
    });
  });

  it("acceptance keeps the red line crossed and why", () => {
    const reason = criterion("no-failure", "dprk-offer").reason;
    expect(reason).toMatchObject({ kind: "and", met: false, reasons: [{ kind: "accepts", actor: "USA", met: false, acceptance: { kind: "red-lines", crossed: [{ id: "sanctions-until-dismantled" }] } }] });
  });
});

describe("reasons in words", () => {
  it("English: names, option labels and anchor labels instead of ids and code", () => {
    const explain = scenarioExplainer(hanoi, "en");
    expect(explain.reason(trap("icbm-only", "singapore").reason)).toBe("Missile scope is 0 (no missile limits), not above 0");
    expect(explain.reason(trap("vague-concepts", "dprk-offer").reason)).toBe(
      "Definition of denuclearisation is no common definition, not clear, agreed definition; Roadmap and sequencing is 0 (vague statement (as in Singapore)), below 50",
    );
    const accepts = explain.reason(criterion("no-failure", "dprk-offer").reason);
    expect(accepts).toContain("United States does not accept (crosses the red line “No sanctions relief unless the North dismantles”: Sanctions relief is 60");
    expect(accepts).not.toMatch(/USA|sanctions-until-dismantled|✗/);
  });

  it("Chinese: the same reason in Chinese words with the Chinese names", () => {
    const explain = scenarioExplainer(hanoi, "zh");
    expect(explain.reason(trap("icbm-only", "singapore").reason)).toBe("导弹范围为 0（不限制导弹），不高于 0");
    const accepts = explain.reason(criterion("no-failure", "dprk-offer").reason);
    expect(accepts).toMatch(/^美国不接受（越过红线“[^”]+”：制裁放松为 60（/);
    expect(accepts).not.toMatch(/[A-Za-z]{3,}/);
    const allies = explain.reason(trap("ally-concession", "dprk-offer").reason);
    expect(allies).toContain("日本在制裁放松上：");
    expect(allies).toContain("协议使制裁放松背离日本");
  });

  it("the verdict names who does not accept", () => {
    expect(scenarioExplainer(hanoi, "en").agreement(evaluate("dprk-offer").reason)).toMatch(/^United States does not accept \(crosses the red line/);
    expect(scenarioExplainer(hanoi, "zh").agreement(evaluate("singapore").reason)).toBe("美国和朝鲜接受");
  });

  it("units follow numbers; quantifier domains and counts read as words", () => {
    const labels = reasonLabels({ ...hanoi, issues: hanoi.issues.map((i) => (i.id === "sanctions" ? { ...i, unit: { en: "%", zh: "%" } } : i)) }, "en");
    const reason: Reason = {
      kind: "compare",
      subject: { kind: "count", value: 2, total: 5, cases: [[{ name: "a", kind: "actor", id: "ROK" }], [{ name: "a", kind: "actor", id: "JPN" }]], domains: [{ name: "a", kind: "actor", over: "actors" }] },
      operator: ">=",
      expected: { kind: "number", value: 3 },
      met: false,
    };
    expect(explainReason(reason, labels, "en")).toBe("The number of qualifying cases among every actor is 2 (South Korea and Japan), below 3");
    const sanctions: Reason = { kind: "compare", subject: { kind: "deal", issue: "sanctions", value: 60 }, operator: "<=", expected: { kind: "number", value: 50 }, met: false };
    expect(explainReason(sanctions, labels, "en")).toBe("Sanctions relief is 60% (lift the five UN resolutions of 2016–2017), above 50%");
  });
});
