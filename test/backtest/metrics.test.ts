import { describe, expect, it } from "vitest";
import { errorMetrics } from "../../src/backtest/metrics.js";
import { summarise, perIssueCsv } from "../../src/backtest/report.js";
import { baselineForecasts, caseModelInput, forecastCase, median } from "../../src/backtest/run.js";
import type { BacktestCase } from "../../src/backtest/types.js";
import { renderProgress, progressBar } from "../../src/cli/progress.js";

describe("error metrics", () => {
  it("match hand computation", () => {
    // Errors 0, −5, 10, 25: |e| = 0, 5, 10, 25.
    const m = errorMetrics([0, -5, 10, 25]);
    expect(m.mae).toBe(10); // 40 / 4
    expect(m.rmse).toBeCloseTo(Math.sqrt((0 + 25 + 100 + 625) / 4), 12); // √187.5 = 13.693
    expect(m.medianAE).toBe(7.5); // (5 + 10) / 2
    expect(m.within10).toBe(0.75); // 0, 5, 10
    expect(m.within20).toBe(0.75);
    expect(m.n).toBe(4);
  });

  it("count an error a hair above 10 from rounding as within 10", () => {
    expect(errorMetrics([10 + 1e-12]).within10).toBe(1);
    expect(errorMetrics([10.001]).within10).toBe(0);
  });

  it("are null without cases", () => {
    expect(errorMetrics([])).toEqual({ mae: null, rmse: null, medianAE: null, within10: null, within20: null, n: 0 });
  });

  it("median of odd and even counts", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

const cases: BacktestCase[] = [
  {
    id: "one",
    outcome: 60,
    reference: 0,
    proposer: "c",
    actors: [
      { id: "a", position: 0, salience: 50, capability: 1 },
      { id: "b", position: 100, salience: 50, capability: 3 },
      { id: "c", position: 80 }, // no salience, no capability: baselines only
    ],
  },
  {
    id: "two",
    outcome: 10,
    actors: [
      { id: "a", position: 20, salience: 0, capability: 1 },
      { id: "b", position: 40, salience: 0, capability: 1 },
      { id: "c", position: 0, salience: 0, capability: 1 },
    ],
  },
];

describe("one case", () => {
  it("leaves actors without salience or capability out of the model input", () => {
    const input = caseModelInput(cases[0]!);
    expect(input.actors.map((a) => a.id)).toEqual(["a", "b"]);
    expect(input.issues).toEqual([{ id: "one", min: 0, max: 100, reference: 0 }]);
  });

  it("computes the baselines over every position", () => {
    expect(baselineForecasts(cases[0]!)).toEqual({ "baseline:status-quo": 0, "baseline:commission": 80, "baseline:mean": 60, "baseline:median": 80 });
    expect(baselineForecasts(cases[1]!)).toEqual({ "baseline:mean": 20, "baseline:median": 20 });
  });

  it("records a ModelError as a failure with its reason", () => {
    const result = forecastCase(cases[1]!, ["compromise", "median"]);
    expect(result.forecasts["compromise"]).toBeUndefined();
    expect(result.failures["compromise"]).toMatch(/weights sum to zero/);
    expect(result.failures["median"]).toMatch(/weights sum to zero/);
  });
});

describe("report", () => {
  const results = cases.map((c) => forecastCase(c, ["compromise", "median"]));
  const report = summarise({ cases, skipped: { "no-outcome": 2 } }, results, ["compromise", "median"]);

  it("scores models and baselines by hand", () => {
    expect(report.issues).toBe(2);
    expect(report.skipped).toEqual({ "no-outcome": 2 });
    // Case one: compromise (0·50 + 100·150) / 200 = 75, error 15; median 100, error 40; case two fails.
    expect(report.models["compromise"]).toMatchObject({ mae: 15, rmse: 15, medianAE: 15, within10: 0, within20: 1, n: 1 });
    expect(report.models["compromise"]!.failed).toEqual({ "the weights sum to zero: at least one actor needs capability and salience above 0": 1 });
    expect(report.models["median"]).toMatchObject({ mae: 40, n: 1 });
    // Unweighted mean: 60 vs 60, 20 vs 10 → errors 0 and 10.
    expect(report.models["baseline:mean"]).toEqual({ mae: 5, rmse: Math.sqrt(50), medianAE: 5, within10: 1, within20: 1, n: 2 });
    expect(report.models["baseline:status-quo"]).toMatchObject({ mae: 60, n: 1 });
    expect(Object.keys(report.models)).toEqual(["compromise", "median", "baseline:status-quo", "baseline:commission", "baseline:mean", "baseline:median"]);
  });

  it("writes the per-issue CSV with blanks where a model has no forecast", () => {
    expect(perIssueCsv(results, ["compromise", "median"])).toBe(
      "issue,outcome,compromise,median,baseline:status-quo,baseline:commission,baseline:mean,baseline:median\r\n" + "one,60,75,100,0,80,60,80\r\n" + "two,10,,,,,20,20\r\n",
    );
  });
});

describe("progress bar", () => {
  it("renders", () => {
    expect(renderProgress(120, 207, 2100, "issues")).toBe("[######----] 120/207 issues  2.1s");
    expect(renderProgress(0, 0, 0)).toBe("[##########] 0/0  0.0s");
  });

  it("redraws in place at most every interval and clears its line", () => {
    let out = "";
    let time = 0;
    const bar = progressBar((t) => (out += t), { unit: "issues", now: () => time, intervalMs: 100 });
    bar.update(1, 3);
    time = 50;
    bar.update(2, 3); // too soon: skipped
    time = 60;
    bar.update(3, 3); // last step: always drawn
    bar.finish();
    expect(out.split("\r").filter((s) => s.trim() !== "")).toEqual(["[###-------] 1/3 issues  0.0s", "[##########] 3/3 issues  0.1s"]);
    expect(out.endsWith("\r")).toBe(true);
  });
});
