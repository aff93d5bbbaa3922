/**
 * runSmp: KTAB's Spatial Model of Politics, turn by turn (spec "One turn" and "Pseudocode").
 *
 * Cost per turn, n actors, m dimensions, B ≤ 2n bargains, queues of M_k entries:
 *  - distances O(n²m); risk PCE O(n³); the "prob" report O(n·u²) for u unique positions;
 *  - target choice O(n³): each of n perspectives fills U^h (n²) and evaluates n−1 challenges of O(n);
 *  - resolution O(n·B·m) to value bargains plus O(n·Σ_k M_k²) for the queue PCEs, using the incremental
 *    bargain value of `resolveQueue` (the naive evaluation is O(n⁴)).
 * So O(n³ + n²m) per turn overall. The n×n buffers, bargain vectors and queues live in a `Workspace` (kept for
 * the next run of as many actors) and the PCEs' in module scratch, reused from turn to turn, so a turn allocates little beyond its output;
 * with `record: "final"` the per-turn output (and, for the Conditional PCE, the "prob" report) is skipped too.
 */

import { createRng } from "../../random.js";
import { ModelError } from "../types.js";
import { averageBargains, interpolateBargainInto, type Bargain } from "./bargain.js";
import { bestTarget, challengeValue, chosen, PerspectiveUtilities, type ChallengeContext } from "./challenge.js";
import { resolveSmpParameters, type SmpParameters } from "./parameters.js";
import { pceByOption } from "./pce.js";
import {
  classifyPositions,
  POSITION_TOLERANCE,
  positionGap,
  positionProbabilities,
  stopReasonAfter,
  totalMovement,
} from "./report.js";
import { resolveQueue, sideOf, STATUS_QUO, valueBargain, type QueueEntry, type ValuationContext, type ValuedBargain } from "./resolution.js";
import { MIN_PROBABILITY_SPREAD, riskAttitudes } from "./risk.js";
import { SmpRows } from "./rows.js";
import type { SmpInput, SmpResult, SmpRunOptions, SmpStopReason, SmpTurn } from "./types.js";
import { riskUtility, weightedDistance, weightedDistancePair } from "./utility.js";

export const MIN_ACTORS = 3;
export const MAX_ACTORS = 250;
/** KTAB's turn limit. */
export const DEFAULT_MAX_TURNS = 100;
/** Slack for saliences that sum to 100 up to decimal round-off (e.g. 33.3 + 33.3 + 33.4). */
const SALIENCE_SUM_SLACK = 1e-9;

/** The fixed data of a run on [0,1], in flat arrays. */
interface Scenario {
  readonly actors: number;
  readonly dims: number;
  readonly capabilities: Float64Array;
  /** n×m, s_ik = Σ_ik/100. */
  readonly saliences: Float64Array;
  /** S_i = Σ_k s_ik. */
  readonly totalSaliences: Float64Array;
  readonly salienceSquareSums: Float64Array;
  /** Dense n×n accommodation matrix A, or null for the identity (ideals follow positions). */
  readonly accommodation: Float64Array | null;
}

/**
 * Buffers of a run, reused from turn to turn (a turn's analysis is consumed before the next turn's):
 * n×n distances by position, the risk-neutral utilities by option, own utilities, and the perspective view.
 */
interface Workspace {
  readonly distancesByPosition: Float64Array;
  readonly neutralByOption: Float64Array;
  readonly ownUtilities: Float64Array;
  /** R_i of the current turn. */
  readonly risks: Float64Array;
  /** Σ_q U(d_a(x_q); R_a) of the current turn, per actor. */
  readonly statusQuoSums: Float64Array;
  readonly view: PerspectiveUtilities;
  readonly challenge: ChallengeContext & { readonly challengeWeights: Float64Array };
  /**
   * Per actor, its queue of bargains: the first `queueLengths[k]` entries, the status quo first. Emptied every
   * turn by resetting the length (shortening an array costs more than a whole small queue's worth of work).
   */
  readonly queues: QueueEntry[][];
  readonly queueLengths: Int32Array;
  /** Per actor, its latest target (−1 for none), tried first next turn (`bestTarget`'s hint: less work, same choice). */
  readonly previousTargets: Int32Array;
  /** Vectors of bargain positions (m long) and of bargain values (n long), handed out anew every turn. */
  readonly positionVectors: VectorPool;
  readonly utilityVectors: VectorPool;
  /** Helper threads sharing out target choice and the coalition matrices by rows (large runs), or null. */
  readonly rows: SmpRows | null;
}

/**
 * Float64Arrays reused from turn to turn: a turn's bargains are dead once the next positions are set, so
 * their vectors are handed out again after `reset` (at the start of a turn), in the same order; a slot whose
 * vector has another length gets a fresh one.
 */
class VectorPool {
  private readonly vectors: Float64Array[] = [];
  private used = 0;

  reset(): void {
    this.used = 0;
  }

  vector(length: number): Float64Array {
    const existing = this.vectors[this.used];
    if (existing !== undefined && existing.length === length) {
      this.used++;
      return existing;
    }
    const fresh = new Float64Array(length);
    this.vectors[this.used++] = fresh;
    return fresh;
  }
}

/** What a turn's analysis yields: risk attitudes and each actor's own utilities. */
interface TurnAnalysis {
  /** D transposed: D[q][x] = d_q(x_x) at x·n + q (position-major, for contiguous perspective fills). */
  readonly distancesByPosition: Float64Array;
  readonly risks: Float64Array;
  readonly ownUtilities: Float64Array;
}

/**
 * Runs SMP from the input positions until KTAB's stopping rule (or `maxTurns`) and returns every turn,
 * turn 0 being the input. Deterministic by default; in Stochastic mode one uniform per actor per turn is
 * drawn, in actor order, from `createRng(seed)`, so the run depends only on the seed.
 *
 * A turn at which every actor's position is equally likely has no risk attitudes (KTAB crashes there).
 * If that happens after turn 0 because all actors hold one common position, the run ends at that
 * consensus, reporting probability 1 for everyone; otherwise it throws a ModelError.
 */
export function runSmp(input: SmpInput, params?: Partial<SmpParameters>, options?: SmpRunOptions): SmpResult {
  const parameters = resolveSmpParameters(params);
  const scenario = buildScenario(input);
  const maxTurns = checkMaxTurns(options?.maxTurns);
  const stochastic = parameters.StateTransitions === "Stochastic";
  const nextUniform = stochastic ? createRng(checkSeed(options?.seed)) : null;
  const recordAll = checkRecord(options?.record) === "all";
  // Conditional PCE cannot fail; the Markov ones can (no convergence), so their per-turn report is always
  // computed, keeping the same errors whatever is recorded.
  const probabilitiesEveryTurn = recordAll || parameters.PCEModel !== "Conditional";
  const workspace = createWorkspace(scenario, parameters);
  try {
    return runTurns(input, scenario, parameters, workspace, { maxTurns, nextUniform, recordAll, probabilitiesEveryTurn });
  } finally {
    workspace.rows?.stop();
  }
}

/** How `runTurns` runs and records, decided once by `runSmp`. */
interface TurnPlan {
  readonly maxTurns: number;
  readonly nextUniform: (() => number) | null;
  readonly recordAll: boolean;
  readonly probabilitiesEveryTurn: boolean;
}

/** `runSmp`'s turns, with its buffers (and helper threads, if any) set up. */
function runTurns(input: SmpInput, scenario: Scenario, parameters: SmpParameters, workspace: Workspace, plan: TurnPlan): SmpResult {
  const { maxTurns, nextUniform, recordAll, probabilitiesEveryTurn } = plan;
  const { actors, dims } = scenario;

  let positions: Float64Array = toUnitArray(input.actors, dims, reusedArray(CURRENT_POSITIONS, actors * dims));
  // Without an accommodation matrix the ideals are the positions themselves (never written in place).
  let ideals: Float64Array = scenario.accommodation === null ? positions : positions.slice();
  const turns: SmpTurn[] = [];
  let previous: Float64Array | null = null;
  let firstMovement = 0;
  let consensus = false;
  let stopReason: SmpStopReason | null = null;

  for (let turn = 0; ; turn++) {
    const analysis = analyseTurn(scenario, parameters, workspace, positions, ideals, turn, onePosition(positions, actors, dims));
    let last = analysis === null;
    if (analysis !== null) {
      if (previous !== null) {
        const movement = totalMovement(previous, positions, actors, dims);
        if (turn === 1) firstMovement = movement;
        stopReason = stopReasonAfter(turn, movement, firstMovement, maxTurns);
      } else if (maxTurns === 0) {
        stopReason = "turn-limit";
      }
      last = stopReason !== null;
    }
    if (last || probabilitiesEveryTurn) {
      const probabilities =
        analysis === null
          ? new Array<number>(actors).fill(1)
          : positionProbabilities(parameters, scenario.capabilities, analysis.ownUtilities, classifyPositions(positions, actors, dims), actors, workspace.rows);
      if (last || recordAll) {
        turns.push({ turn, positions: turn === 0 ? copyInput(input) : toPercentRows(positions, dims), probabilities });
      }
    }
    if (analysis === null) {
      consensus = true;
      stopReason = "consensus";
      break;
    }
    if (last) break;

    const uniforms = nextUniform === null ? null : Float64Array.from({ length: actors }, () => nextUniform());
    // The turn before last is no longer needed once this turn's movement is known: reuse its buffer.
    const next = playTurn(scenario, parameters, workspace, positions, ideals, analysis, uniforms, previous ?? reusedArray(NEXT_POSITIONS, actors * dims));
    previous = positions;
    positions = next;
    ideals = accommodateIdeals(scenario, ideals, positions);
  }
  return { turns, parameters, consensus, stopReason: stopReason ?? "turn-limit" };
}

/**
 * The workspace of the latest run in this thread without helper threads, kept for the next run of as many
 * actors under the same rules: runs are synchronous and a workspace's buffers are dead once its run has
 * returned, so a Monte Carlo of thousands of small runs allocates them once instead of once a run.
 */
let spareWorkspace: Workspace | null = null;

/** The run's reusable buffers (see `Workspace`), every one written before it is read. */
function createWorkspace(scenario: Scenario, parameters: SmpParameters): Workspace {
  const { actors } = scenario;
  const challengeWeights = new Float64Array(actors);
  for (let i = 0; i < actors; i++) challengeWeights[i] = (scenario.capabilities[i] as number) * (scenario.totalSaliences[i] as number);
  const rows = SmpRows.start(
    actors,
    parameters,
    challengeWeights,
    scenario.totalSaliences,
    scenario.capabilities,
    scenario.dims,
    scenario.saliences,
    scenario.salienceSquareSums,
  );
  const spare = spareWorkspace;
  if (rows === null && spare !== null && fits(spare, actors, parameters)) {
    // Written in place, not copied into new objects: one shape of workspace for the optimised code.
    spare.challenge.challengeWeights.set(challengeWeights);
    spare.challenge.totalSaliences.set(scenario.totalSaliences);
    return spare;
  }
  // With helper threads the distances and own utilities live in memory they share (the run writes, they read).
  const distancesByPosition = rows?.distances ?? new Float64Array(actors * actors);
  const risks = new Float64Array(actors);
  const workspace: Workspace = {
    distancesByPosition,
    neutralByOption: new Float64Array(actors * actors),
    ownUtilities: rows?.ownUtilities ?? new Float64Array(actors * actors),
    risks,
    statusQuoSums: rows?.statusQuoSums ?? new Float64Array(actors),
    view: new PerspectiveUtilities(actors, distancesByPosition, risks, parameters.BigRAdjust),
    challenge: {
      actors,
      challengeWeights,
      // Its own copy: a kept workspace takes the next run's saliences in place.
      totalSaliences: Float64Array.from(scenario.totalSaliences),
      votingRule: parameters.VotingRule,
      thirdPartyCommit: parameters.ThirdPartyCommit,
    },
    queues: Array.from({ length: actors }, () => [STATUS_QUO]),
    queueLengths: new Int32Array(actors),
    previousTargets: new Int32Array(actors).fill(-1),
    positionVectors: new VectorPool(),
    utilityVectors: new VectorPool(),
    rows,
  };
  if (rows === null) spareWorkspace = workspace;
  return workspace;
}

/** Whether a kept workspace serves a run of `actors` actors under `parameters` (the rules its view and challenges were built for). */
function fits(workspace: Workspace, actors: number, parameters: SmpParameters): boolean {
  const { challenge, view } = workspace;
  return (
    challenge.actors === actors &&
    challenge.votingRule === parameters.VotingRule &&
    challenge.thirdPartyCommit === parameters.ThirdPartyCommit &&
    view.adjust === parameters.BigRAdjust
  );
}

/**
 * Steps 1–2 for the current state: distances D_ij = d_i(x_j), the risk-neutral PCE over all n positions
 * (capability weights, U = 1 − D), risk attitudes R, and U(D_ij; R_i). Returns null for a consensus state
 * after turn 0 (see `runSmp`). The distances are stored by position (D_ij at j·n + i), which is the layout
 * both the PCE (options × voters) and the perspective views read.
 */
function analyseTurn(
  scenario: Scenario,
  parameters: SmpParameters,
  workspace: Workspace,
  positions: Float64Array,
  ideals: Float64Array,
  turn: number,
  allAtOnePosition: boolean,
): TurnAnalysis | null {
  const { actors, dims, saliences, salienceSquareSums } = scenario;
  const { distancesByPosition, neutralByOption, ownUtilities } = workspace;
  for (let i = 0; i < actors; i++) {
    const squareSum = salienceSquareSums[i] as number;
    let j = 0;
    for (; j + 1 < actors; j += 2) {
      weightedDistancePair(ideals, saliences, squareSum, i, positions, j * dims, positions, (j + 1) * dims, dims, distancePair);
      distancesByPosition[j * actors + i] = distancePair[0] as number;
      distancesByPosition[(j + 1) * actors + i] = distancePair[1] as number;
    }
    if (j < actors) distancesByPosition[j * actors + i] = weightedDistance(ideals, saliences, squareSum, i, positions, j * dims, dims);
  }
  for (let index = 0; index < neutralByOption.length; index++) {
    neutralByOption[index] = 1 - (distancesByPosition[index] as number);
  }
  const probabilities = pceByOption(parameters, scenario.capabilities, neutralByOption, actors, actors, workspace.rows);
  if (turn > 0 && allAtOnePosition && probabilitySpread(probabilities) <= MIN_PROBABILITY_SPREAD) return null;
  const risks = riskAttitudes(probabilities, parameters.BigRRange, workspace.risks);
  for (let i = 0; i < actors; i++) {
    const risk = risks[i] as number;
    for (let j = 0; j < actors; j++) {
      ownUtilities[i * actors + j] = riskUtility(distancesByPosition[j * actors + i] as number, risk);
    }
  }
  assertFinite(ownUtilities, turn);
  return { distancesByPosition, risks, ownUtilities };
}

/** The two distances of `weightedDistancePair`, read as soon as it returns. */
const distancePair = new Float64Array(2);

/**
 * Whether `classifyPositions` would find one unique position: the first actor always starts one, and it is the
 * only one exactly when every actor is equivalent to the first. O(n·m), and usually O(m): the second actor
 * tells. (The full classification is only needed on turns whose probabilities are reported.)
 */
function onePosition(positions: Float64Array, actors: number, dims: number): boolean {
  for (let i = 1; i < actors; i++) if (!(positionGap(positions, dims, i, 0) < POSITION_TOLERANCE)) return false;
  return true;
}

/** π_max − π_min. */
function probabilitySpread(probabilities: Float64Array): number {
  let minimum = Infinity;
  let maximum = -Infinity;
  for (let index = 0; index < probabilities.length; index++) {
    const p = probabilities[index] as number;
    minimum = Math.min(minimum, p);
    maximum = Math.max(maximum, p);
  }
  return maximum - minimum;
}

/**
 * Steps 3–6: every actor proposes at most one bargain (to its best target), bargains are queued with both
 * parties, and every queue is resolved. Returns the new positions (n×m on [0,1]).
 */
function playTurn(
  scenario: Scenario,
  parameters: SmpParameters,
  workspace: Workspace,
  positions: Float64Array,
  ideals: Float64Array,
  analysis: TurnAnalysis,
  uniforms: Float64Array | null,
  next: Float64Array,
): Float64Array {
  const { actors, dims } = scenario;
  const { queues, queueLengths, rows } = workspace;
  queueLengths.fill(1); // the status quo
  const valuation = valuationContext(scenario, ideals, analysis, workspace.statusQuoSums);
  const bargains = proposeBargains(scenario, parameters, workspace, positions, analysis);
  // With helper threads the bargains are valued by rows, into memory they share, for the queues resolved by rows.
  rows?.valueBargains(bargains, ideals, analysis.risks);
  for (let b = 0; b < bargains.length; b++) {
    const bargain = bargains[b] as Bargain;
    const valued: ValuedBargain =
      rows === null
        ? valueBargain(valuation, bargain, workspace.utilityVectors.vector(actors), workspace.utilityVectors.vector(actors))
        : { bargain, initiatorUtilities: rows.bargainUtilities(b, 0), receiverUtilities: rows.bargainUtilities(b, 1) };
    (queues[bargain.initiator] as QueueEntry[])[(queueLengths[bargain.initiator] as number)++] = valued;
    (queues[bargain.receiver] as QueueEntry[])[(queueLengths[bargain.receiver] as number)++] = valued;
  }
  next.set(positions);
  const picks = rows?.resolveQueues(bargains, queueLengths, uniforms) ?? null;
  for (let k = 0; k < actors; k++) {
    const queue = queues[k] as QueueEntry[];
    const picked =
      picks === null ? resolveQueue(valuation, parameters, scenario.capabilities, queue, uniforms?.[k], queueLengths[k] as number) : (picks[k] as number);
    const side = sideOf(queue[picked] as QueueEntry, k);
    if (side !== null) next.set(side, k * dims);
  }
  return next;
}

/** The facts bargain valuation needs this turn, including Σ_q U(d_a(x_q); R_a) per actor (written into `statusQuoSums`). */
function valuationContext(scenario: Scenario, ideals: Float64Array, analysis: TurnAnalysis, statusQuoSums: Float64Array): ValuationContext {
  const { actors } = scenario;
  for (let a = 0; a < actors; a++) {
    let sum = 0;
    for (let q = 0; q < actors; q++) sum += analysis.ownUtilities[a * actors + q] as number;
    statusQuoSums[a] = sum;
  }
  return {
    actors,
    dims: scenario.dims,
    ideals,
    saliences: scenario.saliences,
    salienceSquareSums: scenario.salienceSquareSums,
    risks: analysis.risks,
    ownUtilities: analysis.ownUtilities,
    statusQuoSums,
  };
}

/**
 * Steps 3–5: for each actor i in order, its best target j* from its own perspective U^i and the bargain(s)
 * the BargnModel builds: InitOnlyInterp from i's P(i>j*); InitRcvrInterp also one from j*'s estimate
 * probEdu(j*, i, i, j*); PWCompInterp their weighted average.
 */
function proposeBargains(
  scenario: Scenario,
  parameters: SmpParameters,
  workspace: Workspace,
  positions: Float64Array,
  analysis: TurnAnalysis,
): Bargain[] {
  const { actors } = scenario;
  const context = workspace.challenge;
  workspace.positionVectors.reset();
  workspace.utilityVectors.reset();
  const bargains: Bargain[] = [];
  // With helper threads every actor's target and estimates are computed first, by rows, then read here.
  const shared = workspace.rows?.chooseTargets(analysis.risks) ?? null;
  const view = shared === null ? workspace.view.rebind(analysis.distancesByPosition, analysis.risks) : null;
  for (let i = 0; i < actors; i++) {
    const j =
      shared === null
        ? (workspace.previousTargets[i] = bestTarget(context, (view as PerspectiveUtilities).viewFrom(i), i, workspace.previousTargets[i] as number))
        : (shared.targets[i] as number);
    if (j < 0) continue;
    const initiatorView = shared === null ? (chosen[0] as number) : (shared.estimates[3 * i] as number);
    const fromInitiator = bargainBetween(scenario, parameters, workspace.positionVectors, positions, i, j, initiatorView);
    if (parameters.BargnModel === "InitOnlyInterp") {
      bargains.push(fromInitiator);
      continue;
    }
    const receiverView =
      shared === null
        ? challengeValue(context, (view as PerspectiveUtilities).viewFrom(j), i, i, j).probability
        : (shared.estimates[3 * i + 2] as number);
    const fromReceiver = bargainBetween(scenario, parameters, workspace.positionVectors, positions, i, j, receiverView);
    if (parameters.BargnModel === "InitRcvrInterp") {
      bargains.push(fromInitiator, fromReceiver);
    } else {
      const capability = scenario.capabilities[i] as number;
      const si = scenario.totalSaliences[i] as number;
      const sj = scenario.totalSaliences[j] as number;
      bargains.push(averageBargains(fromInitiator, fromReceiver, capability, si, sj));
    }
  }
  return bargains;
}

/** Interpolates the bargain between i and j for a given P(i>j), with the InterVecBrgn rule. */
function bargainBetween(
  scenario: Scenario,
  parameters: SmpParameters,
  pool: VectorPool,
  positions: Float64Array,
  i: number,
  j: number,
  probabilityI: number,
): Bargain {
  const { dims, saliences } = scenario;
  const initiatorPosition = pool.vector(dims);
  const receiverPosition = pool.vector(dims);
  interpolateBargainInto(parameters.InterVecBrgn, positions, saliences, i * dims, j * dims, dims, probabilityI, initiatorPosition, receiverPosition);
  return { initiator: i, receiver: j, initiatorPosition, receiverPosition };
}

/**
 * Step 7: ι_i ← Σ_j A_ij x'_j + (1 − Σ_j A_ij) ι_i. With the default A = I the ideals are the new positions
 * (KTAB's "cynical" actors). O(n²m) with an accommodation matrix, O(nm) without.
 */
function accommodateIdeals(scenario: Scenario, ideals: Float64Array, positions: Float64Array): Float64Array {
  const matrix = scenario.accommodation;
  if (matrix === null) return positions; // an alias: positions are never written in place
  const { actors, dims } = scenario;
  const next = new Float64Array(actors * dims);
  for (let i = 0; i < actors; i++) {
    let rowSum = 0;
    for (let j = 0; j < actors; j++) rowSum += matrix[i * actors + j] as number;
    for (let k = 0; k < dims; k++) {
      let pulled = 0;
      for (let j = 0; j < actors; j++) pulled += (matrix[i * actors + j] as number) * (positions[j * dims + k] as number);
      next[i * dims + k] = pulled + (1 - rowSum) * (ideals[i * dims + k] as number);
    }
  }
  return next;
}

// ---------------------------------------------------------------------------------------------------------
// Validation and conversion

/** Checks the input against the spec's domain and converts it to flat [0,1] arrays; ModelError otherwise. */
function buildScenario(input: SmpInput): Scenario {
  const actors = input.actors.length;
  const dims = input.dimensions.length;
  if (actors < MIN_ACTORS || actors > MAX_ACTORS) {
    throw new ModelError(`SMP needs between ${MIN_ACTORS} and ${MAX_ACTORS} actors; this scenario has ${actors}.`);
  }
  if (dims < 1) throw new ModelError("SMP needs at least one dimension (issue).");
  const capabilities = new Float64Array(actors);
  const saliences = reusedArray(SALIENCES, actors * dims);
  const totalSaliences = new Float64Array(actors);
  const salienceSquareSums = new Float64Array(actors);
  for (let i = 0; i < actors; i++) {
    const actor = input.actors[i] as SmpInput["actors"][number];
    if (!Number.isFinite(actor.capability) || actor.capability <= 0) {
      throw new ModelError(`${actorLabel(actor)} needs a capability greater than 0; got ${actor.capability}.`);
    }
    capabilities[i] = actor.capability;
    checkVector(actor, "positions", actor.position, dims);
    checkVector(actor, "saliences", actor.salience, dims);
    let total = 0;
    for (let k = 0; k < dims; k++) total += actor.salience[k] as number;
    if (total > 100 + SALIENCE_SUM_SLACK) {
      throw new ModelError(`${actorLabel(actor)} has saliences summing to ${total}; SMP needs a sum of at most 100.`);
    }
    if (total <= 0) {
      throw new ModelError(`${actorLabel(actor)} has salience 0 on every dimension; SMP needs it to care about at least one.`);
    }
    let unitTotal = 0;
    let squareSum = 0;
    for (let k = 0; k < dims; k++) {
      const s = (actor.salience[k] as number) / 100;
      saliences[i * dims + k] = s;
      unitTotal += s;
      squareSum += s * s;
    }
    totalSaliences[i] = unitTotal;
    salienceSquareSums[i] = squareSum;
  }
  return {
    actors,
    dims,
    capabilities,
    saliences,
    totalSaliences,
    salienceSquareSums,
    accommodation: buildAccommodation(input, actors),
  };
}

/** How an error message names an actor (built only when there is an error to report). */
function actorLabel(actor: SmpInput["actors"][number]): string {
  return `Actor "${actor.name}"`;
}

/** A position or salience vector must have one finite value in [0,100] per dimension. */
function checkVector(actor: SmpInput["actors"][number], what: string, values: readonly number[], dims: number): void {
  if (values.length !== dims) {
    throw new ModelError(`${actorLabel(actor)} has ${values.length} ${what} but the scenario has ${dims} dimensions.`);
  }
  for (let k = 0; k < values.length; k++) {
    const value = values[k] as number;
    if (!Number.isFinite(value) || value < 0 || value > 100) {
      throw new ModelError(`${actorLabel(actor)} has ${what.slice(0, -1)} ${value} on dimension ${k + 1}; SMP needs 0–100.`);
    }
  }
}

/** The dense accommodation matrix: identity, overwritten by the given cells; null when none are given. */
function buildAccommodation(input: SmpInput, actors: number): Float64Array | null {
  const cells = input.accommodation;
  if (cells === undefined || cells.length === 0) return null;
  const matrix = new Float64Array(actors * actors);
  for (let i = 0; i < actors; i++) matrix[i * actors + i] = 1;
  for (const cell of cells) {
    for (const index of [cell.adjusting, cell.reference]) {
      if (!Number.isInteger(index) || index < 0 || index >= actors) {
        throw new ModelError(`Ideal accommodation refers to actor #${index}, but actors are numbered 0–${actors - 1}.`);
      }
    }
    if (!Number.isFinite(cell.adjust)) {
      throw new ModelError(`Ideal accommodation of actor #${cell.adjusting} toward #${cell.reference} is not a number.`);
    }
    matrix[cell.adjusting * actors + cell.reference] = cell.adjust;
  }
  return matrix;
}

function checkRecord(record: SmpRunOptions["record"]): "all" | "final" {
  if (record === undefined || record === "all" || record === "final") return record ?? "all";
  throw new ModelError(`record must be "all" or "final"; got ${JSON.stringify(record)}.`);
}

function checkMaxTurns(maxTurns: number | undefined): number {
  if (maxTurns === undefined) return DEFAULT_MAX_TURNS;
  if (!Number.isInteger(maxTurns) || maxTurns < 0) {
    throw new ModelError(`maxTurns must be a whole number of turns (0 or more); got ${maxTurns}.`);
  }
  return maxTurns;
}

function checkSeed(seed: number | undefined): number {
  if (seed === undefined) return 0;
  if (!Number.isFinite(seed)) throw new ModelError(`The random seed must be a finite number; got ${seed}.`);
  return seed;
}

/** The actors' 0–100 positions → n×m on [0,1], written into `out`. */
function toUnitArray(actors: SmpInput["actors"], dims: number, out: Float64Array): Float64Array {
  for (let i = 0; i < actors.length; i++) {
    const row = (actors[i] as SmpInput["actors"][number]).position;
    for (let k = 0; k < dims; k++) out[i * dims + k] = (row[k] as number) / 100;
  }
  return out;
}

/**
 * n×m buffers of the latest run in this thread, by use, taken again by the next run of the same size: the
 * positions of a run (its result copies them) and its saliences are dead once it returns, and a Monte Carlo
 * of thousands of small runs would otherwise allocate three a run outside the heap (a typed array above
 * 64 bytes). Runs are synchronous; each buffer is written in full before it is read.
 */
const spareArrays: (Float64Array | undefined)[] = [];
const CURRENT_POSITIONS = 0;
const NEXT_POSITIONS = 1;
const SALIENCES = 2;

function reusedArray(slot: number, length: number): Float64Array {
  const spare = spareArrays[slot];
  if (spare !== undefined && spare.length === length) return spare;
  const fresh = new Float64Array(length);
  spareArrays[slot] = fresh;
  return fresh;
}

/** n×m on [0,1] → rows of 0–100 values. */
function toPercentRows(values: Float64Array, dims: number): number[][] {
  const rows: number[][] = [];
  for (let i = 0; i < values.length / dims; i++) {
    const row = new Array<number>(dims);
    for (let k = 0; k < dims; k++) row[k] = (values[i * dims + k] as number) * 100;
    rows.push(row);
  }
  return rows;
}

/** Turn 0 reports the input positions exactly as given. */
function copyInput(input: SmpInput): number[][] {
  return input.actors.map((a) => [...a.position]);
}

/** Guards against NaN/∞ reaching the output; a message instead of silent garbage. */
function assertFinite(values: Float64Array, turn: number): void {
  // Indexed, not for…of: the iterator would box every element (megabytes a turn at 250 actors).
  for (let index = 0; index < values.length; index++) {
    if (!Number.isFinite(values[index])) throw new ModelError(`SMP produced a non-finite utility at turn ${turn}; check the inputs.`);
  }
}
