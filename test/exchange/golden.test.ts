/**
 * The exchange model against the Decide reference (Level F of the spec: float64 with the tie and on-target
 * conventions): every round's start and voting positions, outcomes, and the realised exchanges in order.
 */
import { describe, expect, it } from "vitest";
import { runExchange } from "../../src/models/exchange/index.js";
import { CASES, HAVE_REFERENCE, loadCase, readCsv } from "./reference.js";

const TOLERANCE = 1e-9;

describe.skipIf(!HAVE_REFERENCE)("exchange model: float-robust golden runs of the reference", () => {
  for (const { name, input } of CASES) {
    it(`${name}: 10 rounds match to 1e-9`, () => {
      const { decide, state, positions } = loadCase(input);
      const actorIndex = new Map(decide.actors.map((a, i) => [a.key, i]));
      const issueIndex = new Map(decide.issues.map((p, k) => [p.key, k]));
      const result = runExchange(state, positions, { rounds: 10, stopWhenStable: false });
      expect(result.rounds).toHaveLength(10);
      const n = state.issueCount;
      let worst = 0;
      const close = (actual: number, expected: number, where: string): void => {
        const error = Math.abs(actual - expected);
        worst = Math.max(worst, error);
        if (!(error <= TOLERANCE)) throw new Error(`${name} ${where}: got ${actual}, expected ${expected}`);
      };

      const dir = `float-robust/${name}`;
      for (const row of readCsv(`${dir}/positions.csv`)) {
        const r = Number(row["round"]);
        const at = actorIndex.get(row["actor"]!)! * n + issueIndex.get(row["issue"]!)!;
        const values = row["phase"] === "start" ? (r === 11 ? result.final : result.rounds[r - 1]!.start) : result.rounds[r - 1]!.votingPositions;
        close(values[at]!, Number(row["position"]), `round ${r} ${row["phase"]} ${row["actor"]} on ${row["issue"]}`);
      }
      for (const row of readCsv(`${dir}/outcomes.csv`)) {
        const r = Number(row["round"]);
        const round = result.rounds[r - 1];
        const values = round === undefined ? result.finalOutcomes : row["phase"] === "start" ? round.startOutcomes : round.votingOutcomes;
        close(values[issueIndex.get(row["issue"]!)!]!, Number(row["nbs"]), `round ${r} ${row["phase"]} outcome of ${row["issue"]}`);
      }
      const expectedExchanges = readCsv(`${dir}/exchanges.csv`);
      const realised = result.rounds.flatMap((round, r) => round.exchanges.map((e, seq) => ({ r: r + 1, seq: seq + 1, e })));
      expect(realised.length).toBe(expectedExchanges.length);
      expectedExchanges.forEach((row, k) => {
        const { r, seq, e } = realised[k]!;
        const where = `round ${row["round"]} exchange ${row["seq"]}`;
        expect(`${r}:${seq}`, where).toBe(`${row["round"]}:${row["seq"]}`);
        expect([e.actors[0], e.actors[1]], where).toEqual([actorIndex.get(row["i_actor"]!), actorIndex.get(row["j_actor"]!)]);
        expect([e.issues[1], e.issues[0]], where).toEqual([issueIndex.get(row["i_supply_issue"]!), issueIndex.get(row["j_supply_issue"]!)]);
        close(e.gains[0], Number(row["gain"]), `${where} gain`);
        close(e.gains[1], Number(row["gain"]), `${where} gain of j`);
        close(e.from[0], Number(row["i_x"]), `${where} i.x`);
        close(e.from[1], Number(row["j_x"]), `${where} j.x`);
        close(e.to[0] - e.from[0], Number(row["i_move"]), `${where} i.move`);
        close(e.to[1] - e.from[1], Number(row["j_move"]), `${where} j.move`);
        close(e.to[0], Number(row["i_y"]), `${where} i.y`);
        close(e.to[1], Number(row["j_y"]), `${where} j.y`);
      });
      console.info(`exchange golden ${name}: ${realised.length} exchanges, max error ${worst.toExponential(2)}`);
    });
  }
});
