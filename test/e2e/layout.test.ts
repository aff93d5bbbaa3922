/**
 * The workbench on a phone (390 × 844): no view scrolls the page sideways, the grid scrolls in its
 * own frame with its header row and issue column in view; and the agreement space's marker follows
 * a change of parties, with no two labels overprinting.
 */
import { describe, expect, it } from "vitest";
import { labelBoxes, overprinting } from "./browser.js";
import { useWorkbench } from "./fixture.js";

const VIEWS = ["", "/setup", "/source", "/forecast", "/deal", "/simulate", "/history", "/briefing"];

describe("layout and charts", () => {
  const wb = useWorkbench();

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
