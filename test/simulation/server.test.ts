/** `POST /api/simulate`: simulated talks on the server's compute pool, bounded. */
import { describe, expect, it } from "vitest";
import { serversPerTest } from "../server/harness.js";

const startServerForTest = serversPerTest();

describe("POST /api/simulate", () => {
  it("plays one run, a Monte Carlo and a tournament; refuses what is too large", async () => {
    const t = await startServerForTest({ compute: { threads: 1 } });
    const one = await t.request("/api/simulate", { method: "POST", json: { scenarioId: "hanoi-2019", strategies: { USA: "hardliner" }, deadline: 40 } });
    expect(one.status).toBe(200);
    const run = (await one.json()) as { outcome: string; strategies: Record<string, string>; trace: unknown[] };
    expect(["agreement", "breakdown"]).toContain(run.outcome);
    expect(run.strategies["USA"]).toBe("hardliner");
    expect(run.trace.length).toBeGreaterThan(0);

    const mc = await t.request("/api/simulate", { method: "POST", json: { scenarioId: "hanoi-2019", runs: 8, deadline: 20, seed: 2 } });
    expect(mc.status).toBe(200);
    expect(await mc.json()).toMatchObject({ scenario: "hanoi-2019", runs: 8, completed: 8 });

    const table = await t.request("/api/simulate", { method: "POST", json: { scenarioId: "hanoi-2019", tournament: ["boulware", "hardliner"], players: ["USA", "DPRK"], deadline: 20 } });
    expect(table.status).toBe(200);
    expect(((await table.json()) as { profiles: unknown[] }).profiles).toHaveLength(4);

    const long = await t.request("/api/simulate", { method: "POST", json: { scenarioId: "hanoi-2019", deadline: 1_000_000 } });
    expect(long.status).toBe(422);
    const bad = await t.request("/api/simulate", { method: "POST", json: { scenarioId: "hanoi-2019", strategies: { USA: "stubborn" } } });
    expect(bad.status).toBe(400);
    const who = await t.request("/api/simulate", { method: "POST", json: { scenarioId: "hanoi-2019", strategies: { USSR: "linear" } } });
    expect(who.status).toBe(422);
    expect(((await who.json()) as { detail: string }).detail).toMatch(/unknown party "USSR"/);
  }, 60_000);
});
