/** Round 1's candidate list against the reference's (`reference/<case>/candidates.csv`, the same at both levels). */
import { describe, expect, it } from "vitest";
import { calculateCandidates } from "../../src/models/exchange/index.js";
import { CASES, HAVE_REFERENCE, loadCase, readCsv } from "./reference.js";

describe.skipIf(!HAVE_REFERENCE)("exchange model: round-1 candidates of the reference", () => {
  for (const { name, input } of CASES) {
    it(`${name}: same candidates, validity, gains and moves`, () => {
      const { decide, state, positions } = loadCase(input);
      const actorIndex = new Map(decide.actors.map((a, i) => [a.key, i]));
      const candidates = calculateCandidates(state, positions);
      const expected = readCsv(`reference/${name}/candidates.csv`);
      expect(candidates).toHaveLength(expected.length);
      let worst = 0;
      expected.forEach((row, k) => {
        const c = candidates[k]!;
        const where = `${name} candidate ${row["index"]}`;
        expect(c.valid, where).toBe(row["valid"] === "true");
        if (!c.valid) return;
        expect([c.i.actor, c.j.actor], where).toEqual([actorIndex.get(row["i_actor"]!), actorIndex.get(row["j_actor"]!)]);
        for (const [actual, column] of [[c.gain, "gain"], [c.i.move, "i_move"], [c.j.move, "j_move"], [c.i.y, "i_y"], [c.j.y, "j_y"]] as const) {
          const error = Math.abs(actual - Number(row[column]));
          worst = Math.max(worst, error);
          expect(error, `${where} ${column}`).toBeLessThanOrEqual(1e-9);
        }
      });
      console.info(`exchange candidates ${name}: ${candidates.length}, max error ${worst.toExponential(2)}`);
    });
  }
});
