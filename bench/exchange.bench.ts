/**
 * Benchmark of the exchange model. Every run plays the reference's stopping point, 10 rounds (the model has
 * no convergence test; docs/models/exchange.md says why). Rows: the Decide inputs of the golden runs (COP21
 * 15 actors × 13 issues, sample_data, copenhagen from ../shared when it is there: GPL data, never copied;
 * the two small cases vendored in test/fixtures/exchange/), then seeded synthetic inputs on a grid of
 * n = 10, 20, 40 actors × m = 5, 10, 20 issues, and a least-squares fit of time ∝ n^α·m^β over the grid
 * against the O(n²m²) growth of the candidates. Figures are median CPU milliseconds (process.cpuUsage) of
 * repeated in-process runs after a warm-up, so start-up and parsing are not in them.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseDecide, scenarioFromDecide } from "../src/importers/decide.js";
import { runExchange, toExchangeState, type ExchangeState } from "../src/models/exchange/index.js";
import { createRng } from "../src/random.js";
import { toModelInput } from "../src/scenario/model-input.js";
import { validateScenarioData } from "../src/scenario/validate.js";
import type { BenchResult } from "./timing.js";

const ROUNDS = 10;
const SHARED_INPUTS = path.resolve("../shared/reference/exchange/input");
const VENDORED_INPUTS = path.resolve("test/fixtures/exchange/input");
const DECIDE_CASES = [
  { name: "COP21", file: path.join(SHARED_INPUTS, "cop21.csv") },
  { name: "sample_data", file: path.join(SHARED_INPUTS, "sample_data.txt") },
  { name: "copenhagen", file: path.join(SHARED_INPUTS, "copenhagen.csv") },
  { name: "two_by_two", file: path.join(VENDORED_INPUTS, "two_by_two.txt") },
  { name: "three_by_two", file: path.join(VENDORED_INPUTS, "three_by_two.txt") },
];
const GRID_ACTORS = [10, 20, 40];
const GRID_ISSUES = [5, 10, 20];

interface Problem {
  readonly state: ExchangeState;
  readonly positions: Float64Array;
}

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
function synthetic(actorCount: number, issueCount: number, seed: number): Problem {
  const random = createRng(seed);
  const size = actorCount * issueCount;
  const positions = Float64Array.from({ length: size }, () => Math.round(100 * random()));
  const salience = Float64Array.from({ length: size }, () => 0.1 + 0.9 * random());
  const power = Float64Array.from({ length: size }, () => 0.1 + 0.9 * random());
  return { state: { actorCount, issueCount, salience, power }, positions };
}

function decideProblem(file: string): Problem | undefined {
  const name = path.basename(file);
  const checked = validateScenarioData(scenarioFromDecide(parseDecide(readFileSync(file, "utf8"), name), name), { file: name });
  return checked.ok ? toExchangeState(toModelInput(checked.scenario)) : undefined;
}

interface Timed extends BenchResult {
  readonly candidates: number;
}

function timeCase(name: string, problem: Problem): Timed {
  const run = (): ReturnType<typeof runExchange> => runExchange(problem.state, problem.positions, { rounds: ROUNDS });
  const result = run();
  const candidates = result.rounds.reduce((n, r) => n + r.candidates, 0);
  const exchanges = result.rounds.reduce((n, r) => n + r.exchanges.length, 0);
  // About a second of work per row at most: fewer repetitions for the larger cases.
  const first = medianCpuMs(run, 1);
  const repetitions = Math.max(3, Math.min(31, Math.round(1000 / Math.max(first, 1))));
  const ms = medianCpuMs(run, repetitions);
  const played = result.rounds.length;
  const { actorCount, issueCount } = problem.state;
  return {
    name,
    ms,
    candidates,
    detail: `${actorCount} actors × ${issueCount} issues, ${played} round${played === 1 ? "" : "s"}${played < ROUNDS ? " (then stable)" : ""}, ${candidates} candidates, ${exchanges} exchanges, ${((1000 * ms) / Math.max(candidates, 1)).toFixed(2)} µs per candidate; CPU median of ${repetitions}`,
  };
}

/** Least squares of log t = c + α log n + β log m. */
function fitExponents(points: readonly { n: number; m: number; value: number }[]): { alpha: number; beta: number } {
  const rows = points.map((p) => [1, Math.log(p.n), Math.log(p.m), Math.log(p.value)] as const);
  // Normal equations (3 × 3), solved by Cramer's rule.
  const a = [0, 1, 2].map((r) => [0, 1, 2].map((c) => rows.reduce((s, x) => s + x[r]! * x[c]!, 0)));
  const b = [0, 1, 2].map((r) => rows.reduce((s, x) => s + x[r]! * x[3], 0));
  const det = (m: number[][]): number =>
    m[0]![0]! * (m[1]![1]! * m[2]![2]! - m[1]![2]! * m[2]![1]!) - m[0]![1]! * (m[1]![0]! * m[2]![2]! - m[1]![2]! * m[2]![0]!) + m[0]![2]! * (m[1]![0]! * m[2]![1]! - m[1]![1]! * m[2]![0]!);
  const withColumn = (c: number): number[][] => a.map((row, r) => row.map((v, k) => (k === c ? b[r]! : v)));
  const d = det(a);
  return { alpha: det(withColumn(1)) / d, beta: det(withColumn(2)) / d };
}

export async function benchExchange(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const { name, file } of DECIDE_CASES) {
    if (!existsSync(file)) {
      console.error(`exchange bench: ${name} skipped (its Decide input is read from ../shared/reference/exchange/, which is absent)`);
      continue;
    }
    const problem = decideProblem(file);
    if (problem) results.push(timeCase(`exchange: ${name}`, problem));
  }
  const grid: { n: number; m: number; ms: number; candidates: number }[] = [];
  for (const n of GRID_ACTORS) {
    for (const m of GRID_ISSUES) {
      const timed = timeCase(`exchange: synthetic ${n}×${m}`, synthetic(n, m, 1000 * n + m));
      results.push(timed);
      grid.push({ n, m, ms: timed.ms, candidates: timed.candidates });
    }
  }
  const time = fitExponents(grid.map((g) => ({ n: g.n, m: g.m, value: g.ms })));
  const candidates = fitExponents(grid.map((g) => ({ n: g.n, m: g.m, value: g.candidates })));
  const largest = grid[grid.length - 1]!;
  results.push({
    name: `exchange: growth fit, time and candidates against n actors × m issues (ms = the ${largest.n}×${largest.m} case)`,
    ms: largest.ms,
    detail: `least squares over the ${grid.length} synthetic cases of 10 rounds: CPU time ∝ n^${time.alpha.toFixed(2)}·m^${time.beta.toFixed(2)}, candidates ∝ n^${candidates.alpha.toFixed(2)}·m^${candidates.beta.toFixed(2)} (actor pairs × issue pairs, O(n²m²) per round, would be 2 and 2)`,
  });
  return results;
}
