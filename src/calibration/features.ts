/**
 * Case features an interval may be conditioned on (Mondrian conformal prediction: each category is
 * calibrated on its own past cases). Thresholds are fixed, not fitted, so that a calibration saved
 * from one file applies unchanged to new cases. Pure.
 */
import type { BacktestCase } from "../backtest/types.js";
import type { Condition } from "./choices.js";

export { CONDITIONS, CONDITION_IDS, type Condition } from "./choices.js";

/** What the features read of a case: positions on the 0–100 scale, whether there is a status quo, the voting rule. */
export interface CaseTraits {
  readonly positions: readonly number[];
  readonly hasReference: boolean;
  readonly voting?: "qmv" | "unanimity";
}

/** Population standard deviation; 0 for fewer than two values. */
function spreadOf(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
}

/** The category of a case under a condition. */
export function categoryOf(traits: CaseTraits, condition: Condition): string {
  switch (condition) {
    case "reference":
      return traits.hasReference ? "with" : "without";
    case "rule":
      return traits.voting ?? "unknown";
    case "spread":
      return spreadOf(traits.positions) < 35 ? "narrow" : "wide";
    case "actors":
      return traits.positions.length < 17 ? "few" : "many";
  }
}

/** A backtest case's traits. */
export function caseTraits(c: BacktestCase): CaseTraits {
  return {
    positions: c.actors.map((a) => a.position),
    hasReference: c.reference !== undefined,
    ...(c.rule ? { voting: c.rule.voting } : {}),
  };
}
