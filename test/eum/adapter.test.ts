import { describe, expect, it } from "vitest";
import { eumModel, runEum } from "../../src/models/eum/index.js";
import { ModelError, type ModelInput } from "../../src/models/types.js";

/** Three actors, two issues; C takes no stance on issue "tax"; A and B agree on "tax". */
const input: ModelInput = {
  actors: [
    { id: "A", capability: [1, 0.5] },
    { id: "B", capability: [0.2, 0.5] },
    { id: "C", capability: [0.5, 0.5] },
  ],
  issues: [
    { id: "lag", min: 0, max: 10, reference: undefined },
    { id: "tax", min: 0, max: 100, reference: 20 },
  ],
  stances: [
    [{ position: 0, salience: 90 }, { position: 40, salience: 50 }],
    [{ position: 10, salience: 30 }, { position: 40, salience: 80 }],
    [{ position: 4, salience: 50 }, null],
  ],
};

describe("eumModel adapter", () => {
  it("identifies itself as an iterative model", () => {
    expect(eumModel).toMatchObject({ id: "eum", iterative: true });
  });

  it("runs each issue separately and forecasts the final weighted median", () => {
    const output = eumModel.run(input, { rounds: 3 });
    const direct = runEum({
      actors: [
        { name: "A", capability: 1, position: 0, salience: 0.9 },
        { name: "B", capability: 0.2, position: 10, salience: 0.3 },
        { name: "C", capability: 0.5, position: 4, salience: 0.5 },
      ],
    }, { rounds: 3 });
    expect(output.forecasts).toEqual([direct.rounds[3]?.weightedMedian, 40]);
    expect(output.alternatives?.["weightedMean"]).toEqual([direct.rounds[3]?.weightedMean, 40]);
    expect(output.rounds).toHaveLength(4);
    expect(output.rounds?.[0]?.positions).toEqual([[0, 40], [10, 40], [4, null]]);
    expect(output.rounds?.[3]?.positions.map((row) => row[0])).toEqual(direct.rounds[3]?.positions);
    expect(output.rounds?.[3]?.positions.map((row) => row[1])).toEqual([40, 40, null]);
  });

  it("defaults to 10 rounds", () => {
    expect(eumModel.run(input).rounds).toHaveLength(11);
  });

  it("forecasts a lone actor's position on an issue with one stance", () => {
    const lone: ModelInput = { ...input, stances: [[input.stances[0]?.[0] ?? null, { position: 70, salience: 50 }], [input.stances[1]?.[0] ?? null, null], [input.stances[2]?.[0] ?? null, null]] };
    expect(eumModel.run(lone, { rounds: 2 }).forecasts[1]).toBe(70);
  });

  it("validates the variant parameter and accepts the paper variant", () => {
    expect(() => eumModel.run(input, { parameters: { variant: "papers" } })).toThrow(ModelError);
    expect(() => eumModel.run(input, { parameters: { variant: "papers" } })).toThrow(/allowed values: scholz-code, paper/);
    expect(() => eumModel.run(input, { parameters: { varient: "paper" } })).toThrow(/Unknown EUM parameter "varient"/);
    expect(eumModel.run(input, { rounds: 2, parameters: { variant: "paper" } }).details?.variant).toBe("paper");
  });

  it("reports bad stances in the analyst's units, naming actor and issue", () => {
    const bad: ModelInput = { ...input, stances: [[{ position: 0, salience: 130 }, null], ...input.stances.slice(1)] };
    expect(() => eumModel.run(bad)).toThrow(/Actor "A" on issue "lag": salience must be between 0 and 100, got 130/);
  });
});
