/** The exchange model on the spec's worked examples (no reference files needed) and its parameters. */
import { describe, expect, it } from "vitest";
import { exchangeModel, runExchange, resolveExchangeParameters, type ExchangeState } from "../../src/models/exchange/index.js";
import { ModelError, type ModelInput } from "../../src/models/types.js";

/** Actors × issues from rows of [position, salience 0–1, power]. */
function problem(rows: (readonly [number, number, number] | null)[][]): { state: ExchangeState; positions: Float64Array } {
  const actorCount = rows.length;
  const issueCount = rows[0]!.length;
  const salience = new Float64Array(actorCount * issueCount).fill(Number.NaN);
  const power = new Float64Array(actorCount * issueCount).fill(Number.NaN);
  const positions = new Float64Array(actorCount * issueCount).fill(Number.NaN);
  rows.forEach((row, a) =>
    row.forEach((cell, k) => {
      if (!cell) return;
      positions[a * issueCount + k] = cell[0];
      salience[a * issueCount + k] = cell[1];
      power[a * issueCount + k] = cell[2];
    }),
  );
  return { state: { actorCount, issueCount, salience, power }, positions };
}

describe("exchange model: the spec's worked examples", () => {
  it("2 × 2: A2 moves 100 → 80 on I2 for A1's 0 → 100 on I1, gain 5; then the start update", () => {
    const { state, positions } = problem([
      [[0, 0.1, 1], [0, 0.9, 1]],
      [[100, 0.6, 1], [100, 0.5, 1]],
    ]);
    const result = runExchange(state, positions, { rounds: 2 });
    const first = result.rounds[0]!;
    expect(first.startOutcomes[0]).toBeCloseTo(60 / 0.7, 12);
    expect(first.exchanges).toHaveLength(1);
    const e = first.exchanges[0]!;
    expect(e.actors).toEqual([1, 0]);
    expect(e.to[0]).toBeCloseTo(80, 12);
    expect(e.to[1]).toBeCloseTo(100, 12);
    expect(e.gains[0]).toBeCloseTo(5, 12);
    expect(first.votingOutcomes[1]).toBeCloseTo(40 / 1.4, 12);
    const next = result.rounds[1]!.start;
    expect(next[1 * 2 + 1]).toBeCloseTo(94, 12);
    expect(next[0 * 2 + 0]).toBeCloseTo(46, 12);
    expect(result.rounds[1]!.exchanges[0]!.gains[0]).toBeCloseTo(2.7, 12);
  });

  it("3 × 2: the outcome cap halves A's move, then the mixed-sign rule drops the recalculated exchange", () => {
    const { state, positions } = problem([
      [[0, 0.8, 1], [100, 0.2, 1]],
      [[100, 0.3, 1], [0, 0.9, 1]],
      [[60, 0.5, 1], [10, 0.5, 1]],
    ]);
    const round = runExchange(state, positions, { rounds: 1 }).rounds[0]!;
    expect(round.candidates).toBe(2);
    expect(round.exchanges).toHaveLength(1);
    expect(round.exchanges[0]!.gains[0]).toBeCloseTo(7.5, 12);
    expect(round.votingOutcomes[0]).toBeCloseTo(25, 12);
    expect(round.votingOutcomes[1]).toBeCloseTo(3.125, 12);
  });

  it("stops early once nothing is exchanged and says so", () => {
    const { state, positions } = problem([
      [[0, 0.5, 1], [0, 0.5, 1]],
      [[100, 0.5, 1], [100, 0.5, 1]],
    ]);
    const result = runExchange(state, positions, { rounds: 10 });
    expect(result.rounds).toHaveLength(1);
    expect(result.stableAfter).toBe(0);
  });

  it("a random exchange rate is reproducible from the seed and differs from equal gain", () => {
    const { state, positions } = problem([
      [[0, 0.1, 1], [0, 0.9, 1]],
      [[100, 0.6, 1], [100, 0.5, 1]],
    ]);
    const a = runExchange(state, positions, { rounds: 5, randomRate: 0.8, seed: 7 });
    const b = runExchange(state, positions, { rounds: 5, randomRate: 0.8, seed: 7 });
    const c = runExchange(state, positions, { rounds: 5, randomRate: 0.8, seed: 8 });
    const equal = runExchange(state, positions, { rounds: 5 });
    expect(Array.from(a.final)).toEqual(Array.from(b.final));
    expect(Array.from(a.final)).not.toEqual(Array.from(c.final));
    expect(Array.from(a.final)).not.toEqual(Array.from(equal.final));
    const e = a.rounds[0]!.exchanges[0]!;
    expect(e.gains[0]).toBeGreaterThan(0);
    expect(e.gains[1]).toBeGreaterThan(0);
  });
});

describe("exchange model: adapter and parameters", () => {
  const input: ModelInput = {
    actors: [
      { id: "a", capability: [1, 1] },
      { id: "b", capability: [1, 1] },
    ],
    issues: [
      { id: "p", min: 0, max: 10, reference: undefined },
      { id: "q", min: -50, max: 50, reference: undefined },
    ],
    stances: [
      [{ position: 0, salience: 10 }, { position: -50, salience: 90 }],
      [{ position: 10, salience: 60 }, { position: 50, salience: 50 }],
    ],
  };

  it("maps the scales: rounds[0] is the input, moves are on each issue's own scale", () => {
    const output = exchangeModel.run(input, { rounds: 3 });
    expect(output.rounds).toHaveLength(4);
    expect(output.rounds![0]!.positions).toEqual([[0, -50], [10, 50]]);
    const e = output.rounds![1]!.exchanges![0]!;
    expect(e.actors).toEqual([1, 0]);
    expect(e.issues).toEqual([0, 1]);
    expect(e.moves[0]).toBeCloseTo(-20, 12);
    expect(e.moves[1]).toBeCloseTo(10, 12);
    expect(output.rounds![1]!.positions[1]![1]).toBeCloseTo(44, 12);
    expect(output.forecasts[0]).toBeGreaterThan(0);
  });

  it("validates models.exchange like every model's parameters", () => {
    expect(resolveExchangeParameters({ rounds: 4, randomRate: 0.5, seed: 3 })).toEqual({ rounds: 4, randomRate: 0.5, seed: 3 });
    expect(() => resolveExchangeParameters({ round: 4 })).toThrow(/Unknown exchange parameter "round"; allowed parameters: rounds, randomRate, seed/);
    expect(() => resolveExchangeParameters({ randomRate: 2 })).toThrow(ModelError);
    expect(() => resolveExchangeParameters({ rounds: -1 })).toThrow(/whole number/);
    expect(() => exchangeModel.run(input, { parameters: { seed: "x" } })).toThrow(/seed must be a whole number/);
  });
});
