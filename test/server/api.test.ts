/** The HTTP API over a real socket and a real SQLite file: every endpoint, its errors and its headers. */
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers.js";
import { removeDir, SMALL_YAML, startTestServer, useTestServer } from "./harness.js";

const t = useTestServer();

const yaml = (body: string, headers: Record<string, string> = {}): RequestInit => ({ body, headers: { "content-type": "application/yaml", ...headers } });
async function problemOf(response: Response) {
  expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  return (await response.json()) as { type: string; title: string; status: number; detail: string; errors?: { path: string; line: number; column: number; message: string }[]; currentVersion?: number };
}

describe("meta", () => {
  it("reports health, the models and the OpenAPI description", async () => {
    expect(await (await t.request("/api/health")).json()).toMatchObject({ status: "ok", schema: 4 });
    const models = (await (await t.request("/api/models")).json()) as { id: string; name: string; description: string; iterative: boolean }[];
    expect(models.map((m) => m.id)).toEqual(expect.arrayContaining(["compromise", "median", "nbs"]));
    for (const m of models) expect(typeof m.iterative).toBe("boolean");
    const doc = (await (await t.request("/api/openapi.json")).json()) as { openapi: string; paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/scenarios/{id}/diff", "/api/forecast", "/api/runs/{id}"]));
    expect(doc.components.schemas["Scenario"]).toBeTruthy();
  });

  it("answers unknown API routes with a 404 problem", async () => {
    const response = await t.request("/api/nothing/here");
    expect(response.status).toBe(404);
    expect((await problemOf(response)).type).toBe("urn:parley:problem:not-found");
    expect((await t.request("/api/scenarios", { method: "PATCH" })).status).toBe(404);
  });
});

describe("scenarios", () => {
  it("lists the bundled scenarios a new store was seeded with", async () => {
    const list = (await (await t.request("/api/scenarios")).json()) as { id: string; title: { en?: string }; version: number; updatedAt: string }[];
    expect(list.map((s) => s.id).sort()).toEqual(["coalition-budget", "ec-car-emissions", "hanoi-2019"]);
    expect(list.find((s) => s.id === "hanoi-2019")).toMatchObject({ version: 1, title: { en: expect.stringContaining("Hanoi") } });
  });

  it("creates from YAML, returns it with its ETag and keeps every version", async () => {
    const created = await t.request("/api/scenarios", { method: "POST", ...yaml(SMALL_YAML, { "parley-author": "ana", "parley-message": encodeURIComponent("首版") }) });
    expect(created.status).toBe(201);
    const { id, version } = (await created.json()) as { id: string; version: number };
    expect([id, version]).toEqual(["small", 1]);
    expect(created.headers.get("etag")).toBe('"1"');
    expect(created.headers.get("location")).toBe("/api/scenarios/small");

    const got = await t.request("/api/scenarios/small");
    expect(got.headers.get("etag")).toBe('"1"');
    const body = (await got.json()) as { id: string; version: number; yaml: string; scenario: { actors: unknown[] }; author: string; message: string };
    expect(body).toMatchObject({ id: "small", version: 1, yaml: SMALL_YAML, author: "ana", message: "首版" });
    expect(body.scenario.actors).toHaveLength(3);
    expect((await t.request("/api/scenarios/small", { headers: { "if-none-match": '"1"' } })).status).toBe(304);

    // The same scenario again gets a fresh id.
    const again = await t.request("/api/scenarios", { method: "POST", ...yaml(SMALL_YAML) });
    expect(((await again.json()) as { id: string }).id).toBe("small-2");
  });

  it("creates from JSON data and from a JSON envelope", async () => {
    const data = { parley: 1, id: "json-one", title: "From JSON", actors: [{ id: "X", name: "X", capability: 1 }, { id: "Y", name: "Y", capability: 2 }], issues: [{ id: "i", name: "I", scale: { min: 0, max: 10 } }], stances: { X: { i: { position: 1, salience: 50 } }, Y: { i: { position: 9, salience: 50 } } } };
    const plain = await t.request("/api/scenarios", { method: "POST", json: data });
    expect(plain.status).toBe(201);
    const stored = (await (await t.request("/api/scenarios/json-one")).json()) as { yaml: string };
    expect(stored.yaml).toContain("id: json-one"); // stored as YAML
    const wrapped = await t.request("/api/scenarios", { method: "POST", json: { scenario: { ...data, id: "json-two" }, author: "bo", message: "wrapped" } });
    expect(wrapped.status).toBe(201);
    const versions = (await (await t.request("/api/scenarios/json-two/versions")).json()) as { author: string; message: string }[];
    expect(versions[0]).toMatchObject({ author: "bo", message: "wrapped" });
  });

  it("rejects an invalid scenario with located errors, as the CLI reports them", async () => {
    const bad = SMALL_YAML.replace("capability: 60", "capabilty: 60").replace("salience: 70", "salience: 170");
    const response = await t.request("/api/scenarios", { method: "POST", ...yaml(bad) });
    expect(response.status).toBe(422);
    const problem = await problemOf(response);
    expect(problem.type).toBe("urn:parley:problem:invalid-scenario");
    const paths = problem.errors!.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["actors[0].capabilty", "stances.A.tax.salience"]));
    const salience = problem.errors!.find((e) => e.path === "stances.A.tax.salience")!;
    const line = bad.split("\n").findIndex((l) => l.includes("salience: 170")) + 1;
    expect(salience.line).toBe(line);
    expect(salience.column).toBeGreaterThan(0);

    // The CLI says the same thing.
    const list = await t.request("/api/scenarios");
    expect(((await list.json()) as { id: string }[]).some((s) => s.id === "small-3")).toBe(false);
  });

  it("locates errors in a JSON body and in a scenario inside an envelope", async () => {
    const body = '{\n  "scenario": {\n    "parley": 1,\n    "id": "x",\n    "title": "x",\n    "actors": "none",\n    "issues": [],\n    "stances": {}\n  }\n}';
    const response = await t.request("/api/scenarios", { method: "POST", body, headers: { "content-type": "application/json" } });
    expect(response.status).toBe(422);
    const problem = await problemOf(response);
    const actors = problem.errors!.find((e) => e.path === "scenario.actors")!;
    expect(actors).toMatchObject({ line: 6 });
    const malformed = await t.request("/api/scenarios", { method: "POST", body: '{"parley": 1,', headers: { "content-type": "application/json" } });
    expect(malformed.status).toBe(400);
    expect((await problemOf(malformed)).errors![0]!.line).toBe(1);
  });

  it("refuses unsupported media types", async () => {
    const response = await t.request("/api/scenarios", { method: "POST", body: "x", headers: { "content-type": "application/octet-stream" } });
    expect(response.status).toBe(415);
    expect((await problemOf(response)).detail).toContain("application/octet-stream");
  });

  it("needs If-Match to change a scenario, and refuses a stale one without changing anything", async () => {
    const changed = SMALL_YAML.replace("capability: 60", "capability: 65");
    const none = await t.request("/api/scenarios/small", { method: "PUT", ...yaml(changed) });
    expect(none.status).toBe(428);
    expect((await problemOf(none)).type).toBe("urn:parley:problem:precondition-required");

    const saved = await t.request("/api/scenarios/small", { method: "PUT", ...yaml(changed, { "if-match": '"1"', "parley-author": "ana", "parley-message": "more clout" }) });
    expect(saved.status).toBe(200);
    expect(saved.headers.get("etag")).toBe('"2"');
    expect(await saved.json()).toMatchObject({ id: "small", version: 2 });

    const stale = await t.request("/api/scenarios/small", { method: "PUT", ...yaml(SMALL_YAML.replace("capability: 60", "capability: 99"), { "if-match": '"1"' }) });
    expect(stale.status).toBe(412);
    expect(stale.headers.get("etag")).toBe('"2"');
    expect((await problemOf(stale)).currentVersion).toBe(2);
    const current = (await (await t.request("/api/scenarios/small")).json()) as { version: number; yaml: string };
    expect(current.version).toBe(2);
    expect(current.yaml).toContain("capability: 65");

    const invalid = await t.request("/api/scenarios/small", { method: "PUT", ...yaml("parley: 1\nid: [", { "if-match": '"2"' }) });
    expect(invalid.status).toBe(422);
    expect((await (await t.request("/api/scenarios/small")).json()) as { version: number }).toMatchObject({ version: 2 });

    const badTag = await t.request("/api/scenarios/small", { method: "PUT", ...yaml(changed, { "if-match": "2" }) });
    expect(badTag.status).toBe(400);

    // A text that names another id is a new scenario, not a version of this one.
    const renamed = await t.request("/api/scenarios/small", { method: "PUT", ...yaml(changed.replace(/^id: small$/m, "id: other"), { "if-match": '"2"' }) });
    expect(renamed.status).toBe(422);
    const problem = await problemOf(renamed);
    expect(problem.detail).toContain('"other"');
    expect(problem.errors?.[0]).toMatchObject({ path: "id" });
    expect(problem.errors?.[0]?.line).toBeGreaterThan(0);
    expect((await (await t.request("/api/scenarios/small")).json()) as { version: number }).toMatchObject({ version: 2 });
  });

  it("lists, shows, exports, compares and restores versions", async () => {
    const versions = (await (await t.request("/api/scenarios/small/versions")).json()) as { version: number; author: string; message: string; createdAt: string }[];
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
    expect(versions[0]).toMatchObject({ author: "ana", message: "more clout" });

    const v1 = (await (await t.request("/api/scenarios/small/versions/1")).json()) as { version: number; scenario: { actors: { capability: { value: number } }[] } };
    expect(v1.scenario.actors[0]!.capability.value).toBe(60);
    const exported = await t.request("/api/scenarios/small/versions/1?format=yaml");
    expect(exported.headers.get("content-type")).toMatch(/^text\/yaml/);
    expect(exported.headers.get("content-disposition")).toContain("small-v1.yaml");
    expect(await exported.text()).toBe(SMALL_YAML);
    expect((await t.request("/api/scenarios/small/versions/9")).status).toBe(404);
    expect((await t.request("/api/scenarios/small/versions/x")).status).toBe(400);

    const diff = (await (await t.request("/api/scenarios/small/diff?from=1&to=2")).json()) as { changes: { path: string; kind: string; from: unknown; to: unknown }[]; unified: string };
    expect(diff.changes).toEqual([{ path: "actors[id=A].capability.value", kind: "changed", from: 60, to: 65 }]);
    expect(diff.unified).toContain("-  - {id: A, name: Alpha, capability: 60}\n+  - {id: A, name: Alpha, capability: 65}");
    expect(diff.unified).toMatch(/^--- small version 1\n\+\+\+ small version 2\n@@ -\d+,\d+ \+\d+,\d+ @@/);

    const restored = await t.request("/api/scenarios/small/restore", { method: "POST", json: { version: 1, author: "ana" } });
    expect(restored.status).toBe(200);
    expect(restored.headers.get("etag")).toBe('"3"');
    const now = (await (await t.request("/api/scenarios/small")).json()) as { version: number; yaml: string; message: string };
    expect(now).toMatchObject({ version: 3, yaml: SMALL_YAML, message: "restored version 1" });
    const back = (await (await t.request("/api/scenarios/small/diff")).json()) as { from: number; to: number; changes: unknown[] };
    expect(back).toMatchObject({ from: 2, to: 3 });
    expect(back.changes).toHaveLength(1);
  });

  it("deletes to the trash (soft) or for good (hard), with If-Match", async () => {
    await t.request("/api/scenarios", { method: "POST", ...yaml(SMALL_YAML.replace("id: small", "id: doomed")) });
    expect((await t.request("/api/scenarios/doomed", { method: "DELETE" })).status).toBe(428);
    expect((await t.request("/api/scenarios/doomed", { method: "DELETE", headers: { "if-match": '"7"' } })).status).toBe(412);
    expect((await t.request("/api/scenarios/doomed", { method: "DELETE", headers: { "if-match": '"1"' } })).status).toBe(204);

    const gone = await t.request("/api/scenarios/doomed");
    expect(gone.status).toBe(410);
    expect(((await (await t.request("/api/scenarios")).json()) as { id: string }[]).map((s) => s.id)).not.toContain("doomed");
    const trash = (await (await t.request("/api/scenarios?deleted=true")).json()) as { id: string; deletedAt: string }[];
    expect(trash.map((s) => s.id)).toContain("doomed");
    expect((await t.request("/api/scenarios/doomed/versions/1")).status).toBe(200);

    // Restoring a version brings it back.
    const restored = await t.request("/api/scenarios/doomed/restore", { method: "POST", json: { version: 1 } });
    expect(restored.status).toBe(200);
    expect((await t.request("/api/scenarios/doomed")).status).toBe(200);

    expect((await t.request("/api/scenarios/doomed?hard=true", { method: "DELETE", headers: { "if-match": '"2"' } })).status).toBe(204);
    expect((await t.request("/api/scenarios/doomed")).status).toBe(404);
    expect((await t.request("/api/scenarios/doomed/versions")).status).toBe(404);
  });

  it("imports uploaded KTAB and EUM files, and says what it cannot import", async () => {
    const ktab = ["Tiny,A small test,3,2,", "Actor,Description,Power,Tax Position,Tax Salience,Year Position,Year Salience,", "A,First,100,10,40,20,30,", "B,Second,50,50,20,60,20,", "C,Third,25,90,50,10,10,"].join("\n");
    const form = new FormData();
    form.append("file", new Blob([ktab], { type: "text/csv" }), "smp-test.csv");
    form.append("author", "importer");
    const imported = await t.request("/api/scenarios", { method: "POST", body: form });
    if (imported.status !== 201) throw new Error(await imported.text());
    const { id } = (await imported.json()) as { id: string };
    const stored = (await (await t.request(`/api/scenarios/${id}`)).json()) as { yaml: string; author: string; scenario: { actors: unknown[] } };
    expect(stored.yaml).toMatch(/^# Imported by parley from smp-test\.csv \(ktab\)/);
    expect(stored.author).toBe("importer");
    expect(stored.scenario.actors).toHaveLength(3);

    const xml = new FormData();
    xml.append("file", new Blob(["<html><body>not a scenario</body></html>"]), "page.xml");
    const refused = await t.request("/api/scenarios", { method: "POST", body: xml });
    expect(refused.status).toBe(415);
    expect((await problemOf(refused)).detail).toContain("GENIUS");

    const empty = await t.request("/api/scenarios", { method: "POST", body: new FormData() });
    expect(empty.status).toBe(400);
  });
});

describe("analyses", () => {
  it("forecasts as `parley forecast --json` does", async () => {
    const response = await t.request("/api/forecast", { method: "POST", json: { scenarioId: "ec-car-emissions", models: ["compromise", "median"] } });
    expect(response.status).toBe(200);
    const results = await response.json();
    const cli = await runCli("forecast", "scenarios/ec-car-emissions.yaml", "--model", "compromise,median", "--json");
    expect(results).toEqual(JSON.parse(cli.stdout));
    expect(response.headers.get("location")).toBeNull();
  });

  it("forecasts a scenario sent with the request, a given version, and refuses unknown models", async () => {
    const sent = await t.request("/api/forecast", { method: "POST", json: { scenario: SMALL_YAML, models: ["compromise"] } });
    expect(((await sent.json()) as { scenario: string }[])[0]!.scenario).toBe("small");
    const v2 = (await (await t.request("/api/forecast", { method: "POST", json: { scenarioId: "small", version: 2, models: ["compromise"] } })).json()) as { issues: { forecast: number }[] }[];
    const v1 = (await (await t.request("/api/forecast", { method: "POST", json: { scenarioId: "small", version: 1, models: ["compromise"] } })).json()) as { issues: { forecast: number }[] }[];
    expect(v2[0]!.issues[0]!.forecast).not.toBe(v1[0]!.issues[0]!.forecast);

    const unknown = await t.request("/api/forecast", { method: "POST", json: { scenarioId: "small", models: ["compromise", "oracle"] } });
    expect(unknown.status).toBe(400);
    expect((await problemOf(unknown)).errors).toEqual([expect.objectContaining({ path: "models[1]" })]);
    const neither = await t.request("/api/forecast", { method: "POST", json: { models: ["compromise"] } });
    expect(neither.status).toBe(400);
    const missing = await t.request("/api/forecast", { method: "POST", json: { scenarioId: "nope" } });
    expect(missing.status).toBe(404);
  });

  it("validates request bodies with located field paths", async () => {
    const body = '{\n  "scenarioId": "small",\n  "rounds": -3,\n  "sede": 1\n}';
    const response = await t.request("/api/forecast", { method: "POST", body, headers: { "content-type": "application/json" } });
    expect(response.status).toBe(400);
    const problem = await problemOf(response);
    expect(problem.errors!.find((e) => e.path === "rounds")).toMatchObject({ line: 3 });
    expect(problem.errors!.some((e) => e.message.includes("sede"))).toBe(true);

    const inline = await t.request("/api/forecast", { method: "POST", json: { scenario: { parley: 1, id: "x", title: "x", actors: [], issues: [], stances: { Z: {} } } } });
    expect(inline.status).toBe(422);
    expect((await problemOf(inline)).errors!.map((e) => e.path)).toContain("scenario.stances.Z");
  });

  it("evaluates deals as `parley deal --json` does", async () => {
    const named = await t.request("/api/deal", { method: "POST", json: { scenarioId: "small", deal: "middle" } });
    const evaluation = (await named.json()) as { deal: string; outcome: Record<string, unknown>; acceptedByAll: boolean };
    expect(evaluation).toMatchObject({ deal: "middle", outcome: { tax: 50, form: "written" } });

    const custom = (await (await t.request("/api/deal", { method: "POST", json: { scenarioId: "small", values: { tax: 40 } } })).json()) as { deal: string; outcome: Record<string, unknown> };
    expect(custom).toMatchObject({ deal: "custom", outcome: { tax: 40, form: "oral" } });
    const changed = (await (await t.request("/api/deal", { method: "POST", json: { scenarioId: "small", deal: "middle", values: { form: "oral" } } })).json()) as { deal: string };
    expect(changed.deal).toBe("middle+changes");
    const all = (await (await t.request("/api/deal", { method: "POST", json: { scenarioId: "small" } })).json()) as unknown[];
    expect(all).toHaveLength(1);

    const bad = await t.request("/api/deal", { method: "POST", json: { scenarioId: "small", values: { tax: 140, form: "sung", nope: 1 } } });
    expect(bad.status).toBe(422);
    expect((await problemOf(bad)).errors!.map((e) => e.path).sort()).toEqual(["values.form", "values.nope", "values.tax"]);
    const unknownDeal = await t.request("/api/deal", { method: "POST", json: { scenarioId: "small", deal: "nope" } });
    expect(unknownDeal.status).toBe(422);
    expect((await problemOf(unknownDeal)).errors![0]!.path).toBe("deal");
  });

  it("matches the CLI's deal JSON for a bundled scenario", async () => {
    const cli = await runCli("deal", "scenarios/hanoi-2019.yaml", "--json");
    const api = await (await t.request("/api/deal", { method: "POST", json: { scenarioId: "hanoi-2019" } })).json();
    const expected = JSON.parse(cli.stdout) as unknown;
    expect(api).toEqual(Array.isArray(expected) ? expected : [expected]);
  });

  it("analyses the outcome space as `parley analyze --json` does", async () => {
    const response = await t.request("/api/analyze", { method: "POST", json: { scenarioId: "small" } });
    expect(response.status).toBe(200);
    const analysis = (await response.json()) as { outcomes: number; parties: string[] };
    const cli = await runCli("analyze", "scenarios/hanoi-2019.yaml", "--json");
    const api = await (await t.request("/api/analyze", { method: "POST", json: { scenarioId: "hanoi-2019" } })).json();
    expect(api).toEqual(JSON.parse(cli.stdout));
    // A scenario without status quo: walk-away values 0 (any agreement beats none), as parley analyze.
    const noReference = await t.request("/api/analyze", { method: "POST", json: { scenarioId: "ec-car-emissions" } });
    expect(noReference.status).toBe(200);
    expect(((await noReference.json()) as { reservations: number[] }).reservations.every((r) => r === 0)).toBe(true);
    expect(analysis.parties).toEqual(["A", "B", "C"]);
    const withDeal = (await (await t.request("/api/analyze", { method: "POST", json: { scenarioId: "small", deal: "middle" } })).json()) as { postSettlement?: { agreement: unknown } };
    expect(withDeal.postSettlement?.agreement).toEqual({ tax: 50, form: "written" });
  });

  it("saves runs with what is needed to repeat them, and lists and shows them", async () => {
    const forecast = await t.request("/api/forecast", { method: "POST", json: { scenarioId: "small", models: ["compromise"], seed: 7, save: true } });
    const location = forecast.headers.get("location")!;
    expect(location).toMatch(/^\/api\/runs\/\d+$/);
    const results = await forecast.json();
    const run = (await (await t.request(location)).json()) as Record<string, unknown>;
    expect(run).toMatchObject({ kind: "forecast", scenarioId: "small", scenarioVersion: 3, models: ["compromise"], seed: 7, results });

    const posted = await t.request("/api/runs", { method: "POST", json: { kind: "deal", scenario: SMALL_YAML, deal: "middle" } });
    expect(posted.status).toBe(201);
    const dealRun = (await posted.json()) as { id: number; scenarioId: string | null; scenario?: { id: string }; parameters: unknown };
    expect(dealRun).toMatchObject({ scenarioId: null, scenario: { id: "small" }, parameters: { deal: "middle" } });

    const list = (await (await t.request("/api/runs")).json()) as { id: number; kind: string }[];
    expect(list.map((r) => r.kind).slice(0, 2)).toEqual(["deal", "forecast"]);
    expect(list[0]).not.toHaveProperty("results");
    expect(((await (await t.request("/api/runs?kind=forecast&scenarioId=small")).json()) as unknown[]).length).toBe(1);
    expect((await t.request("/api/runs/99999")).status).toBe(404);
    expect((await t.request("/api/runs?kind=guess")).status).toBe(400);
    expect((await t.request("/api/runs", { method: "POST", json: { kind: "guess", scenarioId: "small" } })).status).toBe(400);
  });
});

describe("errors", () => {
  it("never sends a stack trace for an internal error", async () => {
    // Closing the store under the running server makes every store call fail.
    const other = await startTestServer();
    other.server.store.close();
    const response = await other.request("/api/scenarios");
    expect(response.status).toBe(500);
    const problem = await problemOf(response);
    expect(problem.detail).not.toMatch(/at |\.ts|\.js|database/i);
    expect(other.logs.some((l) => l.includes("internal error"))).toBe(true);
    await other.close();
    removeDir(other.dir);
  });
});

describe("briefing", () => {
  it("serves a stored version's briefing as HTML with a policy that allows its inline styles and no script", async () => {
    const response = await t.request("/api/scenarios/hanoi-2019/briefing?version=1&lang=zh");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    const policy = response.headers.get("content-security-policy")!;
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("style-src 'unsafe-inline'");
    expect(policy).not.toContain("script-src");
    expect(response.headers.get("parley-document-policy")).toBeNull();
    const html = await response.text();
    expect(html).toContain("2019年2月美朝河内峰会");
    expect(html).not.toContain("<script");
  });

  it("serves Markdown and rejects an unknown language or format", async () => {
    const md = await t.request("/api/scenarios/hanoi-2019/briefing?format=md");
    expect(md.headers.get("content-type")).toMatch(/^text\/markdown/);
    expect(await md.text()).toMatch(/^# US–DPRK summit in Hanoi/);
    expect((await t.request("/api/scenarios/hanoi-2019/briefing?lang=fr")).status).toBe(400);
    expect((await t.request("/api/scenarios/hanoi-2019/briefing?format=pdf")).status).toBe(400);
  });

  it("keeps the strict policy everywhere else", async () => {
    expect((await t.request("/api/health")).headers.get("content-security-policy")).toContain("script-src 'self'");
  });
});
