/**
 * The briefing's first line: the chance of a deal and the main reason it may fail, built from the
 * agreement forecast's numbers (src/report/agreement.ts), in English and Chinese, Markdown and HTML.
 */
import { describe, expect, it } from "vitest";
import { agreementAsWritten, agreementForecast } from "../../src/agreement/forecast.js";
import { agreementModel, judgeOutcome } from "../../src/agreement/model.js";
import { dealOutcome } from "../../src/deals/preferences.js";
import { loadScenario } from "../../src/files/load.js";
import { buildBriefing } from "../../src/report/build.js";
import { renderHtml } from "../../src/report/html.js";
import { renderMarkdown } from "../../src/report/markdown.js";
import { scenarioOf } from "../agreement/fixtures.js";
import { runCli } from "../helpers.js";

const hanoi = loadScenario("scenarios/hanoi-2019.yaml");
const MODELS = { models: ["compromise"] };

/** The line right after the title of a Markdown briefing, without its bold markers. */
const leadOf = (md: string): string => {
  const lines = md.split("\n");
  expect(lines[0]!.startsWith("# ")).toBe(true);
  expect(lines[1]).toBe("");
  expect(lines[2]!.startsWith("**")).toBe(true);
  return lines[2]!.replace(/^\*\*|\*\*$/g, "");
};

/** Two parties whose red lines leave nothing between them: the zone is empty as written. */
const CLASH = `parley: 2
id: clash
title: {en: A clash, zh: 冲突}
actors:
  - id: A
    name: {en: Alpha, zh: 甲方}
    capability: 50
    redLines:
      - id: high
        name: {en: A high rate, zh: 高税率}
        rule: tax >= 60
        credibility: 0.8
        evidence: [{source: memo, quote: no deal below sixty}]
  - id: B
    name: {en: Beta, zh: 乙方}
    capability: 50
    redLines:
      - id: low
        name: {en: A low rate, zh: 低税率}
        rule: tax <= 40
sources:
  - {id: memo, title: A memo}
issues:
  - id: tax
    name: Tax rate
    scale: {min: 0, max: 100, anchors: {0: none, 20: low, 50: half, 80: high, 100: all}}
    reference: 50
stances:
  A:
    tax: {position: 80, salience: 80}
  B:
    tax: {position: 20, salience: 80}
`;

describe("the briefing's first line", () => {
  it("on Hanoi as written: whether a deal is possible, from the search's counts, and the red lines that rule out the most named deals", () => {
    const written = agreementAsWritten(hanoi);
    const briefing = buildBriefing(hanoi, MODELS);
    expect(briefing.agreement.report).toEqual(written);
    const reason = briefing.agreement.reason!;
    // The reason is the library's verdicts counted, not text: recount from the deal judgements.
    const model = agreementModel(hanoi);
    const crossings = new Map<string, number>();
    for (const deal of hanoi.deals) {
      const j = judgeOutcome(model, dealOutcome(hanoi, deal.values));
      if (j.agreement || j.statusQuo) continue;
      for (const a of j.actors) if (a.required) for (const id of a.crossed) crossings.set(`${a.id}.${id}`, (crossings.get(`${a.id}.${id}`) ?? 0) + 1);
    }
    const most = Math.max(...crossings.values());
    expect(reason.kind).toBe("redLines");
    if (reason.kind !== "redLines") return;
    expect(reason.lines.map((l) => `${l.actor}.${l.id}`).sort()).toEqual([...crossings].filter(([, n]) => n === most).map(([k]) => k).sort());
    expect(reason.lines.every((l) => l.ruledOut.length === most)).toBe(true);

    const lead = leadOf(renderMarkdown(briefing, "en"));
    expect(lead).toContain(written.possible ? "A deal is possible as written" : "No deal is possible as written");
    if (written.acceptable !== undefined) expect(lead).toContain(`${written.acceptable.toLocaleString("en")} of ${written.grid.outcomes.toLocaleString("en")} outcomes`);
    expect(lead).toContain(`out ${most} of the ${hanoi.deals.length} named deals`);
    for (const line of reason.lines) {
      const actor = hanoi.actors.find((a) => a.id === line.actor)!;
      const redLine = actor.redLines.find((l) => l.id === line.id)!;
      // Named, cited to its evidence (the first entries: the lead comes first) and with its credibility.
      expect(lead).toMatch(new RegExp(`“${(redLine.name as { en: string }).en}\\[\\^${line.evidence}\\]” \\(credibility ${redLine.credibility.value}\\)`));
      expect(briefing.evidence[line.evidence! - 1]!.subject).toEqual({ kind: "redLine", actor: line.actor, id: line.id });
    }
    expect(leadOf(renderMarkdown(briefing, "zh"))).toMatch(/^按所写情景(可以|无法)达成协议.*可能失败的主要原因:.*红线“/);
  });

  it("with draws: the chance of a deal and its standard error, in both languages and both formats", async () => {
    const agreement = await agreementForecast(hanoi, { runs: 300, seed: 4, workers: 1 });
    const briefing = buildBriefing(hanoi, { ...MODELS, agreement });
    const percent = Math.round(100 * agreement.probability);
    expect(leadOf(renderMarkdown(briefing, "en"))).toMatch(new RegExp(`^Chance of a deal: ${percent} % \\(300 draws, ± ${Number((100 * agreement.standardError).toFixed(1))} points\\)\\. Main reason it may fail: `));
    expect(leadOf(renderMarkdown(briefing, "zh"))).toMatch(new RegExp(`^达成协议的概率:${percent}%\\(300次抽样`));
    const html = renderHtml(briefing, "en");
    const lead = /<header><h1>[^<]*<\/h1><p class="lead" id="agreement">(.*?)<\/p>/.exec(html.replace(/\n/g, ""));
    expect(lead?.[1]).toMatch(/^Chance of a deal: \d+ %/);
    // Every red line in the lead links to its evidence entry.
    for (const line of briefing.agreement.reason?.kind === "redLines" ? briefing.agreement.reason.lines : []) {
      expect(lead?.[1]).toContain(`href="#ev-${line.evidence}"`);
      expect(html).toContain(`id="ev-${line.evidence}"`);
    }
  });

  it("when the zone is empty: the minimal conflicting set and what would open it", () => {
    const scenario = scenarioOf(CLASH);
    const briefing = buildBriefing(scenario, MODELS);
    const reason = briefing.agreement.reason!;
    expect(reason.kind).toBe("conflict");
    if (reason.kind !== "conflict") return;
    expect(reason.redLines.map((l) => `${l.actor}.${l.id}`).sort()).toEqual(["A.high", "B.low"]);
    const lead = leadOf(renderMarkdown(briefing, "en"));
    expect(lead).toMatch(/^No deal is possible as written\. Main reason it may fail: as written, Alpha's red line “A high rate\[\^1\]” \(credibility 0\.8\) and Beta's red line “A low rate” cannot all hold together/);
    // Dropping either line alone opens a zone here (each side's own position lies beyond the other's line).
    for (const c of reason.opens) expect(["A.high", "B.low", "A", "B"]).toContain(c.constraint);
    if (reason.opens.length > 0) expect(lead).toContain("alone would open a zone of agreement");
    expect(leadOf(renderMarkdown(briefing, "zh"))).toMatch(/^按所写情景无法达成协议。可能失败的主要原因:按所写情景，甲方的红线“高税率\[\^1\]”\(可信度0\.8\)和乙方的红线“低税率”无法同时成立/);
  });

  it("without a status quo, walk-away values are 0 and any outcome is an agreement", () => {
    const ec = loadScenario("scenarios/ec-car-emissions.yaml");
    const briefing = buildBriefing(ec, MODELS);
    expect(briefing.agreement.report).toBeDefined();
    expect(leadOf(renderMarkdown(briefing, "en"))).toMatch(/^A deal is possible as written: 3 of 3 outcomes are acceptable to every actor\./);
  });

  it("parley report --runs puts the chance over the draws first", async () => {
    const run = await runCli("report", "scenarios/hanoi-2019.yaml", "--format", "md", "-m", "compromise", "--runs", "100", "--seed", "2");
    expect(run.code).toBe(0);
    const agreement = await agreementForecast(hanoi, { runs: 100, seed: 2, workers: 1 });
    expect(leadOf(run.stdout)).toMatch(new RegExp(`^Chance of a deal: ${Math.round(100 * agreement.probability)} % \\(100 draws`));
  }, 60_000);
});
