/**
 * Monte Carlo cost: one SMP run of the Hanoi scenario as written, and 10,000 sampled SMP runs of it
 * (`parley forecast scenarios/hanoi-2019.yaml --runs 10000 -m smp`) with 1 and 2 worker threads.
 * Sampled runs take more SMP turns than the run as written (about 13 against 4), so they cost more each.
 */
import { forecast } from "../src/forecast.js";
import { loadScenario } from "../src/files/load.js";
import { monteCarlo } from "../src/uncertainty/monte-carlo.js";
import { medianMs, type BenchResult } from "./timing.js";

const RUNS = 10_000;

export async function benchUncertainty(): Promise<BenchResult[]> {
  const scenario = loadScenario("scenarios/hanoi-2019.yaml");
  const results: BenchResult[] = [{ name: "smp hanoi single run", ms: medianMs(() => forecast(scenario, { models: ["smp"] }), 21), detail: "5 actors × 9 issues, as written" }];
  for (const workers of [1, 2]) {
    const start = performance.now();
    const report = await monteCarlo(scenario, { runs: RUNS, models: ["smp"], seed: 1, workers });
    const ms = performance.now() - start;
    results.push({
      name: `smp hanoi ${RUNS} Monte Carlo runs, ${workers} worker(s)`,
      ms,
      detail: `${(ms / RUNS).toFixed(3)} ms/run, ${report.models[0]?.failed ?? 0} failed, target < 3000 ms`,
    });
  }
  return results;
}
