/** Hand-worked cases of the protocol and the agents (docs/simulation.md, "Checks"). */
import { describe, expect, it } from "vitest";
import { createOutcomeSpace } from "../../src/outcomes/space.js";
import { additiveUtility } from "../../src/outcomes/utility.js";
import { simulate } from "../../src/simulation/simulate.js";
import { markedRanks, spaceStakes, type NegotiationStakes } from "../../src/simulation/stakes.js";
import { targetUtility } from "../../src/simulation/negotiators/time-dependent.js";
import { STRATEGIES } from "../../src/simulation/negotiators/names.js";

/** One issue x = 0 … 10; A wants it high (u = x/10), B low (u = 1 − x/10). */
function symmetric(reservations: [number, number] = [0, 0]): NegotiationStakes {
  const values = Array.from({ length: 11 }, (_, v) => v);
  const space = createOutcomeSpace([{ name: "x", values }]);
  return spaceStakes(space, ["A", "B"], [
    additiveUtility(space, { weights: [1], values: [values.map((v) => v / 10)], reservation: reservations[0] }),
    additiveUtility(space, { weights: [1], values: [values.map((v) => 1 - v / 10)], reservation: reservations[1] }),
  ]);
}

describe("two linear agents on a symmetric domain", () => {
  for (const deadline of [11, 21, 41]) {
    it(`meet in the middle at the round the formula predicts (deadline ${deadline})`, () => {
      // p(t) = 1 − t with t = r / (D − 1); A opens each round with the first x/10 ≥ p(t), B answers. B accepts
      // A's offer once it is worth to B at least B's own next offer, i.e. once p(t) ≤ ½: round r = (D − 1)/2.
      const result = simulate({ stakes: symmetric() }, { defaultStrategy: "linear", deadline });
      const predicted = (deadline - 1) / 2;
      expect(targetUtility(predicted / (deadline - 1), 1, { max: 1, min: 0 })).toBe(0.5);
      expect(result.outcome).toBe("agreement");
      expect(result.round).toBe(predicted + 1);
      expect(result.deal).toEqual({ x: 5 });
      expect(result.utilities).toEqual({ A: 0.5, B: 0.5 });
      expect(result.trace.at(-1)).toMatchObject({ party: "B", action: "accept", offer: { x: 5 } });
      // A's last offer is the middle, worth ½ to it.
      expect(result.paths["A"]!.at(-1)).toBe(0.5);
    });
  }

  it("the linear path in the hand-worked 11-round case", () => {
    const result = simulate({ stakes: symmetric() }, { defaultStrategy: "linear", deadline: 11 });
    expect(result.paths["A"]).toEqual([1, 0.9, 0.8, 0.7, 0.6, 0.5]);
    // B also opens its first turn at its best (t = 0) and concedes a tenth a round until it accepts in round 6.
    expect(result.paths["B"]).toEqual([1, 0.9, 0.8, 0.7, 0.6]);
  });
});

describe("a hardliner against a conceder", () => {
  it("the hardliner gets (nearly) its best acceptable outcome", () => {
    for (const deadline of [10, 100, 1000]) {
      const result = simulate({ stakes: symmetric([0, 0]) }, { strategies: { A: "hardliner", B: "conceder" }, deadline });
      expect(result.outcome).toBe("agreement");
      expect(result.utilities["A"]).toBeGreaterThanOrEqual(0.99);
    }
  });
  it("… but never more than the conceder's walk-away leaves", () => {
    const result = simulate({ stakes: symmetric([0, 0.3]) }, { strategies: { A: "hardliner", B: "conceder" }, deadline: 50 });
    // A's best outcome (x = 10) is worth 0 to B, below its walk-away 0.3: the hardliner never moves, so no deal.
    expect(result.outcome).toBe("breakdown");
    expect(result.reason).toBe("deadline");
  });
});

describe("two hardliners with no overlap", () => {
  it("break down at the deadline", () => {
    // A accepts only x ≥ 8, B only x ≤ 2.
    const result = simulate({ stakes: symmetric([0.75, 0.75]) }, { defaultStrategy: "hardliner", deadline: 30 });
    expect(result.outcome).toBe("breakdown");
    expect(result.reason).toBe("deadline");
    expect(result.round).toBe(30);
    expect(result.deal).toBeNull();
    expect(result.utilities).toEqual({ A: 0.75, B: 0.75 });
    expect(result.trace).toHaveLength(60);
  });
  it("every strategy breaks down when no outcome is acceptable to both", () => {
    for (const a of STRATEGIES) {
      for (const b of STRATEGIES) {
        const result = simulate({ stakes: symmetric([0.75, 0.75]) }, { strategies: { A: a, B: b }, deadline: 40 });
        expect(result.outcome, `${a} vs ${b}`).toBe("breakdown");
      }
    }
  });
});

describe("walk-away values and red lines", () => {
  /** The symmetric domain with red lines: A never accepts x = 6 or 7, B never x = 4. */
  function withRedLines(): NegotiationStakes {
    const base = symmetric([0.2, 0.2]);
    const masks = [0, 1].map((p) => {
      const mask = base.acceptable(p).slice();
      for (const x of p === 0 ? [6, 7] : [4]) mask[x] = 0;
      return mask;
    });
    const ranks = masks.map(markedRanks);
    return { ...base, acceptable: (p) => masks[p]!, acceptableRanks: (p) => ranks[p]! };
  }

  it("an agent never offers or accepts across a red line or below its walk-away", () => {
    const stakes = withRedLines();
    for (const a of STRATEGIES) {
      for (const b of STRATEGIES) {
        for (const deadline of [5, 17, 60]) {
          const result = simulate({ stakes }, { strategies: { A: a, B: b }, deadline });
          for (const entry of result.trace) {
            if (!entry.offer) continue;
            const x = entry.offer["x"] as number;
            const p = entry.party === "A" ? 0 : 1;
            expect(stakes.acceptable(p)[x], `${a} vs ${b}: ${entry.party} ${entry.action} x=${x}`).toBe(1);
            expect(entry.utilities![entry.party]!).toBeGreaterThanOrEqual(0.2 - 1e-12);
          }
          if (result.deal) expect([6, 7, 4]).not.toContain(result.deal["x"]);
        }
      }
    }
  });

  it("an agent with nothing acceptable walks away", () => {
    const result = simulate({ stakes: symmetric([0, 1.5]) }, { defaultStrategy: "linear", deadline: 10 });
    expect(result).toMatchObject({ outcome: "breakdown", reason: "walk-away", walkedAway: "B", round: 1 });
  });
});

describe("collapse", () => {
  it("a collapse chance ends some talks early, reproducibly for a seed", () => {
    const runs = Array.from({ length: 40 }, (_, seed) => simulate({ stakes: symmetric() }, { defaultStrategy: "boulware", deadline: 200, collapse: 0.02, seed }));
    expect(runs.some((r) => r.reason === "collapse")).toBe(true);
    expect(runs.some((r) => r.outcome === "agreement")).toBe(true);
    const again = simulate({ stakes: symmetric() }, { defaultStrategy: "boulware", deadline: 200, collapse: 0.02, seed: 7 });
    expect(JSON.stringify(again)).toBe(JSON.stringify(runs[7]));
  });
});
