import { describe, expect, it } from "vitest";
import { parseEumCsv } from "../../src/importers/eum-csv.js";
import { buildContext, playRound, runEum, type NormaliserSummation } from "../../src/models/eum/index.js";
import { EUM_REFERENCE, readGolden, readReference } from "./reference.js";

const TOLERANCE = 1e-9;

function loadExample() {
  return parseEumCsv(readReference("eum/ExampleActors.csv"), "ExampleActors.csv");
}

describe.skipIf(!EUM_REFERENCE)("EUM golden: ExampleActors (EC car emissions), Scholz reference code", () => {
  const golden = EUM_REFERENCE ? readGolden("eum/ExampleActors.expected.csv") : { actorNames: [], rows: [] };

  it("reads the actors in the golden file's column order", () => {
    expect(loadExample().actors.map((actor) => actor.name)).toEqual(golden.actorNames);
  });

  for (const summation of ["exact-order", "sorted"] as NormaliserSummation[]) {
    it(`matches all 10 rounds, every actor and both summaries within 1e-9 (${summation} normaliser)`, () => {
      const result = runEum(loadExample(), { rounds: 10, normaliserSummation: summation });
      expect(result.rounds).toHaveLength(golden.rows.length);
      result.rounds.forEach((round, index) => {
        const expected = golden.rows[index];
        if (expected === undefined) throw new Error(`no golden row ${index}`);
        expect(round.round).toBe(expected.round);
        expect(round.positions).toHaveLength(expected.positions.length);
        round.positions.forEach((position, actor) => {
          expect(Math.abs(position - (expected.positions[actor] as number)), `round ${index}, actor ${actor}`).toBeLessThanOrEqual(TOLERANCE);
        });
        expect(Math.abs(round.weightedMean - expected.weightedMean), `mean, round ${index}`).toBeLessThanOrEqual(TOLERANCE);
        expect(Math.abs(round.weightedMedian - expected.weightedMedian), `median, round ${index}`).toBeLessThanOrEqual(TOLERANCE);
      });
    });
  }

  it("round 4: Belgium at 9.96 compromises toward the Netherlands (lowest key), not France", () => {
    const context = buildContext(loadExample());
    const round3 = golden.rows[3]?.positions ?? [];
    const belgiumMove = playRound(context, round3).moves.find((move) => move.actor === 1);
    expect(belgiumMove).toMatchObject({ partner: 0, kind: "compromise" });
    expect(belgiumMove?.to).toBeCloseTo(4.800881140632622, 12);
  });

  it("round 1 risk exponents span [0.5, 2]", () => {
    const exponents = playRound(buildContext(loadExample()), golden.rows[0]?.positions ?? []).riskExponents;
    expect(Math.min(...exponents)).toBeCloseTo(0.5, 12);
    expect(Math.max(...exponents)).toBeCloseTo(2, 12);
  });

  it("ends with Luxembourg and Ireland sharing exactly the same float after a confrontation (round 9)", () => {
    const positions = runEum(loadExample(), { rounds: 9 }).rounds[9]?.positions ?? [];
    expect(positions[2]).toBe(positions[7]);
  });
});
