/**
 * Nash bargaining solution with a reference point (Nash 1950; Achen 2006; Schneider, Finke &
 * Bailer 2010): x* = argmax Πᵢ (uᵢ(x) − uᵢ(d))^cᵢ over the x every actor prefers to the
 * reference point d, with quadratic loss uᵢ(x) = −sᵢ(x − xᵢ)².
 *
 * The objective's logarithm Σ cᵢ log gainᵢ(x) is a sum of logs of concave functions, hence
 * concave on the feasible interval: its derivative decreases, and bisection finds where it is zero.
 */
import { compromise } from "./compromise.js";
import { perIssue } from "./issue-view.js";
import type { ForecastModel } from "./types.js";

/** uᵢ(x) − uᵢ(d) for quadratic loss: how much actor i prefers x to the reference point d. */
export function quadraticGain(x: number, ideal: number, salience: number, reference: number): number {
  // (d − xᵢ)² − (x − xᵢ)², factorised to avoid cancellation when d is far away.
  return salience * (reference - x) * (reference + x - 2 * ideal);
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
  // d/dx log gainᵢ = 1/(d + x − 2xᵢ) − 1/(d − x) from the factorised gain sᵢ(d − x)(d + x − 2xᵢ);
  // the sum is decreasing on the feasible interval, so bisect on its sign. Working with the
  // derivative (not the objective) keeps full precision when the reference point is far away.
  const slope = (x: number): number => {
    let sum = 0;
    for (const i of players) sum += capabilities[i]! * (1 / (reference + x - 2 * positions[i]!) - 1 / (reference - x));
    return sum;
  };
  return bisectDecreasing(slope, low, high);
}

/** The root of a decreasing function on [a, b] (or the end it tends to), by bisection to machine precision. */
export function bisectDecreasing(f: (x: number) => number, a: number, b: number): number {
  let lo = a;
  let hi = b;
  for (let step = 0; step < 200; step++) {
    const mid = (lo + hi) / 2;
    if (mid <= lo || mid >= hi) break;
    const value = f(mid);
    if (Number.isNaN(value)) break;
    if (value > 0) lo = mid;
    else hi = mid;
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
