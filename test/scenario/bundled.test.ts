import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { forecast } from "../../src/forecast.js";
import { validateScenario, scenarioJsonSchema } from "../../src/scenario/validate.js";
import { loadScenario } from "../../src/files/load.js";
import { optionalShared, readShared } from "../helpers.js";

const bundled = readdirSync("scenarios").filter((f) => f.endsWith(".yaml"));

describe("bundled scenarios", () => {
  it.each(bundled)("%s validates and forecasts with every model", (file) => {
    const scenario = loadScenario(`scenarios/${file}`);
    for (const result of forecast(scenario)) {
      for (const [i, issue] of result.issues.entries()) {
        const scale = scenario.issues[i]!;
        expect(issue.forecast).toBeGreaterThanOrEqual(scale.min);
        expect(issue.forecast).toBeLessThanOrEqual(scale.max);
      }
    }
  });

  const SOURCE = optionalShared("sources/000_17413da9c86755dd.txt", "checking the Hanoi scenario's quotes against its source text (not redistributable)");
  it.skipIf(!SOURCE)("Hanoi 2019: every quote is found in the source document", () => {
    const source = readShared("sources/000_17413da9c86755dd.txt");
    const result = validateScenario(readFileSync("scenarios/hanoi-2019.yaml", "utf8"), {
      file: "scenarios/hanoi-2019.yaml",
      readSource: () => source,
    });
    expect(result.ok ? [] : result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it("Hanoi 2019: every number carries evidence or says it is the analyst's judgement", () => {
    const s = loadScenario("scenarios/hanoi-2019.yaml");
    const judgement = (note: { en?: string } | undefined) => /analyst's judgement/i.test(note?.en ?? "");
    const cited = (evidence: readonly { note?: { en?: string } }[]) => evidence.length > 0;
    expect(s.actors.map((a) => a.id)).toEqual(["USA", "DPRK", "ROK", "CHN", "JPN"]);
    for (const actor of s.actors) expect(cited(actor.capability.evidence) || judgement(actor.capability.note)).toBe(true);
    for (const issue of s.issues) {
      const ref = issue.reference!;
      expect(cited(ref.evidence) || judgement(ref.note), issue.id).toBe(true);
      for (const actor of s.actors) {
        const stance = s.stances[actor.id]![issue.id]!;
        const evidence = [...stance.evidence, ...stance.position.evidence, ...stance.salience.evidence];
        expect(cited(evidence) || judgement(stance.note), `${actor.id}/${issue.id}`).toBe(true);
      }
    }
  });

  it("Hanoi 2019: labels are bilingual", () => {
    const s = loadScenario("scenarios/hanoi-2019.yaml");
    const labels = [s.title, ...s.actors.map((a) => a.name), ...s.issues.flatMap((i) => [i.name, ...i.anchors.map((a) => a.label)])];
    for (const label of labels) {
      expect(label.en, JSON.stringify(label)).toBeTruthy();
      expect(label.zh, JSON.stringify(label)).toBeTruthy();
    }
  });

  it("the shipped JSON Schema is the one generated from the format's definition", () => {
    const shipped: unknown = JSON.parse(readFileSync("schema/scenario.schema.json", "utf8"));
    expect(shipped).toEqual(JSON.parse(JSON.stringify(scenarioJsonSchema())));
  });
});
