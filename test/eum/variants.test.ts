import { describe, expect, it } from "vitest";
import { parseEumCsv } from "../../src/importers/eum-csv.js";
import { PAPER_RULES, resolveRules, runEum, SCHOLZ_CODE_RULES, type EumOptions } from "../../src/models/eum/index.js";
import { EUM_REFERENCE, readGolden, readReference } from "./reference.js";

const example = () => parseEumCsv(readReference("eum/ExampleActors.csv"), "ExampleActors.csv");
const mirrored = () => ({ actors: example().actors.map((actor) => ({ ...actor, position: -actor.position })) });
const finalPositions = (options: EumOptions, input = example()) => runEum(input, options).rounds[10]?.positions ?? [];
const maxDifference = (a: readonly number[], b: readonly number[]) => Math.max(...a.map((value, i) => Math.abs(value - (b[i] as number))));

describe.skipIf(!EUM_REFERENCE)("EUM variants", () => {
  const goldenFinal = EUM_REFERENCE ? (readGolden("eum/ExampleActors.expected.csv").rows[10]?.positions ?? []) : [];

  it("scholz-code is the default and resolves to the reference rules", () => {
    expect(resolveRules("scholz-code")).toEqual(SCHOLZ_CODE_RULES);
    expect(maxDifference(finalPositions({}), goldenFinal)).toBeLessThan(1e-9);
  });

  it("the paper variant differs from the reference code on the EC case", () => {
    expect(resolveRules("paper")).toEqual(PAPER_RULES);
    const paper = runEum(example(), { variant: "paper" });
    expect(maxDifference(paper.rounds[10]?.positions ?? [], goldenFinal)).toBeGreaterThan(1);
    expect(paper.rounds.every((round) => round.positions.every(Number.isFinite))).toBe(true);
  });

  it("the reference code is not mirror-invariant; the paper variant is", () => {
    const negate = (positions: number[]) => positions.map((position) => -position);
    expect(maxDifference(negate(finalPositions({}, mirrored())), finalPositions({}))).toBeGreaterThan(1);
    expect(maxDifference(negate(finalPositions({ variant: "paper" }, mirrored())), finalPositions({ variant: "paper" }))).toBeLessThan(1e-9);
  });

  it("least-movement compromise selection alone changes the EC result (the key matters)", () => {
    expect(maxDifference(finalPositions({ rules: { compromiseSelection: "least-movement" } }), goldenFinal)).toBeGreaterThan(1);
  });

  it("a working capitulation rule alone leaves the EC case unchanged (spec §7)", () => {
    expect(maxDifference(finalPositions({ rules: { capitulation: true } }), goldenFinal)).toBeLessThan(1e-9);
  });

  it("the status-quo probability only matters with the paper's no-challenge term", () => {
    // In the reference code Q just scales U_sq; with Q < 1 the paper's term changes the dynamics.
    const paperHalf = finalPositions({ variant: "paper", statusQuoProbability: 0.5 });
    expect(maxDifference(paperHalf, finalPositions({ variant: "paper" }))).toBeGreaterThan(1);
  });

  it("keeps running without NaN after every actor has converged (equal danger levels → r = 1)", () => {
    const result = runEum(example(), { variant: "paper", rounds: 12 });
    const last = result.rounds[12];
    expect(last?.positions.every((position) => position === last.positions[0])).toBe(true);
    expect(Number.isFinite(last?.weightedMean)).toBe(true);
  });
});
