/**
 * The CLI's cache of validated scenarios (src/files/scenario-cache.ts): an entry is used only for the same
 * build, path and text with unchanged sources; anything else validates again, and a cache that cannot be
 * used is passed over.
 */
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sourceReader, validScenario } from "../../src/files/read.js";
import { CACHE_BUILD, cachedScenario, scenarioCache, type ScenarioCache, type SourceReader } from "../../src/files/scenario-cache.js";
import type { Scenario } from "../../src/scenario/types.js";
import { validateScenario } from "../../src/scenario/validate.js";

/** The Hanoi scenario's source, relative to the scenario (in the repository: beside the checkout). */
const HANOI_SOURCE = "../../shared/sources/000_17413da9c86755dd.txt";

let root: string;
let work: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "parley-scenario-cache-test-"));
  // Two folders deep, as in the repository, so that the scenario's source is at root/shared/….
  work = join(root, "a", "b");
  cpSync("scenarios", work, { recursive: true });
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Loads the scenario at `path` through the cache, counting how often it is really validated. */
function counting(): { loads: number; load(cache: ScenarioCache | undefined, path: string): Promise<Scenario> } {
  const counter = {
    loads: 0,
    load: (cache: ScenarioCache | undefined, path: string) => {
      const text = readFileSync(path, "utf8");
      return cachedScenario(cache, path, text, sourceReader(path), (readSource: SourceReader) => {
        counter.loads++;
        return validScenario(validateScenario(text, { file: path, readSource }));
      });
    },
  };
  return counter;
}

describe("the scenario cache", () => {
  it("is off outside the bundled CLI, and when PARLEY_NO_SCENARIO_CACHE is set", () => {
    expect(CACHE_BUILD).toBeUndefined(); // the sources under vitest have no build hash
    expect(scenarioCache(undefined, root)).toBeUndefined();
    process.env["PARLEY_NO_SCENARIO_CACHE"] = "1";
    try {
      expect(scenarioCache("build", root)).toBeUndefined();
    } finally {
      delete process.env["PARLEY_NO_SCENARIO_CACHE"];
    }
    expect(scenarioCache("build", root)?.folder).toBe(join(root, "parley-scenario-cache"));
  });

  it.skipIf(process.platform === "win32" || process.getuid?.() === undefined)("is not used in a folder others may write to", () => {
    const folder = join(root, "parley-scenario-cache");
    expect(scenarioCache("build", root)).toBeDefined();
    chmodSync(folder, 0o777);
    expect(scenarioCache("build", root)).toBeUndefined();
  });

  it("gives the scenario as validated, without validating again, for the same build, path and text", async () => {
    const cache = scenarioCache("build-1", root)!;
    const path = join(work, "hanoi-2019.yaml");
    const counter = counting();
    const first = await counter.load(cache, path);
    const second = await counter.load(cache, path);
    expect(counter.loads).toBe(1);
    expect(second).toEqual(first);
    expect(second).not.toBe(first);
    expect(readdirSync(cache.folder)).toHaveLength(1);
    // Another build does not read this one's entries.
    await counter.load(scenarioCache("build-2", root), path);
    expect(counter.loads).toBe(2);
  });

  it("validates again when the text or a quoted source changes", async () => {
    const cache = scenarioCache("build", root)!;
    const path = join(work, "hanoi-2019.yaml");
    const counter = counting();
    await counter.load(cache, path);
    writeFileSync(path, `${readFileSync(path, "utf8")}\n# a comment\n`);
    await counter.load(cache, path);
    expect(counter.loads).toBe(2);
    const source = join(work, HANOI_SOURCE);
    const shared = resolve("scenarios", HANOI_SOURCE);
    if (!existsSync(shared)) {
      console.log(`skipped the quoted-source half: ${shared} is not there (the reference material beside the checkout)`);
      // Without its source the quotes went unchecked; a source that appears is read, and these quotes are not in it.
      mkdirSync(dirname(source), { recursive: true });
      writeFileSync(source, "another text");
      await expect(counter.load(cache, path)).rejects.toThrow(/quote/);
      return;
    }
    mkdirSync(dirname(source), { recursive: true });
    cpSync(shared, source);
    await counter.load(cache, path); // the source appeared
    expect(counter.loads).toBe(3);
    await counter.load(cache, path);
    expect(counter.loads).toBe(3);
    writeFileSync(source, `${readFileSync(source, "utf8")}\nmore\n`);
    await counter.load(cache, path);
    expect(counter.loads).toBe(4);
    rmSync(source);
    await counter.load(cache, path);
    expect(counter.loads).toBe(5);
  });

  it("passes over an entry it cannot read, and keeps nothing of a scenario that fails", async () => {
    const cache = scenarioCache("build", root)!;
    const path = join(work, "hanoi-2019.yaml");
    const counter = counting();
    await counter.load(cache, path);
    const [entry] = readdirSync(cache.folder);
    writeFileSync(join(cache.folder, entry!), "{ not json");
    await counter.load(cache, path);
    expect(counter.loads).toBe(2);
    await counter.load(cache, path);
    expect(counter.loads).toBe(2); // rewritten whole

    const bad = join(work, "bad.yaml");
    writeFileSync(bad, "parley: 1\nid: bad\n");
    await expect(counter.load(cache, bad)).rejects.toThrow();
    expect(readdirSync(cache.folder)).toEqual([entry]);
  });

  it("keeps only what survives JSON unchanged", async () => {
    const cache = scenarioCache("build", root)!;
    let loads = 0;
    const odd = { id: "odd", value: Number.NaN } as unknown as Scenario;
    const load = () => {
      loads++;
      return odd;
    };
    await cachedScenario(cache, "odd.yaml", "text", () => undefined, load);
    await cachedScenario(cache, "odd.yaml", "text", () => undefined, load);
    expect(loads).toBe(2);
    expect(readdirSync(cache.folder)).toEqual([]);
  });
});
