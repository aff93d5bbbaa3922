/** The store on a real SQLite file: versions, deletion, runs, reopening, and upgrading old databases. */
import { afterEach, describe, expect, it } from "vitest";
import { join } from "node:path";
import { diffValues, LATEST_SCHEMA, migrate, MIGRATIONS, openDatabase, openStore, schemaVersion, seedScenarios, StoreError, StoreSchemaError, unifiedDiff } from "../../src/store/index.js";
import { validateScenario } from "../../src/scenario/validate.js";
import type { Scenario } from "../../src/scenario/types.js";
import { removeDir, SMALL_YAML, tempDir } from "./harness.js";

const dirs: string[] = [];
function dbFile(): string {
  const dir = tempDir();
  dirs.push(dir);
  return join(dir, "parley.db");
}
afterEach(() => {
  for (const dir of dirs.splice(0)) removeDir(dir);
});

function scenarioOf(yaml: string): Scenario {
  const result = validateScenario(yaml);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.scenario;
}
const small = scenarioOf(SMALL_YAML);

describe("store", () => {
  it("keeps every version and refuses a stale save", () => {
    const store = openStore(dbFile());
    expect(store.created).toBe(true);
    const { id } = store.createScenario({ yaml: SMALL_YAML, scenario: small, author: "ana", message: "first" });
    const changed = SMALL_YAML.replace("capability: 60", "capability: 70");
    expect(store.saveVersion(id, 1, { yaml: changed, scenario: scenarioOf(changed) })).toEqual({ id, version: 2 });
    expect(() => store.saveVersion(id, 1, { yaml: SMALL_YAML, scenario: small })).toThrow(StoreError);
    try {
      store.saveVersion(id, 1, { yaml: SMALL_YAML, scenario: small });
    } catch (error) {
      expect(error).toMatchObject({ code: "stale", currentVersion: 2 });
    }
    expect(store.getScenario(id).version).toBe(2);
    expect(store.listVersions(id).map((v) => [v.version, v.author, v.message])).toEqual([
      [2, "anonymous", ""],
      [1, "ana", "first"],
    ]);
    expect(store.getScenario(id, 1).yaml).toBe(SMALL_YAML);
    expect(store.saveVersion(id, "*", { yaml: SMALL_YAML, scenario: small }).version).toBe(3);
    store.close();
  });

  it("survives a restart: scenarios, versions, deletions and runs are all still there", () => {
    const file = dbFile();
    const first = openStore(file);
    const { id } = first.createScenario({ yaml: SMALL_YAML, scenario: small });
    first.saveVersion(id, 1, { yaml: SMALL_YAML, scenario: small, message: "again" });
    const other = first.createScenario({ yaml: SMALL_YAML, scenario: small });
    first.deleteScenario(other.id, 1);
    const run = first.saveRun({ kind: "forecast", scenarioId: id, scenarioVersion: 2, models: ["compromise"], parameters: { rounds: 3 }, seed: 5, results: [{ a: 1 }] });
    first.close();

    const second = openStore(file);
    expect(second.created).toBe(false);
    expect(second.listScenarios().map((s) => [s.id, s.version])).toEqual([[id, 2]]);
    expect(second.listScenarios({ deleted: true }).map((s) => s.id)).toEqual([other.id]);
    expect(second.listVersions(id)).toHaveLength(2);
    expect(second.getRun(run.id)).toEqual(run);
    second.close();
  });

  it("soft-deletes to the trash, restores, and hard-deletes with the runs", () => {
    const store = openStore(dbFile());
    const { id } = store.createScenario({ yaml: SMALL_YAML, scenario: small });
    store.saveRun({ kind: "deal", scenarioId: id, scenarioVersion: 1, models: [], parameters: {}, seed: null, results: {} });
    store.deleteScenario(id, 1);
    expect(() => store.getScenario(id)).toThrow(expect.objectContaining({ code: "deleted" }));
    expect(store.restoreVersion(id, 1, "*")).toEqual({ id, version: 2 });
    expect(store.getScenario(id).message).toBe("restored version 1");
    store.deleteScenario(id, 2, { hard: true });
    expect(() => store.getScenario(id, undefined, { includeDeleted: true })).toThrow(expect.objectContaining({ code: "not-found" }));
    expect(store.listRuns({ scenarioId: id })).toEqual([]);
    store.close();
  });

  it("seeds the bundled scenarios", () => {
    const store = openStore(dbFile());
    const report = seedScenarios(store, "scenarios");
    expect(report.problems).toEqual([]);
    expect(report.added.sort()).toEqual(["coalition-budget", "ec-car-emissions", "hanoi-2019"]);
    store.close();
  });
});

describe("migrations", () => {
  it("are numbered 1, 2, 3… without gaps", () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(LATEST_SCHEMA).toBe(MIGRATIONS.length);
  });

  it("upgrade a database written with the first schema, keeping its data", () => {
    const file = dbFile();
    const old = openDatabase(file);
    expect(migrate(old, 1)).toEqual([1]);
    old
      .prepare("INSERT INTO scenarios (id, current_version, created_at, updated_at) VALUES (?, 1, ?, ?)")
      .run("small", "2025-01-01T00:00:00.000Z", "2025-01-01T00:00:00.000Z");
    old
      .prepare("INSERT INTO scenario_versions (scenario_id, version, author, message, created_at, yaml, json) VALUES (?, 1, ?, ?, ?, ?, ?)")
      .run("small", "ana", "old", "2025-01-01T00:00:00.000Z", SMALL_YAML, JSON.stringify(small));
    old.close();

    const store = openStore(file);
    expect(store.created).toBe(false);
    expect(store.listScenarios()).toEqual([{ id: "small", title: { en: "A small test", zh: "小测试" }, version: 1, updatedAt: "2025-01-01T00:00:00.000Z" }]);
    expect(store.getScenario("small")).toMatchObject({ author: "ana", message: "old", yaml: SMALL_YAML });
    // The new tables work.
    expect(store.saveRun({ kind: "analyze", scenarioId: "small", scenarioVersion: 1, models: [], parameters: {}, seed: null, results: 1 }).id).toBe(1);
    store.close();

    const check = openDatabase(file);
    expect(schemaVersion(check)).toBe(LATEST_SCHEMA);
    expect((check.prepare("SELECT version FROM migrations ORDER BY version").all() as { version: number }[]).map((r) => r.version)).toEqual([1, 2, 3, 4]);
    expect((check.pragma("journal_mode", { simple: true }) as string).toLowerCase()).toBe("wal");
    check.close();
  });

  it("upgrade a database with saved runs to one that saves simulations too, keeping the runs and their ids", () => {
    const file = dbFile();
    const old = openDatabase(file);
    expect(migrate(old, 3)).toEqual([1, 2, 3]);
    const insert = old.prepare(
      "INSERT INTO runs (kind, scenario_id, scenario_version, scenario_json, models, parameters, seed, results, created_at) VALUES (?, 'small', 1, NULL, ?, ?, ?, ?, '2025-01-01T00:00:00.000Z')",
    );
    insert.run("forecast", '["smp"]', '{"rounds":4}', 7, '[{"model":"smp","issues":[]}]');
    insert.run("deal", "[]", "{}", null, '{"accepted":true}');
    insert.run("analyze", "[]", "{}", null, "1");
    old.prepare("DELETE FROM runs WHERE id = 3").run();
    // Schema 3 refuses the new kind.
    expect(() => insert.run("simulate", "[]", "{}", 0, "{}")).toThrow(/CHECK/);
    old.close();

    const store = openStore(file);
    expect(store.listRuns().map((r) => [r.id, r.kind, r.seed])).toEqual([
      [2, "deal", null],
      [1, "forecast", 7],
    ]);
    expect(store.getRun(1)).toMatchObject({ kind: "forecast", models: ["smp"], parameters: { rounds: 4 }, results: [{ model: "smp", issues: [] }] });
    const results = { outcome: "agreement", round: 12, deal: { a: 40 }, utilities: { A: 0.8, B: 0.6 }, trace: [] };
    const saved = store.saveRun({ kind: "simulate", scenarioId: "small", scenarioVersion: 1, models: [], parameters: { strategies: { A: "boulware" }, deadline: 50 }, seed: 3, results });
    // The deleted run's id is not handed out again.
    expect(saved.id).toBe(4);
    expect(store.getRun(4)).toMatchObject({ kind: "simulate", seed: 3, parameters: { strategies: { A: "boulware" }, deadline: 50 }, results });
    expect(store.listRuns({ kind: "simulate" }).map((r) => r.id)).toEqual([4]);
    store.close();
  });

  it("refuse a database from a newer Parley", () => {
    const file = dbFile();
    const db = openDatabase(file);
    migrate(db);
    db.prepare("INSERT INTO migrations (version, name, applied_at) VALUES (?, 'future', 'now')").run(LATEST_SCHEMA + 1);
    db.close();
    expect(() => openStore(file)).toThrow(StoreSchemaError);
  });
});

describe("diff", () => {
  it("matches list items by id and reports changes by field path", () => {
    const a = { actors: [{ id: "A", c: 1 }, { id: "B", c: 2 }], range: [1, 2], note: "x" };
    const b = { actors: [{ id: "C", c: 3 }, { id: "A", c: 1 }, { id: "B", c: 5 }], range: [1, 2, 3], title: "t" };
    expect(diffValues(a, b)).toEqual([
      { path: "actors[id=B].c", kind: "changed", from: 2, to: 5 },
      { path: "actors[id=C]", kind: "added", to: { id: "C", c: 3 } },
      { path: "range[2]", kind: "added", to: 3 },
      { path: "note", kind: "removed", from: "x" },
      { path: "title", kind: "added", to: "t" },
    ]);
    expect(diffValues(a, a)).toEqual([]);
  });

  it("writes unified diffs with context and merged hunks", () => {
    const from = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join("\n") + "\n";
    const to = from.replace("line 3\n", "line three\n").replace("line 18\n", "").concat("line 21\n");
    expect(unifiedDiff(from, from, { from: "a", to: "b" })).toBe("");
    expect(unifiedDiff(from, to, { from: "a", to: "b" })).toBe(
      [
        "--- a",
        "+++ b",
        "@@ -1,6 +1,6 @@",
        " line 1",
        " line 2",
        "-line 3",
        "+line three",
        " line 4",
        " line 5",
        " line 6",
        "@@ -15,6 +15,6 @@",
        " line 15",
        " line 16",
        " line 17",
        "-line 18",
        " line 19",
        " line 20",
        "+line 21",
        "",
      ].join("\n"),
    );
  });
});
