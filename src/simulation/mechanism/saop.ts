/**
 * The stacked alternating offers protocol (SAOP; Aydoğan, Festen, Hindriks & Jonker 2017, the protocol
 * of ANAC 2015 onwards), with these conventions:
 *
 * - **Who takes turns.** Only the parties whose signature an agreement needs (the stakes' signatories)
 *   take turns; the others have no turns at all — they neither offer nor accept, and their utility of
 *   the outcome is reported beside the signatories'. The turn order is the signatories' order in the
 *   scenario (or profile) unless `order` says otherwise.
 * - **Who opens.** The first party in the order makes the opening offer in round 1; it cannot accept,
 *   since nothing is on the table.
 * - **A round** is one turn of every party in the order, so with n parties a round has n turns, and the
 *   relative time a negotiator sees is t = round / (deadline − 1): 0 in the first round, 1 in the last
 *   (t = 1 throughout when the deadline is one round).
 * - **A turn.** The party accepts the offer on the table, makes a counter-offer (which replaces it and
 *   clears its acceptances) or walks away (breakdown). An offer is **agreed** when the n − 1 parties after
 *   its proposer have each accepted it in turn; acceptances may run on into the next round.
 * - **Deadline and collapse.** When the last round ends without agreement the talks break down. With a
 *   collapse chance q > 0 the talks also break down at the end of any round but the last with probability q, drawn
 *   from the run's seeded generator (one draw per round, nothing else is random).
 * - **Guarantees.** The protocol checks every action: an offer or acceptance of an outcome the party may
 *   not accept (below its walk-away, across a red line) is a bug of the agent and throws, so every
 *   agreement is acceptable to every signatory.
 */
import { createRng } from "../../random.js";
import { SimulationError, type NegotiationStakes } from "../stakes.js";
import type { Negotiator, TurnView } from "./types.js";

export const ACTION_CODES = { offer: 0, accept: 1, walk: 2 } as const;
export type ActionName = keyof typeof ACTION_CODES;

export interface ProtocolOptions {
  /** Rounds before the talks break down (≥ 1). */
  readonly deadline: number;
  /** Chance (0 ≤ q < 1) that the talks collapse at the end of a round. Default 0. */
  readonly collapse?: number;
  /** Seed of the collapse draws. */
  readonly seed?: number;
  /** Turn order: indices into the stakes' parties, each a signatory, each once. Default: the signatories. */
  readonly order?: readonly number[];
  /** Record the trace (default true); Monte Carlo and tournaments, which read only the end, leave it out. */
  readonly trace?: boolean;
}

export type BreakdownReason = "deadline" | "walk-away" | "collapse";

/** One run of the protocol, compactly: the trace holds four numbers per turn. */
export interface ProtocolRun {
  readonly agreed: boolean;
  /** The agreed outcome's rank; −1 on breakdown. */
  readonly agreement: number;
  /** 0-based round in which the talks ended. */
  readonly round: number;
  readonly reason?: BreakdownReason;
  /** The party that walked away, when one did. */
  readonly walkedAway?: number;
  /** Per turn: round, party, action code (ACTION_CODES), outcome rank (the offer made or accepted; −1 for walk). Empty when not asked for. */
  readonly trace: Int32Array;
  readonly turns: number;
}

/** Runs SAOP among negotiators (`negotiators[p]` plays party p; only those in the order are asked). */
export function runProtocol(stakes: NegotiationStakes, negotiators: readonly (Negotiator | undefined)[], options: ProtocolOptions): ProtocolRun {
  const { deadline } = options;
  if (!Number.isInteger(deadline) || deadline < 1) throw new SimulationError(`the deadline must be a whole number of rounds ≥ 1, got ${deadline}`);
  const collapse = options.collapse ?? 0;
  if (!(collapse >= 0 && collapse < 1)) throw new SimulationError(`the collapse chance must be from 0 up to (not including) 1, got ${collapse}`);
  const order = options.order ?? stakes.signatories;
  checkOrder(stakes, order);
  const n = order.length;
  const random = collapse > 0 ? createRng(options.seed ?? 0) : undefined;
  const lastOffer = new Int32Array(stakes.parties.length).fill(-1);
  const previousOffer = new Int32Array(stakes.parties.length).fill(-1);
  const keep = options.trace ?? true;
  const trace = new Int32Array(keep ? 4 * (deadline * n + 1) : 0);
  let turns = 0;
  const record = (round: number, party: number, code: number, rank: number): void => {
    if (keep) {
      trace[4 * turns] = round;
      trace[4 * turns + 1] = party;
      trace[4 * turns + 2] = code;
      trace[4 * turns + 3] = rank;
    }
    turns++;
  };
  let table = -1;
  let tableBy = -1;
  let accepts = 0;
  const end = (round: number, agreed: boolean, extra: Partial<ProtocolRun> = {}): ProtocolRun => ({
    agreed,
    agreement: agreed ? table : -1,
    round,
    trace: keep ? trace.subarray(0, 4 * turns) : trace,
    turns,
    ...extra,
  });
  // One view, updated in place turn by turn: negotiators read it during their turn and keep nothing of it.
  const view: { -readonly [K in keyof TurnView]: TurnView[K] } = { round: 0, time: 0, table, tableBy, lastOffer, previousOffer };
  for (let round = 0; round < deadline; round++) {
    const time = deadline === 1 ? 1 : round / (deadline - 1);
    for (let turn = 0; turn < n; turn++) {
      const party = order[turn]!;
      view.round = round;
      view.time = time;
      view.table = table;
      view.tableBy = tableBy;
      const action = negotiators[party]!.act(view);
      if (action.kind === "walk") {
        record(round, party, ACTION_CODES.walk, -1);
        return end(round, false, { reason: "walk-away", walkedAway: party });
      }
      if (action.kind === "accept") {
        if (table < 0) throw new SimulationError(`${stakes.parties[party]} accepted with nothing on the table`);
        if (stakes.acceptable(party)[table] !== 1) throw new SimulationError(`${stakes.parties[party]} accepted an outcome it may not accept (rank ${table})`);
        record(round, party, ACTION_CODES.accept, table);
        accepts++;
        if (accepts === n - 1) return end(round, true);
        continue;
      }
      const rank = action.rank;
      if (!(Number.isInteger(rank) && rank >= 0 && rank < stakes.size)) throw new SimulationError(`${stakes.parties[party]} offered an outcome outside the space (rank ${rank})`);
      if (stakes.acceptable(party)[rank] !== 1) throw new SimulationError(`${stakes.parties[party]} offered an outcome it may not accept (rank ${rank})`);
      record(round, party, ACTION_CODES.offer, rank);
      previousOffer[party] = lastOffer[party]!;
      lastOffer[party] = rank;
      table = rank;
      tableBy = party;
      accepts = 0;
      if (n === 1) return end(round, true);
    }
    if (random && round < deadline - 1 && random() < collapse) return end(round, false, { reason: "collapse" });
  }
  return end(deadline - 1, false, { reason: "deadline" });
}

function checkOrder(stakes: NegotiationStakes, order: readonly number[]): void {
  const signatories = new Set(stakes.signatories);
  const seen = new Set<number>();
  for (const p of order) {
    if (!signatories.has(p)) throw new SimulationError(`${stakes.parties[p] ?? p} does not sign the agreement and takes no turns`);
    if (seen.has(p)) throw new SimulationError(`${stakes.parties[p]} is listed twice in the turn order`);
    seen.add(p);
  }
  if (seen.size !== signatories.size) throw new SimulationError(`the turn order must list every signatory: ${stakes.signatories.map((p) => stakes.parties[p]).join(", ")}`);
  if (order.length === 0) throw new SimulationError("no party signs the agreement");
}
