import { describe, expect, it } from "vitest";
import { runEum, type EumActor, type EumOptions } from "../../src/models/eum/index.js";
import { ModelError } from "../../src/models/types.js";

const actor = (name: string, position: number, overrides: Partial<EumActor> = {}): EumActor => ({
  name,
  capability: 0.5,
  position,
  salience: 0.5,
  ...overrides,
});
const pair = [actor("A", 0), actor("B", 10)];

function expectModelError(actors: readonly EumActor[], pattern: RegExp, options: EumOptions = {}): void {
  expect(() => runEum({ actors }, options)).toThrow(ModelError);
  expect(() => runEum({ actors }, options)).toThrow(pattern);
}

describe("runEum input validation", () => {
  it("needs at least two actors", () => expectModelError([actor("A", 1)], /at least two actors, got 1/));
  it("rejects a salience outside 0–1", () => expectModelError([actor("A", 0, { salience: 1.7 }), actor("B", 1)], /"A".*salience.*between 0 and 1, got 1.7/));
  it("rejects non-finite numbers", () => {
    expectModelError([actor("A", Number.NaN), actor("B", 1)], /"A".*position.*finite/);
    expectModelError([actor("A", 0, { capability: Number.POSITIVE_INFINITY }), actor("B", 1)], /capability/);
  });
  it("rejects a negative capability", () => expectModelError([actor("A", 0, { capability: -1 }), actor("B", 1)], /capability.*≥ 0/));
  it("rejects all positions equal (R = 0)", () => expectModelError([actor("A", 4), actor("B", 4)], /same position \(4\).*R would be 0/));
  it("rejects all weights zero", () => expectModelError([actor("A", 0, { salience: 0 }), actor("B", 1, { capability: 0 })], /nobody carries any weight/));
  it("rejects bad options", () => {
    expectModelError(pair, /rounds.*whole number/, { rounds: -1 });
    expectModelError(pair, /rounds.*whole number/, { rounds: 2.5 });
    expectModelError(pair, /status-quo probability.*between 0 and 1/, { statusQuoProbability: 1.5 });
    expectModelError(pair, /range R.*at least the spread/, { range: 5 });
    expectModelError(pair, /Unknown EUM variant "pape".*scholz-code, paper/, { variant: "pape" as never });
  });
  it("returns only round 0 for zero rounds, and never NaN on a valid small case", () => {
    expect(runEum({ actors: pair }, { rounds: 0 }).rounds).toHaveLength(1);
    const result = runEum({ actors: [actor("A", 0, { capability: 1, salience: 0.9 }), actor("B", 10, { capability: 0.2, salience: 0.3 }), actor("C", 4)] });
    expect(result.rounds).toHaveLength(11);
    for (const round of result.rounds) {
      expect([...round.positions, round.weightedMean, round.weightedMedian].every(Number.isFinite)).toBe(true);
    }
  });
  it("accepts a scale-based range at least the spread", () => {
    expect(runEum({ actors: pair }, { range: 100, rounds: 1 }).rounds).toHaveLength(2);
  });
});
