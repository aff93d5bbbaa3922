/** Property tests over random domains, the sorted-outcome lookups, and reproducibility for any number of workers. */
import { describe, expect, it } from "vitest";
import { createOutcomeSpace } from "../../src/outcomes/space.js";
import { additiveUtility } from "../../src/outcomes/utility.js";
import { createRng } from "../../src/random.js";
import { validateScenarioData } from "../../src/scenario/validate.js";
import type { Scenario } from "../../src/scenario/types.js";
import { SortedOutcomes } from "../../src/simulation/negotiators/sorted-outcomes.js";
import { STRATEGIES } from "../../src/simulation/negotiators/names.js";
import { simulate } from "../../src/simulation/simulate.js";
import { simulateRuns } from "../../src/simulation/monte-carlo.js";
import { tournament } from "../../src/simulation/tournament.js";
import { markedRanks, spaceStakes, type NegotiationStakes } from "../../src/simulation/stakes.js";
import { outcomeFromRecord } from "../../src/outcomes/space.js";

/** A random additive domain: 1–4 issues of 2–6 values, 2–4 parties, random weights, values and walk-aways. */
function randomDomain(seed: number): NegotiationStakes {
  const random = createRng(seed);
  const issues = 1 + Math.floor(random() * 4);
  const space = createOutcomeSpace(Array.from({ length: issues }, (_, i) => ({ name: `i${i}`, values: Array.from({ length: 2 + Math.floor(random() * 5) }, (_, v) => `v${v}`) })));
  const parties = 2 + Math.floor(random() * 3);
  const utilities = Array.from({ length: parties }, () => {
    const raw = space.issues.map(() => random());
    const total = raw.reduce((a, b) => a + b, 0);
    // Rounded values make ties, which the lookups must order by rank.
    return additiveUtility(space, { weights: raw.map((w) => w / total), values: space.issues.map((issue) => issue.values.map(() => Math.round(random() * 4) / 4)), reservation: random() * 0.6 });
  });
  return spaceStakes(space, utilities.map((_, p) => `P${p}`), utilities);
}

describe("sorted outcomes", () => {
  it("lowerBound and rankAt agree with a full sort by (utility, rank)", () => {
    for (let seed = 0; seed < 30; seed++) {
      const random = createRng(seed);
      const n = 1 + Math.floor(random() * 3000);
      const table = Float64Array.from({ length: n }, () => Math.round(random() * 50) / 50);
      const mask = Uint8Array.from({ length: n }, () => (random() < 0.8 ? 1 : 0));
      const index = new SortedOutcomes(table, markedRanks(mask));
      const expected = [...table.keys()].filter((r) => mask[r] === 1).sort((a, b) => table[a]! - table[b]! || a - b);
      expect(index.count).toBe(expected.length);
      for (let k = 0; k < 40; k++) {
        const target = random() * 1.2 - 0.1;
        const want = expected.findIndex((r) => table[r]! >= target);
        expect(index.lowerBound(target)).toBe(want < 0 ? expected.length : want);
      }
      // Out of order on purpose: buckets are sorted on first touch.
      for (let k = 0; k < 40 && expected.length > 0; k++) {
        const i = Math.floor(random() * expected.length);
        expect(index.rankAt(i)).toBe(expected[i]);
      }
    }
  });
});

describe("random domains", () => {
  it("every agreement is acceptable to every signatory, and every offer to its proposer", () => {
    let agreements = 0;
    for (let seed = 0; seed < 60; seed++) {
      const stakes = randomDomain(seed);
      const random = createRng(1000 + seed);
      const strategies = Object.fromEntries(stakes.parties.map((id) => [id, STRATEGIES[Math.floor(random() * STRATEGIES.length)]!]));
      const result = simulate({ stakes }, { strategies, deadline: 5 + Math.floor(random() * 80), seed });
      for (const entry of result.trace) {
        if (!entry.offer) continue;
        const rank = rankOf(stakes, entry.offer);
        expect(stakes.acceptable(stakes.parties.indexOf(entry.party))[rank]).toBe(1);
      }
      if (result.deal) {
        agreements++;
        const rank = rankOf(stakes, result.deal);
        for (const p of stakes.signatories) {
          expect(stakes.acceptable(p)[rank]).toBe(1);
          expect(result.utilities[stakes.parties[p]!]!).toBeGreaterThanOrEqual(stakes.walkAway[p]! - 1e-12);
        }
      }
    }
    expect(agreements).toBeGreaterThan(10);
  });

  it("the same seed gives the same trace, byte for byte", () => {
    for (let seed = 0; seed < 10; seed++) {
      const stakes = randomDomain(seed);
      const options = { defaultStrategy: "tit-for-tat", deadline: 60, collapse: 0.01, seed };
      expect(JSON.stringify(simulate({ stakes }, options))).toBe(JSON.stringify(simulate({ stakes }, options)));
    }
  });
});

function rankOf(stakes: NegotiationStakes, record: Record<string, string | number>): number {
  const outcome = outcomeFromRecord(stakes.space, record);
  return outcome.reduce((rank, v, i) => rank * stakes.space.issues[i]!.values.length + v, 0);
}

/** A small scenario with uncertain judgements. */
function smallScenario(): Scenario {
  const result = validateScenarioData({
    parley: 1,
    id: "two-issues",
    title: "Two issues",
    actors: [
      { id: "A", name: "A", capability: { value: 60, range: [40, 80] } },
      { id: "B", name: "B", capability: 40 },
      { id: "C", name: "C", capability: 20 },
    ],
    issues: [
      { id: "x", name: "x", scale: { min: 0, max: 100 }, reference: 50 },
      { id: "y", name: "y", options: [{ id: "no", label: "no" }, { id: "some", label: "some" }, { id: "yes", label: "yes" }], reference: "no" },
    ],
    stances: {
      A: { x: { position: { value: 90, range: [70, 100] }, salience: 70 }, y: { position: "yes", salience: { value: 40, range: [20, 60] } } },
      B: { x: { position: 10, salience: { value: 60, range: [40, 80] } }, y: { position: "no", salience: 50 } },
      C: { x: { position: { value: 50, range: [30, 70] }, salience: 30 }, y: { position: "some", salience: 80 } },
    },
    simulation: { deadline: 40 },
  }, { file: "two-issues.yaml" });
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join("\n"));
  return result.scenario;
}

describe("Monte Carlo and tournaments", () => {
  it("give the same report for 1 and 2 workers", async () => {
    const scenario = smallScenario();
    const options = { runs: 80, seed: 3, step: 10, collapse: 0.01, strategyPool: ["boulware", "conceder", "tit-for-tat"] };
    const one = await simulateRuns(scenario, { ...options, workers: 1 });
    const two = await simulateRuns(scenario, { ...options, workers: 2 });
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
    expect(one.completed).toBe(80);
    expect(one.agreementRate).toBeGreaterThan(0);
    const shares = one.issues.map((issue) => issue.values.reduce((s, v) => s + v.share, 0));
    for (const s of shares) expect(s).toBeCloseTo(1, 12);
  }, 60_000);

  it("tournaments tabulate every profile, the same for any number of workers", async () => {
    const scenario = smallScenario();
    const options = { pool: ["hardliner", "linear", "conceder"], players: ["A", "B"], step: 10, runs: 12, seed: 1 };
    const one = await tournament(scenario, { ...options, workers: 1 });
    const two = await tournament(scenario, { ...options, workers: 2 });
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
    expect(one.profiles).toHaveLength(9);
    expect(one.profiles.every((p) => p.games === 12)).toBe(true);
    const hardliners = one.profiles.find((p) => p.strategies["A"] === "hardliner" && p.strategies["B"] === "hardliner")!;
    expect(hardliners.agreementRate).toBe(0);
  }, 60_000);
});
