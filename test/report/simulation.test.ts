import { describe, expect, it } from "vitest";
import { loadScenario } from "../../src/files/load.js";
import { buildBriefing } from "../../src/report/build.js";
import { renderHtml } from "../../src/report/html.js";
import { renderMarkdown } from "../../src/report/markdown.js";
import { simulationBriefing, type SimulationBriefing } from "../../src/report/simulation.js";
import { simulateRuns, simulateScenario } from "../../src/simulation/index.js";
import type { Scenario } from "../../src/scenario/types.js";

const hanoi = loadScenario("scenarios/hanoi-2019.yaml");
const played = (scenario: Scenario, runs?: Parameters<typeof simulationBriefing>[1]): SimulationBriefing => {
  const section = simulationBriefing(scenario, runs);
  if ("skipped" in section) throw new Error(section.skipped);
  return section;
};

describe("the briefing's simulated talks", () => {
  it("reports the run as parley simulate plays it: outcome, round, deal and each side's concession", () => {
    const result = simulateScenario(hanoi);
    const section = played(hanoi);
    expect(section.outcome).toBe(result.outcome);
    expect(section.round).toBe(result.round);
    expect(section.deal).toEqual(result.deal ?? undefined);
    expect(section.parties.map((p) => p.actor)).toEqual(result.order);
    for (const party of section.parties) {
      const path = result.paths[party.actor]!;
      expect(party.offers).toBe(path.length);
      expect(party.opening).toBe(path[0]);
      expect(party.closing).toBe(path[path.length - 1]);
      expect(party.utility).toBe(result.utilities[party.actor]);
      expect(party.strategy).toBe(result.strategies[party.actor]);
    }

    const briefing = buildBriefing(hanoi, { models: ["compromise"] });
    const usa = section.parties.find((p) => p.actor === "USA")!;
    const en = renderMarkdown(briefing, "en");
    expect(en).toContain("## How the talks unfold");
    expect(en).toContain(result.outcome === "agreement" ? `reach an agreement in round ${result.round}.` : `round ${result.round}`);
    expect(en).toContain(`from ${usa.opening!.toFixed(2)} to ${usa.closing!.toFixed(2)} in its own utility (concedes ${(usa.opening! - usa.closing!).toFixed(2)})`);
    const zh = renderMarkdown(briefing, "zh");
    expect(zh).toContain("## 谈判推演");
    if (result.outcome === "agreement") expect(zh).toContain(`第 ${result.round} 轮达成协议。`);
    expect(zh).toContain(`自身效用从 ${usa.opening!.toFixed(2)} 让到 ${usa.closing!.toFixed(2)}`);
    const html = renderHtml(briefing, "en");
    expect(html).toContain('<section id="simulation"><h2>How the talks unfold</h2>');
    expect(html).toContain('<a href="#simulation">How the talks unfold</a>');
    if (result.deal) {
      const definition = hanoi.issues.find((i) => i.id === "definition")!;
      const label = definition.options.find((o) => o.id === result.deal!.definition)!.label;
      expect(en).toContain("The deal — ");
      expect(en).toContain(`${typeof definition.name === "string" ? definition.name : definition.name.en}: ${typeof label === "string" ? label : label.en}`);
    }
  });

  it("follows the scenario's strategies: two hardliners break down at the deadline with their walk-away values", () => {
    const scenario: Scenario = { ...hanoi, simulation: { strategies: { USA: "hardliner", DPRK: "hardliner" }, deadline: 20 } };
    const section = played(scenario);
    expect(section).toMatchObject({ outcome: "breakdown", reason: "deadline", round: 20, deadline: 20 });
    expect(section.deal).toBeUndefined();
    for (const party of section.parties) {
      expect(party.strategy).toBe("hardliner");
      expect(party.opening).toBe(party.closing); // a hardliner never concedes
    }
    const briefing = buildBriefing(scenario, { models: ["compromise"] });
    const md = renderMarkdown(briefing, "en");
    expect(md).toContain("break down at the deadline (round 20) without agreement.");
    // Strategies go by their labels, not their ids, in both languages.
    expect(md).toContain("— United States: Hardliner; North Korea: Hardliner — the talks");
    expect(md).not.toContain("hardliner");
    const zh = renderMarkdown(briefing, "zh");
    expect(zh).toContain("谈判方——美国：强硬派；朝鲜：强硬派。");
    expect(zh).not.toContain("hardliner");
    expect(md).toContain("it gets its walk-away value");
    expect(md).not.toContain("The deal — ");
  });

  it("gives the agreement rate and rounds to agreement of a Monte Carlo, en and zh", async () => {
    const runs = await simulateRuns(hanoi, { runs: 40, seed: 3, workers: 1 });
    const briefing = buildBriefing(hanoi, { models: ["compromise"], simulation: runs });
    expect("skipped" in briefing.simulation ? undefined : briefing.simulation.runs).toBe(runs);
    const q = Object.fromEntries(Object.entries(runs.rounds.quantiles).map(([k, v]) => [k, Number(v.toFixed(1))]));
    const rate = `${Math.round(runs.agreementRate * 100)} %`;
    expect(renderMarkdown(briefing, "en")).toContain(`Over 40 sampled scenarios the talks agree in ${rate}`);
    if (runs.rounds.n > 0) {
      expect(renderMarkdown(briefing, "en")).toContain(`rounds to agreement: median ${q.p50} (5–95 %: ${q.p5}–${q.p95})`);
      expect(renderMarkdown(briefing, "zh")).toContain(`达成协议所需轮数中位数 ${q.p50}`);
    }
    expect(renderHtml(briefing, "zh")).toContain(`在 40 次抽样推演中，${rate}达成协议`);
  });

  it("says why when the talks cannot be simulated, without failing the briefing", () => {
    const scenario: Scenario = { ...hanoi, simulation: { step: 0.01 } };
    const section = simulationBriefing(scenario);
    expect(section).toHaveProperty("skipped");
    const md = renderMarkdown(buildBriefing(scenario, { models: ["compromise"] }), "en");
    expect(md).toContain("The talks could not be simulated: the space has");
  });
});
