/**
 * Benchmarks of the outcome-space analytics on synthetic, seeded additive domains.
 * `benchOutcomes()` returns the median time of a few repetitions per case.
 */
import { createRng } from "../src/random.js";
import { analyzeSpace } from "../src/outcomes/analyze.js";
import { paretoFrontierAdditive } from "../src/outcomes/pareto.js";
import { createOutcomeSpace, outcomeCount, type OutcomeSpace } from "../src/outcomes/space.js";
import { additiveUtility, type AdditiveUtility } from "../src/outcomes/utility.js";

export interface BenchResult {
  readonly name: string;
  readonly ms: number;
  readonly detail?: string;
}

/** A seeded additive domain: random weights (summing to 1) and random value utilities, GENIUS cap. */
export function syntheticDomain(seed: number, parties: number, sizes: readonly number[]): { space: OutcomeSpace; utilities: AdditiveUtility[] } {
  const next = createRng(seed);
  const space = createOutcomeSpace(sizes.map((size, i) => ({ name: `issue ${i + 1}`, values: Array.from({ length: size }, (_, v) => `value ${v + 1}`) })));
  const utilities = Array.from({ length: parties }, () => {
    const raw = sizes.map(() => next());
    const total = raw.reduce((sum, w) => sum + w, 0);
    const values = sizes.map((size) => Array.from({ length: size }, () => next()));
    return additiveUtility(space, { weights: raw.map((w) => w / total), values, cap: 1 });
  });
  return { space, utilities };
}

/** Median of `repetitions` timings of `run` after `warmUp` untimed runs (for the JIT), in milliseconds. */
function medianMs(repetitions: number, run: () => void, warmUp = 1): number {
  for (let i = 0; i < warmUp; i++) run();
  const times = Array.from({ length: repetitions }, () => {
    const start = performance.now();
    run();
    return performance.now() - start;
  }).sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const megabytes = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MB`;

/** Full analysis of a 3-party, 23,040-outcome domain (ANAC-2015 Politics size; target < 20 ms). */
function benchPoliticsSized(): BenchResult {
  const { space, utilities } = syntheticDomain(2015, 3, [4, 5, 6, 4, 4, 3, 4]);
  let frontier = 0;
  const ms = medianMs(21, () => {
    frontier = analyzeSpace(space, utilities, { agreement: space.issues.map(() => 0) }).pareto.size;
  }, 10);
  return { name: "analyzeSpace, 3 parties, 23,040 outcomes", ms, detail: `frontier ${frontier} outcomes` };
}

/** Divide-and-conquer frontier of a large synthetic domain, with its size and the peak heap seen. */
function benchLargeFrontier(parties: number, sizes: readonly number[], repetitions: number): BenchResult {
  const { space, utilities } = syntheticDomain(parties * 1000 + sizes.length, parties, sizes);
  let size = 0;
  let peak = 0;
  const baseline = process.memoryUsage().heapUsed;
  const ms = medianMs(repetitions, () => {
    const frontier = paretoFrontierAdditive(space, utilities);
    size = frontier.size;
    peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
  });
  const count = outcomeCount(space);
  return {
    name: `frontier (divide and conquer), ${parties} parties, ${count.toExponential(1)} outcomes`,
    ms,
    detail: `frontier ${size} outcomes; heap growth after a run ${megabytes(peak)}; peak RSS of the process so far ${megabytes(process.resourceUsage().maxRSS * 1024)}`,
  };
}

/** Full analysis (no enumeration pass) of a 3-party domain of 10⁸ outcomes. */
function benchLargeAnalysis(): BenchResult {
  const { space, utilities } = syntheticDomain(7, 3, [10, 10, 10, 10, 10, 10, 10, 10]);
  let analysis: ReturnType<typeof analyzeSpace> | undefined;
  const ms = medianMs(3, () => {
    analysis = analyzeSpace(space, utilities);
  });
  return { name: "analyzeSpace, 3 parties, 1.0e+8 outcomes", ms, detail: `frontier ${analysis?.pareto.size ?? 0} outcomes, Nash ties ${analysis?.nash.ties ?? 0}` };
}

/** Runs every outcome benchmark. */
export async function benchOutcomes(): Promise<BenchResult[]> {
  const results: BenchResult[] = [benchPoliticsSized(), benchLargeAnalysis()];
  const large: [number, number[], number][] = [
    [3, [10, 10, 10, 10, 10, 10], 5],
    [3, [10, 10, 10, 10, 10, 10, 10, 10], 3],
    [4, [10, 10, 10, 10, 10, 10], 3],
    [4, [10, 10, 10, 10, 10, 10, 10, 10], 1],
    [5, [10, 10, 10, 10, 10, 10], 3],
    [5, [10, 10, 10, 10, 10, 10, 10, 10], 1],
  ];
  for (const [parties, sizes, repetitions] of large) {
    results.push(benchLargeFrontier(parties, sizes, repetitions));
    await Promise.resolve();
  }
  return results;
}
