/**
 * Calibrated intervals in the workbench: a calibration file chosen in the forecast view (a bad one
 * refused with its problems located), each forecast with its empirical interval in the table, in words
 * and on the strip charts, widened by a Monte Carlo run's spread, in English and Chinese; the bundled
 * DEU III calibration.
 */
import { describe, expect, it } from "vitest";
import { withCalibratedSpread } from "../../src/calibration/apply.js";
import { trackRecord as calibration } from "../calibration/track-record.js";
import { calibrationJson } from "../../src/calibration/file.js";
import { loadScenario } from "../../src/files/load.js";
import { forecast } from "../../src/forecast.js";
import { toModelInput } from "../../src/scenario/model-input.js";
import { monteCarlo } from "../../src/uncertainty/monte-carlo.js";
import { useWorkbench } from "./fixture.js";

const one = (x: number) => String(Math.round(x * 10) / 10);
/** The compromise forecast of Hanoi's sanctions issue (0–100) and its interval at ± half. */
const hanoi = loadScenario("scenarios/hanoi-2019.yaml");
const sanctions = forecast(hanoi, { models: ["compromise"] })[0]!.issues.find((i) => i.id === "sanctions")!.forecast;
const around = (half: number) => `${one(Math.max(0, sanctions - half))}–${one(Math.min(100, sanctions + half))}`;

describe("calibrated intervals in the forecast view", () => {
  const wb = useWorkbench();
  const cell = () => wb.page.locator("[data-testid=forecast-table] td[data-model=compromise][data-issue=sanctions]");
  const sentence = () => wb.page.locator("[data-testid=calibration] .calibrated-issue[data-issue=sanctions] [data-model=compromise]");

  it("refuses a bad calibration file with every problem located, and keeps the forecasts as they were", async () => {
    const { page } = wb;
    await page.goto(`${wb.url}s/hanoi-2019/forecast`);
    await page.getByTestId("calibration").waitFor();
    expect(await page.locator("[data-testid=calibration] .empty-state").textContent()).toMatch(/No calibration loaded/);
    const bad = calibrationJson(calibration).replace('"n": 9', '"n": 8').replace("\n    9\n", "\n    -9\n");
    await page.getByTestId("calibration-file").setInputFiles({ name: "bad.json", mimeType: "application/json", buffer: Buffer.from(bad) });
    const error = page.getByTestId("calibration-error");
    await error.waitFor();
    expect(await error.locator("p").textContent()).toMatch(/^bad\.json cannot be used as a calibration: \d+ problems?\.$/);
    const problems = await page.getByTestId("calibration-problem").allTextContents();
    expect(problems.some((p) => /^bad\.json:\d+:\d+ models\.compromise /.test(p) && p.includes("expected n to be the number of errors"))).toBe(true);
    expect(await cell().locator("[data-testid=interval]").count()).toBe(0);
    await page.getByTestId("calibration-file").setInputFiles({ name: "rows.json", mimeType: "application/json", buffer: Buffer.from('{"rows": []}') });
    await expect.poll(() => error.textContent()).toMatch(/rows\.json.*not a Parley calibration/);
  });

  it("gives each forecast its interval in the table, in words and on the strip, at the level chosen", async () => {
    const { page } = wb;
    await page.getByTestId("calibration-file").setInputFiles({ name: "track.json", mimeType: "application/json", buffer: Buffer.from(calibrationJson(calibration)) });
    await page.getByTestId("calibration-results").waitFor();
    expect(await page.getByTestId("calibration-error").count()).toBe(0);
    expect(await cell().locator("[data-testid=interval]").textContent()).toBe(around(8));
    expect(await sentence().textContent()).toBe(`Compromise: ${one(sanctions)}, 80 % of past forecasts like this fell within ${around(8)}.`);
    expect(await page.getByTestId("calibration-source").textContent()).toContain("Calibrated on track-record.tsv: each model's errors on 9 past issues with recorded outcomes, in 4 groups");
    // Only the model with a track record gets an interval, and the others are named.
    expect(await page.locator("[data-testid=forecast-table] [data-testid=interval]").count()).toBe(9);
    expect(await page.getByTestId("calibration").textContent()).toMatch(/no track record of .*SMP.*: no interval for them/);
    expect(await page.locator(".strip[data-issue=sanctions] g.calibrated line").count()).toBe(1);

    await page.selectOption("[data-testid=calibration-level]", "0.5");
    await expect.poll(() => cell().locator("[data-testid=interval]").textContent()).toBe(around(5));
    expect(await sentence().textContent()).toContain(`50 % of past forecasts like this fell within ${around(5)}`);
    await page.selectOption("[data-testid=calibration-level]", "0.8");
  });

  it("widens the intervals by a Monte Carlo run's spread, as the CLI does", async () => {
    const { page } = wb;
    await page.selectOption("[data-testid=mc-runs]", "200");
    await page.getByTestId("mc-run").click();
    await expect.poll(() => page.getByTestId("mc-results").getAttribute("data-partial"), { timeout: 120_000 }).toBe("false");
    await expect.poll(() => sentence().textContent()).toMatch(/; with the inputs' sampled spread, [\d.]+–[\d.]+\.$/);
    // The library's numbers for the same runs and seed (what parley forecast --runs 200 --calibration gives).
    const report = withCalibratedSpread(await monteCarlo(hanoi, { runs: 200, seed: 0, models: ["compromise"], workers: 1 }), calibration, toModelInput(hanoi), 0.8);
    const i = hanoi.issues.findIndex((issue) => issue.id === "sanctions");
    const combined = report.models[0]!.issues[i]!.interval!.combined!;
    const expected = `${one(combined.lower)}–${one(combined.upper)}`;
    expect(await sentence().textContent()).toBe(`Compromise: ${one(sanctions)}, 80 % of past forecasts like this fell within ${around(8)}; with the inputs' sampled spread, ${expected}.`);
    // Half-widths in quadrature: never narrower than the calibrated interval alone.
    expect(combined.lower).toBeLessThanOrEqual(Math.max(0, sanctions - 8));
    expect(combined.upper).toBeGreaterThanOrEqual(Math.min(100, sanctions + 8));
    expect(await cell().locator(".combined").textContent()).toContain(expected);
    expect(await page.locator(".strip[data-issue=sanctions] g.calibrated-combined line").count()).toBe(1);
  });

  it("says it all in Chinese", async () => {
    const { page } = wb;
    await page.click("[data-testid=lang-zh]");
    await expect.poll(() => sentence().textContent()).toMatch(new RegExp(`^折中模型：${one(sanctions).replace(".", "\\.")}，以往类似预测中有 80 % 落在 ${around(8)} 之内；计入输入的抽样离散后为 [\\d.]+–[\\d.]+。$`));
    expect(await page.locator("#calibration-title").textContent()).toBe("类似的预测以往有多准？校准区间");
    expect(await page.getByTestId("calibration-source").textContent()).toContain("校准依据 track-record.tsv：各模型在 9 个有实际结果的过往议题上的误差");
    expect(await page.getByTestId("calibration").textContent()).toContain("可交换");
    await page.click("[data-testid=lang-en]");
  });

  it("loads the bundled DEU III calibration, with an interval for every model", async () => {
    const { page } = wb;
    await page.getByTestId("calibration-bundled").click();
    await expect.poll(() => page.getByTestId("calibration-source").textContent()).toContain("Calibrated on DEU III, the bundled track record: each model's errors on 207 issues of 83 EU legislative proposals");
    const models = await page.locator("[data-testid=forecast-table] thead th[scope=col]").count();
    // Every model column (all but the issue and status quo columns) has an interval on every issue.
    expect(await page.locator("[data-testid=forecast-table] [data-testid=interval]").count()).toBe((models - 2) * 9);
    await page.getByTestId("calibration-clear").click();
    expect(await page.locator("[data-testid=forecast-table] [data-testid=interval]").count()).toBe(0);
    expect(wb.problems).toEqual([]);
  });
});
