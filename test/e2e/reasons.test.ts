/**
 * Reasons in Chinese: with the workbench in Chinese, the deal builder's criteria, traps and
 * refusals read in Chinese with the scenario's Chinese names, not ids or rule code; the import
 * button and the simulation's strategies are in Chinese too; and no view, its charts and the
 * labels screen readers read included, keeps an English word beyond the scenario's ids and names.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenario } from "../../src/files/load.js";
import type { Scenario } from "../../src/scenario/types.js";
import { ROOT } from "./browser.js";
import { useWorkbench } from "./fixture.js";

const VIEWS = ["", "/setup", "/source", "/forecast", "/deal", "/simulate", "/history", "/briefing"];

/**
 * Latin words a Chinese page may show: names of formats, programs, the licence, models and
 * strategies after their authors, the data set, units, the concession exponent's symbol e, keys,
 * the command line's words, and the language switch's "English"; and versions (v, v1).
 */
const PROPER = new Set(
  "Parley PARLEY YAML JSON KTAB CSV XML EUM GENIUS PDF SVG PNG SMP Nash Stokman Boulware DEU III API OpenAPI MIT ms e v English Tab Home End Enter Shift Esc F2 parley backtest simulate FILE save-calibration OUT".split(" "),
);

/** Every id (and Latin word of a name) a bundled scenario gives: the page may show those as they are. */
function scenarioWords(): Set<string> {
  const words = new Set<string>();
  const add = (value: unknown) => {
    if (typeof value === "string") for (const w of value.split(/[^A-Za-z0-9_-]+/)) if (w) words.add(w.replace(/^-+/, ""));
  };
  const walk = (value: unknown, key = ""): void => {
    if (Array.isArray(value)) value.forEach((v) => walk(v, key));
    else if (value && typeof value === "object")
      for (const [k, v] of Object.entries(value)) {
        add(k);
        walk(v, k);
      }
    else if (key === "id" || key === "file" || key === "en" || key === "deal" || key === "source") add(value);
  };
  for (const file of readdirSync(join(ROOT, "scenarios")).filter((f) => f.endsWith(".yaml"))) walk(loadScenario(join(ROOT, "scenarios", file)) as Scenario);
  return words;
}

/** The page's visible text and the labels it gives screen readers, without what its authors wrote. */
const PAGE_WORDS = `(() => {
  const skip = (el) => el.closest("code, kbd, [translate=no]");
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!el || skip(el) || el.closest("script, style, [hidden], [aria-hidden=true]") || !el.getClientRects().length) continue;
    texts.push(node.textContent);
  }
  for (const el of document.querySelectorAll("[aria-label], [title], [placeholder], [alt], [aria-description]"))
    if (!skip(el)) for (const a of ["aria-label", "title", "placeholder", "alt", "aria-description"]) { const v = el.getAttribute(a); if (v) texts.push(v); }
  return texts.join(" ");
})()`;

describe("the workbench in Chinese", () => {
  const wb = useWorkbench({ locale: "zh-CN" });

  it("renders criterion, trap and acceptance reasons from their structure in Chinese", async () => {
    const { page } = wb;
    await page.goto(`${wb.url}/s/hanoi-2019`);
    await page.locator("[data-testid=stance-grid]").waitFor();
    await page.click("[data-testid=tab-deal]");
    await page.selectOption("[data-testid=deal-preset]", "dprk-offer");
    const why = (list: string, id: string) => page.locator(`[data-testid=${list}] li[data-rule='${id}'] .why`).textContent();
    await expect.poll(() => why("traps", "icbm-only")).toBe("导弹范围为 0（不限制导弹），不高于 0");
    const principals = (await why("criteria", "no-failure")) ?? "";
    expect(principals).toMatch(/^美国不接受（越过红线“[^”]+”：制裁放松为 60（/);
    expect(principals).not.toMatch(/USA|sanctions|[=✗✓]/);
    const allies = (await why("traps", "ally-concession")) ?? "";
    expect(allies).toContain("日本在制裁放松上：");
    expect(await page.locator("[data-testid=verdicts] tr[data-actor=USA] .why").textContent()).toContain("越过红线");
    // No reason on the page reads like rule code.
    for (const text of await page.locator("[data-testid=criteria] .why, [data-testid=traps] .why").allTextContents()) {
      expect(text).not.toMatch(/[a-z]+ = |[≥≤] \d|[✓✗]$/);
    }
  });

  it("translates the import button and the simulation's strategies", async () => {
    const { page } = wb;
    await expect.poll(() => page.locator(".import .button").textContent()).toContain("选择文件");
    await page.click("[data-testid=tab-simulate]");
    await page.locator("select[data-testid^=strategy-]").first().waitFor();
    const options = await page.locator("select[data-testid^=strategy-] option").allTextContents();
    expect(options).toContain("以牙还牙");
    expect(options.some((o) => /^(boulware|linear|conceder)$/.test(o))).toBe(false);
  });

  it("leaves no English word in any view, its charts or its labels for screen readers", async () => {
    const { page } = wb;
    const allowed = new Set([...PROPER, ...scenarioWords()]);
    const left: Record<string, string[]> = {};
    for (const view of VIEWS) {
      await page.goto(`${wb.url}s/hanoi-2019${view}`);
      await page.locator(".content").waitFor();
      if (view === "/forecast") {
        // With a Monte Carlo run's distributions, deal chances and tornado shown.
        await page.selectOption("[data-testid=mc-runs]", "200");
        await page.getByTestId("mc-run").click();
        await page.getByTestId("tornado").waitFor({ timeout: 120_000 });
      }
      if (view === "/deal") await page.locator("[data-testid=current-deal]").waitFor({ state: "attached" });
      await page.waitForTimeout(500);
      const words = ((await page.evaluate(PAGE_WORDS)) as string).split(/[^A-Za-z0-9_-]+/).map((w) => w.replace(/^-+/, ""));
      const english = [...new Set(words.filter((w) => /[A-Za-z]/.test(w) && !allowed.has(w) && !/^v\d+$/.test(w)))];
      if (english.length > 0) left[view || "/"] = english;
    }
    expect(left).toEqual({});
    expect(wb.problems).toEqual([]);
  }, 300_000);
});
