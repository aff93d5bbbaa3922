/**
 * The server's compute limits over a real socket: heavy analyses run on the worker pool, so health
 * checks and reads answer while one runs; a full queue gives 503 with Retry-After; a client that goes
 * away cancels its job (the worker is stopped and the thread is free again); requests over a size,
 * time or queue limit get a problem+json saying which limit and how to ask for less. Nothing here is
 * timed: the tests watch the pool's state, not the clock.
 */
import { describe, expect, it } from "vitest";
import { serversPerTest, type TestServer } from "./harness.js";

/** A Monte Carlo of every model on Hanoi at the largest sample the server accepts: many seconds of work. */
const LONG_JOB = { scenarioId: "hanoi-2019", runs: 20_000 };

const startServerForTest = serversPerTest();

async function server(compute: { threads?: number; queue?: number; timeLimitMs?: number }): Promise<TestServer> {
  return startServerForTest({ compute });
}

interface ProblemBody {
  type: string;
  status: number;
  detail: string;
  limit?: { name: string; max: number; requested?: number; unit?: string };
}

async function problemOf(response: Response): Promise<ProblemBody> {
  expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  return (await response.json()) as ProblemBody;
}

/** Resolves once `condition` holds, polling the event loop (fails the test after 30 s). */
async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 3000; i++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting until ${what}`);
}

/** Starts a long job that the test aborts later; its rejection (the abort) is expected. */
function startLongJob(t: TestServer, controller: AbortController): Promise<Response | undefined> {
  return t.request("/api/forecast", { method: "POST", json: LONG_JOB, signal: controller.signal }).catch(() => undefined);
}

describe("the compute pool behind the API", () => {
  it("answers health checks and reads while a long analysis runs", async () => {
    const t = await server({ threads: 1 });
    const controller = new AbortController();
    const job = startLongJob(t, controller);
    await until(() => t.server.compute.stats().running === 1, "the job runs");
    for (let k = 0; k < 20; k++) {
      const health = await t.request("/api/health");
      expect(health.status).toBe(200);
      expect((await (await t.request("/api/scenarios")).json()) as unknown[]).toHaveLength(3);
    }
    // Every answer came while the job was still running on its worker.
    expect(t.server.compute.stats().running).toBe(1);
    controller.abort();
    await job;
  });

  it("refuses a job past the queue limit with 503, Retry-After and the limit", async () => {
    const t = await server({ threads: 1, queue: 1 });
    const controllers = [new AbortController(), new AbortController()];
    const jobs = controllers.map((c) => startLongJob(t, c));
    await until(() => t.server.compute.stats().running === 1 && t.server.compute.stats().queued === 1, "one job runs and one waits");
    const refused = await t.request("/api/analyze", { method: "POST", json: { scenarioId: "hanoi-2019" } });
    expect(refused.status).toBe(503);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    const problem = await problemOf(refused);
    expect(problem).toMatchObject({ type: "urn:parley:problem:server-busy", status: 503, limit: { name: "queue", max: 2 } });
    expect(problem.detail).toMatch(/try again in \d+ s/);
    expect(problem.detail).toMatch(/ask for less/);
    for (const c of controllers) c.abort();
    await Promise.all(jobs);
  });

  it("cancels a job when its client goes away, freeing the thread for the next one", async () => {
    const t = await server({ threads: 1, queue: 0 });
    const controller = new AbortController();
    const job = startLongJob(t, controller);
    await until(() => t.server.compute.stats().running === 1, "the job runs");
    controller.abort();
    expect(await job).toBeUndefined();
    // The worker was stopped: the only thread is free long before the job could have finished.
    await until(() => t.server.compute.stats().running === 0, "the job is stopped");
    const next = await t.request("/api/forecast", { method: "POST", json: { scenarioId: "hanoi-2019", models: ["compromise"] } });
    expect(next.status).toBe(200);
    expect(((await next.json()) as { model: string }[])[0]!.model).toBe("compromise");
  });

  it("also takes a waiting job out of the queue when its client goes away", async () => {
    const t = await server({ threads: 1, queue: 1 });
    const first = new AbortController();
    const second = new AbortController();
    const running = startLongJob(t, first);
    await until(() => t.server.compute.stats().running === 1, "the first job runs");
    const waiting = startLongJob(t, second);
    await until(() => t.server.compute.stats().queued === 1, "the second job waits");
    second.abort();
    await waiting;
    await until(() => t.server.compute.stats().queued === 0, "the queue is empty");
    expect(t.server.compute.stats().running).toBe(1);
    first.abort();
    await running;
  });
});

describe("budgets", () => {
  it("refuses a space too large to analyse before starting, saying how to ask for less", async () => {
    const t = await server({ threads: 1 });
    const response = await t.request("/api/analyze", { method: "POST", json: { scenarioId: "hanoi-2019", step: 0.5 } });
    expect(response.status).toBe(422);
    const problem = await problemOf(response);
    expect(problem).toMatchObject({ type: "urn:parley:problem:over-budget", limit: { name: "outcomes", max: 2e7 } });
    expect(problem.limit!.requested).toBeGreaterThan(1e18);
    expect(problem.detail).toMatch(/larger `step`/);
    expect(t.server.compute.stats()).toMatchObject({ running: 0, queued: 0 });
  });

  it("refuses too many Monte Carlo samples or rounds", async () => {
    const t = await server({ threads: 1 });
    const runs = await problemOf(await t.request("/api/forecast", { method: "POST", json: { scenarioId: "hanoi-2019", runs: 1e9 } }));
    expect(runs).toMatchObject({ status: 422, type: "urn:parley:problem:over-budget", limit: { name: "runs", max: 20_000, requested: 1e9 } });
    const rounds = await problemOf(await t.request("/api/forecast", { method: "POST", json: { scenarioId: "hanoi-2019", models: ["eum"], rounds: 100_000_000 } }));
    expect(rounds).toMatchObject({ status: 422, limit: { name: "rounds", max: 10_000 } });
    const briefing = await problemOf(await t.request("/api/scenarios/hanoi-2019/briefing?runs=1000000"));
    expect(briefing).toMatchObject({ status: 422, limit: { name: "runs" } });
    const sensitivity = await problemOf(await t.request("/api/sensitivity", { method: "POST", json: { scenarioId: "hanoi-2019", runs: 50_000 } }));
    expect(sensitivity).toMatchObject({ status: 422, limit: { name: "runs" } });
  });

  it("stops a job at the time limit with a 422 that names the limit", async () => {
    const t = await server({ threads: 1, timeLimitMs: 300 });
    const response = await t.request("/api/forecast", { method: "POST", json: LONG_JOB });
    expect(response.status).toBe(422);
    const problem = await problemOf(response);
    expect(problem).toMatchObject({ type: "urn:parley:problem:over-budget", limit: { name: "time", max: 300, unit: "ms" } });
    expect(problem.detail).toMatch(/stopped after 0\.3 s.*fewer `runs`/);
    await until(() => t.server.compute.stats().running === 0, "the job is stopped");
  });

  it("reports a job's input errors as 422 invalid-input, not 500", async () => {
    const t = await server({ threads: 1 });
    const scenario = `parley: 1
id: two
title: Two actors
actors:
  - {id: A, name: A, capability: 1}
  - {id: B, name: B, capability: 1}
issues:
  - {id: x, name: X, scale: {min: 0, max: 100}}
stances:
  A: {x: {position: 0, salience: 50}}
  B: {x: {position: 100, salience: 50}}
`;
    const response = await t.request("/api/forecast", { method: "POST", json: { scenario, models: ["smp"] } });
    expect(response.status).toBe(422);
    expect((await problemOf(response)).detail).toMatch(/SMP needs/);
  });

  it("runs Monte Carlo forecasts and sensitivity analyses on the pool", async () => {
    const t = await server({ threads: 1 });
    const mc = await t.request("/api/forecast", { method: "POST", json: { scenarioId: "hanoi-2019", models: ["compromise"], runs: 50, seed: 3 } });
    expect(mc.status).toBe(200);
    expect(await mc.json()).toMatchObject({ scenario: "hanoi-2019", seed: 3, runs: 50, completed: 50, partial: false, models: [{ model: "compromise" }] });
    const sens = await t.request("/api/sensitivity", { method: "POST", json: { scenarioId: "hanoi-2019", models: ["compromise"], runs: 50 } });
    expect(sens.status).toBe(200);
    expect(await sens.json()).toMatchObject({ scenario: "hanoi-2019", runs: 50, models: [{ model: "compromise" }] });
  });
});
