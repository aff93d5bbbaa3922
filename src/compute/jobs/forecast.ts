/** Compute job `forecast`: every chosen model's forecast, the JSON of `parley forecast --json`. */
import { forecast, type ForecastOptions, type ForecastResult } from "../../forecast.js";
import type { Scenario } from "../../scenario/types.js";

export interface ForecastJobInput extends ForecastOptions {
  readonly scenario: Scenario;
}

export default function forecastJob({ scenario, ...options }: ForecastJobInput): ForecastResult[] {
  return forecast(scenario, options);
}
