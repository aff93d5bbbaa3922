import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../src/scenario/diagnostics.js";
import { validateScenario } from "../../src/scenario/validate.js";

const BASE = `parley: 1
id: demo
title: Demo
actors:
  - {id: A, name: A, capability: CAP_A}
  - {id: B, name: B, capability: 20}
issues:
  - id: tax
    name: Tax
    scale: {min: 0, max: 100}
  - id: form
    name: Form
    options: [{id: treaty, label: T}, {id: statement, label: S}]
stances:
  A:
    tax: {position: POS_A, salience: SAL_A}
    form: {position: FORM_A, salience: 40}
  B:
    tax: {position: 70, salience: 50}
    form: {position: statement, salience: 60}
`;

function scenario(parts: Partial<Record<"CAP_A" | "POS_A" | "SAL_A" | "FORM_A", string>>): string {
  return BASE.replace("CAP_A", parts.CAP_A ?? "10")
    .replace("POS_A", parts.POS_A ?? "30")
    .replace("SAL_A", parts.SAL_A ?? "80")
    .replace("FORM_A", parts.FORM_A ?? "treaty");
}

function errors(text: string): string[] {
  const result = validateScenario(text, { file: "s.yaml" });
  return result.ok ? [] : result.errors.map(formatDiagnostic);
}

describe("distributions in the scenario format", () => {
  it("loads every form and normalises it", () => {
    const result = validateScenario(
      scenario({
        CAP_A: "{value: 10, distribution: {estimates: [8, 10, 14], weights: [1, 2, 1]}}",
        POS_A: "{value: 30, range: [20, 50], distribution: triangular}",
        SAL_A: "{value: 80, distribution: {normal: {sd: 5}}}",
        FORM_A: "{value: treaty, distribution: {estimates: [treaty, statement], weights: [3, 1]}}",
      }),
      { file: "s.yaml" },
    );
    if (!result.ok) throw new Error(result.errors.map(formatDiagnostic).join("\n"));
    const s = result.scenario;
    expect(s.actors[0]!.capability.distribution).toEqual({ kind: "estimates", values: [8, 10, 14], weights: [1, 2, 1] });
    expect(s.stances["A"]!["tax"]!.position.distribution).toEqual({ kind: "triangular" });
    expect(s.stances["A"]!["tax"]!.salience.distribution).toEqual({ kind: "normal", sd: 5 });
    expect(s.stances["A"]!["form"]!.position.distribution).toEqual({ kind: "estimates", values: [0, 100], weights: [3, 1], options: ["treaty", "statement"] });
  });

  it("keeps old files loading: bare ranges and the bundled scenarios", () => {
    expect(errors(scenario({ POS_A: "{value: 30, range: [20, 40]}" }))).toEqual([]);
    for (const file of ["scenarios/hanoi-2019.yaml", "scenarios/ec-car-emissions.yaml"]) {
      const result = validateScenario(readFileSync(file, "utf8"), { file });
      expect(result.ok ? [] : result.errors.map(formatDiagnostic)).toEqual([]);
    }
  });

  it("reports a normal's sd ≤ 0 at the sd", () => {
    expect(errors(scenario({ SAL_A: "{value: 80, distribution: {normal: {sd: 0}}}" }))).toEqual([
      expect.stringMatching(/^s\.yaml:16:\d+: stances\.A\.tax\.salience\.distribution\.normal\.sd: sd 0 must be greater than 0/),
    ]);
  });

  it("reports estimates off the scale, unknown options and non-positive capabilities", () => {
    expect(errors(scenario({ POS_A: "{value: 30, distribution: {estimates: [20, 130]}}" }))).toEqual([
      expect.stringMatching(/stances\.A\.tax\.position\.distribution\.estimates\[1\]: estimate 130 is off the scale of "tax"; expected a number from 0 to 100/),
    ]);
    expect(errors(scenario({ FORM_A: "{value: treaty, distribution: {estimates: [treaty, statment]}}" }))).toEqual([
      expect.stringMatching(/estimates\[1\]: unknown option "statment" of issue "form" \(did you mean "statement"\?\)/),
    ]);
    expect(errors(scenario({ CAP_A: "{value: 10, distribution: {estimates: [0, 10]}}" }))).toEqual([
      expect.stringMatching(/actors\[0\]\.capability\.distribution\.estimates\[0\]: estimate 0 is out of range; expected a number greater than 0/),
    ]);
  });

  it("reports weights that do not match the estimates", () => {
    expect(errors(scenario({ SAL_A: "{value: 80, distribution: {estimates: [70, 80, 90], weights: [1, 2]}}" }))).toEqual([
      expect.stringMatching(/salience\.distribution\.weights: 2 weight\(s\) for 3 estimate\(s\); expected one weight per estimate/),
    ]);
    expect(errors(scenario({ SAL_A: "{value: 80, distribution: {estimates: [70, 90], weights: [-1, 2]}}" }))).toEqual([
      expect.stringMatching(/weights\[0\]: weight -1 is negative/),
    ]);
    expect(errors(scenario({ SAL_A: "{value: 80, distribution: {estimates: [70, 90], weights: [0, 0]}}" }))).toEqual([
      expect.stringMatching(/weights: the weights are all 0/),
    ]);
    expect(errors(scenario({ SAL_A: "{value: 80, distribution: {normal: {sd: 3}, weights: [1]}}" }))).toEqual([
      expect.stringMatching(/distribution\.weights: weights go with estimates/),
    ]);
  });

  it("needs a range for uniform and triangular, and names the forms on a typo", () => {
    expect(errors(scenario({ POS_A: "{value: 30, distribution: uniform}" }))).toEqual([
      expect.stringMatching(/position\.distribution: a uniform distribution needs a range \[low, high\]/),
    ]);
    expect(errors(scenario({ POS_A: "{value: 30, distribution: gaussian}" }))).toEqual([
      expect.stringMatching(/position\.distribution: expected uniform, triangular, \{normal: \{sd\}\} or \{estimates/),
    ]);
    expect(errors(scenario({ POS_A: "{value: 30, distribution: {normal: {mean: 3}}}" }))).toEqual([
      expect.stringMatching(/normal\.sd: missing; expected a number/),
      expect.stringMatching(/normal\.mean: unknown key "mean"; expected one of: sd/),
    ]);
  });

  it("keeps distributions off the values that are not sampled", () => {
    const text = scenario({}).replace("    scale: {min: 0, max: 100}\n", "    scale: {min: 0, max: 100}\n    reference: {value: 20, distribution: {normal: {sd: 3}}}\n");
    expect(errors(text)).toEqual([expect.stringMatching(/issues\[0\]\.reference\.distribution: unknown key "distribution"/)]);
  });
});
