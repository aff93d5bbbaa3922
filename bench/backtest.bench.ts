/**
 * Benchmark of `parley backtest` on the DEU III training file (207 scoreable issues): each
 * closed-form model and EUM over every issue in this thread, and the whole run of every registered
 * model through the worker pool. Reads the vendored `test/fixtures/deu/` with the built-in Council weights.
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { runBacktest } from "../src/backtest/backtest.js";
import { forecastCase } from "../src/backtest/run.js";
import { COUNCIL_WEIGHTS } from "../src/importers/council-weights.js";
import { parseDeu } from "../src/importers/deu.js";
import { modelIds } from "../src/models/index.js";
import { defaultWorkers } from "../src/parallel/pool.js";
import { medianMs, type BenchResult } from "./timing.js";

const DEU = "test/fixtures/deu/deu3-train.tsv";

/** Median wall time in ms of an async run, after one warm-up. */
async function medianAsyncMs(run: () => Promise<unknown>, repetitions = 3): Promise<number> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < repetitions; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export async function benchBacktest(): Promise<BenchResult[]> {
  if (!existsSync(resolve(DEU))) {
    return [{ name: "backtest skipped", ms: 0, detail: `${DEU} not found beside the checkout` }];
  }
  const input = parseDeu(readFileSync(DEU, "utf8"), DEU, COUNCIL_WEIGHTS);
  const issues = input.cases.length;
  const results: BenchResult[] = [];
  const importMs = medianMs(() => parseDeu(readFileSync(DEU, "utf8"), DEU, COUNCIL_WEIGHTS));
  results.push({ name: "DEU import (read + parse)", ms: importMs, detail: `${issues} issues` });
  for (const model of ["compromise", "median", "nbs"]) {
    results.push({ name: `${model}, every issue, 1 thread`, ms: medianMs(() => input.cases.forEach((c) => forecastCase(c, [model]))), detail: `${issues} issues` });
  }
  results.push({ name: "eum, every issue, 1 thread", ms: medianMs(() => input.cases.forEach((c) => forecastCase(c, ["eum"])), 3), detail: `${issues} issues` });
  const all = modelIds();
  results.push({
    name: "all models, 1 worker (in this thread)",
    ms: await medianAsyncMs(() => runBacktest(input, { models: all, workers: 1 })),
    detail: all.join(", "),
  });
  const workers = defaultWorkers();
  if (workers > 1) {
    results.push({
      name: `all models, ${workers} workers (pool start included)`,
      ms: await medianAsyncMs(() => runBacktest(input, { models: all, workers })),
      detail: all.join(", "),
    });
  }
  return results;
}
