/**
 * Conformal prediction intervals from a track record (Vovk, Gammerman & Shafer 2005; Lei et al. 2018,
 * "Distribution-free predictive inference for regression", JASA 113). Pure.
 *
 * A model's nonconformity score on a past case is its absolute error |outcome − forecast|. If the
 * cases are exchangeable, a new case's score is as likely to rank anywhere among the n past scores,
 * so the ⌈(n + 1)·level⌉-th smallest past score q gives an interval forecast ± q that covers the new
 * outcome with probability at least `level` (and at most level + 1/(n + 1) when scores are distinct).
 */

/** Levels of the reliability table: nominal coverage against the coverage achieved. */
export const RELIABILITY_LEVELS = [0.5, 0.8, 0.9] as const;

/** The default level of an interval. */
export const DEFAULT_LEVEL = 0.8;

/** Slack for "the outcome lies in the interval", so that float rounding never decides coverage. */
export const COVER_TOLERANCE = 1e-9;

/** The rank (1-based) of the score that bounds a level-`level` interval among `n` past scores; may exceed n. */
export function conformalRank(n: number, level: number): number {
  // The small slack keeps (n + 1)·level from rounding up past an exact integer (e.g. 9 × 0.9 = 8.100000000000001).
  return Math.ceil((n + 1) * level - 1e-9);
}

/**
 * The conformal half-width at `level` from ascending scores: the ⌈(n + 1)·level⌉-th smallest, or
 * Infinity when there are too few scores for that level (an interval over the whole scale).
 */
export function conformalQuantile(sorted: ArrayLike<number>, level: number): number {
  const k = conformalRank(sorted.length, level);
  return k <= 0 ? 0 : k > sorted.length ? Number.POSITIVE_INFINITY : sorted[k - 1]!;
}

/** One past case as the calibration sees it. */
export interface ScoredCase {
  /** |outcome − forecast|, on the case's scale. */
  readonly score: number;
  /** Cases of one group never calibrate each other's intervals (cross-fitting by proposal). */
  readonly group: string;
  /** Mondrian category: only cases of the same category calibrate each other (undefined: one category). */
  readonly category?: string;
}

/**
 * Cross-fitted conformal half-widths: for each case, the conformal quantile at `level` of the scores
 * of the cases in other groups (and the same category, when categories are given). No case
 * calibrates its own interval, nor does any case of its group — leave-one-group-out, which for a
 * model without fitted parameters is exactly split conformal with every other group as the
 * calibration set. Cost: O(n log n) to sort plus O(n) per group.
 */
export function crossFittedHalfWidths(cases: readonly ScoredCase[], level: number): number[] {
  const order = cases.map((_, i) => i).sort((a, b) => cases[a]!.score - cases[b]!.score);
  const widths = new Array<number>(cases.length).fill(Number.POSITIVE_INFINITY);
  const done = new Map<string, number>();
  cases.forEach((c, i) => {
    const key = `${c.category ?? ""}\u0000${c.group}`;
    const known = done.get(key);
    if (known !== undefined) {
      widths[i] = known;
      return;
    }
    const calibration = order.filter((j) => cases[j]!.group !== c.group && cases[j]!.category === c.category);
    const k = conformalRank(calibration.length, level);
    const width = k <= 0 ? 0 : k > calibration.length ? Number.POSITIVE_INFINITY : cases[calibration[k - 1]!]!.score;
    done.set(key, width);
    widths[i] = width;
  });
  return widths;
}

/** An interval on a bounded scale. */
export interface Interval {
  readonly lower: number;
  readonly upper: number;
}

/** forecast ± halfWidth, cut to the scale [min, max] (outcomes never lie outside it). */
export function intervalAround(forecast: number, halfWidth: number, min: number, max: number): Interval {
  return { lower: Math.max(min, forecast - halfWidth), upper: Math.min(max, forecast + halfWidth) };
}

/** How an interval method did on cases it did not see: the share of outcomes covered and the mean width. */
export interface IntervalScore {
  /** Nominal coverage, 0–1. */
  readonly level: number;
  /** Share (0–1) of cases whose outcome lay in its interval; null for no cases. */
  readonly coverage: number | null;
  /** Mean width of the intervals, cut to the scale, in points of the scale; null for no cases. */
  readonly meanWidth: number | null;
}

/** Coverage and mean width of intervals against the outcomes they were meant to cover. */
export function scoreIntervals(level: number, intervals: readonly Interval[], outcomes: readonly number[]): IntervalScore {
  if (intervals.length === 0) return { level, coverage: null, meanWidth: null };
  let covered = 0;
  let width = 0;
  intervals.forEach((interval, i) => {
    const y = outcomes[i]!;
    if (y >= interval.lower - COVER_TOLERANCE && y <= interval.upper + COVER_TOLERANCE) covered++;
    width += interval.upper - interval.lower;
  });
  return { level, coverage: covered / intervals.length, meanWidth: width / intervals.length };
}
