/**
 * Weighted median (Black's median voter with weights capability × salience): the position x*
 * such that the weight strictly left of x* and strictly right of x* are each at most half the
 * total. With single-peaked preferences it is the Condorcet winner.
 */
import { perIssue } from "./issue-view.js";
import { ModelError, type ForecastModel } from "./types.js";

/**
 * Among the positions, the smallest one at which the cumulative weight reaches half the total.
 * When the weight splits exactly in half between two positions, every point between them is a
 * weighted median; we return the lower one, which is the usual convention.
 */
export function weightedMedian(positions: readonly number[], weights: readonly number[]): number {
  const order = positions.map((_, i) => i).sort((a, b) => positions[a]! - positions[b]!);
  const total = weights.reduce((sum, w) => sum + w, 0);
  if (!(total > 0)) throw new ModelError("the weights sum to zero: at least one actor needs capability and salience above 0");
  let cumulative = 0;
  for (const i of order) {
    cumulative += weights[i]!;
    if (cumulative >= total / 2 - 1e-12 * total) return positions[i]!;
  }
  return positions[order[order.length - 1]!]!;
}

export const weightedMedianModel: ForecastModel = {
  id: "median",
  name: "Weighted median",
  description: "The position the capability × salience-weighted majority cannot move from (Black 1948).",
  iterative: false,
  run(input) {
    return {
      forecasts: perIssue(input, (v) => weightedMedian(v.positions, v.positions.map((_, i) => v.capabilities[i]! * v.saliences[i]!))),
    };
  },
};
