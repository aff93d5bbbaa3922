/**
 * Sharing and export in the workbench: a built deal saved as a named deal (kept by a version, in the
 * history, there after a reload; undoable); the view and the deal in the address (a link opened in
 * a new page shows the same deal, back and forward step through the deals chosen); forecasts and a
 * Monte Carlo run downloaded as CSV and checked against the library's numbers; charts downloaded as
 * SVG and PNG; a refused import listing every problem with its place (file, line, column, field).
 */
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import type { Download, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { calibratedIntervals } from "../../src/calibration/apply.js";
import { calibrationJson } from "../../src/calibration/file.js";
import { loadScenario } from "../../src/files/load.js";
import { forecast } from "../../src/forecast.js";
import { toModelInput } from "../../src/scenario/model-input.js";
import { monteCarlo } from "../../src/uncertainty/monte-carlo.js";
import { trackRecord } from "../calibration/track-record.js";
import { csvDownloadText, setSlider } from "./browser.js";
import { useWorkbench } from "./fixture.js";

const BROKEN = `id: broken
title: Broken scenario
actors:
  - id: A
    name: Alpha
    capability: 150
  - id: B
    name: Beta
    capability: -3
issues:
  - id: x
    name: X
    scale: {min: 0, max: 100}
stances:
  A: {x: {position: 500, salience: 50}}
  B: {x: {position: 20, salience: 50}}
`;

const hanoi = loadScenario("scenarios/hanoi-2019.yaml");

/** Clicks `button` and waits for the download it starts. */
async function downloadOf(page: Page, button: string): Promise<{ download: Download; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.click(button)]);
  const path = await download.path();
  return { download, bytes: readFileSync(path) };
}

const csvRecords = (bytes: Buffer) => parse(csvDownloadText(bytes), { columns: true }) as Record<string, string>[];
const dealParams = (url: string) => new URL(url).searchParams;

describe("sharing and export", () => {
  const wb = useWorkbench();

  it("saves a built deal as a named deal: a checked id, undoable, kept by a version, in the history and after a reload", async () => {
    const { page } = wb;
    await page.goto(`${wb.url}s/hanoi-2019/deal`);
    await page.locator("[data-testid=current-deal]").waitFor({ state: "attached" });
    await page.selectOption("[data-testid=deal-preset]", "dprk-offer");
    await setSlider(page, "input[data-issue=declaration]", 55);
    await page.fill("[data-testid=named-deal-name]", "Yongbyon and a declaration");
    // The id is made from the name and checked as it is typed.
    expect(await page.inputValue("[data-testid=named-deal-id]")).toMatch(/^yongbyon-and-a-declarat/);
    await page.fill("[data-testid=named-deal-id]", "2 for 1");
    expect(await page.locator("#named-deal-id-problem").textContent()).toContain("cannot be an id: start with a letter");
    expect(await page.locator("[data-testid=save-named-deal]").isDisabled()).toBe(true);
    await page.fill("[data-testid=named-deal-id]", "singapore");
    expect(await page.locator("#named-deal-id-problem").textContent()).toContain("has a deal “singapore” already");
    await page.fill("[data-testid=named-deal-id]", "yongbyon-plus");
    await page.click("[data-testid=save-named-deal]");
    expect(await page.getByTestId("named-deal-saved").textContent()).toContain("Saved as the named deal “Yongbyon and a declaration” (yongbyon-plus)");
    await expect.poll(() => page.locator("[data-testid=deal-preset] option[value=yongbyon-plus]").textContent(), { timeout: 20_000 }).toBe("Yongbyon and a declaration");
    expect(await page.inputValue("[data-testid=deal-preset]")).toBe("yongbyon-plus");
    await expect.poll(() => dealParams(page.url()).get("deal"), { timeout: 20_000 }).toBe("yongbyon-plus");

    // Undo takes it out of the text again; saved again, it is an unsaved edit until a version keeps it.
    await page.click("[data-testid=undo-named-deal]");
    await expect.poll(() => page.locator("[data-testid=deal-preset] option[value=yongbyon-plus]").count(), { timeout: 20_000 }).toBe(0);
    await expect.poll(() => page.locator("[data-testid=save-version]").count(), { timeout: 20_000 }).toBe(0);
    await page.fill("[data-testid=named-deal-name]", "Yongbyon and a declaration");
    await page.fill("[data-testid=named-deal-id]", "yongbyon-plus");
    await page.click("[data-testid=save-named-deal]");
    await page.fill("[data-testid=save-message]", "Named deal: Yongbyon and a declaration");
    await expect.poll(() => page.locator("[data-testid=save-version]").isEnabled(), { timeout: 20_000 }).toBe(true);
    await page.click("[data-testid=save-version]");
    await page.locator(".scenario-title .version", { hasText: "v2" }).waitFor();

    await page.click("[data-testid=tab-history]");
    await page.locator("[data-testid=versions] tbody tr").nth(1).waitFor();
    await page.click("[data-testid=compare]");
    await expect.poll(() => page.getByTestId("diff").textContent(), { timeout: 20_000 }).toContain("Yongbyon and a declaration");

    // A fresh load from the server: the named deal is there with the values built.
    await page.goto(`${wb.url}s/hanoi-2019`);
    await page.locator("[data-testid=stance-grid]").waitFor();
    await page.click("[data-testid=tab-deal]");
    await page.locator("[data-testid=current-deal]").waitFor({ state: "attached" });
    await page.selectOption("[data-testid=deal-preset]", "yongbyon-plus");
    expect(await page.inputValue("input[data-issue=declaration]")).toBe("55");
    const offer = hanoi.deals.find((d) => d.id === "dprk-offer")!;
    for (const [issue, value] of Object.entries(offer.values)) {
      if (issue !== "declaration") expect(await page.inputValue(`[data-issue=${issue}]`)).toBe(value.option ?? String(value.value));
    }
  }, 300_000);

  it("puts the view and the deal in the address: a link opened in a new page shows the same deal, back and forward step through the deals chosen", async () => {
    const { page } = wb;
    await page.selectOption("[data-testid=deal-preset]", "singapore");
    await setSlider(page, "input[data-issue=sanctions]", 37.25);
    await page.selectOption("select[data-issue=definition]", "agreed");
    await expect.poll(() => dealParams(page.url()).get("values"), { timeout: 10_000 }).toMatch(/sanctions:37\.25.*definition:agreed|definition:agreed.*sanctions:37\.25/);
    const link = page.url();
    expect(new URL(link).pathname).toBe("/s/hanoi-2019/deal");
    const verdicts = async (p: Page) => p.locator("[data-testid=verdicts] tbody tr").evaluateAll((rows) => rows.map((r) => `${r.getAttribute("data-actor")}:${r.getAttribute("data-accepts")}`));
    const marker = async (p: Page) => [await p.getByTestId("current-deal").getAttribute("data-x"), await p.getByTestId("current-deal").getAttribute("data-y")];

    const other = await wb.context.newPage();
    try {
      await other.goto(link);
      await other.locator("[data-testid=current-deal][data-x]").waitFor({ state: "attached" });
      expect(await other.inputValue("input[data-issue=sanctions]")).toBe("37.25");
      expect(await other.inputValue("select[data-issue=definition]")).toBe("agreed");
      expect(await other.inputValue("input[data-issue=denuclearization]")).toBe("10"); // Singapore's, as built from it
      expect(await verdicts(other)).toEqual(await verdicts(page));
      expect(await marker(other)).toEqual(await marker(page));
      expect(await other.getByTestId("deal-agreement").getAttribute("data-agreement")).toBe(await page.getByTestId("deal-agreement").getAttribute("data-agreement"));
      // A link to a deal this scenario does not have says so, and starts from the status quo.
      await other.goto(`${wb.url}s/hanoi-2019/deal?values=sanctions:500,nothere:3,alliance:40`);
      await other.getByTestId("link-problems").waitFor();
      expect(await other.getByTestId("link-problems").textContent()).toContain("500 is outside the scale of Sanctions relief (0–100)");
      expect(await other.getByTestId("link-problems").textContent()).toContain("This scenario has no issue “nothere”");
      expect(await other.inputValue("input[data-issue=alliance]")).toBe("40");
    } finally {
      await other.close();
    }

    // Each deal chosen is a step in the history; the slider moves only rewrite the current one.
    await page.selectOption("[data-testid=deal-preset]", "big-deal");
    await page.selectOption("[data-testid=deal-preset]", "icbm-freeze");
    await page.click("[data-testid=tab-forecast]");
    await page.getByTestId("forecast-view").waitFor();
    expect(new URL(page.url()).search).toBe("");
    await page.goBack();
    await page.locator("[data-testid=current-deal]").waitFor({ state: "attached" });
    expect(await page.inputValue("[data-testid=deal-preset]")).toBe("icbm-freeze");
    await page.goBack();
    await expect.poll(() => page.inputValue("[data-testid=deal-preset]"), { timeout: 20_000 }).toBe("big-deal");
    await page.goBack();
    await expect.poll(() => page.inputValue("input[data-issue=sanctions]"), { timeout: 20_000 }).toBe("37.25");
    expect(await page.inputValue("select[data-issue=definition]")).toBe("agreed");
    await page.goForward();
    await expect.poll(() => page.inputValue("[data-testid=deal-preset]"), { timeout: 20_000 }).toBe("big-deal");
  }, 300_000);

  it("downloads the forecasts as CSV with the library's numbers, and the calibrated intervals once loaded", async () => {
    const { page } = wb;
    await page.goto(`${wb.url}s/hanoi-2019/forecast`);
    await page.getByTestId("forecast-table").waitFor();
    const results = forecast(hanoi);
    const plain = await downloadOf(page, "[data-testid=forecasts-csv]");
    expect(plain.download.suggestedFilename()).toBe("hanoi-2019-forecasts.csv");
    const text = plain.bytes.toString("utf8");
    expect(text.endsWith("\r\n")).toBe(true);
    const records = csvRecords(plain.bytes);
    expect(records).toHaveLength(results.length * hanoi.issues.length);
    for (const result of results) {
      for (const issue of result.issues) {
        const record = records.find((r) => r["model"] === result.model && r["issue"] === issue.id)!;
        // What the page's table shows, to its one decimal.
        const shown = await page.locator(`[data-testid=forecast-table] td[data-model=${result.model}][data-issue=${issue.id}] .value`).textContent();
        expect(String(Math.round(Number(record["forecast"]) * 10) / 10), `${result.model} ${issue.id}`).toBe(shown);
        // The library's forecast, every model: the models compute with src/numeric/portable.ts, so Chromium
        // and Node agree to the bit even where EUM's rounds amplify one (Hanoi's normalization).
        expect(Number(record["forecast"]), `${result.model} ${issue.id}`).toBeCloseTo(issue.forecast, 6);
      }
    }
    expect(records.find((r) => r["model"] === "smp" && r["issue"] === "sanctions")!["issue_name"]).toBe("Sanctions relief");

    await page.getByTestId("calibration-file").setInputFiles({ name: "track.json", mimeType: "application/json", buffer: Buffer.from(calibrationJson(trackRecord)) });
    await page.getByTestId("calibration-results").waitFor();
    const intervals = calibratedIntervals(trackRecord, results, toModelInput(hanoi), 0.8);
    const calibrated = csvRecords((await downloadOf(page, "[data-testid=forecasts-csv]")).bytes);
    const m = results.findIndex((r) => r.model === "compromise");
    hanoi.issues.forEach((issue, i) => {
      const record = calibrated.find((r) => r["model"] === "compromise" && r["issue"] === issue.id)!;
      expect([Number(record["level"]), Number(record["lower"]), Number(record["upper"])]).toEqual([0.8, intervals[m]![i]!.lower, intervals[m]![i]!.upper]);
    });
    expect(calibrated.find((r) => r["model"] === "smp")!["lower"]).toBe("");
  }, 300_000);

  it("downloads a Monte Carlo run's distributions and deal acceptance as CSV, as the library computes them for the seed", async () => {
    const { page } = wb;
    await page.selectOption("[data-testid=mc-runs]", "200");
    await page.getByTestId("mc-run").click();
    await expect.poll(() => page.getByTestId("mc-results").getAttribute("data-partial"), { timeout: 120_000 }).toBe("false");
    const report = await monteCarlo(hanoi, { runs: 200, seed: 0, workers: 1 });
    const { download, bytes } = await downloadOf(page, "[data-testid=mc-csv]");
    expect(download.suggestedFilename()).toBe("hanoi-2019-monte-carlo-seed0-200runs.csv");
    const records = csvRecords(bytes);
    expect(records).toHaveLength(report.models.length * hanoi.issues.length);
    for (const model of report.models) {
      for (const d of model.issues) {
        const record = records.find((r) => r["model"] === model.model && r["issue"] === d.id)!;
        expect(Number(record["n"]), `${model.model} ${d.id}`).toBe(d.n);
        // What the page shows: the median and the 5–95 % band, to one decimal.
        const cell = page.locator(`[data-testid=mc-table] td[data-model=${model.model}][data-issue=${d.id}]`);
        expect(await cell.locator(".value").textContent()).toBe(String(Math.round(Number(record["p50"]) * 10) / 10));
        // The library's numbers for the same draws, every model (the draws and the models are the same bits
        // in Chromium and in Node).
        for (const k of ["p5", "p25", "p50", "p75", "p95"]) expect(Number(record[k]), `${model.model} ${d.id} ${k}`).toBeCloseTo(d.quantiles[k]!, 9);
      }
    }
    const deals = csvRecords((await downloadOf(page, "[data-testid=mc-deals-csv]")).bytes);
    for (const deal of report.deals) {
      expect(Number(deals.find((r) => r["deal"] === deal.id && r["actor"] === "all")!["share_accepting"])).toBeCloseTo(deal.all, 9);
      expect(Number(deals.find((r) => r["deal"] === deal.id && r["actor"] === "USA")!["share_accepting"])).toBeCloseTo(deal.accept["USA"]!, 9);
    }
    // With the run, the forecasts' intervals are also given widened by its spread.
    const widened = csvRecords((await downloadOf(page, "[data-testid=forecasts-csv]")).bytes);
    expect(Number(widened.find((r) => r["model"] === "compromise" && r["issue"] === "sanctions")!["lower_with_spread"])).toBeGreaterThanOrEqual(0);
  }, 300_000);

  it("downloads any chart as SVG and as PNG", async () => {
    const { page } = wb;
    const strip = ".forecast-view > .strips > .strip[data-issue=sanctions]";
    const svg = await downloadOf(page, `${strip} [data-testid=chart-svg]`);
    expect(svg.download.suggestedFilename()).toMatch(/\.svg$/);
    const text = svg.bytes.toString("utf8");
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(text).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(text).toContain("<title>");
    expect(text).toMatch(/>United States</); // the actors' labels, by name, travel with it
    const width = Number(/<svg[^>]* width="(\d+)"/.exec(text)![1]);
    const png = await downloadOf(page, `${strip} [data-testid=chart-png]`);
    expect(png.download.suggestedFilename()).toMatch(/\.png$/);
    expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.bytes.readUInt32BE(16)).toBe(width * 2); // IHDR: drawn at twice the chart's size
    expect(png.bytes.length).toBeGreaterThan(2000);

    // The deal builder's space of agreements, with the current deal's marker in its colours.
    await page.click("[data-testid=tab-deal]");
    await page.locator("[data-testid=current-deal][data-x]").waitFor({ state: "attached" });
    const space = (await downloadOf(page, ".space [data-testid=chart-svg]")).bytes.toString("utf8");
    expect(space).toContain('fill="rgb(227, 98, 9)"');
    const spacePng = (await downloadOf(page, ".space [data-testid=chart-png]")).bytes;
    expect(spacePng.subarray(1, 4).toString("ascii")).toBe("PNG");
    expect(wb.problems).toEqual([]);
  }, 300_000);

  it("shows every problem of a refused import with its file, line and column", async () => {
    const { page } = wb;
    await page.goto(`${wb.url}s/hanoi-2019`);
    await page.locator("[data-testid=stance-grid]").waitFor();
    await page.locator("[data-testid=import-files]").setInputFiles({ name: "broken.yaml", mimeType: "application/yaml", buffer: Buffer.from(BROKEN) });
    const problems = page.locator("[data-testid=import-problem]");
    await problems.first().waitFor();
    const texts = await problems.allTextContents();
    expect(texts.length).toBeGreaterThanOrEqual(3);
    for (const text of texts) expect(text).toMatch(/^broken\.yaml:\d+:\d+ /);
    expect(texts.some((t) => t.startsWith("broken.yaml:1:1 parley "))).toBe(true);
    expect(texts.some((t) => t.startsWith("broken.yaml:9:17 actors[1].capability ") && t.includes("-3"))).toBe(true);
    expect(texts.some((t) => t.startsWith("broken.yaml:15:21 stances.A.x.position ") && t.includes("500"))).toBe(true);
    expect(await page.locator("[data-testid=import-error]").textContent()).toContain(`broken.yaml cannot be imported: ${texts.length} problems.`);
    expect(await page.locator("[data-testid=import-error]").textContent()).not.toContain("…");
  }, 300_000);
});
