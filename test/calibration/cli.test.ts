import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fixturePath, runCli } from "../helpers.js";

const DEU = fixturePath("deu/deu3-train.tsv");

const tempDir = (): string => mkdtempSync(join(tmpdir(), "parley-calibration-"));

interface Score {
  mae: number;
  n: number;
  interval: { level: number; coverage: number; meanWidth: number };
  reliability: { level: number; coverage: number; meanWidth: number }[];
}
interface Report {
  models: Record<string, Score>;
  intervals: { calibration: string; level: number; groups: number; condition?: string; source?: { file?: string; issues: number } };
}

/** Ten one-proposal cases: outcome = compromise + a known error. */
function generalCsv(errors: readonly number[]): string {
  const rows = ["case,actor,position,salience,capability,outcome,group"];
  errors.forEach((e, i) => {
    // Weighted mean of 40 and 60 with equal weights: 50.
    rows.push(`c${i},A,40,50,1,${50 + e},p${i % 5}`, `c${i},B,60,50,1,,`, `c${i},C,50,0,1,,`);
  });
  return `${rows.join("\n")}\n`;
}

describe("calibrated intervals in parley backtest", () => {
  it("reports cross-fitted coverage and mean width per model on DEU III, honest at 50/80/90 %", async () => {
    const run = await runCli("backtest", DEU, "--models", "compromise,median", "--json", "--workers", "1");
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.intervals).toEqual({ calibration: "cross-fitted", level: 0.8, groups: 83 });
    const compromise = report.models["compromise"]!;
    expect(Object.keys(compromise.interval)).toEqual(["level", "coverage", "meanWidth"]);
    expect(compromise.interval.level).toBe(0.8);
    // Measured: 80.2 % covered, 67.7 points wide on average.
    expect(compromise.interval.coverage).toBeCloseTo(0.802, 3);
    expect(compromise.interval.meanWidth).toBeCloseTo(67.7, 1);
    for (const id of ["compromise", "median", "baseline:mean"]) {
      const score = report.models[id]!;
      expect(score.reliability.map((r) => r.level)).toEqual([0.5, 0.8, 0.9]);
      for (const r of score.reliability) expect(Math.abs(r.coverage - r.level)).toBeLessThan(0.03);
    }
  });

  it("takes --level as a percentage and refuses a bad one", async () => {
    const run = await runCli("backtest", DEU, "--models", "compromise", "--json", "--level", "90%", "--workers", "1");
    const report = JSON.parse(run.stdout) as Report;
    expect(report.models["compromise"]!.interval.level).toBe(0.9);
    expect(report.models["compromise"]!.interval.coverage).toBeGreaterThanOrEqual(0.89);
    const bad = await runCli("backtest", DEU, "--level", "150");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--level expects a coverage/);
  });

  it("saves a calibration and scores other cases with it", async () => {
    const dir = tempDir();
    const out = join(dir, "deu.calibration.json");
    const saved = await runCli("backtest", DEU, "--models", "compromise", "--save-calibration", out, "--workers", "1");
    expect(saved.code).toBe(0);
    expect(saved.stderr).toMatch(/wrote .*deu\.calibration\.json/);
    const calibration = JSON.parse(readFileSync(out, "utf8")) as { format: string; source: { file: string; issues: number }; models: Record<string, { n: number; errors: number[] }> };
    expect(calibration.format).toBe("parley-calibration");
    expect(calibration.source).toMatchObject({ file: "deu3-train.tsv", issues: 207 });
    expect(calibration.models["compromise"]!.n).toBe(207);

    // Errors 0..9 against the DEU errors: the 80 % half-width comes from DEU alone (about 34 points), so all are covered.
    const other = join(dir, "other.csv");
    writeFileSync(other, generalCsv([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
    const scored = await runCli("backtest", other, "--models", "compromise", "--calibration", out, "--json");
    expect(scored.code).toBe(0);
    const report = JSON.parse(scored.stdout) as Report;
    expect(report.intervals).toMatchObject({ calibration: "saved", level: 0.8, source: { file: "deu3-train.tsv", issues: 207 } });
    expect(report.models["compromise"]!.interval.coverage).toBe(1);
    // A file's own cross-fitting instead: 5 groups of 2, each calibrated on 8 errors, 80 % → rank 8.
    const own = JSON.parse((await runCli("backtest", other, "--models", "compromise", "--json")).stdout) as Report;
    expect(own.intervals.groups).toBe(5);
    expect(own.models["compromise"]!.interval.coverage).toBeGreaterThanOrEqual(0.7);

    const again = await runCli("backtest", other, "--models", "compromise", "--save-calibration", out);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/exists; use --force/);
    const both = await runCli("backtest", other, "--calibration", out, "--condition", "spread");
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--condition applies when cross-fitting/);
  });

  it("conditions intervals on a case feature", async () => {
    const run = await runCli("backtest", DEU, "--models", "compromise", "--json", "--condition", "reference", "--workers", "1");
    const report = JSON.parse(run.stdout) as Report;
    expect(report.intervals.condition).toBe("reference");
    // Measured: honest (80.2 %) but wider (69.8) than without conditioning (67.7).
    expect(report.models["compromise"]!.interval.coverage).toBeCloseTo(0.802, 3);
    expect(report.models["compromise"]!.interval.meanWidth).toBeGreaterThan(67.7);
  });

  it("reports a bad calibration file with its location", async () => {
    const dir = tempDir();
    const bad = join(dir, "bad.json");
    writeFileSync(bad, '{\n  "format": "parley-calibration",\n  "version": 1,\n  "source": {"issues": 2, "groups": 2},\n  "scale": {"min": 0, "max": 100},\n  "models": {"compromise": {"n": 2, "errors": [5, -1]}}\n}\n');
    const run = await runCli("backtest", DEU, "--calibration", bad);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/bad\.json:6:\d+: models\.compromise\.errors/);
    writeFileSync(bad, '{"rows": []}');
    const other = await runCli("backtest", DEU, "--calibration", bad);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/not a Parley calibration/);
  });
});

describe("parley forecast --calibration", () => {
  it("prints each forecast with its calibrated interval, rescaled to the issue's scale", async () => {
    const dir = tempDir();
    const out = join(dir, "c.json");
    expect((await runCli("backtest", DEU, "--models", "compromise", "--save-calibration", out, "--workers", "1")).code).toBe(0);
    const calibration = JSON.parse(readFileSync(out, "utf8")) as { models: Record<string, { errors: number[] }> };
    const errors = calibration.models["compromise"]!.errors;
    const q80 = errors[Math.ceil(208 * 0.8) - 1]!; // the 167th smallest of 207

    // A 0–10 issue: the half-width is a tenth of the 0–100 one.
    const scenario = join(dir, "s.yaml");
    writeFileSync(
      scenario,
      "parley: 1\nid: s\ntitle: S\nactors:\n  - {id: A, name: A, capability: 1}\n  - {id: B, name: B, capability: 1}\nissues:\n  - {id: x, name: X, scale: {min: 0, max: 10}, reference: 0}\nstances:\n  A: {x: {position: 4, salience: 50}}\n  B: {x: {position: 6, salience: 50}}\n",
    );
    const json = await runCli("forecast", scenario, "-m", "compromise,median", "--calibration", out, "--json");
    expect(json.code).toBe(0);
    expect(json.stderr).toMatch(/no track record of median/);
    const results = JSON.parse(json.stdout) as { model: string; issues: { forecast: number; interval?: { level: number; lower: number; upper: number } }[] }[];
    expect(results[0]!.issues[0]!.forecast).toBe(5);
    expect(results[0]!.issues[0]!.interval!.level).toBe(0.8);
    expect(results[0]!.issues[0]!.interval!.lower).toBeCloseTo(Math.max(0, 5 - q80 / 10), 9);
    expect(results[0]!.issues[0]!.interval!.upper).toBeCloseTo(Math.min(10, 5 + q80 / 10), 9);
    expect(results[1]!.issues[0]!.interval).toBeUndefined();

    const table = await runCli("forecast", scenario, "-m", "compromise", "--calibration", out, "--level", "50");
    expect(table.stdout).toMatch(/50% of past forecasts like these fell within the interval shown \(calibration: deu3-train\.tsv, 207 issues in 83 groups/);

    const runs = await runCli("forecast", scenario, "-m", "compromise", "--calibration", out, "--runs", "50", "--json", "--workers", "1");
    const report = JSON.parse(runs.stdout) as { models: { issues: { forecast: number; sd: number; interval: { lower: number; upper: number; combined: { lower: number; upper: number } } }[] }[] };
    const d = report.models[0]!.issues[0]!;
    // Quadrature: the combined interval is never narrower than the calibrated one.
    expect(d.interval.combined.lower).toBeLessThanOrEqual(d.interval.lower);
    expect(d.interval.combined.upper).toBeGreaterThanOrEqual(d.interval.upper);
  });
});

describe("parley forecast --runs --calibration", () => {
  it("heads the combined table in the scenario's language or --lang", async () => {
    const dir = tempDir();
    const out = join(dir, "c.json");
    writeFileSync(
      out,
      JSON.stringify({ format: "parley-calibration", version: 1, source: { file: "track.tsv", issues: 9, groups: 4 }, scale: { min: 0, max: 100 }, models: { compromise: { n: 9, errors: [1, 2, 3, 4, 5, 6, 7, 8, 9] } } }),
    );
    const args = ["forecast", "scenarios/hanoi-2019.yaml", "-m", "compromise", "--calibration", out, "--runs", "20", "--workers", "1"];
    const en = await runCli(...args, "--lang", "en");
    expect(en.code).toBe(0);
    expect(en.stdout).toContain("Calibrated 80% intervals (calibration: track.tsv, 9 issues in 4 groups), alone and combined with the sampled spread");
    expect(en.stdout).toMatch(/model\s+forecast\s+80% calibrated\s+80% with spread/);
    const zh = await runCli(...args, "--lang", "zh");
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain("80% 校准区间 (校准数据: track.tsv，9 个议题，分属 4 组)，单独给出，并与抽样离散合并");
    expect(zh.stdout).not.toContain("issues in");
    expect(zh.stdout).toMatch(/模型\s+预测\s+80% 校准区间\s+80% 含抽样离散/);
    expect(zh.stdout).not.toMatch(/with spread|calibrated/);
  });
});

describe("challengers to the compromise", () => {
  it("scores them by leave-one-proposal-out cross-validation with clustered standard errors", async () => {
    const run = await runCli("backtest", DEU, "--models", "compromise,smp,eum,median", "--json", "--workers", "1");
    const report = JSON.parse(run.stdout) as { challengers: Record<string, { mae: number; se: number; difference: number; differenceSe: number; n: number }> };
    const c = report.challengers;
    expect(Object.keys(c)).toEqual(["compromise", "procedural", "stacked", "shrunk"]);
    expect(c["compromise"]!.mae).toBeCloseTo(22.76, 2);
    // Measured: the procedural model is far worse; the stacked blend is within its standard error.
    expect(c["procedural"]!.difference).toBeGreaterThan(2 * c["procedural"]!.differenceSe);
    expect(Math.abs(c["stacked"]!.difference)).toBeLessThan(c["stacked"]!.differenceSe);
    expect(c["shrunk"]!.n).toBe(207);
  });
});
