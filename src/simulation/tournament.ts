/**
 * Tournaments: every combination of a set of strategies over the players (by default every party at
 * the table; others keep their strategy), each profile run on the same samples (common random numbers:
 * sample k is the same draw of the judgements in every profile), tabulated as agreement rate, rounds
 * and each party's mean utility per profile, and per player and strategy the mean over the profiles in
 * which it plays it ("which strategy should Washington play?"). Without sampling every profile is the
 * scenario as written, once.
 */
import { parallelMap } from "../parallel/pool.js";
import type { Scenario } from "../scenario/types.js";
import { SimulationError } from "./errors.js";
import { runSimulationBlock, simulationPlan, simulationTasks, SIMULATION_WORKER, type SimulationBlock, type SimulationPlan, type SimulationRunsOptions, type SimulationTask } from "./monte-carlo.js";
import { checkStrategy, type Strategy } from "./negotiators/index.js";
import type { ProfileRow, TournamentReport } from "./tournament-report.js";
import { scenarioStakes, withScenarioSettings } from "./scenario-stakes.js";
import { DEFAULT_DEADLINE, partyIndex, resolveRun, type SimulationSetup } from "./simulate.js";
import type { NegotiationStakes } from "./stakes.js";

/** Largest number of profiles × samples a tournament runs. */
export const MAX_TOURNAMENT_GAMES = 1_000_000;

export interface TournamentOptions extends Omit<SimulationRunsOptions, "runs" | "strategyPool"> {
  /** The strategies combined (at least one). */
  readonly pool: readonly string[];
  /** Party ids whose strategy varies (default: every party at the table). */
  readonly players?: readonly string[];
  /** Samples of the judgements per profile; absent: the scenario as written, once per profile. */
  readonly runs?: number;
}

export type { ProfileRow, TournamentReport } from "./tournament-report.js";

interface Prepared {
  readonly id: string;
  readonly stakes: NegotiationStakes;
  readonly pool: Strategy[];
  readonly players: number[];
  readonly runs: number;
  readonly profiles: Strategy[][];
  readonly plans: SimulationPlan[];
}

function prepare(id: string, scenario: Scenario | undefined, stakes: NegotiationStakes, options: TournamentOptions): Prepared {
  const pool = [...new Set(options.pool.map(checkStrategy))];
  if (pool.length === 0) throw new SimulationError("a tournament needs at least one strategy");
  const base = resolveRun(stakes, options);
  const players = options.players && options.players.length > 0 ? options.players.map((p) => partyIndex(stakes, p)) : [...base.order];
  for (const p of players) if (!base.order.includes(p)) throw new SimulationError(`${stakes.parties[p]} takes no turns, so its strategy does not matter`);
  // eslint-disable-next-line no-restricted-syntax -- a count of profiles, compared with a limit only
  const count = pool.length ** players.length;
  const runs = options.runs ?? 1;
  if (count * runs > MAX_TOURNAMENT_GAMES) {
    throw new SimulationError(`${count.toLocaleString("en")} profiles × ${runs} runs is more than ${MAX_TOURNAMENT_GAMES.toLocaleString("en")} games; use fewer strategies, players or runs`);
  }
  const profiles: Strategy[][] = [];
  for (let index = 0; index < count; index++) {
    const profile: Strategy[] = [];
    let rest = index;
    for (let k = players.length - 1; k >= 0; k--) {
      profile[k] = pool[rest % pool.length]!;
      rest = Math.floor(rest / pool.length);
    }
    profiles.push(profile);
  }
  const plans = profiles.map((profile) => {
    const strategies = { ...(options.strategies ?? {}), ...Object.fromEntries(players.map((p, k) => [stakes.parties[p]!, profile[k]!])) };
    const plan = simulationPlan(scenario, { ...options, strategies, runs });
    return options.runs === undefined ? { ...plan, inputs: [], extra: [] } : plan;
  });
  return { id, stakes, pool, players, runs, profiles, plans };
}

function summarize(prepared: Prepared, results: readonly (SimulationBlock | undefined)[], tasksPerProfile: number, sampled: boolean, seed: number): TournamentReport {
  const { stakes, players, pool } = prepared;
  const parties = stakes.parties.length;
  let partial = false;
  const profiles = prepared.profiles.map((profile, index): ProfileRow => {
    let games = 0;
    let agreed = 0;
    let roundSum = 0;
    const sums = new Array<number>(parties).fill(0);
    for (let t = 0; t < tasksPerProfile; t++) {
      const block = results[index * tasksPerProfile + t];
      if (!block) {
        partial = true;
        continue;
      }
      for (let i = 0; i < block.count; i++) {
        games++;
        if (block.agreements[i]! >= 0) {
          agreed++;
          roundSum += block.rounds[i]!;
        }
        for (let p = 0; p < parties; p++) sums[p]! += block.utilities[i * parties + p]!;
      }
    }
    return {
      strategies: Object.fromEntries(players.map((p, k) => [stakes.parties[p]!, profile[k]!])),
      games,
      agreementRate: games > 0 ? agreed / games : Number.NaN,
      meanRound: agreed > 0 ? roundSum / agreed : Number.NaN,
      utilities: Object.fromEntries(stakes.parties.map((id, p) => [id, games > 0 ? sums[p]! / games : Number.NaN])),
    };
  });
  const byPlayer = players.map((p, k) => ({
    player: stakes.parties[p]!,
    strategies: pool.map((strategy) => {
      const rows = profiles.filter((row, index) => prepared.profiles[index]![k] === strategy && row.games > 0);
      const meanOf = (f: (row: ProfileRow) => number) => (rows.length > 0 ? rows.reduce((s, row) => s + f(row), 0) / rows.length : Number.NaN);
      return { strategy, meanUtility: meanOf((row) => row.utilities[stakes.parties[p]!]!), agreementRate: meanOf((row) => row.agreementRate) };
    }),
  }));
  return { scenario: prepared.id, pool, players: players.map((p) => stakes.parties[p]!), runs: prepared.runs, sampled, seed, partial, profiles, byPlayer };
}

/** A tournament on a scenario (profiles × samples on the shared worker pool; identical for any worker count). */
export async function tournament(scenario: Scenario, options: TournamentOptions): Promise<TournamentReport> {
  const merged = withScenarioSettings(scenario, options);
  const stakes = scenarioStakes(scenario, merged.step !== undefined ? { step: merged.step } : {});
  const prepared = prepare(scenario.id, scenario, stakes, merged);
  const perProfile = prepared.plans.map((plan) => simulationTasks(plan, prepared.runs));
  const tasks: SimulationTask[] = perProfile.flat();
  const outcome = await parallelMap<SimulationTask, SimulationBlock>(SIMULATION_WORKER, tasks, {
    local: runSimulationBlock,
    ...(options.workers !== undefined ? { workers: options.workers } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  return summarize(prepared, outcome.results, perProfile[0]!.length, options.runs !== undefined, prepared.plans[0]!.seed);
}

/** A tournament on a plain domain, in this thread (nothing to sample but collapse draws). */
export function domainTournament(id: string, setup: SimulationSetup, options: TournamentOptions): TournamentReport {
  const merged = { ...options, deadline: options.deadline ?? DEFAULT_DEADLINE };
  const prepared = prepare(id, undefined, setup.stakes, merged);
  const perProfile = prepared.plans.map((plan) => simulationTasks(plan, prepared.runs));
  const results = perProfile.flat().map((task) => runSimulationBlock(task, setup));
  return summarize(prepared, results, perProfile[0]!.length, options.runs !== undefined, prepared.plans[0]!.seed);
}
