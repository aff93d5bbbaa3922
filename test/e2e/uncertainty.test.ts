/**
 * Uncertainty in the workbench: Monte Carlo runs in a Web Worker with progress and cancellation,
 * the page answering meanwhile; per-issue distributions, deal acceptance chances and the tornado.
 */
import { describe, expect, it } from "vitest";
import { useWorkbench } from "./fixture.js";

describe("Monte Carlo in the forecast view", () => {
  const wb = useWorkbench();

  it("runs in the background with progress, and cancelling keeps the runs done", async () => {
    const { page } = wb;
    await page.goto(`${wb.url}s/hanoi-2019/forecast`);
    await page.getByTestId("uncertainty").waitFor();
    expect(await page.locator("[data-testid=uncertainty] .empty-state").textContent()).toMatch(/No runs yet/);
    await page.selectOption("[data-testid=mc-runs]", "5000");
    await page.getByTestId("mc-run").click();
    await page.getByTestId("mc-progress").waitFor();
    // The page's own thread stays free while the worker runs: it paints frames and handles input
    // between two progress reports. (How long its frames take is a benchmark: bench/web.bench.ts.)
    const progressNow = () => page.locator("[data-testid=uncertainty] .mc-progress").textContent();
    await page.evaluate(`(() => { window.__framesDuringRun = 0; const tick = () => { window.__framesDuringRun++; requestAnimationFrame(tick); }; requestAnimationFrame(tick); })()`);
    const before = await progressNow();
    const seed = page.locator("[data-testid=uncertainty] input[inputmode=numeric]");
    await seed.fill("7");
    expect(await seed.inputValue()).toBe("7");
    await seed.fill("0"); // the next test's figures are for seed 0
    await expect.poll(progressNow, { timeout: 120_000 }).not.toBe(before);
    expect(Number(await page.evaluate("window.__framesDuringRun"))).toBeGreaterThan(0);
    await expect.poll(async () => Number(await page.getByTestId("mc-progress").getAttribute("value"))).toBeGreaterThan(0);
    await page.getByTestId("mc-cancel").click();
    const results = page.getByTestId("mc-results");
    await results.waitFor();
    expect(await results.getAttribute("data-partial")).toBe("true");
    const completed = Number(await results.getAttribute("data-completed"));
    expect(completed).toBeGreaterThan(0);
    expect(completed).toBeLessThan(5000);
    expect(await page.getByTestId("mc-summary").textContent()).toMatch(/Cancelled/);
  });

  it("shows distributions, deal acceptance chances and the tornado", async () => {
    const { page } = wb;
    await page.selectOption("[data-testid=mc-runs]", "200");
    await page.getByTestId("mc-run").click();
    const results = page.getByTestId("mc-results");
    await expect.poll(() => results.getAttribute("data-partial"), { timeout: 120_000 }).toBe("false");
    expect(await results.getAttribute("data-completed")).toBe("200");
    const cell = page.locator("[data-testid=mc-table] td[data-model=smp][data-issue=sanctions]");
    expect(await cell.locator(".band").textContent()).toMatch(/^\d+(\.\d)?–\d+(\.\d)?$/);
    // SMP's sanctions forecast jumps between clusters as capabilities move: flagged as fragile.
    expect(await cell.getAttribute("class")).toBe("fragile");
    const deals = page.locator("[data-testid=mc-deals] tbody tr");
    expect(await deals.count()).toBeGreaterThan(0);
    const all = Number(await deals.first().locator("td[data-all]").getAttribute("data-all"));
    expect(all).toBeGreaterThanOrEqual(0);
    expect(all).toBeLessThanOrEqual(1);
    await page.getByTestId("tornado").waitFor({ timeout: 120_000 });
    await page.selectOption("[data-testid=tornado-issue]", "sanctions");
    expect(await page.locator("[data-testid=tornado] svg").count()).toBe(1);
    expect(await page.locator("[data-testid=tornado]").textContent()).toContain("North Korea · capability");
    expect(wb.problems).toEqual([]);
  });
});
