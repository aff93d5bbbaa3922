import { describe, expect, it } from "vitest";
import { parseRule } from "../../src/rules/index.js";
import { run, schema } from "./fixtures.js";

describe("grammar coverage: texts that parse", () => {
  it.each([
    "roadmap >= 70",
    "roadmap>=70",
    "roadmap >= 70 and\n  declaration >= 80",
    "1 < 2 and 2 <= 2 and 3 > 2 and 3 >= 3 and 1 == 1 and 1 != 2",
    "1 ≤ 2 and 3 ≥ 2 and 1 ≠ 2",
    "2.5 * 2 == 5 and 10 / 4 == 2.5 and 1 + 1 - 1 == 1 and -1 < 0 and - (1 + 1) == -2",
    "not roadmap > 1 or not not accepts(USA)",
    "((roadmap > 1))",
    "definition in [agreed, partial] and definition not in [none]",
    "sanctions in [-10, 0, 20.5]",
    "any a in actors: accepts(a)",
    "all i in issues: salience(USA, i) >= 0",
    "(count a in actors: accepts(a)) >= 4",
    "any a in [ROK, JPN], i in issues: salience(a, i) >= 60 and against(a, i)",
    "any a in actors: all b in actors: gain(a) >= gain(b)",
    "deal(roadmap) > reference(roadmap) and position(USA, roadmap) > 0 and capability(USA) > 0 and capability(USA, roadmap) >= 0",
    "moved(sanctions) < 0 and toward(DPRK, sanctions) and not against(DPRK, sanctions)",
    "utility(USA) > reservation(USA) and gain(USA) > 0 and accepts(USA)",
    "abs(-1) == 1 and min(1, 2) == 1 and max(1, 2, 3) == 3",
    "'definition' == 'agreed'",
  ])("%s", (text) => {
    const result = parseRule(text, schema);
    expect(result.ok ? "ok" : JSON.stringify(result.errors)).toBe("ok");
  });
});

describe("precedence and grouping", () => {
  it("not binds tighter than and, which binds tighter than or", () => {
    // Reads as ((not roadmap > 100) and declaration > 100) or sanctions == 20.
    expect(run("not roadmap > 100 and declaration > 100 or sanctions == 20").value).toBe(true);
    expect(run("not (roadmap > 100 and declaration > 100 or sanctions == 20)").value).toBe(false);
  });

  it("comparison binds looser than arithmetic", () => {
    expect(run("roadmap - 5 * 2 == 65").value).toBe(true);
  });

  it("subtraction and division associate to the left", () => {
    expect(run("100 / 10 / 5 == 2 and 10 - 5 - 2 == 3").value).toBe(true);
  });

  it("a quantifier's condition runs to the end of its brackets", () => {
    expect(run("(all a in actors: accepts(a)) or roadmap > 70").value).toBe(true);
    expect(run("all a in actors: accepts(a) or roadmap > 70").value).toBe(true);
    expect(run("all a in actors: (accepts(a) or roadmap > 100)").value).toBe(false);
  });
});

describe("schemas", () => {
  it("checks against the schema given, not a fixed vocabulary", () => {
    const other = { actors: ["EU", "IRN"], issues: [{ id: "enrichment", kind: "numeric" as const }] };
    expect(parseRule("enrichment < 4 and accepts(IRN)", other).ok).toBe(true);
    expect(parseRule("roadmap > 1", other).ok).toBe(false);
  });

  it("an id that clashes with a keyword is reachable when quoted", () => {
    const clash = { actors: ["any"], issues: [{ id: "count", kind: "numeric" as const }] };
    expect(parseRule("'count' > 1 and accepts('any')", clash).ok).toBe(true);
  });

  it("an empty schema still parses pure arithmetic and quantifies over nothing", () => {
    const empty = { actors: [], issues: [] };
    const result = parseRule("1 < 2 and (all a in actors: accepts(a)) and not (any i in issues: moved(i) > 0)", empty);
    expect(result.ok).toBe(true);
  });
});
