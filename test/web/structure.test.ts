import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { validateScenario } from "../../src/scenario/validate.js";
import { addActor, addCitation, addEntry, addIssue, idFromName, moveEntry, newScenarioText, removeEntry, setLabel, widenRange } from "../../web/src/structure.js";

const hanoi = readFileSync(new URL("../../scenarios/hanoi-2019.yaml", import.meta.url), "utf8");

const valid = (text: string) => {
  const result = validateScenario(text, { file: "test.yaml" });
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.path}: ${e.message}`).join("\n"));
  return result.scenario;
};

describe("structural edits of a scenario's YAML", () => {
  it("builds a valid scenario from a guided start", () => {
    const text = newScenarioText({
      id: "brexit",
      title: "Brexit talks",
      actors: [
        { name: "United Kingdom", capability: 60 },
        { name: "European Union", capability: 90 },
      ],
      issues: [
        { name: "Backstop", scale: { min: 0, max: 100, anchors: [{ value: 0, label: "none" }, { value: 100, label: "all-UK backstop" }] } },
        { name: "Court", options: ["ECJ", "Arbitration panel"] },
      ],
    });
    const scenario = valid(text);
    expect(scenario.actors.map((a) => a.id)).toEqual(["UK", "EU"]);
    expect(scenario.issues.map((i) => i.id)).toEqual(["backstop", "court"]);
    expect(scenario.issues[1]!.options.map((o) => o.id)).toEqual(["ecj", "arbitration-panel"]);
    expect(scenario.stances["EU"]?.["court"]?.position.option).toBe("ecj");
    expect(scenario.stances["UK"]?.["backstop"]?.salience.value).toBe(50);
  });

  it("adds an actor with a stance on every issue, and removes it with its stances", () => {
    const { text, id } = addActor(hanoi, { name: "Russia", capability: 30 });
    expect(id).toBe("RUSSIA");
    const scenario = valid(text);
    expect(Object.keys(scenario.stances[id]!).length).toBe(scenario.issues.length);
    const removed = removeEntry(text, "actors", scenario.actors.length - 1);
    const back = valid(removed);
    expect(back.stances[id]).toBeUndefined();
    expect(back.actors.length).toBe(5);
    expect(removed).toContain("# "); // comments survive
  });

  it("adds and removes an issue everywhere it is referenced", () => {
    const { text, id } = addIssue(hanoi, { name: "Peace declaration", options: ["none", "signed"] });
    const scenario = valid(text);
    expect(scenario.stances["USA"]?.[id]?.position.option).toBe("none");
    const index = scenario.issues.findIndex((i) => i.id === "sanctions");
    const withoutSanctions = removeEntry(text, "issues", index);
    const data = parse(withoutSanctions) as { stances: Record<string, Record<string, unknown>>; deals: { values: Record<string, unknown> }[] };
    expect(data.stances["USA"]?.["sanctions"]).toBeUndefined();
    expect(data.deals.every((d) => d.values["sanctions"] === undefined)).toBe(true);
  });

  it("reorders, renames in either language and gives unique ids", () => {
    const moved = valid(moveEntry(hanoi, "actors", 0, 1));
    expect(moved.actors.slice(0, 2).map((a) => a.id)).toEqual(["DPRK", "USA"]);
    const renamed = valid(setLabel(hanoi, ["actors", 0, "name", "zh"].slice(0, 3), "美利坚合众国", "zh"));
    expect(renamed.actors[0]!.name).toEqual({ en: "United States", zh: "美利坚合众国" });
    const plain = newScenarioText({ id: "t", title: "Talks", actors: [{ name: "A", capability: 1 }, { name: "B", capability: 1 }], issues: [{ name: "X" }] });
    expect(valid(setLabel(plain, ["title"], "谈判", "zh")).title).toEqual({ en: "Talks", zh: "谈判" });
    expect(idFromName("Sanctions relief", ["sanctions-relief"])).toBe("sanctions-relief-2");
    expect(idFromName("制裁", [], "issue")).toBe("issue");
  });

  it("attaches evidence to a bare number and widens a range", () => {
    const plain = newScenarioText({ id: "t", title: "Talks", actors: [{ name: "A", capability: 1 }, { name: "B", capability: 1 }], issues: [{ name: "X" }] });
    const withSource = addEntry(plain, "sources", { title: "Interview", language: "en" }, "source");
    const cited = valid(addCitation(withSource.text, ["actors", 0, "capability"], { source: withSource.id, quote: "A is strong", note: "gloss" }));
    expect(cited.actors[0]!.capability.evidence[0]).toMatchObject({ source: "interview", quote: "A is strong" });
    const widened = valid(widenRange(hanoi, ["stances", "USA", "sanctions", "salience"], 100));
    expect(widened.stances["USA"]!["sanctions"]!.salience.range).toEqual([60, 100]);
    expect(widened.stances["USA"]!["sanctions"]!.salience.value).toBe(100);
  });
});
