/** `POST /api/agreement`: the agreement forecast on the server's compute pool, as `parley agreement --json`, bounded. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { agreementForecast } from "../../src/agreement/forecast.js";
import { loadScenario } from "../../src/files/load.js";
import { runCli } from "../helpers.js";
import { SMALL_YAML, useTestServer } from "./harness.js";

const t = useTestServer({ compute: { threads: 1 } });

interface Problem {
  type: string;
  status: number;
  detail: string;
  errors?: { path: string; line: number; column: number; message: string }[];
  limit?: { name: string; max: number; requested?: number };
}

/** Resolves once `condition` holds, polling the event loop (fails the test after 30 s). */
async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 3000; i++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting until ${what}`);
}

const post = (json: unknown) => t.request("/api/agreement", { method: "POST", json });

describe("POST /api/agreement", () => {
  it("gives the library's report for a seed: the JSON of `parley agreement --json`", async () => {
    const response = await post({ scenarioId: "hanoi-2019", runs: 200, seed: 7 });
    expect(response.status).toBe(200);
    const api = (await response.json()) as { runs: number; seed: number; completed: number; probability: number };
    const scenario = loadScenario("scenarios/hanoi-2019.yaml");
    const library = await agreementForecast(scenario, { runs: 200, seed: 7, workers: 1 });
    expect(api).toEqual(JSON.parse(JSON.stringify(library)));
    expect(api).toMatchObject({ runs: 200, seed: 7, completed: 200 });
    const cli = await runCli("agreement", "scenarios/hanoi-2019.yaml", "--runs", "200", "--seed", "7", "--json");
    expect(api).toEqual(JSON.parse(cli.stdout));
  }, 60_000);

  it("answers as written without runs, for a stored scenario and one sent with the request", async () => {
    const written = (await (await post({ scenarioId: "hanoi-2019" })).json()) as { runs: number; probability: number; conflicts: unknown[] };
    const cli = await runCli("agreement", "scenarios/hanoi-2019.yaml", "--json");
    expect(written).toEqual(JSON.parse(cli.stdout));
    expect(written.runs).toBe(0);
    expect([0, 1]).toContain(written.probability);

    const sent = await post({ scenario: readFileSync("scenarios/coalition-budget.yaml", "utf8"), step: 25 });
    expect(sent.status).toBe(200);
    const cliStep = await runCli("agreement", "scenarios/coalition-budget.yaml", "--step", "25", "--json");
    expect(await sent.json()).toEqual(JSON.parse(cliStep.stdout));
    const small = (await (await post({ scenario: SMALL_YAML })).json()) as { scenario: string; deals: { id: string }[] };
    expect(small.scenario).toBe("small");
    expect(small.deals.map((d) => d.id)).toEqual(["middle"]);
  }, 60_000);

  it("refuses too many draws, too fine a grid and too much search with 422 over-budget, before starting", async () => {
    const runs = await post({ scenarioId: "hanoi-2019", runs: 50_000 });
    expect(runs.status).toBe(422);
    expect((await runs.json()) as Problem).toMatchObject({ type: "urn:parley:problem:over-budget", limit: { name: "runs", max: 20_000, requested: 50_000 } });

    const fine = await post({ scenarioId: "hanoi-2019", step: 1e-6 });
    expect(fine.status).toBe(422);
    const grid = (await fine.json()) as Problem;
    expect(grid.limit?.name).toBe("outcomes");
    expect(grid.detail).toMatch(/larger `step`/);

    const work = await post({ scenarioId: "hanoi-2019", step: 20, runs: 20_000 });
    expect(work.status).toBe(422);
    expect(((await work.json()) as Problem).limit?.name).toBe("work");
    expect(t.server.compute.stats().running).toBe(0);
  });

  it("counts the grid before building it on /api/analyze and /api/simulate too: a step of 1e-9 is over budget", async () => {
    for (const path of ["/api/analyze", "/api/simulate"]) {
      const res = await t.request(path, { method: "POST", body: JSON.stringify({ scenarioId: "hanoi-2019", step: 1e-9 }), headers: { "content-type": "application/json" } });
      expect(res.status, path).toBe(422);
      const problem = (await res.json()) as Problem;
      expect(problem.limit?.name, path).toBe("outcomes");
      expect(problem.detail, path).toMatch(/larger `step`/);
    }
  });

  it("locates bad input: request fields (400) and the scenario sent (422)", async () => {
    const body = '{\n  "scenarioId": "hanoi-2019",\n  "runs": 0,\n  "step": "fine",\n  "rounds": 3\n}';
    const bad = await t.request("/api/agreement", { method: "POST", body, headers: { "content-type": "application/json" } });
    expect(bad.status).toBe(400);
    const problem = (await bad.json()) as Problem;
    expect(problem.errors!.find((e) => e.path === "runs")).toMatchObject({ line: 3 });
    expect(problem.errors!.find((e) => e.path === "step")).toMatchObject({ line: 4 });
    expect(problem.errors!.some((e) => e.message.includes("rounds"))).toBe(true);

    const neither = await post({ runs: 10 });
    expect(neither.status).toBe(400);
    const missing = await post({ scenarioId: "nope" });
    expect(missing.status).toBe(404);

    const redLine = SMALL_YAML.replace("  - {id: A, name: Alpha, capability: 60}", "  - id: A\n    name: Alpha\n    capability: 60\n    redLines: [{id: low, name: Low tax, rule: taxes <= 40}]").replace("parley: 1", "parley: 2");
    const invalid = await post({ scenario: redLine });
    expect(invalid.status).toBe(422);
    const located = (await invalid.json()) as Problem;
    const error = located.errors!.find((e) => e.message.includes("taxes"));
    expect(error).toBeDefined();
    expect(error!.path).toBe("actors[0].redLines[0].rule");
    expect(error!.line).toBeGreaterThan(0);
  });

  it("stops the job when its client goes away", async () => {
    const controller = new AbortController();
    const job = t.request("/api/agreement", { method: "POST", json: { scenarioId: "hanoi-2019", runs: 20_000 }, signal: controller.signal }).catch(() => undefined);
    await until(() => t.server.compute.stats().running === 1, "the job runs");
    controller.abort();
    expect(await job).toBeUndefined();
    await until(() => t.server.compute.stats().running === 0, "the job is stopped");
  });

  it("is in the OpenAPI document", async () => {
    const doc = (await (await t.request("/api/openapi.json")).json()) as { paths: Record<string, { post?: { requestBody: { content: Record<string, { schema: { properties: Record<string, unknown> } }> } } }> };
    const body = doc.paths["/api/agreement"]!.post!.requestBody.content["application/json"]!.schema.properties;
    expect(Object.keys(body).sort()).toEqual(["runs", "scenario", "scenarioId", "seed", "step", "version"]);
  });
});
