/**
 * The space of agreements of a scenario (`analyzeScenario`, `parley analyze`): frontier and solutions over
 * the agreements only, with linkage, red lines, outside options and the decision rule. Hand-worked on the
 * two-by-two fixture at step 50 (x, y ∈ {0, 50, 100}); there u_A = (x + y)/200, u_B = (100 − x + y)/200, the
 * status quo (0, 0) gives A 0 and B 0.5.
 */
import { describe, expect, it } from "vitest";
import { agreementAsWritten } from "../../src/agreement/forecast.js";
import { analyzeScenario } from "../../src/outcomes/agreements.js";
import { loadInput } from "../../src/files/input.js";
import { runCli } from "../helpers.js";
import { scenarioOf, twoByTwo } from "../agreement/fixtures.js";

type Row = Record<string, string | number>;
const frontierOf = (a: { pareto: { outcomes: Row[][] } }): string[] => a.pareto.outcomes.flat().map((o) => `${o["x"]},${o["y"]}`).sort();

describe("the frontier of the agreements, worked by hand", () => {
  it("without linkage: the agreements are the outcomes both prefer to the status quo, the status quo excluded", () => {
    // Agreements (u_B ≥ 0.5): (0,50) (0,100) (50,50) (50,100) (100,100); (0,50) and (50,50) are dominated.
    const a = analyzeScenario(scenarioOf(twoByTwo()), { step: 50 });
    expect(a.agreement.acceptable).toBe(5);
    expect(a.agreement.statusQuo).toEqual({ x: 0, y: 0 });
    expect(frontierOf(a)).toEqual(["0,100", "100,100", "50,100"]);
    expect(a.pareto.points).toEqual([
      [1, 0.5],
      [0.75, 0.75],
      [0.5, 1],
    ]);
    // Nash over gains (u_A − 0, u_B − 0.5): 0.25 at (0,100), 0.1875 at (50,100), 0 at (100,100).
    expect(a.nash.outcomes).toEqual([{ x: 0, y: 100 }]);
    expect(a.nash.product).toBeCloseTo(0.25, 12);
    expect(a.agreement.summary).toBe("5 of 9 outcomes are agreements (acceptable to every actor; the status quo is no agreement).");
  });

  it("a linkage penalty takes an outcome off the frontier", () => {
    // A loses 0.3 at x = 50: (50,100) falls to (0.45, 0.75), dominated by (0,100) at (0.5, 1).
    const a = analyzeScenario(scenarioOf(twoByTwo({ a: "    linkage: [{id: half, when: x == 50, utility: -0.3}]" })), { step: 50 });
    expect(frontierOf(a)).toEqual(["0,100", "100,100"]);
    expect(a.agreement.acceptable).toBe(5);
  });

  it("a linkage bonus puts a dominated outcome on the frontier and moves the solutions", () => {
    // B gains 0.6 at (50,50): (0.5, 1.1) now dominates (0,100) at (0.5, 1).
    const a = analyzeScenario(scenarioOf(twoByTwo({ b: "    linkage: [{id: mid, when: x == 50 and y == 50, utility: 0.6}]" })), { step: 50 });
    expect(frontierOf(a)).toEqual(["100,100", "50,100", "50,50"]);
    expect(a.pareto.points).toContainEqual([0.5, 1.1]);
    // Nash: (0.5)(0.6) = 0.3 at (50,50) beats 0.1875 at (50,100).
    expect(a.nash.outcomes).toEqual([{ x: 50, y: 50 }]);
    expect(a.nash.product).toBeCloseTo(0.3, 12);
  });

  it("a red line removes agreements, and an outside option moves the walk-away value", () => {
    // B's red line y <= 50 leaves (0,50) and (50,50); (0,50) at (0.25, 0.75) and (50,50) at (0.5, 0.5) are both on the frontier.
    const lined = analyzeScenario(scenarioOf(twoByTwo({ b: "    redLines: [{id: low-y, rule: y <= 50}]" })), { step: 50 });
    expect(lined.agreement.acceptable).toBe(2);
    expect(frontierOf(lined)).toEqual(["0,50", "50,50"]);
    // A's outside option "pressure" (y = 50) is worth 0.25: (0,50) at 0.25 still counts, (0,100) and the rest stay.
    const outside = analyzeScenario(scenarioOf(twoByTwo({ a: "    reservation: {deal: pressure}" })), { step: 50 });
    expect(outside.reservations[0]).toBeCloseTo(0.25, 12);
    expect(outside.agreement.acceptable).toBe(5);
    // Nash over gains (u_A − 0.25, u_B − 0.5): (50,100) and (0,100) tie at 0.125; the ties come in enumeration
    // order (x first, then y), so (0,100) is reported first, as GENIUS and NegMAS would, and its utilities lead.
    expect(outside.nash.ties).toBe(2);
    expect(outside.nash.outcomes).toEqual([
      { x: 0, y: 100 },
      { x: 50, y: 100 },
    ]);
    // The distinct points stay in descending lexicographic order: (50,100)'s first, (0,100)'s second.
    expect(outside.nash.points).toHaveLength(2);
    expect(outside.nash.utilities).toEqual(outside.nash.points[1]);
  });

  it("a red line that empties the zone: no frontier, no solution, the minimal conflicting set", () => {
    const a = analyzeScenario(scenarioOf(twoByTwo({ a: "    redLines: [{id: high-x, rule: x >= 60}]", b: "    redLines: [{id: low-x, rule: x <= 40}]" })), { step: 50 });
    expect(a.agreement.acceptable).toBe(0);
    expect(a.pareto.size).toBe(0);
    expect(a.nash.utilities).toBeNull();
    expect(a.opposition).toBeNull();
    expect(a.agreement.conflicts).toEqual([{ redLines: ["A.high-x", "B.low-x"], walkAway: [] }]);
    expect(a.agreement.changes.map((c) => [c.constraint, c.opens])).toEqual([
      ["A.high-x", true],
      ["B.low-x", true],
    ]);
    expect(a.agreement.summary).toBe("No outcome of 9 is acceptable to every actor: red line A.high-x and red line B.low-x cannot all hold together.");
  });

  it("veto, unanimity and threshold: who must accept, and whose gains the solutions weigh", () => {
    // A's walk-away 0.7 leaves (100,50), (50,100) and (100,100) acceptable to A; B accepts 5 outcomes, two of them A's.
    const a = "    reservation: 0.7";
    const unanimity = analyzeScenario(scenarioOf(twoByTwo({ a })), { step: 50 });
    const vetoB = analyzeScenario(scenarioOf(twoByTwo({ a, top: "decision: {veto: [B]}" })), { step: 50 });
    const threshold = analyzeScenario(scenarioOf(twoByTwo({ a, top: "decision: {threshold: 0.2}" })), { step: 50 });
    expect([unanimity.agreement.acceptable, vetoB.agreement.acceptable]).toEqual([2, 5]);
    // Unanimity: gains (u_A − 0.7)(u_B − 0.5) are 0.0125 at (50,100) and 0 at (100,100).
    expect(unanimity.nash.outcomes).toEqual([{ x: 50, y: 100 }]);
    // Under B's veto only B's gain counts: its best agreement is (0,100).
    expect(vetoB.agreement.signatories).toEqual(["B"]);
    expect(vetoB.agreement.bargainers).toEqual(["B"]);
    expect(vetoB.nash.outcomes).toEqual([{ x: 0, y: 100 }]);
    // Threshold 0.2: either actor's acceptance is enough (A holds 75%, B 25%): A's 1 ∪ B's 5 outcomes, minus the status quo.
    expect(threshold.agreement.signatories).toEqual([]);
    expect(threshold.agreement.acceptable).toBe(6);
  });

  it("agrees with parley agreement on Hanoi: the count, and the Nash point is its most likely agreement", () => {
    const hanoi = loadInput("scenarios/hanoi-2019.yaml");
    const a = analyzeScenario(hanoi);
    const written = agreementAsWritten(hanoi);
    expect(a.agreement.acceptable).toBe(written.acceptable);
    expect(a.nash.outcomes).toContainEqual(written.mostLikely!.outcome);
  });
});

describe("spaces too large to search exactly", () => {
  // Six issues at step 5: 21⁶ = 85,766,121 outcomes, weight 1/6 each. A wants 100 on x1, x2, x3, x5; B wants 100
  // on x3, x4, x6 and 0 on the others: only x3 is common ground, so u_A + u_B ≤ 7/6 ≈ 1.1667.
  const big = (a: number, b: number) => `parley: 2
id: big
title: Big
actors:
  - {id: A, name: A, capability: 1, reservation: ${a}, redLines: [{id: r, rule: x1 >= 50}]}
  - {id: B, name: B, capability: 1, reservation: ${b}}
issues:
${[1, 2, 3, 4, 5, 6].map((i) => `  - {id: x${i}, name: X${i}, scale: {min: 0, max: 100}, reference: 0}`).join("\n")}
stances:
  A: {${[100, 100, 100, 0, 100, 0].map((p, i) => `x${i + 1}: {position: ${p}, salience: 50}`).join(", ")}}
  B: {${[0, 0, 100, 100, 0, 100].map((p, i) => `x${i + 1}: {position: ${p}, salience: 50}`).join(", ")}}
`;

  it("says so and estimates the share of agreements by uniform sampling, with its standard error", () => {
    const s = scenarioOf(big(0.5, 0.3));
    const a = analyzeScenario(s, { step: 5, maxNodes: 20_000, samples: 4000, seed: 9 });
    expect(a.agreement.exact).toBe(false);
    expect(a.agreement.acceptable).toBeNull();
    expect(a.pareto.size).toBe(0);
    const e = a.agreement.estimate!;
    expect(e.samples).toBe(4000);
    expect(e.hits).toBeGreaterThan(0);
    expect(e.share).toBeCloseTo(e.hits / 4000, 12);
    expect(e.standardError).toBeCloseTo(Math.sqrt((e.share * (1 - e.share)) / 4000), 12);
    expect(a.agreement.summary).toContain("too large to search exactly");
    // Reproducible for a seed; another seed samples other outcomes.
    expect(analyzeScenario(s, { step: 5, maxNodes: 20_000, samples: 4000, seed: 9 }).agreement.estimate).toEqual(e);
    expect(analyzeScenario(s, { step: 5, maxNodes: 20_000, samples: 4000, seed: 10 }).agreement.estimate!.hits).not.toBe(e.hits);
  });

  it("the estimate matches the exact share where the search can finish", () => {
    // At step 25 (5⁶ = 15,625 outcomes) the search finishes with the default budget: compare with a starved one.
    const s = scenarioOf(big(0.5, 0.3));
    const exact = analyzeScenario(s, { step: 25 });
    const sampled = analyzeScenario(s, { step: 25, maxNodes: 500, samples: 20_000, seed: 1 }).agreement.estimate!;
    const share = exact.agreement.acceptable! / exact.outcomes;
    expect(Math.abs(sampled.share - share)).toBeLessThan(4 * sampled.standardError);
  });

  it("parley agreement gives the estimate in its table and --json", async () => {
    const { writeFileSync, mkdtempSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const file = join(mkdtempSync(join(tmpdir(), "parley-big-")), "big.yaml");
    writeFileSync(file, big(0.5, 0.3));
    const s = scenarioOf(big(0.5, 0.3));
    const report = agreementAsWritten(s, { step: 5, maxNodes: 20_000, samples: 2000, seed: 4 });
    expect(report.exact).toBe(false);
    expect(report.estimate).toMatchObject({ samples: 2000, seed: 4 });
    expect(report.summary).toContain("too large to search exactly");
    // Walk-away values summing to 1.17 > 7/6: no agreement, which the bounds cannot prove within the budget.
    const none = agreementAsWritten(scenarioOf(big(0.62, 0.55)), { step: 5, maxNodes: 20_000, samples: 2000 });
    expect(none.possible).toBe(false);
    expect(none.estimate!.hits).toBe(0);
    expect(none.estimate!.upper95).toBeCloseTo(1 - 0.05 ** (1 / 2000), 12);
    expect(none.summary).toMatch(/^No agreement was found: the space \(85766121 outcomes\) is too large/);
    const json = await runCli("analyze", file, "--step", "5", "--json");
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout) as { agreement: { estimate: { samples: number; share: number; standardError: number } } };
    expect(parsed.agreement.estimate.samples).toBe(10_000);
  });
});

describe("bounded work", () => {
  it("a frontier over its comparison budget is not mapped: the agreements are still counted, and the summary says why", () => {
    const coalition = loadInput("scenarios/coalition-budget.yaml");
    const full = analyzeScenario(coalition, { step: 0.5 });
    expect(full.agreement.frontierTooLarge).toBe(false);
    expect(full.pareto.size).toBeGreaterThan(10);
    const starved = analyzeScenario(coalition, { step: 0.5, maxComparisons: 1000 });
    expect(starved.agreement).toMatchObject({ frontierTooLarge: true, exact: false, acceptable: full.agreement.acceptable });
    expect(starved.pareto.size).toBe(0);
    expect(starved.nash.utilities).toBeNull();
    expect(starved.agreement.summary).toMatch(/Pareto frontier is too large to map \(more than 1,000 comparisons\)\. Coarsen the grid with --step\.$/);
  });

  it("reports the search's progress against its node budget", () => {
    const seen: [string, number, number][] = [];
    analyzeScenario(loadInput("scenarios/hanoi-2019.yaml"), { step: 20, onProgress: (phase, done, total) => seen.push([phase, done, total]) });
    const search = seen.filter(([phase]) => phase === "search");
    expect(search.length).toBeGreaterThan(0);
    expect(search.every(([, done, total]) => done > 0 && done <= total && total === 5_000_000)).toBe(true);
  });
});

describe("parley analyze and parley deal on Hanoi", () => {
  it("no outcome of North Korea's offer region is an agreement: every frontier outcome meets the US red line", async () => {
    const run = await runCli("analyze", "scenarios/hanoi-2019.yaml", "--json");
    expect(run.code).toBe(0);
    const a = JSON.parse(run.stdout) as { pareto: { outcomes: Row[][] }; nash: { outcomes: Row[] }; agreement: { acceptable: number; signatories: string[] } };
    expect(a.agreement.signatories).toEqual(["USA", "DPRK"]);
    const outcomes = [...a.pareto.outcomes.flat(), ...a.nash.outcomes];
    expect(outcomes.length).toBeGreaterThan(0);
    // The US line: no sanctions relief unless the North dismantles everything.
    for (const o of outcomes) expect(o["sanctions"] === 0 || (o["denuclearization"] as number) >= 100).toBe(true);
    // The offer itself (sanctions 60 for Yongbyon, 40) is no agreement.
    expect(outcomes.some((o) => o["sanctions"] === 60 && o["denuclearization"] === 40)).toBe(false);
    const plain = await runCli("analyze", "scenarios/hanoi-2019.yaml");
    expect(plain.stdout).toMatch(/^\d+ of 34,992 outcomes are agreements \(acceptable to USA and DPRK; the status quo is no agreement\)\.$/m);
    // With --agreement the deal is assessed at its own values: the offer's declaration 20 and verification 25 join
    // their issues' grids (0, 50, 100), so the space has 34,992 × 4/3 × 4/3 outcomes.
    const offer = await runCli("analyze", "scenarios/hanoi-2019.yaml", "--agreement", "dprk-offer");
    expect(offer.stdout).toMatch(/^[\d,]+ of 62,208 outcomes are agreements/m);
    expect(offer.stdout).toContain("Agreement denuclearization=40, declaration=20, verification=25, roadmap=0, definition=none, sanctions=60, missiles=0, alliance=50, normalization=0: utilities 0.379  0.704");
  });

  it("parley deal says the status quo is no agreement", async () => {
    const run = await runCli("deal", "scenarios/hanoi-2019.yaml", "--set", "denuclearization=0");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Verdict: no agreement — the status quo is no agreement");
    const json = await runCli("deal", "scenarios/hanoi-2019.yaml", "--set", "denuclearization=0", "--json");
    expect(JSON.parse(json.stdout)).toMatchObject({ statusQuo: true, agreement: false });
  });
});
