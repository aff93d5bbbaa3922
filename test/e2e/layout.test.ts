/**
 * The workbench on a phone (390 × 844): no view scrolls the page sideways, the grid scrolls in its
 * own frame with its header row and issue column in view; and the agreement space's marker follows
 * a change of parties, with no two labels overprinting; the forecast strips name their actors.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenario } from "../../src/files/load.js";
import { text } from "../../src/scenario/label.js";
import { labelBoxes, overprinting, ROOT, type LabelBox } from "./browser.js";
import { useWorkbench } from "./fixture.js";

const VIEWS = ["", "/setup", "/source", "/forecast", "/deal", "/simulate", "/history", "/briefing"];

describe("layout and charts", () => {
  const wb = useWorkbench();

  it("labels the forecast strips' dots by actor name, in the chosen language, no two overprinting", async () => {
    const { page } = wb;
    const hanoi = loadScenario(join(ROOT, "scenarios", "hanoi-2019.yaml"));
    await page.goto(`${wb.url}s/hanoi-2019/forecast`);
    for (const language of ["en", "zh"] as const) {
      if (language === "zh") await page.click("[data-testid=lang-zh]");
      for (const issue of hanoi.issues) {
        const strip = `.forecast-view > .strips > .strip[data-issue=${issue.id}]`;
        const names = hanoi.actors.filter((a) => hanoi.stances[a.id]?.[issue.id]).map((a) => text(a.name, language));
        expect(names.length).toBeGreaterThan(2);
        // Every text of the chart (Plot's parts carry names in the page's language, so not selected by them).
        const texts = async () =>
          (await page.evaluate(
            `[...document.querySelectorAll(${JSON.stringify(`${strip} svg text`)})].map((t) => { const r = t.getBoundingClientRect(); return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, text: t.textContent, fill: t.getAttribute("fill") ?? t.parentElement.getAttribute("fill") }; })`,
          )) as (LabelBox & { fill: string | null })[];
        await page.locator(`${strip} svg`).first().waitFor({ timeout: 60_000 });
        await expect.poll(async () => (await texts()).map((b) => b.text), { timeout: 30_000 }).toEqual(expect.arrayContaining(names));
        const boxes = await texts();
        // Names, not ids: no text is an actor's id.
        expect(boxes.filter((b) => hanoi.actors.some((a) => a.id === b.text)).map((b) => b.text)).toEqual([]);
        const labels = boxes.filter((b) => names.includes(b.text));
        expect(labels).toHaveLength(names.length);
        expect(overprinting(labels)).toEqual([]);
        // Each name is drawn in its actor's colour, the colour of its dot.
        expect(new Set(labels.map((b) => b.fill)).size).toBe(names.length);
      }
    }
    await page.click("[data-testid=lang-en]");
  });

  it("keeps the deal marker on the chosen parties after switching them, labels apart", async () => {
    const { page } = wb;
    await page.goto(`${wb.url}s/hanoi-2019/deal`);
    await page.selectOption("[data-testid=deal-preset]", "dprk-offer");
    const marker = page.locator("[data-testid=current-deal]");
    await marker.waitFor({ state: "attached" });
    const before = { x: await marker.getAttribute("data-x"), y: await marker.getAttribute("data-y") };
    await page.selectOption("[data-testid=party-y]", "CHN");
    const utility = async (actor: string) => Number((await page.locator(`[data-testid=verdicts] tr[data-actor=${actor}] text`).textContent())!.split("/")[0]);
    await expect.poll(async () => Number(await page.locator("[data-testid=current-deal]").getAttribute("data-y"))).toBeCloseTo(await utility("CHN"), 2);
    expect(Number(await page.locator("[data-testid=current-deal]").getAttribute("data-x"))).toBeCloseTo(await utility("USA"), 2);
    expect(await page.locator("[data-testid=current-deal]").getAttribute("data-y")).not.toBe(before.y);
    // No two text labels in the chart overlap.
    const boxes = await labelBoxes(page, ".space-plot");
    expect(boxes.length).toBeGreaterThan(3);
    expect(overprinting(boxes)).toEqual([]);
    // The chart uses the room it has.
    const width = Number(await page.locator(".space-plot svg").first().getAttribute("width"));
    expect(width).toBeGreaterThanOrEqual(600);
  });

  it("fits every view in 390 px without sideways page scrolling", async () => {
    const { page } = wb;
    await page.setViewportSize({ width: 390, height: 844 });
    for (const view of VIEWS) {
      await page.goto(`${wb.url}s/hanoi-2019${view}`);
      await page.locator(".content").waitFor();
      await page.waitForTimeout(400);
      const overflow = Number(await page.evaluate("document.documentElement.scrollWidth"));
      expect(overflow, `view ${view || "/"} is ${overflow} px wide`).toBeLessThanOrEqual(390);
    }
    await page.goto(`${wb.url}s/hanoi-2019`);
    const frame = page.getByTestId("grid-frame");
    await frame.waitFor();
    const widths = (await page.evaluate(`[...document.querySelectorAll(".stance-grid thead tr:first-child th")].map((th) => th.getBoundingClientRect().width)`)) as number[];
    expect(Math.min(...widths)).toBeGreaterThan(60);
    // Scrolling the grid's frame keeps the header row and the issue column in place.
    const head = page.locator(".stance-grid thead th").nth(1);
    const issue = page.locator(".stance-grid tbody th").first();
    const headTop = (await head.boundingBox())!.y;
    const issueLeft = (await issue.boundingBox())!.x;
    await frame.evaluate((el) => el.scrollBy(200, 300));
    expect(Math.abs((await head.boundingBox())!.y - headTop)).toBeLessThan(2);
    expect(Math.abs((await issue.boundingBox())!.x - issueLeft)).toBeLessThan(2);
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(wb.problems).toEqual([]);
  });
});
