import { describe, expect, it } from "vitest";
import { COUNCIL_WEIGHTS } from "../../src/importers/council-weights.js";
import { councilWeight, DEU_ACTORS } from "../../src/importers/deu.js";

const sum = (column: string): number => [...COUNCIL_WEIGHTS.values()].reduce((total, row) => total + (row[column] ?? 0), 0);

describe("the built-in Council weights", () => {
  it("has a row for every DEU member state and nothing else", () => {
    const countries = DEU_ACTORS.flatMap((a) => (a.country !== undefined ? [a.country] : []));
    expect([...COUNCIL_WEIGHTS.keys()].sort()).toEqual([...countries].sort());
  });

  it("matches the treaties' totals: 87 votes among the EU-15, 352 under Nice with Croatia", () => {
    expect(sum("v15")).toBe(87);
    expect([...COUNCIL_WEIGHTS.values()].filter((row) => row["v15"] !== undefined)).toHaveLength(15);
    expect(sum("v25")).toBe(352);
    // Nice: the four largest 29 each, Spain and Poland 27, Malta 3.
    for (const big of ["Germany", "France", "Italy", "United Kingdom"]) expect(councilWeight(COUNCIL_WEIGHTS, big, "v25")).toBe(29);
    expect(councilWeight(COUNCIL_WEIGHTS, "Poland", "v25")).toBe(27);
    expect(councilWeight(COUNCIL_WEIGHTS, "Malta", "v25")).toBe(3);
  });

  it("has the Council's 2012 population figures (EU-27 ≈ 502.5 million) and Croatia's from 2014", () => {
    expect(sum("p2012") / 1000).toBeCloseTo(502.48, 1);
    expect(councilWeight(COUNCIL_WEIGHTS, "Croatia", "p2012")).toBe(4262.1);
    expect(councilWeight(COUNCIL_WEIGHTS, "Poland", "v15")).toBeUndefined();
    // Belgium is the more populous of the two (the coresize file swaps their rows).
    expect(councilWeight(COUNCIL_WEIGHTS, "Belgium", "p2012")!).toBeGreaterThan(councilWeight(COUNCIL_WEIGHTS, "Portugal", "p2012")!);
  });
});
