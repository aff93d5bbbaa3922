/**
 * Benchmark of the exchange model: the COP21 Decide input (15 actors × 13 issues, from ../shared when it is
 * there: GPL data, never copied) for the reference's 10 rounds, and synthetic cases as actors and issues grow
 * (candidates per round grow as actor pairs × issue pairs, O(n²m²)). Median CPU time of repeated runs.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseDecide, scenarioFromDecide } from "../src/importers/decide.js";
import { runExchange, toExchangeState, type ExchangeState } from "../src/models/exchange/index.js";
import { createRng } from "../src/random.js";
import { toModelInput } from "../src/scenario/model-input.js";
import { validateScenarioData } from "../src/scenario/validate.js";
import type { BenchResult } from "./timing.js";

const COP21 = path.resolve("../shared/reference/exchange/input/cop21.csv");

/** Median CPU milliseconds (user + system) of `run` over `repetitions` runs after one warm-up. */
function medianCpuMs(run: () => unknown, repetitions: number): number {
  run();
  const times: number[] = [];
  for (let k = 0; k < repetitions; k++) {
    const start = process.cpuUsage();
    run();
    const used = process.cpuUsage(start);
    times.push((used.user + used.system) / 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** n actors × m issues, every actor on every issue: positions 0–100, saliences 0.1–1, powers 0.1–1. */
function synthetic(actorCount: number, issueCount: number, seed: number): { state: ExchangeState; positions: Float64Array } {
  const random = createRng(seed);
  const size = actorCount * issueCount;
  const positions = Float64Array.from({ length: size }, () => Math.round(100 * random()));
  const salience = Float64Array.from({ length: size }, () => 0.1 + 0.9 * random());
  const power = Float64Array.from({ length: size }, () => 0.1 + 0.9 * random());
  return { state: { actorCount, issueCount, salience, power }, positions };
}

function timeCase(name: string, problem: { state: ExchangeState; positions: Float64Array }, repetitions: number): BenchResult {
  const result = runExchange(problem.state, problem.positions, { rounds: 10 });
  const candidates = result.rounds[0]?.candidates ?? 0;
  const exchanges = result.rounds.reduce((n, r) => n + r.exchanges.length, 0);
  const ms = medianCpuMs(() => runExchange(problem.state, problem.positions, { rounds: 10 }), repetitions);
  return { name, ms, detail: `${problem.state.actorCount} actors × ${problem.state.issueCount} issues, 10 rounds, ${candidates} candidates in round 1, ${exchanges} exchanges; CPU median of ${repetitions}` };
}

export async function benchExchange(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  if (existsSync(COP21)) {
    const checked = validateScenarioData(scenarioFromDecide(parseDecide(readFileSync(COP21, "utf8"), "cop21.csv"), "cop21.csv"), { file: "cop21.csv" });
    if (checked.ok) results.push(timeCase("exchange: COP21", toExchangeState(toModelInput(checked.scenario)), 5));
  } else {
    console.error(`exchange bench: COP21 skipped (${COP21} is absent)`);
  }
  for (const [actors, issues] of [[5, 5], [10, 10], [15, 13], [20, 13]] as const) {
    results.push(timeCase(`exchange: synthetic ${actors}×${issues}`, synthetic(actors, issues, 1000 * actors + issues), actors * issues > 150 ? 3 : 5));
  }
  return results;
}
