/**
 * Where a save's scenario is validated: a text up to `INLINE_VALIDATION_MAX_CHARS` on the event loop,
 * a longer one as a `validate` job on the compute pool, with the pool's queue limit and cancellation.
 * Either way the scenario stored, and every located error, are the same. Nothing here is timed: which
 * path a save took is seen from the pool (a save refused because the pool is full went to the pool),
 * and responsiveness from the order in which answers arrive.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse as parseYaml, stringify } from "yaml";
import { INLINE_VALIDATION_MAX_CHARS } from "../../src/server/input.js";
import { validateScenario } from "../../src/scenario/validate.js";
import { crowdScenario } from "./crowd.js";
import { serversPerTest, SMALL_YAML, type TestServer } from "./harness.js";

const HANOI = readFileSync(new URL("../../scenarios/hanoi-2019.yaml", import.meta.url), "utf8");

const startServerForTest = serversPerTest();

async function server(compute: { threads?: number; queue?: number } = {}): Promise<TestServer> {
  return startServerForTest({ compute });
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 3000; i++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting until ${what}`);
}

/** The text padded past the inline limit with a trailing comment (or, for JSON, spaces): no line or column moves. */
function padded(text: string, json = false): string {
  const padding = INLINE_VALIDATION_MAX_CHARS + 100;
  return json ? text + " ".repeat(padding) : `${text}\n# ${"padding ".repeat(padding / 8)}\n`;
}

const yaml = (body: string, method = "POST", headers: Record<string, string> = {}): RequestInit => ({ method, body, headers: { "content-type": "application/yaml", ...headers } });

/** The problem answered for a body, without what differs between two servers. */
async function answer(t: TestServer, path: string, init: RequestInit): Promise<{ status: number; body: unknown }> {
  const response = await t.request(path, init);
  return { status: response.status, body: await response.json() };
}

const INVALID = SMALL_YAML.replace("capability: 60", "capability: -5").replace("reference: oral", "reference: spoken");

describe("a save's validation, inline or on the compute pool", () => {
  it("validates a small text at once and a large one on the pool: with the pool full, only the large save is refused", async () => {
    expect(SMALL_YAML.length).toBeLessThanOrEqual(INLINE_VALIDATION_MAX_CHARS);
    expect(HANOI.length).toBeGreaterThan(INLINE_VALIDATION_MAX_CHARS);
    const t = await server({ threads: 1, queue: 0 });
    const controller = new AbortController();
    const long = t.request("/api/forecast", { method: "POST", json: { scenarioId: "hanoi-2019", runs: 20_000 }, signal: controller.signal }).catch(() => undefined);
    await until(() => t.server.compute.stats().running === 1, "the long job runs");

    expect((await t.request("/api/scenarios", yaml(SMALL_YAML))).status).toBe(201);
    const large = await t.request("/api/scenarios", yaml(HANOI));
    expect(large.status).toBe(503);
    expect(await large.json()).toMatchObject({ type: "urn:parley:problem:server-busy", limit: { name: "queue" } });
    expect(large.headers.get("retry-after")).toMatch(/^\d+$/);
    const largeJson = await t.request("/api/scenarios", { method: "POST", json: parseYaml(HANOI) as unknown });
    expect(largeJson.status).toBe(503);

    controller.abort();
    await long;
    await until(() => t.server.compute.stats().running === 0, "the long job is stopped");
    expect((await t.request("/api/scenarios", yaml(HANOI))).status).toBe(201);
  });

  it("stores the same scenario from a large text as the library validates, YAML as sent and JSON as YAML", async () => {
    const t = await server();
    const changed = HANOI.replace(/^title:/m, "# saved again\ntitle:");
    const put = await t.request("/api/scenarios/hanoi-2019", yaml(changed, "PUT", { "if-match": '"1"' }));
    expect(put.status).toBe(200);
    const stored = (await (await t.request("/api/scenarios/hanoi-2019")).json()) as { version: number; yaml: string; scenario: unknown };
    const expected = validateScenario(changed);
    if (!expected.ok) throw new Error("the bundled scenario is invalid");
    expect(stored).toMatchObject({ version: 2, yaml: changed });
    expect(stored.scenario).toEqual(JSON.parse(JSON.stringify(expected.scenario)));

    const data = parseYaml(HANOI) as object;
    const json = await t.request("/api/scenarios/hanoi-2019", { method: "PUT", headers: { "content-type": "application/json", "if-match": '"2"' }, body: JSON.stringify(data) });
    expect(json.status).toBe(200);
    const second = (await (await t.request("/api/scenarios/hanoi-2019")).json()) as { version: number; yaml: string; scenario: unknown };
    expect(second).toMatchObject({ version: 3, yaml: stringify(data, { lineWidth: 0 }) });
    expect(second.scenario).toEqual(stored.scenario);

    // A large envelope still unwraps its scenario.
    const wrapped = await t.request("/api/scenarios/hanoi-2019", { method: "PUT", headers: { "if-match": '"3"' }, json: { yaml: HANOI, message: "wrapped" } });
    expect(wrapped.status).toBe(200);
    expect((await (await t.request("/api/scenarios/hanoi-2019")).json()) as object).toMatchObject({ version: 4, yaml: HANOI, message: "wrapped" });
  });

  it("answers a large invalid text with the same located errors as a small one", async () => {
    const t = await server();
    const small = await answer(t, "/api/scenarios", yaml(INVALID));
    expect(small.status).toBe(422);
    expect(small.body).toMatchObject({ type: "urn:parley:problem:invalid-scenario" });
    expect((small.body as { errors: unknown[] }).errors.length).toBeGreaterThanOrEqual(2);
    expect(await answer(t, "/api/scenarios", yaml(padded(INVALID)))).toEqual(small);
    expect(await answer(t, "/api/scenarios/hanoi-2019", yaml(padded(INVALID.replace("id: small", "id: hanoi-2019")), "PUT", { "if-match": '"1"' }))).toEqual(
      await answer(t, "/api/scenarios/hanoi-2019", yaml(INVALID.replace("id: small", "id: hanoi-2019"), "PUT", { "if-match": '"1"' })),
    );

    const json = JSON.stringify(parseYaml(INVALID), null, 2);
    const smallJson = await answer(t, "/api/scenarios", { method: "POST", headers: { "content-type": "application/json" }, body: json });
    expect(smallJson.status).toBe(422);
    expect(await answer(t, "/api/scenarios", { method: "POST", headers: { "content-type": "application/json" }, body: padded(json, true) })).toEqual(smallJson);

    // A body that is not JSON (here, a key twice) is a 400 either way, located.
    const twice = '{"parley": 1, "id": "x",\n "id": "y"}';
    const smallTwice = await answer(t, "/api/scenarios", { method: "POST", headers: { "content-type": "application/json" }, body: twice });
    expect(smallTwice).toMatchObject({ status: 400, body: { detail: "the body is not valid JSON", errors: [{ line: 2 }] } });
    expect(await answer(t, "/api/scenarios", { method: "POST", headers: { "content-type": "application/json" }, body: padded(twice, true) })).toEqual(smallTwice);
    const blank = await answer(t, "/api/scenarios", { method: "POST", headers: { "content-type": "application/json" }, body: padded("", true) });
    expect(blank).toMatchObject({ status: 400, body: { detail: "the body is empty; expected JSON" } });
  });

  it("keeps answering health checks while a large save validates", async () => {
    // Large enough to validate for a while, small enough to stay within the time limit on a loaded machine.
    const text = crowdScenario(2000);
    expect(text.length).toBeGreaterThan(40 * INLINE_VALIDATION_MAX_CHARS);
    const t = await server({ threads: 1 });
    let saved = false;
    const save = t.request("/api/scenarios", yaml(text)).then(async (response) => {
      saved = true;
      const body = (await response.json()) as { limit?: { name: string } };
      // On a machine too loaded to validate it within the pool's time limit, the save is refused at it.
      return response.status === 422 && body.limit?.name === "time" ? "stopped at the time limit" : response.status;
    });
    await until(() => t.server.compute.stats().running === 1, "the save validates on the pool");
    const answered: number[] = [];
    for (let k = 0; k < 5; k++) answered.push((await t.request("/api/health")).status);
    // Every health check was answered while the save was still validating on its worker.
    expect({ answered, saved, running: t.server.compute.stats().running }).toEqual({ answered: [200, 200, 200, 200, 200], saved: false, running: 1 });
    expect([201, "stopped at the time limit"]).toContain(await save);
  });
});
