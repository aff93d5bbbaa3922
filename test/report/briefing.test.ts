import { beforeAll, describe, expect, it } from "vitest";
import { loadScenario } from "../../src/files/load.js";
import { MODEL_LABELS } from "../../src/i18n/models.js";
import { buildBriefing } from "../../src/report/build.js";
import { escapeHtml, escapeMarkdown, safeUrl } from "../../src/report/escape.js";
import { renderHtml } from "../../src/report/html.js";
import { renderMarkdown } from "../../src/report/markdown.js";
import type { Briefing, UncertaintyInput } from "../../src/report/types.js";
import type { Scenario } from "../../src/scenario/types.js";

const hanoi = loadScenario("scenarios/hanoi-2019.yaml");
const CLAIM = { actors: ["CHN", "DPRK", "ROK"], issue: "alliance" } as const;

/** Every evidence link points at an entry that exists, and every entry is linked from somewhere. */
function checkLinks(html: string): void {
  const targets = new Set([...html.matchAll(/id="(ev-\d+)"/g)].map((m) => m[1]));
  const links = new Set([...html.matchAll(/href="#(ev-\d+)"/g)].map((m) => m[1]));
  expect(links.size).toBeGreaterThan(0);
  for (const link of links) expect(targets.has(link)).toBe(true);
  for (const target of targets) expect(links.has(target)).toBe(true);
}

describe("the Hanoi briefing", () => {
  let briefing: Briefing;
  let md: string;
  let html: string;
  beforeAll(() => {
    briefing = buildBriefing(hanoi, { claims: [CLAIM, { actors: ["CHN", "DPRK", "ROK"] }] });
    md = renderMarkdown(briefing, "en");
    html = renderHtml(briefing, "en");
  });

  it("forecasts every issue with every model, with the spread between them", () => {
    expect(briefing.models.map((m) => m.id)).toEqual(["compromise", "median", "nbs", "smp", "eum", "exchange"]);
    expect(briefing.failedModels).toEqual([]);
    expect(briefing.issues).toHaveLength(9);
    for (const issue of briefing.issues) {
      expect(issue.forecasts).toHaveLength(6);
      const values = issue.forecasts.map((f) => f.value);
      expect(issue.spread!.range).toBeCloseTo(Math.max(...values) - Math.min(...values), 12);
      expect(issue.spread!.anchorGroups.flatMap((g) => g.models).sort()).toEqual(briefing.models.map((m) => m.id).sort());
    }
    const alliance = briefing.issues.find((i) => i.issue === "alliance")!;
    expect(alliance.positions.map((p) => [p.actor, p.position.value])).toEqual([
      ["USA", 40],
      ["DPRK", 0],
      ["ROK", 65],
      ["CHN", 0],
      ["JPN", 100],
    ]);
  });

  it("evaluates every deal and each actor's stake", () => {
    expect(briefing.deals.deals.map((d) => d.deal)).toEqual(hanoi.deals.map((d) => d.id));
    expect(briefing.stakes.map((s) => s.actor)).toEqual(["USA", "DPRK", "ROK", "CHN", "JPN"]);
    const dprk = briefing.stakes.find((s) => s.actor === "DPRK")!;
    const bigDeal = dprk.gains.find((g) => g.deal === "big-deal")!;
    expect(bigDeal.accepts).toBe(false);
    expect(bigDeal.gain).toBeCloseTo(bigDeal.utility - dprk.reservation, 12);
  });

  it("registers the evidence behind every stance, capability, reference, deal and rule", () => {
    const kinds = (kind: string) => briefing.evidence.filter((e) => e.subject.kind === kind).length;
    expect(kinds("stance")).toBe(45);
    expect(kinds("capability")).toBe(6);
    expect(kinds("reference")).toBe(9);
    expect(kinds("deal")).toBe(5);
    expect(kinds("criterion") + kinds("trap")).toBe(7);
    expect(briefing.evidence.map((e) => e.number)).toEqual(briefing.evidence.map((_, k) => k + 1));
  });

  it("has every section, every deal and the alliance statement in Markdown", () => {
    for (const heading of [
      "## In brief",
      "## Where the talks are forecast to settle",
      "## How sure: distributions",
      "## Deals against criteria and traps",
      "## Each actor's stake",
      "## Who stands with whom",
      "## The numbers behind it",
      "## Method",
      "## Evidence",
      "## Sources",
    ]) {
      expect(md).toContain(heading);
    }
    for (const deal of hanoi.deals) expect(md).toContain(escapeMarkdown(deal.name.en!));
    expect(md).toContain("On US–ROK exercises and troop presence, North Korea and China stand together (0); United States (40[^");
    expect(md).toMatch(/South Korea \(65\[\^\d+\]\) and Japan \(100\[\^\d+\]\) each stand alone\. Below the status quo \(50\[\^\d+\]\): United States, North Korea, China; above it: South Korea, Japan\./);
    expect(md).toMatch(
      /Claim: China, North Korea and South Korea stand together on US–ROK exercises and troop presence — not borne out by the numbers: China and North Korea \(0\[\^\d+\]\) stand together; South Korea \(65\[\^\d+\]\) stands 65 points from them, nearer United States \(25\) and Japan \(35\)\./,
    );
    expect(md).toContain("partly borne out by the numbers: China and South Korea stand together; North Korea stands 32 points from them");
    expect(md).toMatch(/\| United States \| 40\[\^(\d+)\] \| 35\[\^\1\] \|/);
    expect(md).toContain("**Singapore joint statement (June 2018)**");
    expect(md).toContain("✗ Stalling on vague concepts (falls in): Definition of denuclearisation is restated vague formula (\"denuclearisation of the peninsula\"), not clear, agreed definition; Roadmap and sequencing is 0 (vague statement (as in Singapore)), below 50\n");
    // every footnote reference has its definition
    const refs = new Set([...md.matchAll(/\[\^(\d+)\](?!:)/g)].map((m) => m[1]));
    const defs = new Set([...md.matchAll(/^\[\^(\d+)\]:/gm)].map((m) => m[1]));
    for (const ref of refs) expect(defs.has(ref)).toBe(true);
  });

  it("has every section, charts and linked evidence in HTML", () => {
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    for (const id of ["summary", "forecasts", "uncertainty", "deals", "stakes", "alignment", "inputs", "method", "evidence", "sources"]) {
      expect(html).toContain(`<section id="${id}">`);
    }
    for (const deal of hanoi.deals) expect(html).toContain(escapeHtml(deal.name.en!));
    expect(html.match(/<svg /g)).toHaveLength(9 + 1 + 2); // a strip per issue, the gains, two heat maps
    expect(html).not.toMatch(/<script|<link|<img|src=|@import|url\(/i);
    expect(html).toContain("@media print");
    expect(html).toContain("North Korea and China stand together (0)");
    expect(html).toContain("not borne out by the numbers");
    expect(html).toContain("«几十年来,朝鲜和中国一直呼吁美国从韩国乃至整个东亚撤军。»");
    expect(html).toContain("Analyst&#39;s judgement: the panel is silent on Seoul&#39;s view of verification.");
    checkLinks(html);
  });

  it("speaks Chinese with --lang zh", () => {
    const zh = renderHtml(briefing, "zh");
    expect(zh).toContain('<html lang="zh-Hans">');
    for (const label of ["谁与谁站在一起", "美韩联合军演与驻军", "数字不支持这一论断", "朝鲜和中国站在一起(0)", "新加坡联合声明(2018年6月)", "全部议题上按重要性加权的距离"]) {
      expect(zh).toContain(label);
    }
    expect(zh).not.toContain("Who stands with whom");
    expect(zh).toContain("导弹范围为 0（不限制导弹），不高于 0");
    const zhMd = renderMarkdown(briefing, "zh");
    expect(zhMd).toContain("## 各方的得失");
    expect(zhMd).toContain("在美韩联合军演与驻军上，朝鲜和中国站在一起(0)");
    // Models are named in Chinese, with the workbench's words (src/i18n/models.ts), in tables, charts and sentences.
    for (const id of ["compromise", "median", "nbs", "smp", "eum", "exchange"] as const) {
      expect(zhMd).toContain(`| ${MODEL_LABELS.zh[id]} |`);
      expect(zh).toContain(`>${MODEL_LABELS.zh[id]}<`);
    }
    expect(zhMd).toMatch(/分别指向“[^”]+”\((加权中位数|纳什议价解|预期效用模型)/);
    expect(`${zh}${zhMd}`).not.toMatch(/Compromise|Weighted median|Nash bargaining|Spatial Model|Expected utility|Exchange model|\| (compromise|median|nbs|smp|eum|exchange) \|/);
    checkLinks(zh);
  });
});

describe("untrusted scenario text", () => {
  const hostile = "<script>alert(1)</script>";
  const scenario: Scenario = {
    ...hanoi,
    title: { en: `Title ${hostile}` },
    description: { en: "<img src=x onerror=alert(1)> & [link](javascript:alert(1)) | pipe" },
    sources: hanoi.sources.map((s) => ({ ...s, url: "javascript:alert(1)" })),
    actors: hanoi.actors.map((a, k) => (k === 0 ? { ...a, name: { en: hostile } } : a)),
    issues: hanoi.issues.map((i) => (i.id === "alliance" ? { ...i, name: { en: `Alliance "${hostile}"` }, anchors: i.anchors.map((a) => ({ ...a, label: { en: `<b onmouseover=x>${a.value}</b>` } })) } : i)),
    deals: hanoi.deals.map((d, k) => (k === 0 ? { ...d, name: { en: `Deal ' " & ${hostile}` } } : d)),
  };
  const briefing = buildBriefing(scenario, { models: ["compromise"], claims: [{ actors: ["USA", "JPN"], issue: "alliance" }] });

  it("escapes every label in HTML, SVG included", () => {
    const html = renderHtml(briefing, "en");
    expect(/<script|<img|<b |href="javascript:/i.test(html)).toBe(false);
    expect(html).not.toContain('href="javascript');
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&lt;b onmouseover=x&gt;");
    expect(html).toContain("Deal &#39; &quot; &amp; &lt;script&gt;");
  });

  it("escapes every label in Markdown", () => {
    const md = renderMarkdown(briefing, "en");
    expect(/<script|<img|<b |[^\\]\]\(javascript:|<javascript/i.test(md)).toBe(false);
    expect(md).toContain("\\[link\\](javascript:alert(1))");
    expect(md).toContain("&lt;script>alert(1)&lt;/script>");
    expect(md).toContain("\\| pipe");
  });
});

describe("escaping helpers", () => {
  it("escapes HTML and Markdown, keeps only http(s) links", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    expect(escapeMarkdown("a|b *c* [d](e) 0 < 70 &amp <x>\nnext")).toBe("a\\|b \\*c\\* \\[d\\](e) 0 < 70 &amp;amp &lt;x> next");
    expect(safeUrl("https://example.org/a?b=1")).toBe("https://example.org/a?b=1");
    expect(safeUrl("javascript:alert(1)")).toBeUndefined();
    expect(safeUrl("not a url")).toBeUndefined();
  });
});

describe("the uncertainty slot", () => {
  it("shows distributions from a Monte Carlo run when one is supplied", () => {
    const uncertainty: UncertaintyInput = {
      runs: 200,
      completed: 200,
      partial: false,
      seed: 7,
      models: [{ model: "compromise", issues: [{ id: "alliance", forecast: 35.3, quantiles: { p5: 20, p25: 30, p50: 35, p75: 40, p95: 50 } }] }],
      deals: [{ id: "singapore", accept: { USA: 0.9, DPRK: 0.8, ROK: 1, CHN: 1, JPN: 0.7 }, all: 0.6 }],
    };
    const b = buildBriefing(hanoi, { models: ["compromise"], uncertainty });
    expect(b.issues.find((i) => i.issue === "alliance")!.distributions).toEqual([{ model: "compromise", forecast: 35.3, p5: 20, p25: 30, p50: 35, p75: 40, p95: 50 }]);
    const md = renderMarkdown(b, "en");
    expect(md).toContain("From a Monte Carlo run of 200 samples of the uncertain inputs, seed 7");
    expect(md).toContain("| Compromise | 35.3 | 20 | 30 | 35 | 40 | 50 |");
    expect(renderMarkdown(b, "zh")).toContain("| 折中模型 | 35.3 | 20 | 30 | 35 | 40 | 50 |");
    expect(md).toContain("| Singapore joint statement (June 2018) | 90 % | 80 % | 100 % | 100 % | 70 % | 60 % |");
    expect(renderHtml(b, "en")).toContain('stroke-width="5"'); // the 50 % band on the strip
  });
});

describe("scenarios without deals", () => {
  it("says so instead of failing", () => {
    const b = buildBriefing({ ...hanoi, deals: [] }, { models: ["compromise"] });
    expect(b.stakes).toEqual([]);
    expect(renderMarkdown(b, "en")).toContain("The scenario names no deals.");
    expect(renderHtml(b, "zh")).toContain("情景中没有列出协议。");
  });

  it("reports deals it cannot evaluate without a status quo", () => {
    const b = buildBriefing({ ...hanoi, issues: hanoi.issues.map(({ reference: _reference, ...issue }) => issue) }, { models: ["compromise"] });
    expect(b.deals.skipped).toMatch(/no reference point/);
    expect(renderMarkdown(b, "en")).toContain("Deals could not be evaluated");
  });
});
