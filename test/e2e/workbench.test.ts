/**
 * The workbench end to end: the real server (fresh database, any free port) and the built web app
 * in Debian's Chromium. Fails, saying what to install, when Chromium is missing.
 */
import { describe, expect, it } from "vitest";
import { perfFigure, setSlider } from "./browser.js";
import { SAVE_MS, useWorkbench } from "./fixture.js";

const cell = (path: string) => `input[data-path='${path}']`;

describe("the web workbench", () => {
  const wb = useWorkbench();

  it("opens Hanoi 2019 by default with the grid and its evidence", async () => {
    const { page } = wb;
    await page.goto(wb.url);
    await page.waitForURL(/\/s\/hanoi-2019$/);
    await page.locator("[data-testid=stance-grid]").waitFor();
    expect(await page.locator("[data-testid=scenario-list] a").count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator(cell("stances.USA.sanctions.salience")).inputValue()).toBe("70");
    await page.locator(cell("stances.USA.sanctions.salience")).hover();
    await expect.poll(() => page.locator("[data-testid=evidence]").textContent()).toContain("美国似乎坚持其所有现行制裁");
    const firstView = await perfFigure(page, "first-view");
    expect(firstView).toBeGreaterThan(0);
  });

  it("validates as you type and recomputes the forecast after an edit", async () => {
    const { page } = wb;
    const forecastOf = async (model: string, issue: string) => {
      await page.click("[data-testid=tab-forecast]");
      const text = await page.locator(`[data-testid=forecast-table] td[data-model=${model}][data-issue=${issue}] .value`).textContent();
      return Number(text);
    };
    const before = await forecastOf("compromise", "sanctions");
    await page.click("[data-testid=tab-scenario]");
    const salience = page.locator(cell("stances.JPN.sanctions.salience"));
    expect(await salience.inputValue()).toBe("60");
    await salience.fill("150");
    await expect.poll(() => salience.locator("xpath=ancestor::td").locator(".cell-error").textContent()).toMatch(/salience|100/);
    expect(await salience.getAttribute("aria-invalid")).toBe("true");
    await expect.poll(() => page.locator("[data-testid=save-version]").isDisabled()).toBe(true);
    await salience.fill("95");
    await expect.poll(() => salience.getAttribute("aria-invalid")).toBe("false");
    await expect.poll(() => page.locator("[data-testid=save-version]").isEnabled()).toBe(true);
    const after = await forecastOf("compromise", "sanctions");
    expect(after).not.toBe(before);
    expect(after).toBeLessThan(before); // Japan wants little relief and now cares more
  });

  it("builds a deal: acceptance, criteria and traps follow the sliders", async () => {
    const { page } = wb;
    await page.click("[data-testid=tab-deal]");
    await page.locator("[data-testid=current-deal]").waitFor({ state: "attached" });
    await page.selectOption("[data-testid=deal-preset]", "dprk-offer");
    const trap = page.locator("[data-testid=traps] li[data-rule=threat-declared-over]");
    await expect.poll(() => trap.getAttribute("data-triggered")).toBe("true");
    expect(await page.locator("[data-testid=criteria] li[data-rule=substantive]").getAttribute("data-met")).toBe("false");
    // North Korea's offer gives sanctions relief without dismantling: it crosses the US red line.
    expect(await page.locator("[data-testid=verdicts] tr[data-actor=USA]").getAttribute("data-accepts")).toBe("false");
    expect(await page.locator("[data-testid=accepted-by-all]").textContent()).toMatch(/1 actor rejects/);
    await setSlider(page, "input[data-issue=declaration]", 90);
    await expect.poll(() => trap.getAttribute("data-triggered")).toBe("false");
    expect(trap).toBeDefined();

    // From the status quo, full denuclearisation alone (keyboard: End) is a deal North Korea rejects.
    await page.selectOption("[data-testid=deal-preset]", "status-quo");
    await page.focus("input[data-issue=denuclearization]");
    await page.keyboard.press("End");
    await expect.poll(() => page.locator("[data-testid=verdicts] tr[data-actor=DPRK]").getAttribute("data-accepts")).toBe("false");
    expect(await page.locator("[data-testid=verdicts] tr[data-actor=USA]").getAttribute("data-accepts")).toBe("true");
    expect(await page.locator("[data-testid=criteria] li[data-rule=no-failure]").getAttribute("data-met")).toBe("false");
    expect(await page.locator("[data-testid=accepted-by-all]").textContent()).toMatch(/1 actor rejects/);
    // The current deal is on the scatter; moving a slider moves it.
    const marker = page.locator("[data-testid=current-deal]");
    const x1 = await marker.getAttribute("data-x");
    await setSlider(page, "input[data-issue=sanctions]", 80);
    await expect.poll(() => marker.getAttribute("data-x")).not.toBe(x1);

    // Every slider move is evaluated and timed (how fast is the web bench's business, not a test's: npm run bench -- web).
    const counted = await perfFigure(page, "deal-eval-count");
    for (let k = 0; k < 30; k++) await setSlider(page, "input[data-issue=sanctions]", (k * 7) % 100);
    await expect.poll(() => perfFigure(page, "deal-eval-count")).toBeGreaterThan(counted);
    expect(await perfFigure(page, "deal-eval-median")).toBeGreaterThan(0);
  });

  it("switches to Chinese, interface and scenario labels alike", async () => {
    const { page } = wb;
    await page.click("[data-testid=lang-zh]");
    await expect.poll(() => page.locator("[data-testid=tab-forecast]").textContent()).toBe("预测");
    await expect.poll(() => page.locator("[data-testid=verdicts]").textContent()).toContain("朝鲜");
    await page.click("[data-testid=tab-scenario]");
    const grid = page.locator("[data-testid=stance-grid]");
    await expect.poll(() => grid.textContent()).toContain("制裁放松");
    expect(await grid.textContent()).toContain("美国");
    expect(await page.locator("html").getAttribute("lang")).toBe("zh-CN");
    await page.click("[data-testid=lang-en]");
    await expect.poll(() => page.locator("[data-testid=tab-forecast]").textContent()).toBe("Forecast");
  });

  it("saves a version and restores the previous one", async () => {
    const { page } = wb;
    // The salience edited above (60 → 95) is still unsaved.
    await page.fill("[data-testid=save-message]", "Japan cares more about sanctions");
    await page.click("[data-testid=save-version]");
    await expect.poll(() => page.locator(".scenario-title .version").textContent(), { timeout: SAVE_MS }).toBe("v2");
    await page.click("[data-testid=tab-history]");
    const rows = page.locator("[data-testid=versions] tbody tr");
    await expect.poll(() => rows.count()).toBe(2);
    expect(await page.locator("[data-testid=versions] tr[data-version='2']").textContent()).toContain("Japan cares more about sanctions");
    await page.click("[data-testid=compare]");
    await expect.poll(() => page.locator("[data-testid=diff]").textContent()).toContain("salience");
    await page.click("[data-testid=restore-1]");
    await expect.poll(() => page.locator(".scenario-title .version").textContent()).toBe("v3");
    await page.click("[data-testid=tab-scenario]");
    await expect.poll(() => page.locator(cell("stances.JPN.sanctions.salience")).inputValue()).toBe("60");
  });

  it("saves a forecast run and lists it", async () => {
    const { page } = wb;
    await page.click("[data-testid=tab-forecast]");
    await page.getByRole("button", { name: "Save this forecast as a run" }).click();
    await expect.poll(() => page.locator("[role=status]").first().textContent()).toMatch(/Saved as run/);
    await page.click("[data-testid=tab-history]");
    await expect.poll(() => page.locator("[data-testid=runs] tbody tr").count()).toBeGreaterThanOrEqual(1);
  });

  it("prints a briefing and breaks no content-security rule", async () => {
    const { page } = wb;
    await page.click("[data-testid=print-briefing]");
    await page.locator("[data-testid=briefing]").waitFor();
    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".sidebar").isVisible()).toBe(false);
    await page.emulateMedia({ media: "screen" });
    expect(wb.problems.filter((p) => /Content Security Policy|Refused/i.test(p))).toEqual([]);
    expect(wb.problems).toEqual([]);
  });

  it("shows a scenario's grid from the page's own copy of it, and asks the server when the scenario is opened again", async () => {
    const { page } = wb;
    const asked: string[] = [];
    const onRequest = (request: { url(): string }) => {
      const path = new URL(request.url()).pathname;
      if (path.startsWith("/api/scenarios/")) asked.push(path);
    };
    page.on("request", onRequest);
    try {
      await page.goto(`${wb.url}s/hanoi-2019`);
      await page.locator("[data-testid=stance-grid]").waitFor();
      expect(await page.locator(cell("stances.USA.sanctions.salience")).inputValue()).toBe("70");
      expect(await page.locator("#parley-initial-scenario").count()).toBe(0);
      expect(asked).toEqual([]);
      // Another scenario, then back: each is read from the server, the page's copy is used once only.
      const other = page.locator("[data-testid=scenario-list] a:not([aria-current])").first();
      const otherPath = new URL((await other.getAttribute("href"))!, wb.url).pathname;
      await other.click();
      await page.waitForURL((url) => url.pathname === otherPath);
      await page.locator("[data-testid=stance-grid]").waitFor();
      await page.locator("[data-testid=scenario-list] a[href='/s/hanoi-2019']").click();
      await page.waitForURL(/\/s\/hanoi-2019$/);
      await expect.poll(() => page.locator(cell("stances.USA.sanctions.salience")).inputValue()).toBe("70");
      expect(asked).toEqual([`/api/scenarios${otherPath.slice(2)}`, "/api/scenarios/hanoi-2019"]);
    } finally {
      page.off("request", onRequest);
    }
    expect(wb.problems).toEqual([]);
  });
});
