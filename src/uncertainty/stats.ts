/** Summary statistics of samples: moments, quantiles, fixed-bin histograms, first-order variance shares. Pure. */

/** The quantiles reported for every forecast distribution (as fractions). */
export const QUANTILES = [0.05, 0.25, 0.5, 0.75, 0.95] as const;

/** Arithmetic mean (NaN for no values), summed in the order given. */
export function mean(values: ArrayLike<number>): number {
  if (values.length === 0) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] as number;
  return sum / values.length;
}

/** Sample standard deviation (n − 1 in the denominator); 0 for a single value, NaN for none. */
export function standardDeviation(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  if (n === 1) return 0;
  const m = mean(values);
  let ss = 0;
  for (let i = 0; i < n; i++) ss += ((values[i] as number) - m) ** 2;
  return Math.sqrt(ss / (n - 1));
}

/**
 * The p-quantile of ascending `sorted` values by linear interpolation between order statistics
 * (Hyndman & Fan type 7, the default of R and NumPy): h = (n − 1)p, x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋+1₎ − x₍⌊h⌋₎).
 */
export function quantileOfSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  const a = sorted[lo] as number;
  return a + (h - lo) * ((sorted[hi] as number) - a);
}

export interface Histogram {
  readonly min: number;
  readonly max: number;
  /** counts[b]: values in [min + b·w, min + (b+1)·w), w = (max − min)/bins; the last bin includes max. */
  readonly counts: readonly number[];
}

/** Counts per equal-width bin over [min, max]; values outside are counted in the end bins. */
export function histogram(values: ArrayLike<number>, min: number, max: number, bins: number): Histogram {
  const counts = new Array<number>(bins).fill(0);
  const width = (max - min) / bins;
  for (let i = 0; i < values.length; i++) {
    const b = Math.floor(((values[i] as number) - min) / width);
    const at = Math.min(bins - 1, Math.max(0, b));
    counts[at] = (counts[at] as number) + 1;
  }
  return { min, max, counts };
}

export interface Distribution {
  readonly n: number;
  readonly mean: number;
  readonly sd: number;
  /** Keyed p5, p25, p50, p75, p95. */
  readonly quantiles: Readonly<Record<string, number>>;
  readonly histogram: Histogram;
}

/** Mean, sd, the five quantiles and a histogram of `bins` bins over [min, max]. */
export function describeSample(values: ArrayLike<number>, min: number, max: number, bins: number): Distribution {
  const sorted = Float64Array.from(values).sort();
  return {
    n: values.length,
    mean: mean(values),
    sd: standardDeviation(values),
    quantiles: Object.fromEntries(QUANTILES.map((p) => [`p${Math.round(p * 100)}`, quantileOfSorted(sorted, p)])),
    histogram: histogram(values, min, max, bins),
  };
}

/** Bins for the first-order index of n samples: about √n/2 bins, between 2 and 50. */
export function binCount(n: number): number {
  return Math.min(50, Math.max(2, Math.floor(Math.sqrt(n) / 2)));
}

/**
 * First-order (main-effect) Sobol index of x on y, S = Var(E[y | x]) / Var(y), estimated from one
 * sample by binning: sort by x, cut into about `bins` bins of equal count (never splitting tied x, so
 * discrete inputs get one bin per value), and compare the between-bin and total sums of squares. The
 * between-bin sum carries a bias of (B − 1) within-bin mean squares even when x does not matter; it is
 * subtracted (the ω² correction of one-way ANOVA) and the result clamped to [0, 1].
 * Returns 0 when y does not vary; NaN for fewer than 3 pairs.
 */
export function firstOrderIndex(x: ArrayLike<number>, y: ArrayLike<number>, bins = binCount(x.length)): number {
  const n = x.length;
  if (n < 3) return Number.NaN;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (x[a] as number) - (x[b] as number) || a - b);
  const grand = mean(y);
  let total = 0;
  for (let i = 0; i < n; i++) total += ((y[i] as number) - grand) ** 2;
  if (!(total > 0)) return 0;
  const target = n / bins;
  let between = 0;
  let groups = 0;
  let start = 0;
  while (start < n) {
    let end = Math.min(n, Math.max(start + 1, Math.round((groups + 1) * target)));
    while (end < n && x[order[end] as number] === x[order[end - 1] as number]) end++;
    let sum = 0;
    for (let r = start; r < end; r++) sum += y[order[r] as number] as number;
    const m = sum / (end - start);
    between += (end - start) * (m - grand) ** 2;
    groups++;
    start = end;
  }
  if (groups < 2) return 0;
  const within = (total - between) / Math.max(1, n - groups);
  return Math.min(1, Math.max(0, (between - (groups - 1) * within) / total));
}
