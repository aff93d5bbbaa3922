/**
 * Distance and risk utility (spec "Distance and utility"). Everything is on [0,1].
 *
 * Layout: positions, ideals and saliences are row-major Float64Arrays of n actors × m dimensions, so actor
 * a's coordinate on dimension k is at a·m + k.
 */

/**
 * Salience-weighted, normalised distance from actor a's ideal to a point:
 * d = sqrt( Σ_k (s_ak·(ι_ak − p_k))² / Σ_k s_ak² ). On one dimension this is |ι − p|.
 * `salienceSquareSum` is Σ_k s_ak², precomputed per actor because it never changes.
 */
export function weightedDistance(
  ideals: Float64Array,
  saliences: Float64Array,
  salienceSquareSum: number,
  actor: number,
  point: Float64Array,
  pointOffset: number,
  dims: number,
): number {
  const base = actor * dims;
  let sum = 0;
  for (let k = 0; k < dims; k++) {
    const weighted = (saliences[base + k] as number) * ((ideals[base + k] as number) - (point[pointOffset + k] as number));
    sum += weighted * weighted;
  }
  return Math.sqrt(sum / salienceSquareSum);
}

/**
 * `weightedDistance` from actor a's ideal to two points at once, written into `out[0]` and `out[1]`: the
 * same two sums, each in its own order, interleaved. Each sum is a chain of dependent additions, so two
 * chains in one loop take little longer than one, and a's ideal and saliences are read once for both.
 */
export function weightedDistancePair(
  ideals: Float64Array,
  saliences: Float64Array,
  salienceSquareSum: number,
  actor: number,
  first: Float64Array,
  firstOffset: number,
  second: Float64Array,
  secondOffset: number,
  dims: number,
  out: Float64Array,
): void {
  const base = actor * dims;
  let firstSum = 0;
  let secondSum = 0;
  for (let k = 0; k < dims; k++) {
    const salience = saliences[base + k] as number;
    const ideal = ideals[base + k] as number;
    const towardFirst = salience * (ideal - (first[firstOffset + k] as number));
    const towardSecond = salience * (ideal - (second[secondOffset + k] as number));
    firstSum += towardFirst * towardFirst;
    secondSum += towardSecond * towardSecond;
  }
  out[0] = Math.sqrt(firstSum / salienceSquareSum);
  out[1] = Math.sqrt(secondSum / salienceSquareSum);
}

/**
 * The n×n matrix D[i·n + j] = d_i(x_j): how far actor j's position is from actor i's ideal, judged with
 * i's saliences. O(n²·m).
 */
export function distanceMatrix(
  ideals: Float64Array,
  positions: Float64Array,
  saliences: Float64Array,
  salienceSquareSums: Float64Array,
  actors: number,
  dims: number,
): Float64Array {
  const distances = new Float64Array(actors * actors);
  for (let i = 0; i < actors; i++) {
    const squareSum = salienceSquareSums[i] as number;
    for (let j = 0; j < actors; j++) {
      distances[i * actors + j] = weightedDistance(ideals, saliences, squareSum, i, positions, j * dims, dims);
    }
  }
  return distances;
}

/**
 * Risk-attitude utility of a distance: U(d; R) = (1−d)(1+d·R) for d ≤ 1, (1−d)(1+R) beyond.
 * R = +1 is concave (risk-averse), R = 0 is linear (risk-neutral, U = 1 − d), R < 0 convex (risk-seeking).
 */
export function riskUtility(distance: number, risk: number): number {
  return distance <= 1 ? (1 - distance) * (1 + distance * risk) : (1 - distance) * (1 + risk);
}

/** Rounds a [0,1] coordinate to 4 decimals the way KTAB does for bargains: ⌊0.5 + 10⁴x⌋ / 10⁴. */
export function roundTo4Decimals(value: number): number {
  return Math.floor(0.5 + value * 10000) / 10000;
}
