import { describe, expect, it } from "vitest";
import { sensitivity } from "../../src/uncertainty/sensitivity.js";
import { runCli } from "../helpers.js";
import { KNOWN, scenarioOf } from "./fixtures.js";

describe("sensitivity", () => {
  it("ranks the inputs of a scenario whose answer is known", async () => {
    const report = await sensitivity(scenarioOf(KNOWN), { runs: 3000, models: ["compromise"], seed: 1, workers: 1 });
    const tax = report.models[0]!.issues[0]!;
    expect(tax.inputs.map((e) => e.input)).toEqual(["stances.A.tax.position", "stances.B.tax.position", "stances.C.tax.salience"]);
    const [a, b, c] = tax.inputs;
    // Compromise with equal weights: A's position moves the mean by a third of its swing.
    expect(a!.atLow).toBeCloseTo(130 / 3, 10);
    expect(a!.atHigh).toBeCloseTo(230 / 3, 10);
    expect(a!.swing).toBeCloseTo(100 / 3, 10);
    expect(b!.swing).toBeCloseTo(10 / 3, 10);
    expect(a!.firstOrderRank).toBe(1);
    // Var of A's third ≈ (100/3)²/12, of B's ≈ (10/3)²/24: A explains nearly all the variance.
    expect(a!.firstOrder).toBeGreaterThan(0.95);
    expect(b!.firstOrder).toBeLessThan(0.03);
    expect(c!.firstOrder).toBeLessThan(0.03);
    expect(tax.firstOrderSum).toBeGreaterThan(0.95);
  });

  it("prints a tornado table and JSON from the command line", async () => {
    const run = await runCli("sensitivity", "scenarios/hanoi-2019.yaml", "-m", "compromise", "--runs", "200", "--workers", "1", "--top", "3");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Compromise \(weighted mean\) · Scope of denuclearisation/);
    expect(run.stdout).toMatch(/more \(--top, --json\)/);
    const json = await runCli("sensitivity", "scenarios/hanoi-2019.yaml", "-m", "compromise", "--runs", "200", "--workers", "1", "--json");
    const report = JSON.parse(json.stdout) as { measure: string; models: { issues: { inputs: { swing: number }[] }[] }[] };
    expect(report.measure).toMatch(/Sobol/);
    const swings = report.models[0]!.issues[0]!.inputs.map((e) => e.swing);
    expect([...swings].sort((x, y) => y - x)).toEqual(swings);
  });
});
