/**
 * One round of Stokman's equal-gain exchange model (Stokman & Van Oosten 1994), with every convention of
 * the Decide reference implementation: which pairs may exchange and who supplies what, the two caps on a
 * move (the partner's position, then the outcome crossing the demander's position), the move lists that
 * decide validity, the order in which exchanges are realised and how the remaining ones are recalculated.
 * See `docs/models/exchange.md`. Pure; all positions on the normalised 0–100 scale.
 *
 * Cost: a round builds every candidate (at most actor pairs × issue pairs, O(n²m²)) and, for each realised
 * exchange, visits every remaining candidate once and re-sorts the list (nearly sorted, so close to linear).
 */

/** The problem as the round sees it: fixed saliences (0–1) and powers, positions per actor and issue. */
export interface ExchangeState {
  readonly actorCount: number;
  readonly issueCount: number;
  /** salience[a·issues + k] on 0–1; NaN where actor a has no stance on issue k. */
  readonly salience: Float64Array;
  /** power[a·issues + k] (capability on that issue); NaN where there is no stance. */
  readonly power: Float64Array;
}

/** One actor's side of an exchange: it supplies (moves on) one issue and demands the other. */
export interface ExchangeSide {
  readonly actor: number;
  readonly supply: number;
  readonly demand: number;
  readonly salienceSupply: number;
  readonly salienceDemand: number;
  readonly power: number;
  /** Start-of-round position on the supply issue. */
  readonly x0: number;
  /** Current position on the supply issue: moved by exchanges realised earlier in the round. */
  x: number;
  /** The partner's start-of-round position on the supply issue: how far this side may go. */
  readonly target: number;
  move: number;
  /** Position on the supply issue after this exchange (its voting position). */
  y: number;
  /** The move list whose signs and sum decide validity (the reference's bookkeeping, kept as is). */
  readonly moves: number[];
  /** Outcome of the supply issue before and after this side's move, as last checked. */
  nbs0: number;
  nbs1: number;
  /** True once the outcome cap shortened this side's move in some calculation. */
  adjusted: boolean;
}

export interface Exchange {
  /** Issue pair in issue order (p before q): i supplies q and demands p, j supplies p and demands q. */
  readonly p: number;
  readonly q: number;
  /** "ad" when the pair came from groups a and d, "bc" from b and c. */
  readonly groups: "ad" | "bc";
  readonly i: ExchangeSide;
  readonly j: ExchangeSide;
  gain: number;
  valid: boolean;
  /** Creation order in the round. */
  readonly index: number;
  /** Positions of other actors' realised moves that this exchange takes into account: issue → actor → position. */
  readonly updates: Map<number, Map<number, number>>;
  /** Gains of i and j (equal, except under a random exchange rate). */
  gainI: number;
  gainJ: number;
}

/** What a round produced. */
export interface RoundResult {
  /** Every candidate, in creation order, as last calculated. */
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
/** Relative tolerance under which two gains count as equal when ordering (float64 convention). */
const TIE = 1e-12;
/** Weights of the start-position update: x' = x0 + (FIXED + SALIENCE·(1 − s))·(y − x0). */
const UPDATE_FIXED = 0.1;
const UPDATE_SALIENCE = 0.4;

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
  const context = new RoundContext(state, positions, undefined);
  const candidates = context.buildCandidates();
  for (const candidate of candidates) context.calculate(candidate);
  return candidates;
}

/** Runs one round from `positions` (start positions, normalised). `drawRate` switches on a random exchange rate. */
export function playRound(state: ExchangeState, positions: Float64Array, drawRate?: RateDraw): RoundResult {
  const context = new RoundContext(state, positions, drawRate);
  const candidates = context.buildCandidates();
  for (const candidate of candidates) context.calculate(candidate);
  const validCandidateCount = candidates.reduce((n, c) => n + (c.valid ? 1 : 0), 0);
  const { realised, runnerUpGains } = context.select(candidates);

  const { issueCount } = state;
  const votingPositions = Float64Array.from(positions);
  for (const exchange of realised) {
    for (const side of [exchange.i, exchange.j]) votingPositions[side.actor * issueCount + side.supply] = side.y;
  }
  const nextPositions = Float64Array.from(positions);
  for (const exchange of realised) {
    for (const side of [exchange.i, exchange.j]) {
      const weight = UPDATE_FIXED + UPDATE_SALIENCE * (1 - side.salienceSupply);
      nextPositions[side.actor * issueCount + side.supply] = side.x0 + weight * (side.y - side.x0);
    }
  }
  return {
    candidateCount: candidates.length,
    validCandidateCount,
    realised,
    runnerUpGains,
    startOutcomes: context.outcome,
    votingPositions,
    votingOutcomes: outcomes(state, votingPositions),
    nextPositions,
  };
}

/** The fixed facts of a round (start positions, outcomes, denominators) and the procedures on exchanges. */
class RoundContext {
  readonly outcome: Float64Array;
  /** Σ s·c per issue. */
  private readonly denominator: Float64Array;
  /** Per issue, the actors with a stance on it, in actor order, and their s·c. */
  private readonly members: { readonly actors: Int32Array; readonly weights: Float64Array }[];

  constructor(
    private readonly state: ExchangeState,
    private readonly start: Float64Array,
    private readonly drawRate: RateDraw | undefined,
  ) {
    const { actorCount, issueCount, salience, power } = state;
    this.outcome = outcomes(state, start);
    this.denominator = new Float64Array(issueCount);
    this.members = [];
    for (let k = 0; k < issueCount; k++) {
      const actors: number[] = [];
      const weights: number[] = [];
      let sum = 0;
      for (let a = 0; a < actorCount; a++) {
        const s = salience[a * issueCount + k] as number;
        if (Number.isNaN(s)) continue;
        const w = s * (power[a * issueCount + k] as number);
        actors.push(a);
        weights.push(w);
        sum += w;
      }
      this.denominator[k] = sum;
      this.members.push({ actors: Int32Array.from(actors), weights: Float64Array.from(weights) });
    }
  }

  private at(actor: number, issue: number): number {
    return actor * this.state.issueCount + issue;
  }

  /** Every candidate exchange in the reference's creation order (issue pairs, then groups a×d, then b×c). */
  buildCandidates(): Exchange[] {
    const { actorCount, issueCount, salience } = this.state;
    const candidates: Exchange[] = [];
    const groups: number[][] = [[], [], [], []];
    for (let p = 0; p < issueCount; p++) {
      for (let q = p + 1; q < issueCount; q++) {
        for (const group of groups) group.length = 0;
        for (let a = 0; a < actorCount; a++) {
          const sp = salience[this.at(a, p)] as number;
          const sq = salience[this.at(a, q)] as number;
          // Without a stance, or with no weight on either issue, an actor has nothing to trade there.
          if (!(sp > 0) || !(sq > 0) || !(this.weight(a, p) > 0) || !(this.weight(a, q) > 0)) continue;
          const leftP = (this.start[this.at(a, p)] as number) <= (this.outcome[p] as number);
          const leftQ = (this.start[this.at(a, q)] as number) <= (this.outcome[q] as number);
          groups[leftP ? (leftQ ? 3 : 1) : leftQ ? 2 : 0]!.push(a);
        }
        const [a, b, c, d] = groups as [number[], number[], number[], number[]];
        for (const f of a) for (const g of d) candidates.push(this.create(p, q, f, g, "ad", candidates.length));
        for (const f of b) for (const g of c) candidates.push(this.create(p, q, f, g, "bc", candidates.length));
      }
    }
    return candidates;
  }

  private weight(actor: number, issue: number): number {
    const at = this.at(actor, issue);
    return (this.state.salience[at] as number) * (this.state.power[at] as number);
  }

  private create(p: number, q: number, f: number, g: number, groups: "ad" | "bc", index: number): Exchange {
    const { salience } = this.state;
    const ratio = (actor: number): number => (salience[this.at(actor, p)] as number) / (salience[this.at(actor, q)] as number);
    // i has the larger relative salience on p: it supplies q and demands p. Equal ratios give i = F.
    const [i, j] = ratio(f) < ratio(g) ? [g, f] : [f, g];
    return {
      p,
      q,
      groups,
      i: this.side(i, q, p, j),
      j: this.side(j, p, q, i),
      gain: 0,
      valid: false,
      index,
      updates: new Map(),
      gainI: 0,
      gainJ: 0,
    };
  }

  private side(actor: number, supply: number, demand: number, partner: number): ExchangeSide {
    const x0 = this.start[this.at(actor, supply)] as number;
    return {
      actor,
      supply,
      demand,
      salienceSupply: this.state.salience[this.at(actor, supply)] as number,
      salienceDemand: this.state.salience[this.at(actor, demand)] as number,
      power: this.state.power[this.at(actor, supply)] as number,
      x0,
      x: x0,
      target: this.start[this.at(partner, supply)] as number,
      move: 0,
      y: x0,
      moves: [],
      nbs0: 0,
      nbs1: 0,
      adjusted: false,
    };
  }

  /** CALC: the equal-gain moves, capped by the partner's position, then by the outcome crossing the demander's position. */
  calculate(exchange: Exchange): void {
    const { i, j } = exchange;
    const sumP = this.denominator[exchange.p] as number;
    const sumQ = this.denominator[exchange.q] as number;
    // r_q / r_p, the outcome shift on q per unit of outcome shift on p: equal gains fix it.
    const equalRate = (j.salienceSupply + i.salienceDemand) / (j.salienceDemand + i.salienceSupply);
    const rate = this.drawRate ? this.rateFor(exchange, equalRate) : equalRate;

    let shiftP = (Math.abs(j.target - j.x) * j.salienceSupply * j.power) / sumP;
    let shiftQ = shiftP * rate;
    let moveI = (shiftQ * sumQ) / (i.power * i.salienceSupply);
    let moveJ = Math.abs(j.target - j.x);
    if (moveI > Math.abs(i.target - i.x)) {
      shiftQ = (Math.abs(i.target - i.x) * i.salienceSupply * i.power) / sumQ;
      shiftP = shiftQ / rate;
      moveI = Math.abs(i.target - i.x);
      moveJ = (shiftP * sumP) / (j.power * j.salienceSupply);
    }
    if (i.x > i.target) moveI = -moveI;
    if (j.x > j.target) moveJ = -moveJ;
    i.moves.push(moveI);
    j.moves.push(moveJ);
    i.move = moveI;
    j.move = moveJ;
    i.y = i.x + moveI;
    j.y = j.x + moveJ;
    exchange.gainI = shiftP * i.salienceDemand - shiftQ * i.salienceSupply;
    exchange.gainJ = shiftQ * j.salienceDemand - shiftP * j.salienceSupply;
    // The ordering gain is the equal-gain one even when the rate is drawn (then it is recomputed below).
    exchange.gain = this.drawRate ? this.equalGain(exchange, equalRate) : Math.abs(exchange.gainI);
    exchange.valid = validMove(i, moveI) && validMove(j, moveJ) && !(exchange.gain < NEGLIGIBLE);
    if (!exchange.valid) return;
    this.capAtDemander(exchange, i, j, rate);
    this.capAtDemander(exchange, j, i, rate);
    exchange.valid = validMove(i, i.move) && validMove(j, j.move);
  }

  /** The equal-gain gain of an exchange whose moves were computed at another rate (same caps, no outcome cap). */
  private equalGain(exchange: Exchange, equalRate: number): number {
    const { i, j } = exchange;
    const sumP = this.denominator[exchange.p] as number;
    const sumQ = this.denominator[exchange.q] as number;
    let shiftP = (Math.abs(j.target - j.x) * j.salienceSupply * j.power) / sumP;
    let shiftQ = shiftP * equalRate;
    if ((shiftQ * sumQ) / (i.power * i.salienceSupply) > Math.abs(i.target - i.x)) {
      shiftQ = (Math.abs(i.target - i.x) * i.salienceSupply * i.power) / sumQ;
      shiftP = shiftQ / equalRate;
    }
    return Math.abs(shiftQ * i.salienceSupply - shiftP * i.salienceDemand);
  }

  private rateFor(exchange: Exchange, equalRate: number): number {
    const { i, j } = exchange;
    // j gains only above its own salience ratio on p/q, i only below its own: the rate lies between them.
    const lowest = j.salienceSupply / j.salienceDemand;
    const highest = i.salienceDemand / i.salienceSupply;
    return (this.drawRate as RateDraw)(equalRate, lowest, highest);
  }

  /**
   * CHECK(X): when X's move carries the outcome of its supply issue across the demander's position, X moves
   * only as far as puts the outcome on that position and the partner's move shrinks to keep the rate.
   */
  private capAtDemander(exchange: Exchange, side: ExchangeSide, other: ExchangeSide, rate: number): void {
    const issue = side.supply;
    const table = exchange.updates.get(issue);
    const target = side.target;
    side.nbs0 = this.snap(this.adjustedOutcome(issue, table, side.actor, side.x), target);
    side.nbs1 = this.snap(this.adjustedOutcome(issue, table, side.actor, side.y), target);
    const before = target - side.nbs0;
    const after = target - side.nbs1;
    if ((before >= 0 && after >= 0) || (before <= 0 && after <= 0)) return;

    const sumS = this.denominator[issue] as number;
    const sumT = this.denominator[side.demand] as number;
    // Here the update table wins over the side's own current position (the reference's order).
    const { actors, weights } = this.members[issue]!;
    let weighted = 0;
    for (let m = 0; m < actors.length; m++) {
      const a = actors[m] as number;
      const position = table?.get(a) ?? (a === side.actor ? side.x : (this.start[this.at(a, issue)] as number));
      weighted += position * (weights[m] as number);
    }
    const delta = Math.abs((target * sumS - weighted) / (side.salienceSupply * side.power));
    const shift = (delta * side.salienceSupply * side.power) / sumS;
    // The partner's shift on its own supply issue at the exchange's rate (r_q/r_p, or its inverse from j's side).
    const otherShift = side === exchange.j ? shift * rate : shift / rate;
    let otherMove = Math.abs((otherShift * sumT) / (other.power * other.salienceSupply));
    let sideMove = delta;
    if (other.x > other.target) otherMove = -otherMove;
    if (side.x > target) sideMove = -sideMove;
    other.moves[other.moves.length - 1] = otherMove;
    side.moves[side.moves.length - 1] = sideMove;
    other.move = otherMove;
    side.move = sideMove;
    other.y = other.x + otherMove;
    side.y = side.x + sideMove;
    const shiftP = side === exchange.j ? shift : otherShift;
    const shiftQ = side === exchange.j ? otherShift : shift;
    exchange.gainI = shiftP * exchange.i.salienceDemand - shiftQ * exchange.i.salienceSupply;
    exchange.gainJ = shiftQ * exchange.j.salienceDemand - shiftP * exchange.j.salienceSupply;
    if (!this.drawRate) exchange.gain = Math.abs(otherShift * other.salienceSupply - shift * other.salienceDemand);
    side.nbs1 = this.snap(this.adjustedOutcome(issue, table, side.actor, side.y), target);
    side.adjusted = true;
  }

  private snap(value: number, target: number): number {
    return Math.abs(value - target) <= ON_TARGET ? target : value;
  }

  /** The outcome of `issue` with the update table's positions and `actor` at `position` (the actor's own value wins). */
  private adjustedOutcome(issue: number, table: Map<number, number> | undefined, actor: number, position: number): number {
    const { actors, weights } = this.members[issue]!;
    let numerator = 0;
    for (let m = 0; m < actors.length; m++) {
      const a = actors[m] as number;
      const x = a === actor ? position : (table?.get(a) ?? (this.start[this.at(a, issue)] as number));
      numerator += x * (weights[m] as number);
    }
    const denominator = this.denominator[issue] as number;
    return denominator === 0 ? 0 : numerator / denominator;
  }

  /**
   * The selection loop: realise the best valid candidate, recalculate those it affects, repeat. The
   * reference re-sorts the whole list (stably) each time; only recalculated candidates change their gain, so
   * here they are sorted alone and merged back into the others, which are still in order — the same list
   * in O(n) rather than O(n log n) per realisation.
   */
  select(candidates: Exchange[]): { realised: Exchange[]; runnerUpGains: number[] } {
    let list = candidates.slice().sort(byGain);
    const realised: Exchange[] = [];
    const runnerUpGains: number[] = [];
    let start = 0;
    // Invalid candidates stay in the list until the first realisation; one at the front is dropped.
    while (start < list.length && !list[start]!.valid) start++;
    while (start < list.length) {
      const best = list[start] as Exchange;
      let runnerUp = Number.NaN;
      for (let k = start + 1; k < list.length; k++) {
        if (list[k]!.valid) {
          runnerUp = list[k]!.gain;
          break;
        }
      }
      runnerUpGains.push(runnerUp);
      const unchanged: Exchange[] = [];
      const changed: Exchange[] = [];
      for (let k = start + 1; k < list.length; k++) {
        const other = list[k] as Exchange;
        if (!other.valid) continue;
        if (this.recalculate(other, best)) {
          if (other.valid) changed.push(other);
        } else unchanged.push(other);
      }
      realised.push(best);
      // A stable sort of the changed ones (they are in list order), then a stable merge: on a tie the one
      // earlier in the list comes first, and the changed ones kept their list positions in `order`.
      changed.sort(byGain);
      list = changed.length === 0 ? unchanged : merge(unchanged, changed, list);
      start = 0;
    }
    return { realised, runnerUpGains };
  }

  /** RECALC(F, E): bring a remaining candidate up to date with the realised exchange E, if it shares an actor's issue. */
  private recalculate(f: Exchange, e: Exchange): boolean {
    let recalculate = false;
    const matched = matchSupply(f.i, e) || matchSupply(f.j, e);
    // (Both sides cannot match: that would be the realised exchange itself.)
    if (matched) {
      f.i.moves.pop();
      f.j.moves.pop();
      recalculate = true;
    }
    if (demands(f, e.j)) {
      record(f, e.i);
      if (!recalculate) {
        f.i.moves.pop();
        f.j.moves.pop();
        recalculate = true;
      }
    }
    if (demands(f, e.i)) {
      record(f, e.j);
      if (!recalculate) {
        f.i.moves.pop();
        f.j.moves.pop();
        recalculate = true;
      }
    }
    if (recalculate) this.calculate(f);
    return recalculate;
  }
}

/** A side of a candidate that supplies the same issue as a side of the realised exchange moves on from there. */
function matchSupply(side: ExchangeSide, e: Exchange): boolean {
  const from = side.actor === e.i.actor && side.supply === e.i.supply ? e.i : side.actor === e.j.actor && side.supply === e.j.supply ? e.j : undefined;
  if (from === undefined) return false;
  side.x = from.y;
  side.moves.push(from.moves[from.moves.length - 1] as number);
  return true;
}

/**
 * Merges two lists sorted by {@link byGain}; on a tie the element that came first in `previous` (the list
 * before this realisation) comes first, as a stable sort of `previous` would have it.
 */
function merge(a: readonly Exchange[], b: readonly Exchange[], previous: readonly Exchange[]): Exchange[] {
  const position = new Map<Exchange, number>();
  previous.forEach((e, k) => position.set(e, k));
  const out: Exchange[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as Exchange;
    const y = b[j] as Exchange;
    const order = byGain(x, y);
    if (order < 0 || (order === 0 && (position.get(x) as number) < (position.get(y) as number))) {
      out.push(x);
      i++;
    } else {
      out.push(y);
      j++;
    }
  }
  while (i < a.length) out.push(a[i++] as Exchange);
  while (j < b.length) out.push(b[j++] as Exchange);
  return out;
}

/** True when a side of `f` is `side`'s actor demanding the same issue. */
function demands(f: Exchange, side: ExchangeSide): boolean {
  return (f.j.actor === side.actor && f.j.demand === side.demand) || (f.i.actor === side.actor && f.i.demand === side.demand);
}

/** RECORD: note a realised side's new position in a candidate's update table (keeping the older value for a mover going on). */
function record(f: Exchange, side: ExchangeSide): void {
  let table = f.updates.get(side.supply);
  if (table === undefined) {
    table = new Map();
    f.updates.set(side.supply, table);
  }
  const current = table.get(side.actor);
  if (current === undefined) table.set(side.actor, side.y);
  else if (side.x0 <= current) table.set(side.actor, current < side.y ? current : side.y);
  else table.set(side.actor, current > side.y ? current : side.y);
}

/** VALID: a move is real, stays on the scale, and the side's move list neither exceeds 100 nor mixes directions. */
function validMove(side: ExchangeSide, move: number): boolean {
  if (Math.abs(move) > 100 || Math.abs(move) <= NEGLIGIBLE) return false;
  const y = side.x + move;
  if (y < 0 || y > 100) return false;
  let sum = 0;
  let negative = 0;
  let positive = 0;
  for (const m of side.moves) {
    sum += m;
    if (m < 0) negative++;
    else if (m > 0) positive++;
  }
  if (sum > 100) return false;
  return negative === side.moves.length || positive === side.moves.length;
}

/** Descending gain; gains within a relative 1e-12 count as equal, so the stable sort keeps their order. */
function byGain(a: Exchange, b: Exchange): number {
  const difference = b.gain - a.gain;
  if (Math.abs(difference) <= TIE * Math.max(1, Math.abs(a.gain), Math.abs(b.gain))) return 0;
  return difference;
}
