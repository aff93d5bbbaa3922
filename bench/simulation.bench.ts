/**
 * Simulation cost (issue 11's targets): one 1,000-round simulation of Hanoi (34,992 outcomes, 5 parties) —
 * the setup (every party's utility of every outcome, sorted-outcome indexes) and the run, and the run on a
 * prepared setup — and 10,000 Monte Carlo simulations of it (100 rounds each, every judgement and red line
 * sampled): in this process with 1 and 2 worker threads (wall time and the process's CPU time, all threads),
 * and as the whole CLI process (`parley simulate --runs 10000 --workers 2`, start-up included). Each detail
 * gives the load average, since the figures mean little on a loaded machine.
 */
import { loadavg } from "node:os";
import { loadScenario } from "../src/files/load.js";
import { scenarioSetup, simulateRuns } from "../src/simulation/index.js";
import { resolveRun, runOnce, describeRun } from "../src/simulation/simulate.js";
import { timeProcess } from "./cli.bench.js";
import { medianMs, type BenchResult } from "./timing.js";

const RUNS = 10_000;
const HANOI = "scenarios/hanoi-2019.yaml";

const load = (): string => `load ${loadavg()[0]!.toFixed(1)}`;

export async function benchSimulation(): Promise<BenchResult[]> {
  const scenario = loadScenario(HANOI);
  const prepared = scenarioSetup(scenario);
  const run = resolveRun(prepared.stakes, { deadline: 1000 });
  const rounds = runOnce(prepared, run).round + 1;
  const results: BenchResult[] = [
    {
      name: "simulate hanoi 1000 rounds: setup + run + result",
      ms: medianMs(() => {
        const setup = scenarioSetup(scenario);
        describeRun(setup.stakes, run, runOnce(setup, run));
      }, 11),
      detail: `boulware ×5, agreement in round ${rounds}; target ≤ 50 ms; ${load()}`,
    },
    { name: "simulate hanoi 1000 rounds: run on a prepared setup", ms: medianMs(() => runOnce(prepared, run), 11) },
  ];
  for (const workers of [1, 2]) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    const report = await simulateRuns(scenario, { runs: RUNS, seed: 1, workers });
    const ms = performance.now() - start;
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    results.push({
      name: `simulate hanoi ${RUNS} Monte Carlo runs, ${workers} worker(s)`,
      ms,
      detail: `${(ms / RUNS).toFixed(3)} ms/run, process CPU ${cpuMs.toFixed(0)} ms (${(cpuMs / RUNS).toFixed(3)} ms/run), agreement ${(100 * report.agreementRate).toFixed(1)}%; ${load()}`,
    });
  }
  const whole = timeProcess(["bin/parley.js", "simulate", HANOI, "--runs", String(RUNS), "--seed", "1", "--workers", "2"], 1);
  results.push({
    name: `parley simulate hanoi --runs ${RUNS} --workers 2 (whole process)`,
    ms: whole.ms,
    detail: `${whole.cpuMs !== undefined ? `CPU ${whole.cpuMs.toFixed(0)} ms; ` : ""}target ≤ 5000 ms on 2 cores; ${load()}`,
  });
  return results;
}
