/**
 * Challenges (spec steps 3 and 4): how one actor values "i challenges j", and whom each actor targets.
 */

import type { BigRAdjust, ThirdPartyCommit, VotingRule } from "./parameters.js";
import { perceivedRisksOf } from "./risk.js";
import { riskUtility } from "./utility.js";
import { vote } from "./votes.js";

/** Floor of each side's support in a challenge, so P is never 0/0. */
const MIN_CHALLENGE_SUPPORT = 1e-10;

/** A challenge is only worth proposing a bargain for above this expected gain. */
export const MIN_CHALLENGE_GAIN = 1e-5;

/** What a challenge value needs besides the perspective's utilities. */
export interface ChallengeContext {
  readonly actors: number;
  /** Voting weight in a challenge: S_q·c_q (total salience times capability). */
  readonly challengeWeights: Float64Array;
  /** Total salience S_q, the probability that q resists a challenge. */
  readonly totalSaliences: Float64Array;
  readonly votingRule: VotingRule;
  readonly thirdPartyCommit: ThirdPartyCommit;
}

/** h's estimate of a challenge: P(i beats j) and the expected gain to k. */
export interface ChallengeEstimate {
  readonly probability: number;
  readonly expectedGain: number;
}

/**
 * U^h, actor h's view of every actor's utility for every position: U^h[q][x] = U(D_qx; R^h_q), where R^h_q is
 * h's estimate of q's risk attitude. Stored position-major (column x, i.e. x's position valued by every q,
 * is contiguous at x·n) and filled one column at a time on demand, because a perspective usually needs only
 * a few columns; the diagonal U^h[q][q] is kept apart since every challenge reads all of it.
 */
export class PerspectiveUtilities {
  /** Column-major U^h: `columns[x·n + q]` = U^h[q][x], valid once column x is ready. */
  readonly columns: Float64Array;
  /** U^h[q][q]. */
  readonly diagonal: Float64Array;
  /** R^h_q. */
  readonly risks: Float64Array;
  /** 1 − D_qx at x·n + q: the first factor of every U(D; R), the same for every perspective of a turn. */
  readonly neutral: Float64Array;
  /** min(D_qx, 1) at x·n + q: U(D; R) = (1 − D)(1 + min(D, 1)·R) for every D, with no branch. */
  readonly clampedDistances: Float64Array;
  /**
   * For the third parties q of challenges by i = `thirdPartiesOf` (see `thirdPartiesFor`): the parts of
   * V1 and V2 that do not depend on the target, U^h[q][i]+U^h[q][i]+U^h[q][q] and U^h[q][i]+U^h[q][i]+U^h[q][i].
   */
  readonly ifIWins: Float64Array;
  readonly ifIWinsAlone: Float64Array;
  /**
   * The third parties of challenges by i in the order a bounded challenge weighs them (`orderThirdParties`):
   * every q ≠ i, most support it could give i first, so that the bounds on what is still to come fall fast.
   * `ordered*` hold, at rank k, q = `order[k]`'s weight, U^h[q][i], `ifIWins`, `ifIWinsAlone`, U^h[q][q] and
   * R^h_q, so the bounded loop reads them in sequence.
   */
  readonly order: Int32Array;
  /** q's rank in `order` (i's own entry unused). */
  readonly rankOf: Int32Array;
  readonly orderedWeights: Float64Array;
  readonly orderedUtilities: Float64Array;
  readonly orderedIfIWins: Float64Array;
  readonly orderedIfIWinsAlone: Float64Array;
  readonly orderedDiagonal: Float64Array;
  readonly orderedRisks: Float64Array;
  /**
   * Suffix sums over the third parties of ranks k' ≥ k in `order` (at k; n long) that bound what they can
   * add to i's side in a challenge by i (see `cannotBeat`): Σ w·A, Σ w²·A·r and Σ w·E, with
   * A = max(U_qq − U_qi, 0), E = max(1 − U_qq, 0) and r ≥ U_qi − U_qx for every position x.
   */
  readonly remainingSupport: Float64Array;
  readonly remainingWeighted: Float64Array;
  readonly remainingExcess: Float64Array;
  /** max_x D_qx this turn, at q: bounds U^h[q][x] from below, U being decreasing in D. */
  readonly farthest: Float64Array;
  /** An absolute allowance for round-off in the support sums of i's challenges (see `cannotBeat`). */
  supportSlack = 0;
  /** The voting weights given to `thirdPartiesFor`. */
  thirdPartyWeights: Float64Array = new Float64Array(0);
  /** Whether twice every support sum of i's challenges stays far below overflow (see `thirdPartiesFor`). */
  doublingIsExact = false;
  private readonly ready: Uint8Array;
  private perspectiveOf = -1;
  private thirdPartiesOf = -1;
  /** Whether `order`, `ordered*`, the suffix sums and `supportSlack` are those of `thirdPartiesOf`. */
  private ordered = false;
  /** Scratch of `orderThirdParties`, by q: w·A, w²·A·r and w·E (with their allowances), and rank buckets. */
  private readonly away: Float64Array;
  private readonly reach: Float64Array;
  private readonly excess: Float64Array;
  private readonly potential: Float64Array;
  private readonly buckets = new Int32Array(ORDER_BUCKETS + 1);
  /** max |D_qx| this turn, which bounds every |U^h[q][x]| by (1 + max)² since |R| ≤ 1. */
  private largestDistance = 0;

  /** `distancesByPosition[x·n + q]` = D_qx = d_q(x_x) for the current turn. */
  constructor(
    readonly actors: number,
    private distancesByPosition: Float64Array,
    private ownRisks: Float64Array,
    readonly adjust: BigRAdjust,
  ) {
    this.columns = new Float64Array(actors * actors);
    this.diagonal = new Float64Array(actors);
    this.risks = new Float64Array(actors);
    this.neutral = new Float64Array(actors * actors);
    this.clampedDistances = new Float64Array(actors * actors);
    this.ifIWins = new Float64Array(actors);
    this.ifIWinsAlone = new Float64Array(actors);
    this.order = new Int32Array(actors);
    this.rankOf = new Int32Array(actors);
    this.orderedWeights = new Float64Array(actors);
    this.orderedUtilities = new Float64Array(actors);
    this.orderedIfIWins = new Float64Array(actors);
    this.orderedIfIWinsAlone = new Float64Array(actors);
    this.orderedDiagonal = new Float64Array(actors);
    this.orderedRisks = new Float64Array(actors);
    this.remainingSupport = new Float64Array(actors);
    this.remainingWeighted = new Float64Array(actors);
    this.remainingExcess = new Float64Array(actors);
    this.away = new Float64Array(actors);
    this.reach = new Float64Array(actors);
    this.excess = new Float64Array(actors);
    this.potential = new Float64Array(actors);
    this.farthest = new Float64Array(actors);
    this.ready = new Uint8Array(actors);
    this.splitDistances();
  }

  /** Points the view at another turn's distances and risk attitudes (same n), so its buffers are reused. */
  rebind(distancesByPosition: Float64Array, ownRisks: Float64Array): this {
    this.distancesByPosition = distancesByPosition;
    this.ownRisks = ownRisks;
    this.perspectiveOf = -1;
    this.thirdPartiesOf = -1;
    this.splitDistances();
    return this;
  }

  /** Fills `neutral`, `clampedDistances` and `largestDistance` from the turn's distances. O(n²). */
  private splitDistances(): void {
    const distances = this.distancesByPosition;
    const n = this.actors;
    let largest = 0;
    if (n < BOUNDED_FROM) {
      // Few actors: no part-way bounds (see `thirdPartySupportProp`), so no `farthest`.
      for (let index = 0; index < distances.length; index++) {
        const d = distances[index] as number;
        this.neutral[index] = 1 - d;
        this.clampedDistances[index] = d <= 1 ? d : 1;
        const size = Math.abs(d);
        if (!(size <= largest)) largest = size; // NaN too, so a NaN distance marks the turn unsafe below
      }
      this.largestDistance = largest;
      return;
    }
    this.farthest.fill(0);
    for (let index = 0; index < distances.length; index++) {
      const d = distances[index] as number;
      this.neutral[index] = 1 - d;
      this.clampedDistances[index] = d <= 1 ? d : 1;
      const size = Math.abs(d);
      if (!(size <= largest)) largest = size; // NaN too, so a NaN distance marks the turn unsafe below
      const q = index % n;
      if (!(size <= (this.farthest[q] as number))) this.farthest[q] = size;
    }
    this.largestDistance = largest;
  }

  /** D_qx at x·n + q, as given to the constructor or `rebind`. */
  get distances(): Float64Array {
    return this.distancesByPosition;
  }

  /** Switches to actor h's perspective: its risk estimates and the diagonal. O(n). */
  viewFrom(h: number): this {
    if (h === this.perspectiveOf) return this;
    this.perspectiveOf = h;
    this.thirdPartiesOf = -1;
    const n = this.actors;
    perceivedRisksOf(h, this.ownRisks, this.adjust, this.risks);
    this.ready.fill(0);
    for (let q = 0; q < n; q++) {
      this.diagonal[q] = riskUtility(this.distancesByPosition[q * n + q] as number, this.risks[q] as number);
    }
    return this;
  }

  /** U^h[q][x] for one entry, without filling its column. */
  utility(q: number, x: number): number {
    return riskUtility(this.distancesByPosition[x * this.actors + q] as number, this.risks[q] as number);
  }

  /** Makes column x ready and returns its offset in `columns`. O(n) the first time, O(1) after. */
  column(x: number): number {
    const n = this.actors;
    const offset = x * n;
    if (this.ready[x] === 0) {
      for (let q = 0; q < n; q++) {
        this.columns[offset + q] = riskUtility(this.distancesByPosition[offset + q] as number, this.risks[q] as number);
      }
      this.ready[x] = 1;
    }
    return offset;
  }

  /**
   * Prepares the third-party loop of challenges by i (column i must be ready) with voting weights
   * `weights`: `ifIWins`, `ifIWinsAlone` and `doublingIsExact`. O(n) when i changes, O(1) otherwise;
   * target choice asks for the same i for every target.
   *
   * The loop keeps every support sum doubled (see `addThirdParties`), exact unless a doubled sum could
   * overflow. Every |U| is at most (1 + max D)², every |vote| at most 2·w·(1 + max D)² and every third party's
   * at most 6·w·(1 + max D)², so n·8·max w·(1 + max D)² far below 2^1023 rules that out.
   */
  thirdPartiesFor(i: number, weights: Float64Array): void {
    if (i === this.thirdPartiesOf && weights === this.thirdPartyWeights) return;
    this.thirdPartiesOf = i;
    this.thirdPartyWeights = weights;
    this.ordered = false;
    const n = this.actors;
    const offset = i * n;
    let largestWeight = 0;
    for (let q = 0; q < n; q++) {
      const uqi = this.columns[offset + q] as number;
      this.ifIWins[q] = uqi + uqi + (this.diagonal[q] as number);
      this.ifIWinsAlone[q] = uqi + uqi + uqi;
      const w = Math.abs(weights[q] as number);
      if (!(w <= largestWeight)) largestWeight = w;
    }
    const utilityBound = (1 + this.largestDistance) * (1 + this.largestDistance);
    this.doublingIsExact = 8 * (n + 2) * largestWeight * utilityBound < DOUBLING_LIMIT;
    this.supportSlack = SUPPORT_BOUND_SLACK * (n + 2) * largestWeight * utilityBound;
  }

  /**
   * The order and bounds a bounded challenge by i = `thirdPartiesOf` needs (`addThirdPartiesBounded`), made
   * once per challenger on first use (a perspective's first challenge, and `challengeValue`, sum in full).
   * O(n + ORDER_BUCKETS).
   *
   * Any order gives a sound bound; the sooner the third parties that could give i the most are counted,
   * the sooner the bound on the rest falls below what a challenge needs. So they are ranked by that most,
   * w·(A + E), in ORDER_BUCKETS equal slices of [0, max] (largest first, q order within a slice): a
   * counting sort, where an exact sort of every perspective's third parties would cost more than it saves.
   */
  orderThirdParties(): void {
    if (this.ordered) return;
    this.ordered = true;
    const n = this.actors;
    const i = this.thirdPartiesOf;
    const weights = this.thirdPartyWeights;
    const offset = i * n;
    const utilityBound = (1 + this.largestDistance) * (1 + this.largestDistance);
    // The allowance for U's round-off (about 2⁻⁵³·utilityBound per value) is taken far above it.
    const utilitySlack = SUPPORT_BOUND_SLACK * utilityBound;
    let most = 0;
    for (let q = 0; q < n; q++) {
      const w = weights[q] as number; // positive: capability × salience
      const uqq = this.diagonal[q] as number;
      const uqi = this.columns[offset + q] as number;
      const lowest = riskUtility(this.farthest[q] as number, this.risks[q] as number) - utilitySlack;
      const away = Math.max(uqq - uqi, 0) + utilitySlack;
      const reach = Math.max(uqi - lowest, 0) + utilitySlack;
      const excess = Math.max(1 - uqq, 0) + utilitySlack;
      this.away[q] = w * away;
      this.reach[q] = w * w * away * reach;
      this.excess[q] = w * excess;
      const potential = (this.away[q] as number) + (this.excess[q] as number);
      this.potential[q] = potential;
      if (q !== i && potential > most) most = potential;
    }
    // Counting sort into slices, the largest first: slice b holds potentials in [b, b + 1)·most/ORDER_BUCKETS.
    const buckets = this.buckets;
    buckets.fill(0);
    const scale = most > 0 && most < Infinity ? (ORDER_BUCKETS - 1) / most : 0;
    for (let q = 0; q < n; q++) {
      if (q === i) continue;
      const next = ORDER_BUCKETS - bucketOf(this.potential[q] as number, scale);
      buckets[next] = (buckets[next] as number) + 1;
    }
    for (let b = 1; b <= ORDER_BUCKETS; b++) buckets[b] = (buckets[b] as number) + (buckets[b - 1] as number);
    for (let q = 0; q < n; q++) {
      if (q === i) continue;
      const slot = ORDER_BUCKETS - 1 - bucketOf(this.potential[q] as number, scale);
      const k = buckets[slot] as number;
      buckets[slot] = k + 1;
      this.order[k] = q;
      this.rankOf[q] = k;
      this.orderedWeights[k] = weights[q] as number;
      this.orderedUtilities[k] = this.columns[offset + q] as number;
      this.orderedIfIWins[k] = this.ifIWins[q] as number;
      this.orderedIfIWinsAlone[k] = this.ifIWinsAlone[q] as number;
      this.orderedDiagonal[k] = this.diagonal[q] as number;
      this.orderedRisks[k] = this.risks[q] as number;
    }
    // Suffix sums over the ranks 0 … n − 2 (i is not a third party of its own challenges).
    let remaining = 0;
    let weighted = 0;
    let excess = 0;
    this.remainingSupport[n - 1] = 0;
    this.remainingWeighted[n - 1] = 0;
    this.remainingExcess[n - 1] = 0;
    for (let k = n - 2; k >= 0; k--) {
      const q = this.order[k] as number;
      remaining += this.away[q] as number;
      weighted += this.reach[q] as number;
      excess += this.excess[q] as number;
      this.remainingSupport[k] = remaining;
      this.remainingWeighted[k] = weighted;
      this.remainingExcess[k] = excess;
    }
  }
}

/** Slices of the potential support by which `orderThirdParties` ranks third parties. */
const ORDER_BUCKETS = 64;

/** The slice (0 … ORDER_BUCKETS − 1) of a third party of potential w·A + w·E, `scale` = (ORDER_BUCKETS − 1)/max. */
function bucketOf(potential: number, scale: number): number {
  const slot = Math.floor(potential * scale);
  return slot >= 0 && slot < ORDER_BUCKETS ? slot : slot >= ORDER_BUCKETS ? ORDER_BUCKETS - 1 : 0;
}

/** Sums kept doubled stay below this (≈ 2^1000, far from overflow) when `doublingIsExact`. */
const DOUBLING_LIMIT = 1e300;

/**
 * probEdu(h, k, i, j): h's estimate of the effect on k of "i challenges j", with `view` = U^h.
 *
 * Principals i and j vote with weight S·c between their own positions; each third party q then weighs in
 * after judging the "little contest" it joins (only under SemiCommit; NoCommit and FullCommit, as coded in
 * KTAB, make V1 ≡ V2 so third parties add nothing). With P = P(i>j), j resists with probability S_j:
 * EU = (1−S_j)·2U[k][i] + S_j·(P·2U[k][i] + (1−P)·2U[k][j]) − (U[k][i] + U[k][j]). O(n).
 */
export function challengeValue(
  context: ChallengeContext,
  view: PerspectiveUtilities,
  k: number,
  i: number,
  j: number,
): ChallengeEstimate {
  evaluateChallenge(context, view, k, i, j);
  return { probability: estimated[0] as number, expectedGain: estimated[1] as number };
}

/**
 * Module-level out-parameters of the hot loop (typed arrays, so storing a number allocates nothing):
 * `estimated` = [P(i>j), expected gain] of the latest `evaluateChallenge`; `support` = [for i, for j] left
 * by `thirdPartySupport*` (`thirdPartySupportProp` also takes the principals' supports there), and, for
 * `addThirdParties`, the principals' doubled supports at 2 and 3 (a number passed as an argument to a call
 * that is not inlined would be boxed). Read immediately after the call.
 */
const estimated = new Float64Array(2);
const support = new Float64Array(4);

/**
 * What `cannotBeat` compares with, set for each challenge `bestTarget` evaluates: [the gain to beat, or −∞
 * to evaluate in full; U[k][i] − U[k][j]; S_j; |U[k][i]| + |U[k][j]|].
 */
const cutoff = new Float64Array([-Infinity, 0, 0, 0]);
/** Whether the latest `evaluateChallenge` stopped early, proven unable to beat `cutoff[0]` (its estimate is then unset). */
let abandoned = false;
/** Third parties per stretch of the bounded support loop between two `cannotBeat` checks, at most. */
const CHECK_EVERY = 16;
/** Third parties in its first stretch (the stretches double up to CHECK_EVERY). */
const CHECK_FIRST = 8;
/**
 * Fewest actors for which the support loop checks `cannotBeat` part-way: with fewer, summing a challenge's
 * third parties in one pass costs less than ordering them and the bounds (the choice is the same either
 * way: a challenge given up could not have been chosen).
 */
const BOUNDED_FROM = 33;
/** Relative allowance for round-off in the bounds of `cannotBeat` (the sums it bounds err by ~n·2⁻⁵³). */
const SUPPORT_BOUND_SLACK = 1e-9;

/**
 * `challengeValue` without the result object: leaves P and EU in `estimated`.
 * Column i of U^h is cached in the view (every challenge of a perspective reuses it); j's utilities are
 * computed where they are used, since a perspective values each target once.
 */
function evaluateChallenge(context: ChallengeContext, view: PerspectiveUtilities, k: number, i: number, j: number): void {
  abandoned = false;
  const rule = context.votingRule;
  const weights = context.challengeWeights;
  const utilities = view.columns;
  const diagonal = view.diagonal;
  const atI = view.column(i); // utilities of i's position to every actor
  const uki = utilities[atI + k] as number;
  const ukj = view.utility(k, j);
  const statusQuo = uki + ukj;
  const utilityIfWin = 2 * uki;
  const utilityIfLose = 2 * ukj;

  // The Prop vote written out (a number returned by a call that is not inlined would be boxed).
  const uii = utilities[atI + i] as number;
  // Target choice asks for i's own estimate (k = i), where U[i][j] is the U[k][j] just computed.
  const uij = k === i ? ukj : view.utility(i, j);
  const uji = utilities[atI + j] as number;
  const ujj = diagonal[j] as number; // U^h[j][j], the view's diagonal
  const voteI = rule === "Prop" ? (weights[i] as number) * (uii - uij) : vote(rule, weights[i] as number, uii, uij);
  const voteJ = rule === "Prop" ? (weights[j] as number) * (uji - ujj) : vote(rule, weights[j] as number, uji, ujj);
  const principalsForI = MIN_CHALLENGE_SUPPORT + Math.max(voteI, 0) + Math.max(voteJ, 0);
  const principalsForJ = MIN_CHALLENGE_SUPPORT + Math.max(-voteI, 0) + Math.max(-voteJ, 0);
  let forI = principalsForI;
  let forJ = principalsForJ;

  if (context.thirdPartyCommit === "SemiCommit") {
    if (rule === "Prop") {
      view.thirdPartiesFor(i, weights);
      cutoff[1] = uki - ukj;
      cutoff[2] = context.totalSaliences[j] as number;
      cutoff[3] = Math.abs(uki) + Math.abs(ukj);
      support[0] = principalsForI;
      support[1] = principalsForJ;
      thirdPartySupportProp(weights, view, atI, j * view.actors, i, j);
      if (abandoned) return;
    } else {
      const atJ = view.column(j);
      thirdPartySupport(rule, weights, utilities, atI, atJ, diagonal, i, j, principalsForI, principalsForJ);
    }
    forI = support[0] as number;
    forJ = support[1] as number;
  }

  const probability = forI / (forI + forJ);
  const resist = context.totalSaliences[j] as number;
  estimated[0] = probability;
  estimated[1] =
    (1 - resist) * utilityIfWin + resist * (probability * utilityIfWin + (1 - probability) * utilityIfLose) - statusQuo;
}

/**
 * SemiCommit third parties: each q ∉ {i, j} judges the little contest it joins (probability p), compares
 * V1 = p(2U[q][i]+U[q][q]) + (1−p)·3U[q][j] with V2 = p·3U[q][i] + (1−p)(2U[q][j]+U[q][q]), and votes between
 * them. Supports are added onto the principals' in q order, as KTAB does, and the totals are left in
 * `support`. O(n); this is the innermost loop of target choice.
 */
function thirdPartySupport(
  rule: VotingRule,
  weights: Float64Array,
  utilities: Float64Array,
  atI: number,
  atJ: number,
  diagonal: Float64Array,
  i: number,
  j: number,
  principalsForI: number,
  principalsForJ: number,
): void {
  let forI = principalsForI;
  let forJ = principalsForJ;
  for (let q = 0; q < diagonal.length; q++) {
    if (q === i || q === j) continue;
    const w = weights[q] as number;
    const uqi = utilities[atI + q] as number;
    const uqj = utilities[atJ + q] as number;
    const uqq = diagonal[q] as number;
    const pLittle = littleContestProbability(principalsForI, principalsForJ, vote(rule, w, uqi, uqj));
    const joinI = pLittle * (uqi + uqi + uqq) + (1 - pLittle) * (uqj + uqj + uqj);
    const joinJ = pLittle * (uqi + uqi + uqi) + (1 - pLittle) * (uqj + uqj + uqq);
    const thirdParty = vote(rule, w, joinI, joinJ);
    if (thirdParty > 0) forI += thirdParty;
    if (thirdParty < 0) forJ -= thirdParty;
  }
  support[0] = forI;
  support[1] = forJ;
}

/**
 * `thirdPartySupport` for the default Prop rule (v = w·du) with the votes written out: same numbers, faster.
 * The principals' supports come in `support`, and the totals are left there.
 * U^h[q][j] is computed on the fly as (1 − D_qj)(1 + min(D_qj, 1)·R^h_q) from the view's `neutral` and
 * `clampedDistances` (at atJ + q) and the perceived `risks`, the same products as `riskUtility`.
 *
 * Branch-free: "add v to one side if v > 0, −v to the other if v < 0" is written as adding v + |v| and
 * |v| − v to sums kept doubled, i.e. 2·max(0, v) and 2·max(0, −v). Doubling is exact, so each doubled sum
 * rounds exactly as twice the branching sum (adding 0 leaves it as it is), a ratio of two doubled sums is
 * the ratio of the plain ones, and halving at the end is exact: the totals are bit-identical to the
 * branching form. Only an infinite vote (absurd capabilities) makes them NaN where the branching form is
 * not, and only sums near overflow could round differently when doubled (`doublingIsExact` is false);
 * then the support is summed with branches, as KTAB does.
 */
function thirdPartySupportProp(
  weights: Float64Array,
  view: PerspectiveUtilities,
  atI: number,
  atJ: number,
  i: number,
  j: number,
): void {
  const n = view.actors;
  const principalsForI = support[0] as number;
  const principalsForJ = support[1] as number;
  if (view.doublingIsExact) {
    const doubledForI = principalsForI + principalsForI;
    const doubledForJ = principalsForJ + principalsForJ;
    support[0] = doubledForI;
    support[1] = doubledForJ;
    support[2] = doubledForI;
    support[3] = doubledForJ;
    if (n >= BOUNDED_FROM && (cutoff[0] as number) > -Infinity) {
      addThirdPartiesBounded(view, atJ, i, j);
      if (abandoned) return;
    } else {
      addThirdParties(view, atI, atJ, i, j);
    }
    const forI = (support[0] as number) * 0.5;
    const forJ = (support[1] as number) * 0.5;
    support[0] = forI;
    support[1] = forJ;
    if (forI === forI && forJ === forJ) return;
  }
  // NaN (some vote was infinite) or sums too large to double: sum with branches, as KTAB does.
  const utilities = view.columns;
  let branchForI = principalsForI;
  let branchForJ = principalsForJ;
  for (let q = 0; q < n; q++) {
    if (q === i || q === j) continue;
    const w = weights[q] as number;
    const uqi = utilities[atI + q] as number;
    const uqj = riskUtility(view.distances[atJ + q] as number, view.risks[q] as number);
    const uqq = view.diagonal[q] as number;
    const pLittle = littleContestProbability(principalsForI, principalsForJ, w * (uqi - uqj));
    const joinI = pLittle * (uqi + uqi + uqq) + (1 - pLittle) * (uqj + uqj + uqj);
    const joinJ = pLittle * (uqi + uqi + uqi) + (1 - pLittle) * (uqj + uqj + uqq);
    const thirdParty = w * (joinI - joinJ);
    if (thirdParty > 0) branchForI += thirdParty;
    if (thirdParty < 0) branchForJ -= thirdParty;
  }
  support[0] = branchForI;
  support[1] = branchForJ;
}

/** Each third party's doubled-sum term of the challenge `addThirdPartiesBounded` is weighing, by rank. */
let thirdPartyTerms = new Float64Array(0);

/**
 * `addThirdParties` over every third party of i's challenge to j when there is a gain to beat (`cutoff[0]`):
 * the same terms, each computed exactly as there, but weighed in the view's `order` (most potential support
 * for i first), with a `cannotBeat` check after every stretch, which may end the challenge (`abandoned`).
 * The stretches grow (CHECK_FIRST third parties, then twice as many, up to CHECK_EVERY) since the first
 * checks are the cheapest to pass and the likeliest to rule a challenge out. Sums in that order only feed
 * the bounds: a challenge that survives them is summed from the terms kept, in q order from the principals'
 * supports, as `addThirdParties` sums them, so every number is the same.
 */
function addThirdPartiesBounded(view: PerspectiveUtilities, atJ: number, i: number, j: number): void {
  view.orderThirdParties();
  const n = view.actors;
  const ranked = n - 1;
  if (thirdPartyTerms.length < n) thirdPartyTerms = new Float64Array(n);
  const terms = thirdPartyTerms;
  const doubledForI = support[2] as number;
  const doubledForJ = support[3] as number;
  const order = view.order;
  const weights = view.orderedWeights;
  const utilities = view.orderedUtilities;
  const ifIWins = view.orderedIfIWins;
  const ifIWinsAlone = view.orderedIfIWinsAlone;
  const diagonal = view.orderedDiagonal;
  const risks = view.orderedRisks;
  const neutral = view.neutral;
  const clamped = view.clampedDistances;
  let forI = doubledForI;
  let forJ = doubledForJ;
  let stretch = CHECK_FIRST;
  for (let start = 0; start < ranked; ) {
    const end = ranked - start > stretch ? start + stretch : ranked;
    for (let k = start; k < end; k++) {
      const q = order[k] as number;
      if (q === j) continue;
      const w = weights[k] as number;
      const uqi = utilities[k] as number;
      const uqj = (neutral[atJ + q] as number) * (1 + (clamped[atJ + q] as number) * (risks[k] as number));
      const direct = w * (uqi - uqj);
      const directSize = Math.abs(direct);
      const littleForI = doubledForI + (direct + directSize);
      const littleForJ = doubledForJ + (directSize - direct);
      const pLittle = littleForI / (littleForI + littleForJ);
      const pOther = 1 - pLittle;
      const twoUqj = uqj + uqj;
      const joinI = pLittle * (ifIWins[k] as number) + pOther * (twoUqj + uqj);
      const joinJ = pLittle * (ifIWinsAlone[k] as number) + pOther * (twoUqj + (diagonal[k] as number));
      const thirdParty = w * (joinI - joinJ);
      terms[k] = thirdParty;
      const size = Math.abs(thirdParty);
      forI += thirdParty + size;
      forJ += size - thirdParty;
    }
    start = end;
    if (start < ranked) {
      if (cannotBeat(view, forI, forJ, doubledForI, doubledForJ, start)) {
        abandoned = true;
        return;
      }
      if (stretch < CHECK_EVERY) stretch += stretch;
    }
  }
  // Not ruled out: the totals, summed in q order as in `addThirdParties`.
  const rankOf = view.rankOf;
  forI = support[0] as number;
  forJ = support[1] as number;
  for (let q = 0; q < n; q++) {
    if (q === i || q === j) continue;
    const thirdParty = terms[rankOf[q] as number] as number;
    const size = Math.abs(thirdParty);
    forI += thirdParty + size;
    forJ += size - thirdParty;
  }
  support[0] = forI;
  support[1] = forJ;
}

/**
 * Adds the third parties q ∉ {i, j}, in q order, onto the doubled totals in `support[0]` and `support[1]`,
 * with the principals' doubled supports in `support[2]` and `support[3]` (see `thirdPartySupportProp`). V1
 * and V2 take their target-free parts from the view (`thirdPartiesFor`); u+u+u is 3u and u+u+v is 2u+v
 * rounded the same way (doubling is exact), and each of them is summed in the same order as in
 * `thirdPartySupport`, so every number is the same.
 */
function addThirdParties(view: PerspectiveUtilities, atI: number, atJ: number, i: number, j: number): void {
  const doubledForI = support[2] as number;
  const doubledForJ = support[3] as number;
  const weights = view.thirdPartyWeights;
  const utilities = view.columns;
  const neutral = view.neutral;
  const clamped = view.clampedDistances;
  const risks = view.risks;
  const diagonal = view.diagonal;
  const ifIWins = view.ifIWins;
  const ifIWinsAlone = view.ifIWinsAlone;
  const n = view.actors;
  let forI = support[0] as number;
  let forJ = support[1] as number;
  for (let q = 0; q < n; q++) {
    if (q === i || q === j) continue;
    const w = weights[q] as number;
    const uqi = utilities[atI + q] as number;
    const uqj = (neutral[atJ + q] as number) * (1 + (clamped[atJ + q] as number) * (risks[q] as number));
    const direct = w * (uqi - uqj);
    const directSize = Math.abs(direct);
    const littleForI = doubledForI + (direct + directSize);
    const littleForJ = doubledForJ + (directSize - direct);
    const pLittle = littleForI / (littleForI + littleForJ);
    const pOther = 1 - pLittle;
    const twoUqj = uqj + uqj;
    const joinI = pLittle * (ifIWins[q] as number) + pOther * (twoUqj + uqj);
    const joinJ = pLittle * (ifIWinsAlone[q] as number) + pOther * (twoUqj + (diagonal[q] as number));
    const thirdParty = w * (joinI - joinJ);
    const size = Math.abs(thirdParty);
    forI += thirdParty + size;
    forJ += size - thirdParty;
  }
  support[0] = forI;
  support[1] = forJ;
}

/**
 * Whether the challenge being summed is proven unable to reach the gain to beat, `cutoff[0]`, given the
 * doubled supports `forI` and `forJ` of the third parties weighed so far, the principals' doubled supports,
 * and those of ranks ≥ `next` in the view's `order` still to come. Their supports are never negative, so the
 * final forJ is at least the one so far (up to the round-off of summing the same terms in q order). Third party
 * q adds c_q = w·(p·(U_qq − U_qi) − (1 − p)(U_qq − U_qj)) to one side, and since U ≤ 1, at most
 * w·(p·A + E) to i's (see `remainingSupport`). Its little-contest probability p is at most 1 and at most
 * (PI + max(v, 0))/(PI + PJ) with its direct vote v = w·(U_qi − U_qj) ≤ w·r, so the third parties still to
 * come add at most min(ΣwA, (PI·ΣwA + Σw²Ar)/(PI + PJ)) + ΣwE. That bounds P(i>j) from above, and with it
 * the gain (U_ki − U_kj)(1 − 2S_j(1 − P)), increasing in P when U_ki ≥ U_kj. Every allowance is far above
 * the round-off of the sums (relative n·2⁻⁵³ whatever their order), so a challenge given up could not have
 * been chosen.
 */
function cannotBeat(view: PerspectiveUtilities, forI: number, forJ: number, principalsForI: number, principalsForJ: number, next: number): boolean {
  const delta = cutoff[1] as number;
  if (!(delta >= 0)) return false;
  const plain = view.remainingSupport[next] as number;
  // Doubled principals: PI/(PI + PJ) is the same ratio, and PI·ΣwA + Σw²Ar doubles to 2PI·ΣwA + 2Σw²Ar.
  const shared = (principalsForI * plain + 2 * (view.remainingWeighted[next] as number)) / (principalsForI + principalsForJ);
  const remaining = (shared < plain ? shared : plain) + (view.remainingExcess[next] as number);
  const mostForI = forI + 2 * (remaining * (1 + SUPPORT_BOUND_SLACK) + view.supportSlack);
  const probability = Math.min(1, mostForI / (mostForI + forJ) + SUPPORT_BOUND_SLACK);
  const gain = delta * (1 - 2 * (cutoff[2] as number) * (1 - probability));
  return gain + SUPPORT_BOUND_SLACK * (cutoff[3] as number) + GAIN_BOUND_SLACK < (cutoff[0] as number);
}

/**
 * P(i>j) in the three-actor "little contest" where third party q alone joins the principals:
 * its direct vote is added to the side it prefers.
 */
export function littleContestProbability(principalsForI: number, principalsForJ: number, directVote: number): number {
  const forI = directVote > 0 ? principalsForI + directVote : principalsForI;
  const forJ = directVote < 0 ? principalsForJ - directVote : principalsForJ;
  return forI / (forI + forJ);
}

/** The target actor i would challenge, with i's own estimate of the challenge; null when none is worth it. */
export interface TargetChoice {
  readonly target: number;
  readonly estimate: ChallengeEstimate;
}

/** Slack for round-off when comparing a computed gain with its analytic bound. */
const GAIN_BOUND_SLACK = 1e-12;

/**
 * Step 4: actor i evaluates probEdu(i,i,i,j) for every j ≠ i (with `view` = U^i) and picks the best expected
 * gain (first index on ties), provided it exceeds 1e-5.
 *
 * Exact pruning: the gain simplifies to EU = Δ_j·(1 − 2S_j(1−P)) with Δ_j = U[i][i] − U[i][j] and
 * S_j, P ∈ [0,1], so EU ≤ Δ_j when Δ_j ≥ 0 and EU ≤ |Δ_j|·max(0, 2S_j − 1) when Δ_j < 0. Targets are
 * therefore visited by decreasing bound and the scan stops once no remaining target can reach the best gain
 * found (or the 1e-5 threshold); the choice is the same as a full scan. Under SemiCommit and Prop, each
 * challenge after the first is also given up part-way through its third parties once bounds on the support
 * still to come prove it cannot beat the best so far (`cannotBeat`). Worst case O(n²), typically a fraction
 * of it.
 */
export function chooseTarget(context: ChallengeContext, view: PerspectiveUtilities, i: number): TargetChoice | null {
  const target = bestTarget(context, view, i);
  return target < 0 ? null : { target, estimate: { probability: chosen[0] as number, expectedGain: chosen[1] as number } };
}

/**
 * `evaluateChallenge(context, view, i, i, j)` as `bestTarget` asks for it: i's own estimate, with U^i[i][j] in
 * `candidateUtilities`. With few actors under Prop and SemiCommit (KTAB's defaults, and a Monte Carlo of a
 * small scenario makes this call millions of times) the same operations in the same order, written out
 * without the general path's rule checks, bounds and calls; otherwise, or when the doubled sums are not
 * exact, the general path.
 */
function evaluateOwnChallenge(context: ChallengeContext, view: PerspectiveUtilities, i: number, j: number): void {
  const n = view.actors;
  if (n >= BOUNDED_FROM || context.votingRule !== "Prop" || context.thirdPartyCommit !== "SemiCommit") {
    evaluateChallenge(context, view, i, i, j);
    return;
  }
  abandoned = false;
  const weights = context.challengeWeights;
  const utilities = view.columns;
  const atI = view.column(i);
  const uii = utilities[atI + i] as number;
  const uij = candidateUtilities[j] as number;
  const uji = utilities[atI + j] as number;
  const ujj = view.diagonal[j] as number;
  const voteI = (weights[i] as number) * (uii - uij);
  const voteJ = (weights[j] as number) * (uji - ujj);
  const principalsForI = MIN_CHALLENGE_SUPPORT + Math.max(voteI, 0) + Math.max(voteJ, 0);
  const principalsForJ = MIN_CHALLENGE_SUPPORT + Math.max(-voteI, 0) + Math.max(-voteJ, 0);
  view.thirdPartiesFor(i, weights);
  if (!view.doublingIsExact) {
    evaluateChallenge(context, view, i, i, j);
    return;
  }
  const doubledForI = principalsForI + principalsForI;
  const doubledForJ = principalsForJ + principalsForJ;
  support[0] = doubledForI;
  support[1] = doubledForJ;
  support[2] = doubledForI;
  support[3] = doubledForJ;
  addThirdParties(view, atI, j * n, i, j);
  const forI = (support[0] as number) * 0.5;
  const forJ = (support[1] as number) * 0.5;
  if (!(forI === forI && forJ === forJ)) {
    evaluateChallenge(context, view, i, i, j); // some vote was infinite: the branching sums
    return;
  }
  const probability = forI / (forI + forJ);
  const resist = context.totalSaliences[j] as number;
  const utilityIfWin = 2 * uii;
  estimated[0] = probability;
  estimated[1] = (1 - resist) * utilityIfWin + resist * (probability * utilityIfWin + (1 - probability) * (2 * uij)) - (uii + uij);
}

/** i's estimate of the challenge `bestTarget` chose, [P(i>j), expected gain] (a module-level out-parameter). */
export const chosen = new Float64Array(2);

/** Scratch of `bestTarget`, reused across calls: each candidate's gain bound, and a heap of candidates. */
let candidateBounds = new Float64Array(0);
/** U^i[i][j] per candidate j of `bestTarget` (its bound's term, and i's utility of losing the challenge). */
let candidateUtilities = new Float64Array(0);
let heap = new Int32Array(0);

/**
 * `chooseTarget` without allocating: returns the target (−1 for none) and leaves i's estimate of the
 * challenge in `chosen`.
 *
 * `hint`, a likely target (e.g. i's target of the previous turn), is evaluated first when it is a
 * candidate: a good gain found early lets more challenges be given up. The choice is the best gain, lowest
 * index on ties, among all candidates whatever the order they are evaluated in (a challenge is only
 * skipped or given up when it is proven to fall short of a gain already found), so the hint changes the
 * work, never the result.
 */
export function bestTarget(context: ChallengeContext, view: PerspectiveUtilities, i: number, hint = -1): number {
  const n = context.actors;
  const own = view.diagonal[i] as number;
  if (candidateBounds.length < n) {
    candidateBounds = new Float64Array(n);
    candidateUtilities = new Float64Array(n);
    heap = new Int32Array(n);
  }
  const bounds = candidateBounds;
  const resist = context.totalSaliences;
  let size = 0;
  let hinted = -1;
  for (let j = 0; j < n; j++) {
    if (j === i) continue;
    const uij = view.utility(i, j);
    candidateUtilities[j] = uij;
    const delta = own - uij;
    const reach = delta >= 0 ? delta : -delta * Math.max(0, 2 * (resist[j] as number) - 1);
    const bound = reach + GAIN_BOUND_SLACK;
    if (bound <= MIN_CHALLENGE_GAIN) continue;
    bounds[j] = bound;
    heap[size++] = j;
    if (j === hint) hinted = j;
  }
  // Candidates come off a max-heap by decreasing bound (lower index first on ties): the scan usually stops
  // long before the end, so only the candidates visited are ordered.
  for (let at = (size >> 1) - 1; at >= 0; at--) siftDown(heap, bounds, at, size);
  let best = -1;
  let bestGain = 0;
  let bestProbability = 0;
  if (hinted >= 0) {
    evaluateOwnChallenge(context, view, i, hinted);
    const gain = estimated[1] as number;
    if (gain === gain) {
      best = hinted;
      bestGain = gain;
      bestProbability = estimated[0] as number;
    } else {
      hinted = -1; // NaN: evaluated again in its turn, so the choice is exactly the unhinted one
    }
  }
  while (size > 0) {
    const j = heap[0] as number;
    heap[0] = heap[--size] as number;
    siftDown(heap, bounds, 0, size);
    if (best >= 0 && (bounds[j] as number) < bestGain) break;
    if (j === hinted) continue;
    cutoff[0] = best >= 0 ? bestGain : -Infinity;
    evaluateOwnChallenge(context, view, i, j);
    cutoff[0] = -Infinity;
    if (abandoned) continue;
    const gain = estimated[1] as number;
    if (best < 0 || gain > bestGain || (gain === bestGain && j < best)) {
      best = j;
      bestGain = gain;
      bestProbability = estimated[0] as number;
    }
  }
  if (best < 0 || !(bestGain > MIN_CHALLENGE_GAIN)) return -1;
  chosen[0] = bestProbability;
  chosen[1] = bestGain;
  return best;
}

/** Restores the heap order below `at`: a parent's bound is at least its children's (lower index on ties). */
function siftDown(heap: Int32Array, bounds: Float64Array, at: number, size: number): void {
  const item = heap[at] as number;
  const itemBound = bounds[item] as number;
  let parent = at;
  for (;;) {
    let child = 2 * parent + 1;
    if (child >= size) break;
    const right = child + 1;
    if (right < size && before(heap[right] as number, heap[child] as number, bounds)) child = right;
    const candidate = heap[child] as number;
    const candidateBound = bounds[candidate] as number;
    if (!(candidateBound > itemBound || (candidateBound === itemBound && candidate < item))) break;
    heap[parent] = candidate;
    parent = child;
  }
  heap[parent] = item;
}

/** True when candidate a comes before b: a larger bound, or the same bound and a lower index. */
function before(a: number, b: number, bounds: Float64Array): boolean {
  const boundA = bounds[a] as number;
  const boundB = bounds[b] as number;
  return boundA > boundB || (boundA === boundB && a < b);
}
