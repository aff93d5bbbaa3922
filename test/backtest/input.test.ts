import { describe, expect, it } from "vitest";
import { parseBacktestCsv, parseBacktestJson, tokenizeCsv } from "../../src/backtest/input.js";
import { InvalidInputError } from "../../src/scenario/diagnostics.js";

function messages(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidInputError) return error.message.split("\n");
    throw error;
  }
  throw new Error("expected InvalidInputError");
}

const CSV = `case,actor,position,salience,capability,reference,outcome,proposer
tax,A,0,50,1,0,60,
tax,B,100,50,3,,60,yes
tax,C,80,,,,,
fees,A,10,20,1,,,
fees,B,30,20,1,,,
fees,C,50,20,1,,,
tiny,A,10,20,1,,5,
`;

describe("general CSV", () => {
  it("reads one row per actor per case; case values may be given on any row", () => {
    const input = parseBacktestCsv(CSV, "cases.csv");
    expect(input.cases).toEqual([
      {
        id: "tax",
        outcome: 60,
        reference: 0,
        proposer: "B",
        actors: [
          { id: "A", position: 0, salience: 50, capability: 1 },
          { id: "B", position: 100, salience: 50, capability: 3 },
          { id: "C", position: 80 },
        ],
      },
    ]);
    expect(input.skipped).toEqual({ "no-outcome": 1, "too-few-actors": 1 });
  });

  it("accepts quoted cells, CRLF and a BOM", () => {
    const text = '\uFEFFcase,actor,position,salience,capability,outcome\r\n"a, b","x ""1""",1,2,3,4\r\n"a, b",y,1,2,3,\r\n"a, b",z,1,2,3,\r\n';
    expect(parseBacktestCsv(text, "q.csv").cases[0]).toMatchObject({ id: "a, b", actors: [{ id: 'x "1"' }, { id: "y" }, { id: "z" }] });
  });

  it("locates cells, quoted ones spanning lines too", () => {
    const { records } = tokenizeCsv('a,"b\nc",d\ne,f\n');
    expect(records.map((r) => r.map((c) => [c.text, c.line, c.column]))).toEqual([
      [
        ["a", 1, 1],
        ["b\nc", 1, 3],
        ["d", 2, 4],
      ],
      [
        ["e", 3, 1],
        ["f", 3, 3],
      ],
    ]);
  });

  it("reports every problem at once with file, line, column, field and what was expected", () => {
    const text = `case,actor,position,salience,capability,reference,outcome
t,A,150,50,1,,60
t,B,x,50,0,,70
t,D,10,,,,
,C,10,500,,,
t,D,20,,,,
`;
    expect(messages(() => parseBacktestCsv(text, "bad.csv"))).toEqual([
      "bad.csv:2:5: position: expected a number from 0 to 100, got \"150\"",
      "bad.csv:3:5: position: expected a number from 0 to 100, got \"x\"",
      "bad.csv:3:10: capability: expected a number > 0 or an empty cell, got \"0\"",
      "bad.csv:5:1: case: expected a case id, got nothing",
      "bad.csv:5:7: salience: expected a number from 0 to 100 or an empty cell, got \"500\"",
      "bad.csv:6:3: actor: actor \"D\" already has a row in case \"t\" (line 4); expected one row per actor per case",
    ]);
  });

  it("reports conflicting case values and two proposers", () => {
    const text = `case,actor,position,salience,capability,outcome,proposer
t,A,1,1,1,60,true
t,B,1,1,1,70,1
t,C,1,1,1,,
`;
    expect(messages(() => parseBacktestCsv(text, "c.csv"))).toEqual([
      'c.csv:3:14: proposer: case "t" already names "A" as proposer (line 2); expected at most one',
      'c.csv:3:11: outcome: outcome 70 differs from 60 given for case "t" on line 2; expected the same value on every row of a case (or blank)',
    ]);
  });

  it("checks the header: unknown, missing and repeated columns", () => {
    expect(messages(() => parseBacktestCsv("case,actor,postion,salience,outcome,case\n", "h.csv"))).toEqual([
      'h.csv:1:12: postion: unknown column "postion" (did you mean "position"?); expected one of: case, actor, position, salience, capability, outcome, reference, proposer, group',
      'h.csv:1:37: case: column "case" appears more than once',
      "h.csv:1:1: missing column(s) position, capability; the header must name case, actor, position, salience, capability, outcome (reference and proposer are optional)",
    ]);
    expect(messages(() => parseBacktestCsv("", "e.csv"))[0]).toMatch(/^e\.csv:1:1: the file is empty/);
    expect(messages(() => parseBacktestCsv('case,actor\n"open,1\n', "o.csv"))).toEqual(["o.csv:2:1: quoted cell is never closed; expected a closing double quote"]);
    expect(messages(() => parseBacktestCsv("case,actor,position,salience,capability,outcome\nt,A,1\n", "w.csv"))).toEqual(["w.csv:2:1: expected 6 fields like the header, got 3"]);
  });
});

describe("general JSON", () => {
  it("reads the same rows as objects", () => {
    const json = JSON.stringify(
      [
        { case: "tax", actor: "A", position: 0, salience: 50, capability: 1, reference: 0, outcome: 60 },
        { case: "tax", actor: "B", position: 100, salience: 50, capability: 3, outcome: 60, proposer: true },
        { case: "tax", actor: "C", position: 80, salience: null, capability: null },
      ],
      null,
      2,
    );
    expect(parseBacktestJson(json, "cases.json")).toEqual(parseBacktestCsv(CSV.split("\n").slice(0, 4).join("\n"), "cases.csv"));
  });

  it("reports every problem with line, column and path", () => {
    const json = `[
  {"case": "t", "actor": "A", "position": "10", "salience": 50, "capability": 1, "outcome": 60},
  {"case": "t", "actor": "B", "positon": 10, "salience": 50, "capability": 1, "outcome": 60},
  3
]`;
    expect(messages(() => parseBacktestJson(json, "bad.json"))).toEqual([
      'bad.json:3:31: [1].positon: unknown key "positon" (did you mean "position"?); expected one of: case, actor, position, salience, capability, outcome, reference, proposer, group',
      "bad.json:4:3: [2]: expected an object with the keys case, actor, position, salience, capability, outcome, got 3",
      'bad.json:2:43: [0].position: expected a number from 0 to 100, got "10"',
      "bad.json:3:3: [1].position: expected a number from 0 to 100, got nothing",
    ]);
    expect(messages(() => parseBacktestJson("{", "s.json"))[0]).toMatch(/^s\.json:\d+:\d+: /);
    expect(messages(() => parseBacktestJson('{"cases": []}', "o.json"))).toEqual([
      "o.json:1:1: expected an array of rows, each an object with case, actor, position, salience, capability, outcome",
    ]);
  });
});
