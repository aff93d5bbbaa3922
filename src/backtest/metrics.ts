/** Accuracy metrics over absolute forecast errors (points on the 0–100 scale). Pure. */
import type { ErrorMetrics } from "./types.js";
import { median } from "./run.js";

/** Rounding slack for the "within" shares, so that a forecast of 60.000000001 for 50 counts as within 10. */
export const WITHIN_TOLERANCE = 1e-9;

/**
 * MAE, RMSE, median absolute error, the shares of errors of at most 10 and at most 20 points, and
 * n, from the signed or absolute errors of the cases a model forecast. All null (n = 0) for none.
 */
export function errorMetrics(errors: readonly number[]): ErrorMetrics {
  const n = errors.length;
  if (n === 0) return { mae: null, rmse: null, medianAE: null, within10: null, within20: null, n };
  const absolute = errors.map(Math.abs);
  const within = (limit: number): number => absolute.filter((e) => e <= limit + WITHIN_TOLERANCE).length / n;
  const sum = (values: readonly number[]): number => values.reduce((total, v) => total + v, 0);
  return {
    mae: sum(absolute) / n,
    rmse: Math.sqrt(sum(absolute.map((e) => e * e)) / n),
    medianAE: median(absolute),
    within10: within(10),
    within20: within(20),
    n,
  };
}
