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
  private readonly ready: Uint8Array;
  private perspectiveOf = -1;

  /** `distancesByPosition[x·n + q]` = D_qx = d_q(x_x) for the current turn. */
  constructor(
    readonly actors: number,
    private readonly distancesByPosition: Float64Array,
    private readonly ownRisks: Float64Array,
    private readonly adjust: BigRAdjust,
  ) {
    this.columns = new Float64Array(actors * actors);
    this.diagonal = new Float64Array(actors);
    this.risks = new Float64Array(actors);
    this.ready = new Uint8Array(actors);
  }

  /** Switches to actor h's perspective: its risk estimates and the diagonal. O(n). */
  viewFrom(h: number): this {
    if (h === this.perspectiveOf) return this;
    this.perspectiveOf = h;
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
}

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
  const rule = context.votingRule;
  const weights = context.challengeWeights;
  const utilities = view.columns;
  const diagonal = view.diagonal;
  const atI = view.column(i); // utilities of i's position to every actor
  const atJ = view.column(j); // utilities of j's position to every actor
  const uki = utilities[atI + k] as number;
  const ukj = utilities[atJ + k] as number;
  const statusQuo = uki + ukj;
  const utilityIfWin = 2 * uki;
  const utilityIfLose = 2 * ukj;

  const voteI = vote(rule, weights[i] as number, utilities[atI + i] as number, utilities[atJ + i] as number);
  const voteJ = vote(rule, weights[j] as number, utilities[atI + j] as number, utilities[atJ + j] as number);
  const principalsForI = MIN_CHALLENGE_SUPPORT + Math.max(voteI, 0) + Math.max(voteJ, 0);
  const principalsForJ = MIN_CHALLENGE_SUPPORT + Math.max(-voteI, 0) + Math.max(-voteJ, 0);
  let forI = principalsForI;
  let forJ = principalsForJ;

  if (context.thirdPartyCommit === "SemiCommit") {
    const thirdParties = rule === "Prop" ? thirdPartySupportProp : thirdPartySupport;
    thirdParties(rule, weights, utilities, atI, atJ, diagonal, i, j, principalsForI, principalsForJ);
    forI = supportForI;
    forJ = supportForJ;
  }

  const probability = forI / (forI + forJ);
  const resist = context.totalSaliences[j] as number;
  const expectedGain =
    (1 - resist) * utilityIfWin + resist * (probability * utilityIfWin + (1 - probability) * utilityIfLose) - statusQuo;
  return { probability, expectedGain };
}

/** Total support for i and for j (principals plus third parties), left here by `thirdPartySupport*`
 * (module-level out-parameters, so the hot loop allocates nothing; read immediately after the call). */
let supportForI = 0;
let supportForJ = 0;

/**
 * SemiCommit third parties: each q ∉ {i, j} judges the little contest it joins (probability p), compares
 * V1 = p(2U[q][i]+U[q][q]) + (1−p)·3U[q][j] with V2 = p·3U[q][i] + (1−p)(2U[q][j]+U[q][q]), and votes between
 * them. Supports are added onto the principals' in q order, as KTAB does, and the totals are left in
 * `supportForI` / `supportForJ`. O(n); this is the innermost loop of target choice.
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
  supportForI = forI;
  supportForJ = forJ;
}

/** `thirdPartySupport` for the default Prop rule (v = w·du) with the votes written out: same numbers, faster. */
function thirdPartySupportProp(
  _rule: VotingRule,
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
    const direct = w * (uqi - uqj);
    const littleForI = direct > 0 ? principalsForI + direct : principalsForI;
    const littleForJ = direct < 0 ? principalsForJ - direct : principalsForJ;
    const pLittle = littleForI / (littleForI + littleForJ);
    const joinI = pLittle * (uqi + uqi + uqq) + (1 - pLittle) * (uqj + uqj + uqj);
    const joinJ = pLittle * (uqi + uqi + uqi) + (1 - pLittle) * (uqj + uqj + uqq);
    const thirdParty = w * (joinI - joinJ);
    if (thirdParty > 0) forI += thirdParty;
    if (thirdParty < 0) forJ -= thirdParty;
  }
  supportForI = forI;
  supportForJ = forJ;
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
 * S_j, P ∈ [0,1], so |EU| ≤ |Δ_j|. Targets are therefore visited by decreasing |Δ_j| and the scan stops
 * once no remaining target can reach the best gain found (or the 1e-5 threshold); the choice is the same as
 * a full scan. Worst case O(n²), typically a small fraction of it.
 */
export function chooseTarget(context: ChallengeContext, view: PerspectiveUtilities, i: number): TargetChoice | null {
  const n = context.actors;
  const own = view.diagonal[i] as number;
  const candidates: number[] = [];
  const bounds = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    if (j === i) continue;
    const bound = Math.abs(own - view.utility(i, j)) + GAIN_BOUND_SLACK;
    if (bound <= MIN_CHALLENGE_GAIN) continue;
    bounds[j] = bound;
    candidates.push(j);
  }
  candidates.sort((a, b) => (bounds[b] as number) - (bounds[a] as number) || a - b);
  let best: TargetChoice | null = null;
  for (const j of candidates) {
    if (best !== null && (bounds[j] as number) < best.estimate.expectedGain) break;
    const estimate = challengeValue(context, view, i, i, j);
    const gain = estimate.expectedGain;
    if (best === null || gain > best.estimate.expectedGain || (gain === best.estimate.expectedGain && j < best.target)) {
      best = { target: j, estimate };
    }
  }
  return best !== null && best.estimate.expectedGain > MIN_CHALLENGE_GAIN ? best : null;
}
