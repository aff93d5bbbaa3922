/**
 * Bargaining solutions and other summaries of a Pareto frontier.
 *
 * Every solution returns ALL its ties. Tie rule ({@link isTie}): two criterion values tie when they
 * differ by at most 10⁻⁹ relative to max(1, |a|, |b|). That is three orders of magnitude below the
 * 6-decimal rounding of the published reference values and three orders above the representation
 * error of utilities (10⁻¹² per issue, see ./scoring.ts), so mathematically equal values computed
 * along different paths always tie and values that differ visibly never do.
 *
 * Why the frontier suffices:
 * - Nash, KS and egalitarian are defined over the rational frontier.
 * - Max welfare over ALL outcomes is attained on the frontier, for any utilities: an outcome off the
 *   frontier is dominated by some outcome whose utilities are ≥ everywhere and > somewhere, hence
 *   whose welfare is strictly larger, so it is not a maximiser. All maximisers (every tie) are
 *   frontier outcomes.
 * - Opposition min over rational outcomes of √Σ(1 − u_i/max_i)² is attained on the rational
 *   frontier: each term decreases as u_i grows towards max_i (u_i ≤ max_i always; max_i > 0), so an
 *   outcome that dominates another has a distance no larger; and it is rational too (u ≥ the other's
 *   u ≥ rv). The largest utility of each party is also attained on the frontier.
 */
import { dominates } from "./dominance.js";
import type { FrontierPoint, ParetoFrontier } from "./pareto.js";
import { forEachScoredOutcome, fromUnits, outcomeUnits, toUnits, type ScoredSpace } from "./scoring.js";
import type { Outcome } from "./space.js";

/** Relative tolerance of the tie rule. */
export const TIE_TOLERANCE = 1e-9;

/** Do two criterion values tie? |a − b| ≤ 10⁻⁹ · max(1, |a|, |b|). */
export function isTie(a: number, b: number): boolean {
  return Math.abs(a - b) <= TIE_TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));
}

/** The tied best points of a criterion, with the criterion value. */
export interface Solution {
  /** Criterion value at the optimum (product, welfare, spread…), null when no point qualifies. */
  readonly value: number | null;
  /** Every distinct frontier vector attaining the optimum (within the tie rule), in frontier order. */
  readonly points: readonly FrontierPoint[];
  /** Number of outcomes behind those points. */
  readonly ties: number;
}

/** Largest utility of each party over the whole space (attained on the frontier). */
export function frontierMaxima(frontier: ParetoFrontier): number[] {
  const first = frontier.points[0];
  if (first === undefined) return [];
  return first.utilities.map((_, i) => Math.max(...frontier.points.map((point) => point.utilities[i]!)));
}

/**
 * The parties whose gains the bargaining solutions weigh: `among` (party indices), or every party. A
 * scenario whose decision rule needs only some signatures bargains among those (./agreements.ts).
 */
function bargainers(point: FrontierPoint, among: readonly number[] | undefined): readonly number[] {
  return among ?? point.units.map((_, i) => i);
}

/** Is the point at least as good as no agreement for every party of `among` (default all), compared exactly in units? */
export function isRational(point: FrontierPoint, reservations: readonly number[], among?: readonly number[]): boolean {
  return bargainers(point, among).every((i) => point.units[i]! >= toUnits(reservations[i] ?? 0));
}

/** The frontier points every party (of `among`, default all) prefers weakly to its reservation value. */
export function rationalPoints(frontier: ParetoFrontier, reservations: readonly number[], among?: readonly number[]): FrontierPoint[] {
  return frontier.points.filter((point) => isRational(point, reservations, among));
}

/** Best points by `score` (maximised; pass a negated score to minimise), keeping every tie. */
export function bestBy(points: readonly FrontierPoint[], score: (point: FrontierPoint) => number): Solution {
  const scores = points.map(score);
  let best = Number.NEGATIVE_INFINITY;
  for (const value of scores) if (value > best) best = value;
  if (points.length === 0 || !Number.isFinite(best)) return { value: null, points: [], ties: 0 };
  const tied = points.filter((_, i) => isTie(scores[i]!, best));
  return { value: best, points: tied, ties: tied.reduce((sum, point) => sum + point.outcomes.length, 0) };
}

/** Nash bargaining solution: argmax Π(u_i − rv_i) over the rational frontier (i in `among`, default all). */
export function nashPoints(frontier: ParetoFrontier, reservations: readonly number[], among?: readonly number[]): Solution {
  return bestBy(rationalPoints(frontier, reservations, among), (point) =>
    bargainers(point, among).reduce((product, i) => product * (point.utilities[i]! - (reservations[i] ?? 0)), 1),
  );
}

/**
 * Kalai–Smorodinsky (NegMAS definition): over the rational frontier, minimise the spread
 * max_i − min_i of the normalised gains (u_i − rv_i)/(max_i − rv_i). A party with max_i ≤ rv_i has
 * nothing to gain and its normalised gain is taken as 1. The returned value is the spread.
 */
export function ksPoints(frontier: ParetoFrontier, reservations: readonly number[], among?: readonly number[]): Solution {
  const maxima = frontierMaxima(frontier);
  const solution = bestBy(rationalPoints(frontier, reservations, among), (point) => {
    const gains = bargainers(point, among).map((i) => {
      const range = maxima[i]! - (reservations[i] ?? 0);
      return range > 0 ? (point.utilities[i]! - (reservations[i] ?? 0)) / range : 1;
    });
    return -(Math.max(...gains) - Math.min(...gains));
  });
  return negateValue(solution);
}

/** Kalai–Smorodinsky as GENIUS computes it: argmin Σ_{i<j} |u_i − u_j| over the whole frontier (reservation values ignored). */
export function ksGeniusPoints(frontier: ParetoFrontier): Solution {
  return negateValue(
    bestBy(frontier.points, (point) => {
      let spread = 0;
      const u = point.utilities;
      for (let i = 0; i < u.length; i++) for (let j = i + 1; j < u.length; j++) spread += Math.abs(u[i]! - u[j]!);
      return -spread;
    }),
  );
}

/** Egalitarian point (NegMAS "kalai_points"): argmax min_i (u_i − rv_i) over the rational frontier. */
export function egalitarianPoints(frontier: ParetoFrontier, reservations: readonly number[], among?: readonly number[]): Solution {
  return bestBy(rationalPoints(frontier, reservations, among), (point) => Math.min(...bargainers(point, among).map((i) => point.utilities[i]! - (reservations[i] ?? 0))));
}

/** Maximum welfare Σ_i u_i over all outcomes (attained on the frontier, see the module comment). */
export function maxWelfarePoints(frontier: ParetoFrontier): Solution {
  return bestBy(frontier.points, (point) => fromUnits(point.units.reduce((sum, units) => sum + units, 0)));
}

/**
 * Opposition (NegMAS opposition_level): min over rational outcomes of √Σ_i (1 − u_i/max_i)², found on
 * the rational frontier. A party whose largest utility is not positive contributes 0. Null when no
 * outcome is rational.
 */
export function opposition(frontier: ParetoFrontier, reservations: readonly number[], among?: readonly number[]): number | null {
  const maxima = frontierMaxima(frontier);
  const distances = rationalPoints(frontier, reservations, among).map((point) =>
    Math.sqrt(point.utilities.reduce((sum, u, i) => (maxima[i]! > 0 ? sum + (1 - u / maxima[i]!) ** 2 : sum), 0)),
  );
  return distances.length === 0 ? null : Math.min(...distances);
}

/** How much an agreement leaves on the table. */
export interface PostSettlement {
  readonly agreementUtilities: readonly number[];
  /** Outcomes (of the whole space) that strictly dominate the agreement. */
  readonly dominatingOutcomes: number;
  /** Frontier outcomes that strictly dominate the agreement. */
  readonly paretoDominating: number;
  /** argmax Π(u_i − u_i(agreement)) over the frontier outcomes dominating it. */
  readonly nashImprovement: Solution;
  /** argmax min_i (u_i − u_i(agreement)) over the same outcomes. */
  readonly equalGainImprovement: Solution;
}

/**
 * Post-settlement analysis of `agreement`. Counting every dominating outcome needs one pass over
 * the space (streamed, no memory); the improvements only need the frontier.
 */
export function postSettlement(scored: ScoredSpace, frontier: ParetoFrontier, agreement: Outcome): PostSettlement {
  return postSettlementOf(outcomeUnits(scored, agreement), frontier, (visit) => forEachScoredOutcome(scored, (_outcome, units) => visit(units)));
}

/**
 * Post-settlement analysis of an agreement with utilities `agreed` (units) against a frontier, counting
 * the outcomes `forEach` visits (their utilities in units) that dominate it.
 */
export function postSettlementOf(agreed: readonly number[], frontier: ParetoFrontier, forEach: (visit: (units: ArrayLike<number>) => void) => void): PostSettlement {
  let dominatingOutcomes = 0;
  forEach((units) => {
    if (dominates(units, agreed)) dominatingOutcomes++;
  });
  const better = frontier.points.filter((point) => dominates(point.units, agreed));
  const gains = (point: FrontierPoint): number[] => point.units.map((units, i) => fromUnits(units - agreed[i]!));
  return {
    agreementUtilities: agreed.map(fromUnits),
    dominatingOutcomes,
    paretoDominating: better.reduce((sum, point) => sum + point.outcomes.length, 0),
    nashImprovement: bestBy(better, (point) => gains(point).reduce((product, gain) => product * gain, 1)),
    equalGainImprovement: bestBy(better, (point) => Math.min(...gains(point))),
  };
}

function negateValue(solution: Solution): Solution {
  return solution.value === null ? solution : { ...solution, value: -solution.value };
}
