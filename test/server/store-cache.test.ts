/**
 * The store's caches (src/store/store.ts): parsed versions kept by size, least recently used first;
 * listings until the next write; both emptied when another connection or process commits to the file
 * (SQLite's data_version). What is served from memory is seen by identity: a kept version is the same
 * frozen object at every read, a version read again from the file is a new one.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { openStore, type Store } from "../../src/store/index.js";
import { validateScenario } from "../../src/scenario/validate.js";
import type { Scenario } from "../../src/scenario/types.js";
import { removeDir, SMALL_YAML, tempDir } from "./harness.js";

const dirs: string[] = [];
const stores: Store[] = [];
function dbFile(): string {
  const dir = tempDir();
  dirs.push(dir);
  return join(dir, "parley.db");
}
function open(file: string, cacheChars?: number): Store {
  const store = openStore(file, cacheChars === undefined ? {} : { cacheChars });
  stores.push(store);
  return store;
}
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
  for (const dir of dirs.splice(0)) removeDir(dir);
});

function scenarioOf(yaml: string): Scenario {
  const result = validateScenario(yaml);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.scenario;
}
/** The small scenario with Alpha's capability at `capability` (two digits: every text the same length). */
function revision(capability: number, id = "small"): { yaml: string; scenario: Scenario } {
  const yaml = SMALL_YAML.replace("capability: 60", `capability: ${capability}`).replace("id: small", `id: ${id}`);
  return { yaml, scenario: scenarioOf(yaml) };
}
/** What a version costs the cache: its YAML and JSON text. */
const charsOf = (v: { yaml: string; scenario: Scenario }) => v.yaml.length + JSON.stringify(v.scenario).length;

describe("the store's version cache", () => {
  it("serves a re-created scenario, never the version a hard deletion removed", () => {
    const store = open(dbFile());
    const { id } = store.createScenario(revision(61));
    expect(store.getScenario(id, 1).scenario.actors[0]!.capability.value).toBe(61);
    expect(store.getScenario(id, 1)).toBe(store.getScenario(id, 1)); // kept
    store.deleteScenario(id, 1, { hard: true });
    expect(store.createScenario(revision(62))).toEqual({ id, version: 1 });
    expect(store.getScenario(id).scenario.actors[0]!.capability.value).toBe(62);
    expect(store.getScenario(id, 1).yaml).toBe(revision(62).yaml);
    expect(store.listScenarios().find((s) => s.id === id)?.version).toBe(1);
  });

  it("sees another connection's commits through data_version: saves, hard deletion and re-creation", () => {
    const file = dbFile();
    const reader = open(file);
    const writer = open(file);
    const { id } = writer.createScenario(revision(61));
    const kept = reader.getScenario(id);
    const listing = reader.listScenarios();
    expect(reader.getScenario(id)).toBe(kept);
    expect(reader.listScenarios()).toBe(listing);

    writer.saveVersion(id, 1, revision(63));
    expect(reader.getScenario(id).version).toBe(2);
    expect(reader.listScenarios()).not.toBe(listing);
    expect(reader.listScenarios().find((s) => s.id === id)?.version).toBe(2);

    // Version 1 is kept by the reader; the writer removes it and makes another version 1 under the same id.
    const oldFirst = reader.getScenario(id, 1);
    writer.deleteScenario(id, 2, { hard: true });
    writer.createScenario(revision(64));
    const newFirst = reader.getScenario(id, 1);
    expect(newFirst).not.toBe(oldFirst);
    expect(newFirst.scenario.actors[0]!.capability.value).toBe(64);
    expect(reader.currentVersion(id)).toBe(1);
  });

  it("sees another process's commits", () => {
    const file = dbFile();
    const reader = open(file);
    const { id } = reader.createScenario(revision(61));
    expect(reader.getScenario(id).version).toBe(1);
    const storeModule = pathToFileURL(join(import.meta.dirname, "../../src/store/index.ts")).href;
    const validateModule = pathToFileURL(join(import.meta.dirname, "../../src/scenario/validate.ts")).href;
    const script = `
      const { openStore } = await import(${JSON.stringify(storeModule)});
      const { validateScenario } = await import(${JSON.stringify(validateModule)});
      const yaml = ${JSON.stringify(revision(65).yaml)};
      const store = openStore(${JSON.stringify(file)});
      store.saveVersion(${JSON.stringify(id)}, 1, { yaml, scenario: validateScenario(yaml).scenario, message: "from another process" });
      store.close();`;
    const child = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { encoding: "utf8" });
    expect(child.stderr).toBe("");
    expect(child.status).toBe(0);
    const seen = reader.getScenario(id);
    expect(seen).toMatchObject({ version: 2, message: "from another process" });
    expect(seen.scenario.actors[0]!.capability.value).toBe(65);
  });

  it("keeps versions up to its size, dropping the least recently used first, and never one larger than it", () => {
    const first = revision(61);
    const size = charsOf(first);
    for (const c of [62, 63]) expect(charsOf(revision(c))).toBe(size);
    const store = open(dbFile(), 2 * size);
    const { id } = store.createScenario(first);
    store.saveVersion(id, 1, revision(62));
    store.saveVersion(id, 2, revision(63));

    const v1 = store.getScenario(id, 1);
    const v2 = store.getScenario(id, 2);
    expect(store.getScenario(id, 1)).toBe(v1);
    expect(store.getScenario(id, 2)).toBe(v2);
    // v1 was used last: reading v3 drops v2.
    store.getScenario(id, 1);
    const v3 = store.getScenario(id, 3);
    expect(store.getScenario(id, 3)).toBe(v3);
    expect(store.getScenario(id, 1)).toBe(v1);
    const v2again = store.getScenario(id, 2);
    expect(v2again).not.toBe(v2);
    expect(v2again).toEqual(v2);

    const tiny = open(dbFile(), size - 1);
    const small = tiny.createScenario(first);
    const once = tiny.getScenario(small.id);
    expect(tiny.getScenario(small.id)).not.toBe(once);
    expect(tiny.getScenario(small.id)).toEqual(once);
  });
});
