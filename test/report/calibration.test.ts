import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { trackRecord as calibration } from "../calibration/track-record.js";
import { calibrationJson } from "../../src/calibration/file.js";
import { inverseNormalCdf } from "../../src/uncertainty/distributions.js";
import { loadScenario } from "../../src/files/load.js";
import { buildBriefing } from "../../src/report/build.js";
import { renderHtml } from "../../src/report/html.js";
import { renderMarkdown } from "../../src/report/markdown.js";
import type { UncertaintyInput } from "../../src/report/types.js";
import { runCli } from "../helpers.js";

const HANOI = "scenarios/hanoi-2019.yaml";
const hanoi = loadScenario(HANOI);

const alliance = (b: ReturnType<typeof buildBriefing>) => b.issues.find((i) => i.issue === "alliance")!;

describe("calibrated intervals in the briefing", () => {
  it("gives each model the calibration knows its interval, says what it rests on and what it assumes", () => {
    const b = buildBriefing(hanoi, { models: ["compromise", "median"], calibration });
    const [compromise, median] = alliance(b).forecasts;
    const value = compromise!.value;
    expect(compromise!.interval).toEqual({ level: 0.8, lower: Math.max(0, value - 8), upper: Math.min(100, value + 8) });
    expect(median!.interval).toBeUndefined();
    expect(b.calibration).toEqual({ level: 0.8, source: calibration.source, combined: false, withoutRecord: ["median"] });

    const md = renderMarkdown(b, "en");
    const round = (x: number) => String(Math.round(x * 10) / 10);
    expect(md).toContain(`- Compromise: ${round(value)}, 80 % of past forecasts like this fell within ${round(value - 8)}–${round(value + 8)}.`);
    expect(md).toContain("errors on 9 past issues with recorded outcomes, in 4 groups of related issues (track-record.tsv)");
    expect(md).toContain("This assumes the scenario is exchangeable with those past cases");
    expect(md).toContain("The calibration has no track record of Weighted median: no interval for them.");
    expect(md).not.toContain("- Weighted median:");

    const zh = renderMarkdown(b, "zh");
    expect(zh).toContain("校准数据中没有 加权中位数 的记录");
    expect(zh).toContain(`- 折中模型:${round(value)}，以往类似预测中有 80% 落在 ${round(value - 8)}–${round(value + 8)} 之内。`);
    expect(zh).toContain("可交换");

    const html = renderHtml(b, "en");
    expect(html).toContain('<div class="calibration">');
    expect(html).toContain(`<li>Compromise: ${round(value)}, 80 % of past forecasts like this fell within`);
    // The strip chart draws the interval: one bracket, for the one model with a record, and says what it is.
    const strip = html.slice(html.indexOf('<section class="issue" id="issue-alliance">'));
    const chart = strip.slice(0, strip.indexOf("</figure>"));
    expect(chart.match(/<path class="calibrated"/g)).toHaveLength(1);
    expect(chart).not.toContain("calibrated combined");
    expect(chart).toContain(`\nCompromise: ${round(value)}, 80 % of past forecasts like this fell within ${round(value - 8)}–${round(value + 8)}.</title>`);
    expect(chart).toContain("The orange bracket: the forecast&#39;s calibrated 80 % interval.</figcaption>");
    expect(renderHtml(b, "zh")).toContain("橙色括线:预测的 80% 校准区间。</figcaption>");
    expect(renderHtml(buildBriefing(hanoi, { models: ["compromise"] }), "en")).not.toMatch(/class="calibrated|orange bracket/);
  });

  it("takes another level, and leaves the briefing as it was without a calibration", () => {
    const b = buildBriefing(hanoi, { models: ["compromise"], calibration, level: 0.5 });
    const f = alliance(b).forecasts[0]!;
    expect(f.interval!.upper - f.interval!.lower).toBeCloseTo(Math.min(100, f.value + 5) - Math.max(0, f.value - 5), 12);
    expect(renderMarkdown(b, "en")).toContain("50 % of past forecasts like this fell within");
    const plain = buildBriefing(hanoi, { models: ["compromise"] });
    expect(plain.calibration).toBeUndefined();
    expect(alliance(plain).forecasts[0]!.interval).toBeUndefined();
    expect(renderMarkdown(plain, "en")).not.toContain("past forecasts like this");
  });

  it("widens the interval by a Monte Carlo run's spread, half-widths in quadrature", () => {
    const value = alliance(buildBriefing(hanoi, { models: ["compromise"] })).forecasts[0]!.value;
    const sd = 6;
    const uncertainty: UncertaintyInput = {
      runs: 100,
      completed: 100,
      partial: false,
      models: [{ model: "compromise", issues: [{ id: "alliance", forecast: value, sd, quantiles: { p5: value - 10, p25: value - 4, p50: value, p75: value + 4, p95: value + 10 } }] }],
    };
    const b = buildBriefing(hanoi, { models: ["compromise"], calibration, uncertainty });
    const half = Math.sqrt(8 ** 2 + (inverseNormalCdf(0.9) * sd) ** 2);
    const interval = alliance(b).forecasts[0]!.interval!;
    expect(interval.combined!.lower).toBeCloseTo(Math.max(0, value - half), 9);
    expect(interval.combined!.upper).toBeCloseTo(Math.min(100, value + half), 9);
    expect(b.calibration!.combined).toBe(true);
    // Issues the run did not sample keep the calibrated interval alone.
    expect(b.issues.find((i) => i.issue !== "alliance")!.forecasts[0]!.interval!.combined).toBeUndefined();
    const md = renderMarkdown(b, "en");
    expect(md).toContain("the interval is widened by it too: the two half-widths add in quadrature");
    expect(md).toMatch(/fell within [\d.]+–[\d.]+; with the inputs' sampled spread, [\d.]+–[\d.]+\./);
    const html = renderHtml(b, "en");
    const chart = html.slice(html.indexOf('<section class="issue" id="issue-alliance">'));
    expect(chart.slice(0, chart.indexOf("</figure>"))).toMatch(/<path class="calibrated combined"[^>]*stroke-dasharray="4 3"\/><path class="calibrated"/);
    expect(html).toContain("dashed, that interval widened by the inputs&#39; sampled spread.</figcaption>");
  });
});

describe("parley report --calibration", () => {
  it("reads a saved calibration and shows the intervals, with --runs combined with the spread", async () => {
    const dir = mkdtempSync(join(tmpdir(), "parley-report-calibration-"));
    const file = join(dir, "cal.json");
    writeFileSync(file, calibrationJson(calibration));
    const run = await runCli("report", HANOI, "--format", "md", "-m", "compromise", "--calibration", file, "--level", "80%");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("80 % of past forecasts like this fell within");
    expect(run.stdout).toContain("(track-record.tsv)");
    const sampled = await runCli("report", HANOI, "--format", "md", "-m", "compromise", "--calibration", file, "--runs", "50", "--seed", "3");
    expect(sampled.code).toBe(0);
    expect(sampled.stdout).toContain("with the inputs' sampled spread");
  });

  it("refuses a bad calibration file with its location, exit 2, no stack trace", async () => {
    const dir = mkdtempSync(join(tmpdir(), "parley-report-calibration-"));
    const file = join(dir, "bad.json");
    writeFileSync(file, calibrationJson(calibration).replace('"n": 9', '"n": 8'));
    const run = await runCli("report", HANOI, "--calibration", file);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("bad.json");
    expect(run.stderr).toMatch(/models\.compromise/);
    expect(run.stderr).toContain("expected n to be the number of errors");
    expect(run.stderr).not.toMatch(/\n\s+at /);
    const missing = await runCli("report", HANOI, "--calibration", join(dir, "none.json"));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("none.json");
  });
});
