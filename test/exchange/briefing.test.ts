/** The exchange model's trades in the briefing, worded from the run's numbers. */
import { describe, expect, it } from "vitest";
import { forecast } from "../../src/forecast.js";
import { buildBriefing } from "../../src/report/build.js";
import { exchangeSentence, tradesOf } from "../../src/report/exchanges.js";
import { renderHtml } from "../../src/report/html.js";
import { renderMarkdown } from "../../src/report/markdown.js";
import { loadScenario } from "../../src/files/load.js";

const HANOI = "scenarios/hanoi-2019.yaml";

describe("exchange model in words", () => {
  const scenario = loadScenario(HANOI);
  const [result] = forecast(scenario, { models: ["exchange"] });

  it("says who moved on what for whose move on what, with the numbers of the run", () => {
    const first = result!.rounds![1]!.exchanges![0]!;
    const sentence = exchangeSentence(first, scenario, "en");
    const actor = scenario.actors.find((a) => a.id === first.actors[0])!;
    expect(sentence.startsWith(`${actor.name.en} moves on `)).toBe(true);
    expect(sentence).toContain(" in return for ");
    expect(sentence).toContain(`${Number(first.from[0].toFixed(first.from[0] >= 100 ? 0 : first.from[0] >= 10 ? 1 : 2))} →`);
    expect(exchangeSentence(first, scenario, "zh")).toContain("换取");
  });

  it("puts the largest trades into the briefing, Markdown and HTML", () => {
    const trades = tradesOf(result!);
    const total = result!.rounds!.reduce((n, r) => n + (r.exchanges?.length ?? 0), 0);
    expect(trades.reduce((n, t) => n + t.rounds.length, 0)).toBe(total);
    const briefing = buildBriefing(scenario, { models: ["exchange", "compromise"] });
    expect(briefing.exchange?.exchanges).toBe(total);
    expect(briefing.exchange?.trades[0]).toEqual(trades[0]);
    const markdown = renderMarkdown(briefing, "en");
    expect(markdown).toContain("## Trades (Stokman's exchange model)");
    expect(markdown).toContain(`realise ${total} exchanges`);
    expect(renderHtml(briefing, "en")).toContain('<section id="exchange">');
    expect(buildBriefing(scenario, { models: ["compromise"] }).exchange).toBeUndefined();
  });
});
