/** Compute job `sensitivity`: tornado swings and first-order variance shares, the JSON of `parley sensitivity --json`. */
import type { Scenario } from "../../scenario/types.js";
import { sensitivity, type SensitivityReport } from "../../uncertainty/sensitivity.js";

export interface SensitivityJobInput {
  readonly scenario: Scenario;
  readonly runs: number;
  readonly models?: readonly string[];
  readonly seed?: number;
  readonly rounds?: number;
}

export default function sensitivityJob({ scenario, ...options }: SensitivityJobInput): Promise<SensitivityReport> {
  return sensitivity(scenario, { ...options, workers: 1 });
}
