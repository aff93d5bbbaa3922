import { describe, expect, it } from "vitest";
import { validateScenario } from "../../src/scenario/validate.js";
import { twoByTwo } from "./fixtures.js";

function problems(text: string) {
  const result = validateScenario(text, { file: "t.yaml" });
  return { errors: result.ok ? [] : result.errors, warnings: result.warnings };
}

describe("validating red lines, linkage, outside options and the decision rule", () => {
  it("locates errors in red-line rules, credibilities, linkage, outside options and the decision", () => {
    const text = twoByTwo({
      a: "    reservation: {deal: presure}\n    linkage: [{when: utility(B) > 0.5, utility: 0.1}]",
      b: "    redLines:\n      - {id: r1, rule: accepts(C)}\n      - {id: r2, rule: x < 50, credibility: 1.5}\n      - {id: r2, rule: y > 5}",
      top: "decision: {veto: [A, Z], threshold: 1.5}",
    });
    const { errors } = problems(text);
    const byPath = (path: string) => errors.filter((e) => e.path === path).map((e) => e.message);
    expect(byPath("actors[0].reservation.deal")[0]).toMatch(/unknown deal "presure" \(did you mean "pressure"\?\)/);
    expect(byPath("actors[0].linkage[0].when")[0]).toContain("may not use utility");
    expect(byPath("actors[1].redLines[0].rule")[0]).toContain("unknown actor 'C'");
    expect(byPath("actors[1].redLines[1].credibility")[0]).toContain("expected a probability from 0 to 1");
    expect(byPath("actors[1].redLines[2].id")[0]).toContain('duplicate red line id "r2"');
    expect(byPath("decision.veto[1]")[0]).toContain('unknown actor "Z"');
    expect(byPath("decision.threshold")[0]).toContain("greater than 0 and at most 1");
    for (const e of errors) expect(e.line).toBeGreaterThan(0);
    const rule = errors.find((e) => e.path === "actors[1].redLines[0].rule")!;
    expect(text.split("\n")[rule.line - 1]!.slice(rule.column - 1)).toMatch(/^C\)/);
  });

  it("rejects a threshold of 0 and an empty decision", () => {
    expect(problems(twoByTwo({ top: "decision: {threshold: 0}" })).errors[0]!.message).toContain("greater than 0");
    expect(problems(twoByTwo({ top: "decision: {}" })).errors[0]!.message).toContain("expected `veto`, `threshold` or both");
    expect(problems(twoByTwo({ top: "decision: majority" })).errors.length).toBeGreaterThan(0);
  });

  it("warns about a red line that no outcome can meet", () => {
    const { errors, warnings } = problems(twoByTwo({ b: "    redLines: [{id: never, rule: x > 100 and y >= 0 and y <= 100}]" }));
    expect(errors).toEqual([]);
    const w = warnings.find((d) => d.path === "actors[1].redLines[0].rule");
    expect(w?.message).toContain("no outcome can meet this red line");
  });

  it("loads version-1 files unchanged and warns when they use version-2 keys", () => {
    const v1 = twoByTwo().replace("parley: 2", "parley: 1");
    expect(validateScenario(v1).ok).toBe(true);
    const { errors, warnings } = problems(twoByTwo({ top: "decision: {veto: [A]}" }).replace("parley: 2", "parley: 1"));
    expect(errors).toEqual([]);
    expect(warnings.map((w) => w.message).join()).toContain("write `parley: 2`");
    expect(problems(twoByTwo().replace("parley: 2", "parley: 3")).errors[0]!.message).toContain("please upgrade Parley");
  });

  it("accepts credibility with a range and normalises the decision", () => {
    const result = validateScenario(twoByTwo({ b: "    redLines: [{id: r, rule: x < 50, credibility: {value: 0.7, range: [0.5, 0.9]}}]", top: "decision: {veto: [A, B]}" }));
    if (!result.ok) throw new Error(result.errors[0]!.message);
    expect(result.scenario.actors[1]!.redLines[0]!.credibility).toMatchObject({ value: 0.7, range: [0.5, 0.9] });
    expect(result.scenario.decision).toMatchObject({ kind: "veto", veto: ["A", "B"] });
    expect(result.scenario.actors[0]!.redLines).toEqual([]);
  });
});
