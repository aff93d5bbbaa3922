/**
 * Compromise model (Van den Bos 1991; Achen 2006): the outcome is the mean of the actors'
 * positions weighted by capability × salience, O = Σ cᵢsᵢxᵢ / Σ cᵢsᵢ.
 * Hard to beat on real legislative data (see docs/models.md).
 */
import { perIssue } from "./issue-view.js";
import { ModelError, type ForecastModel } from "./types.js";

/** Σ wᵢxᵢ / Σ wᵢ. */
export function weightedMean(positions: readonly number[], weights: readonly number[]): number {
  let sum = 0;
  let total = 0;
  positions.forEach((x, i) => {
    const w = weights[i] ?? 0;
    sum += w * x;
    total += w;
  });
  if (!(total > 0)) throw new ModelError("the weights sum to zero: at least one actor needs capability and salience above 0");
  return sum / total;
}

/** The compromise forecast for one issue. */
export function compromise(positions: readonly number[], saliences: readonly number[], capabilities: readonly number[]): number {
  return weightedMean(positions, positions.map((_, i) => (capabilities[i] ?? 0) * (saliences[i] ?? 0)));
}

export const compromiseModel: ForecastModel = {
  id: "compromise",
  name: "Compromise (weighted mean)",
  description: "Mean of the positions weighted by capability × salience (Achen 2006).",
  iterative: false,
  run(input) {
    return { forecasts: perIssue(input, (v) => compromise(v.positions, v.saliences, v.capabilities)) };
  },
};
