import { describe, expect, it } from "vitest";
import { COUNCIL_WEIGHTS } from "../../src/importers/council-weights.js";
import { councilWeight, DEU_ACTORS } from "../../src/importers/deu.js";
import { optionalShared, readShared } from "../helpers.js";

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

const CORESIZE = optionalShared("reference/deu/council-weights.csv", "the comparison of the built-in Council weights with the sumtxt/coresize file (no licence to copy it)");

describe.skipIf(!CORESIZE)("the built-in Council weights against the sumtxt/coresize file", () => {
  // The body of a skipped suite still runs when vitest collects it: read the file only when it is there.
  const rows = CORESIZE ? readShared("reference/deu/council-weights.csv").trim().split("\n").map((line) => line.split(",")) : [];
  const header = rows[0] ?? [];
  const column = (country: string, name: string): number | undefined => {
    const cell = rows.find((r) => r[0] === country)?.[header.indexOf(name)];
    return cell === undefined || cell === "" ? undefined : Number(cell);
  };

  it("agrees on every vote weight and every 2012 population but Belgium's and Portugal's, which it swaps", () => {
    for (const [country] of COUNCIL_WEIGHTS) {
      expect(councilWeight(COUNCIL_WEIGHTS, country, "v15"), country).toBe(column(country, "v15"));
      expect(councilWeight(COUNCIL_WEIGHTS, country, "v25"), country).toBe(column(country, "v25"));
      if (country === "Croatia") continue;
      const theirs = column(country === "Belgium" ? "Portugal" : country === "Portugal" ? "Belgium" : country, "p2012")! / 10; // hundreds → thousands
      expect(councilWeight(COUNCIL_WEIGHTS, country, "p2012"), country).toBeCloseTo(theirs, 6);
    }
  });

  it("the file's Belgium and Portugal rows follow the other country's series from 2009 on", () => {
    // Belgium grew 10.40 → 10.58 million in the 2004–2008 columns, then on to 11.04 million in 2013; Portugal stayed near 10.6.
    expect(column("Belgium", "p20045")! / 1e4).toBeCloseTo(10.4, 1);
    expect(column("Belgium", "p2008")! / 1e4).toBeCloseTo(10.58, 1);
    // From 2009 the "Portugal" row carries Belgium's growth and the "Belgium" row Portugal's level:
    expect(column("Portugal", "p2013a")!).toBeGreaterThan(column("Portugal", "p2009")! + 3000);
    expect(Math.abs(column("Belgium", "p2013a")! - column("Belgium", "p2009")!)).toBeLessThan(1000);
    // Its "Belgium" 2011 figure is Portugal's population of 1 January 2010 (10,637,713).
    expect(column("Belgium", "p2011")).toBe(106377);
  });
});
