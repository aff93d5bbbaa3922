/**
 * The Simulate view: strategies per actor by name, a run in the background giving the library's
 * outcome, round-by-round playback (buttons, the slider and the chart's keys) on the agreement-space
 * chart and the utility paths, the trace, saving the run and the Monte Carlo and reading them among the
 * saved runs, the tournament table (with Cancel keeping the profiles done), Chinese, and a phone's width.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenario } from "../../src/files/load.js";
import { simulateRuns, simulateScenario } from "../../src/simulation/index.js";
import { csvDownloadText, labelBoxes, overprinting, ROOT } from "./browser.js";
import { useWorkbench } from "./fixture.js";

const hanoi = () => loadScenario(join(ROOT, "scenarios", "hanoi-2019.yaml"));

describe("Simulate view", () => {
  const wb = useWorkbench();

  it("runs the talks with the chosen strategies and gives the library's outcome", async () => {
    const { page } = wb;
    await page.goto(`${wb.url}s/hanoi-2019/simulate`);
    await page.getByTestId("simulate-view").waitFor();
    // Actors by name; those the decision rule does not need at the table have no turns.
    expect(await page.locator("[data-testid=strategies] tbody th").allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining("United States"), expect.stringContaining("North Korea")]));
    expect(await page.getByTestId("strategy-CHN").isDisabled()).toBe(true);
    expect(await page.locator("[data-testid=simulate-view] .empty-state").first().textContent()).toMatch(/No run yet/);
    await page.selectOption("[data-testid=strategy-USA]", "hardliner");
    await page.selectOption("[data-testid=strategy-DPRK]", "conceder");
    await page.getByTestId("simulate-deadline").fill("50");
    await page.getByTestId("simulate-run").click();
    const result = page.getByTestId("simulate-result");
    await result.waitFor();
    const expected = simulateScenario(hanoi(), { strategies: { USA: "hardliner", DPRK: "conceder" }, deadline: 50, seed: 0 });
    expect(await result.getAttribute("data-outcome")).toBe(expected.outcome);
    expect(Number(await result.getAttribute("data-round"))).toBe(expected.round);
    expect(await page.getByTestId("simulate-outcome").textContent()).toContain(expected.outcome === "agreement" ? `Agreement in round ${expected.round}` : `Breakdown in round ${expected.round}`);
    expect(await page.getByTestId("simulate-outcome").textContent()).toContain("United States: Hardliner");

    // Every party Boulware: they agree, and the deal comes with its evaluation.
    await page.selectOption("[data-testid=strategy-USA]", "boulware");
    await page.selectOption("[data-testid=strategy-DPRK]", "boulware");
    await page.getByTestId("simulate-deadline").fill("100");
    await page.getByTestId("simulate-run").click();
    const agreed = simulateScenario(hanoi(), { strategies: { USA: "boulware", DPRK: "boulware" }, deadline: 100, seed: 0 });
    expect(agreed.outcome).toBe("agreement");
    await expect.poll(() => result.getAttribute("data-round")).toBe(String(agreed.round));
    expect(await page.getByTestId("simulate-outcome").textContent()).toContain(`Agreement in round ${agreed.round} of 100`);
    await page.getByTestId("simulate-evaluation").waitFor();
    expect(await page.locator("[data-testid=simulate-evaluation] [data-testid=verdicts] tbody tr").count()).toBe(5);
    // The deal's terms in words: the option's label, not its id.
    const definition = agreed.deal!["definition"] as string;
    const option = hanoi().issues.find((i) => i.id === "definition")!.options.find((o) => o.id === definition)!;
    expect(await page.locator("[data-testid=simulate-terms] [data-issue=definition] dd").textContent()).toContain((option.label as { en: string }).en);
    expect(wb.problems).toEqual([]);
  });

  it("plays the talks round by round with the buttons, the slider and the chart's keys", async () => {
    const { page } = wb;
    const last = Number(await page.getByTestId("simulate-result").getAttribute("data-round"));
    const shown = () => page.getByTestId("simulate-shown").textContent();
    const offers = () => page.locator("[data-testid=simulate-space] svg g[aria-label=dot] circle, [data-testid=simulate-space] svg g[aria-label=dot] path").count();
    expect(await shown()).toBe(`round ${last} of ${last}`);
    const all = await offers();
    await page.getByRole("button", { name: "First round" }).click();
    expect(await shown()).toBe(`round 1 of ${last}`);
    expect(await offers()).toBeLessThan(all);
    expect(await page.locator("[data-testid=simulate-trace] tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-round")))).toEqual(["1", "1"]);
    expect(await page.getByTestId("simulate-now").textContent()).toContain("North Korea's offer of round 1");
    // A step keeps the chart drawn (the same SVG) and adds only the round's offers to the trail.
    const trail = () => page.locator("[data-testid=simulate-space] svg g.sim-trail circle").count();
    const atFirst = await trail();
    await page.evaluate(`document.querySelector("[data-testid=simulate-space] svg").setAttribute("data-probe", "kept")`);
    // The utility paths too: the same SVG, its window moved on to the round shown.
    await page.evaluate(`document.querySelector("[data-testid=simulate-paths] svg").setAttribute("data-probe", "kept")`);
    const pathWindow = async () => Number(await page.locator("[data-testid=simulate-paths] svg clipPath rect").getAttribute("width"));
    const windowAtFirst = await pathWindow();
    // Both kinds of path (own offers, the others' latest) are clipped to that window.
    expect(await page.locator("[data-testid=simulate-paths] svg g.sim-path[clip-path] path").count()).toBeGreaterThanOrEqual(2);
    await page.getByTestId("simulate-next").click();
    expect(await shown()).toBe(`round 2 of ${last}`);
    expect(await page.locator("[data-testid=simulate-paths] svg[data-probe=kept]").count()).toBe(1);
    expect(await pathWindow()).toBeGreaterThan(windowAtFirst);
    const offersInRound2 = await page.locator("[data-testid=simulate-trace] tbody tr[data-round='2'][data-action=offer]").count();
    expect(await trail()).toBe(atFirst + offersInRound2);
    expect(await page.locator("[data-testid=simulate-space] svg[data-probe=kept]").count()).toBe(1);
    await page.getByTestId("simulate-previous").click();
    expect(await trail()).toBe(atFirst);
    expect(await pathWindow()).toBe(windowAtFirst);
    await page.getByTestId("simulate-next").click();
    // The chart takes the keyboard: → a round on, End to the last, Home to the first.
    await page.getByTestId("simulate-space").focus();
    await page.keyboard.press("ArrowRight");
    expect(await shown()).toBe(`round 3 of ${last}`);
    await page.keyboard.press("End");
    expect(await shown()).toBe(`round ${last} of ${last}`);
    await page.keyboard.press("Home");
    expect(await shown()).toBe(`round 1 of ${last}`);
    // So does the slider.
    await page.getByTestId("simulate-round").focus();
    await page.keyboard.press("ArrowRight");
    expect(await shown()).toBe(`round 2 of ${last}`);
    // Play advances by itself until paused.
    await page.getByTestId("simulate-play").click();
    await expect.poll(async () => Number((await shown())!.split(" ")[1]), { timeout: 10_000 }).toBeGreaterThan(4);
    await page.getByTestId("simulate-play").click();
    const paused = await shown();
    await page.waitForTimeout(400);
    expect(await shown()).toBe(paused);
    // Switching the chart's parties redraws it with the new one's name on the axis.
    await page.selectOption("[data-testid=simulate-y]", "CHN");
    await expect.poll(() => page.locator("[data-testid=simulate-space] svg").first().textContent()).toContain("utility of China");
    // The chart uses the width it has (not a fixed 640 px), and no two of its labels overprint.
    await page.getByTestId("simulate-space").focus();
    await page.keyboard.press("End");
    const width = Number(await page.locator("[data-testid=simulate-space] svg").first().getAttribute("width"));
    expect(width).toBeGreaterThan(640);
    const boxes = await labelBoxes(page, "[data-testid=simulate-space]");
    expect(boxes.length).toBeGreaterThan(2);
    expect(overprinting(boxes)).toEqual([]);
    // One utility path panel per actor.
    expect(await page.locator("[data-testid=simulate-paths] svg").first().textContent()).toContain("Japan");
    // Both charts download as SVG with every offer and path the page draws.
    for (const chart of [".sim-chart:has([data-testid=simulate-space])", "[data-testid=simulate-paths]"]) {
      const drawn = await page.locator(`${chart} .plot-host > svg`).first().evaluate((svg) => ({ circles: svg.querySelectorAll("circle").length, paths: svg.querySelectorAll("path").length }));
      expect(drawn.circles + drawn.paths).toBeGreaterThan(2);
      const [download] = await Promise.all([page.waitForEvent("download"), page.click(`${chart} [data-testid=chart-svg]`)]);
      expect(download.suggestedFilename()).toMatch(/\.svg$/);
      const svg = readFileSync((await download.path())!, "utf8");
      expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
      expect({ circles: svg.split("<circle").length - 1, paths: svg.split("<path").length - 1 }).toEqual(drawn);
    }
    expect(wb.problems).toEqual([]);
  });

  it("runs the talks over the scenario's uncertainty, and exports the trace as CSV", async () => {
    const { page } = wb;
    // The trace of the run shown, whole, as CSV: a header and one record per turn.
    const [trace] = await Promise.all([page.waitForEvent("download"), page.getByTestId("simulate-trace-csv").click()]);
    const text = csvDownloadText(readFileSync((await trace.path())!));
    const rounds = Number(await page.getByTestId("simulate-result").getAttribute("data-round"));
    const played = simulateScenario(hanoi(), { strategies: { USA: "boulware", DPRK: "boulware" }, deadline: 100, seed: 0 });
    expect(played.round).toBe(rounds);
    expect(text.split("\r\n")[0]).toMatch(/^round,party,action,denuclearization,/);
    expect(text.split("\r\n").length - 2).toBe(played.trace.length);

    // A Monte Carlo as parley simulate --runs gives it: the same agreement rate and outcomes per issue.
    await page.selectOption("[data-testid=simulate-mc-runs]", "200");
    await page.getByTestId("simulate-mc-run").click();
    const mc = page.getByTestId("simulate-mc-result");
    await mc.waitFor({ timeout: 120_000 });
    const expected = await simulateRuns(hanoi(), { runs: 200, seed: 0, deadline: 100, strategies: { USA: "boulware", DPRK: "boulware" }, workers: 1 });
    expect(Number(await mc.getAttribute("data-agreement-rate"))).toBe(expected.agreementRate);
    expect(await mc.getAttribute("data-completed")).toBe("200");
    expect(await page.getByTestId("simulate-mc-summary").textContent()).toContain(`Over 200 sampled scenarios (seed 0) the talks agree in ${Math.round(100 * expected.agreementRate)} %`);
    const sanctions = expected.issues.find((i) => i.id === "sanctions")!;
    expect(await page.locator("[data-testid=simulate-mc-issues] tr[data-issue=sanctions] .sim-share").count()).toBe(sanctions.values.length);
    expect(wb.problems).toEqual([]);
  });

  it("saves the run and the Monte Carlo shown, and shows them among the saved runs", async () => {
    const { page } = wb;
    await page.getByTestId("simulate-save").click();
    await expect.poll(() => page.getByTestId("simulate-save-saved").textContent()).toMatch(/Saved as run \d+/);
    await page.getByTestId("simulate-mc-save").click();
    await expect.poll(() => page.getByTestId("simulate-mc-save-saved").textContent(), { timeout: 60_000 }).toMatch(/Saved as run \d+/);
    const [talksId, runsId] = await Promise.all(["simulate-save-saved", "simulate-mc-save-saved"].map(async (id) => Number(/\d+/.exec((await page.getByTestId(id).textContent()) ?? "")![0])));

    await page.click("[data-testid=tab-history]");
    const listed = page.locator("[data-testid=runs] tbody tr");
    await expect.poll(() => listed.count()).toBe(2);
    expect(await page.locator(`[data-testid=runs] tr[data-run='${talksId}']`).textContent()).toContain("simulation");
    // The run: outcome, round, deal and utilities, as the library plays it; its trace as CSV.
    const played = simulateScenario(hanoi(), { strategies: { USA: "boulware", DPRK: "boulware" }, deadline: 100, seed: 0 });
    await page.locator(`[data-testid=runs] tr[data-run='${talksId}'] button`).click();
    const shown = page.getByTestId("run-simulation");
    await shown.waitFor();
    expect(await shown.getAttribute("data-outcome")).toBe("agreement");
    expect(Number(await shown.getAttribute("data-round"))).toBe(played.round);
    expect(await shown.textContent()).toContain(`Agreement in round ${played.round} of 100`);
    expect(await page.locator("[data-testid=run-view] [data-testid=simulate-terms] [data-issue]").count()).toBe(hanoi().issues.length);
    expect(await page.getByTestId("run-simulation-utilities").textContent()).toContain(`United States ${played.utilities["USA"]!.toFixed(3)}`);
    const [trace] = await Promise.all([page.waitForEvent("download"), page.getByTestId("run-trace-csv").click()]);
    const saved = csvDownloadText(readFileSync((await trace.path())!));
    expect(saved.split("\r\n")[0]).toMatch(/^round,party,action,denuclearization,/);
    expect(saved.split("\r\n").length - 2).toBe(played.trace.length);
    // The Monte Carlo: its summary, as the Simulate view gave it.
    await page.locator(`[data-testid=runs] tr[data-run='${runsId}'] button`).click();
    const summary = page.locator("[data-testid=run-view] [data-testid=simulate-mc-result]");
    await summary.waitFor();
    expect(await summary.getAttribute("data-completed")).toBe("200");
    const expected = await simulateRuns(hanoi(), { runs: 200, seed: 0, deadline: 100, strategies: { USA: "boulware", DPRK: "boulware" }, workers: 1 });
    expect(Number(await summary.getAttribute("data-agreement-rate"))).toBe(expected.agreementRate);
    // Side by side: the settings and the results, differences marked.
    await page.getByLabel(`Pick run ${talksId} to compare`).check();
    await page.getByLabel(`Pick run ${runsId} to compare`).check();
    await page.getByTestId("compare-runs").click();
    const compare = page.getByTestId("run-compare");
    await compare.waitFor();
    expect(await compare.locator("tr[data-setting='parameters.runs']").getAttribute("class")).toBe("differs");
    expect(await compare.locator("tr[data-setting='result.outcome'] td").first().textContent()).toBe("agreement");
    expect(await compare.locator("tr[data-setting='result.utility.USA'] th").textContent()).toContain("United States");
    await page.click("[data-testid=tab-simulate]");
    await page.getByTestId("simulate-result").waitFor();
    expect(wb.problems).toEqual([]);
  });

  it("tabulates a tournament, and Cancel keeps the profiles done", async () => {
    const { page } = wb;
    await page.getByTestId("tournament-run").click();
    const table = page.getByTestId("tournament-table");
    await table.waitFor({ timeout: 60_000 });
    const rows = table.locator("tbody tr");
    expect(await rows.count()).toBe(9);
    expect(await page.locator("[data-testid=tournament-table] thead").textContent()).toContain("mean utility of North Korea");
    // Two hardliners never agree; two Boulware agents do, as in the single run.
    expect(await table.locator("tr[data-profile='hardliner,hardliner']").getAttribute("data-agreement-rate")).toBe("0");
    expect(await table.locator("tr[data-profile='boulware,boulware']").getAttribute("data-agreement-rate")).toBe("1");
    expect(await page.locator("[data-testid=tournament-by-player] td[data-best=true]").count()).toBeGreaterThanOrEqual(2);
    expect(await page.getByTestId("tournament-result").getAttribute("data-partial")).toBe("false");
    const [table_csv] = await Promise.all([page.waitForEvent("download"), page.getByTestId("tournament-csv").click()]);
    const records = csvDownloadText(readFileSync((await table_csv.path())!)).split("\r\n").filter(Boolean);
    expect(records[0]).toBe("strategy USA,strategy DPRK,games,agreement rate,mean round,mean utility USA,mean utility DPRK,mean utility ROK,mean utility CHN,mean utility JPN");
    expect(records.length).toBe(10);

    for (const s of ["conceder", "tit-for-tat", "informed"]) await page.getByTestId(`pool-${s}`).check();
    await page.selectOption("[data-testid=tournament-runs]", "500");
    expect(await page.getByTestId("tournament-size").textContent()).toContain("36 profiles, 18,000 games");
    await page.getByTestId("tournament-run").click();
    await page.getByTestId("tournament-cancel").waitFor();
    await page.locator("[data-testid=tournament] progress").waitFor();
    await expect.poll(async () => Number(await page.locator("[data-testid=tournament] progress").getAttribute("value")), { timeout: 60_000 }).toBeGreaterThan(0);
    await page.getByTestId("tournament-cancel").click();
    await expect.poll(() => page.getByTestId("tournament-result").getAttribute("data-partial"), { timeout: 30_000 }).toBe("true");
    expect(await page.getByTestId("tournament-summary").textContent()).toContain("Cancelled");
    expect(await rows.count()).toBe(36);
    expect(wb.problems).toEqual([]);
  });

  it("speaks Chinese and fits a phone", async () => {
    const { page } = wb;
    await page.click("[data-testid=lang-zh]");
    await expect.poll(() => page.locator("[data-testid=simulate-view] h2").textContent()).toBe("模拟谈判");
    const options = await page.locator("[data-testid=strategy-USA] option").allTextContents();
    expect(options).toContain("强硬派");
    expect(await page.getByTestId("simulate-outcome").textContent()).toMatch(/第 \d+ 轮/);
    expect(await page.locator("[data-testid=strategies] tbody th").first().textContent()).toContain("美国");
    expect(await page.locator("[data-testid=tournament-table] thead").textContent()).toContain("达成率");
    expect(await page.locator("[data-testid=simulate-space] svg").first().textContent()).toContain("的效用");
    expect(await page.locator("[data-testid=simulate-trace] tbody td").nth(2).textContent()).toMatch(/出价|接受|退出/);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(400);
    const overflow = Number(await page.evaluate("document.documentElement.scrollWidth"));
    expect(overflow).toBeLessThanOrEqual(390);
    const width = Number(await page.locator("[data-testid=simulate-space] svg").first().getAttribute("width"));
    expect(width).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.click("[data-testid=lang-en]");
    expect(wb.problems).toEqual([]);
  });
});
