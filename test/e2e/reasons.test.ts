/**
 * Reasons in Chinese: with the workbench in Chinese, the deal builder's criteria, traps and
 * refusals read in Chinese with the scenario's Chinese names, not ids or rule code; the import
 * button and the simulation's strategies are in Chinese too.
 */
import { describe, expect, it } from "vitest";
import { useWorkbench } from "./fixture.js";

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
});
