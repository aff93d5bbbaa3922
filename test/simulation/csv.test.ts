import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { loadScenario } from "../../src/files/load.js";
import { domainTournament, simulateScenario, tournamentCsv, traceCsv } from "../../src/simulation/index.js";
import { spaceStakes } from "../../src/simulation/stakes.js";
import { createOutcomeSpace } from "../../src/outcomes/space.js";
import { additiveUtility } from "../../src/outcomes/utility.js";

const hanoi = loadScenario("scenarios/hanoi-2019.yaml");

describe("simulation CSV", () => {
  it("writes one record per turn of the trace, with the offer per issue and every party's utility", () => {
    const result = simulateScenario(hanoi, { deadline: 30, strategies: { USA: "conceder", DPRK: "linear" } });
    const issues = hanoi.issues.map((i) => i.id);
    const parties = hanoi.actors.map((a) => a.id);
    const records = parse(traceCsv(result, issues, parties)) as string[][];
    expect(records[0]).toEqual(["round", "party", "action", ...issues, ...parties.map((p) => `utility ${p}`)]);
    expect(records.length).toBe(result.trace.length + 1);
    result.trace.forEach((entry, k) => {
      const row = records[k + 1]!;
      expect(row.slice(0, 3)).toEqual([String(entry.round), entry.party, entry.action]);
      expect(row.slice(3, 3 + issues.length)).toEqual(issues.map((id) => String(entry.offer![id])));
      expect(row.slice(3 + issues.length).map(Number)).toEqual(parties.map((p) => entry.utilities![p]));
    });
  });

  it("writes one record per tournament profile, a profile without agreement with its mean round blank", () => {
    const space = createOutcomeSpace([{ name: "x", values: [0, 1, 2] }]);
    const utility = (values: number[], reservation: number) => additiveUtility(space, { weights: [1], values: [values], reservation });
    const setup = { stakes: spaceStakes(space, ["A", "B"], [utility([0, 0.5, 1], 0), utility([1, 0.5, 0], 0)]) };
    const report = domainTournament("toy", setup, { pool: ["hardliner", "linear"], deadline: 10 });
    const records = parse(tournamentCsv(report)) as string[][];
    expect(records[0]).toEqual(["strategy A", "strategy B", "games", "agreement rate", "mean round", "mean utility A", "mean utility B"]);
    expect(records.length).toBe(5);
    report.profiles.forEach((row, k) => {
      expect(records[k + 1]!.slice(0, 2)).toEqual([row.strategies["A"], row.strategies["B"]]);
      expect(Number(records[k + 1]![3])).toBe(row.agreementRate);
      // A profile without agreement has no mean round: the cell is blank, not "NaN".
      expect(records[k + 1]![4]).toBe(Number.isNaN(row.meanRound) ? "" : String(row.meanRound));
    });
  });
});
