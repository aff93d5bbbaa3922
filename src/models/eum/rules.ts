/**
 * The rule set of one EUM run. Scholz, Calbert & Smith's reference code departs from their published
 * equations in several places (spec §8). Each departure is one field here; the two presets are the
 * reference-code reading (the default, which reproduces the golden files) and the paper reading.
 */

/** How the probability that one position beats another is normalised (departure 1). */
export type ProbabilityRule =
  /** Reference code: divide by the global normaliser D summed over all voters and all ordered actor pairs. */
  | "global-normaliser"
  /** Paper: divide by the voters' total absolute margin on this pair only, so P(a,b) + P(b,a) = 1. */
  | "pairwise";

/** Which exponent a voter applies to its normalised distances when voting (departure 2). */
export type VoteExponentRule =
  /** Reference code: each voter raises its normalised distances to its own risk exponent r_k. */
  | "risk"
  /** Paper: votes use linear distances. */
  | "linear";

/** Whose risk exponent (and, for the no-challenge term, whose viewpoint) an expected utility uses (departure 3). */
export type PerspectiveRule =
  /** Reference code: the receiver of an offer evaluates both directions of the dyad with its own r. */
  | "receiver"
  /** Paper: E^i(U_ij) with r_i, E^j(U_ji) with r_j: the challenger's own view. */
  | "challenger";

/** What is subtracted from the value of a challenge (departure 4). */
export type StatusQuoRule =
  /** Reference code: q·U_sq only. */
  | "status-quo-only"
  /** Paper: Q·U_sq + (1 − Q)(T·U_b + (1 − T)·U_w), with μ the median position and T from the median's side. */
  | "with-no-challenge-term";

/** How a receiver picks among several compromise offers (departure 6). */
export type CompromiseSelectionRule =
  /** Reference code: smallest weighted-position key (|a|·x_i + |b|·x_j)/(|a| + |b|); favours the low end. */
  | "lowest-key"
  /** Paper: the offer that moves the receiver least. */
  | "least-movement";

export interface EumRules {
  readonly probability: ProbabilityRule;
  readonly voteExponent: VoteExponentRule;
  readonly perspective: PerspectiveRule;
  readonly statusQuo: StatusQuoRule;
  /**
   * Departure 5. The reference code's capitulation test reads `b < |b|`, which is never true, so the region
   * b > 0 > a, b < |a| produces no move (false). The paper moves the receiver fully to the other position (true).
   */
  readonly capitulation: boolean;
  readonly compromiseSelection: CompromiseSelectionRule;
}

export const EUM_VARIANTS = ["scholz-code", "paper"] as const;
export type EumVariant = (typeof EUM_VARIANTS)[number];

/** The reference code (jmckib / dmasad `bdm_scholz_model.py`), as the golden files were produced. */
export const SCHOLZ_CODE_RULES: EumRules = {
  probability: "global-normaliser",
  voteExponent: "risk",
  perspective: "receiver",
  statusQuo: "status-quo-only",
  capitulation: false,
  compromiseSelection: "lowest-key",
};

/** The published equations of Scholz, Calbert & Smith (2011). */
export const PAPER_RULES: EumRules = {
  probability: "pairwise",
  voteExponent: "linear",
  perspective: "challenger",
  statusQuo: "with-no-challenge-term",
  capitulation: true,
  compromiseSelection: "least-movement",
};

/** True when `value` names a known variant. */
export function isEumVariant(value: unknown): value is EumVariant {
  return typeof value === "string" && (EUM_VARIANTS as readonly string[]).includes(value);
}

/** The rule set of a variant, with individual rules overridden. */
export function resolveRules(variant: EumVariant, overrides: Partial<EumRules> = {}): EumRules {
  const base = variant === "paper" ? PAPER_RULES : SCHOLZ_CODE_RULES;
  return { ...base, ...overrides };
}
