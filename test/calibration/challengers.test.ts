import { describe, expect, it } from "vitest";
import { clusteredMean, proceduralForecast } from "../../src/backtest/challengers.js";
import type { BacktestCase } from "../../src/backtest/types.js";

const members = (positions: number[]): BacktestCase["actors"] => positions.map((position, i) => ({ id: `m${i}`, position, salience: 50, capability: 1 }));

describe("procedural model", () => {
  it("under unanimity moves from the status quo only as far as the member closest to it accepts", () => {
    // Status quo 0, members at 20, 60, 80: the member at 20 accepts up to 40; the Commission (100) takes 40.
    const c: BacktestCase = { id: "x", outcome: 0, reference: 0, proposer: "com", rule: { voting: "unanimity", codecision: false }, actors: [{ id: "com", position: 100 }, ...members([20, 60, 80])] };
    expect(proceduralForecast(c, 50)).toBe(40);
  });

  it("under QMV needs only a qualifying share of the weight", () => {
    // Members at 20, 60, 80, 90 (equal weight): 3 of 4 (75 % ≥ 72 %) accept up to 120 for the one at 60 → capped by 60's reach (120), 80's (160): the Commission's 100 passes.
    const c: BacktestCase = { id: "x", outcome: 0, reference: 0, proposer: "com", rule: { voting: "qmv", codecision: false }, actors: [{ id: "com", position: 100 }, ...members([20, 60, 80, 90])] };
    expect(proceduralForecast(c, 50)).toBe(100);
    // Co-decision with the Parliament at 10: it accepts only up to 20.
    expect(proceduralForecast({ ...c, rule: { voting: "qmv", codecision: true }, actors: [...c.actors, { id: "ep", position: 10 }] }, 50)).toBe(20);
  });

  it("is the compromise without a reference point or a rule", () => {
    expect(proceduralForecast({ id: "x", outcome: 0, actors: members([0, 100]) }, 42)).toBe(42);
  });
});

describe("clustered standard error", () => {
  it("treats a group's cases as one draw", () => {
    const { mean, se } = clusteredMean([1, 1, 3, 3], ["a", "a", "b", "b"]);
    expect(mean).toBe(2);
    // Group sums of deviations: −2 and +2; variance = 2/1 × 8 / 16 = 1.
    expect(se).toBeCloseTo(1, 12);
  });
});
