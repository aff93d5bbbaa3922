/** Saved simulations: `POST /api/runs` with kind simulate and `POST /api/simulate` with `save`, listed and read back by `/api/runs`. */
import { describe, expect, it } from "vitest";
import { loadScenario } from "../../src/files/load.js";
import { simulateScenario } from "../../src/simulation/index.js";
import { serversPerTest } from "./harness.js";

const startServerForTest = serversPerTest();

describe("saved simulation runs", () => {
  it("saves one run and a Monte Carlo with their settings, lists them with the others and gives them back whole", async () => {
    const t = await startServerForTest({ compute: { threads: 1 } });
    const settings = { strategies: { USA: "hardliner", DPRK: "conceder" }, deadline: 40, seed: 3 };
    const saved = await t.request("/api/runs", { method: "POST", json: { kind: "simulate", scenarioId: "hanoi-2019", ...settings } });
    expect(saved.status).toBe(201);
    const one = (await saved.json()) as { id: number; kind: string; scenarioVersion: number; seed: number; parameters: Record<string, unknown>; results: { outcome: string; round: number; deal: unknown; utilities: Record<string, number>; trace: unknown[] } };
    expect(one).toMatchObject({ kind: "simulate", scenarioId: "hanoi-2019", scenarioVersion: 1, seed: 3, models: [], parameters: { strategies: settings.strategies, deadline: 40 } });
    // The run saved is the library's, turn for turn.
    const expected = simulateScenario(loadScenario("scenarios/hanoi-2019.yaml"), settings);
    expect(one.results).toMatchObject({ outcome: expected.outcome, round: expected.round, deal: expected.deal, utilities: expected.utilities });
    expect(one.results.trace).toEqual(JSON.parse(JSON.stringify(expected.trace)));

    const mc = await t.request("/api/simulate", { method: "POST", json: { scenarioId: "hanoi-2019", runs: 6, deadline: 20, seed: 2, save: true } });
    expect(mc.status).toBe(200);
    const id = Number(mc.headers.get("parley-run-id"));
    expect(mc.headers.get("location")).toBe(`/api/runs/${id}`);
    const report = (await mc.json()) as { agreementRate: number };
    const read = await t.request(`/api/runs/${id}`);
    expect(await read.json()).toMatchObject({ kind: "simulate", seed: 2, parameters: { runs: 6, deadline: 20 }, results: { runs: 6, completed: 6, agreementRate: report.agreementRate } });

    // Listed with the others, and by kind.
    await t.request("/api/runs", { method: "POST", json: { kind: "deal", scenarioId: "hanoi-2019" } });
    const all = (await (await t.request("/api/runs?scenarioId=hanoi-2019")).json()) as { id: number; kind: string }[];
    expect(all.map((r) => r.kind)).toEqual(["deal", "simulate", "simulate"]);
    const simulations = (await (await t.request("/api/runs?kind=simulate")).json()) as { id: number }[];
    expect(simulations.map((r) => r.id)).toEqual([id, one.id]);
  });

  it("refuses to save a tournament, and a kind it does not know", async () => {
    const t = await startServerForTest({ compute: { threads: 1 } });
    const table = await t.request("/api/runs", { method: "POST", json: { kind: "simulate", scenarioId: "hanoi-2019", tournament: ["boulware", "hardliner"], players: ["USA"], deadline: 10 } });
    expect(table.status).toBe(400);
    expect(((await table.json()) as { detail: string }).detail).toMatch(/tournament is not saved/);
    const saveTable = await t.request("/api/simulate", { method: "POST", json: { scenarioId: "hanoi-2019", tournament: ["boulware"], deadline: 10, save: true } });
    expect(saveTable.status).toBe(400);
    expect(((await (await t.request("/api/runs")).json()) as unknown[]).length).toBe(0);
    const unknown = await t.request("/api/runs?kind=tournament");
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { detail: string }).detail).toContain("forecast, deal, analyze or simulate");
  });
});
