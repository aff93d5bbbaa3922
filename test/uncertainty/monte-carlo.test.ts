import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { validateScenario } from "../../src/scenario/validate.js";
import { uncertainInputs } from "../../src/uncertainty/inputs.js";
import { monteCarlo } from "../../src/uncertainty/monte-carlo.js";
import { blockSize } from "../../src/uncertainty/run.js";
import { runCli } from "../helpers.js";
import { KNOWN, scenarioOf } from "./fixtures.js";

function hanoi() {
  const result = validateScenario(readFileSync("scenarios/hanoi-2019.yaml", "utf8"), { file: "hanoi-2019.yaml" });
  if (!result.ok) throw new Error("hanoi does not validate");
  return result.scenario;
}

describe("Monte Carlo forecasts", () => {
  it("lists the uncertain inputs, a bare range as uniform", () => {
    const inputs = uncertainInputs(scenarioOf(KNOWN));
    expect(inputs.map((i) => [i.id, i.sampler.kind, i.low, i.high])).toEqual([
      ["stances.A.tax.position", "uniform", 0, 100],
      ["stances.B.tax.position", "triangular", 45, 55],
      ["stances.C.tax.salience", "normal", expect.closeTo(50 - 1.645 * 2, 2), expect.closeTo(50 + 1.645 * 2, 2)],
    ]);
  });

  it("summarises forecasts and deal acceptance; the same seed gives the same numbers", async () => {
    const s = scenarioOf(KNOWN);
    const a = await monteCarlo(s, { runs: 400, models: ["compromise"], seed: 3, workers: 1 });
    const b = await monteCarlo(s, { runs: 400, models: ["compromise"], seed: 3, workers: 1 });
    const c = await monteCarlo(s, { runs: 400, models: ["compromise"], seed: 4, workers: 1 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
    const tax = a.models[0]!.issues[0]!;
    expect(tax.forecast).toBeCloseTo(60, 10);
    expect(tax.n).toBe(400);
    expect(tax.mean).toBeCloseTo(60, 0);
    expect(tax.quantiles["p5"]!).toBeLessThan(tax.quantiles["p50"]!);
    expect(tax.histogram.counts.reduce((x, y) => x + y, 0)).toBe(400);
    expect(tax.histogram.counts).toHaveLength(20);
    // C (at 80) always prefers the status quo 50 to a tax of 20; A's uniform position accepts it when below 35.
    const deal = a.deals[0]!;
    expect(deal.accept["C"]).toBe(0);
    expect(deal.accept["A"]).toBeCloseTo(0.35, 1);
    expect(deal.all).toBe(0);
  });

  it("gives byte-identical JSON with 1 and 2 worker threads", async () => {
    const s = hanoi();
    const options = { runs: 96, models: ["compromise", "smp"], seed: 11 } as const;
    const one = await monteCarlo(s, { ...options, workers: 1 });
    const two = await monteCarlo(s, { ...options, workers: 2 });
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
    expect(one.completed).toBe(96);
  });

  it("stops on an abort with a partial, consistent summary of the finished samples", async () => {
    const s = scenarioOf(KNOWN);
    const controller = new AbortController();
    const runs = 1000;
    const partial = await monteCarlo(s, {
      runs,
      models: ["compromise"],
      seed: 5,
      workers: 1,
      signal: controller.signal,
      onProgress: (done) => {
        if (done > 0) controller.abort();
      },
    });
    expect(partial.partial).toBe(true);
    expect(partial.completed).toBeGreaterThan(0);
    expect(partial.completed).toBeLessThan(runs);
    expect(partial.completed % blockSize(runs)).toBe(0);
    // The summary is that of the first `completed` samples: sample k depends on (seed, k) only.
    const same = await monteCarlo(s, { runs: partial.completed, models: ["compromise"], seed: 5, workers: 1 });
    expect({ ...partial, runs: 0, partial: false }).toEqual({ ...same, runs: 0 });
  });

  it("runs from the command line, as a table and as JSON", async () => {
    const table = await runCli("forecast", "scenarios/hanoi-2019.yaml", "--runs", "40", "-m", "compromise", "--workers", "1");
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/mean \[5%–95%\]/);
    expect(table.stdout).toMatch(/Probability that each actor accepts each deal/);
    const json = await runCli("forecast", "scenarios/hanoi-2019.yaml", "--runs", "40", "-m", "compromise", "--json", "--seed", "2", "--workers", "1");
    const report = JSON.parse(json.stdout) as { runs: number; seed: number; models: { issues: { quantiles: Record<string, number> }[] }[] };
    expect(report.runs).toBe(40);
    expect(report.seed).toBe(2);
    expect(Object.keys(report.models[0]!.issues[0]!.quantiles)).toEqual(["p5", "p25", "p50", "p75", "p95"]);
    expect(json.stderr).toBe("");
  });
});
