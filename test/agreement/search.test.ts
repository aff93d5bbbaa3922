import { describe, expect, it } from "vitest";
import { drawConstraints, drawPlan, drawScenario } from "../../src/agreement/draws.js";
import { agreementAsWritten, agreementForecast, drawWorkers } from "../../src/agreement/forecast.js";
import { fixOutcome, isAgreement, isAgreementFixed } from "../../src/agreement/model.js";
import { dealOutcome } from "../../src/deals/preferences.js";
import { loadScenario } from "../../src/files/load.js";
import { defaultWorkers } from "../../src/parallel/pool.js";
import { outcomeAt, prepareSearch, search, searchState } from "../../src/agreement/search.js";
import { createRng } from "../../src/random.js";
import { runCli } from "../helpers.js";
import { scenarioOf, twoByTwo } from "./fixtures.js";

/** Every agreement of the grid, by enumeration. */
function bruteForce(text: string, step: number): number {
  const s = scenarioOf(text);
  const prepared = prepareSearch(s, { step });
  let count = 0;
  const sizes = prepared.grids.map((g) => g.length);
  for (let rank = 0; rank < prepared.outcomes; rank++) {
    const k: number[] = [];
    let rest = rank;
    for (let i = sizes.length - 1; i >= 0; i--) {
      k[i] = rest % sizes[i]!;
      rest = Math.floor(rest / sizes[i]!);
    }
    if (isAgreement(prepared.model, outcomeAt(prepared, k))) count++;
  }
  return count;
}

describe("branch and bound over issues", () => {
  it("counts exactly the agreements enumeration finds, on random red lines, linkage and rules", () => {
    const rng = createRng(7);
    for (let trial = 0; trial < 12; trial++) {
      const cut = () => Math.round(rng() * 10) * 10;
      const text = twoByTwo({
        a: `    reservation: ${(rng() * 0.6).toFixed(2)}\n    linkage: [{when: x < ${cut()} and y > ${cut()}, utility: ${(rng() - 0.5).toFixed(2)}}]`,
        b: `    redLines: [{id: r, rule: x <= ${cut()} or y <= ${cut()}}]`,
        top: ["", "decision: {veto: [A]}", "decision: {threshold: 0.7}", "decision: {threshold: 0.9}"][trial % 4]!,
      });
      const prepared = prepareSearch(scenarioOf(text), { step: 10 });
      const result = search(searchState(prepared), { count: true });
      expect(result.count, `trial ${trial}`).toBe(bruteForce(text, 10));
      expect(search(searchState(prepared)).found).toBe(result.count! > 0);
    }
  });

  it("finds the Nash point of the acceptable set", () => {
    const s = scenarioOf(twoByTwo());
    const prepared = prepareSearch(s, { step: 10 });
    const best = search(searchState(prepared), { objective: { kind: "nash" } });
    // A gains (x + y)/200, B gains (100 − x + y)/200 − 0.5; at y = 100 the product (100 + x)(100 − x)/40000 peaks at x = 0.
    expect(outcomeAt(prepared, best.outcome!).values).toEqual([0, 100]);
    expect(best.score).toBeCloseTo(0.25, 12);
  });
});

describe("why not: minimal conflicting sets and what would have to change", () => {
  const conflicting = twoByTwo({ a: "    redLines: [{id: high-x, rule: x >= 60}]", b: "    redLines: [{id: low-x, rule: x <= 40}, {id: any-y, rule: y >= 0}]" });

  it("a pair of red lines that empties the zone is the minimal conflicting set", () => {
    const r = agreementAsWritten(scenarioOf(conflicting), { step: 10 });
    expect(r.possible).toBe(false);
    expect(r.probability).toBe(0);
    expect(r.conflicts).toEqual([{ redLines: ["A.high-x", "B.low-x"], walkAway: [] }]);
    expect(r.changes.map((c) => [c.constraint, c.opens])).toEqual([
      ["A.high-x", true],
      ["B.low-x", true],
    ]);
    expect(r.summary).toContain("red line A.high-x and red line B.low-x cannot all hold together");
  });

  it("a red line against a walk-away value, and how far the walk-away value would have to fall", () => {
    // B must keep x ≤ 20 with y at most 40: B's utility there is at most 0.5·1 + 0.5·0.4 = 0.7, A's at most 0.5·0.2 + 0.5·0.4 = 0.3 < 0.35.
    const r = agreementAsWritten(scenarioOf(twoByTwo({ a: "    reservation: 0.35", b: "    redLines: [{id: small, rule: x <= 20 and y <= 40}]" })), { step: 10 });
    expect(r.conflicts).toEqual([{ redLines: ["B.small"], walkAway: ["A"] }]);
    const walkAway = r.changes.find((c) => c.kind === "walkAway")!;
    expect(walkAway.opens).toBe(true);
    expect(walkAway.relaxBy).toBeCloseTo(0.05, 12);
  });

  it("the CLI prints the conflict and the --json fields", async () => {
    const { writeFileSync, mkdtempSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const file = join(mkdtempSync(join(tmpdir(), "parley-agreement-")), "c.yaml");
    writeFileSync(file, conflicting);
    const json = await runCli("agreement", file, "--step", "10", "--json");
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as { scenario: string; runs: number; probability: number; deals: { id: string; probability: number }[]; conflicts: unknown[] };
    expect(report).toMatchObject({ scenario: "two", runs: 0, probability: 0, conflicts: [{ redLines: ["A.high-x", "B.low-x"], walkAway: [] }] });
    expect(report.deals.map((d) => d.id)).toEqual(["middle", "pressure"]);
    const plain = await runCli("agreement", file, "--step", "10");
    expect(plain.stdout).toContain("What would have to change");
  });
});

describe("the chance of agreement", () => {
  const uncertain = twoByTwo({
    a: "    redLines: [{id: high-x, rule: x >= 60, credibility: 0.6}]",
    b: "    redLines: [{id: low-x, rule: x <= 40, credibility: {value: 0.5, range: [0.3, 0.7]}}]",
  });

  it("samples red-line credibility: the zone opens when either line fails", async () => {
    const r = await agreementForecast(scenarioOf(uncertain), { step: 10, runs: 400, seed: 3, workers: 1 });
    // Both hold with probability 0.6 · 0.5 = 0.3, so an agreement exists with probability 0.7.
    expect(r.possible).toBe(false);
    expect(r.probability).toBeGreaterThan(0.7 - 4 * r.standardError);
    expect(r.probability).toBeLessThan(0.7 + 4 * r.standardError);
  });

  it("is reproducible for a seed and identical for any number of workers", async () => {
    const s = scenarioOf(uncertain);
    const one = await agreementForecast(s, { step: 10, runs: 300, seed: 11, workers: 1 });
    const again = await agreementForecast(s, { step: 10, runs: 300, seed: 11, workers: 1 });
    const two = await agreementForecast(s, { step: 10, runs: 300, seed: 11, workers: 2 });
    expect(again).toEqual(one);
    expect(two).toEqual(one);
    const other = await agreementForecast(s, { step: 10, runs: 300, seed: 12, workers: 1 });
    expect(other.probability).not.toBe(one.probability);
  });

  it("adding a red line never raises the chance; relaxing one never lowers it", async () => {
    const base = await agreementForecast(scenarioOf(uncertain), { step: 10, runs: 200, seed: 5, workers: 1 });
    const more = await agreementForecast(
      scenarioOf(
        twoByTwo({
          a: "    redLines: [{id: high-x, rule: x >= 60, credibility: 0.6}, {id: y-high, rule: y >= 50, credibility: 0.5}]",
          b: "    redLines: [{id: low-x, rule: x <= 40, credibility: {value: 0.5, range: [0.3, 0.7]}}]",
        }),
      ),
      { step: 10, runs: 200, seed: 5, workers: 1 },
    );
    const relaxed = await agreementForecast(
      scenarioOf(
        twoByTwo({
          a: "    redLines: [{id: high-x, rule: x >= 40, credibility: 0.6}]",
          b: "    redLines: [{id: low-x, rule: x <= 40, credibility: {value: 0.5, range: [0.3, 0.7]}}]",
        }),
      ),
      { step: 10, runs: 200, seed: 5, workers: 1 },
    );
    expect(more.probability).toBeLessThanOrEqual(base.probability);
    expect(relaxed.probability).toBeGreaterThanOrEqual(base.probability);
    expect(relaxed.probability).toBe(1);
  });
});

describe("draws, fast paths", () => {
  it("judges a named deal decided once as isAgreement does, in every draw", () => {
    const hanoi = loadScenario("scenarios/hanoi-2019.yaml");
    const prepared = prepareSearch(hanoi);
    const plan = drawPlan(hanoi, 3);
    const fixed = hanoi.deals.map((deal) => fixOutcome(prepared.model, dealOutcome(hanoi, deal.values)));
    let agreements = 0;
    for (let k = 0; k < 200; k++) {
      const draw = drawScenario(plan, k);
      const state = searchState(prepared, draw.scenario, drawConstraints(draw.scenario, draw.redLines));
      draw.scenario.deals.forEach((deal, d) => {
        const expected = isAgreement(state.model, dealOutcome(draw.scenario, deal.values), state.constraints);
        expect(isAgreementFixed(state.model, fixed[d]!, state.constraints)).toBe(expected);
        if (expected) agreements++;
      });
    }
    // Both verdicts occur, so the comparison can fail.
    expect(agreements).toBeGreaterThan(0);
    expect(agreements).toBeLessThan(200 * hanoi.deals.length);
  });

  it("runs few draws in this thread and many on every core", () => {
    expect(drawWorkers(10_000, 450)).toBe(1);
    expect(drawWorkers(1, 1e9)).toBe(defaultWorkers());
  });
});
