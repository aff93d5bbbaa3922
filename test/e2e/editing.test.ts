/**
 * Editing without friction, end to end: the grid is one tab stop with arrow-key movement, the view
 * tabs follow the WAI-ARIA tabs pattern, version changes read as an analyst reads the scenario (in
 * English and Chinese), and the YAML view is a code editor with line numbers, inline problems and
 * key completion from the scenario schema.
 */
import { describe, expect, it } from "vitest";
import { SAVE_MS, useWorkbench } from "./fixture.js";

const cell = (path: string) => `input[data-path='${path}']`;
const focusedPath = (page: import("playwright-core").Page) => page.evaluate("document.activeElement?.getAttribute('data-path') ?? document.activeElement?.getAttribute('aria-label')");

describe("editing in the workbench", () => {
  const wb = useWorkbench();

  it("makes the grid one tab stop and moves in it with the arrow keys", async () => {
    const { page } = wb;
    await page.goto(`${wb.url}s/hanoi-2019`);
    await page.locator("[data-testid=stance-grid]").waitFor();
    const tabStops = await page.locator("[data-testid=stance-grid] [tabindex='0']").count();
    const controls = await page.locator("[data-testid=stance-grid] input, [data-testid=stance-grid] select, [data-testid=stance-grid] button").count();
    expect(controls).toBeGreaterThan(100);
    expect(tabStops).toBe(1);
    await page.locator(cell("stances.USA.sanctions.salience")).focus();
    await page.keyboard.press("ArrowLeft");
    expect(await focusedPath(page)).toBe("stances.USA.sanctions.position");
    await page.keyboard.press("ArrowDown");
    const below = String(await focusedPath(page));
    expect(below).toMatch(/^stances\.USA\.[a-z]+\.position$/);
    expect(below).not.toBe("stances.USA.sanctions.position");
    await page.keyboard.press("ArrowUp");
    expect(await focusedPath(page)).toBe("stances.USA.sanctions.position");
    // One stop: Tab leaves the grid, Shift+Tab comes back to the cell last visited.
    expect(await page.locator("[data-testid=stance-grid] [tabindex='0']").count()).toBe(1);
    await page.keyboard.press("Tab");
    expect(await page.evaluate("document.querySelector('[data-testid=stance-grid]').contains(document.activeElement)")).toBe(false);
    await page.keyboard.press("Shift+Tab");
    expect(await focusedPath(page)).toBe("stances.USA.sanctions.position");
    // Arrow keys step a number only while editing (Enter or F2, or typing); Enter ends editing.
    const salience = page.locator(cell("stances.USA.sanctions.salience"));
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Enter");
    await page.keyboard.press("ArrowUp");
    await expect.poll(() => salience.inputValue()).toBe("71");
    await page.keyboard.press("Enter");
    await page.keyboard.press("ArrowLeft");
    expect(await focusedPath(page)).toBe("stances.USA.sanctions.position");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.type("70");
    await expect.poll(() => salience.inputValue()).toBe("70");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Home");
    expect(await page.evaluate("document.activeElement?.textContent")).toMatch(/sanction/i);
  });

  it("moves between the view tabs with the arrow keys", async () => {
    const { page } = wb;
    const tabs = page.locator("[role=tablist] [role=tab]");
    expect(await page.locator("[role=tablist] [role=tab][tabindex='0']").count()).toBe(1);
    await page.locator("[data-testid=tab-scenario]").focus();
    await page.keyboard.press("ArrowRight");
    await page.waitForURL(/\/setup$/);
    expect(await page.evaluate("document.activeElement?.getAttribute('data-testid')")).toBe("tab-setup");
    expect(await page.locator("[data-testid=tab-setup]").getAttribute("aria-selected")).toBe("true");
    await page.keyboard.press("End");
    await page.waitForURL(/\/history$/);
    await page.keyboard.press("ArrowRight");
    await page.waitForURL(/\/s\/hanoi-2019$/);
    expect(await page.evaluate("document.activeElement?.getAttribute('data-testid')")).toBe("tab-scenario");
    expect(await page.locator("#view-panel").getAttribute("aria-labelledby")).toBe("tab-scenario");
    expect(await tabs.count()).toBe(7);
  });

  it("reads a version's changes with names, option labels and fields, in English and Chinese", async () => {
    const { page } = wb;
    await page.locator("select[data-path='stances.USA.definition.position']").selectOption("vague");
    await page.locator(cell("stances.USA.sanctions.salience")).fill("75");
    await page.fill("[data-testid=save-message]", "The US restates the formula");
    await page.click("[data-testid=save-version]");
    await expect.poll(() => page.locator(".scenario-title .version").textContent(), { timeout: SAVE_MS }).toBe("v2");
    await page.click("[data-testid=tab-history]");
    await page.click("[data-testid=compare]");
    const rows = page.locator("[data-testid=diff] table.changes tr");
    await expect.poll(() => rows.count()).toBe(2);
    const definition = rows.filter({ hasText: "Definition" });
    expect(await definition.locator("th").textContent()).toBe("United States · Definition of denuclearisation");
    expect(await definition.locator(".from").textContent()).toBe("clear, agreed definition");
    expect(await definition.locator(".to").textContent()).toMatch(/^restated vague formula/);
    const salience = rows.filter({ hasText: "salience" });
    expect(await salience.locator("th").textContent()).toMatch(/^United States · .*[Ss]anction.* · salience$/);
    expect([await salience.locator(".from").textContent(), await salience.locator(".to").textContent()]).toEqual(["70", "75"]);
    expect(await page.locator("[data-testid=diff]").textContent()).not.toContain("stances.USA");
    await page.click("[data-testid=lang-zh]");
    await expect.poll(() => definition.count()).toBe(0);
    const zh = rows.filter({ hasText: "无核化的定义" });
    expect(await zh.locator("th").textContent()).toBe("美国 · 无核化的定义");
    expect(await zh.locator(".from").textContent()).toBe("明确、一致的定义");
    expect(await rows.filter({ hasText: "重视程度" }).count()).toBe(1);
    await page.click("[data-testid=lang-en]");
  });

  it("edits the YAML in a code editor with line numbers, inline problems and key completion", async () => {
    const { page } = wb;
    await page.click("[data-testid=tab-source]");
    const editor = page.getByTestId("source-editor");
    await editor.locator(".cm-lineNumbers .cm-gutterElement").nth(3).waitFor();
    expect(await editor.locator(".cm-lineNumbers .cm-gutterElement", { hasText: /^1$/ }).count()).toBe(1);
    // YAML highlighting: keys and comments are styled spans, not plain text.
    expect(await editor.locator(".cm-line span").count()).toBeGreaterThan(10);
    // A problem is drawn at the line and column the validator cites.
    const problem = page.locator(".source-problems ul:not(.warnings) li button").first();
    expect(await page.locator(".source-problems ul:not(.warnings) li").count()).toBe(0);
    await page.click("[data-testid=tab-scenario]");
    await page.locator(cell("stances.USA.sanctions.salience")).fill("150");
    await page.click("[data-testid=tab-source]");
    await expect.poll(() => problem.textContent()).toMatch(/^line \d+:\d+$/);
    const [line, column] = (await problem.textContent())!.replace("line ", "").split(":").map(Number);
    // Clicking the problem scrolls there (the editor draws only the lines in view).
    await problem.click();
    await expect.poll(() => editor.locator(".cm-lintRange-error").count()).toBeGreaterThan(0);
    expect(await editor.locator(".cm-lint-marker-error").count()).toBeGreaterThan(0);
    expect(await editor.locator(".cm-activeLineGutter").first().textContent()).toBe(String(line));
    const marked = await editor.locator(".cm-activeLine .cm-lintRange-error").first().textContent();
    expect((await editor.locator(".cm-activeLine").textContent())!.slice(column! - 1).startsWith(marked!)).toBe(true);
    await page.click("[data-testid=tab-scenario]");
    await page.locator(cell("stances.USA.sanctions.salience")).fill("70");
    await page.click("[data-testid=tab-source]");
    await expect.poll(() => editor.locator(".cm-lintRange-error").count()).toBe(0);
    // Completion offers, where a key goes, the schema's keys that are not written yet.
    await editor.locator(".cm-content").click();
    await page.keyboard.press("Control+Home");
    await page.keyboard.press("Enter");
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("Control+Space");
    const options = page.locator(".cm-tooltip-autocomplete li");
    await expect.poll(() => options.count()).toBeGreaterThan(0);
    const offered = await options.allTextContents();
    expect(offered).toEqual(expect.arrayContaining(["simulation", "preferences"]));
    expect(offered).not.toContain("actors");
    await page.keyboard.type("simul");
    await expect.poll(() => options.allTextContents()).toEqual(["simulation"]);
    await page.keyboard.press("Enter");
    expect(await editor.locator(".cm-line").first().textContent()).toBe("simulation: ");
    // The editor's text is the workspace's: the half-written key is a problem at once; undo clears it.
    await expect.poll(() => page.locator(".source-problems ul:not(.warnings) li").count()).toBeGreaterThan(0);
    // Undo steps back through the typing (how many steps depends on the typing's pace).
    for (let k = 0; k < 12 && !/^# /.test((await editor.locator(".cm-line").first().textContent()) ?? ""); k++) await page.keyboard.press("Control+z");
    await expect.poll(() => page.locator(".source-problems ul:not(.warnings) li").count()).toBe(0);
    expect(await editor.locator(".cm-line").first().textContent()).toMatch(/^# /);
    expect(wb.problems.filter((p) => !/beforeunload/i.test(p))).toEqual([]);
  });

  it("shows a saved run and compares two, marking what differs", async () => {
    const { page } = wb;
    const saveVersion = async (message: string) => {
      await page.fill("[data-testid=save-message]", message);
      await page.click("[data-testid=save-version]");
      await expect.poll(() => page.locator("[data-testid=save-version]").count(), { timeout: SAVE_MS }).toBe(0);
    };
    const saveRun = async () => {
      await page.click("[data-testid=tab-forecast]");
      await page.getByRole("button", { name: "Save this forecast as a run" }).click();
      await expect.poll(() => page.locator("[role=status]").first().textContent()).toMatch(/Saved as run/);
    };
    // The salience is back at 70 but unsaved: save it, run, raise North Korea's capability, save, run.
    await saveVersion("US salience back to 70");
    await saveRun();
    await page.click("[data-testid=tab-scenario]");
    await page.locator(cell("actors[1].capability")).fill("70");
    await saveVersion("North Korea stronger");
    await saveRun();
    await page.click("[data-testid=tab-history]");
    const rows = page.locator("[data-testid=runs] tbody tr");
    await expect.poll(() => rows.count()).toBe(2);
    const [second, first] = [rows.nth(0), rows.nth(1)];
    await first.getByRole("button").click();
    const view = page.getByTestId("run-view");
    await expect.poll(() => view.locator("td[data-model=smp][data-issue=sanctions]").count()).toBe(1);
    expect(await view.textContent()).toContain("Sanctions");
    expect(await view.textContent()).toContain("SMP (KTAB)");
    expect(Number(await view.locator("td[data-model=compromise][data-issue=sanctions]").textContent())).toBeGreaterThan(0);
    await first.getByRole("checkbox").check();
    await second.getByRole("checkbox").check();
    await page.getByTestId("compare-runs").click();
    const compare = page.getByTestId("run-compare");
    await expect.poll(() => compare.locator("tr[data-setting=version]").getAttribute("class")).toBe("differs");
    expect(await compare.locator("tr[data-setting=models]").getAttribute("class")).toBeNull();
    const differing = compare.locator("tr.differs[data-model]");
    expect(await differing.count()).toBeGreaterThan(0);
    expect(await compare.getByRole("status").textContent()).toMatch(/forecasts? differs? \(marked\)/);
    const delta = await differing.first().locator(".delta").textContent();
    expect(delta).toMatch(/^[+-]?\d/);
    expect(delta).not.toBe("0");
  });

  it("shows every option label whole and no number clipped, at 1366 × 768 and at 390 px", async () => {
    const { page } = wb;
    // Inputs whose text is wider than their box, and option labels cut (the wrapped label must fit its select).
    const clipped = () =>
      page.evaluate(`[...document.querySelectorAll(".stance-grid input[type=text], .deal-inputs input[type=text]")].filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => el.getAttribute("aria-label"))
        .concat([...document.querySelectorAll(".wrap-select")].filter((el) => { const s = el.querySelector("select"); const after = getComputedStyle(el, "::after"); return s.scrollWidth > s.clientWidth + 1 || el.scrollWidth > el.clientWidth + 1 || after.whiteSpace !== "normal" || el.getBoundingClientRect().height + 1 < s.getBoundingClientRect().height; }).map((el) => el.getAttribute("data-shown")))`) as Promise<string[]>;
    await page.goto(`${wb.url}s/hanoi-2019`);
    for (const size of [{ width: 1366, height: 768 }, { width: 390, height: 844 }]) {
      await page.setViewportSize(size);
      await page.click("[data-testid=tab-scenario]");
      await page.locator("[data-testid=stance-grid]").waitFor();
      const definition = page.locator(".wrap-select:has(select[data-path='stances.USA.definition.position'])");
      const long = (await definition.getAttribute("data-shown"))!;
      expect(long.length).toBeGreaterThan(10);
      // The label wraps onto more lines rather than being cut.
      const box = await definition.boundingBox();
      expect(box!.height).toBeGreaterThan(20);
      expect(await clipped()).toEqual([]);
      expect(await page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")).toBe(true);
      await page.click("[data-testid=tab-deal]");
      await page.locator("select[data-issue=definition]").waitFor();
      expect(await clipped()).toEqual([]);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});
