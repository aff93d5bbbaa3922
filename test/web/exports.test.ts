import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { calibratedIntervals } from "../../src/calibration/apply.js";
import { toCsv } from "../../src/files/csv.js";
import { forecast } from "../../src/forecast.js";
import { text as labelText } from "../../src/scenario/label.js";
import type { Label } from "../../src/scenario/types.js";
import { toModelInput } from "../../src/scenario/model-input.js";
import { validateScenario } from "../../src/scenario/validate.js";
import { monteCarlo } from "../../src/uncertainty/monte-carlo.js";
import { dealAcceptanceRows, fileName, forecastRows, monteCarloRows, savedRunRows } from "../../web/src/exports.js";
import { trackRecord } from "../calibration/track-record.js";

const result = validateScenario(readFileSync(new URL("../../scenarios/hanoi-2019.yaml", import.meta.url), "utf8"), { file: "hanoi-2019.yaml" });
if (!result.ok) throw new Error("the bundled Hanoi scenario does not validate");
const hanoi = result.scenario;
const names = (language: "en" | "zh") => ({ label: (l: Label | string | undefined) => (l === undefined ? "" : typeof l === "string" ? l : labelText(l, language)), model: (id: string) => `model ${id}` });
/** The CSV as a spreadsheet would read it: records of named fields. */
const read = (rows: ReturnType<typeof forecastRows>) => parse(toCsv(rows), { columns: true }) as Record<string, string>[];

describe("forecasts as CSV", () => {
  const results = forecast(hanoi);

  it("has one row per model × issue with the library's forecast in full", () => {
    const records = read(forecastRows(hanoi, results, names("en")));
    expect(records).toHaveLength(results.length * hanoi.issues.length);
    for (const r of results) {
      for (const issue of r.issues) {
        const record = records.find((x) => x["model"] === r.model && x["issue"] === issue.id)!;
        expect(Number(record["forecast"])).toBe(issue.forecast);
        expect(record["model_name"]).toBe(`model ${r.model}`);
      }
    }
    expect(Object.keys(records[0]!)).toEqual(["scenario", "issue", "issue_name", "model", "model_name", "forecast", "nearest_anchor", "status_quo"]);
    expect(records.find((x) => x["issue"] === "sanctions")!["issue_name"]).toBe("Sanctions relief");
  });

  it("names issues and anchors in the chosen language", () => {
    const records = read(forecastRows(hanoi, results, names("zh")));
    expect(records.find((x) => x["issue"] === "sanctions")!["issue_name"]).toBe(labelText(hanoi.issues.find((i) => i.id === "sanctions")!.name, "zh"));
  });

  it("adds each forecast's calibrated interval when a calibration is loaded, blank where it has no record of the model", () => {
    const intervals = calibratedIntervals(trackRecord, results, toModelInput(hanoi), 0.8);
    const records = read(forecastRows(hanoi, results, names("en"), intervals));
    const m = results.findIndex((r) => r.model === "compromise");
    const i = hanoi.issues.findIndex((x) => x.id === "sanctions");
    const record = records.find((x) => x["model"] === "compromise" && x["issue"] === "sanctions")!;
    expect(Number(record["level"])).toBe(0.8);
    expect(Number(record["lower"])).toBe(intervals[m]![i]!.lower);
    expect(Number(record["upper"])).toBe(intervals[m]![i]!.upper);
    expect(records.find((x) => x["model"] === "smp")!["lower"]).toBe("");
  });
});

describe("a Monte Carlo run as CSV", () => {
  it("gives the run's quantiles per model × issue and its deal acceptance per actor", async () => {
    const report = await monteCarlo(hanoi, { runs: 60, models: ["compromise"], seed: 7, workers: 1 });
    const records = read(monteCarloRows(hanoi, report, names("en")));
    expect(records).toHaveLength(hanoi.issues.length);
    const d = report.models[0]!.issues.find((x) => x.id === "sanctions")!;
    const record = records.find((x) => x["issue"] === "sanctions")!;
    expect([record["p5"], record["p50"], record["p95"], record["n"], record["seed"]].map(Number)).toEqual([d.quantiles["p5"], d.quantiles["p50"], d.quantiles["p95"], d.n, 7]);
    const deals = read(dealAcceptanceRows(hanoi, report, names("en")));
    expect(deals).toHaveLength(report.deals.length * (hanoi.actors.length + 1));
    const first = report.deals[0]!;
    expect(Number(deals.find((x) => x["deal"] === first.id && x["actor"] === "USA")!["share_accepting"])).toBe(first.accept["USA"]);
    expect(Number(deals.find((x) => x["deal"] === first.id && x["actor"] === "all")!["share_accepting"])).toBe(first.all);
  });
});

describe("a saved run as CSV", () => {
  const run = { id: 3, kind: "forecast" as const, scenarioId: "hanoi-2019", scenarioVersion: 2, models: ["smp"], parameters: {}, seed: null, createdAt: "2026-12-02T10:00:00Z" };

  it("lists a forecast run's forecasts, and nothing for any other run", () => {
    const rows = savedRunRows({ ...run, results: [{ scenario: "hanoi-2019", model: "smp", issues: [{ id: "sanctions", forecast: 63.5 }] }] }, names("en"), hanoi)!;
    expect(read(rows)).toEqual([{ run: "3", scenario: "hanoi-2019", version: "2", issue: "sanctions", issue_name: "Sanctions relief", model: "smp", model_name: "model smp", forecast: "63.5", created_at: "2026-12-02T10:00:00Z" }]);
    expect(savedRunRows({ ...run, kind: "deal", results: { verdict: "ok" } }, names("en"))).toBeUndefined();
  });
});

describe("file names", () => {
  it("keep letters of any script, digits and dots, dashes elsewhere", () => {
    expect(fileName("hanoi-2019", "forecasts")).toBe("hanoi-2019-forecasts");
    expect(fileName("Space of agreements: USA / DPRK")).toBe("Space-of-agreements-USA-DPRK");
    expect(fileName("制裁 放松")).toBe("制裁-放松");
    expect(fileName("///")).toBe("parley");
  });
});
