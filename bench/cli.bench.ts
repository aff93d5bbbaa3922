/**
 * Whole-process timings of the compiled CLI (`bin/parley.js`, or the one named by PARLEY_BIN to compare
 * builds), the rows of issue 15's table: `--help`, SMP on KTAB's two CSV examples, a forecast and 10,000
 * Monte Carlo SMP runs of Hanoi with 1 and 2 workers (the scenario from the CLI's scenario cache, and
 * validated afresh), SMP on 250 actors × 1 issue in 1 and 2 threads; and issue 16's row, the full backtest
 * of every model on the DEU III training file with 1 and 2 workers. Each figure is the median wall time of
 * several runs; `node -e 0` is measured in the same run so the ratio to a bare Node start is comparable
 * across machines, and the detail adds the median CPU time of the child (user + system, Linux only).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { syntheticScenario } from "./smp.bench.js";
import type { BenchResult } from "./timing.js";

const PARLEY = resolve(process.env["PARLEY_BIN"] ?? "bin/parley.js");
const KTAB_DIR = resolve("test/fixtures/ktab");

/** CPU time used so far by this process's waited-for children, in ms (Linux; undefined elsewhere). */
function childrenCpuMs(): number | undefined {
  if (!existsSync("/proc/self/stat")) return undefined;
  const stat = readFileSync("/proc/self/stat", "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // Fields 16 and 17 of proc(5) (cutime, cstime), counted from field 3 here; clock ticks of 10 ms.
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

/** The 1-minute load average (Linux), or "?" elsewhere. */
function loadAverage(): string {
  return existsSync("/proc/loadavg") ? (readFileSync("/proc/loadavg", "utf8").split(" ")[0] ?? "?") : "?";
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

interface ProcessTiming {
  readonly ms: number;
  readonly cpuMs: number | undefined;
}

/** Median wall and CPU time of `node ARGS`, after one warm-up (disk cache). Fails loudly if the command fails. */
export function timeProcess(args: readonly string[], repetitions: number, env: NodeJS.ProcessEnv = {}): ProcessTiming {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let r = 0; r <= repetitions; r++) {
    const cpuBefore = childrenCpuMs();
    const start = performance.now();
    const run = spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ...env } });
    const wall = performance.now() - start;
    const cpuAfter = childrenCpuMs();
    if (run.status !== 0) throw new Error(`node ${args.join(" ")} failed (${run.status}): ${run.stderr}`);
    if (r === 0) continue;
    walls.push(wall);
    if (cpuBefore !== undefined && cpuAfter !== undefined) cpus.push(cpuAfter - cpuBefore);
  }
  return { ms: median(walls), cpuMs: cpus.length > 0 ? median(cpus) : undefined };
}

/** A KTAB-style CSV of `actors` random actors × 1 dimension (the synthetic generator of the SMP bench). */
function syntheticKtabCsv(actors: number): string {
  const input = syntheticScenario(actors, 1, 250_001);
  const rows = input.actors.map((a) => `${a.name},${a.name},${a.capability.toFixed(3)},${a.position[0]!.toFixed(3)},${a.salience[0]!.toFixed(3)},`);
  return [`Synthetic ${actors} actors,synthetic, ${actors}, 1,`, "Actor,Description,Influence,D1 Position,D1 Salience,", ...rows, ""].join("\n");
}

export async function benchCli(): Promise<BenchResult[]> {
  if (!existsSync(PARLEY)) return [{ name: "cli", ms: Number.NaN, detail: `skipped: ${PARLEY} not found (run npm run build)` }];
  const node = timeProcess(["-e", "0"], 15);
  const results: BenchResult[] = [];
  const add = (name: string, timing: ProcessTiming, goal: string) =>
    results.push({
      name,
      ms: timing.ms,
      detail: `${(timing.ms / node.ms).toFixed(2)}× node -e 0${timing.cpuMs !== undefined ? `, cpu ${timing.cpuMs.toFixed(0)} ms` : ""}, goal ${goal}`,
    });
  add("node -e 0", node, "—");
  add("parley --help", timeProcess([PARLEY, "--help"], 15), "≤ 120 ms, ≤ 1.5×");
  for (const [file, goal] of [
    ["dummyData_3Dim.csv", "≤ 120 ms"],
    ["SOE-Pol-Comp.csv", "≤ 150 ms"],
  ] as const) {
    const path = join(KTAB_DIR, file);
    if (existsSync(path)) add(`parley forecast ${file} -m smp`, timeProcess([PARLEY, "forecast", path, "-m", "smp", "--json"], 9), goal);
    else results.push({ name: `parley forecast ${file} -m smp`, ms: Number.NaN, detail: `skipped: ${path} not found` });
  }
  // A scenario file is validated once, then taken from the CLI's scenario cache (the warm-up run fills it);
  // the rows "validated afresh" turn the cache off, as for the first command after an edit.
  const fresh = { PARLEY_NO_SCENARIO_CACHE: "1" };
  const hanoi = [PARLEY, "forecast", "scenarios/hanoi-2019.yaml", "-m", "smp", "--json"];
  add("parley forecast hanoi -m smp", timeProcess(hanoi, 9), "—");
  add("parley forecast hanoi -m smp, validated afresh", timeProcess(hanoi, 9, fresh), "—");
  for (const workers of [1, 2]) {
    const args = [...hanoi, "--runs", "10000", "--seed", "1", "--workers", String(workers)];
    const goal = workers === 2 ? "≤ 1000 ms, ≥ 1.8× the 1-worker run" : "—";
    add(`parley forecast hanoi --runs 10000 -m smp --workers ${workers}`, timeProcess(args, 3), goal);
    add(`parley forecast hanoi --runs 10000 -m smp --workers ${workers}, validated afresh`, timeProcess(args, 3, fresh), goal);
  }
  // Issue 16's target: the full cross-validated backtest of every model on the DEU III training file
  // (cross-fitted intervals and the challengers included), whole process, in at most 5 s.
  const deu = resolve("test/fixtures/deu/deu3-train.tsv");
  for (const workers of [1, 2]) {
    add(`parley backtest deu3-train.tsv, all models, --workers ${workers}`, timeProcess([PARLEY, "backtest", deu, "--workers", String(workers), "--json"], 3), "≤ 5000 ms");
  }
  const dir = mkdtempSync(join(tmpdir(), "parley-bench-"));
  try {
    const file = join(dir, "synthetic-250x1.csv");
    writeFileSync(file, syntheticKtabCsv(250));
    // SMP shares its rows between two threads on 100+ actors (same result bit for bit); --workers 1 keeps
    // it in one thread. The load average says how much the machine's other work weighs on the figures.
    for (const threads of [1, 2]) {
      const timing = timeProcess([PARLEY, "forecast", file, "-m", "smp", "--json", "--workers", String(threads)], 3);
      add(`parley forecast 250 actors × 1 -m smp, ${threads} thread${threads === 1 ? "" : "s"}`, timing, `≤ 1500 ms with 2 threads; load ${loadAverage()}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}
