import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { COUNCIL_WEIGHTS } from "../../src/importers/council-weights.js";
import { fixturePath, optionalShared, runCli } from "../helpers.js";

const DEU = fixturePath("deu/deu3-train.tsv");
const CORESIZE = optionalShared("reference/deu/council-weights.csv", "the comparison with the sumtxt/coresize weights file (no licence to copy it)");
const METRICS = ["mae", "rmse", "medianAE", "within10", "within20", "n", "interval", "reliability"];
const BASELINES = ["baseline:status-quo", "baseline:commission", "baseline:mean", "baseline:median"];

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "parley-backtest-"));
}

function tempFile(name: string, content: string): string {
  const path = join(tempDir(), name);
  writeFileSync(path, content);
  return path;
}

/** The built-in table written out as a weights file. */
const WEIGHTS = tempFile(
  "weights.csv",
  ["country,v15,v25,p2012,p2014a", ...[...COUNCIL_WEIGHTS].map(([country, w]) => [country, w["v15"] ?? "", w["v25"] ?? "", w["p2012"] ?? "", w["p2014a"] ?? ""].join(","))].join("\n") + "\n",
);

const GENERAL = `case,actor,position,salience,capability,reference,outcome
tax,A,0,50,1,0,60
tax,B,100,50,3,,
tax,C,80,,,,
fees,A,10,20,1,,
fees,B,30,20,1,,
`;

describe("parley backtest on DEU III", () => {
  it("prints the JSON report with exactly the documented shape", async () => {
    const run = await runCli("backtest", DEU, "--model", "compromise", "-m", "median", "--json", "--workers", "2");
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    const report = JSON.parse(run.stdout) as { issues: number; skipped: Record<string, number>; models: Record<string, Record<string, number>> };
    expect(Object.keys(report)).toEqual(["issues", "skipped", "models", "intervals", "challengers"]);
    expect(report.issues).toBe(207);
    expect(report.skipped).toEqual({ "no-outcome": 5, "too-few-actors": 1 });
    expect(Object.keys(report.models)).toEqual(["compromise", "median", ...BASELINES]);
    for (const score of Object.values(report.models)) expect(Object.keys(score)).toEqual(METRICS);
    expect(report.models["compromise"]!["mae"]).toBeCloseTo(22.76, 2);
  });

  it("prints a table by default and writes the per-issue CSV atomically", async () => {
    const out = join(tempDir(), "per-issue.csv");
    const run = await runCli("backtest", DEU, "--models", "compromise", "--per-issue", out, "--workers", "1");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Backtest on 207 issues/);
    expect(run.stdout).toMatch(/compromise\s+22\.76/);
    expect(run.stdout).toMatch(/baseline:mean\s+24\.23/);
    const bytes = readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the UTF-8 byte-order mark Excel needs, once
    expect(bytes[3]).toBe("i".charCodeAt(0));
    const lines = bytes.subarray(3).toString("utf8").trim().split("\r\n");
    expect(lines[0]).toBe(`issue,outcome,compromise,${BASELINES.join(",")}`);
    expect(lines).toHaveLength(208);
    expect(lines[1]).toMatch(/^d00062i1,90,\d/);
    expect(readdirSync(join(out, ".."))).toEqual(["per-issue.csv"]); // no temporary file left

    const again = await runCli("backtest", DEU, "--weights", WEIGHTS, "--models", "compromise", "--per-issue", out);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/per-issue\.csv exists; use --force to replace it/);
    const forced = await runCli("backtest", DEU, "--weights", WEIGHTS, "--models", "compromise", "--per-issue", out, "--force", "--workers", "1");
    expect(forced.code).toBe(0);
  });

  it("takes the Council weights from --weights when given, with the same result as the built-in table", async () => {
    const builtIn = await runCli("backtest", DEU, "--models", "compromise,median", "--json", "--workers", "1");
    const fromFile = await runCli("backtest", DEU, "--weights", WEIGHTS, "--models", "compromise,median", "--json", "--workers", "1");
    expect(fromFile.code).toBe(0);
    expect(fromFile.stdout).toBe(builtIn.stdout);
  });

  it.skipIf(!CORESIZE)("agrees with the sumtxt/coresize weights file to the published two decimals", async () => {
    const builtIn = await runCli("backtest", DEU, "--models", "compromise,median", "--json", "--workers", "1");
    const coresize = await runCli("backtest", DEU, "--weights", CORESIZE!, "--models", "compromise,median", "--json", "--workers", "1");
    expect(coresize.code).toBe(0);
    const mae = (run: { stdout: string }): Record<string, number> =>
      Object.fromEntries(Object.entries(JSON.parse(run.stdout).models as Record<string, { mae: number }>).map(([id, s]) => [id, Math.round(s.mae * 100) / 100]));
    expect(mae(coresize)).toEqual(mae(builtIn));
  });

  it("rejects unknown models and bad worker counts with exit 2", async () => {
    const unknown = await runCli("backtest", DEU, "--weights", WEIGHTS, "--models", "compromise,oracle");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown model "oracle"; expected one of: compromise, median, nbs/);
    const workers = await runCli("backtest", DEU, "--weights", WEIGHTS, "--workers", "0");
    expect(workers.code).toBe(2);
  });
});

describe("parley backtest on the general format", () => {
  it("scores a CSV and counts skipped cases", async () => {
    const run = await runCli("backtest", tempFile("cases.csv", GENERAL), "--models", "compromise", "--json");
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { issues: number; skipped: Record<string, number>; models: Record<string, Record<string, number>> };
    expect(report.issues).toBe(1);
    expect(report.skipped).toEqual({ "no-outcome": 1 });
    expect(report.models["compromise"]).toMatchObject({ mae: 15, rmse: 15, medianAE: 15, within10: 0, within20: 1, n: 1 });
    // One case: nothing else to calibrate it on, so its interval is the whole scale.
    expect(report.models["compromise"]!["interval"]).toEqual({ level: 0.8, coverage: 1, meanWidth: 100 });
    expect(report.models["baseline:status-quo"]!["mae"]).toBe(60);
  });

  it("scores the JSON equivalent", async () => {
    const rows = [
      { case: "tax", actor: "A", position: 0, salience: 50, capability: 1, outcome: 60 },
      { case: "tax", actor: "B", position: 100, salience: 50, capability: 3 },
      { case: "tax", actor: "C", position: 80 },
    ];
    const run = await runCli("backtest", tempFile("cases.json", JSON.stringify(rows)), "--models", "compromise", "--json");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).models.compromise.mae).toBe(15);
  });

  it("reports invalid input located, all at once, exit 2, no stack trace", async () => {
    const file = tempFile("bad.csv", "case,actor,position,salience,capability,outcome\nt,A,150,50,1,60\nt,B,1,x,1,60\n");
    const run = await runCli("backtest", file);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr.trim().split("\n")).toEqual([
      `${file}:2:5: position: expected a number from 0 to 100, got "150"`,
      `${file}:3:7: salience: expected a number from 0 to 100 or an empty cell, got "x"`,
    ]);
  });

  it("refuses --weights for a general file and says when the file is missing", async () => {
    const run = await runCli("backtest", tempFile("cases.csv", GENERAL), "--weights", WEIGHTS);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--weights applies to DEU files only/);
    const missing = await runCli("backtest", "no/such/cases.csv");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("no/such/cases.csv: file not found");
    expect(existsSync("no")).toBe(false);
  });
});
