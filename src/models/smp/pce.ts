/**
 * Probabilistic Condorcet elections (spec "PCE"): from voters' weights and utilities over a set of options,
 * the probability that each option prevails.
 */

import { ModelError } from "../types.js";
import type { PceModel, VictoryProbModel, VotingRule } from "./parameters.js";
import type { SmpRows } from "./rows.js";
import { coalitionMatrix, coalitionsByOption, victoryMatrix } from "./votes.js";

/** The three rules a PCE needs; a subset of the SMP parameters. */
export interface PceRules {
  readonly VotingRule: VotingRule;
  readonly VictoryProbModel: VictoryProbModel;
  readonly PCEModel: PceModel;
}

/** KTAB gives up on a Markov PCE that has not converged after this many iterations. */
const MAX_MARKOV_ITERATIONS = 1000;
const MARKOV_UNIFORM_TOLERANCE = 1e-6;
const MARKOV_INCENTIVE_TOLERANCE = 1e-8;
/** Self-incentive that keeps every column of the challenge matrix away from 0/0. */
const SELF_INCENTIVE = 1e-10;

/**
 * PCE(w, U): option probabilities for voters with `weights`, utilities `utilities[voter·options + option]`,
 * under the rules' VotingRule, VictoryProbModel and PCEModel. O(voters·options²) for the coalitions, plus
 * O(options²) per Markov iteration.
 */
export function pce(
  rules: PceRules,
  weights: Float64Array,
  utilities: Float64Array,
  voters: number,
  options: number,
): Float64Array {
  const coalitions = coalitionMatrix(rules.VotingRule, weights, utilities, voters, options);
  const victory = victoryMatrix(rules.VictoryProbModel, coalitions, options);
  switch (rules.PCEModel) {
    case "Conditional":
      return conditionalPce(victory, options);
    case "MarkovUniform":
      return markovUniformPce(victory, options);
    case "MarkovIncentive":
      return markovIncentivePce(coalitions, victory, options);
  }
}

/** Scratch for `pceByOption`, grown on demand and reused across calls (runs are synchronous). */
let scratchCoalitions = new Float64Array(0);
let scratchVictory = new Float64Array(0);
/** Conditional results by number of options, so each has the exact length. */
const scratchProbabilities: Float64Array[] = [];

/**
 * `pce` for utilities laid out option-major (`byOption[a·voters + k]` = voter k's utility of option a),
 * the same numbers without the transpose. The Conditional result lives in a buffer that the next call
 * overwrites: read it before calling again. The Markov models return a fresh array. With `rows` (a large
 * run's threads) the coalition matrix is shared out by rows, the same numbers.
 */
export function pceByOption(
  rules: PceRules,
  weights: Float64Array,
  byOption: Float64Array,
  voters: number,
  options: number,
  rows: SmpRows | null = null,
): Float64Array {
  const size = options * options;
  if (scratchCoalitions.length < size) {
    scratchCoalitions = new Float64Array(size);
    scratchVictory = new Float64Array(size);
  }
  const coalitions =
    rows === null
      ? coalitionsByOption(rules.VotingRule, weights, byOption, voters, options, scratchCoalitions)
      : rows.coalitions(rules.VotingRule, weights, byOption, voters, options);
  const victory = victoryMatrix(rules.VictoryProbModel, coalitions, options, scratchVictory);
  switch (rules.PCEModel) {
    case "Conditional":
      return conditionalPceInto(victory, options, (scratchProbabilities[options] ??= new Float64Array(options)));
    case "MarkovUniform":
      return markovUniformPce(victory, options);
    case "MarkovIncentive":
      return markovIncentivePce(coalitions, victory, options);
  }
}

/**
 * Conditional PCE: π_a ∝ Π_b P(a>b), the product including the ½ on the diagonal; i.e. the probability
 * that a beats every alternative, conditional on some option doing so.
 */
export function conditionalPce(victory: Float64Array, options: number): Float64Array {
  return conditionalPceInto(victory, options, new Float64Array(options));
}

function conditionalPceInto(victory: Float64Array, options: number, probabilities: Float64Array): Float64Array {
  let total = 0;
  for (let a = 0; a < options; a++) {
    let product = 1;
    for (let b = 0; b < options; b++) product *= victory[a * options + b] as number;
    probabilities[a] = product;
    total += product;
  }
  for (let a = 0; a < options; a++) probabilities[a] = (probabilities[a] as number) / total;
  return probabilities;
}

/**
 * Markov PCE with uniform challenges: from uniform π, q_a = (1/N) Σ_b P(a>b)(π_a + π_b), then
 * π ← (π + q)/2, until max|q − π| ≤ 1e-6 (the change is measured before the averaging step).
 */
export function markovUniformPce(victory: Float64Array, options: number): Float64Array {
  let current: Float64Array = new Float64Array(options).fill(1 / options);
  const next = new Float64Array(options);
  let change = 1;
  let iterations = 0;
  while (change > MARKOV_UNIFORM_TOLERANCE) {
    change = 0;
    for (let a = 0; a < options; a++) {
      let sum = 0;
      const pa = current[a] as number;
      for (let b = 0; b < options; b++) sum += (victory[a * options + b] as number) * (pa + (current[b] as number));
      const qa = sum / options;
      next[a] = qa;
      change = Math.max(change, Math.abs(qa - pa));
    }
    current = averageInto(current, next);
    iterations = checkIterations(iterations, "MarkovUniform");
  }
  return current;
}

/**
 * Markov PCE where challenges come in proportion to incentive (spec "MarkovIncentive"):
 * I(a,b) = C(a:b)·P(a>b) (+1e-10 on the diagonal), H(a,b) = I(a,b)/Σ_c I(c,b); from uniform π,
 * q_a = Σ_b P(a>b)·(π_a·H(b,a) + π_b·H(a,b)), π ← (π+q)/2, until max|q−π| ≤ 1e-8.
 */
export function markovIncentivePce(coalitions: Float64Array, victory: Float64Array, options: number): Float64Array {
  const challenge = challengeProbabilities(coalitions, victory, options);
  let current: Float64Array = new Float64Array(options).fill(1 / options);
  const next = new Float64Array(options);
  let change = 1;
  let iterations = 0;
  while (change > MARKOV_INCENTIVE_TOLERANCE) {
    change = 0;
    for (let a = 0; a < options; a++) {
      const pa = current[a] as number;
      let qa = 0;
      for (let b = 0; b < options; b++) {
        const challengeAB = pa * (challenge[b * options + a] as number);
        const challengeBA = (current[b] as number) * (challenge[a * options + b] as number);
        qa += (victory[a * options + b] as number) * (challengeAB + challengeBA);
      }
      next[a] = qa;
      change = Math.max(change, Math.abs(qa - pa));
    }
    current = averageInto(current, next);
    iterations = checkIterations(iterations, "MarkovIncentive");
  }
  return current;
}

/** H(a,b) = I(a,b) / Σ_c I(c,b): the chance that a is the one to challenge the favourite b. */
function challengeProbabilities(coalitions: Float64Array, victory: Float64Array, options: number): Float64Array {
  const incentive = new Float64Array(options * options);
  for (let a = 0; a < options; a++) {
    for (let b = 0; b < options; b++) {
      const index = a * options + b;
      const value = (coalitions[index] as number) * (victory[index] as number);
      incentive[index] = a === b ? value + SELF_INCENTIVE : value;
    }
  }
  const columnSums = new Float64Array(options);
  for (let b = 0; b < options; b++) {
    let sum = 0;
    for (let c = 0; c < options; c++) sum += incentive[c * options + b] as number;
    columnSums[b] = sum;
  }
  const challenge = new Float64Array(options * options);
  for (let a = 0; a < options; a++) {
    for (let b = 0; b < options; b++) {
      challenge[a * options + b] = (incentive[a * options + b] as number) / (columnSums[b] as number);
    }
  }
  return challenge;
}

/** π ← (π + q)/2, written into a fresh array so the caller's `current` is never aliased. */
function averageInto(current: Float64Array, next: Float64Array): Float64Array {
  const averaged = new Float64Array(current.length);
  for (let a = 0; a < current.length; a++) averaged[a] = ((current[a] as number) + (next[a] as number)) / 2;
  return averaged;
}

/** Counts one Markov iteration and stops a PCE that would never settle, with a message for the analyst. */
function checkIterations(iterations: number, model: PceModel): number {
  const count = iterations + 1;
  if (count >= MAX_MARKOV_ITERATIONS) {
    throw new ModelError(
      `The ${model} PCE did not converge within ${MAX_MARKOV_ITERATIONS} iterations; try PCEModel "Conditional".`,
    );
  }
  return count;
}
