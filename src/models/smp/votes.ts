/**
 * Votes, coalitions and victory probabilities (spec "Vote", "Coalitions", "Victory probability").
 */

import type { VictoryProbModel, VotingRule } from "./parameters.js";

/** Below this utility gap a Binary voter's response is interpolated linearly instead of jumping. */
const BINARY_VOTE_TOLERANCE = 1e-8;

/** The floor every coalition starts from, so no victory probability is ever 0/0. */
export const MIN_COALITION = 1e-8;

/** Binary victory model: a coalition 10% stronger than its opponent wins for sure. */
const BINARY_VICTORY_THRESHOLD = 1.1;
const BINARY_VICTORY_FLOOR = 1e-6;

/**
 * A voter's vote for option a over option b, given weight w and its utilities u_a, u_b.
 * Positive means support for a. Rules (du = u_a − u_b):
 * Prop w·du · PropCbc w·(½du + ½du³) · Cubic w·du³ · Binary w·clamp(du/1e-8, −1, 1) ·
 * PropBin w·(0.8du + 0.2·clamp(du/1e-8, −1, 1)) · ASymProsp w·du for losses, (2/3)·w·du for gains.
 */
export function vote(rule: VotingRule, weight: number, utilityA: number, utilityB: number): number {
  const du = utilityA - utilityB;
  switch (rule) {
    case "Prop":
      return weight * du;
    case "PropCbc":
      return weight * (0.5 * du + 0.5 * (du * du * du));
    case "Cubic":
      return weight * (du * du * du);
    case "Binary":
      return weight * binaryResponse(du);
    case "PropBin":
      return weight * (0.8 * du + 0.2 * binaryResponse(du));
    case "ASymProsp":
      if (du < 0) return weight * du;
      if (du > 0) return (2 * weight * du) / 3;
      return 0;
  }
}

/** du/1e-8 clamped to [−1, 1]: a step from −1 to +1 smoothed over a tiny interval to avoid round-off flips. */
function binaryResponse(du: number): number {
  const response = du / BINARY_VOTE_TOLERANCE;
  return response > 1 ? 1 : response < -1 ? -1 : response;
}

/**
 * Probability that a coalition of strength `forA` beats one of strength `forB` under the victory model.
 * Linear: forA/(forA+forB); Square/Quartic/Octic raise both strengths to the power 2/4/8 first;
 * Binary: certain victory with a 10% edge, linear interpolation in between.
 */
export function victoryProbability(model: VictoryProbModel, forA: number, forB: number): number {
  const xa = victoryOdds(model, forA, forB);
  return xa / (xa + lastOddsB);
}

/** x_b of the latest `victoryOdds` call (a module-level out-parameter: avoids allocating a pair per call). */
let lastOddsB = 0;

/**
 * The unnormalised odds of a against b: returns x_a and leaves x_b in `lastOddsB`, so that
 * P(a>b) = x_a/(x_a+x_b) and P(b>a) = x_b/(x_a+x_b) come from the same two numbers, as in KTAB.
 */
function victoryOdds(model: VictoryProbModel, forA: number, forB: number): number {
  switch (model) {
    case "Linear":
      lastOddsB = forB;
      return forA;
    case "Square":
      lastOddsB = forB * forB;
      return forA * forA;
    case "Quartic":
      lastOddsB = quartic(forB);
      return quartic(forA);
    case "Octic":
      lastOddsB = quartic(forB) ** 2;
      return quartic(forA) ** 2;
    case "Binary": {
      if (forA >= BINARY_VICTORY_THRESHOLD * forB) {
        lastOddsB = BINARY_VICTORY_FLOOR;
        return 1;
      }
      if (forB >= BINARY_VICTORY_THRESHOLD * forA) {
        lastOddsB = 1;
        return BINARY_VICTORY_FLOOR;
      }
      const share = forA / (forA + forB);
      const xa = (share * (BINARY_VICTORY_THRESHOLD + 1) - 1) / (BINARY_VICTORY_THRESHOLD - 1);
      lastOddsB = 1 - xa;
      return xa;
    }
  }
}

/** x⁴ as (x²)², the way KTAB evaluates it. */
function quartic(x: number): number {
  const square = x * x;
  return square * square;
}

/**
 * Coalition strengths C (options × options, row-major) for voters with `weights` and utilities
 * `utilities[voter·options + option]`: C(a:b) = 1e-8 + Σ_k max(0, v_k(a,b)), C(a:a) = 1e-8.
 * Each unordered pair is visited once (b < a) and both directions are filled; voters are summed in order.
 * O(voters·options²); the utilities are first transposed so the voter loop reads memory contiguously.
 */
export function coalitionMatrix(
  rule: VotingRule,
  weights: Float64Array,
  utilities: Float64Array,
  voters: number,
  options: number,
): Float64Array {
  const byOption = new Float64Array(voters * options);
  for (let k = 0; k < voters; k++) {
    for (let a = 0; a < options; a++) byOption[a * voters + k] = utilities[k * options + a] as number;
  }
  return coalitionsByOption(rule, weights, byOption, voters, options, new Float64Array(options * options));
}

/**
 * `coalitionMatrix` from utilities already laid out option-major (`byOption[a·voters + k]` = voter k's
 * utility of option a), written into `coalitions` (at least options² long) and returned. Callers that
 * build their utilities in this layout skip the transpose and the allocations.
 */
export function coalitionsByOption(
  rule: VotingRule,
  weights: Float64Array,
  byOption: Float64Array,
  voters: number,
  options: number,
  coalitions: Float64Array,
): Float64Array {
  coalitionRows(rule, weights, byOption, voters, options, coalitions, 0, options);
  return coalitions;
}

/**
 * The rows a ∈ [from, to) of `coalitionsByOption`: each pair (a, b < a) in both directions, and C(a:a).
 * Rows write disjoint entries and each entry is summed the same way whoever computes it, so threads can
 * share out the rows (see rows.ts) and the matrix is the same bit for bit.
 */
export function coalitionRows(
  rule: VotingRule,
  weights: Float64Array,
  byOption: Float64Array,
  voters: number,
  options: number,
  coalitions: Float64Array,
  from: number,
  to: number,
): void {
  if (rule === "Prop") {
    fillProportionalCoalitions(weights, byOption, voters, options, coalitions, from, to);
    return;
  }
  for (let a = from; a < to; a++) {
    for (let b = 0; b < a; b++) sumPairWithBranches(rule, weights, byOption, voters, options, coalitions, a, b);
    coalitions[a * options + a] = MIN_COALITION;
  }
}

/**
 * `coalitionRows` for the default Prop rule (v = w·du) with the vote written out: the same numbers in the
 * same order, without a call per voter. `byOption[a·voters + k]` is voter k's utility of option a.
 *
 * The sums are branch-free and kept doubled: 2·max(0, v) is v + |v| and 2·max(0, −v) is |v| − v, both exact,
 * and adding 0 leaves a sum unchanged; doubling is exact, so each doubled sum rounds exactly as twice the
 * branching `if (v > 0) forA += v; else if (v < 0) forB -= v`, and halving it at the end gives that sum bit
 * for bit. The terms are never negative, so a doubled sum that overflowed, or met an infinite vote, ends
 * as ∞ or NaN; only then is the pair summed again the branching way (`sumPairWithBranches`).
 */
function fillProportionalCoalitions(
  weights: Float64Array,
  byOption: Float64Array,
  voters: number,
  options: number,
  coalitions: Float64Array,
  from: number,
  to: number,
): void {
  const start = MIN_COALITION + MIN_COALITION;
  for (let a = from; a < to; a++) {
    const rowA = a * voters;
    const atA = a * options;
    let b = 0;
    // Four pairs (a, b) … (a, b+3) per pass over the voters: each pair is still summed in voter order, but
    // the eight independent sums overlap in the pipeline and share the loads of w and u_a.
    for (; b + 3 < a; b += 4) {
      const row0 = b * voters;
      const row1 = row0 + voters;
      const row2 = row1 + voters;
      const row3 = row2 + voters;
      let forA0 = start;
      let forB0 = start;
      let forA1 = start;
      let forB1 = start;
      let forA2 = start;
      let forB2 = start;
      let forA3 = start;
      let forB3 = start;
      for (let k = 0; k < voters; k++) {
        const w = weights[k] as number;
        const ua = byOption[rowA + k] as number;
        const v0 = w * (ua - (byOption[row0 + k] as number));
        const size0 = Math.abs(v0);
        forA0 += v0 + size0;
        forB0 += size0 - v0;
        const v1 = w * (ua - (byOption[row1 + k] as number));
        const size1 = Math.abs(v1);
        forA1 += v1 + size1;
        forB1 += size1 - v1;
        const v2 = w * (ua - (byOption[row2 + k] as number));
        const size2 = Math.abs(v2);
        forA2 += v2 + size2;
        forB2 += size2 - v2;
        const v3 = w * (ua - (byOption[row3 + k] as number));
        const size3 = Math.abs(v3);
        forA3 += v3 + size3;
        forB3 += size3 - v3;
      }
      coalitions[atA + b] = forA0 * 0.5;
      coalitions[b * options + a] = forB0 * 0.5;
      coalitions[atA + b + 1] = forA1 * 0.5;
      coalitions[(b + 1) * options + a] = forB1 * 0.5;
      coalitions[atA + b + 2] = forA2 * 0.5;
      coalitions[(b + 2) * options + a] = forB2 * 0.5;
      coalitions[atA + b + 3] = forA3 * 0.5;
      coalitions[(b + 3) * options + a] = forB3 * 0.5;
      if (!(forA0 + forB0 + forA1 + forB1 + forA2 + forB2 + forA3 + forB3 < Infinity)) {
        for (let c = b; c < b + 4; c++) sumPairWithBranches("Prop", weights, byOption, voters, options, coalitions, a, c);
      }
    }
    for (; b < a; b++) {
      const rowB = b * voters;
      let forA = start;
      let forB = start;
      for (let k = 0; k < voters; k++) {
        const v = (weights[k] as number) * ((byOption[rowA + k] as number) - (byOption[rowB + k] as number));
        const size = Math.abs(v);
        forA += v + size;
        forB += size - v;
      }
      coalitions[atA + b] = forA * 0.5;
      coalitions[b * options + a] = forB * 0.5;
      if (!(forA + forB < Infinity)) sumPairWithBranches("Prop", weights, byOption, voters, options, coalitions, a, b);
    }
    coalitions[atA + a] = MIN_COALITION;
  }
}

/**
 * Stores C(a:b) and C(b:a) summed with branches, as KTAB does: every rule other than Prop, and the Prop
 * pairs the doubled sums cannot take.
 */
function sumPairWithBranches(
  rule: VotingRule,
  weights: Float64Array,
  byOption: Float64Array,
  voters: number,
  options: number,
  coalitions: Float64Array,
  a: number,
  b: number,
): void {
  const rowA = a * voters;
  const rowB = b * voters;
  let forA = MIN_COALITION;
  let forB = MIN_COALITION;
  for (let k = 0; k < voters; k++) {
    const v = vote(rule, weights[k] as number, byOption[rowA + k] as number, byOption[rowB + k] as number);
    if (v > 0) forA += v;
    else if (v < 0) forB -= v;
  }
  coalitions[a * options + b] = forA;
  coalitions[b * options + a] = forB;
}

/**
 * Victory probabilities P[a·options + b] = P(a beats b) from coalition strengths; P(a>a) = ½.
 * Both directions of a pair are computed from the same two strengths, so P(a>b) + P(b>a) = 1.
 * Written into `probabilities` when given (at least options² long).
 */
export function victoryMatrix(
  model: VictoryProbModel,
  coalitions: Float64Array,
  options: number,
  probabilities: Float64Array = new Float64Array(options * options),
): Float64Array {
  if (model === "Linear") {
    // x_a = C(a:b), x_b = C(b:a): `victoryOdds` written out for the default model.
    for (let a = 0; a < options; a++) {
      for (let b = 0; b < a; b++) {
        const xa = coalitions[a * options + b] as number;
        const xb = coalitions[b * options + a] as number;
        probabilities[a * options + b] = xa / (xa + xb);
        probabilities[b * options + a] = xb / (xa + xb);
      }
      probabilities[a * options + a] = 0.5;
    }
    return probabilities;
  }
  for (let a = 0; a < options; a++) {
    for (let b = 0; b < a; b++) {
      const forA = coalitions[a * options + b] as number;
      const forB = coalitions[b * options + a] as number;
      const xa = victoryOdds(model, forA, forB);
      const xb = lastOddsB;
      probabilities[a * options + b] = xa / (xa + xb);
      probabilities[b * options + a] = xb / (xa + xb);
    }
    probabilities[a * options + a] = 0.5;
  }
  return probabilities;
}
