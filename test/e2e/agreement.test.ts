/**
 * Will they agree? in the workbench: the deal builder marks the red lines a slider crosses (actor,
 * line, reason, evidence) and the verdict follows the decision rule; the forecast view opens with the
 * chance of agreement — as written, then over Monte Carlo draws, the library's numbers for the same
 * seed — in English and Chinese, and, when talks fail as written, the conflicting red lines with their
 * evidence and what would have to change.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { agreementForecast } from "../../src/agreement/forecast.js";
import { loadScenario } from "../../src/files/load.js";
import { setSlider } from "./browser.js";
import { useWorkbench } from "./fixture.js";

const HANOI = "scenarios/hanoi-2019.yaml";
/** Reasons read with names, never with the scenario's ids or rule code. */
const RAW_IDS = /\bUSA\b|\bDPRK\b|sanctions-until-dismantled|keep-deterrent|denuclearization|dprk-offer/;

describe("will they agree? in the workbench", () => {
  const wb = useWorkbench();

  it("marks the red line a slider crosses, with its evidence, and flips acceptance and the agreement", async () => {
    const { page } = wb;
    await page.goto(`${wb.url}s/hanoi-2019/deal`);
    await page.locator("[data-testid=current-deal]").waitFor({ state: "attached" });
    await page.selectOption("[data-testid=deal-preset]", "singapore");
    const agreement = page.getByTestId("deal-agreement");
    const usa = page.locator("[data-testid=verdicts] tr[data-actor=USA]");
    const line = page.locator("[data-testid=red-lines] li[data-actor=USA][data-line=sanctions-until-dismantled]");
    await expect.poll(() => agreement.getAttribute("data-agreement")).toBe("true");
    expect(await page.getByTestId("deal-decision").textContent()).toContain("United States and North Korea must sign");
    expect(await usa.getAttribute("data-accepts")).toBe("true");
    expect(await line.getAttribute("data-crossed")).toBe("false");
    expect(await line.locator("[data-testid=red-line-evidence]").count()).toBe(0);

    // Sanctions relief without dismantlement crosses the US red line.
    await setSlider(page, "input[data-issue=sanctions]", 60);
    await expect.poll(() => line.getAttribute("data-crossed")).toBe("true");
    expect(await line.textContent()).toContain("United States · No sanctions relief unless the North dismantles");
    expect(await line.locator(".why").textContent()).toMatch(/^Sanctions relief is 60\b.*above 0/);
    const evidence = line.getByTestId("red-line-evidence");
    expect(await evidence.locator("blockquote").textContent()).toContain("除非朝方有意撤销(而非暂停)其核计划和导弹项目");
    expect(await evidence.textContent()).toContain("The US seems to insist on all current sanctions");
    expect(await usa.getAttribute("data-accepts")).toBe("false");
    expect(await usa.getAttribute("data-crossed")).toBe("sanctions-until-dismantled");
    expect(await agreement.getAttribute("data-agreement")).toBe("false");
    const why = (await agreement.textContent()) ?? "";
    expect(why).toContain("United States does not accept (crosses the red line “No sanctions relief unless the North dismantles”");
    expect(why).not.toMatch(RAW_IDS);
    expect(await page.getByTestId("red-lines-count").textContent()).toBe("1 crossed");
    // North Korea's line is untouched; missile limits cross it too.
    const dprk = page.locator("[data-testid=red-lines] li[data-actor=DPRK][data-line=keep-deterrent]");
    expect(await dprk.getAttribute("data-crossed")).toBe("false");
    await setSlider(page, "input[data-issue=missiles]", 50);
    await expect.poll(() => dprk.getAttribute("data-crossed")).toBe("true");
    expect(await page.locator("[data-testid=verdicts] tr[data-actor=DPRK]").getAttribute("data-accepts")).toBe("false");

    // Back below both lines: the marks go and it is an agreement again.
    await setSlider(page, "input[data-issue=missiles]", 0);
    await setSlider(page, "input[data-issue=sanctions]", 0);
    await expect.poll(() => line.getAttribute("data-crossed")).toBe("false");
    expect(await dprk.getAttribute("data-crossed")).toBe("false");
    await expect.poll(() => agreement.getAttribute("data-agreement")).toBe("true");
    expect(await usa.getAttribute("data-accepts")).toBe("true");
    expect(wb.problems).toEqual([]);
  });

  it("opens the forecast view with the chance of agreement, as written and over draws, in English", async () => {
    const { page } = wb;
    await page.goto(`${wb.url}s/hanoi-2019/forecast`);
    const lead = page.getByTestId("agreement-lead");
    const chance = page.getByTestId("agreement-chance");
    await chance.waitFor();
    // It leads: the first thing after the view's header, before every spatial forecast, which is labelled conditional.
    expect(await page.evaluate(`document.querySelector("[data-testid=forecast-view] > header + *")?.getAttribute("data-testid")`)).toBe("agreement-lead");
    expect(await page.getByTestId("conditional-note").textContent()).toContain("conditional on agreement");
    expect(await chance.textContent()).toMatch(/^An agreement is possible as written: [\d,]+ of [\d,]+ outcomes are acceptable to United States and North Korea\.$/);
    const offer = lead.locator("[data-testid=agreement-deals] tr[data-deal=dprk-offer]");
    expect(await offer.getAttribute("data-agreement")).toBe("false");
    const offerWhy = (await offer.locator(".why").textContent()) ?? "";
    expect(offerWhy).toMatch(/^United States does not accept \(crosses the red line “No sanctions relief unless the North dismantles”: Sanctions relief is 60/);
    expect(offerWhy).not.toMatch(RAW_IDS);
    expect(await lead.locator("[data-testid=agreement-most-likely] tr").count()).toBe(9);

    // Over draws: the library's chance for the same seed, and each named deal's.
    await page.selectOption("[data-testid=mc-runs]", "200");
    await page.getByTestId("mc-run").click();
    await expect.poll(() => lead.getAttribute("data-runs"), { timeout: 180_000 }).toBe("200");
    const library = await agreementForecast(loadScenario(HANOI), { runs: 200, seed: 0, workers: 1 });
    expect(Number(await chance.getAttribute("data-probability"))).toBe(library.probability);
    expect(await chance.textContent()).toMatch(new RegExp(`^Chance of agreement: ${Math.round(100 * library.probability)} % over 200 of 200 draws`));
    const offerChance = Number(await offer.getAttribute("data-probability"));
    expect(offerChance).toBe(library.deals.find((d) => d.id === "dprk-offer")!.probability);
    expect(offerChance).toBeGreaterThan(0); // the US line holds in most draws, not all
    expect(offerChance).toBeLessThan(1);
    expect(await page.getByTestId("agreement-written").textContent()).toMatch(/^An agreement is possible as written/);
    expect(wb.problems).toEqual([]);
  }, 240_000);

  it("leads with the chance of agreement in Chinese, reasons in Chinese names", async () => {
    const { page } = wb;
    await page.click("[data-testid=lang-zh]");
    const lead = page.getByTestId("agreement-lead");
    await expect.poll(() => lead.locator("h3").textContent()).toBe("能否达成协议？");
    expect(await page.getByTestId("agreement-chance").textContent()).toMatch(/^达成协议的概率：\d+ % 基于 200 次抽样中完成的 200 次/);
    expect(await page.getByTestId("agreement-written").textContent()).toMatch(/^按所写情景可以达成协议：[\d,]+ 种结果中有 [\d,]+ 种可为美国和朝鲜所接受。$/);
    expect(await page.getByTestId("agreement-decision").textContent()).toContain("须由美国和朝鲜签署");
    const offerWhy = (await lead.locator("[data-testid=agreement-deals] tr[data-deal=dprk-offer] .why").textContent()) ?? "";
    expect(offerWhy).toMatch(/^美国不接受（越过红线“除非朝方撤销核导项目否则不放松制裁”：制裁放松为 60/);
    expect(offerWhy).not.toMatch(RAW_IDS);
    expect(await page.getByTestId("conditional-note").textContent()).toContain("以达成协议为条件");
    await page.click("[data-testid=lang-en]");
  });

  it("says why not when no agreement is possible: the conflicting red lines with their evidence, and what would have to change", async () => {
    const { page } = wb;
    // Hanoi with a US line no outcome the North accepts can meet: dismantlement, whatever the sanctions.
    const usLine = "rule: sanctions <= 0 or (denuclearization >= 100 and missiles >= 100)";
    const text = readFileSync(HANOI, "utf8");
    expect(text).toContain(usLine);
    const yaml = text.replace("id: hanoi-2019", "id: hanoi-conflict").replace(usLine, "rule: denuclearization >= 100");
    const created = await fetch(`${wb.url}api/scenarios`, { method: "POST", headers: { "content-type": "application/yaml" }, body: yaml });
    expect(created.status).toBe(201);
    await page.goto(`${wb.url}s/hanoi-conflict/forecast`);
    const chance = page.getByTestId("agreement-chance");
    await expect.poll(() => chance.textContent()).toMatch(/^No agreement is possible as written: /);
    expect(await chance.textContent()).toBe(
      "No agreement is possible as written: United States' red line “No sanctions relief unless the North dismantles” and North Korea's red line “Nothing that weakens the existing deterrent” cannot all hold together.",
    );
    const conflict = page.locator("[data-testid=agreement-conflicts] > li").first();
    expect(await conflict.getAttribute("data-conflict")).toBe("USA.sanctions-until-dismantled DPRK.keep-deterrent");
    expect(await conflict.locator("[data-red-line='DPRK.keep-deterrent'] blockquote").first().textContent()).toContain("朝鲜似乎并不愿意采取可能削弱其现有核威慑能力的措施");
    expect(await conflict.locator("[data-red-line='DPRK.keep-deterrent']").textContent()).toContain("credibility 0.7");
    const drop = page.locator("[data-testid=agreement-changes] li[data-constraint='USA.sanctions-until-dismantled']");
    expect(await drop.getAttribute("data-opens")).toBe("true");
    expect(await drop.textContent()).toContain("Dropping United States' red line “No sanctions relief unless the North dismantles”: opens a zone of agreement");
    expect(await chance.textContent()).not.toMatch(RAW_IDS);
    expect(await page.getByTestId("agreement-changes").textContent()).not.toMatch(RAW_IDS);
    expect(wb.problems).toEqual([]);
  });
});
