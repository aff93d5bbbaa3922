import { describe, expect, it } from "vitest";
import { alignment, completeLinkageBlocs, pairWeight, scaleDistance, statusQuoSides, testClaim, weightedDistance } from "../../src/alignment/alignment.js";
import { loadScenario } from "../../src/files/load.js";
import { validateScenario } from "../../src/scenario/validate.js";
import type { Scenario } from "../../src/scenario/types.js";

/** Three actors, two issues on different scales; C takes no stance on the second. */
const SMALL = `
parley: 1
id: small
title: Small
actors:
  - {id: A, name: A, capability: 10}
  - {id: B, name: B, capability: 10}
  - {id: C, name: C, capability: 10}
issues:
  - {id: i1, name: One, scale: {min: 0, max: 100}, reference: 50}
  - {id: i2, name: Two, scale: {min: 0, max: 10}, reference: 5}
stances:
  A: {i1: {position: 0, salience: 100}, i2: {position: 0, salience: 25}}
  B: {i1: {position: 20, salience: 100}, i2: {position: 10, salience: 100}}
  C: {i1: {position: 100, salience: 64}}
`;

function small(): Scenario {
  const result = validateScenario(SMALL);
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join("; "));
  return result.scenario;
}

describe("alignment building blocks", () => {
  it("measures gaps as a share of the scale", () => {
    expect(scaleDistance(20, 0, 0, 100)).toBe(0.2);
    expect(scaleDistance(0, 10, 0, 10)).toBe(1);
    expect(scaleDistance(3, 7, 5, 5)).toBe(0);
  });

  it("weighs an issue by the geometric mean of both saliences", () => {
    expect(pairWeight(100, 100)).toBe(100);
    expect(pairWeight(25, 100)).toBe(50);
    expect(pairWeight(0, 100)).toBe(0);
    expect(pairWeight(-5, 100)).toBe(0);
  });

  it("averages distances by weight; null without weight", () => {
    expect(weightedDistance([{ weight: 100, distance: 0.2 }, { weight: 50, distance: 1 }])).toBeCloseTo(70 / 150, 12);
    expect(weightedDistance([])).toBeNull();
    expect(weightedDistance([{ weight: 0, distance: 1 }])).toBeNull();
  });

  it("never chains distant actors into one bloc (complete linkage)", () => {
    // 0, 0.15, 0.30 on a line: single linkage at 0.2 would join all three; 0 and 0.30 are 0.3 apart.
    const x = [0, 0.15, 0.3];
    const d = x.map((a) => x.map((b) => Math.abs(a - b)));
    expect(completeLinkageBlocs(["P", "Q", "R"], d, 0.2)).toEqual([["P", "Q"], ["R"]]);
    expect(completeLinkageBlocs(["P", "Q", "R"], d, 0.3)).toEqual([["P", "Q", "R"]]);
    expect(completeLinkageBlocs(["P", "Q", "R"], d, 0.1)).toEqual([["P"], ["Q"], ["R"]]);
  });

  it("keeps actors with an unknown distance apart", () => {
    expect(completeLinkageBlocs(["P", "Q"], [[0, null], [null, 0]], 1)).toEqual([["P"], ["Q"]]);
  });

  it("sorts actors by side of the status quo", () => {
    expect(statusQuoSides([{ actor: "A", position: 10 }, { actor: "B", position: 50 }, { actor: "C", position: 90 }], 50)).toEqual({ below: ["A"], at: ["B"], above: ["C"] });
  });
});

describe("alignment of a small scenario, checked by hand", () => {
  const map = alignment(small());

  it("gives per-issue distances, null where an actor takes no stance", () => {
    const [i1, i2] = map.issues;
    expect(i1!.distances[0]![1]).toBeCloseTo(0.2, 12);
    expect(i1!.distances[0]![2]).toBeCloseTo(1, 12);
    expect(i1!.distances[1]![2]).toBeCloseTo(0.8, 12);
    expect(i2!.distances[0]![1]).toBeCloseTo(1, 12);
    expect(i2!.distances[0]![2]).toBeNull();
  });

  it("weighs the overall distance by √(s_a·s_b) over shared issues", () => {
    // A–B: i1 gap 0.2 weight √(100·100) = 100; i2 gap 1 weight √(25·100) = 50 → 70/150.
    expect(map.overall.distances[0]![1]).toBeCloseTo(70 / 150, 12);
    // A–C and B–C share only i1.
    expect(map.overall.distances[0]![2]).toBeCloseTo(1, 12);
    expect(map.overall.distances[1]![2]).toBeCloseTo(0.8, 12);
    expect(map.overall.distances[1]![0]).toBe(map.overall.distances[0]![1]);
    expect(map.overall.pairs.map((p) => `${p.a}-${p.b}`)).toEqual(["A-B", "B-C", "A-C"]);
  });

  it("finds blocs per issue and overall", () => {
    expect(map.issues[0]!.blocs).toEqual([["A", "B"], ["C"]]);
    expect(map.issues[1]!.blocs).toEqual([["A"], ["B"]]);
    expect(map.issues[0]!.sides).toEqual({ below: ["A", "B"], at: [], above: ["C"] });
    expect(map.overall.blocs).toEqual([["A"], ["B"], ["C"]]);
    expect(alignment(small(), { overallThreshold: 0.5 }).overall.blocs).toEqual([["A", "B"], ["C"]]);
  });

  it("tests claims", () => {
    expect(testClaim(map, { actors: ["A", "B"], issue: "i1" }).status).toBe("borne-out");
    const split = testClaim(map, { actors: ["A", "B", "C"], issue: "i1" });
    expect(split.status).toBe("partly"); // C is nearer B than anyone outside the core
    expect(split.core).toEqual(["A", "B"]);
    expect(split.outliers).toEqual([{ actor: "C", distanceToCore: 1, nearer: [] }]);
    expect(testClaim(map, { actors: ["A", "B"], issue: "i2" }).status).toBe("not-borne-out");
    expect(() => testClaim(map, { actors: ["A", "Z"] })).toThrow(/unknown actor "Z"/);
    expect(() => testClaim(map, { actors: ["A", "C"], issue: "i2" })).toThrow(/no stance/);
  });
});

describe("alignment on Hanoi", () => {
  const hanoi = loadScenario("scenarios/hanoi-2019.yaml");
  const map = alignment(hanoi);
  const at = (a: string) => map.actors.indexOf(a);

  it("computes USA–JPN over all issues from the scenario's numbers", () => {
    // [gap, s_USA, s_JPN] per issue, read off the scenario.
    const terms: [number, number, number][] = [
      [5, 90, 85],
      [5, 80, 65],
      [5, 75, 65],
      [5, 70, 55],
      [0, 60, 50],
      [5, 70, 60],
      [45, 50, 85],
      [60, 35, 75],
      [25, 40, 35],
    ];
    const w = terms.map(([, a, b]) => Math.sqrt(a * b));
    const expected = terms.reduce((sum, [gap], k) => sum + w[k]! * (gap / 100), 0) / w.reduce((x, y) => x + y, 0);
    expect(map.overall.distances[at("USA")]![at("JPN")]).toBeCloseTo(expected, 12);
    expect(map.overall.pairs[0]).toMatchObject({ a: "USA", b: "JPN" });
  });

  it("shows China and North Korea together on the alliance, South Korea not with them", () => {
    const alliance = map.issues.find((i) => i.issue === "alliance")!;
    expect(alliance.blocs).toEqual([["DPRK", "CHN"], ["USA"], ["ROK"], ["JPN"]]);
    expect(alliance.sides).toEqual({ below: ["USA", "DPRK", "CHN"], at: [], above: ["ROK", "JPN"] });
    const verdict = testClaim(map, { actors: ["CHN", "DPRK", "ROK"], issue: "alliance" });
    expect(verdict.status).toBe("not-borne-out");
    expect(verdict.core).toEqual(["CHN", "DPRK"]);
    expect(verdict.outliers[0]!.actor).toBe("ROK");
    expect(verdict.outliers[0]!.distanceToCore).toBeCloseTo(0.65, 12);
    expect(verdict.outliers[0]!.nearer.map((p) => [p.b, p.distance])).toEqual([
      ["USA", 0.25],
      ["JPN", 0.35],
    ]);
  });
});
