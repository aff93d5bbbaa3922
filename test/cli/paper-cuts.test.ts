/**
 * Issue 14's paper cuts, each held by a test: trap marks that read the right way, "≈" before a label that
 * only names the nearest anchor, the gap in a long rounds table, one default per --help line, GENIUS among
 * import's formats, counts in the singular, KTAB titles with quoted commas, plain values in evaluateDeal.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { dealContext, DealValuesError, evaluateDeal } from "../../src/deals/evaluate.js";
import { loadScenario } from "../../src/files/load.js";
import { detectFormat } from "../../src/files/input.js";
import { counted } from "../../src/i18n/count.js";
import { buildBriefing, renderHtml, renderMarkdown } from "../../src/report/index.js";
import { runCli } from "../helpers.js";

const HANOI = "scenarios/hanoi-2019.yaml";
const dir = mkdtempSync(join(tmpdir(), "parley-cuts-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("trap lines say whether the deal is good on the trap", () => {
  it("parley deal: avoided traps carry no cross, traps fallen into a warning", async () => {
    const run = await runCli("deal", HANOI, "--deal", "singapore");
    expect(run.code).toBe(0);
    const traps = run.stdout.slice(run.stdout.indexOf("\nTraps\n")).split("\n\n")[0]!.split("\n").slice(2);
    expect(traps.length).toBeGreaterThan(0);
    for (const line of traps) expect(line).toMatch(/^ {2}(· avoids {2}|⚠ falls in) {2}\S/);
    expect(traps.join("\n")).not.toMatch(/[✓✗]/);
    expect(traps.some((l) => l.startsWith("  ⚠ falls in  Stalling on vague concepts"))).toBe(true);
  });

  it("the briefing marks an avoided trap ✓ and a trap fallen into ✗ (Markdown and HTML)", () => {
    const b = buildBriefing(loadScenario(HANOI), { models: ["compromise"] });
    const md = renderMarkdown(b, "en");
    expect(md).toContain("- ✓ ICBM-only deal (avoids)");
    expect(md).toContain("- ✗ Stalling on vague concepts (falls in)");
    const html = renderHtml(b, "en");
    expect(html).toMatch(/<span class="ok">✓<\/span> avoids/);
    expect(html).toMatch(/<span class="bad">✗<\/span> falls in/);
    expect(html).not.toMatch(/<span class="ok">✗|<span class="bad">✓/);
  });
});

describe("value labels", () => {
  it("parley deal writes ≈ before the nearest anchor's label only when the value is not the anchor's", async () => {
    const run = await runCli("deal", HANOI, "--deal", "singapore");
    // Scope 10 is nearest the anchor 0; 50 on the alliance is an anchor.
    expect(run.stdout).toMatch(/Scope of denuclearisation +10 {2}≈ freeze of testing only\n/);
    expect(run.stdout).toMatch(/US–ROK exercises and troop presence +50 {2}exercises suspended, troops stay\n/);
  });

  it("parley forecast does the same in the nearest-anchor column", async () => {
    const run = await runCli("forecast", HANOI, "-m", "eum");
    expect(run.stdout).toMatch(/ 60 {2}lift the five UN resolutions of 2016–2017 \(60\)\n/);
    expect(run.stdout).toMatch(/ 55 {2}≈ dismantle Yongbyon \(40\)\n/);
  });
});

it("the EUM rounds table marks the rounds it leaves out", async () => {
  const run = await runCli("forecast", HANOI, "-m", "eum");
  expect(run.stdout).toContain("positions by round (10 rounds; r6–r9 not shown, --json lists every round)");
  expect(run.stdout).toMatch(/r0 +r1 +r2 +r3 +r4 +r5 +… +r10\n/);
  const zh = await runCli("forecast", HANOI, "-m", "eum", "--lang", "zh");
  expect(zh.stdout).toContain("未列出 r6–r9");
});

it("--help states each default once", async () => {
  for (const command of ["forecast", "sensitivity", "deal", "analyze", "simulate", "report", "backtest", "import", "serve", "agreement"]) {
    const run = await runCli(command, "--help");
    expect(run.code).toBe(0);
    const help = run.stdout.replace(/\s+/g, " ");
    expect(help, command).not.toMatch(/\(default: \[\]\)|\(default: false\)/);
    expect(help.match(/\(default[^)]*\) \(default/), command).toBeNull();
  }
  const sensitivity = (await runCli("sensitivity", "--help")).stdout.replace(/\s+/g, " ");
  expect(sensitivity).toContain("(default: 2000)");
  expect((await runCli("serve", "--help")).stdout.replace(/\s+/g, " ")).toContain("(default: 4321)");
});

it("import, analyze and simulate name GENIUS among their --from formats", async () => {
  for (const command of ["import", "analyze", "simulate"]) {
    expect((await runCli(command, "--help")).stdout.replace(/\s+/g, " "), command).toMatch(/choices: "scenario", "ktab", "eum", "decide", "genius"/);
  }
  const notGenius = join(dir, "not-genius.yaml");
  writeFileSync(notGenius, "a: 1\n");
  const run = await runCli("import", notGenius, notGenius, "--from", "genius");
  expect(run.code).toBe(2);
  expect(run.stderr).toContain("is not a GENIUS, GeniusWeb or NegoLog file");
});

describe("counts", () => {
  it("agree in number, in English and Chinese", () => {
    expect(counted(1, "issue")).toBe("1 issue");
    expect(counted(0, "issue")).toBe("0 issues");
    expect(counted(207, "issue")).toBe("207 issues");
    expect(counted(1, "issue", "zh")).toBe("1 个议题");
    expect(counted(83, "group", "zh")).toBe("83 组");
  });

  it("parley validate says 1 issue, 1 error", async () => {
    const one = join(dir, "one.yaml");
    writeFileSync(one, "parley: 1\nid: one\ntitle: One\nactors:\n  - {id: A, name: A, capability: 1}\n  - {id: B, name: B, capability: 1}\nissues:\n  - {id: x, name: X, scale: {min: 0, max: 100}, reference: 10}\nstances:\n  A: {x: {position: 0, salience: 50}}\n  B: {x: {position: 100, salience: 50}}\n");
    const run = await runCli("validate", one);
    expect(run.stdout).toContain("valid — 2 actors, 1 issue, 2 stances, 0 citations");
    writeFileSync(one, "parley: 1\nid: one\n");
    const bad = await runCli("validate", one);
    expect(bad.stderr).toMatch(/invalid \(\d+ errors?\)/);
  });
});

it("a KTAB CSV whose title quotes a description with a comma is detected as KTAB", async () => {
  const file = join(dir, "hanoi-ktab.csv");
  writeFileSync(
    file,
    [
      'Hanoi2019-synthetic,"ILLUSTRATIVE inputs only; 0=status quo, 100=full",3,1,',
      "Actor,Description,Power,Pstn1,Sal1,",
      "USA,United States,100,90,80,",
      "DPRK,North Korea,30,10,90,",
      "ROK,South Korea,40,60,70,",
    ].join("\n"),
  );
  expect(detectFormat('x,"a, b",3,1\n')).toBe("ktab");
  expect(detectFormat('x,"a ""quoted"", b\nsecond line",3,1\n')).toBe("ktab");
  const run = await runCli("import", file);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  expect(run.stdout).toContain("(ktab)");
});

describe("evaluateDeal takes values as the CLI and API do", () => {
  const hanoi = loadScenario(HANOI);
  const context = dealContext(hanoi);

  it("plain numbers and option ids are the deal's values, not the status quo", () => {
    const plain = evaluateDeal(context, { id: "d", values: { sanctions: 30, definition: "agreed" } });
    expect(plain.outcome["sanctions"]).toBe(30);
    expect(plain.outcome["definition"]).toBe("agreed");
    expect(plain.statusQuo).toBe(false);
    const written = evaluateDeal(context, { id: "d", values: { sanctions: { value: 30, evidence: [] }, definition: { value: 100, option: "agreed", evidence: [] } } });
    expect(written.actors.map((a) => a.utility)).toEqual(plain.actors.map((a) => a.utility));
  });

  it("bad values throw, naming every one", () => {
    const bad = () => evaluateDeal(context, { id: "d", values: { sanctions: 300, definition: "maybe", nope: 1 } });
    expect(bad).toThrow(DealValuesError);
    expect(bad).toThrow(/sanctions: expected a number from 0 to 100; got 300; definition: expected one of: .*; got "maybe"; nope: unknown issue "nope"/);
    expect(() => evaluateDeal(context, { id: "d", values: { sanctions: "30" } })).toThrow(/sanctions: expected a number from 0 to 100; got "30"/);
  });
});

it("parley analyze --agreement assesses the deal at its own values, not the nearest grid point", async () => {
  const run = await runCli("analyze", HANOI, "--agreement", "singapore", "--json");
  expect(run.code).toBe(0);
  const analysis = JSON.parse(run.stdout) as { postSettlement: { agreement: Record<string, number | string>; agreementUtilities: number[] } };
  // Singapore: scope 10 and normalisation 25 lie between anchors (was printed as 0 and 40).
  expect(analysis.postSettlement.agreement["denuclearization"]).toBe(10);
  expect(analysis.postSettlement.agreement["normalization"]).toBe(25);
  const deal = JSON.parse((await runCli("deal", HANOI, "--deal", "singapore", "--json")).stdout) as { actors: { utility: number }[] };
  analysis.postSettlement.agreementUtilities.forEach((u, i) => expect(u).toBeCloseTo(deal.actors[i]!.utility, 3));
});
