/**
 * SMP's O(n³) per-turn work shared out by rows between this thread and helper threads, the same numbers
 * bit for bit whatever the number of threads (issue 15).
 *
 * Four jobs are split: target choice (row i = actor i's best target and its estimates, from its own
 * perspective), a coalition matrix (row a = the pairs (a, b < a)) and the resolution of the turn's bargain
 * queues (one queue a chunk, the longest first: queue k's PCE costs n·M_k² for its M_k entries; the long
 * queues, often one holding most of the work, are resolved one by one with their coalition matrices
 * shared out by rows instead); and before it the bargains' values to every actor (a few bargains a chunk). Rows write disjoint outputs and each
 * row is computed exactly as in one thread, so who computes a row does not matter. The inputs and outputs
 * live in SharedArrayBuffers given to the helpers once per run ({@link SmpRowSetup}); rows are handed out
 * in chunks through one atomic counter that every thread, this one included, draws from, so a slow or
 * still-starting helper only does less. Synchronisation is Atomics.wait/notify on a small Int32Array.
 *
 * This module is platform-neutral (the web bundles SMP); starting threads is the Node-only `threads.ts`,
 * which a Node entry point hands to SMP through {@link useSmpHelpers}. Without it, or below
 * {@link MIN_THREADED_ACTORS}, or in a worker thread (a Monte Carlo pool's, say), a run stays in one thread.
 */

import { bestTarget, challengeValue, chosen, PerspectiveUtilities, type ChallengeContext } from "./challenge.js";
import type { Bargain } from "./bargain.js";
import type { PceRules } from "./pce.js";
import type { SmpParameters, VotingRule } from "./parameters.js";
import { VOTING_RULES } from "./parameters.js";
import { resolveQueue, STATUS_QUO, valueBargain, type QueueEntry, type QueueValuation, type ValuationContext } from "./resolution.js";
import { coalitionRows, MIN_COALITION } from "./votes.js";

/**
 * Fewest actors for which a run uses helper threads: below it a turn takes a few milliseconds and the
 * helper's start (tens of ms of CPU) and hand-offs do not pay.
 */
export const MIN_THREADED_ACTORS = 100;

/** What a helper thread gets once per run: sizes, rules and the shared buffers. */
export interface SmpRowSetup {
  readonly actors: number;
  readonly votingRule: VotingRule;
  readonly thirdPartyCommit: SmpParameters["ThirdPartyCommit"];
  readonly bigRAdjust: SmpParameters["BigRAdjust"];
  /** Whether target choice also needs the receiver's estimate (InitRcvrInterp, PWCompInterp). */
  readonly receiverEstimates: boolean;
  /** Int32 control words (see the CONTROL_* slots). */
  readonly control: SharedArrayBuffer;
  /** D_qx at x·n + q (written by the run each turn). */
  readonly distances: SharedArrayBuffer;
  /** R_i (written by the run each turn). */
  readonly risks: SharedArrayBuffer;
  readonly challengeWeights: SharedArrayBuffer;
  readonly totalSaliences: SharedArrayBuffer;
  /** Per actor: its target (−1 for none). */
  readonly targets: SharedArrayBuffer;
  /** Per actor: P(i>j*), its expected gain, and j*'s estimate P(i>j*) when asked for. */
  readonly estimates: SharedArrayBuffer;
  /** A coalition matrix's voter weights, option-major utilities (voters × options) and result. */
  readonly coalitionWeights: SharedArrayBuffer;
  readonly coalitionUtilities: SharedArrayBuffer;
  readonly coalitions: SharedArrayBuffer;
  /** The rules of the queue PCEs, and whether a queue's pick is drawn (Stochastic) rather than the likeliest. */
  readonly pceRules: PceRules;
  readonly stochastic: boolean;
  /** The queue PCEs' voter weights (the capabilities). */
  readonly capabilities: SharedArrayBuffer;
  /** U(d_a(x_q); R_a) at a·n + q, and Σ_q of it per actor (written by the run each turn). */
  readonly ownUtilities: SharedArrayBuffer;
  readonly statusQuoSums: SharedArrayBuffer;
  /** Bargain b's (at most 2n a turn) utilities to every actor: its initiator's side at 2b·n, its receiver's at (2b+1)·n. */
  readonly bargainUtilities: SharedArrayBuffer;
  /** Bargain b's initiator at 2b and receiver at 2b+1. */
  readonly bargainParties: SharedArrayBuffer;
  /** Queue k's entries (bargain indices, −1 for the status quo) at queueStarts[k] … queueStarts[k + 1] − 1 of queueEntries. */
  readonly queueStarts: SharedArrayBuffer;
  readonly queueEntries: SharedArrayBuffer;
  /** The queues to resolve (two entries or more), the longest first: chunk c is queue queueOrder[c]. */
  readonly queueOrder: SharedArrayBuffer;
  /** Per actor: its uniform draw (Stochastic), and the entry picked from its queue. */
  readonly uniforms: SharedArrayBuffer;
  readonly picks: SharedArrayBuffer;
  /** Dimensions; the ideals (written by the run each turn), saliences and Σ_k s_ik² for valuing bargains. */
  readonly dims: number;
  readonly ideals: SharedArrayBuffer;
  readonly saliences: SharedArrayBuffer;
  readonly salienceSquareSums: SharedArrayBuffer;
  /** Bargain b's positions (m long): its initiator's at 2b·m, its receiver's at (2b+1)·m. */
  readonly bargainPositions: SharedArrayBuffer;
}

/** Helper threads started for one run; `stop` ends them (idempotent). */
export interface SmpHelpers {
  stop(): void;
}

/** Starts helper threads serving `setup` (each runs {@link serveSmpRows}); null when none can start. */
export type SmpHelperStarter = (setup: SmpRowSetup) => SmpHelpers | null;

let helperStarter: SmpHelperStarter | null = null;

/**
 * How the latest run with helper threads shared its work: jobs, chunks, and chunks the helpers did; and
 * the coalition options summed once for another of equal utilities (see `SmpRows.coalitions`); and the
 * bargain queues resolved by rows, the long ones among them (see `SmpRows.resolveQueues`).
 */
export interface SmpThreadStats {
  readonly jobs: number;
  readonly chunks: number;
  readonly helperChunks: number;
  readonly mergedOptions: number;
  readonly queues: number;
  readonly longQueues: number;
}

let stats = { jobs: 0, chunks: 0, helperChunks: 0, mergedOptions: 0, queues: 0, longQueues: 0 };

/** The share of the latest run that used helper threads (for tests and benchmarks). */
export function smpThreadStats(): SmpThreadStats {
  return { ...stats };
}

/**
 * Lets large SMP runs in this thread use helper threads started by `starter` (null: one thread only).
 * A Node entry point calls it; the core never starts threads by itself.
 */
export function useSmpHelpers(starter: SmpHelperStarter | null): void {
  helperStarter = starter;
}

// Control words. NEXT holds the job's generation (15 bits) above the count of chunks handed out, so a
// chunk can only be taken for the job it belongs to.
const CONTROL_NEXT = 0;
const CONTROL_FINISHED = 1;
const CONTROL_KIND = 2;
const CONTROL_CHUNKS = 3;
const CONTROL_VOTERS = 4;
const CONTROL_OPTIONS = 5;
const CONTROL_RULE = 6;
const CONTROL_STOP = 7;
const CONTROL_FAILED = 8;
const CONTROL_SERVING = 9;
const CONTROL_SLOTS = 10;
const GENERATION_SHIFT = 16;
const CHUNK_MASK = 0xffff;
const GENERATION_MASK = 0x7fff;

const JOB_TARGETS = 1;
const JOB_COALITIONS = 2;
const JOB_QUEUES = 3;
const JOB_VALUES = 4;

/** Rows per chunk of target choice; small, since rows differ in cost (the scan stops early). */
const TARGET_ROWS_PER_CHUNK = 4;
/** Bargains per chunk of their valuation (each O(n·m)). */
const BARGAINS_PER_CHUNK = 16;
/** Chunks of a coalition matrix, of about equal numbers of pairs. */
const COALITION_CHUNKS = 16;
/**
 * Queues of this many entries or more are resolved one at a time with their coalition matrix shared out
 * by rows (n·M²/2 votes, enough to pay for a job's hand-offs); shorter ones are shared out whole.
 */
const LONG_QUEUE = 32;
/** A helper that makes no progress for this long is given up and the job redone here (ms). */
const HELPER_STALL_MS = 10_000;
/**
 * How long a thread that runs out of work keeps looking (spinning) before it sleeps (ms). A sleeping
 * thread takes ~0.25 ms to wake on this machine's virtual cores, as long as a small job, and jobs follow each
 * other within a turn after at most a millisecond or two of the run's own work.
 */
const SPIN_MS = 2;
/** How long a waiting thread sleeps before looking again (ms): bounds every wait. */
const WAIT_SLICE_MS = 200;

/** The per-thread state of target choice: its own perspective view over the shared buffers. */
class TargetRows {
  readonly view: PerspectiveUtilities;
  readonly context: ChallengeContext;
  readonly targets: Int32Array;
  readonly estimates: Float64Array;
  readonly distances: Float64Array;
  readonly risks: Float64Array;

  constructor(readonly setup: SmpRowSetup) {
    const n = setup.actors;
    this.distances = new Float64Array(setup.distances);
    this.risks = new Float64Array(setup.risks);
    this.targets = new Int32Array(setup.targets);
    this.estimates = new Float64Array(setup.estimates);
    this.view = new PerspectiveUtilities(n, this.distances, this.risks, setup.bigRAdjust);
    this.context = {
      actors: n,
      challengeWeights: new Float64Array(setup.challengeWeights),
      totalSaliences: new Float64Array(setup.totalSaliences),
      votingRule: setup.votingRule,
      thirdPartyCommit: setup.thirdPartyCommit,
    };
  }

  /** Points the view at this turn's distances and risks (call once per job, before any row). */
  rebind(): void {
    this.view.rebind(this.distances, this.risks);
  }

  /**
   * Rows [from, to): target j* of i, P(i>j*) and the gain at 3i, 3i+1, j*'s estimate at 3i+2. i's target of
   * the previous turn, still in `targets`, is tried first (a hint: the same choice, less work).
   */
  run(from: number, to: number): void {
    for (let i = from; i < to; i++) {
      const j = bestTarget(this.context, this.view.viewFrom(i), i, this.targets[i] as number);
      this.targets[i] = j;
      if (j < 0) continue;
      this.estimates[3 * i] = chosen[0] as number;
      this.estimates[3 * i + 1] = chosen[1] as number;
      if (this.setup.receiverEstimates) {
        this.estimates[3 * i + 2] = challengeValue(this.context, this.view.viewFrom(j), i, i, j).probability;
      }
    }
  }
}

/** A coalition job's buffers, as one thread sees them. */
class CoalitionRows {
  readonly weights: Float64Array;
  readonly utilities: Float64Array;
  readonly coalitions: Float64Array;

  constructor(setup: SmpRowSetup) {
    this.weights = new Float64Array(setup.coalitionWeights);
    this.utilities = new Float64Array(setup.coalitionUtilities);
    this.coalitions = new Float64Array(setup.coalitions);
  }

  run(rule: VotingRule, voters: number, options: number, chunk: number, chunks: number): void {
    coalitionRows(rule, this.weights, this.utilities, voters, options, this.coalitions, coalitionChunkStart(options, chunk, chunks), coalitionChunkStart(options, chunk + 1, chunks));
  }
}

/** The positions of a bargain as the queue rows see it: only its parties and utilities are read. */
const NO_POSITION = new Float64Array(0);

/** A queue job's buffers, as one thread sees them: chunk c resolves queue queueOrder[c] with `resolveQueue`. */
class QueueRows {
  readonly valuation: QueueValuation;
  readonly capabilities: Float64Array;
  readonly parties: Int32Array;
  readonly starts: Int32Array;
  readonly entries: Int32Array;
  readonly order: Int32Array;
  readonly uniforms: Float64Array;
  readonly picks: Int32Array;
  /** Views of each bargain side's utilities in `bargainUtilities`. */
  readonly utilities: Float64Array[];
  private readonly queue: QueueEntry[] = [];

  constructor(readonly setup: SmpRowSetup) {
    const n = setup.actors;
    this.valuation = { actors: n, ownUtilities: new Float64Array(setup.ownUtilities), statusQuoSums: new Float64Array(setup.statusQuoSums) };
    this.capabilities = new Float64Array(setup.capabilities);
    this.parties = new Int32Array(setup.bargainParties);
    this.starts = new Int32Array(setup.queueStarts);
    this.entries = new Int32Array(setup.queueEntries);
    this.order = new Int32Array(setup.queueOrder);
    this.uniforms = new Float64Array(setup.uniforms);
    this.picks = new Int32Array(setup.picks);
    this.utilities = Array.from({ length: 4 * n }, (_, side) => new Float64Array(setup.bargainUtilities, side * n * 8, n));
  }

  run(chunk: number, rows: SmpRows | null = null): void {
    const k = this.order[chunk] as number;
    const from = this.starts[k] as number;
    const length = (this.starts[k + 1] as number) - from;
    const queue = this.queue;
    for (let m = 0; m < length; m++) {
      const b = this.entries[from + m] as number;
      queue[m] =
        b < 0
          ? STATUS_QUO
          : {
              bargain: { initiator: this.parties[2 * b] as number, receiver: this.parties[2 * b + 1] as number, initiatorPosition: NO_POSITION, receiverPosition: NO_POSITION },
              initiatorUtilities: this.utilities[2 * b] as Float64Array,
              receiverUtilities: this.utilities[2 * b + 1] as Float64Array,
            };
    }
    const uniform = this.setup.stochastic ? (this.uniforms[k] as number) : undefined;
    this.picks[k] = resolveQueue(this.valuation, this.setup.pceRules, this.capabilities, queue, uniform, length, rows);
  }
}

/** A valuation job's buffers, as one thread sees them: bargains [from, to) valued with `valueBargain`. */
class ValueRows {
  readonly context: ValuationContext;
  readonly ideals: Float64Array;
  readonly risks: Float64Array;
  readonly positions: Float64Array;
  /** Per bargain, its two positions as views of `bargainPositions` (its parties are not read). */
  private readonly bargains: Bargain[];
  private readonly utilities: Float64Array[];

  constructor(setup: SmpRowSetup, utilities: Float64Array[]) {
    const { actors, dims } = setup;
    this.ideals = new Float64Array(setup.ideals);
    this.risks = new Float64Array(setup.risks);
    this.positions = new Float64Array(setup.bargainPositions);
    this.context = {
      actors,
      dims,
      ideals: this.ideals,
      saliences: new Float64Array(setup.saliences),
      salienceSquareSums: new Float64Array(setup.salienceSquareSums),
      risks: this.risks,
      ownUtilities: NO_POSITION,
      statusQuoSums: NO_POSITION,
    };
    const side = (index: number): Float64Array => new Float64Array(setup.bargainPositions, index * dims * 8, dims);
    this.bargains = Array.from({ length: 2 * actors }, (_, b) => ({ initiator: -1, receiver: -1, initiatorPosition: side(2 * b), receiverPosition: side(2 * b + 1) }));
    this.utilities = utilities;
  }

  run(from: number, to: number): void {
    for (let b = from; b < to; b++) {
      valueBargain(this.context, this.bargains[b] as Bargain, this.utilities[2 * b] as Float64Array, this.utilities[2 * b + 1] as Float64Array);
    }
  }
}

/** First row of coalition chunk c of `chunks`: row a holds a pairs, so boundaries go as √(c/chunks). */
export function coalitionChunkStart(options: number, chunk: number, chunks: number): number {
  return chunk >= chunks ? options : Math.round(options * Math.sqrt(chunk / chunks));
}

/** Takes the next chunk of job `generation`, or returns −1 when none is left (or the job is over). */
function takeChunk(control: Int32Array, generation: number, chunks: number): number {
  for (;;) {
    const word = Atomics.load(control, CONTROL_NEXT);
    const taken = word & CHUNK_MASK;
    if (word >>> GENERATION_SHIFT !== generation || taken >= chunks) return -1;
    if (Atomics.compareExchange(control, CONTROL_NEXT, word, word + 1) === word) return taken;
  }
}

/** Marks one chunk done, waking the thread that waits for the last one. */
function finishChunk(control: Int32Array, chunks: number): void {
  if (Atomics.add(control, CONTROL_FINISHED, 1) + 1 === chunks) Atomics.notify(control, CONTROL_FINISHED);
}

/**
 * Waits until `helpers` threads serve `setup`'s rows, at most `timeoutMs`; true if they do. A run never
 * waits for its helpers (it starts alone and they join in); tests and benchmarks that need the helpers
 * to take part from the first turn do.
 */
export function waitForHelpers(setup: SmpRowSetup, helpers: number, timeoutMs: number): boolean {
  const control = new Int32Array(setup.control);
  const deadline = Date.now() + timeoutMs;
  for (let serving = Atomics.load(control, CONTROL_SERVING); serving < helpers; serving = Atomics.load(control, CONTROL_SERVING)) {
    const left = deadline - Date.now();
    if (left <= 0) return false;
    Atomics.wait(control, CONTROL_SERVING, serving, Math.min(left, WAIT_SLICE_MS));
  }
  return true;
}

/**
 * A helper thread's loop: waits for a job, takes chunks of it until none is left, and waits again, until
 * the run sets STOP. A failure is flagged for the run (which then redoes the job itself) and ends the loop.
 */
export function serveSmpRows(setup: SmpRowSetup): void {
  const control = new Int32Array(setup.control);
  const targetRows = new TargetRows(setup);
  const coalitionRowsOf = new CoalitionRows(setup);
  const queueRows = new QueueRows(setup);
  const valueRows = new ValueRows(setup, queueRows.utilities);
  let served = -1;
  let idleSince = performance.now();
  Atomics.add(control, CONTROL_SERVING, 1);
  Atomics.notify(control, CONTROL_SERVING);
  try {
    for (;;) {
      if (Atomics.load(control, CONTROL_STOP) !== 0) return;
      const word = Atomics.load(control, CONTROL_NEXT);
      const generation = word >>> GENERATION_SHIFT;
      if (generation === served || word === 0) {
        // Shortly after a job the next one is likely to come soon: look again at once, then sleep.
        if (performance.now() - idleSince > SPIN_MS) Atomics.wait(control, CONTROL_NEXT, word, WAIT_SLICE_MS);
        continue;
      }
      served = generation;
      const chunks = Atomics.load(control, CONTROL_CHUNKS);
      let chunk = takeChunk(control, generation, chunks);
      if (chunk < 0) continue;
      // A chunk taken means the job is not over, so its description is still this job's.
      const kind = Atomics.load(control, CONTROL_KIND);
      if (kind === JOB_TARGETS) targetRows.rebind();
      const rule = VOTING_RULES[Atomics.load(control, CONTROL_RULE)] as VotingRule;
      const voters = Atomics.load(control, CONTROL_VOTERS);
      const options = Atomics.load(control, CONTROL_OPTIONS);
      for (; chunk >= 0; chunk = takeChunk(control, generation, chunks)) {
        if (kind === JOB_TARGETS) targetRows.run(chunk * TARGET_ROWS_PER_CHUNK, Math.min(setup.actors, (chunk + 1) * TARGET_ROWS_PER_CHUNK));
        else if (kind === JOB_QUEUES) queueRows.run(chunk);
        else if (kind === JOB_VALUES) valueRows.run(chunk * BARGAINS_PER_CHUNK, Math.min(options, (chunk + 1) * BARGAINS_PER_CHUNK));
        else coalitionRowsOf.run(rule, voters, options, chunk, chunks);
        finishChunk(control, chunks);
      }
      idleSince = performance.now();
    }
  } catch {
    Atomics.store(control, CONTROL_FAILED, 1);
    Atomics.notify(control, CONTROL_FINISHED);
  }
}

/**
 * The run's side: owns the shared buffers, hands jobs out and does its share. Falls back to one thread
 * for the rest of the run when a helper fails or stalls (the job is then redone here, into buffers of its
 * own, so a late helper cannot overwrite anything the run reads).
 */
export class SmpRows {
  readonly setup: SmpRowSetup;
  /** D_qx at x·n + q: the run writes each turn's distances here. */
  readonly distances: Float64Array;
  /** U(d_a(x_q); R_a) at a·n + q and its sums per actor: the run writes them each turn. */
  readonly ownUtilities: Float64Array;
  readonly statusQuoSums: Float64Array;
  private readonly control: Int32Array;
  private readonly risks: Float64Array;
  private targetRows: TargetRows;
  private coalitionRowsOf: CoalitionRows;
  private queueRows: QueueRows;
  private valueRows: ValueRows;
  private generation = 0;
  private helpers: SmpHelpers | null = null;

  private constructor(setup: SmpRowSetup) {
    this.setup = setup;
    this.control = new Int32Array(setup.control);
    this.distances = new Float64Array(setup.distances);
    this.risks = new Float64Array(setup.risks);
    this.targetRows = new TargetRows(setup);
    this.coalitionRowsOf = new CoalitionRows(setup);
    this.queueRows = new QueueRows(setup);
    this.valueRows = new ValueRows(setup, this.queueRows.utilities);
    this.ownUtilities = new Float64Array(setup.ownUtilities);
    this.statusQuoSums = new Float64Array(setup.statusQuoSums);
    this.representatives = new Int32Array(setup.actors);
    this.classOf = new Int32Array(setup.actors);
  }

  /**
   * Shared rows for a run of `actors` actors when helper threads are available and worth it, with the
   * helpers started; null otherwise (the run then stays in one thread).
   */
  static start(
    actors: number,
    parameters: SmpParameters,
    challengeWeights: Float64Array,
    totalSaliences: Float64Array,
    capabilities: Float64Array,
    dims: number,
    saliences: Float64Array,
    salienceSquareSums: Float64Array,
  ): SmpRows | null {
    if (helperStarter === null || actors < MIN_THREADED_ACTORS || typeof SharedArrayBuffer !== "function") return null;
    const shared = (length: number, bytes: number): SharedArrayBuffer => new SharedArrayBuffer(length * bytes);
    const setup: SmpRowSetup = {
      actors,
      votingRule: parameters.VotingRule,
      thirdPartyCommit: parameters.ThirdPartyCommit,
      bigRAdjust: parameters.BigRAdjust,
      receiverEstimates: parameters.BargnModel !== "InitOnlyInterp",
      control: shared(CONTROL_SLOTS, 4),
      distances: shared(actors * actors, 8),
      risks: shared(actors, 8),
      challengeWeights: shared(actors, 8),
      totalSaliences: shared(actors, 8),
      targets: shared(actors, 4),
      estimates: shared(3 * actors, 8),
      coalitionWeights: shared(actors, 8),
      coalitionUtilities: shared(actors * actors, 8),
      coalitions: shared(actors * actors, 8),
      pceRules: { VotingRule: parameters.VotingRule, VictoryProbModel: parameters.VictoryProbModel, PCEModel: parameters.PCEModel },
      stochastic: parameters.StateTransitions === "Stochastic",
      capabilities: shared(actors, 8),
      ownUtilities: shared(actors * actors, 8),
      statusQuoSums: shared(actors, 8),
      bargainUtilities: shared(4 * actors * actors, 8),
      bargainParties: shared(4 * actors, 4),
      queueStarts: shared(actors + 1, 4),
      queueEntries: shared(5 * actors, 4),
      queueOrder: shared(actors, 4),
      uniforms: shared(actors, 8),
      picks: shared(actors, 4),
      dims,
      ideals: shared(actors * dims, 8),
      saliences: shared(actors * dims, 8),
      salienceSquareSums: shared(actors, 8),
      bargainPositions: shared(4 * actors * dims, 8),
    };
    new Int32Array(setup.targets).fill(-1); // no previous target to try first
    new Float64Array(setup.challengeWeights).set(challengeWeights);
    new Float64Array(setup.totalSaliences).set(totalSaliences);
    new Float64Array(setup.capabilities).set(capabilities);
    new Float64Array(setup.saliences).set(saliences);
    new Float64Array(setup.salienceSquareSums).set(salienceSquareSums);
    const rows = new SmpRows(setup);
    stats = { jobs: 0, chunks: 0, helperChunks: 0, mergedOptions: 0, queues: 0, longQueues: 0 };
    rows.helpers = helperStarter(setup);
    return rows.helpers === null ? null : rows;
  }

  /** Ends the helpers. */
  stop(): void {
    Atomics.store(this.control, CONTROL_STOP, 1);
    Atomics.notify(this.control, CONTROL_NEXT);
    this.helpers?.stop();
    this.helpers = null;
  }

  /**
   * Target choice for every actor with this turn's `risks` (the distances already in `distances`):
   * returns the targets (−1 for none) and the estimates, laid out as in `TargetRows.run`. Read them
   * before the next call.
   */
  chooseTargets(risks: Float64Array): { targets: Int32Array; estimates: Float64Array } {
    this.risks.set(risks);
    const n = this.setup.actors;
    const chunks = Math.ceil(n / TARGET_ROWS_PER_CHUNK);
    for (;;) {
      const rows = this.targetRows;
      rows.rebind();
      const done = this.runJob(JOB_TARGETS, chunks, 0, 0, "Prop", (chunk) =>
        rows.run(chunk * TARGET_ROWS_PER_CHUNK, Math.min(n, (chunk + 1) * TARGET_ROWS_PER_CHUNK)),
      );
      if (done) return { targets: rows.targets, estimates: rows.estimates };
    }
  }

  /**
   * `coalitionsByOption` with the rows shared out: returns the matrix (options × options, in a buffer the
   * next call reuses). The weights and option-major utilities are copied into the shared buffers.
   *
   * Under Prop, options whose utilities are equal for every voter (actors at the same position, as the
   * parties to a bargain often are, in the risk election) are summed once: their rows and columns are
   * copies, and a pair of them is 1e-8 (every vote is 0). Such options are found by comparing columns;
   * only the first of each is summed, in its place in the option order. The Prop vote is antisymmetric
   * bit for bit (w·(u_b − u_a) = −w·(u_a − u_b), and v + |v| = |−v| − (−v)), so a pair summed the other way
   * round gives both strengths as they were: the matrix is the same bit for bit.
   */
  coalitions(rule: VotingRule, weights: Float64Array, byOption: Float64Array, voters: number, options: number): Float64Array {
    if (voters > this.setup.actors || options > this.setup.actors) throw new RangeError("coalition matrix larger than the run's shared buffers");
    const unique = rule === "Prop" ? this.uniqueOptions(byOption, voters, options) : options;
    stats = { ...stats, mergedOptions: stats.mergedOptions + options - unique };
    for (;;) {
      const rows = this.coalitionRowsOf;
      rows.weights.set(weights.subarray(0, voters));
      if (unique === options) {
        rows.utilities.set(byOption.subarray(0, voters * options));
      } else {
        for (let c = 0; c < unique; c++) {
          const from = (this.representatives[c] as number) * voters;
          rows.utilities.set(byOption.subarray(from, from + voters), c * voters);
        }
      }
      const done = this.runJob(JOB_COALITIONS, COALITION_CHUNKS, voters, unique, rule, (chunk) =>
        rows.run(rule, voters, unique, chunk, COALITION_CHUNKS),
      );
      if (!done) continue;
      if (unique === options) return rows.coalitions;
      return this.expandCoalitions(rows.coalitions, unique, options);
    }
  }

  /**
   * Where `valueBargain` writes side `side` (0 initiator, 1 receiver) of bargain b's utilities to every
   * actor (n long, in memory the helpers read); b < 2n.
   */
  bargainUtilities(b: number, side: 0 | 1): Float64Array {
    return this.queueRows.utilities[2 * b + side] as Float64Array;
  }

  /**
   * `valueBargain` for every bargain of the turn with these `ideals` and `risks`, into
   * `bargainUtilities(b, ·)` (the same numbers).
   */
  valueBargains(bargains: readonly Bargain[], ideals: Float64Array, risks: Float64Array): void {
    const n = this.setup.actors;
    const dims = this.setup.dims;
    if (bargains.length > 2 * n) throw new RangeError("more bargains than the run's shared buffers hold");
    const inputs = this.valueRows;
    inputs.ideals.set(ideals.subarray(0, n * dims));
    inputs.risks.set(risks);
    for (let b = 0; b < bargains.length; b++) {
      const bargain = bargains[b] as Bargain;
      inputs.positions.set(bargain.initiatorPosition, 2 * b * dims);
      inputs.positions.set(bargain.receiverPosition, (2 * b + 1) * dims);
    }
    const count = bargains.length;
    const chunks = Math.ceil(count / BARGAINS_PER_CHUNK);
    for (;;) {
      const rows = this.valueRows;
      const done = this.runJob(JOB_VALUES, chunks, 0, count, "Prop", (chunk) =>
        rows.run(chunk * BARGAINS_PER_CHUNK, Math.min(count, (chunk + 1) * BARGAINS_PER_CHUNK)),
      );
      if (done) return;
    }
  }

  /**
   * Resolves every actor's queue as `resolveQueue` would (the same numbers): queue k is the status quo,
   * then the bargains with k as a party in their order (`queueLengths[k]` entries in all), bargain b valued
   * into `bargainUtilities(b, ·)` and the own utilities and their sums into `ownUtilities` and
   * `statusQuoSums`. Returns the entry picked per queue (read it before the next call).
   */
  resolveQueues(bargains: readonly Bargain[], queueLengths: Int32Array, uniforms: Float64Array | null): Int32Array {
    const n = this.setup.actors;
    if (bargains.length > 2 * n) throw new RangeError("more bargains than the run's shared buffers hold");
    for (;;) {
      const rows = this.queueRows;
      const { starts, entries, order, parties, picks } = rows;
      let queues = 0;
      starts[0] = 0;
      for (let k = 0; k < n; k++) {
        const length = queueLengths[k] as number;
        starts[k + 1] = (starts[k] as number) + length;
        entries[starts[k] as number] = -1; // the status quo first
        if (length > 1) order[queues++] = k;
      }
      // Each queue's next free entry, kept in `picks` until the queue is resolved.
      for (let k = 0; k < n; k++) picks[k] = (starts[k] as number) + 1;
      for (let b = 0; b < bargains.length; b++) {
        const { initiator, receiver } = bargains[b] as Bargain;
        parties[2 * b] = initiator;
        parties[2 * b + 1] = receiver;
        entries[(picks[initiator] as number)++] = b;
        entries[(picks[receiver] as number)++] = b;
      }
      picks.fill(0);
      if (uniforms !== null) rows.uniforms.set(uniforms);
      if (queues === 0) return picks;
      order.subarray(0, queues).sort((a, b) => (queueLengths[b] as number) - (queueLengths[a] as number) || a - b);
      // The long queues here, each PCE's coalitions by rows; then the rest, a queue a chunk.
      let long = 0;
      // (A queue longer than the coalition buffers, only possible with two bargains an actor, is resolved here alone.)
      for (; long < queues && (queueLengths[order[long] as number] as number) >= LONG_QUEUE; long++) {
        rows.run(long, (queueLengths[order[long] as number] as number) <= n ? this : null);
      }
      if (this.queueRows !== rows) continue; // a helper failed in a coalition job: start again in this thread
      stats = { ...stats, queues: stats.queues + queues, longQueues: stats.longQueues + long };
      if (long < queues) {
        order.copyWithin(0, long, queues);
        if (!this.runJob(JOB_QUEUES, queues - long, 0, 0, "Prop", (chunk) => rows.run(chunk))) continue;
      }
      return picks;
    }
  }

  /** Representative (first option) of each distinct column, in option order, in `representatives`; per option its index there in `classOf`. */
  private readonly representatives: Int32Array;
  private readonly classOf: Int32Array;
  private readonly firstValues = new Map<number, number[]>();
  private expanded: Float64Array = new Float64Array(0);

  /**
   * Finds the distinct columns of `byOption` (option-major, `voters` long each, equal when equal voter by
   * voter) and returns how many there are. O(options·voters) at worst, usually O(options).
   */
  private uniqueOptions(byOption: Float64Array, voters: number, options: number): number {
    const buckets = this.firstValues;
    buckets.clear();
    let unique = 0;
    for (let a = 0; a < options; a++) {
      const start = a * voters;
      const key = byOption[start] as number;
      let bucket = buckets.get(key);
      let found = -1;
      if (bucket === undefined) {
        bucket = [];
        buckets.set(key, bucket);
      } else {
        for (let index = 0; index < bucket.length && found < 0; index++) {
          const c = bucket[index] as number;
          const other = (this.representatives[c] as number) * voters;
          let k = 1;
          while (k < voters && byOption[start + k] === byOption[other + k]) k++;
          if (k === voters && byOption[start] === byOption[other]) found = c;
        }
      }
      if (found < 0) {
        found = unique++;
        this.representatives[found] = a;
        bucket.push(found);
      }
      this.classOf[a] = found;
    }
    return unique;
  }

  /** The options × options matrix from the one of the distinct columns (`unique` × `unique`). O(options²). */
  private expandCoalitions(compact: Float64Array, unique: number, options: number): Float64Array {
    if (this.expanded.length < options * options) this.expanded = new Float64Array(this.setup.actors * this.setup.actors);
    const full = this.expanded;
    const classOf = this.classOf;
    for (let a = 0; a < options; a++) {
      const rowOf = (classOf[a] as number) * unique;
      const at = a * options;
      for (let b = 0; b < options; b++) {
        const cb = classOf[b] as number;
        full[at + b] = cb === (classOf[a] as number) ? MIN_COALITION : (compact[rowOf + cb] as number);
      }
    }
    return full;
  }

  /**
   * Publishes a job, does chunks of it until none is left, then waits for the helpers' last chunks.
   * Returns false when a helper failed or stalled: the run has then fallen back to one thread and must
   * redo the job (see `fallBack`).
   */
  private runJob(kind: number, chunks: number, voters: number, options: number, rule: VotingRule, runChunk: (chunk: number) => void): boolean {
    const control = this.control;
    if (this.helpers === null) {
      for (let chunk = 0; chunk < chunks; chunk++) runChunk(chunk);
      return true;
    }
    this.generation = (this.generation % GENERATION_MASK) + 1;
    const generation = this.generation;
    Atomics.store(control, CONTROL_KIND, kind);
    Atomics.store(control, CONTROL_CHUNKS, chunks);
    Atomics.store(control, CONTROL_VOTERS, voters);
    Atomics.store(control, CONTROL_OPTIONS, options);
    Atomics.store(control, CONTROL_RULE, VOTING_RULES.indexOf(rule));
    Atomics.store(control, CONTROL_FINISHED, 0);
    Atomics.store(control, CONTROL_NEXT, generation << GENERATION_SHIFT);
    Atomics.notify(control, CONTROL_NEXT);
    let own = 0;
    for (let chunk = takeChunk(control, generation, chunks); chunk >= 0; chunk = takeChunk(control, generation, chunks)) {
      runChunk(chunk);
      finishChunk(control, chunks);
      own++;
    }
    let finished = Atomics.load(control, CONTROL_FINISHED);
    // The helpers' last chunks are usually done within a chunk's time: look for them before sleeping.
    for (const until = performance.now() + SPIN_MS; finished < chunks && Atomics.load(control, CONTROL_FAILED) === 0 && performance.now() < until; ) {
      finished = Atomics.load(control, CONTROL_FINISHED);
    }
    let lastProgress = Date.now();
    while (finished < chunks && Atomics.load(control, CONTROL_FAILED) === 0) {
      Atomics.wait(control, CONTROL_FINISHED, finished, WAIT_SLICE_MS);
      const now = Atomics.load(control, CONTROL_FINISHED);
      if (now !== finished) lastProgress = Date.now();
      else if (Date.now() - lastProgress > HELPER_STALL_MS) break;
      finished = now;
    }
    if (finished >= chunks && Atomics.load(control, CONTROL_FAILED) === 0) {
      stats = { ...stats, jobs: stats.jobs + 1, chunks: stats.chunks + chunks, helperChunks: stats.helperChunks + chunks - own };
      return true;
    }
    this.fallBack();
    return false;
  }

  /**
   * A helper failed or stalled: stop the helpers and move the outputs to buffers of this thread's own, so
   * that a late helper cannot overwrite anything the run reads; every later job runs in this thread.
   */
  private fallBack(): void {
    this.stop();
    const own = (buffer: SharedArrayBuffer): SharedArrayBuffer => new SharedArrayBuffer(buffer.byteLength);
    const setup = this.setup;
    this.targetRows = new TargetRows({ ...setup, targets: own(setup.targets), estimates: own(setup.estimates) });
    this.coalitionRowsOf = new CoalitionRows({
      ...setup,
      coalitionWeights: own(setup.coalitionWeights),
      coalitionUtilities: own(setup.coalitionUtilities),
      coalitions: own(setup.coalitions),
    });
    // The turn's bargain values, complete unless their own job failed (which then values them all again).
    const values = own(setup.bargainUtilities);
    new Float64Array(values).set(new Float64Array(setup.bargainUtilities));
    this.queueRows = new QueueRows({ ...setup, picks: own(setup.picks), bargainUtilities: values });
    this.valueRows = new ValueRows(setup, this.queueRows.utilities);
  }
}
