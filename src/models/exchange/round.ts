/**
 * One round of Stokman's equal-gain exchange model (Stokman & Van Oosten 1994), with every convention of
 * the Decide reference implementation: which pairs may exchange and who supplies what, the two caps on a
 * move (the partner's position, then the outcome crossing the demander's position), the move lists that
 * decide validity, the order in which exchanges are realised and how the remaining ones are recalculated.
 * See `docs/models/exchange.md`. Pure; all positions on the normalised 0–100 scale.
 *
 * Layout: a round holds its candidates column-wise in typed arrays (candidate c; its side i at 2c, side j
 * at 2c + 1), the move lists and update tables in shared pools, so the candidate loop allocates nothing.
 *
 * Cost: a round builds every candidate (at most actor pairs × issue pairs, O(n²m²)) and calculates each
 * once. Each realised exchange then recalculates only the candidates it affects, found through an index by
 * (actor, supply issue) and (actor, demand issue), and moves them in a heap ordered by gain and list rank
 * (O(log n) each, nothing copied). Outcome sums are the start positions' sum plus
 * the few positions a candidate's table changes, not a pass over the issue's actors.
 *
 * A recalculation does only the work whose result can differ, the same numbers bit for bit: when only the
 * update table changed, CALC's moves and gains are the kept ones of the last CALC and only the outcome cap
 * of the side whose supply issue the table changed is checked again (see checkAgain); when a side's new
 * move would turn against its move list, the candidate is invalid without calculating (see turnsBack); a
 * table entry that stays as it was changes nothing. Move lists keep running sums for VALID's sum test.
 */
import { GainOrder } from "./gain-order.js";

/** The problem as the round sees it: fixed saliences (0–1) and powers, positions per actor and issue. */
export interface ExchangeState {
  readonly actorCount: number;
  readonly issueCount: number;
  /** salience[a·issues + k] on 0–1; NaN where actor a has no stance on issue k. */
  readonly salience: Float64Array;
  /** power[a·issues + k] (capability on that issue); NaN where there is no stance. */
  readonly power: Float64Array;
}

/** One actor's side of an exchange, as last calculated: it supplies (moves on) one issue and demands the other. */
export interface ExchangeSide {
  readonly actor: number;
  readonly supply: number;
  readonly demand: number;
  readonly salienceSupply: number;
  readonly salienceDemand: number;
  readonly power: number;
  /** Start-of-round position on the supply issue. */
  readonly x0: number;
  /** Position on the supply issue when last calculated: moved by exchanges realised earlier in the round. */
  readonly x: number;
  /** The partner's start-of-round position on the supply issue: how far this side may go. */
  readonly target: number;
  readonly move: number;
  /** Position on the supply issue after this exchange (its voting position). */
  readonly y: number;
  /** The move list whose signs and sum decide validity (the reference's bookkeeping, kept as is). */
  readonly moves: readonly number[];
  /** Outcome of the supply issue before and after this side's move, as last checked. */
  readonly nbs0: number;
  readonly nbs1: number;
  /** True once the outcome cap shortened this side's move in some calculation. */
  readonly adjusted: boolean;
}

/** An exchange as last calculated. */
export interface Exchange {
  /** Issue pair in issue order (p before q): i supplies q and demands p, j supplies p and demands q. */
  readonly p: number;
  readonly q: number;
  /** "ad" when the pair came from groups a and d, "bc" from b and c. */
  readonly groups: "ad" | "bc";
  readonly i: ExchangeSide;
  readonly j: ExchangeSide;
  readonly gain: number;
  readonly valid: boolean;
  /** Creation order in the round. */
  readonly index: number;
  /** Gains of i and j (equal, except under a random exchange rate). */
  readonly gainI: number;
  readonly gainJ: number;
}

/** What a round produced. */
export interface RoundResult {
  readonly candidateCount: number;
  readonly validCandidateCount: number;
  /** Realised exchanges in realisation order. */
  readonly realised: readonly Exchange[];
  /** The best remaining valid gain when each exchange was realised (NaN when none was left). */
  readonly runnerUpGains: readonly number[];
  readonly startOutcomes: Float64Array;
  readonly votingPositions: Float64Array;
  readonly votingOutcomes: Float64Array;
  /** Start positions of the next round. */
  readonly nextPositions: Float64Array;
}

/** Draws the exchange rate of one calculation; undefined means the equal-gain rate. */
export type RateDraw = (equalGainRate: number, lowest: number, highest: number) => number;

/** Moves and gains at or below this count as nothing (the reference's thresholds). */
const NEGLIGIBLE = 1e-10;
/** An adjusted outcome this close to the demander's position is taken as exactly on it (float64 convention). */
const ON_TARGET = 1e-9;
/** Weights of the start-position update: x' = x0 + (FIXED + SALIENCE·(1 − s))·(y − x0). */
const UPDATE_FIXED = 0.1;
const UPDATE_SALIENCE = 0.4;
/** End of a pooled list. */
const NONE = -1;

/** The weighted mean Σ x·s·c / Σ s·c per issue. */
export function outcomes(state: ExchangeState, positions: Float64Array): Float64Array {
  const { actorCount, issueCount, salience, power } = state;
  const result = new Float64Array(issueCount);
  for (let k = 0; k < issueCount; k++) {
    let numerator = 0;
    let denominator = 0;
    let plainSum = 0;
    let count = 0;
    for (let a = 0; a < actorCount; a++) {
      const at = a * issueCount + k;
      const s = salience[at] as number;
      if (Number.isNaN(s)) continue;
      const weight = s * (power[at] as number);
      numerator += (positions[at] as number) * weight;
      denominator += weight;
      plainSum += positions[at] as number;
      count++;
    }
    // Nobody weighs in (all saliences 0): the plain mean of the stances, or mid-scale without any.
    result[k] = denominator > 0 ? numerator / denominator : count > 0 ? plainSum / count : 50;
  }
  return result;
}

/** The round's candidate exchanges in creation order, each calculated once (before any is realised). */
export function calculateCandidates(state: ExchangeState, positions: Float64Array): Exchange[] {
  const round = new Round(state, positions, undefined, new RoundStorage());
  round.calculateAll();
  return Array.from({ length: round.count }, (_, c) => round.snapshot(c));
}

/**
 * Runs one round from `positions` (start positions, normalised). `drawRate` switches on a random exchange
 * rate; `storage` lets the rounds of a run share their arrays.
 */
export function playRound(state: ExchangeState, positions: Float64Array, drawRate?: RateDraw, storage = new RoundStorage()): RoundResult {
  const { realised, ...played } = play(state, positions, drawRate, storage, (round, c) => round.snapshot(c));
  return { ...played, realised };
}

/** A realised exchange as a run reports it (normalised positions, indices). */
export interface RealisedExchange {
  /** Actor indices [i, j]: i moves on issue q in return for j's move on issue p. */
  readonly actors: readonly [number, number];
  /** Issue pair [p, q] in issue order. */
  readonly issues: readonly [number, number];
  /** Positions before and after on the issue each supplies (normalised 0–100): i on q, j on p. */
  readonly from: readonly [number, number];
  readonly to: readonly [number, number];
  /** Each side's utility gain (salience × outcome shift toward it). */
  readonly gains: readonly [number, number];
  /** True when the outcome cap (not pushing past the demander) shortened the moves. */
  readonly capped: boolean;
  readonly groups: "ad" | "bc";
}

/** As {@link playRound}, with the realised exchanges only as a run reports them (no full snapshots to build). */
export function playRoundBrief(state: ExchangeState, positions: Float64Array, drawRate: RateDraw | undefined, storage: RoundStorage): Omit<RoundResult, "realised"> & { readonly realised: readonly RealisedExchange[] } {
  return play(state, positions, drawRate, storage, (round, c) => round.realisedExchange(c));
}

function play<T>(state: ExchangeState, positions: Float64Array, drawRate: RateDraw | undefined, storage: RoundStorage, view: (round: Round, c: number) => T) {
  const round = new Round(state, positions, drawRate, storage);
  round.calculateAll();
  const validCandidateCount = round.validCount();
  const { realised, runnerUpGains } = round.select();
  return {
    candidateCount: round.count,
    validCandidateCount,
    realised: realised.map((c) => view(round, c)),
    runnerUpGains,
    startOutcomes: round.outcome,
    ...round.positionsAfter(realised),
  };
}

/**
 * Typed arrays that the rounds of a run reuse instead of allocating their own: each round asks for the
 * lengths it needs and gets an array at least that long, cleared over that length.
 */
export class RoundStorage {
  private readonly arrays = new Map<string, Float64Array | Int32Array | Uint8Array>();

  f64(name: string, length: number, fill = 0): Float64Array {
    return this.take(name, length, fill, (n) => new Float64Array(n));
  }

  i32(name: string, length: number, fill = 0): Int32Array {
    return this.take(name, length, fill, (n) => new Int32Array(n));
  }

  u8(name: string, length: number): Uint8Array {
    return this.take(name, length, 0, (n) => new Uint8Array(n));
  }

  /** Keeps a grown array for the next round. */
  keep(name: string, array: Float64Array | Int32Array): void {
    this.arrays.set(name, array);
  }

  private take<T extends Float64Array | Int32Array | Uint8Array>(name: string, length: number, fill: number, create: (n: number) => T): T {
    let array = this.arrays.get(name) as T | undefined;
    if (array === undefined || array.length < length) {
      array = create(Math.max(length, 16));
      this.arrays.set(name, array);
    }
    array.fill(fill, 0, length);
    return array;
  }
}

/** The moves of a side: a stack per side, its entries in one growing pool. */
class MoveLists {
  private value: Float64Array;
  /** Per entry, the sum of its list up to it, added first to last as the reference sums (0 + v1 + v2 …). */
  private sum: Float64Array;
  private below: Int32Array;
  private used = 0;
  /** Per side: its last entry, how many entries, how many negative and positive. */
  private readonly top: Int32Array;
  private readonly length: Int32Array;
  private readonly negative: Int32Array;
  private readonly positive: Int32Array;

  constructor(
    sideCount: number,
    private readonly storage: RoundStorage,
  ) {
    this.top = storage.i32("moveTop", sideCount, NONE);
    this.length = storage.i32("moveLength", sideCount);
    this.negative = storage.i32("moveNegative", sideCount);
    this.positive = storage.i32("movePositive", sideCount);
    this.value = storage.f64("moveValue", 0);
    this.sum = storage.f64("moveSum", 0);
    this.below = storage.i32("moveBelow", 0);
  }

  push(side: number, move: number): void {
    if (this.used === this.value.length) {
      this.value = grow(this.value, new Float64Array(2 * this.used));
      this.sum = grow(this.sum, new Float64Array(2 * this.used));
      this.below = grow(this.below, new Int32Array(2 * this.used));
      this.storage.keep("moveValue", this.value);
      this.storage.keep("moveSum", this.sum);
      this.storage.keep("moveBelow", this.below);
    }
    const entry = this.used++;
    const below = this.top[side] as number;
    this.value[entry] = move;
    this.sum[entry] = (below === NONE ? 0 : (this.sum[below] as number)) + move;
    this.below[entry] = below;
    this.top[side] = entry;
    this.length[side] = (this.length[side] as number) + 1;
    this.count(side, move, 1);
  }

  /** Removes the last move (none: nothing happens, as popping an empty list). */
  pop(side: number): void {
    const entry = this.top[side] as number;
    if (entry === NONE) return;
    this.count(side, this.value[entry] as number, -1);
    this.top[side] = this.below[entry] as number;
    this.length[side] = (this.length[side] as number) - 1;
  }

  hasPositive(side: number): boolean {
    return (this.positive[side] as number) > 0;
  }

  hasNegative(side: number): boolean {
    return (this.negative[side] as number) > 0;
  }

  replaceLast(side: number, move: number): void {
    const entry = this.top[side] as number;
    const below = this.below[entry] as number;
    this.count(side, this.value[entry] as number, -1);
    this.value[entry] = move;
    this.sum[entry] = (below === NONE ? 0 : (this.sum[below] as number)) + move;
    this.count(side, move, 1);
  }

  /** The reference's list test: the sum is not over 100 and the moves all go one way. */
  oneWayWithin100(side: number): boolean {
    const length = this.length[side] as number;
    // All negative (or none): the sum cannot exceed 100.
    if (this.negative[side] === length) return true;
    if (this.positive[side] !== length) return false;
    return !((this.sum[this.top[side] as number] as number) > 100);
  }

  list(side: number): number[] {
    const moves: number[] = [];
    for (let entry = this.top[side] as number; entry !== NONE; entry = this.below[entry] as number) moves.push(this.value[entry] as number);
    return moves.reverse();
  }

  private count(side: number, move: number, by: number): void {
    if (move < 0) this.negative[side] = (this.negative[side] as number) + by;
    else if (move > 0) this.positive[side] = (this.positive[side] as number) + by;
  }
}

/**
 * Per candidate, the positions of other actors' realised moves it takes into account (issue, actor →
 * position): entries of one growing pool, chained per candidate. Few candidates have any, and few entries.
 */
class UpdateTables {
  issue: Int32Array;
  actor: Int32Array;
  value: Float64Array;
  next: Int32Array;
  private used = 0;
  readonly head: Int32Array;

  constructor(
    candidateCount: number,
    private readonly storage: RoundStorage,
  ) {
    this.head = storage.i32("updateHead", candidateCount, NONE);
    this.issue = storage.i32("updateIssue", 0);
    this.actor = storage.i32("updateActor", 0);
    this.value = storage.f64("updateValue", 0);
    this.next = storage.i32("updateNext", 0);
  }

  /**
   * RECORD: note a realised side's new position y (from x0) in candidate c's table. An existing entry keeps
   * the smaller of it and y when x0 is at or below it, else the larger (for a mover going on, the older value).
   * Returns false when the table stays as it was.
   */
  record(c: number, issue: number, actor: number, x0: number, y: number): boolean {
    for (let e = this.head[c] as number; e !== NONE; e = this.next[e] as number) {
      if (this.issue[e] !== issue || this.actor[e] !== actor) continue;
      const current = this.value[e] as number;
      const kept = x0 <= current ? (current < y ? current : y) : current > y ? current : y;
      this.value[e] = kept;
      return !Object.is(kept, current);
    }
    if (this.used === this.value.length) {
      this.issue = grow(this.issue, new Int32Array(2 * this.used));
      this.actor = grow(this.actor, new Int32Array(2 * this.used));
      this.value = grow(this.value, new Float64Array(2 * this.used));
      this.next = grow(this.next, new Int32Array(2 * this.used));
      this.storage.keep("updateIssue", this.issue);
      this.storage.keep("updateActor", this.actor);
      this.storage.keep("updateValue", this.value);
      this.storage.keep("updateNext", this.next);
    }
    const e = this.used++;
    this.issue[e] = issue;
    this.actor[e] = actor;
    this.value[e] = y;
    this.next[e] = this.head[c] as number;
    this.head[c] = e;
    return true;
  }
}

function grow<T extends Float64Array | Int32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/**
 * A round's fixed facts (start positions, outcomes, denominators), its candidates column-wise, and the
 * reference's procedures on them.
 */
class Round {
  readonly outcome: Float64Array;
  readonly count: number;
  /** Σ s·c per issue. */
  private readonly denominator: Float64Array;
  /** Σ x0·s·c per issue, the start positions' weighted sum. */
  private readonly weightedStart: Float64Array;
  /** Per issue, its members (actors with a stance, in actor order), numbered across issues: a member's s·c and start position. */
  private readonly memberWeight: Float64Array;
  private readonly memberPosition: Float64Array;
  /** memberOf[a·issues + k]: actor a's member number on issue k. */
  private readonly memberOf: Int32Array;

  // Candidate c.
  private readonly issueP: Int32Array;
  private readonly issueQ: Int32Array;
  private readonly fromGroupsBc: Uint8Array;
  private readonly gain: Float64Array;
  private readonly gainI: Float64Array;
  private readonly gainJ: Float64Array;
  private readonly valid: Uint8Array;
  /** What the last CALC gave before the outcome caps (see {@link checkAgain}). */
  private readonly calcGain: Float64Array;
  private readonly calcGainI: Float64Array;
  private readonly calcGainJ: Float64Array;
  private readonly calcMove: Float64Array;
  // Side s (2c = i, 2c + 1 = j); see ExchangeSide.
  private readonly actor: Int32Array;
  private readonly supply: Int32Array;
  private readonly demand: Int32Array;
  private readonly salienceSupply: Float64Array;
  private readonly salienceDemand: Float64Array;
  private readonly power: Float64Array;
  private readonly x0: Float64Array;
  private readonly target: Float64Array;
  private readonly x: Float64Array;
  private readonly move: Float64Array;
  private readonly y: Float64Array;
  private readonly nbs0: Float64Array;
  private readonly nbs1: Float64Array;
  private readonly adjusted: Uint8Array;
  /** 1 when the side's last outcome cap (CHECK) found its move crossing the demander's position. */
  private readonly crossed: Uint8Array;
  private readonly moves: MoveLists;
  private readonly updates: UpdateTables;

  constructor(
    private readonly state: ExchangeState,
    private readonly start: Float64Array,
    private readonly drawRate: RateDraw | undefined,
    private readonly storage: RoundStorage,
  ) {
    const { actorCount, issueCount, salience, power } = state;
    this.outcome = outcomes(state, start);
    this.denominator = new Float64Array(issueCount);
    this.weightedStart = new Float64Array(issueCount);
    const size = actorCount * issueCount;
    this.memberWeight = new Float64Array(size);
    this.memberPosition = new Float64Array(size);
    this.memberOf = new Int32Array(size).fill(NONE);
    let members = 0;
    for (let k = 0; k < issueCount; k++) {
      let sum = 0;
      let weighted = 0;
      for (let a = 0; a < actorCount; a++) {
        const at = a * issueCount + k;
        const s = salience[at] as number;
        if (Number.isNaN(s)) continue;
        const w = s * (power[at] as number);
        this.memberWeight[members] = w;
        this.memberPosition[members] = start[at] as number;
        this.memberOf[at] = members;
        members++;
        sum += w;
        weighted += (start[at] as number) * w;
      }
      this.denominator[k] = sum;
      this.weightedStart[k] = weighted;
    }

    this.count = this.countCandidates();
    const n = this.count;
    this.issueP = storage.i32("issueP", n);
    this.issueQ = storage.i32("issueQ", n);
    this.fromGroupsBc = storage.u8("fromGroupsBc", n);
    this.gain = storage.f64("gain", n);
    this.gainI = storage.f64("gainI", n);
    this.gainJ = storage.f64("gainJ", n);
    this.valid = storage.u8("valid", n);
    this.calcGain = storage.f64("calcGain", n);
    this.calcGainI = storage.f64("calcGainI", n);
    this.calcGainJ = storage.f64("calcGainJ", n);
    this.calcMove = storage.f64("calcMove", 2 * n);
    this.actor = storage.i32("actor", 2 * n);
    this.supply = storage.i32("supply", 2 * n);
    this.demand = storage.i32("demand", 2 * n);
    this.salienceSupply = storage.f64("salienceSupply", 2 * n);
    this.salienceDemand = storage.f64("salienceDemand", 2 * n);
    this.power = storage.f64("power", 2 * n);
    this.x0 = storage.f64("x0", 2 * n);
    this.target = storage.f64("target", 2 * n);
    this.x = storage.f64("x", 2 * n);
    this.move = storage.f64("move", 2 * n);
    this.y = storage.f64("y", 2 * n);
    this.nbs0 = storage.f64("nbs0", 2 * n);
    this.nbs1 = storage.f64("nbs1", 2 * n);
    this.adjusted = storage.u8("adjusted", 2 * n);
    this.crossed = storage.u8("crossed", 2 * n);
    this.moves = new MoveLists(2 * n, storage);
    this.updates = new UpdateTables(n, storage);
    this.buildCandidates();
  }

  /** May actor a trade on issue k? Without a stance, or with no weight on it, it has nothing to give or gain. */
  private trades(a: number, k: number): boolean {
    const at = a * this.state.issueCount + k;
    const s = this.state.salience[at] as number;
    return s > 0 && s * (this.state.power[at] as number) > 0;
  }

  /** Groups of the issue pair (p, q) into `groups` (a, b, c, d at 0·n, 1·n, 2·n, 3·n), sizes into `sizes`. */
  private group(p: number, q: number, groups: Int32Array, sizes: Int32Array): void {
    const { actorCount, issueCount } = this.state;
    sizes.fill(0);
    for (let a = 0; a < actorCount; a++) {
      if (!this.trades(a, p) || !this.trades(a, q)) continue;
      const leftP = (this.start[a * issueCount + p] as number) <= (this.outcome[p] as number);
      const leftQ = (this.start[a * issueCount + q] as number) <= (this.outcome[q] as number);
      const g = leftP ? (leftQ ? 3 : 1) : leftQ ? 2 : 0;
      groups[g * actorCount + (sizes[g] as number)] = a;
      sizes[g] = (sizes[g] as number) + 1;
    }
  }

  private countCandidates(): number {
    const { actorCount, issueCount } = this.state;
    const groups = new Int32Array(4 * actorCount);
    const sizes = new Int32Array(4);
    let count = 0;
    for (let p = 0; p < issueCount; p++) {
      for (let q = p + 1; q < issueCount; q++) {
        this.group(p, q, groups, sizes);
        count += (sizes[0] as number) * (sizes[3] as number) + (sizes[1] as number) * (sizes[2] as number);
      }
    }
    return count;
  }

  /** Every candidate exchange in the reference's creation order (issue pairs, then groups a×d, then b×c). */
  private buildCandidates(): void {
    const { actorCount, issueCount } = this.state;
    const groups = new Int32Array(4 * actorCount);
    const sizes = new Int32Array(4);
    let c = 0;
    for (let p = 0; p < issueCount; p++) {
      for (let q = p + 1; q < issueCount; q++) {
        this.group(p, q, groups, sizes);
        for (let first = 0; first < 2; first++) {
          // Groups a × d (0, 3), then b × c (1, 2).
          const second = 3 - first;
          for (let u = 0; u < (sizes[first] as number); u++) {
            for (let v = 0; v < (sizes[second] as number); v++) {
              this.create(c++, p, q, groups[first * actorCount + u] as number, groups[second * actorCount + v] as number, first === 1);
            }
          }
        }
      }
    }
  }

  private create(c: number, p: number, q: number, f: number, g: number, fromGroupsBc: boolean): void {
    const { salience, issueCount } = this.state;
    const ratioF = (salience[f * issueCount + p] as number) / (salience[f * issueCount + q] as number);
    const ratioG = (salience[g * issueCount + p] as number) / (salience[g * issueCount + q] as number);
    // i has the larger relative salience on p: it supplies q and demands p. Equal ratios give i = F.
    const iFirst = !(ratioF < ratioG);
    const i = iFirst ? f : g;
    const j = iFirst ? g : f;
    this.issueP[c] = p;
    this.issueQ[c] = q;
    this.fromGroupsBc[c] = fromGroupsBc ? 1 : 0;
    this.setSide(2 * c, i, q, p, j);
    this.setSide(2 * c + 1, j, p, q, i);
  }

  private setSide(s: number, actor: number, supply: number, demand: number, partner: number): void {
    const { salience, power, issueCount } = this.state;
    const x0 = this.start[actor * issueCount + supply] as number;
    this.actor[s] = actor;
    this.supply[s] = supply;
    this.demand[s] = demand;
    this.salienceSupply[s] = salience[actor * issueCount + supply] as number;
    this.salienceDemand[s] = salience[actor * issueCount + demand] as number;
    this.power[s] = power[actor * issueCount + supply] as number;
    this.x0[s] = x0;
    this.x[s] = x0;
    this.target[s] = this.start[partner * issueCount + supply] as number;
    this.y[s] = x0;
  }

  calculateAll(): void {
    for (let c = 0; c < this.count; c++) this.calculate(c);
  }

  validCount(): number {
    let n = 0;
    for (let c = 0; c < this.count; c++) n += this.valid[c] as number;
    return n;
  }

  /** CALC: the equal-gain moves, capped by the partner's position, then by the outcome crossing the demander's position. */
  private calculate(c: number): void {
    const i = 2 * c;
    const j = i + 1;
    const { salienceSupply, salienceDemand, power, target, x } = this;
    const sumP = this.denominator[this.issueP[c] as number] as number;
    const sumQ = this.denominator[this.issueQ[c] as number] as number;
    // r_q / r_p, the outcome shift on q per unit of outcome shift on p: equal gains fix it.
    const equalRate = ((salienceSupply[j] as number) + (salienceDemand[i] as number)) / ((salienceDemand[j] as number) + (salienceSupply[i] as number));
    const rate = this.drawRate ? this.rateFor(c, equalRate) : equalRate;
    const xi = x[i] as number;
    const xj = x[j] as number;
    const ti = target[i] as number;
    const tj = target[j] as number;

    let shiftP = (Math.abs(tj - xj) * (salienceSupply[j] as number) * (power[j] as number)) / sumP;
    let shiftQ = shiftP * rate;
    let moveI = (shiftQ * sumQ) / ((power[i] as number) * (salienceSupply[i] as number));
    let moveJ = Math.abs(tj - xj);
    if (moveI > Math.abs(ti - xi)) {
      shiftQ = (Math.abs(ti - xi) * (salienceSupply[i] as number) * (power[i] as number)) / sumQ;
      shiftP = shiftQ / rate;
      moveI = Math.abs(ti - xi);
      moveJ = (shiftP * sumP) / ((power[j] as number) * (salienceSupply[j] as number));
    }
    if (xi > ti) moveI = -moveI;
    if (xj > tj) moveJ = -moveJ;
    this.moves.push(i, moveI);
    this.moves.push(j, moveJ);
    this.move[i] = moveI;
    this.move[j] = moveJ;
    this.y[i] = xi + moveI;
    this.y[j] = xj + moveJ;
    this.gainI[c] = shiftP * (salienceDemand[i] as number) - shiftQ * (salienceSupply[i] as number);
    this.gainJ[c] = shiftQ * (salienceDemand[j] as number) - shiftP * (salienceSupply[j] as number);
    // The ordering gain is the equal-gain one even when the rate is drawn (then it is recomputed below).
    this.gain[c] = this.drawRate ? this.equalGain(c, equalRate) : Math.abs(this.gainI[c] as number);
    this.calcMove[i] = moveI;
    this.calcMove[j] = moveJ;
    this.calcGain[c] = this.gain[c] as number;
    this.calcGainI[c] = this.gainI[c] as number;
    this.calcGainJ[c] = this.gainJ[c] as number;
    if (!(this.validMove(i, moveI) && this.validMove(j, moveJ) && !((this.gain[c] as number) < NEGLIGIBLE))) {
      this.valid[c] = 0;
      return;
    }
    this.capAtDemander(c, i, j, rate);
    this.capAtDemander(c, j, i, rate);
    this.valid[c] = this.validMove(i, this.move[i] as number) && this.validMove(j, this.move[j] as number) ? 1 : 0;
  }

  /** The equal-gain gain of an exchange whose moves were computed at another rate (same caps, no outcome cap). */
  private equalGain(c: number, equalRate: number): number {
    const i = 2 * c;
    const j = i + 1;
    const { salienceSupply, salienceDemand, power, target, x } = this;
    const sumP = this.denominator[this.issueP[c] as number] as number;
    const sumQ = this.denominator[this.issueQ[c] as number] as number;
    let shiftP = (Math.abs((target[j] as number) - (x[j] as number)) * (salienceSupply[j] as number) * (power[j] as number)) / sumP;
    let shiftQ = shiftP * equalRate;
    if ((shiftQ * sumQ) / ((power[i] as number) * (salienceSupply[i] as number)) > Math.abs((target[i] as number) - (x[i] as number))) {
      shiftQ = (Math.abs((target[i] as number) - (x[i] as number)) * (salienceSupply[i] as number) * (power[i] as number)) / sumQ;
      shiftP = shiftQ / equalRate;
    }
    return Math.abs(shiftQ * (salienceSupply[i] as number) - shiftP * (salienceDemand[i] as number));
  }

  private rateFor(c: number, equalRate: number): number {
    const i = 2 * c;
    const j = i + 1;
    // j gains only above its own salience ratio on p/q, i only below its own: the rate lies between them.
    const lowest = (this.salienceSupply[j] as number) / (this.salienceDemand[j] as number);
    const highest = (this.salienceDemand[i] as number) / (this.salienceSupply[i] as number);
    return (this.drawRate as RateDraw)(equalRate, lowest, highest);
  }

  /**
   * CHECK(X): when X's move carries the outcome of its supply issue across the demander's position, X moves
   * only as far as puts the outcome on that position and the partner's move shrinks to keep the rate.
   */
  private capAtDemander(c: number, side: number, other: number, rate: number): void {
    const issue = this.supply[side] as number;
    const actor = this.actor[side] as number;
    const target = this.target[side] as number;
    const sumS = this.denominator[issue] as number;
    const xSide = this.x[side] as number;
    // The table's part of the outcome sums, the same for nbs0 and nbs1 (the side's own value wins over it).
    const head = this.updates.head[c] as number;
    const change = head === NONE ? 0 : this.tableChange(head, issue, actor);
    // Nothing moved yet for this candidate: the adjusted outcome is the start outcome (the same sum).
    const unmoved = head === NONE && xSide === this.x0[side];
    this.nbs0[side] = snap(unmoved ? (this.outcome[issue] as number) : this.outcomeWith(issue, change, side, xSide, sumS), target);
    this.nbs1[side] = snap(this.outcomeWith(issue, change, side, this.y[side] as number, sumS), target);
    const before = target - (this.nbs0[side] as number);
    const after = target - (this.nbs1[side] as number);
    if ((before >= 0 && after >= 0) || (before <= 0 && after <= 0)) {
      this.crossed[side] = 0;
      return;
    }
    this.crossed[side] = 1;

    const sumT = this.denominator[this.demand[side] as number] as number;
    const salienceSide = this.salienceSupply[side] as number;
    const powerSide = this.power[side] as number;
    // Here the update table wins over the side's own current position (the reference's order).
    const weighted = this.weightedPositions(c, issue, actor, xSide, true);
    const delta = Math.abs((target * sumS - weighted) / (salienceSide * powerSide));
    const shift = (delta * salienceSide * powerSide) / sumS;
    // The partner's shift on its own supply issue at the exchange's rate (r_q/r_p, or its inverse from j's side).
    const fromJ = (side & 1) === 1;
    const otherShift = fromJ ? shift * rate : shift / rate;
    let otherMove = Math.abs((otherShift * sumT) / ((this.power[other] as number) * (this.salienceSupply[other] as number)));
    let sideMove = delta;
    if ((this.x[other] as number) > (this.target[other] as number)) otherMove = -otherMove;
    if (xSide > target) sideMove = -sideMove;
    this.moves.replaceLast(other, otherMove);
    this.moves.replaceLast(side, sideMove);
    this.move[other] = otherMove;
    this.move[side] = sideMove;
    this.y[other] = (this.x[other] as number) + otherMove;
    this.y[side] = xSide + sideMove;
    const shiftP = fromJ ? shift : otherShift;
    const shiftQ = fromJ ? otherShift : shift;
    const i = 2 * c;
    const j = i + 1;
    this.gainI[c] = shiftP * (this.salienceDemand[i] as number) - shiftQ * (this.salienceSupply[i] as number);
    this.gainJ[c] = shiftQ * (this.salienceDemand[j] as number) - shiftP * (this.salienceSupply[j] as number);
    if (!this.drawRate) this.gain[c] = Math.abs(otherShift * (this.salienceSupply[other] as number) - shift * (this.salienceDemand[other] as number));
    this.nbs1[side] = snap(this.outcomeWith(issue, change, side, this.y[side] as number, sumS), target);
    this.adjusted[side] = 1;
  }

  /**
   * The outcome of `side`'s supply issue with the table's `change` to its weighted sum (see
   * {@link tableChange}) and the side's actor at `position`: {@link weightedPositions} without the walk.
   */
  private outcomeWith(issue: number, change: number, side: number, position: number, denominator: number): number {
    if (denominator === 0) return 0;
    // The side's member weight s·c and start position, as the issue's members hold them.
    const weight = (this.salienceSupply[side] as number) * (this.power[side] as number);
    return ((this.weightedStart[issue] as number) + (change + (position - (this.x0[side] as number)) * weight)) / denominator;
  }

  /** Σ (u − x0)·s·c over the table entries (from `head`) on `issue` of actors other than `actor`. */
  private tableChange(head: number, issue: number, actor: number): number {
    const { memberWeight, memberPosition, updates } = this;
    const issueCount = this.state.issueCount;
    let change = 0;
    for (let e = head; e !== NONE; e = updates.next[e] as number) {
      if (updates.issue[e] !== issue) continue;
      const a = updates.actor[e] as number;
      if (a === actor) continue;
      const m = this.memberOf[a * issueCount + issue] as number;
      change += ((updates.value[e] as number) - (memberPosition[m] as number)) * (memberWeight[m] as number);
    }
    return change;
  }

  /**
   * Σ x·s·c over the issue's members, with candidate c's table entries and `actor` at `position`; `tableWins`
   * orders the two for `actor`. Kept as the start positions' sum plus the few positions that differ from
   * theirs, so its cost is the table's length, not the issue's members.
   */
  private weightedPositions(c: number, issue: number, actor: number, position: number, tableWins: boolean): number {
    const { memberWeight, memberPosition, updates } = this;
    const issueCount = this.state.issueCount;
    let actorPosition = position;
    let change = 0;
    for (let e = updates.head[c] as number; e !== NONE; e = updates.next[e] as number) {
      if (updates.issue[e] !== issue) continue;
      const a = updates.actor[e] as number;
      if (a === actor) {
        if (tableWins) actorPosition = updates.value[e] as number;
        continue;
      }
      const m = this.memberOf[a * issueCount + issue] as number;
      change += ((updates.value[e] as number) - (memberPosition[m] as number)) * (memberWeight[m] as number);
    }
    const m = this.memberOf[actor * issueCount + issue] as number;
    return (this.weightedStart[issue] as number) + (change + (actorPosition - (memberPosition[m] as number)) * (memberWeight[m] as number));
  }

  /** VALID: a move is real, stays on the scale, and the side's move list neither exceeds 100 nor mixes directions. */
  private validMove(side: number, move: number): boolean {
    if (Math.abs(move) > 100 || Math.abs(move) <= NEGLIGIBLE) return false;
    const y = (this.x[side] as number) + move;
    if (y < 0 || y > 100) return false;
    return this.moves.oneWayWithin100(side);
  }

  /**
   * For each (actor, issue), the valid candidates in creation order where that actor supplies the issue, and
   * where it demands it: the ones a realised exchange may affect (an invalid one is never recalculated).
   */
  private indexSides(): { supplyStart: Int32Array; supplyOf: Int32Array; demandStart: Int32Array; demandOf: Int32Array } {
    const { issueCount } = this.state;
    const keys = this.state.actorCount * issueCount;
    const index = (issueOf: Int32Array, name: string): { start: Int32Array; of: Int32Array } => {
      const start = this.storage.i32(`${name}Start`, keys + 1);
      for (let s = 0; s < 2 * this.count; s++) {
        if (!this.valid[s >> 1]) continue;
        const key = (this.actor[s] as number) * issueCount + (issueOf[s] as number);
        start[key + 1] = (start[key + 1] as number) + 1;
      }
      for (let k = 0; k < keys; k++) start[k + 1] = (start[k + 1] as number) + (start[k] as number);
      const fill = this.storage.i32(`${name}Fill`, keys);
      fill.set(start.subarray(0, keys));
      const of = this.storage.i32(`${name}Of`, 2 * this.count);
      for (let s = 0; s < 2 * this.count; s++) {
        if (!this.valid[s >> 1]) continue;
        const key = (this.actor[s] as number) * issueCount + (issueOf[s] as number);
        of[fill[key] as number] = s >> 1;
        fill[key] = (fill[key] as number) + 1;
      }
      return { start, of };
    };
    const supply = index(this.supply, "supply");
    const demand = index(this.demand, "demand");
    return { supplyStart: supply.start, supplyOf: supply.of, demandStart: demand.start, demandOf: demand.of };
  }

  /**
   * The selection loop: realise the best valid candidate, recalculate those it affects, repeat. The
   * reference re-sorts the whole list (stably) each time; only recalculated candidates change their gain, so
   * here the list is a heap by gain and rank ({@link GainOrder}) and only they move in it.
   */
  select(): { realised: number[]; runnerUpGains: number[] } {
    const n = this.count;
    const { gain, valid } = this;
    // Invalid candidates are never realised nor recalculated, and the first realisation drops them: only the
    // valid ones are ordered (a stable sort of a subset orders it as it orders the whole list).
    const order = new GainOrder(this.storage, n, this.gain);
    order.fill(n, valid);
    /** In the list and valid: may be recalculated and realised. */
    const live = this.storage.u8("live", n);
    live.set(valid.subarray(0, n));
    const seen = this.storage.i32("seen", n);
    const affected = this.storage.i32("affected", n);
    const changed = this.storage.i32("changed", n);
    const previousGain = this.storage.f64("previousGain", n);
    const { supplyStart, supplyOf, demandStart, demandOf } = this.indexSides();
    const issueCount = this.state.issueCount;
    const realised: number[] = [];
    const runnerUpGains: number[] = [];
    while (order.length > 0) {
      const best = order.shift();
      runnerUpGains.push(order.length > 0 ? (gain[order.first()] as number) : Number.NaN);
      realised.push(best);
      live[best] = 0;
      const stamp = realised.length;

      // The candidates RECALC touches: a side supplying what one of best's sides supplies, or one of best's
      // actors demanding what it demands there.
      let affectedCount = 0;
      for (let k = 0; k < 4; k++) {
        const side = k === 0 || k === 3 ? 2 * best : 2 * best + 1;
        const bySupply = k < 2;
        const start = bySupply ? supplyStart : demandStart;
        const of = bySupply ? supplyOf : demandOf;
        const key = (this.actor[side] as number) * issueCount + ((bySupply ? this.supply : this.demand)[side] as number);
        for (let e = start[key] as number; e < (start[key + 1] as number); e++) {
          const f = of[e] as number;
          if (live[f] && seen[f] !== stamp) {
            seen[f] = stamp;
            affected[affectedCount++] = f;
          }
        }
      }
      // A drawn rate takes its draws in list order; otherwise the order of recalculation does not matter.
      // Each one whose gain changed leaves the order until all are done (one that turned invalid for good).
      if (this.drawRate) order.sortInListOrder(affected, affectedCount);
      let changedCount = 0;
      for (let k = 0; k < affectedCount; k++) {
        const f = affected[k] as number;
        const previous = gain[f] as number;
        this.recalculate(f, best);
        if (valid[f] && gain[f] === previous) continue;
        order.remove(f);
        if (!valid[f]) {
          live[f] = 0;
          continue;
        }
        changed[changedCount] = f;
        previousGain[changedCount++] = previous;
      }
      order.reinsert(changed, previousGain, changedCount);
    }
    return { realised, runnerUpGains };
  }

  /** RECALC(F, E): bring a remaining candidate up to date with the realised exchange E, if it shares an actor's issue. */
  private recalculate(f: number, e: number): boolean {
    const fi = 2 * f;
    const fj = fi + 1;
    const ei = 2 * e;
    const ej = ei + 1;
    // (Both sides cannot match: that would be the realised exchange itself.)
    const supplied = this.matchSupply(fi, ei, ej) ? fi : this.matchSupply(fj, ei, ej) ? fj : NONE;
    // Demand matches: E.j demands what a side of F demands (record E.i's move), then the same for E.i. The
    // entry is on the issue the other side of F supplies: it is that side's outcome cap that may change.
    let recorded = false;
    let tableChangedI = false;
    let tableChangedJ = false;
    for (let k = 0; k < 2; k++) {
      const demander = k === 0 ? ej : ei;
      const mover = k === 0 ? ei : ej;
      if (!this.demands(fi, fj, demander)) continue;
      const issue = this.supply[mover] as number;
      recorded = true;
      if (!this.updates.record(f, issue, this.actor[mover] as number, this.x0[mover] as number, this.y[mover] as number)) continue;
      if (issue !== this.supply[fj]) tableChangedI = true;
      if (issue !== this.supply[fi]) tableChangedJ = true;
    }
    if (supplied === NONE && !recorded) return false;
    if (supplied !== NONE) {
      // The reference appends E's move to the matched side's list and removes it again with the other
      // side's last move, so only the other side's list changes before CALC appends to both.
      this.moves.pop(supplied === fi ? fj : fi);
      if (!this.drawRate && (this.turnsBack(fi) || this.turnsBack(fj))) {
        // CALC would append a move against the list's direction: invalid whatever its size, and an invalid
        // candidate is never read again. (A drawn rate calculates anyway: it must take its draws.)
        this.valid[f] = 0;
        return true;
      }
      this.calculate(f);
    } else if (this.drawRate) {
      this.moves.pop(fi);
      this.moves.pop(fj);
      this.calculate(f);
    } else if (tableChangedI || tableChangedJ) {
      this.checkAgain(f, tableChangedI, tableChangedJ);
    }
    // (Else nothing it reads has changed: the reference's RECALC would give the state it has.)
    return true;
  }

  /**
   * True when the move CALC would give `side` from where it stands is certain to fail VALID's list test:
   * none (at its target already), or against a move already in its list (the mixed-sign rule).
   */
  private turnsBack(side: number): boolean {
    const x = this.x[side] as number;
    const target = this.target[side] as number;
    if (x === target) return true;
    return x > target ? this.moves.hasPositive(side) : this.moves.hasNegative(side);
  }

  /**
   * RECALC after demand matches only: the positions are as at the last CALC, so CALC would give the moves
   * and gains it gave then (kept in calcMove, calcGain…); only the outcome caps see the new table entries.
   * The last CALC passed the validity test before the caps, or the candidate would have left the round.
   * A side's cap is checked again when the table changed on its supply issue or the caps crossed last time
   * or now before it; otherwise it would find what it found last time (no crossing, the same outcomes).
   */
  private checkAgain(c: number, tableChangedI: boolean, tableChangedJ: boolean): void {
    const i = 2 * c;
    const j = i + 1;
    const { salienceSupply, salienceDemand } = this;
    const moveI = this.calcMove[i] as number;
    const moveJ = this.calcMove[j] as number;
    this.moves.replaceLast(i, moveI);
    this.moves.replaceLast(j, moveJ);
    this.move[i] = moveI;
    this.move[j] = moveJ;
    this.y[i] = (this.x[i] as number) + moveI;
    this.y[j] = (this.x[j] as number) + moveJ;
    this.gainI[c] = this.calcGainI[c] as number;
    this.gainJ[c] = this.calcGainJ[c] as number;
    this.gain[c] = this.calcGain[c] as number;
    const rate = ((salienceSupply[j] as number) + (salienceDemand[i] as number)) / ((salienceDemand[j] as number) + (salienceSupply[i] as number));
    const crossedI = this.crossed[i] === 1;
    const crossedJ = this.crossed[j] === 1;
    if (tableChangedI || crossedI) this.capAtDemander(c, i, j, rate);
    if (tableChangedJ || crossedI || crossedJ || this.crossed[i] === 1) this.capAtDemander(c, j, i, rate);
    this.valid[c] = this.validMove(i, this.move[i] as number) && this.validMove(j, this.move[j] as number) ? 1 : 0;
  }

  /** A side that supplies the same issue as a side of the realised exchange moves on from there. */
  private matchSupply(side: number, ei: number, ej: number): boolean {
    const actor = this.actor[side];
    const supply = this.supply[side];
    const from = actor === this.actor[ei] && supply === this.supply[ei] ? ei : actor === this.actor[ej] && supply === this.supply[ej] ? ej : NONE;
    if (from === NONE) return false;
    this.x[side] = this.y[from] as number;
    return true;
  }

  /** True when a side of the candidate (fi, fj) is `demander`'s actor demanding the same issue. */
  private demands(fi: number, fj: number, demander: number): boolean {
    const actor = this.actor[demander];
    const demand = this.demand[demander];
    return (this.actor[fj] === actor && this.demand[fj] === demand) || (this.actor[fi] === actor && this.demand[fi] === demand);
  }

  /** Voting positions (each realised side at its y, later ones overwriting) and the next round's start positions. */
  positionsAfter(realised: readonly number[]): { votingPositions: Float64Array; votingOutcomes: Float64Array; nextPositions: Float64Array } {
    const { issueCount } = this.state;
    const votingPositions = this.start.slice();
    const nextPositions = this.start.slice();
    for (const c of realised) {
      for (let s = 2 * c; s <= 2 * c + 1; s++) {
        const at = (this.actor[s] as number) * issueCount + (this.supply[s] as number);
        const x0 = this.x0[s] as number;
        const y = this.y[s] as number;
        votingPositions[at] = y;
        const weight = UPDATE_FIXED + UPDATE_SALIENCE * (1 - (this.salienceSupply[s] as number));
        nextPositions[at] = x0 + weight * (y - x0);
      }
    }
    return { votingPositions, votingOutcomes: outcomes(this.state, votingPositions), nextPositions };
  }

  /** Candidate c as a run reports a realised exchange. */
  realisedExchange(c: number): RealisedExchange {
    const i = 2 * c;
    const j = i + 1;
    return {
      actors: [this.actor[i] as number, this.actor[j] as number],
      issues: [this.issueP[c] as number, this.issueQ[c] as number],
      from: [this.x[i] as number, this.x[j] as number],
      to: [this.y[i] as number, this.y[j] as number],
      gains: [this.gainI[c] as number, this.gainJ[c] as number],
      capped: this.adjusted[i] === 1 || this.adjusted[j] === 1,
      groups: this.fromGroupsBc[c] ? "bc" : "ad",
    };
  }

  /** Candidate c as last calculated. */
  snapshot(c: number): Exchange {
    const side = (s: number): ExchangeSide => ({
      actor: this.actor[s] as number,
      supply: this.supply[s] as number,
      demand: this.demand[s] as number,
      salienceSupply: this.salienceSupply[s] as number,
      salienceDemand: this.salienceDemand[s] as number,
      power: this.power[s] as number,
      x0: this.x0[s] as number,
      x: this.x[s] as number,
      target: this.target[s] as number,
      move: this.move[s] as number,
      y: this.y[s] as number,
      moves: this.moves.list(s),
      nbs0: this.nbs0[s] as number,
      nbs1: this.nbs1[s] as number,
      adjusted: this.adjusted[s] === 1,
    });
    return {
      p: this.issueP[c] as number,
      q: this.issueQ[c] as number,
      groups: this.fromGroupsBc[c] ? "bc" : "ad",
      i: side(2 * c),
      j: side(2 * c + 1),
      gain: this.gain[c] as number,
      valid: this.valid[c] === 1,
      index: c,
      gainI: this.gainI[c] as number,
      gainJ: this.gainJ[c] as number,
    };
  }
}

function snap(value: number, target: number): number {
  return Math.abs(value - target) <= ON_TARGET ? target : value;
}

