/**
 * Timings of full SMP runs: the three KTAB examples (vendored in `test/fixtures/ktab/`),
 * synthetic scenarios of 40, 80 and 160 actors × 1, 3 and 6 dimensions generated with the seeded PRNG,
 * and issue 15's 250 actors × 1 in this process with 1 and 2 threads: the CLI row's input (uniform
 * positions, which stops at the 100-turn limit) and a clustered one that converges like KTAB's examples.
 * Each figure is the median of a few repetitions, measured with performance.now(); the detail adds the
 * median CPU time (process.cpuUsage, all threads), steadier than wall time on a shared machine, why the
 * run stopped and the load average.
 */

import { existsSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { parseKtabCsv, parseKtabXml, type KtabScenario } from "../src/importers/ktab.js";
import { disableSmpThreads, enableSmpThreads } from "../src/models/smp-threads.js";
import { runSmp, type SmpInput, type SmpParameters } from "../src/models/smp/index.js";
import { createRng } from "../src/random.js";

export interface BenchResult {
  name: string;
  ms: number;
  detail?: string;
}

const KTAB_DIR = path.resolve("test/fixtures/ktab");
const KTAB_EXAMPLES = ["dummyData_3Dim.csv", "SOE-Pol-Comp.csv", "smpExample-deterministic.xml"];

/** Median wall and CPU time of `repetitions` runs of `run`, in ms, plus the last run's result. */
function medianTime<T>(repetitions: number, run: () => T): { ms: number; cpuMs: number; result: T } {
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let result = run(); // warm-up, also gives the result to report
  for (let r = 0; r < repetitions; r++) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    result = run();
    times.push(performance.now() - start);
    const cpu = process.cpuUsage(cpuStart);
    cpuTimes.push((cpu.user + cpu.system) / 1000);
  }
  return { ms: median(times), cpuMs: median(cpuTimes), result };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** A random scenario in the style of KTAB's `SMPActor::randomize`: capability 10–200, total salience 75–99%. */
export function syntheticScenario(actors: number, dims: number, seed: number): SmpInput {
  const uniform = createRng(seed);
  const between = (low: number, high: number): number => low + (high - low) * uniform();
  return {
    dimensions: Array.from({ length: dims }, (_, k) => `D${k + 1}`),
    actors: Array.from({ length: actors }, (_, i) => {
      const capability = between(10, 200);
      const position = Array.from({ length: dims }, () => between(0, 100));
      const total = between(75, 99);
      const raw = Array.from({ length: dims }, () => between(0.1, 1));
      const rawSum = raw.reduce((s, v) => s + v, 0);
      return { name: `A${i}`, capability, position, salience: raw.map((v) => (v / rawSum) * total) };
    }),
  };
}

/**
 * A scenario whose actors gather around `clusters` centres (each position within ±`spread` of its centre,
 * triangular), capability 10–200 and total salience 40–99%: a stand-in for real scenarios, where camps
 * form and SMP converges by KTAB's rule before the turn limit (the bench's 250 × 1 seed in 44 turns; other seeds take 44–100, one in ten reaching the limit).
 */
export function clusteredScenario(actors: number, dims: number, seed: number, clusters = 2, spread = 20): SmpInput {
  const uniform = createRng(seed);
  const between = (low: number, high: number): number => low + (high - low) * uniform();
  const centres = Array.from({ length: clusters }, () => Array.from({ length: dims }, () => between(10, 90)));
  return {
    dimensions: Array.from({ length: dims }, (_, k) => `D${k + 1}`),
    actors: Array.from({ length: actors }, (_, i) => {
      const capability = between(10, 200);
      const centre = centres[Math.floor(uniform() * clusters)] as number[];
      const position = centre.map((x) => Math.min(100, Math.max(0, x + spread * (uniform() + uniform() - 1))));
      const total = between(40, 99);
      const raw = Array.from({ length: dims }, () => between(0.1, 1));
      const rawSum = raw.reduce((s, v) => s + v, 0);
      return { name: `A${i}`, capability, position, salience: raw.map((v) => (v / rawSum) * total) };
    }),
  };
}

function ktabInput(scenario: KtabScenario): { input: SmpInput; parameters: Partial<SmpParameters> } {
  return {
    input: { actors: scenario.actors, dimensions: scenario.dimensions, accommodation: scenario.accommodation },
    parameters: scenario.parameters,
  };
}

export async function benchSmp(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  if (existsSync(KTAB_DIR)) {
    for (const file of KTAB_EXAMPLES) {
      const text = readFileSync(path.join(KTAB_DIR, file), "utf8");
      const scenario = file.endsWith(".xml") ? parseKtabXml(text, file) : parseKtabCsv(text, file);
      const { input, parameters } = ktabInput(scenario);
      const { ms, cpuMs, result } = medianTime(5, () => runSmp(input, parameters));
      results.push({
        name: `smp ktab ${file}`,
        ms,
        detail: `${input.actors.length} actors × ${input.dimensions.length} dims, ${result.turns.length - 1} turns, cpu ${cpuMs.toFixed(1)} ms`,
      });
    }
  } else {
    results.push({ name: "smp ktab examples", ms: 0, detail: `skipped: ${KTAB_DIR} not found` });
  }
  for (const actors of [40, 80, 160]) {
    for (const dims of [1, 3, 6]) {
      const input = syntheticScenario(actors, dims, 1000 * actors + dims);
      const { ms, cpuMs, result } = medianTime(actors >= 160 ? 3 : 5, () => runSmp(input));
      const turns = Math.max(1, result.turns.length - 1);
      results.push({
        name: `smp synthetic ${actors}×${dims}`,
        ms,
        detail: `${result.turns.length - 1} turns, ${(ms / turns).toFixed(1)} ms/turn, cpu ${cpuMs.toFixed(0)} ms${actors >= 160 ? ", target < 2000 ms" : ""}`,
      });
    }
  }
  // Issue 15's row in this process: 250 × 1 with 1 and 2 threads (the helper thread starts with each run,
  // as in the CLI). The uniform input is the CLI row's; the clustered one converges.
  const large: [string, SmpInput][] = [
    ["250×1 (uniform, CLI row)", syntheticScenario(250, 1, 250_001)],
    ["250×1 clustered", clusteredScenario(250, 1, 250_008)],
  ];
  for (const [label, input] of large) {
    for (const threads of [1, 2]) {
      enableSmpThreads(threads);
      try {
        const { ms, cpuMs, result } = medianTime(3, () => runSmp(input, {}));
        const turns = result.turns.length - 1;
        results.push({
          name: `smp synthetic ${label}, ${threads} thread${threads === 1 ? "" : "s"}`,
          ms,
          detail: `${turns} turns (${result.stopReason}), ${(ms / turns).toFixed(1)} ms/turn, cpu ${cpuMs.toFixed(0)} ms, load ${loadavg()[0]?.toFixed(1)}, goal ≤ 1500 ms with 2 threads`,
        });
      } finally {
        disableSmpThreads();
      }
    }
  }
  return results;
}
