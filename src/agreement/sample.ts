/**
 * A sampled estimate of how much of an outcome space is acceptable, for spaces too large to search
 * exactly within the node budget (docs/agreement.md): outcomes drawn uniformly from the grid (each issue's
 * point drawn independently, so every outcome is equally likely), each judged by the agreement model. The
 * draws are counter-based (sample s of issue i depends only on the seed, s and the issue's id), so the
 * estimate is reproducible. Cost: `samples` judgements of one outcome, O(actors + rules) each. Pure.
 */
import { pow } from "../numeric/portable.js";
import { counterUniform, keyOf } from "../uncertainty/random.js";
import { isAgreement } from "./model.js";
import { outcomeAt, type SearchState } from "./search.js";

/** Outcomes sampled by default, and at most. */
export const DEFAULT_SAMPLES = 10_000;
export const MAX_SAMPLES = 1_000_000;

export interface SampledEstimate {
  /** Outcomes sampled uniformly from the grid. */
  readonly samples: number;
  readonly seed: number;
  /** Sampled outcomes that are agreements. */
  readonly hits: number;
  /** Estimated share of the grid's outcomes that are agreements: hits / samples. */
  readonly share: number;
  /** Standard error of `share`: √(share·(1 − share)/samples). */
  readonly standardError: number;
  /** Estimated number of agreements on the grid: share × outcomes. */
  readonly outcomes: number;
  /**
   * Upper end of a 95% interval for the share: with no hit, the exact bound 1 − 0.05^(1/samples) (about
   * 3/samples); otherwise share + 1.96 standard errors, at most 1.
   */
  readonly upper95: number;
  /** The first sampled agreement, as grid indices per issue (scenario order). */
  readonly example?: readonly number[];
}

export interface SampleOptions {
  readonly samples?: number;
  readonly seed?: number;
}

/** Samples outcomes of the search state's grid uniformly and counts the agreements among them. */
export function sampleAgreements(state: SearchState, options: SampleOptions = {}): SampledEstimate {
  const samples = options.samples ?? DEFAULT_SAMPLES;
  if (!Number.isInteger(samples) || samples < 1 || samples > MAX_SAMPLES) throw new RangeError(`samples must be a whole number from 1 to ${MAX_SAMPLES}, got ${samples}`);
  const seed = Math.trunc(options.seed ?? 0) >>> 0;
  const { prepared, model, constraints } = state;
  const keys = prepared.scenario.issues.map((issue) => keyOf(`sample.${issue.id}`));
  const sizes = prepared.grids.map((g) => g.length);
  const k = new Array<number>(sizes.length).fill(0);
  let hits = 0;
  let example: number[] | undefined;
  for (let s = 0; s < samples; s++) {
    for (let i = 0; i < sizes.length; i++) k[i] = Math.min(sizes[i]! - 1, Math.floor(counterUniform(seed, s, keys[i]!) * sizes[i]!));
    if (isAgreement(model, outcomeAt(prepared, k), constraints)) {
      hits++;
      example ??= [...k];
    }
  }
  const share = hits / samples;
  const standardError = Math.sqrt((share * (1 - share)) / samples);
  const upper95 = hits === 0 ? 1 - pow(0.05, 1 / samples) : Math.min(1, share + 1.96 * standardError);
  return { samples, seed, hits, share, standardError, outcomes: share * prepared.outcomes, upper95, ...(example ? { example } : {}) };
}
