/**
 * The heap that stands for the reference's list (src/models/exchange/gain-order.ts) against the list itself:
 * a list re-sorted stably by gain before every take, as the reference does, over seeded random runs where
 * gains tie often (a few values, and values within the 1e-12 tolerance), some recalculated candidates keep
 * their gain, some change it, some drop out.
 */
import { describe, expect, it } from "vitest";
import { byGain, GainOrder } from "../../src/models/exchange/gain-order.js";
import { RoundStorage } from "../../src/models/exchange/round.js";
import { createRng } from "../../src/random.js";

/** Recalculates candidate c (after a take): a seeded draw keeps its gain, changes it (often to a tie) or drops it (0). */
type Recalculate = (c: number) => void;

/** The reference's procedure: stable sort (Array.prototype.sort is stable), take the head, recalculate. */
function listOrder(gain: Float64Array, recalculate: Recalculate): number[] {
  let list = Array.from(gain.keys());
  const taken: number[] = [];
  while (list.length > 0) {
    list.sort((a, b) => byGain(gain[a]!, gain[b]!));
    const best = list.shift()!;
    taken.push(best);
    for (const c of [...list].sort((a, b) => a - b)) recalculate(c);
    list = list.filter((c) => gain[c]! > 0);
  }
  return taken;
}

/** As round.ts uses the order: each recalculated candidate whose gain changed leaves at once, all come back after. */
function heapOrder(gain: Float64Array, recalculate: Recalculate): number[] {
  const n = gain.length;
  const order = new GainOrder(new RoundStorage(), n, gain);
  const inOrder = new Uint8Array(n).fill(1);
  order.fill(n, inOrder);
  const changed = new Int32Array(n);
  const previous = new Float64Array(n);
  const taken: number[] = [];
  while (order.length > 0) {
    const best = order.shift();
    inOrder[best] = 0;
    taken.push(best);
    let count = 0;
    for (let c = 0; c < n; c++) {
      if (!inOrder[c]) continue;
      const before = gain[c]!;
      recalculate(c);
      if (gain[c] === before) continue;
      order.remove(c);
      if (!(gain[c]! > 0)) {
        inOrder[c] = 0;
        continue;
      }
      changed[count] = c;
      previous[count++] = before;
    }
    order.reinsert(changed, previous, count);
  }
  return taken;
}

function recalculation(seed: number, gain: Float64Array, values: readonly number[]): Recalculate {
  const random = createRng(seed);
  return (c) => {
    const draw = random();
    if (draw < 0.7) return; // not affected, or recalculated to the same gain
    if (draw < 0.8) gain[c] = 0;
    else if (draw < 0.9) gain[c] = values[Math.floor(random() * values.length)]! * (1 + (random() < 0.5 ? 1e-13 : 0));
    else gain[c] = values[Math.floor(random() * values.length)]!;
  };
}

describe("exchange model: the gain order keeps the reference's stable list order", () => {
  it("takes candidates in the same order as a list re-sorted stably before every take, over 200 seeded runs with many ties", () => {
    const values = [1, 2, 2.5, 3, 7.25];
    for (let run = 0; run < 200; run++) {
      const random = createRng(run + 1);
      const n = 1 + Math.floor(random() * 60);
      const initial = Float64Array.from({ length: n }, () => values[Math.floor(random() * values.length)]! * (random() < 0.2 ? 1 + 5e-13 : 1));
      // Each side gets its own copy of the gains and the same seeded recalculations.
      const listGains = Float64Array.from(initial);
      const heapGains = Float64Array.from(initial);
      const expected = listOrder(listGains, recalculation(run, listGains, values));
      const actual = heapOrder(heapGains, recalculation(run, heapGains, values));
      expect(actual, `run ${run}`).toEqual(expected);
    }
  });
});
