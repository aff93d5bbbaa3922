/**
 * The imported-scenario fast path (`src/scenario/imported.ts`) checks by hand the plain subset the
 * importers write, instead of the zod schema. It must only ever accept what the schema accepts, and then
 * give exactly what full validation gives; everything else it leaves to full validation.
 */
import { describe, expect, it } from "vitest";
import { parseEumCsv } from "../../src/importers/eum-csv.js";
import { parseKtabCsv, parseKtabXml } from "../../src/importers/ktab.js";
import { scenarioFromEumCsv, scenarioFromKtab } from "../../src/importers/to-scenario.js";
import { isPlainImportedScenario, validateImportedData } from "../../src/scenario/imported.js";
import { scenarioSchema } from "../../src/scenario/schema.js";
import { validateScenarioData } from "../../src/scenario/validate-data.js";
import { readFixture } from "../helpers.js";

const ktabCsv = (file: string) => scenarioFromKtab(parseKtabCsv(readFixture(`ktab/${file}`), file), file);
const IMPORTED = {
  "KTAB dummyData_3Dim.csv": ktabCsv("dummyData_3Dim.csv"),
  "KTAB SOE-Pol-Comp.csv": ktabCsv("SOE-Pol-Comp.csv"),
  "KTAB smpExample-deterministic.xml": scenarioFromKtab(parseKtabXml(readFixture("ktab/smpExample-deterministic.xml"), "x.xml"), "x.xml"),
  "EUM reference CSV": scenarioFromEumCsv(parseEumCsv("Actor,Capability,Position,Salience\nA,10,20,0.5\nB,30,80,0.9\nC,5,50,0.2\n", "case.csv"), "case.csv"),
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const copy = (value: unknown): Json => JSON.parse(JSON.stringify(value)) as Json;

/** Every path to a value in `data`, objects and lists included. */
function paths(data: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(data)) data.forEach((item, index) => out.push(...paths(item, [...prefix, index])));
  else if (data !== null && typeof data === "object") for (const [key, item] of Object.entries(data)) out.push(...paths(item, [...prefix, key]));
  return out;
}

/** `data` with the value at `path` replaced (or, with `undefined`, removed). */
function withValue(data: Json, path: readonly (string | number)[], value: Json | undefined): Json {
  if (path.length === 0) return value ?? null;
  const out = copy(data) as Record<string | number, Json>;
  let node = out;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
  const last = path.at(-1)!;
  if (value === undefined) {
    if (Array.isArray(node)) node.splice(last as number, 1);
    else delete node[last];
  } else node[last] = value;
  return out;
}

/** Replacements tried at every place: wrong types, empty texts, ids that are not ids, odd numbers, extra keys. */
const REPLACEMENTS: (Json | undefined)[] = [undefined, null, "", "1st", "ok-id", "a text with spaces", 0, -1, 1e308, 3, true, [], {}, { en: "English" }, { value: 5 }, { position: 1, salience: 2, note: "x" }];

describe("the imported-scenario fast path", () => {
  it.each(Object.entries(IMPORTED))("takes %s and gives what full validation gives", (_, scenario) => {
    expect(isPlainImportedScenario(copy(scenario))).toBe(true);
    const fast = validateImportedData(scenario, { file: "x (as imported)" });
    expect(fast).toEqual(validateScenarioData(scenario, { file: "x (as imported)" }));
    expect(fast?.ok).toBe(true);
  });

  it("accepts only what the schema accepts, at every place of every imported file", () => {
    let accepted = 0;
    let declined = 0;
    for (const scenario of Object.values(IMPORTED)) {
      const data = copy(scenario);
      for (const path of paths(data)) {
        for (const value of REPLACEMENTS) {
          const changed = withValue(data, path, value);
          if (!isPlainImportedScenario(changed)) {
            declined++;
            continue;
          }
          accepted++;
          const parsed = scenarioSchema.safeParse(changed);
          expect(parsed.success, `${path.join(".")} = ${JSON.stringify(value)}`).toBe(true);
          expect(parsed.data).toEqual(changed); // the schema changes nothing: its output is the data itself
        }
      }
    }
    // Both sides were exercised: most changes leave the subset, some stay valid within it.
    expect(accepted).toBeGreaterThan(50);
    expect(declined).toBeGreaterThan(accepted);
  });

  it("leaves what the importers never write to full validation, which locates its problems", () => {
    const base = copy(IMPORTED["KTAB dummyData_3Dim.csv"]) as Record<string, Json>;
    const unplain: Json[] = [
      { ...base, language: "en" }, // a valid field outside the subset
      { ...base, title: { en: "Dummy" } },
      { ...base, actors: (base["actors"] as Json[]).slice(0, 1) }, // too few actors: a schema error
      { ...base, parley: 3 },
      { ...base, models: JSON.parse('{"smp": {"__proto__": {"x": 1}}}') as Json },
    ];
    for (const data of unplain) {
      expect(isPlainImportedScenario(data)).toBe(false);
      expect(validateImportedData(data)).toBeUndefined();
    }
    const full = validateScenarioData(unplain[2]);
    expect(full.ok).toBe(false);
    expect(!full.ok && full.errors.map((e) => e.path)).toContain("actors");
  });

  it("still runs the checks across sections, which the schema alone would pass", () => {
    const base = copy(IMPORTED["KTAB dummyData_3Dim.csv"]) as Record<string, Json>;
    const stances = base["stances"] as Record<string, Json>;
    const [first] = Object.keys(stances);
    const data = { ...base, stances: { ...stances, nobody: stances[first!]! } };
    expect(isPlainImportedScenario(data)).toBe(true);
    const fast = validateImportedData(data);
    expect(fast).toEqual(validateScenarioData(data));
    expect(fast?.ok).toBe(false);
  });
});
