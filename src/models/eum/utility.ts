/**
 * Basic and expected utilities (spec §2.3–§2.5; Scholz et al. eqs. 5–7, 15, 16, 22–24).
 */

import type { PerspectiveRule, StatusQuoRule } from "./rules.js";
import { pow } from "../../numeric/portable.js";

export interface BasicUtilities {
  /** U_s = 2 − 4·(0.5 − (0.5·d)/R)^ρ */
  readonly success: number;
  /** U_f = 2 − 4·(0.5 + (0.5·d)/R)^ρ */
  readonly failure: number;
  /** U_sq = 2 − 4·0.5^ρ */
  readonly statusQuo: number;
}

/**
 * The success, failure and status-quo utilities of a challenge across distance d, seen with exponent ρ.
 * The success base 0.5 − (0.5·d)/R is never negative in exact arithmetic (d ≤ R); it is clamped at 0
 * so that a rounding excursion cannot produce NaN (the reference code would fail there; never observed).
 */
export function basicUtilities(distance: number, range: number, exponent: number): BasicUtilities {
  const halfShare = (0.5 * distance) / range;
  return {
    success: 2 - 4 * pow(Math.max(0, 0.5 - halfShare), exponent),
    failure: 2 - 4 * pow(0.5 + halfShare, exponent),
    statusQuo: 2 - 4 * pow(0.5, exponent),
  };
}

/**
 * The paper's "better" and "worse" no-challenge utilities (eqs. 22, 23) for actor `self` facing `other`,
 * with μ the median position: 2 ∓ 4·(0.5 ∓ (0.25·(|x_self − μ| + |x_self − x_other|))/R)^ρ.
 */
export function noChallengeUtilities(
  selfPosition: number,
  otherPosition: number,
  median: number,
  range: number,
  exponent: number,
): { readonly better: number; readonly worse: number } {
  const quarterShare = (0.25 * (Math.abs(selfPosition - median) + Math.abs(selfPosition - otherPosition))) / range;
  return {
    better: 2 - 4 * pow(Math.max(0, 0.5 - quarterShare), exponent),
    worse: 2 - 4 * pow(0.5 + quarterShare, exponent),
  };
}

/** Everything an expected utility reads from a frozen snapshot of the round. */
export interface UtilitySnapshot {
  readonly positions: readonly number[];
  readonly saliences: readonly number[];
  /** P(x_c, x_t) at [c·n + t], from `probabilityMatrix` under the run's probability rule. */
  readonly probabilities: Float64Array;
  /** Risk exponents r, one per actor. */
  readonly exponents: readonly number[];
  /** R, fixed for the whole run. */
  readonly range: number;
  /** Median position μ of the snapshot; read only by the paper's no-challenge term (NaN when not needed). */
  readonly median: number;
}

export interface UtilityRules {
  readonly statusQuo: StatusQuoRule;
  /** Q, the probability that the status quo holds if nobody challenges (1 in all reference runs). */
  readonly statusQuoProbability: number;
}

/**
 * EU_p(c → t): the expected utility of challenger c challenging target t, as seen by `perspective` p
 * with p's exponent r_p (spec §2.5):
 *
 *   [ s_t·(P·U_s + (1 − P)·U_f) + (1 − s_t)·U_s ] − Q·U_sq            (reference code)
 *   [ … same … ] − Q·U_sq − (1 − Q)·(T·U_b + (1 − T)·U_w)              (paper, `with-no-challenge-term`)
 *
 * s_t is the target's salience (the probability that it resists); P = P(x_c, x_t) (precomputed in the
 * snapshot) uses every voter's vote exponent. In the paper's term, "self" is p and "other" is the other member of the dyad;
 * T = 1 when the median is closer to self than the other is (j's expected move toward μ helps self).
 */
export function expectedUtility(
  snapshot: UtilitySnapshot,
  rules: UtilityRules,
  perspective: number,
  challenger: number,
  target: number,
): number {
  const { positions, range } = snapshot;
  const exponent = snapshot.exponents[perspective] as number;
  const challengerPosition = positions[challenger] as number;
  const targetPosition = positions[target] as number;
  const utilities = basicUtilities(Math.abs(challengerPosition - targetPosition), range, exponent);
  const probability = snapshot.probabilities[challenger * positions.length + target] as number;
  const resistance = snapshot.saliences[target] as number;
  const challengeValue =
    resistance * (probability * utilities.success + (1 - probability) * utilities.failure) +
    (1 - resistance) * utilities.success;
  const q = rules.statusQuoProbability;
  // At Q = 1 the paper's (1 − Q)(…) term is exactly zero, so both readings reduce to the same expression.
  if (rules.statusQuo === "status-quo-only" || q === 1) return challengeValue - q * utilities.statusQuo;

  const other = perspective === challenger ? target : challenger;
  const selfPosition = positions[perspective] as number;
  const otherPosition = positions[other] as number;
  const { better, worse } = noChallengeUtilities(selfPosition, otherPosition, snapshot.median, range, exponent);
  const helps = Math.abs(selfPosition - snapshot.median) < Math.abs(selfPosition - otherPosition) ? 1 : 0;
  return challengeValue - (q * utilities.statusQuo + (1 - q) * (helps * better + (1 - helps) * worse));
}

/**
 * Whose viewpoint evaluates "c challenges t" when `receiver` is deciding (spec §2.4, departure 3):
 * the receiver itself in the reference code, the challenger in the paper.
 */
export function perspectiveOf(rule: PerspectiveRule, receiver: number, challenger: number): number {
  return rule === "receiver" ? receiver : challenger;
}
