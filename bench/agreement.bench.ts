/**
 * Agreement forecast cost (issue 10's targets): one deterministic check of Hanoi (34,992 outcomes, 5 actors,
 * two red lines, veto rule) — existence, the Nash point, and the full count with conflicts as `parley agreement`
 * computes them — and 10,000 Monte Carlo draws with 1 and 2 worker threads, in this process and as the whole
 * `parley agreement --runs 10000` process (start-up included; wall and CPU time with the load average); then the cost as the space grows
 * (Hanoi at finer grids, `parley analyze`'s map of the agreements) and the sampled estimate for a space too
 * large to search.
 */
import { loadavg } from "node:os";
import { agreementAsWritten, agreementForecast, drawWorkers } from "../src/agreement/forecast.js";
import { prepareSearch, search, searchState } from "../src/agreement/search.js";
import { sampleAgreements } from "../src/agreement/sample.js";
import { loadScenario } from "../src/files/load.js";
import { analyzeScenario } from "../src/outcomes/agreements.js";
import { timeProcess } from "./cli.bench.js";
import { medianMs, type BenchResult } from "./timing.js";

const RUNS = 10_000;
const HANOI = "scenarios/hanoi-2019.yaml";
const load = (): string => `load ${loadavg()[0]!.toFixed(1)}`;

export async function benchAgreement(): Promise<BenchResult[]> {
  const scenario = loadScenario(HANOI);
  const prepared = prepareSearch(scenario);
  const state = searchState(prepared);
  const nash = search(state, { objective: { kind: "nash" } });
  const results: BenchResult[] = [
    { name: "agreement hanoi: prepare the search", ms: medianMs(() => prepareSearch(scenario), 7) },
    { name: "agreement hanoi: does an agreement exist?", ms: medianMs(() => search(searchState(prepared)), 21), detail: `${search(state).nodes} nodes; target ≤ 50 ms` },
    { name: "agreement hanoi: Nash point of the acceptable set", ms: medianMs(() => search(state, { objective: { kind: "nash" } }), 21), detail: `${nash.nodes} nodes of ${prepared.outcomes}` },
    { name: "agreement hanoi: as written (count, Nash, deals, conflicts)", ms: medianMs(() => agreementAsWritten(scenario), 5) },
  ];
  for (const workers of [1, 2]) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    const report = await agreementForecast(scenario, { runs: RUNS, seed: 1, workers });
    const ms = performance.now() - start;
    const used = process.cpuUsage(cpu);
    results.push({
      name: `agreement hanoi ${RUNS} draws, ${workers} worker(s)`,
      ms,
      detail: `${(ms / RUNS).toFixed(3)} ms/draw, process CPU ${((used.user + used.system) / 1000).toFixed(0)} ms, chance ${(100 * report.probability).toFixed(1)}%; ${load()}`,
    });
  }
  // The whole process as users run it: start-up, reading and checking the scenario, the forecast as written,
  // the draws (on as many threads as drawWorkers picks, or two) and the output.
  for (const workers of [undefined, 2]) {
    const args = ["bin/parley.js", "agreement", HANOI, "--runs", String(RUNS), "--seed", "1", ...(workers !== undefined ? ["--workers", String(workers)] : [])];
    const whole = timeProcess(args, 3);
    results.push({
      name: `parley agreement hanoi --runs ${RUNS}${workers !== undefined ? ` --workers ${workers}` : ""} (whole process)`,
      ms: whole.ms,
      detail: `${workers === undefined ? `${drawWorkers(RUNS, nash.nodes)} thread(s) by default; ` : ""}${whole.cpuMs !== undefined ? `CPU ${whole.cpuMs.toFixed(0)} ms; ` : ""}target ≤ 3000 ms on 2 cores; ${load()}`,
    });
  }
  const asWritten = timeProcess(["bin/parley.js", "agreement", HANOI], 3);
  results.push({ name: "parley agreement hanoi, as written (whole process)", ms: asWritten.ms, detail: `${asWritten.cpuMs !== undefined ? `CPU ${asWritten.cpuMs.toFixed(0)} ms; ` : ""}${load()}` });
  results.push({ name: "analyze hanoi: frontier of the agreements", ms: medianMs(() => analyzeScenario(scenario), 5), detail: `${analyzeScenario(scenario).agreement.acceptable} agreements` });
  // Cost as the grid grows: every numeric issue every `step` units (0–100 scales).
  for (const step of [50, 25, 20]) {
    const grown = prepareSearch(scenario, { step });
    const counted = search(searchState(grown), { count: true });
    results.push({
      name: `agreement hanoi step ${step}: as written`,
      ms: medianMs(() => agreementAsWritten(scenario, { step }), 1),
      detail: `${grown.outcomes.toLocaleString("en")} outcomes, count visits ${counted.nodes.toLocaleString("en")} nodes${counted.complete ? "" : " (budget ran out)"}`,
    });
  }
  const huge = searchState(prepareSearch(scenario, { step: 5 }));
  results.push({ name: "agreement hanoi step 5: sampled estimate, 10,000 outcomes", ms: medianMs(() => sampleAgreements(huge, { samples: 10_000 }), 3), detail: `${huge.prepared.outcomes.toExponential(2)} outcomes` });
  return results;
}
