/** The Decide input format: detection, ids from names, scales, and located errors. */
import { describe, expect, it } from "vitest";
import { detectDecide, parseDecide, scenarioFromDecide } from "../../src/importers/decide.js";
import { ImportError } from "../../src/importers/errors.js";
import { detectFormat } from "../../src/files/input.js";
import { validateScenarioData } from "../../src/scenario/validate.js";

const FILE = [
  "'#A'\t'eu'\t'EU (incl Norway)'\t'the Union'",
  "'#A'\t'us'\t'United States'\t''",
  "'#P'\t'cut'\t'Emission cut'\t'How deep'\t'by 2030'",
  "'#M'\t'cut'\t10\t'shallow'",
  "'#M'\t'cut'\t60\t'deep'",
  "'#P'\t'fund'\t'Fund'\t''",
  "'#/'\t'a comment'",
  "'#D'\t'eu'\t'cut'\t50\t0.9\t0.3",
  "'#D'\t'us'\t'cut'\t20\t0.55\t0.7",
  "'#D'\t'eu'\t'fund'\t80\t0.2\t0.3",
  "'#D'\t'us'\t'fund'\t10\t0.8\t0.5",
].join("\n");

describe("Decide importer", () => {
  it("is detected by content", () => {
    expect(detectDecide(FILE)).toBe(true);
    expect(detectFormat(FILE)).toBe("decide");
    expect(detectDecide("Actor,Capability,Position,Salience\nA,1,2,0.5")).toBe(false);
  });

  it("keeps the file's order, derives ids from names and keeps the names as labels", () => {
    const scenario = scenarioFromDecide(parseDecide(FILE, "case.txt"), "dir/case.txt");
    expect(scenario.actors.map((a) => [a.id, a.name])).toEqual([
      ["EU-incl-Norway", "EU (incl Norway)"],
      ["United-States", "United States"],
    ]);
    expect(scenario.actors[0]!.description).toBe("the Union");
    expect(scenario.issues.map((i) => i.id)).toEqual(["Emission-cut", "Fund"]);
    expect(scenario.issues[0]!.description).toBe("How deep by 2030");
    expect(scenario.issues[0]!.scale).toEqual({ min: 10, max: 60, anchors: { "10": "shallow", "60": "deep" } });
    expect(scenario.issues[1]!.scale).toEqual({ min: 0, max: 100 });
    expect(scenario.stances["United-States"]!["Emission-cut"]).toEqual({ position: 20, salience: 55 });
    expect(scenario.actors[1]!.capability).toBe(0.7);
    expect(scenario.actors[1]!.capabilityByIssue).toEqual({ Fund: 0.5 });
    expect(validateScenarioData(scenario, { file: "case.txt" }).ok).toBe(true);
  });

  const error = (text: string): ImportError => {
    try {
      parseDecide(text, "bad.txt");
    } catch (e) {
      if (e instanceof ImportError) return e;
      throw e;
    }
    throw new Error("expected an ImportError");
  };

  it("refuses zero salience or power, which crash the reference, with the line and column", () => {
    const zeroSalience = error(FILE.replace("50\t0.9\t0.3", "50\t0\t0.3"));
    expect(zeroSalience.message).toMatch(/^bad\.txt:8:20: salience \(field 5\) must be above 0/);
    expect(error(FILE.replace("20\t0.55\t0.7", "20\t0.55\t0")).message).toMatch(/^bad\.txt:9:25: power \(field 6\) must be above 0/);
  });

  it("locates the other mistakes", () => {
    expect(error(FILE.replace("'#D'\t'us'\t'fund'", "'#D'\t'uk'\t'fund'")).message).toMatch(/^bad\.txt:11:7: #D names actor "uk", which no #A row defines/);
    expect(error(FILE.replace("50\t0.9", "5o\t0.9")).message).toMatch(/^bad\.txt:8:17: position \(field 4\): expected a number, got "5o"/);
    expect(error(FILE.replace("50\t0.9", "70\t0.9")).message).toMatch(/^bad\.txt:8:17: position 70 is outside issue "cut"'s scale 10–60/);
    expect(error(`${FILE}\n'#0'\t'x'`).message).toMatch(/^bad\.txt:12:2: unknown row type "#0"/);
    expect(error(FILE.replace("'#M'\t'cut'\t10", "'#M'\t'cot'\t10")).message).toMatch(/^bad\.txt:4:7: #M names issue "cot"/);
  });

  it("counts columns past blanks and quotes, in any delimiter, and points past a short row's end", () => {
    const semicolons = ["#A; eu; EU", "#A; us; US", "#P; cut; Cut", "#D; eu; cut;  'x5'; 0.5; 1"].join("\n");
    const bad = error(semicolons);
    expect(bad.message).toMatch(/^bad\.txt:4:16: position \(field 4\): expected a number, got "x5"/);
    expect([bad.line, bad.column, bad.field]).toEqual([4, 16, "position (field 4)"]);
    expect(error(FILE.replace("'#D'\t'us'\t'fund'\t10\t0.8\t0.5", "'#D'\t'us'\t'fund'\t10")).message).toMatch(/^bad\.txt:11:20: a #D row needs actor id/);
  });
});
