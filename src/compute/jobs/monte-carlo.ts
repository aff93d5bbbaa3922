/**
 * Compute job `monte-carlo`: forecast distributions over the inputs' uncertainty, the JSON of
 * `parley forecast --runs N --json`. It runs in its worker's thread (one job, one thread): the pool
 * spreads requests over the threads, not one request's samples.
 */
import type { Scenario } from "../../scenario/types.js";
import { monteCarlo, type MonteCarloReport } from "../../uncertainty/monte-carlo.js";

export interface MonteCarloJobInput {
  readonly scenario: Scenario;
  readonly runs: number;
  readonly models?: readonly string[];
  readonly seed?: number;
  readonly rounds?: number;
}

export default function monteCarloJob({ scenario, ...options }: MonteCarloJobInput): Promise<MonteCarloReport> {
  return monteCarlo(scenario, { ...options, workers: 1 });
}
