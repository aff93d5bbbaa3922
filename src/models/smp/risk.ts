/**
 * Risk attitudes (spec step 1) and how one actor perceives another's (step 2).
 */

import { ModelError } from "../types.js";
import type { BigRAdjust, BigRRange } from "./parameters.js";

/**
 * Smallest spread π_max − π_min for which risk attitudes are defined. Below it every position is (about)
 * equally likely, the formulas divide by ~0, and KTAB itself fails.
 */
export const MIN_PROBABILITY_SPREAD = 1e-12;

/**
 * Risk attitude R_i of each actor from the probability π_i of its position: the actor holding the most
 * likely position is the most risk-averse (R = 1). BigRRange picks the scale:
 * Mid (3π − (π_max + 2π_min)) / (2(π_max − π_min)) ∈ [−½, 1] · Min (π − π_min)/(π_max − π_min) ∈ [0, 1] ·
 * Max (2π − π_max − π_min)/(π_max − π_min) ∈ [−1, 1].
 * Throws a ModelError when all probabilities are equal (e.g. all actors hold the same position).
 * Written into `out` when given (as long as `probabilities`), else into a new array.
 */
export function riskAttitudes(probabilities: Float64Array, range: BigRRange, out?: Float64Array): Float64Array {
  let minimum = 1;
  let maximum = 0;
  for (let index = 0; index < probabilities.length; index++) {
    const p = probabilities[index] as number;
    if (p < minimum) minimum = p;
    if (p > maximum) maximum = p;
  }
  const spread = maximum - minimum;
  if (!(spread > MIN_PROBABILITY_SPREAD)) {
    throw new ModelError(
      "SMP cannot infer risk attitudes: every actor's position is equally likely to prevail " +
        "(for example because all actors hold the same position, or the setting is perfectly symmetric). " +
        "Give the actors distinct positions or capabilities.",
    );
  }
  const risks = out ?? new Float64Array(probabilities.length);
  for (let i = 0; i < probabilities.length; i++) {
    const p = probabilities[i] as number;
    switch (range) {
      case "Mid":
        risks[i] = (3 * p - (maximum + 2 * minimum)) / (2 * spread);
        break;
      case "Min":
        risks[i] = (p - minimum) / spread;
        break;
      case "Max":
        risks[i] = (2 * p - (maximum + minimum)) / spread;
        break;
    }
  }
  return risks;
}

/**
 * Actor h's estimate R^h_i of actor i's risk attitude: None R_h (projects its own) · OneThird (2R_h + R_i)/3 ·
 * Half (R_h + R_i)/2 · TwoThirds (R_h + 2R_i)/3 · Full R_i (knows it exactly).
 */
export function perceivedRisk(ownRisk: number, otherRisk: number, adjust: BigRAdjust): number {
  switch (adjust) {
    case "None":
      return ownRisk;
    case "OneThird":
      return (2 * ownRisk + otherRisk) / 3;
    case "Half":
      return (ownRisk + otherRisk) / 2;
    case "TwoThirds":
      return (ownRisk + 2 * otherRisk) / 3;
    case "Full":
      return otherRisk;
  }
}

/**
 * Fills `out[i]` with R^h_i for every actor i: the risk attitudes as seen by actor h. O(n).
 */
export function perceivedRisksOf(
  perspective: number,
  risks: Float64Array,
  adjust: BigRAdjust,
  out: Float64Array,
): Float64Array {
  const own = risks[perspective] as number;
  // `perceivedRisk` with the switch taken once, outside the loop.
  switch (adjust) {
    case "None":
      out.fill(own, 0, risks.length);
      break;
    case "OneThird":
      for (let i = 0; i < risks.length; i++) out[i] = (2 * own + (risks[i] as number)) / 3;
      break;
    case "Half":
      for (let i = 0; i < risks.length; i++) out[i] = (own + (risks[i] as number)) / 2;
      break;
    case "TwoThirds":
      for (let i = 0; i < risks.length; i++) out[i] = (own + 2 * (risks[i] as number)) / 3;
      break;
    case "Full":
      out.set(risks);
      break;
  }
  return out;
}
