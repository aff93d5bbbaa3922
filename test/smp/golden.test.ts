/**
 * Golden tests: KTAB's own deterministic runs of its three shipped SMP examples
 * (`test/fixtures/ktab/*.expected.csv`: turn, actor, dim, position_0_100, prob_of_actor_position).
 */
import { describe, expect, it } from "vitest";
import { parseKtabCsv, parseKtabXml } from "../../src/importers/ktab.js";
import { runSmp } from "../../src/models/smp/index.js";
import { readFixture } from "../helpers.js";

const POSITION_TOLERANCE = 1e-9;
const PROBABILITY_TOLERANCE = 5e-5;

interface ExpectedRow {
  turn: number;
  actor: string;
  dim: number;
  position: number;
  probability: number;
}

const readReference = (file: string): string => readFixture(`ktab/${file}`);

function readExpected(file: string): ExpectedRow[] {
  const [header, ...lines] = readReference(file).trim().split(/\r?\n/);
  expect(header).toBe("turn,actor,dim,position_0_100,prob_of_actor_position");
  return lines.map((line) => {
    const [turn, actor, dim, position, probability] = line.split(",");
    return { turn: Number(turn), actor: actor ?? "", dim: Number(dim), position: Number(position), probability: Number(probability) };
  });
}

const CASES = [
  { input: "dummyData_3Dim.csv", expected: "dummyData_3Dim.expected.csv" },
  { input: "SOE-Pol-Comp.csv", expected: "SOE-Pol-Comp.expected.csv" },
  { input: "smpExample-deterministic.xml", expected: "smpExample-deterministic.expected.csv" },
];

describe("SMP reproduces KTAB's deterministic runs", () => {
  for (const testCase of CASES) {
    it(testCase.input, () => {
      const text = readReference(testCase.input);
      const scenario = testCase.input.endsWith(".xml")
        ? parseKtabXml(text, testCase.input)
        : parseKtabCsv(text, testCase.input);
      const result = runSmp(
        { actors: scenario.actors, dimensions: scenario.dimensions, accommodation: scenario.accommodation },
        scenario.parameters,
      );
      const expected = readExpected(testCase.expected);
      const lastTurn = Math.max(...expected.map((row) => row.turn));
      expect(result.turns.length - 1).toBe(lastTurn);
      expect(result.stopReason).toBe("converged");
      expect(expected.length).toBe(result.turns.length * scenario.actors.length * scenario.dimensions.length);

      let worstPosition = 0;
      let worstProbability = 0;
      for (const row of expected) {
        const actor = scenario.actors.findIndex((a) => a.name === row.actor);
        expect(actor, `actor ${row.actor}`).toBeGreaterThanOrEqual(0);
        const turn = result.turns[row.turn];
        expect(turn, `turn ${row.turn}`).toBeDefined();
        const position = turn?.positions[actor]?.[row.dim] ?? Number.NaN;
        const probability = turn?.probabilities[actor] ?? Number.NaN;
        const where = `turn ${row.turn}, ${row.actor}, dim ${row.dim}`;
        expect(Math.abs(position - row.position), `position at ${where}`).toBeLessThanOrEqual(POSITION_TOLERANCE);
        expect(Math.abs(probability - row.probability), `prob at ${where}`).toBeLessThanOrEqual(PROBABILITY_TOLERANCE);
        worstPosition = Math.max(worstPosition, Math.abs(position - row.position));
        worstProbability = Math.max(worstProbability, Math.abs(probability - row.probability));
      }
      expect(worstPosition).toBeLessThanOrEqual(POSITION_TOLERANCE);
      expect(worstProbability).toBeLessThanOrEqual(PROBABILITY_TOLERANCE);
    });
  }
});
