/**
 * The workbench server under load, on loopback only: `parley serve` (the compiled CLI, in its own
 * process, on a fresh database) and, from this process, issue 14's mix of 200 concurrent clients.
 *
 * - **mix**: 200 clients, each making `REQUESTS_PER_CLIENT` requests with a think time of 1–3 s
 *   between them (an analyst clicking through the workbench): scenario lists and reads, versions,
 *   health, deal evaluations, forecasts with every model, outcome-space analyses at the anchors,
 *   Monte Carlo forecasts of 100 samples, and saves. Reported: p50, p95, p99 and max over all requests,
 *   p99 of the reads and of the computations, and the share answered 503 (queue full); to diagnose a
 *   regression, the server's event-loop delay and utilisation during the mix (measured inside the
 *   server process by a probe loaded with `--import`), its CPU time per request, and for each route
 *   the client's p50 / p99 beside the server's own time (its `Server-Timing` header): a route slow
 *   for the server is the culprit, a route slow only for the client waits behind someone else.
 * - **health under a maximal analysis**: `POST /api/analyze` at the size limit (Hanoi at step 20,
 *   5×10⁶ outcomes; and at step 100/6, 1.7×10⁷ outcomes, near the 2×10⁷ limit) runs while `/api/health` is probed every 50 ms.
 *
 * - **save validation**: what validating a saved scenario costs the event loop, inline (by the text's
 *   size) and as a `validate` job on a compute pool (whatever the size): where the two cross is the
 *   size above which the server validates on the pool (`INLINE_VALIDATION_MAX_CHARS`, src/server/input.ts).
 *   Measured in this process as CPU time of its main thread, which does not grow with the machine's load.
 *
 * - **compression**: the bytes on the wire of the largest responses (a scenario, a forecast, an
 *   analysis, the web app's largest script) as they are, in gzip and in Brotli, read with node:http
 *   (fetch would decode them).
 *
 * Bounded: 200 × 12 requests, each client stops at the deadline, and the maximal analysis is stopped at
 * the server's time limit. Figures are wall times on this machine and shift with whatever else runs on it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { request as httpRequest } from "node:http";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ComputePool } from "../src/compute/pool.js";
import { INLINE_VALIDATION_MAX_CHARS } from "../src/server/input.js";
import { validateScenario } from "../src/scenario/validate.js";
import { crowdScenario } from "../test/server/crowd.js";
import type { BenchResult } from "./timing.js";

const PARLEY = resolve(process.env["PARLEY_BIN"] ?? "bin/parley.js");
const CLIENTS = 200;
const REQUESTS_PER_CLIENT = 12;
/** No client starts a request after this long. */
const DEADLINE_MS = 60_000;

interface Server {
  readonly base: string;
  readonly child: ChildProcess;
  readonly dir: string;
  readonly probes: ProbeReport[];
}

async function startServer(): Promise<Server> {
  const dir = mkdtempSync(join(tmpdir(), "parley-bench-"));
  const profile = process.env["PARLEY_BENCH_PROFILE"] ? ["--cpu-prof", `--cpu-prof-dir=${process.env["PARLEY_BENCH_PROFILE"]}`] : [];
  const child = spawn(process.execPath, [...profile, "--import", PROBE, PARLEY, "serve", "--port", "0", "--db", join(dir, "bench.db")], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, PARLEY_TOKEN: "", XDG_DATA_HOME: dir },
  });
  const base = await new Promise<string>((resolveUrl, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`parley serve did not start: ${out}`)), 90_000); // a loaded machine can take tens of seconds
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /running at (http:\/\/[^/\s]+)\//.exec(out);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]!);
      }
    });
    child.once("exit", (code) => reject(new Error(`parley serve exited with ${code}: ${out}`)));
  });
  return { base, child, dir, probes: probeReports(child) };
}

/** Resolution of the probe's event-loop delay histogram, in ms: a delay is what a timer fires later than this. */
const PROBE_RESOLUTION_MS = 10;

/**
 * Loaded into the server process with `--import`: it samples the event loop's delay (perf_hooks'
 * monitorEventLoopDelay) and, on SIGUSR2, writes the delay's percentiles (ms) and the loop's
 * utilisation since the previous signal as one line on stderr, then starts over.
 */
const PROBE = `data:text/javascript,${encodeURIComponent(`
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
const delay = monitorEventLoopDelay({ resolution: ${PROBE_RESOLUTION_MS} });
delay.enable();
let since = performance.eventLoopUtilization();
process.on("SIGUSR2", () => {
  const ms = (ns) => Math.max(0, ns / 1e6 - ${PROBE_RESOLUTION_MS});
  const report = { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max), mean: ms(delay.mean), utilization: performance.eventLoopUtilization(since).utilization };
  process.stderr.write("parley-bench-probe " + JSON.stringify(report) + "\\n");
  delay.reset();
  since = performance.eventLoopUtilization();
});
`)}`;

interface ProbeReport {
  /** Event-loop delay percentiles and mean, in ms. */
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
  /** Share of the time the event loop was busy. */
  readonly utilization: number;
}

/** The probe's reports, in order, as the server writes them. */
function probeReports(child: ChildProcess): ProbeReport[] {
  const reports: ProbeReport[] = [];
  let pending = "";
  child.stderr!.on("data", (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split("\n");
    pending = lines.pop()!;
    for (const line of lines) if (line.startsWith("parley-bench-probe ")) reports.push(JSON.parse(line.slice("parley-bench-probe ".length)) as ProbeReport);
  });
  return reports;
}

/** Asks the probe for the event loop's figures since the last ask (and starts a new period). */
async function probe(server: Server): Promise<ProbeReport | undefined> {
  const count = server.probes.length;
  server.child.kill("SIGUSR2");
  const deadline = performance.now() + 5000;
  while (server.probes.length === count && performance.now() < deadline) await sleep(10);
  return server.probes[count];
}

async function stopServer(server: Server): Promise<void> {
  const exited = new Promise((done) => server.child.once("exit", done));
  server.child.kill("SIGTERM");
  await exited;
  rmSync(server.dir, { recursive: true, force: true });
}

/**
 * CPU time (user + system, ms) of the server's main thread — the event loop — and of all its threads,
 * from /proc (Linux; undefined elsewhere). Unlike wall times, these do not grow when other processes
 * share the cores, so they say what the event loop costs per request whatever the machine's load.
 */
function serverCpuMs(pid: number | undefined): { main: number; all: number } | undefined {
  if (pid === undefined || !existsSync(`/proc/${pid}/task`)) return undefined;
  const ticks = (file: string): number => {
    const stat = readFileSync(file, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime, stime: fields 14 and 15, in 10 ms ticks
  };
  // The process's own figure includes threads that have ended (workers stopped at their time limit).
  return { main: ticks(`/proc/${pid}/task/${pid}/stat`), all: ticks(`/proc/${pid}/stat`) };
}

function cpuDetail(before: { main: number; all: number } | undefined, after: { main: number; all: number } | undefined, requests: number): string {
  if (!before || !after) return "";
  const main = after.main - before.main;
  return `; server event loop CPU ${main} ms in all (${(main / Math.max(1, requests)).toFixed(2)} ms a request), worker threads ${after.all - before.all - main} ms`;
}

type Kind = "read" | "compute" | "write";

interface Sample {
  readonly kind: Kind;
  readonly route: string;
  readonly ms: number;
  /** The server's own time (its Server-Timing `app` duration); NaN when absent. */
  readonly serverMs: number;
  readonly status: number;
}

interface Step {
  readonly kind: Kind;
  /** Method, path and what is asked, for the per-route breakdown. */
  readonly route: string;
  readonly weight: number;
  readonly request: (base: string, client: number) => Promise<Response>;
}

const post = (base: string, path: string, body: unknown): Promise<Response> =>
  fetch(`${base}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

/** Each client saves to its own copy of the small scenario, so that saves do not conflict. */
const versions = new Map<number, number>();

const MIX: readonly Step[] = [
  { kind: "read", route: "GET /api/scenarios", weight: 25, request: (base) => fetch(`${base}/api/scenarios`) },
  { kind: "read", route: "GET /api/scenarios/hanoi-2019", weight: 20, request: (base) => fetch(`${base}/api/scenarios/hanoi-2019`) },
  { kind: "read", route: "GET /api/scenarios/hanoi-2019/versions", weight: 8, request: (base) => fetch(`${base}/api/scenarios/hanoi-2019/versions`) },
  { kind: "read", route: "GET /api/health", weight: 5, request: (base) => fetch(`${base}/api/health`) },
  { kind: "read", route: "GET /api/runs?limit=20", weight: 4, request: (base) => fetch(`${base}/api/runs?limit=20`) },
  { kind: "compute", route: "POST /api/deal", weight: 15, request: (base) => post(base, "/api/deal", { scenarioId: "hanoi-2019", deal: "dprk-offer" }) },
  { kind: "compute", route: "POST /api/forecast (every model)", weight: 4, request: (base) => post(base, "/api/forecast", { scenarioId: "hanoi-2019" }) },
  { kind: "compute", route: "POST /api/analyze (anchors)", weight: 2, request: (base) => post(base, "/api/analyze", { scenarioId: "hanoi-2019" }) },
  {
    kind: "compute",
    route: "POST /api/forecast (Monte Carlo, 100 runs)",
    weight: 1,
    request: (base) => post(base, "/api/forecast", { scenarioId: "hanoi-2019", models: ["compromise", "median", "nbs"], runs: 100 }),
  },
  {
    kind: "write",
    route: "PUT /api/scenarios/bench-N",
    weight: 9,
    request: async (base, client) => {
      const version = versions.get(client) ?? 1;
      const response = await fetch(`${base}/api/scenarios/bench-${client}`, {
        method: "PUT",
        headers: { "content-type": "application/yaml", "if-match": `"${version}"` },
        body: smallScenario(client, version + 1),
      });
      if (response.ok) versions.set(client, version + 1);
      return response;
    },
  },
];

function smallScenario(client: number, revision: number): string {
  return `parley: 1
id: bench-${client}
title: Bench scenario ${client}, revision ${revision}
actors:
  - {id: A, name: Alpha, capability: ${50 + (revision % 40)}}
  - {id: B, name: Beta, capability: 40}
  - {id: C, name: Gamma, capability: 20}
issues:
  - {id: tax, name: Tax, scale: {min: 0, max: 100}, reference: 20}
stances:
  A: {tax: {position: 80, salience: 70}}
  B: {tax: {position: 30, salience: 50}}
  C: {tax: {position: 50, salience: 30}}
`;
}

/** A deterministic stream of numbers in [0, 1) (mulberry32), so every run makes the same requests. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick(r: number): Step {
  const total = MIX.reduce((sum, s) => sum + s.weight, 0);
  let at = r * total;
  for (const step of MIX) {
    if (at < step.weight) return step;
    at -= step.weight;
  }
  return MIX[MIX.length - 1]!;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function timed(kind: Kind, route: string, request: () => Promise<Response>): Promise<Sample> {
  const start = performance.now();
  let status = 0;
  let serverMs = Number.NaN;
  try {
    const response = await request();
    await response.arrayBuffer();
    status = response.status;
    serverMs = Number(/\bapp;dur=([\d.]+)/.exec(response.headers.get("server-timing") ?? "")?.[1] ?? Number.NaN);
  } catch {
    status = -1;
  }
  return { kind, route, ms: performance.now() - start, serverMs, status };
}

function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

async function runMix(base: string): Promise<Sample[]> {
  for (let client = 0; client < CLIENTS; client++) {
    const created = await fetch(`${base}/api/scenarios`, { method: "POST", headers: { "content-type": "application/yaml" }, body: smallScenario(client, 1) });
    if (created.status !== 201) throw new Error(`could not create the bench scenario: ${created.status} ${await created.text()}`);
  }
  const samples: Sample[] = [];
  const deadline = performance.now() + DEADLINE_MS;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      const next = random(client + 1);
      await sleep(next() * 1000); // clients arrive over the first second
      for (let k = 0; k < REQUESTS_PER_CLIENT && performance.now() < deadline; k++) {
        const step = pick(next());
        samples.push(await timed(step.kind, step.route, () => step.request(base, client)));
        await sleep(1000 + next() * 2000);
      }
    }),
  );
  return samples;
}

/** Probes /api/health every 50 ms while `work` runs; returns the probes' latencies and the work's status. */
async function healthDuring(base: string, work: () => Promise<Response>): Promise<{ health: number[]; status: number; ms: number }> {
  let done = false;
  const start = performance.now();
  const job = work().then(async (response) => {
    await response.arrayBuffer();
    done = true;
    return response.status;
  });
  const health: number[] = [];
  await sleep(200); // let the analysis start on its worker
  while (!done) {
    const probe = await timed("read", "GET /api/health", () => fetch(`${base}/api/health`));
    if (probe.status === 200) health.push(probe.ms);
    await sleep(50);
  }
  return { health, status: await job, ms: performance.now() - start };
}

const fmt = (ms: number): string => `${ms.toFixed(1)} ms`;

/** Bytes of a response's body as sent, and how long it took, for an Accept-Encoding. */
function wireBytes(base: string, path: string, encoding: string, body?: unknown): Promise<{ bytes: number; ms: number; coding: string }> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { "accept-encoding": encoding, ...(body !== undefined ? { "content-type": "application/json" } : {}) };
    const request = httpRequest(`${base}${path}`, { method: body === undefined ? "GET" : "POST", headers }, (response) => {
      let bytes = 0;
      response.on("data", (chunk: Buffer) => (bytes += chunk.length));
      response.on("end", () => resolve({ bytes, ms: performance.now() - start, coding: String(response.headers["content-encoding"] ?? "identity") }));
      response.on("error", reject);
    });
    request.on("error", reject);
    request.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

async function benchCompression(base: string): Promise<BenchResult[]> {
  const page = await (await fetch(`${base}/`)).text();
  const scripts = [...page.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  const sizes = await Promise.all(scripts.map(async (path) => ({ path, bytes: (await wireBytes(base, path, "identity")).bytes })));
  const largest = sizes.sort((a, b) => b.bytes - a.bytes)[0];
  const targets: [string, string, unknown][] = [
    ["GET /api/scenarios/hanoi-2019", "/api/scenarios/hanoi-2019", undefined],
    ["POST /api/forecast (every model)", "/api/forecast", { scenarioId: "hanoi-2019" }],
    ["POST /api/analyze (anchors)", "/api/analyze", { scenarioId: "hanoi-2019" }],
    ...(largest ? [[`GET the app's largest script (${largest.path})`, largest.path, undefined] as [string, string, unknown]] : []),
  ];
  const results: BenchResult[] = [];
  for (const [name, path, body] of targets) {
    const plain = await wireBytes(base, path, "identity", body);
    const gzip = await wireBytes(base, path, "gzip", body);
    const br = await wireBytes(base, path, "br", body);
    const kB = (n: number) => `${(n / 1000).toFixed(1)} kB`;
    results.push({
      name: `server: bytes sent for ${name}`,
      ms: br.ms,
      detail: `${kB(plain.bytes)} as it is, ${kB(gzip.bytes)} in ${gzip.coding} (${(plain.bytes / gzip.bytes).toFixed(1)}×), ${kB(br.bytes)} in ${br.coding} (${(plain.bytes / br.bytes).toFixed(1)}×); wall ${fmt(plain.ms)} / ${fmt(gzip.ms)} / ${fmt(br.ms)}`,
    });
  }
  return results;
}

/** Event-loop CPU (ms) of `run`, repeated until a second of it: each repetition's share, and its median wall time. */
async function perRepetition(run: () => unknown): Promise<{ cpu: number; wall: number }> {
  await run();
  const walls: number[] = [];
  const before = serverCpuMs(process.pid);
  let total = 0;
  while (total < 1000 || walls.length < 5) {
    const start = performance.now();
    await run();
    walls.push(performance.now() - start);
    total = serverCpuMs(process.pid)!.main - before!.main;
  }
  return { cpu: total / walls.length, wall: quantile(walls, 0.5) };
}

async function benchSaveValidation(): Promise<BenchResult[]> {
  const texts: [string, string][] = [
    ["the bench's small scenario", smallScenario(0, 1)],
    ["ec-car-emissions.yaml", readFileSync("scenarios/ec-car-emissions.yaml", "utf8")],
    ["coalition-budget.yaml", readFileSync("scenarios/coalition-budget.yaml", "utf8")],
    ["hanoi-2019.yaml", readFileSync("scenarios/hanoi-2019.yaml", "utf8")],
    ["2,000 actors", crowdScenario(2000)],
  ];
  const results: BenchResult[] = [];
  if (serverCpuMs(process.pid) === undefined) return results;
  for (const [name, text] of texts) {
    const { cpu, wall } = await perRepetition(() => validateScenario(text));
    results.push({ name: `server: save validation on the event loop, ${name} (${text.length.toLocaleString("en")} characters)`, ms: cpu, detail: `event-loop CPU a save; wall median ${fmt(wall)}; ${(cpu / (text.length / 1000)).toFixed(2)} ms per 1,000 characters` });
  }
  const pool = new ComputePool({ threads: 1 });
  try {
    for (const [name, text] of [texts[0]!, texts[3]!]) {
      const { cpu, wall } = await perRepetition(() => pool.runJson("validate", { text, file: "<request body>" }).then((json) => JSON.parse(json) as unknown));
      results.push({ name: `server: save validation as a pool job, ${name} (${text.length.toLocaleString("en")} characters)`, ms: cpu, detail: `event-loop CPU a save (the result's parse included); wall median ${fmt(wall)}; the server validates above ${INLINE_VALIDATION_MAX_CHARS.toLocaleString("en")} characters on the pool` });
    }
  } finally {
    await pool.close();
  }
  return results;
}

export async function benchServer(): Promise<BenchResult[]> {
  const results: BenchResult[] = await benchSaveValidation();
  const server = await startServer();
  try {
    const { base } = server;
    // Warm the worker threads so that the mix does not measure their start.
    await Promise.all([post(base, "/api/forecast", { scenarioId: "hanoi-2019" }), post(base, "/api/analyze", { scenarioId: "hanoi-2019" })].map(async (r) => (await r).arrayBuffer()));

    results.push(...(await benchCompression(base)));

    const pid = server.child.pid;
    for (const [name, body] of [
      ["Hanoi at step 20, 5.0e6 outcomes", { scenarioId: "hanoi-2019", step: 20 }],
      ["Hanoi at step 100/6, 1.7e7 outcomes (near the 2e7 limit)", { scenarioId: "hanoi-2019", step: 100 / 6 }],
    ] as const) {
      const before = serverCpuMs(pid);
      const run = await healthDuring(base, () => post(base, "/api/analyze", body));
      results.push({
        name: `server: /api/health p99 while a maximal analysis runs (${name})`,
        ms: quantile(run.health, 0.99),
        detail: `median ${fmt(quantile(run.health, 0.5))}, max ${fmt(Math.max(...run.health))} over ${run.health.length} probes; the analysis answered ${run.status} after ${(run.ms / 1000).toFixed(1)} s${cpuDetail(before, serverCpuMs(pid), run.health.length + 1)}; goal ≤ 50 ms`,
      });
    }

    await probe(server); // the mix's period starts here
    const before = serverCpuMs(pid);
    const samples = await runMix(base);
    const after = serverCpuMs(pid);
    const loop = await probe(server);
    const all = samples.map((s) => s.ms);
    const of = (kind: Kind) => samples.filter((s) => s.kind === kind).map((s) => s.ms);
    const busy = samples.filter((s) => s.status === 503).length;
    const failed = samples.filter((s) => s.status !== 503 && (s.status < 0 || s.status >= 400)).length;
    results.push(
      {
        name: `server: ${CLIENTS}-client mix, p99 of ${samples.length} requests`,
        ms: quantile(all, 0.99),
        detail: `p50 ${fmt(quantile(all, 0.5))}, p95 ${fmt(quantile(all, 0.95))}, max ${fmt(Math.max(...all))}; ${all.filter((ms) => ms > 1000).length} over 1 s; ${busy} answered 503, ${failed} failed${cpuDetail(before, after, samples.length)}; load average ${loadavg()[0]!.toFixed(1)}; goal ≤ 250 ms`,
      },
      { name: "server: mix, p99 of reads (lists, scenarios, versions, runs, health)", ms: quantile(of("read"), 0.99), detail: `${of("read").length} requests` },
      { name: "server: mix, p99 of computations (deal, forecast, analyze, Monte Carlo)", ms: quantile(of("compute"), 0.99), detail: `${of("compute").length} requests` },
      { name: "server: mix, p99 of saves", ms: quantile(of("write"), 0.99), detail: `${of("write").length} requests` },
    );
    if (loop) {
      results.push({
        name: "server: mix, event-loop delay p99 (inside the server)",
        ms: loop.p99,
        detail: `p50 ${fmt(loop.p50)}, mean ${fmt(loop.mean)}, max ${fmt(loop.max)}; event loop busy ${(100 * loop.utilization).toFixed(1)} % of the time`,
      });
    }
    for (const step of MIX) {
      const mine = samples.filter((s) => s.route === step.route);
      const server = mine.map((s) => s.serverMs).filter((ms) => !Number.isNaN(ms));
      results.push({
        name: `server: mix, p99 of ${step.route}`,
        ms: quantile(mine.map((s) => s.ms), 0.99),
        detail: `${mine.length} requests, p50 ${fmt(quantile(mine.map((s) => s.ms), 0.5))}, max ${fmt(Math.max(...mine.map((s) => s.ms)))}; server's own time p50 ${fmt(quantile(server, 0.5))}, p99 ${fmt(quantile(server, 0.99))}`,
      });
    }
  } finally {
    await stopServer(server);
  }
  return results;
}
