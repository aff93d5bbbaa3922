/**
 * Bargains (spec step 5): the pair of positions an initiator proposes to its target.
 */

import type { InterVecBrgn } from "./parameters.js";
import { roundTo4Decimals } from "./utility.js";

/** Keeps interpolation weights away from 0/0 when neither side cares or can coerce. */
const MIN_BARGAIN_WEIGHT = 1e-6;

/** A proposed move of two actors: the initiator to `initiatorPosition`, the receiver to `receiverPosition`. */
export interface Bargain {
  readonly initiator: number;
  readonly receiver: number;
  /** m coordinates on [0,1]. */
  readonly initiatorPosition: Float64Array;
  readonly receiverPosition: Float64Array;
}

/**
 * Interpolates a bargain between initiator i (position xi, saliences si) and receiver j, given
 * `probabilityI` = P(i beats j) from whichever perspective the bargain model asks for. O(m).
 *
 * S1P1 / S2P2: per dimension weights W_i = s_ik^n·P^n, W_j = s_jk^n·(1−P)^n (n = 1 or 2), and
 * b_ik = r4(((W_i+1e-6)x_ik + W_j x_jk)/(W_i+1e-6+W_j)), b_jk = r4((W_i x_ik + (W_j+1e-6)x_jk)/(W_i+1e-6+W_j)):
 * in effect one shared compromise, rounded to 4 decimals to avoid spurious asymmetry.
 * S2PMax: the weaker side moves toward the stronger by δ = d·s_other² / (d·s_other² + 1e-6 + (1−d)·s_own²),
 * with d = max(0, P_other − P_own); no rounding.
 */
export function interpolateBargain(
  mode: InterVecBrgn,
  initiator: number,
  receiver: number,
  xi: Float64Array,
  si: Float64Array,
  xj: Float64Array,
  sj: Float64Array,
  probabilityI: number,
): Bargain {
  const dims = xi.length;
  const bi = new Float64Array(dims);
  const bj = new Float64Array(dims);
  interpolate(mode, xi, si, 0, xj, sj, 0, dims, probabilityI, bi, bj);
  return { initiator, receiver, initiatorPosition: bi, receiverPosition: bj };
}

/**
 * `interpolateBargain` reading i's and j's positions and saliences in place from n×m arrays (rows at
 * `iAt` and `jAt`) and writing the two positions into `bi` and `bj`: the same numbers, no allocation.
 */
export function interpolateBargainInto(
  mode: InterVecBrgn,
  positions: Float64Array,
  saliences: Float64Array,
  iAt: number,
  jAt: number,
  dims: number,
  probabilityI: number,
  bi: Float64Array,
  bj: Float64Array,
): void {
  interpolate(mode, positions, saliences, iAt, positions, saliences, jAt, dims, probabilityI, bi, bj);
}

function interpolate(
  mode: InterVecBrgn,
  xi: Float64Array,
  si: Float64Array,
  iAt: number,
  xj: Float64Array,
  sj: Float64Array,
  jAt: number,
  dims: number,
  probabilityI: number,
  bi: Float64Array,
  bj: Float64Array,
): void {
  const probabilityJ = 1 - probabilityI;
  for (let k = 0; k < dims; k++) {
    const tik = xi[iAt + k] as number;
    const tjk = xj[jAt + k] as number;
    const sik = si[iAt + k] as number;
    const sjk = sj[jAt + k] as number;
    if (mode === "S2PMax") {
      bi[k] = tik + maxShift(probabilityI, probabilityJ, sik, sjk) * (tjk - tik);
      bj[k] = tjk + maxShift(probabilityJ, probabilityI, sjk, sik) * (tik - tjk);
    } else {
      const wik = mode === "S2P2" ? sik * sik * (probabilityI * probabilityI) : sik * probabilityI;
      const wjk = mode === "S2P2" ? sjk * sjk * (probabilityJ * probabilityJ) : sjk * probabilityJ;
      const denominator = wik + MIN_BARGAIN_WEIGHT + wjk;
      bi[k] = roundTo4Decimals(((wik + MIN_BARGAIN_WEIGHT) * tik + wjk * tjk) / denominator);
      bj[k] = roundTo4Decimals((wik * tik + (MIN_BARGAIN_WEIGHT + wjk) * tjk) / denominator);
    }
  }
}

/** S2PMax: how far an actor with win probability `own` moves toward one with `other` on one dimension. */
function maxShift(own: number, other: number, ownSalience: number, otherSalience: number): number {
  const disadvantage = other > own ? other - own : 0;
  const pull = disadvantage * (otherSalience * otherSalience);
  return pull / (pull + MIN_BARGAIN_WEIGHT + (1 - disadvantage) * (ownSalience * ownSalience));
}

/**
 * PWCompInterp: the weighted average of the initiator's and the receiver's bargains, with weights
 * c_i·S_i and c_i·S_j. KTAB uses the initiator's capability c_i in both weights (a code quirk kept here).
 */
export function averageBargains(
  fromInitiator: Bargain,
  fromReceiver: Bargain,
  initiatorCapability: number,
  initiatorTotalSalience: number,
  receiverTotalSalience: number,
): Bargain {
  const wi = initiatorCapability * initiatorTotalSalience;
  const wj = initiatorCapability * receiverTotalSalience;
  const blend = (a: Float64Array, b: Float64Array): Float64Array => {
    const out = new Float64Array(a.length);
    for (let k = 0; k < a.length; k++) out[k] = (wi * (a[k] as number) + wj * (b[k] as number)) / (wi + wj);
    return out;
  };
  return {
    initiator: fromInitiator.initiator,
    receiver: fromInitiator.receiver,
    initiatorPosition: blend(fromInitiator.initiatorPosition, fromReceiver.initiatorPosition),
    receiverPosition: blend(fromInitiator.receiverPosition, fromReceiver.receiverPosition),
  };
}
