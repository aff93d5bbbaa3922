import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { scenarioJsonSchema } from "../../src/scenario/validate.js";
import { keyPathAt, keysAt, schemaKeys } from "../../web/src/yamlKeys.js";

const schema = scenarioJsonSchema();
const hanoi = readFileSync(new URL("../../scenarios/hanoi-2019.yaml", import.meta.url), "utf8");

/** The keys offered where `|` stands in `text`. */
const offered = (text: string) => {
  const at = text.indexOf("|");
  return keysAt(text.replace("|", ""), at, schema)?.keys.map((k) => k.key);
};

describe("YAML key completion from the scenario schema", () => {
  it("is the schema the CLI writes to schema/", () => {
    const written = JSON.parse(readFileSync(new URL("../../schema/scenario.schema.json", import.meta.url), "utf8")) as object;
    expect(schemaKeys(written, [])).toEqual(schemaKeys(schema, []));
  });

  it("reads the key path from indentation and list dashes", () => {
    const lines = ["actors:", "  - id: USA", "    name: x", "    ", "stances:", "  USA:", "    sanctions:", "      "];
    expect(keyPathAt(lines, 3, 4)).toEqual(["actors", "[]"]);
    expect(keyPathAt(lines, 7, 6)).toEqual(["stances", "USA", "sanctions"]);
    expect(keyPathAt(lines, 7, 0)).toEqual([]);
    expect(keyPathAt(["actors:", "- id: USA", "  "], 2, 2)).toEqual(["actors", "[]"]);
  });

  it("offers the keys of the mapping at the cursor that are not written yet", () => {
    const top = offered("id: x\n|");
    expect(top).toEqual(expect.arrayContaining(["title", "actors", "issues", "stances"]));
    expect(top).not.toContain("id");
    const actor = offered("actors:\n  - id: USA\n    name: United States\n    |\n");
    expect(actor).toEqual(expect.arrayContaining(["capability", "description"]));
    expect(actor).not.toContain("name");
    expect(actor).not.toContain("id");
    const stance = offered("stances:\n  USA:\n    sanctions:\n      position: 10\n      sa|");
    expect(stance).toEqual(expect.arrayContaining(["salience", "evidence"]));
    expect(stance).not.toContain("position");
  });

  it("works in the middle of a real scenario, and offers nothing inside a value", () => {
    const at = hanoi.indexOf("  - id: USA\n") + "  - id: USA\n".length;
    const found = keysAt(hanoi.slice(0, at) + "    \n" + hanoi.slice(at), at + 4, schema)!;
    // The United States already has a name, a description and a capability further down.
    expect(found.keys.map((k) => k.key)).toContain("reservation");
    expect(found.keys.map((k) => k.key)).not.toContain("name");
    expect(found.keys.map((k) => k.key)).not.toContain("capability");
    expect(keysAt("title: Han", 10, schema)).toBeUndefined();
  });
});
