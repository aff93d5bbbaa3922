/**
 * Nash bargaining solution with a reference point (Nash 1950; Achen 2006; Schneider, Finke &
 * Bailer 2010): x* = argmax Πᵢ (uᵢ(x) − uᵢ(d))^cᵢ over the x every actor prefers to the
 * reference point d, with quadratic loss uᵢ(x) = −sᵢ(x − xᵢ)².
 *
 * The objective's logarithm Σ cᵢ log gainᵢ(x) is a sum of logs of concave functions, hence
 * concave on the feasible interval, so a golden-section search finds the maximum.
 */
import { compromise } from "./compromise.js";
import { perIssue } from "./issue-view.js";
import type { ForecastModel } from "./types.js";

/** uᵢ(x) − uᵢ(d) for quadratic loss: how much actor i prefers x to the reference point d. */
export function quadraticGain(x: number, ideal: number, salience: number, reference: number): number {
  return salience * ((reference - ideal) ** 2 - (x - ideal) ** 2);
}

/**
 * The Nash bargaining solution on one issue. Without a reference point it is the compromise
 * (capability × salience weighted mean), which is its limit as every actor's disagreement
 * utility falls equally low. When no point other than d itself is acceptable to all, d is the
 * forecast.
 */
export function nashBargaining(
  positions: readonly number[],
  saliences: readonly number[],
  capabilities: readonly number[],
  reference: number | undefined,
): number {
  if (reference === undefined) return compromise(positions, saliences, capabilities);
  // Actors with no salience are indifferent: their gain is zero everywhere and would null the product.
  const players = positions.map((_, i) => i).filter((i) => saliences[i]! > 0 && capabilities[i]! > 0);
  if (players.length === 0) return reference;
  // Actor i accepts x when |x − xᵢ| ≤ |d − xᵢ|; intersect those intervals with [min xᵢ, max xᵢ].
  let low = Math.min(...players.map((i) => positions[i]!));
  let high = Math.max(...players.map((i) => positions[i]!));
  for (const i of players) {
    const radius = Math.abs(reference - positions[i]!);
    low = Math.max(low, positions[i]! - radius);
    high = Math.min(high, positions[i]! + radius);
  }
  if (!(high - low > 1e-12)) return reference;
  const objective = (x: number): number => {
    let sum = 0;
    for (const i of players) {
      const gain = quadraticGain(x, positions[i]!, saliences[i]!, reference);
      if (!(gain > 0)) return -Infinity;
      sum += capabilities[i]! * Math.log(gain);
    }
    return sum;
  };
  return goldenSectionMax(objective, low, high);
}

const INVERSE_GOLDEN = (Math.sqrt(5) - 1) / 2;

/** Maximiser of a unimodal function on [a, b], to about 1e-12 of the interval. */
export function goldenSectionMax(f: (x: number) => number, a: number, b: number): number {
  let lo = a;
  let hi = b;
  let x1 = hi - INVERSE_GOLDEN * (hi - lo);
  let x2 = lo + INVERSE_GOLDEN * (hi - lo);
  let f1 = f(x1);
  let f2 = f(x2);
  for (let step = 0; step < 200 && hi - lo > 1e-12 * Math.max(1, Math.abs(a), Math.abs(b)); step++) {
    if (f1 < f2) {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + INVERSE_GOLDEN * (hi - lo);
      f2 = f(x2);
    } else {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - INVERSE_GOLDEN * (hi - lo);
      f1 = f(x1);
    }
  }
  return (lo + hi) / 2;
}

export const nashBargainingModel: ForecastModel = {
  id: "nbs",
  name: "Nash bargaining solution",
  description: "Maximises the capability-weighted product of gains over the status quo (quadratic loss).",
  iterative: false,
  run(input) {
    return {
      forecasts: perIssue(input, (v, i) => nashBargaining(v.positions, v.saliences, v.capabilities, input.issues[i]!.reference)),
    };
  },
};
