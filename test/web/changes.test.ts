import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { validateScenario } from "../../src/scenario/validate.js";
import { diffValues } from "../../src/store/diff.js";
import type { Scenario } from "../../src/scenario/types.js";
import { describeChanges, parsePath } from "../../web/src/changes.js";
import { setValueAt as editValue } from "../../web/src/yamlEdit.js";
import { addActor, setLabel } from "../../web/src/structure.js";

const hanoi = readFileSync(new URL("../../scenarios/hanoi-2019.yaml", import.meta.url), "utf8");

const valid = (text: string): Scenario => {
  const result = validateScenario(text, { file: "test.yaml" });
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.path}: ${e.message}`).join("\n"));
  return result.scenario;
};
const words = (key: string) => `<${key}>`;
const read = (before: Scenario, after: Scenario, language: "en" | "zh" = "en") => describeChanges(diffValues(before, after), before, after, language, words);

describe("version changes as an analyst reads them", () => {
  const before = valid(hanoi);

  it("reads a path's parts, ids and indices", () => {
    expect(parsePath("actors[id=USA].capability.range[1]")).toEqual(["actors", { id: "USA" }, "capability", "range", 1]);
    expect(parsePath("stances.USA.definition.position.value")).toEqual(["stances", "USA", "definition", "position", "value"]);
  });

  it("names the actor, the issue and the options of a changed position, as one change", () => {
    const after = valid(editValue(hanoi, ["stances", "USA", "definition", "position"], "vague"));
    const raw = diffValues(before, after);
    expect(raw.map((c) => c.path).sort()).toEqual(["stances.USA.definition.position.option", "stances.USA.definition.position.value"]);
    const [line, ...rest] = read(before, after);
    expect(rest).toEqual([]);
    expect(line).toMatchObject({ where: ["United States", "Definition of denuclearisation"], field: "", kind: "changed", from: "clear, agreed definition", to: 'restated vague formula ("denuclearisation of the peninsula")' });
    const zh = read(before, after, "zh")[0]!;
    expect(zh).toMatchObject({ where: ["美国", "无核化的定义"], from: "明确、一致的定义", to: "重申模糊表述(\"半岛无核化\")" });
  });

  it("reads saliences, ranges and capabilities with their words", () => {
    const after = valid(editValue(editValue(hanoi, ["stances", "USA", "sanctions", "salience", "range", 1], 100), ["stances", "USA", "sanctions", "salience", "value"], 90));
    const lines = read(before, after);
    expect(lines).toEqual([
      expect.objectContaining({ where: ["United States", expect.stringMatching(/sanction/i)], field: "<salience>", from: "70", to: "90" }),
      expect.objectContaining({ field: "<salience> · <range>", from: "60–80", to: "60–100" }),
    ]);
  });

  it("writes the issue's unit beside a number on its scale", () => {
    const numeric = before.issues.find((i) => i.kind === "numeric" && i.unit === undefined)!;
    expect(numeric).toBeDefined();
    const at = hanoi.indexOf(`  - id: ${numeric.id}\n`);
    const scale = hanoi.indexOf("    scale:\n", at) + "    scale:\n".length;
    const text = hanoi.slice(0, scale) + "      unit: {en: per cent, zh: 百分比}\n" + hanoi.slice(scale);
    const b = valid(text);
    const actor = b.actors.find((a) => b.stances[a.id]?.[numeric.id])!;
    const a = valid(editValue(text, ["stances", actor.id, numeric.id, "position"], 90));
    const [line] = read(b, a);
    expect(line!.to).toBe("90 per cent");
    expect(read(b, a, "zh")[0]!.to).toBe("90 百分比");
  });

  it("shows an added actor by name and a renamed one by both names", () => {
    const added = valid(addActor(hanoi, { name: "Russia", capability: 40, language: "en" }).text);
    const lines = read(before, added);
    expect(lines[0]).toMatchObject({ where: ["Russia"], field: "", kind: "added", to: "Russia" });
    const renamed = valid(setLabel(hanoi, ["actors", 0, "name"], "USA (Trump)", "en"));
    expect(read(before, renamed)).toEqual([expect.objectContaining({ where: ["USA (Trump)"], field: "<name>", from: "United States", to: "USA (Trump)" })]);
  });
});
