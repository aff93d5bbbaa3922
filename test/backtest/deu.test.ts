import { describe, expect, it } from "vitest";
import { runBacktest } from "../../src/backtest/backtest.js";
import { councilWeight, decisionRule, parseCouncilWeights, parseDeu, parseDeuDate, regimeForYear } from "../../src/importers/deu.js";
import { InvalidInputError } from "../../src/scenario/diagnostics.js";
import { COUNCIL_WEIGHTS } from "../../src/importers/council-weights.js";
import { readFixture } from "../helpers.js";
import { deuTsv, weightsCsv } from "./deu-fixture.js";

const weights = parseCouncilWeights(weightsCsv(), "weights.csv");

/** A row with positions for the named actors (salience 50 unless given). */
function row(isnr: string, cells: Record<string, string>, positions: Record<string, string>): Record<string, string> {
  const stances = Object.fromEntries(Object.entries(positions).flatMap(([id, p]) => [[`p${id}`, p], [`s${id}`, "50"]]));
  return { prnr: "d1", isnr, intro: "12-07-00", finact: "23-06-01", out: "40", ...stances, ...cells };
}

function thrown(run: () => unknown): InvalidInputError {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidInputError) return error;
    throw error;
  }
  throw new Error("expected InvalidInputError");
}

describe("DEU dates", () => {
  it.each([
    ["14-03-00", { year: 2000, month: 3, day: 14 }],
    ["30-03-98", { year: 1998, month: 3, day: 30 }],
    ["02-02-2016", { year: 2016, month: 2, day: 2 }],
    ["1930-05-01", { year: 2001, month: 5, day: 30 }],
    ["2023-07-01", { year: 2001, month: 7, day: 23 }],
    ["2018-12-09", { year: 2009, month: 12, day: 18 }],
    ["2019-06-18", { year: 2018, month: 6, day: 19 }],
  ])("reads %s", (text, date) => {
    expect(parseDeuDate(text)).toEqual({ ok: true, date });
  });

  it("reads 999 and blank as missing", () => {
    expect(parseDeuDate("999")).toEqual({ ok: true, date: null });
    expect(parseDeuDate("")).toEqual({ ok: true, date: null });
  });

  it("rejects other forms and impossible dates, saying what it expects", () => {
    const bad = parseDeuDate("2001/05/30");
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message).toMatch(/expected a date as dd-mm-yy, dd-mm-yyyy, 19DD-MM-YY or 20DD-MM-YY/);
    expect(parseDeuDate("31-02-01").ok).toBe(false);
    expect(parseDeuDate("1940-05-01").ok).toBe(false);
  });

  it("maps years to Council regimes", () => {
    expect([1999, 2004, 2005, 2014, 2015, 2019].map(regimeForYear)).toEqual(["v15", "v15", "v25", "v25", "p2012", "p2012"]);
  });
});

describe("DEU capabilities", () => {
  it("gives member states their weight in the regime of the final act, Croatia p2014a under population", () => {
    expect(councilWeight(weights, "Germany", "v15")).toBe(10);
    expect(councilWeight(weights, "Germany", "v25")).toBe(29);
    expect(councilWeight(weights, "Croatia", "p2012")).toBe(40);
    expect(councilWeight(weights, "Poland", "v15")).toBeUndefined();
  });

  it("gives the Commission and the Parliament the largest weight among the member states with a position", () => {
    const text = deuTsv([
      row("a", {}, { com: "100", ep: "0", fr: "50", it: "20" }),
      row("b", {}, { com: "100", ep: "0", be: "50", it: "20" }),
      row("c", { finact: "999", intro: "2013-10-04" }, { com: "100", pl: "0", be: "50" }),
      row("d", { finact: "2019-06-18" }, { com: "100", cr: "0", be: "50", sde: "" }),
    ]);
    const { cases, regimes } = parseDeu(text, "deu.tsv", weights);
    const capabilities = Object.fromEntries(cases.map((c) => [c.id, Object.fromEntries(c.actors.map((a) => [a.id, a.capability]))]));
    expect(capabilities["a"]).toEqual({ com: 10, ep: 10, fr: 10, it: 1 });
    expect(capabilities["b"]).toEqual({ com: 1, ep: 1, be: 1, it: 1 });
    // No final act: the introduction date (13 Oct 2004) chooses EU-15 votes, in which Poland has none.
    expect(capabilities["c"]).toEqual({ com: 1, pl: undefined, be: 1 });
    expect(regimes["c"]).toEqual({ regime: "v15", fromIntro: true });
    expect(capabilities["d"]).toEqual({ com: 40, cr: 40, be: 3 });
    expect(regimes["d"]).toEqual({ regime: "p2012", fromIntro: false });
  });

  it("keeps an actor with a position but no salience, without a salience", () => {
    const { cases } = parseDeu(deuTsv([row("a", { sfr: "" }, { com: "100", fr: "50", it: "20" })]), "deu.tsv", weights);
    expect(cases[0]!.actors.find((a) => a.id === "fr")).toEqual({ id: "fr", position: 50, capability: 10 });
    expect(cases[0]!.proposer).toBe("com");
    expect(cases[0]!.reference).toBeUndefined();
  });
});

describe("DEU rows that cannot be scored", () => {
  it("are counted by reason", () => {
    const text = deuTsv([
      row("ok", { rp: "0" }, { com: "100", fr: "50", it: "20" }),
      row("no-out", { out: "" }, { com: "100", fr: "50", it: "20" }),
      row("two", {}, { com: "100", fr: "50" }),
      row("none", { out: "" }, {}),
      row("undated", { intro: "999", finact: "999" }, { com: "100", fr: "50", it: "20" }),
    ]);
    const result = parseDeu(text, "deu.tsv", weights);
    expect(result.cases.map((c) => c.id)).toEqual(["ok"]);
    expect(result.cases[0]!.reference).toBe(0);
    expect(result.skipped).toEqual({ "no-outcome": 2, "too-few-actors": 1, "no-date": 1 });
  });
});

describe("DEU input errors", () => {
  it("reports every bad cell with file, line, column and field", () => {
    const text = deuTsv([
      row("a", { pfr: "150" }, { com: "100", fr: "50", it: "20" }),
      row("b", { finact: "2001/06/23" }, { com: "100", fr: "50", it: "20" }),
      row("a", { out: "x" }, { com: "100", fr: "50", it: "20" }),
    ]);
    const error = thrown(() => parseDeu(text, "deu.tsv", weights));
    const messages = error.message.split("\n");
    expect(messages).toHaveLength(4);
    expect(messages[0]).toMatch(/^deu\.tsv:2:\d+: pfr: expected a number from 0 to 100 or an empty cell, got "150"$/);
    expect(messages[1]).toMatch(/^deu\.tsv:3:\d+: finact: expected a date as dd-mm-yy/);
    expect(messages[2]).toMatch(/^deu\.tsv:4:\d+: isnr: issue id "a" already used on line 2$/);
    expect(messages[3]).toMatch(/^deu\.tsv:4:\d+: out: expected a number from 0 to 100/);
    // The column points at the cell: line 2's pfr cell starts where the 150 is.
    const line2 = text.split("\n")[1]!;
    expect(line2.slice(error.diagnostics[0]!.column - 1).startsWith("150")).toBe(true);
  });

  it("names missing columns", () => {
    expect(thrown(() => parseDeu('"isnr"\t"out"\nx\t1\n', "deu.tsv", weights)).message).toMatch(/^deu\.tsv:1:1: missing column\(s\) intro, finact, rp, pcom/);
  });

  it("checks the weights file", () => {
    const error = thrown(() => parseCouncilWeights("country,v15,v25,p2012,p2014a\nAustria,4,x,1,1\n", "w.csv"));
    expect(error.message).toBe('w.csv:2:11: v25: expected a number ≥ 0 or an empty cell, got "x"');
    expect(thrown(() => parseCouncilWeights("country,v15,v25,p2012,p2014a\nAustria,4,10,1,1\n", "w.csv")).message).toMatch(/no row for "Belgium"/);
  });
});

describe("DEU III training file", () => {
  const input = parseDeu(readFixture("deu/deu3-train.tsv"), "deu3-train.tsv", COUNCIL_WEIGHTS);

  it("has 207 scoreable issues; the other 6 rows are counted", () => {
    expect(input.cases).toHaveLength(207);
    expect(input.skipped).toEqual({ "no-outcome": 5, "too-few-actors": 1 });
    expect(Object.values(input.regimes).filter((r) => r.fromIntro)).toHaveLength(7);
    const byRegime = Object.values(input.regimes).reduce<Record<string, number>>((n, r) => ({ ...n, [r.regime]: (n[r.regime] ?? 0) + 1 }), {});
    expect(byRegime).toEqual({ v15: 103, v25: 84, p2012: 20 });
  });

  it("reproduces the README's baselines to ±0.01", async () => {
    const { report } = await runBacktest(input, { models: ["compromise", "median"], workers: 1 });
    const mae = (id: string): number => report.models[id]!.mae!;
    expect(mae("compromise")).toBeCloseTo(22.76, 2);
    expect(mae("baseline:mean")).toBeCloseTo(24.23, 2);
    expect(mae("median")).toBeCloseTo(29.33, 2);
    expect(mae("baseline:median")).toBeCloseTo(30.99, 2);
    expect(mae("baseline:commission")).toBeCloseTo(36.62, 2);
    expect(report.models["baseline:commission"]!.n).toBe(203);
    expect(mae("baseline:status-quo")).toBeCloseTo(52.23, 2);
    expect(report.models["baseline:status-quo"]!.n).toBe(155);
    for (const id of ["compromise", "median", "baseline:mean", "baseline:median"]) expect(report.models[id]!.n).toBe(207);
  });

  it("gives identical results with 1 and 2 workers", async () => {
    const models = ["compromise", "median", "nbs", "eum"];
    const one = await runBacktest(input, { models, workers: 1 });
    const two = await runBacktest(input, { models, workers: 2 });
    expect(two.cases).toEqual(one.cases);
    expect(two.report).toEqual(one.report);
  });
});

describe("DEU proposals and decision rules", () => {
  it("groups issues by proposal (prnr) for cross-validation", () => {
    const text = deuTsv([row("a1", { prnr: "d7" }, { com: "0", de: "100", fr: "50" }), row("a2", { prnr: "d7" }, { com: "0", de: "100", fr: "50" })]);
    expect(parseDeu(text, "t.tsv", weights).cases.map((c) => c.group)).toEqual(["d7", "d7"]);
  });

  it("reads the Council's voting rule and co-decision from counvte and proc", () => {
    expect(decisionRule("QMV", "COD")).toEqual({ voting: "qmv", codecision: true });
    expect(decisionRule("QMV(10)", "CNS")).toEqual({ voting: "qmv", codecision: false });
    expect(decisionRule("Unan", "CNS")).toEqual({ voting: "unanimity", codecision: false });
    expect(decisionRule("", "COD")).toBeUndefined();
  });
});
