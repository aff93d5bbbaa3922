/** The exchange model in the Monte Carlo forecasts and the sensitivity analysis, like every other model. */
import { describe, expect, it } from "vitest";
import { loadScenario } from "../../src/files/load.js";
import { forecast } from "../../src/forecast.js";
import { monteCarlo } from "../../src/uncertainty/monte-carlo.js";
import { sensitivity } from "../../src/uncertainty/sensitivity.js";
import { runCli } from "../helpers.js";

const HANOI = "scenarios/hanoi-2019.yaml";

describe("exchange model under uncertainty", () => {
  const scenario = loadScenario(HANOI);
  const [written] = forecast(scenario, { models: ["exchange"] });

  it("joins the Monte Carlo runs by default; every sample runs, the same with 1 and 2 workers", async () => {
    const one = await monteCarlo(scenario, { runs: 24, seed: 5, workers: 1 });
    const model = one.models.find((m) => m.model === "exchange")!;
    expect(model.failed).toBe(0);
    model.issues.forEach((issue, k) => {
      expect(issue.forecast).toBeCloseTo(written!.issues[k]!.forecast, 12);
      expect(issue.n).toBe(24);
    });
    // Hanoi's inputs are uncertain, and the trades (hence the forecasts) move with them.
    expect(model.issues.some((issue) => issue.sd > 0)).toBe(true);
    const two = await monteCarlo(scenario, { runs: 24, seed: 5, workers: 2, models: ["exchange"] });
    expect(JSON.stringify(two.models[0])).toBe(JSON.stringify(model));
  });

  it("ranks the inputs that move its forecasts", async () => {
    const report = await sensitivity(scenario, { runs: 200, models: ["exchange"], seed: 2, workers: 1 });
    const [model] = report.models;
    expect(model!.model).toBe("exchange");
    expect(model!.issues).toHaveLength(scenario.issues.length);
    expect(model!.issues.some((issue) => issue.inputs.some((input) => input.swing > 0))).toBe(true);
  });

  it("takes part in parley forecast --runs and parley sensitivity from the command line", async () => {
    const runs = await runCli("forecast", HANOI, "-m", "exchange", "--runs", "16", "--workers", "1", "--json");
    expect(runs.code).toBe(0);
    expect(JSON.parse(runs.stdout).models[0].model).toBe("exchange");
    const tornado = await runCli("sensitivity", HANOI, "-m", "exchange", "--runs", "64", "--workers", "1", "--top", "2");
    expect(tornado.code).toBe(0);
    expect(tornado.stdout).toContain("Exchange model (Stokman)");
  });
});
