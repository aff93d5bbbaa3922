/** Timing helper shared by the benchmarks: the median of repeated runs, after a warm-up. */

export interface BenchResult {
  readonly name: string;
  readonly ms: number;
  readonly detail?: string;
}

/** Median wall time of `run` in milliseconds over `repetitions` runs (plus one warm-up). */
export function medianMs(run: () => unknown, repetitions = 7): number {
  run();
  const times: number[] = [];
  for (let i = 0; i < repetitions; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}
