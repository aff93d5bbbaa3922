/**
 * Compute job `agreement`: will they agree at all? The JSON of `parley agreement --json`: the chance of
 * agreement as written or over `runs` draws, each deal's, the most likely agreement, and why talks may
 * fail. One job, one thread: draws depend on (seed, draw) only, so the result equals the CLI's on any
 * number of workers.
 */
import { agreementForecast, type AgreementReport } from "../../agreement/forecast.js";
import type { Scenario } from "../../scenario/types.js";

export interface AgreementJobInput {
  readonly scenario: Scenario;
  readonly runs?: number;
  readonly seed?: number;
  readonly step?: number;
}

export default function agreementJob({ scenario, ...options }: AgreementJobInput): Promise<AgreementReport> {
  return agreementForecast(scenario, { ...options, workers: 1 });
}
