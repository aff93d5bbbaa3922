import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../src/scenario/diagnostics.js";
import { validateScenario, validateScenarioData } from "../../src/scenario/validate.js";

const VALID = `parley: 1
id: demo
title: {en: Demo, zh: 演示}
sources:
  - id: src
    title: A source
    file: source.txt
actors:
  - id: A
    name: Alpha
    capability: 10
  - id: B
    name: {en: Beta, zh: 贝塔}
    capability:
      value: 20
      evidence:
        - {source: src, quote: "the quick brown fox"}
issues:
  - id: tax
    name: Tax rate
    scale: {min: 0, max: 100, anchors: {0: none, 100: all}}
    reference: 20
  - id: form
    name: Form
    options:
      - {id: treaty, label: Treaty}
      - {id: statement, label: Statement}
    reference: statement
stances:
  A:
    tax: {position: 30, salience: 80}
    form: {position: treaty, salience: 40}
  B:
    tax: {position: {value: 70, range: [60, 80]}, salience: 50}
    form: {position: statement, salience: 60}
`;

const SOURCE = "Once upon a time the quick\n brown fox jumped.";
const readSource = (path: string) => (path === "source.txt" ? SOURCE : undefined);

function errorsOf(text: string) {
  const result = validateScenario(text, { file: "s.yaml", readSource });
  if (result.ok) throw new Error("expected the scenario to be invalid");
  return result.errors;
}

function messages(text: string): string[] {
  return errorsOf(text).map(formatDiagnostic);
}

describe("validateScenario", () => {
  it("accepts a valid scenario and normalises it", () => {
    const result = validateScenario(VALID, { file: "s.yaml", readSource });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const s = result.scenario;
    expect(s.actors.map((a) => a.id)).toEqual(["A", "B"]);
    expect(s.actors[0]!.name).toEqual({ en: "Alpha" });
    expect(s.actors[1]!.capability.evidence[0]!.quote).toBe("the quick brown fox");
    expect(s.issues[1]!.options.map((o) => o.place)).toEqual([0, 100]);
    expect(s.stances["A"]!["form"]!.position).toMatchObject({ value: 0, option: "treaty" });
    expect(s.stances["B"]!["tax"]!.position.range).toEqual([60, 80]);
    expect(s.issues[0]!.reference?.value).toBe(20);
    expect(s.issues[1]!.reference).toMatchObject({ option: "statement", value: 100 });
  });

  it("accepts JSON with the same meaning", () => {
    const result = validateScenario(JSON.stringify({ parley: 1, id: "j", title: "J", actors: [{ id: "A", name: "A", capability: 1 }, { id: "B", name: "B", capability: 1 }], issues: [{ id: "x", name: "X", scale: { min: 0, max: 1 } }], stances: { A: { x: { position: 0, salience: 1 } }, B: { x: { position: 1, salience: 1 } } } }));
    expect(result.ok).toBe(true);
  });

  it("reports a syntax error with its line", () => {
    const [error] = errorsOf("parley: 1\nid: [unclosed\n");
    expect(error!.line).toBeGreaterThanOrEqual(2);
  });

  it("reports duplicate keys", () => {
    const text = VALID.replace("  A:\n    tax: {position: 30, salience: 80}", "  A:\n    tax: {position: 30, salience: 80}\n    tax: {position: 31, salience: 80}");
    expect(messages(text).join("\n")).toMatch(/s\.yaml:\d+:\d+: .*unique/i);
  });

  it("reports unknown keys at the key, with the allowed keys and a suggestion", () => {
    const text = VALID.replace("    capability: 10", "    capability: 10\n    capabilty: 3");
    const [error] = errorsOf(text);
    expect(error).toMatchObject({ line: 12, column: 5, path: "actors[0].capabilty" });
    expect(error!.message).toContain('unknown key "capabilty"');
    expect(error!.message).toContain('did you mean "capability"');
    expect(error!.message).toContain("expected one of: id, name, description, capability, reservation, capabilityByIssue");
  });

  it("reports references to unknown actors, issues, options and sources", () => {
    const text = VALID.replace("  B:\n    tax:", "  C:\n    tax:")
      .replace("form: {position: treaty, salience: 40}", "form: {position: pact, salience: 40}\n    taxes: {position: 1, salience: 1}")
      .replace("{source: src, quote", "{source: sorce, quote");
    const all = messages(text).join("\n");
    expect(all).toContain('stances.C: unknown actor "C"; expected one of: A, B');
    expect(all).toContain('unknown option "pact" of issue "form"');
    expect(all).toContain('unknown issue "taxes" (did you mean "tax"?)');
    expect(all).toContain('unknown source "sorce" (did you mean "src"?)');
  });

  it("reports positions off the scale and saliences outside 0–100", () => {
    const text = VALID.replace("tax: {position: 30, salience: 80}", "tax: {position: 130, salience: 180}");
    const errors = errorsOf(text);
    expect(errors.map((e) => e.path)).toEqual(["stances.A.tax.position", "stances.A.tax.salience"]);
    expect(errors[0]!.message).toContain("expected a number from 0 to 100");
    expect(errors[1]!.message).toContain("expected a number from 0 to 100");
    expect(errors[0]!.line).toBe(31);
  });

  it("reports a numeric position on an option issue and an option on a numeric issue", () => {
    const text = VALID.replace("form: {position: treaty", "form: {position: 3").replace("tax: {position: 30", "tax: {position: treaty");
    const all = messages(text).join("\n");
    expect(all).toContain("must be an option id: treaty, statement");
    expect(all).toContain("must be a number on its scale from 0 to 100");
  });

  it("reports duplicate ids, naming the first definition", () => {
    const text = VALID.replace("  - id: B\n    name: {en: Beta", "  - id: A\n    name: {en: Beta");
    expect(messages(text).join("\n")).toContain('duplicate actor id "A" (first defined at line 9)');
  });

  it("rejects NaN and infinity", () => {
    const text = VALID.replace("capability: 10", "capability: .nan").replace("tax: {position: 30", "tax: {position: .inf");
    const errors = errorsOf(text);
    expect(errors.map((e) => e.path)).toContain("actors[0].capability");
    expect(errors.map((e) => e.path)).toContain("stances.A.tax.position");
    for (const e of errors) expect(e.message).toMatch(/NaN|infinity|expected/);
  });

  it("reports a quote that is not in its source, and accepts one that differs only in whitespace", () => {
    const text = VALID.replace("the quick brown fox", "the slow brown fox");
    const [error] = errorsOf(text);
    expect(error!.path).toBe("actors[1].capability.evidence[0].quote");
    expect(error!.message).toContain('quote not found in source "src"');
    // "quick\n brown" in the source matches "quick brown" in the quote: already the valid case.
  });

  it("warns, rather than fails, when a source file is unavailable", () => {
    const result = validateScenario(VALID, { file: "s.yaml", readSource: () => undefined });
    expect(result.ok).toBe(true);
    expect(result.warnings.map((w) => w.message).join()).toContain("not available");
  });

  it("reports ranges that are reversed or do not contain the value", () => {
    const text = VALID.replace("range: [60, 80]", "range: [80, 60]");
    expect(messages(text).join()).toContain("is reversed");
    const text2 = VALID.replace("range: [60, 80]", "range: [72, 80]");
    expect(messages(text2).join()).toContain("does not contain the value 70");
  });

  it("reports missing fields and wrong types, all at once", () => {
    const text = VALID.replace("    capability: 10\n", "").replace("title: {en: Demo, zh: 演示}", "title: 5");
    const errors = errorsOf(text);
    const all = errors.map(formatDiagnostic).join("\n");
    expect(all).toContain("actors[0].capability: missing; expected a number");
    expect(all).toContain("title:");
    expect(errors.length).toBeGreaterThanOrEqual(2);
  });

  it("reports a scale whose max is not above its min, and anchors off the scale", () => {
    const text = VALID.replace("scale: {min: 0, max: 100, anchors: {0: none, 100: all}}", "scale: {min: 0, max: 100, anchors: {0: none, 120: all}}");
    expect(messages(text).join()).toContain("anchor 120 is off the scale");
    const text2 = VALID.replace("scale: {min: 0, max: 100,", "scale: {min: 100, max: 0,");
    expect(messages(text2).join()).toContain("must be greater than min");
  });

  it("refuses a newer format version with a clear message", () => {
    expect(messages(VALID.replace("parley: 1", "parley: 7")).join()).toContain("please upgrade Parley");
  });

  it("refuses a file that is not a mapping", () => {
    expect(messages("- just\n- a list\n").join()).toContain("expected a scenario");
  });

  it("locates errors in data given as an object", () => {
    const result = validateScenarioData({ parley: 1, id: "x" });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.path)).toContain("title");
  });
});
