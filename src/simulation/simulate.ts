/**
 * One simulated negotiation: negotiators for the signatories, the SAOP protocol, and the result in the
 * shared vocabulary (issue ids and values, actor ids). Pure.
 */
import { outcomeAt, outcomeToRecord, type OutcomeRecord } from "../outcomes/space.js";
import { ACTION_CODES, runProtocol, type BreakdownReason, type ProtocolRun } from "./mechanism/saop.js";
import type { Negotiator } from "./mechanism/types.js";
import { negotiatorContext, type PartyTraits } from "./negotiators/context.js";
import type { SortedOutcomesBuffers } from "./negotiators/sorted-outcomes.js";
import { checkStrategy, createNegotiator, DEFAULT_STRATEGY, type Strategy } from "./negotiators/index.js";
import { SimulationError, type NegotiationStakes } from "./stakes.js";

/** Rounds before breakdown when neither the scenario nor the caller says. */
export const DEFAULT_DEADLINE = 100;

export interface SimulationSetup {
  readonly stakes: NegotiationStakes;
  /** Per party (stakes order), for the scenario-informed agent; absent for plain domains. */
  readonly traits?: readonly PartyTraits[];
}

export interface SimulationOptions {
  /** Per party id; the others play `defaultStrategy`. */
  readonly strategies?: Readonly<Record<string, string>>;
  readonly defaultStrategy?: string;
  readonly deadline?: number;
  readonly collapse?: number;
  readonly seed?: number;
  /** Turn order by party id (default: the signatories in scenario order). */
  readonly order?: readonly string[];
}

/** The settings of a run, resolved. */
export interface ResolvedRun {
  readonly strategies: readonly Strategy[];
  readonly deadline: number;
  readonly collapse: number;
  readonly seed: number;
  readonly order: readonly number[];
}

export function resolveRun(stakes: NegotiationStakes, options: SimulationOptions): ResolvedRun {
  const fallback = checkStrategy(options.defaultStrategy ?? DEFAULT_STRATEGY);
  for (const id of Object.keys(options.strategies ?? {})) partyIndex(stakes, id);
  const strategies = stakes.parties.map((id) => {
    const name = options.strategies?.[id];
    return name === undefined ? fallback : checkStrategy(name);
  });
  const order = options.order && options.order.length > 0 ? options.order.map((id) => partyIndex(stakes, id)) : stakes.signatories;
  return {
    strategies,
    deadline: options.deadline ?? DEFAULT_DEADLINE,
    collapse: options.collapse ?? 0,
    seed: Math.trunc(options.seed ?? 0) >>> 0,
    order,
  };
}

export function partyIndex(stakes: NegotiationStakes, id: string): number {
  const p = stakes.parties.indexOf(id);
  if (p < 0) throw new SimulationError(`unknown party "${id}"; expected one of: ${stakes.parties.join(", ")}`);
  return p;
}

export interface RunOnceOptions {
  /** Record the trace (default true); false when only the end is read. */
  readonly trace?: boolean;
  /** Per party, storage for its sorted outcomes, reused from run to run (Monte Carlo). */
  readonly buffers?: readonly SortedOutcomesBuffers[];
}

/** Runs the protocol once with resolved settings (the compact form Monte Carlo and tournaments use). */
export function runOnce(setup: SimulationSetup, run: ResolvedRun, options: RunOnceOptions = {}): ProtocolRun {
  const { stakes } = setup;
  const negotiators: (Negotiator | undefined)[] = stakes.parties.map((_, p) =>
    run.order.includes(p) ? createNegotiator(run.strategies[p]!, negotiatorContext(stakes, p, run.order, setup.traits?.[p], options.buffers?.[p])) : undefined,
  );
  return runProtocol(stakes, negotiators, { deadline: run.deadline, collapse: run.collapse, seed: run.seed, order: run.order, trace: options.trace ?? true });
}

export interface TraceEntry {
  /** 1-based round. */
  readonly round: number;
  readonly party: string;
  readonly action: "offer" | "accept" | "walk";
  /** The outcome offered or accepted. */
  readonly offer?: OutcomeRecord;
  /** Every party's utility of that outcome. */
  readonly utilities?: Readonly<Record<string, number>>;
}

export interface SimulationResult {
  readonly outcome: "agreement" | "breakdown";
  /** 1-based round in which the talks ended. */
  readonly round: number;
  /** Why the talks broke down. */
  readonly reason?: BreakdownReason;
  readonly walkedAway?: string;
  /** The agreement, per issue: a value on its grid or an option id; null on breakdown. */
  readonly deal: OutcomeRecord | null;
  /** Each party's utility of the deal; on breakdown, its walk-away value. */
  readonly utilities: Readonly<Record<string, number>>;
  readonly strategies: Readonly<Record<string, Strategy>>;
  readonly order: readonly string[];
  readonly deadline: number;
  readonly collapse: number;
  readonly seed: number;
  /** Per party at the table, its own utility of each offer it made, in order: how it conceded. */
  readonly paths: Readonly<Record<string, readonly number[]>>;
  readonly trace: readonly TraceEntry[];
}

/** The result of a compact run, in ids and values. */
export function describeRun(stakes: NegotiationStakes, run: ResolvedRun, protocol: ProtocolRun): SimulationResult {
  const { parties } = stakes;
  const record = (rank: number): OutcomeRecord => outcomeToRecord(stakes.space, outcomeAt(stakes.space, rank));
  const utilitiesOf = (rank: number): Record<string, number> => Object.fromEntries(parties.map((id, p) => [id, stakes.utilities(p)[rank]!]));
  const names = ["offer", "accept", "walk"] as const;
  const trace: TraceEntry[] = [];
  const paths: Record<string, number[]> = Object.fromEntries(run.order.map((p) => [parties[p]!, []]));
  for (let k = 0; k < protocol.turns; k++) {
    const [round, party, code, rank] = [protocol.trace[4 * k]!, protocol.trace[4 * k + 1]!, protocol.trace[4 * k + 2]!, protocol.trace[4 * k + 3]!];
    if (code === ACTION_CODES.offer) paths[parties[party]!]!.push(stakes.utilities(party)[rank]!);
    trace.push({ round: round + 1, party: parties[party]!, action: names[code]!, ...(rank >= 0 ? { offer: record(rank), utilities: utilitiesOf(rank) } : {}) });
  }
  return {
    outcome: protocol.agreed ? "agreement" : "breakdown",
    round: protocol.round + 1,
    ...(protocol.reason ? { reason: protocol.reason } : {}),
    ...(protocol.walkedAway !== undefined ? { walkedAway: parties[protocol.walkedAway]! } : {}),
    deal: protocol.agreed ? record(protocol.agreement) : null,
    utilities: protocol.agreed ? utilitiesOf(protocol.agreement) : Object.fromEntries(parties.map((id, p) => [id, stakes.walkAway[p]!])),
    strategies: Object.fromEntries(run.order.map((p) => [parties[p]!, run.strategies[p]!])),
    order: run.order.map((p) => parties[p]!),
    deadline: run.deadline,
    collapse: run.collapse,
    seed: run.seed,
    paths,
    trace,
  };
}

/** Simulates the talks once. */
export function simulate(setup: SimulationSetup, options: SimulationOptions = {}): SimulationResult {
  const run = resolveRun(setup.stakes, options);
  return describeRun(setup.stakes, run, runOnce(setup, run));
}
