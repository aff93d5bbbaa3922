/** Compute job `sensitivity`: tornado swings and first-order variance shares, the JSON of `parley sensitivity --json`. */
import { sensitivity, type SensitivityReport } from "../../uncertainty/sensitivity.js";
import type { MonteCarloJobInput } from "./monte-carlo.js";

/** The same sampling parameters as the `monte-carlo` job's. */
export type SensitivityJobInput = MonteCarloJobInput;

export default function sensitivityJob({ scenario, ...options }: SensitivityJobInput): Promise<SensitivityReport> {
  return sensitivity(scenario, { ...options, workers: 1 });
}
