/**
 * `npm run bench`: every benchmark, printed as a table (or JSON with --json); `npm run bench -- cli smp`
 * runs only the suites named. It runs from the compiled output (`dist/bench/run.js`, bundled like the
 * CLI; worker threads run `dist/`), so start-up and worker figures are those users see. Figures are wall
 * times on this machine: compare runs on the same machine only; the `cli` suite gives ratios to `node -e 0`.
 */
import { benchAgreement } from "./agreement.bench.js";
import { benchBacktest } from "./backtest.bench.js";
import { benchCli } from "./cli.bench.js";
import { benchCore } from "./core.bench.js";
import { benchEum } from "./eum.bench.js";
import { benchExchange } from "./exchange.bench.js";
import { benchOutcomes } from "./outcomes.bench.js";
import { benchServer } from "./server.bench.js";
import { benchSmp } from "./smp.bench.js";
import { benchSimulation } from "./simulation.bench.js";
import { benchUncertainty } from "./uncertainty.bench.js";
import type { BenchResult } from "./timing.js";

const suites: [string, () => Promise<readonly BenchResult[]>][] = [
  ["cli", benchCli],
  ["core", benchCore],
  ["smp", benchSmp],
  ["eum", benchEum],
  ["exchange", benchExchange],
  ["outcomes", benchOutcomes],
  ["uncertainty", benchUncertainty],
  ["backtest", benchBacktest],
  ["simulation", benchSimulation],
  ["server", benchServer],
  ["agreement", benchAgreement],
  ["web", async () => (await import("./web.bench.js")).benchWeb()],
];

const json = process.argv.includes("--json");
const only = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const all: (BenchResult & { suite: string })[] = [];
for (const [suite, run] of suites) {
  if (only.length > 0 && !only.includes(suite)) continue;
  for (const result of await run()) {
    all.push({ suite, ...result });
    if (!json) console.log(`${suite.padEnd(9)} ${result.ms.toFixed(3).padStart(10)} ms  ${result.name}${result.detail ? `  (${result.detail})` : ""}`);
  }
}
if (json) console.log(JSON.stringify(all, null, 2));
