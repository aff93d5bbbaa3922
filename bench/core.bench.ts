/** Benchmarks of the core: validating the Hanoi scenario, the closed-form models, one deal evaluation. */
import { readFileSync } from "node:fs";
import { dealContext, evaluateDeal, findDeal } from "../src/deals/evaluate.js";
import { forecast } from "../src/forecast.js";
import { validateScenario } from "../src/scenario/validate.js";
import { medianMs, type BenchResult } from "./timing.js";

export async function benchCore(): Promise<BenchResult[]> {
  const text = readFileSync("scenarios/hanoi-2019.yaml", "utf8");
  const result = validateScenario(text);
  if (!result.ok) throw new Error("the Hanoi scenario does not validate");
  const scenario = result.scenario;
  const context = dealContext(scenario);
  const deal = findDeal(scenario, "dprk-offer");
  return [
    { name: "validate hanoi-2019.yaml (parse + schema + checks)", ms: medianMs(() => validateScenario(text), 15) },
    { name: "forecast hanoi, closed-form models", ms: medianMs(() => forecast(scenario, { models: ["compromise", "median", "nbs"] }), 51) },
    { name: "deal context (preferences, rules) for hanoi", ms: medianMs(() => dealContext(scenario), 51) },
    { name: "evaluate one deal (utilities, 3 criteria, 4 traps)", ms: medianMs(() => evaluateDeal(context, deal), 201) },
  ];
}
