/**
 * Utility functions of the parties over an outcome space.
 *
 * - {@link AdditiveUtility}: per issue a weight and a table of value utilities, summed and optionally
 *   capped: u(o) = min(cap, Σ_i w_i · e_i[o_i]) (GENIUS applies cap = 1).
 * - {@link GeneralUtility}: any function of the outcome, for non-additive profiles; analyses fall back
 *   to enumerating the space.
 *
 * Both carry a reservation value: the utility of walking away without agreement.
 */
import { OutcomeSpaceError, issueSizes, type Outcome, type OutcomeSpace } from "./space.js";

/** u(o) = min(cap, Σ_i weights[i] · values[i][o[i]]). */
export interface AdditiveUtility {
  readonly kind: "additive";
  /** One weight per issue, used as given (no normalisation). */
  readonly weights: readonly number[];
  /** Per issue, the utility (evaluation) of each value index. */
  readonly values: readonly (readonly number[])[];
  /** Upper bound applied to the weighted sum; absent means no cap. GENIUS uses 1. */
  readonly cap?: number;
  readonly reservation: number;
}

/** Any utility function of an outcome (e.g. the non-linear ANAC-2014 profiles). */
export interface GeneralUtility {
  readonly kind: "general";
  readonly evaluate: (outcome: Outcome) => number;
  readonly reservation: number;
}

export type UtilityFunction = AdditiveUtility | GeneralUtility;

/** Builds an additive utility, checking its shape against the space. */
export function additiveUtility(
  space: OutcomeSpace,
  spec: { weights: readonly number[]; values: readonly (readonly number[])[]; cap?: number; reservation?: number },
): AdditiveUtility {
  const sizes = issueSizes(space);
  if (spec.weights.length !== sizes.length || spec.values.length !== sizes.length) {
    throw new OutcomeSpaceError(`an additive utility needs one weight and one value table per issue (${sizes.length} issues)`);
  }
  sizes.forEach((size, i) => {
    if (spec.values[i]!.length !== size) {
      throw new OutcomeSpaceError(`issue "${space.issues[i]!.name}" has ${size} values but its utility table has ${spec.values[i]!.length}`);
    }
  });
  const all = [...spec.weights, ...spec.values.flat(), spec.cap ?? 0, spec.reservation ?? 0];
  if (!all.every(Number.isFinite)) throw new OutcomeSpaceError("weights, value utilities, cap and reservation must be finite numbers");
  return {
    kind: "additive",
    weights: [...spec.weights],
    values: spec.values.map((table) => [...table]),
    ...(spec.cap === undefined ? {} : { cap: spec.cap }),
    reservation: spec.reservation ?? 0,
  };
}

/** Wraps a function of the outcome as a utility. */
export function generalUtility(evaluate: (outcome: Outcome) => number, reservation = 0): GeneralUtility {
  return { kind: "general", evaluate, reservation };
}

/** The utility of one outcome. */
export function evaluateUtility(utility: UtilityFunction, outcome: Outcome): number {
  if (utility.kind === "general") return utility.evaluate(outcome);
  let sum = 0;
  utility.weights.forEach((weight, i) => {
    sum += weight * (utility.values[i]![outcome[i] ?? -1] ?? Number.NaN);
  });
  return utility.cap === undefined ? sum : Math.min(utility.cap, sum);
}

/** Per issue and value, the weighted contribution w_i · e_i[v] of an additive utility. */
export function issueContributions(utility: AdditiveUtility): number[][] {
  return utility.values.map((table, i) => table.map((value) => utility.weights[i]! * value));
}

/** True when every utility is additive, i.e. the divide-and-conquer frontier applies. */
export function allAdditive(utilities: readonly UtilityFunction[]): utilities is readonly AdditiveUtility[] {
  return utilities.every((utility) => utility.kind === "additive");
}
