/**
 * Why deals could not be evaluated, in words of the reader's language with the scenario's names:
 * the briefing, the Monte Carlo tables and the workbench render `DealProblem` from its structure,
 * so the Chinese text carries no English message and no ids.
 */
import { describe, expect, it } from "vitest";
import { loadScenario } from "../../src/files/load.js";
import { dealProblemText } from "../../src/i18n/problems.js";
import { buildBriefing } from "../../src/report/build.js";
import { renderMarkdown } from "../../src/report/markdown.js";
import type { Scenario } from "../../src/scenario/types.js";
import { makePlan } from "../../src/uncertainty/run.js";

const hanoi = loadScenario("scenarios/hanoi-2019.yaml");

/** Hanoi with no status quo on sanctions, which the named deals do not all set. */
function withoutSanctionsReference(): Scenario {
  return { ...hanoi, issues: hanoi.issues.map((i) => (i.id === "sanctions" ? { ...i, reference: undefined } : i)) } as Scenario;
}

describe("a deal problem in words", () => {
  it("says which issues lack a status quo, by name, in English and in Chinese", () => {
    const scenario = withoutSanctionsReference();
    const { dealsSkipped, dealsProblem } = makePlan(scenario, { models: ["compromise"] });
    expect(dealsSkipped).toBeDefined();
    expect(dealsProblem?.kind).toMatch(/reference/);
    const zh = dealProblemText(scenario, dealsProblem!, "zh");
    expect(zh).toContain("制裁");
    expect(zh).not.toMatch(/[A-Za-z]/);
    expect(dealProblemText(scenario, dealsProblem!, "en")).toMatch(/Sanctions/i);
  });

  it("names every kind of problem with the scenario's names, not its ids", () => {
    const problems = [
      { kind: "no-reference", issues: ["sanctions", "missiles"] },
      { kind: "unset-without-reference", issues: ["missiles"] },
      { kind: "unknown-outside-option", actor: "USA", deal: "nothing" },
      { kind: "invalid-rule", actor: "DPRK", rule: "linkage", id: "x" },
      { kind: "linkage-reads-utility", actor: "DPRK", id: "x" },
    ] as const;
    for (const problem of problems) {
      const zh = dealProblemText(hanoi, problem, "zh");
      expect(zh, problem.kind).not.toMatch(/USA|DPRK|sanctions|missiles/);
      expect(zh.replace(/“[^”]*”/g, ""), problem.kind).not.toMatch(/[A-Za-z]/);
    }
  });

  it("keeps the Chinese briefing's deals section free of the English message", () => {
    const scenario = withoutSanctionsReference();
    const briefing = buildBriefing(scenario, { models: ["compromise"] });
    expect(briefing.deals.problem).toBeDefined();
    const md = renderMarkdown(briefing, "zh");
    const line = md.split("\n").find((l) => l.startsWith("无法评估协议"));
    expect(line).toBeDefined();
    expect(line).toContain("制裁");
    expect(line).not.toMatch(/[A-Za-z]/);
  });
});
