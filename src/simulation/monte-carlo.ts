/**
 * Monte Carlo over simulated talks: sample every uncertain judgement of the scenario and whether each red
 * line holds (the agreement forecast's draws, `agreement/draws.ts`: counter-based uniforms, one stream per
 * input; a line holds with its credibility) and, when asked, each party's strategy from a pool; run the
 * talks once per sample; summarise the agreement rate, the outcome of each issue
 * among agreements, the rounds to agreement and each party's mean utility. Sample k depends only on
 * (seed, k): blocks of samples run on the shared worker pool and come back by index, so the report is
 * the same for any number of workers.
 */
import { drawConstraints, drawPlan, drawScenario, type AgreementInput } from "../agreement/draws.js";
import { hash3, keyOf, counterUniform } from "../uncertainty/random.js";
import type { UncertainInput } from "../uncertainty/inputs.js";
import { blockSize } from "../uncertainty/run.js";
import { describeSample, type Distribution } from "../uncertainty/stats.js";
import { outcomeAt } from "../outcomes/space.js";
import type { Scenario } from "../scenario/types.js";
import { parallelMap, startWorkers } from "../parallel/pool.js";
import { SimulationError } from "./errors.js";
import { checkStrategy, STRATEGIES, type Strategy } from "./negotiators/index.js";
import { SortedOutcomesBuffers } from "./negotiators/sorted-outcomes.js";
import { drawSetup, prepareStakes, scenarioStakes, withScenarioSettings, type PreparedStakes, type StakesBuffers } from "./scenario-stakes.js";
import { DEFAULT_DEADLINE, resolveRun, runOnce, type SimulationOptions, type SimulationSetup } from "./simulate.js";
import type { NegotiationStakes } from "./stakes.js";

/** Largest number of simulated samples one call runs. */
export const MAX_SIMULATION_RUNS = 1_000_000;
/** Stream keys of the per-sample collapse seed and strategy draws. */
const COLLAPSE_KEY = 0xfffffffe;

export interface SimulationPlan {
  /** The scenario, or undefined for a plain domain (then `setup` is used as is). */
  readonly scenario?: Scenario;
  /**
   * What a worker thread recognises the scenario by (`scenarioKey`). Each chunk of tasks reaches a thread
   * as a fresh copy of the plan, so by object alone a thread would prepare the scenario again for every
   * chunk (about 20 ms of CPU each on Hanoi: the preparation, and fresh tables to fault in).
   */
  readonly scenarioKey?: string;
  /** The judgements sampled (`uncertainty/inputs.ts`). */
  readonly inputs: readonly UncertainInput[];
  /** What the agreement draws sample beyond them: red-line credibility, linkage utilities, deal values. */
  readonly extra: readonly AgreementInput[];
  readonly seed: number;
  readonly step?: number;
  readonly options: SimulationOptions;
  /** When given, every party at the table draws its strategy from this pool in every sample. */
  readonly strategyPool?: readonly Strategy[];
}

/** Per sample of a block: agreed rank (−1: breakdown), 1-based round, reason code, utilities, strategies drawn. */
export interface SimulationBlock {
  readonly count: number;
  readonly agreements: Int32Array;
  readonly rounds: Int32Array;
  /** 0 agreement, 1 deadline, 2 walk-away, 3 collapse. */
  readonly reasons: Uint8Array;
  /** utilities[k · parties + p]. */
  readonly utilities: Float64Array;
  /** strategies[k · parties + p]: index into STRATEGIES. */
  readonly strategies: Uint8Array;
}

export interface SimulationTask {
  readonly plan: SimulationPlan;
  readonly from: number;
  readonly to: number;
}

const REASONS = { deadline: 1, "walk-away": 2, collapse: 3 } as const;

/**
 * What does not change from sample to sample, per scenario object and step. Tasks of one chunk share their
 * plan's scenario object (structured clone keeps identity), so a worker prepares a scenario once per chunk.
 */
interface Prepared {
  readonly prepared: PreparedStakes;
  /** Reused by one sample's stakes after another's (samples run one at a time in a thread). */
  readonly buffers: StakesBuffers;
  /** Per party, storage for its sorted outcomes, likewise reused from sample to sample and block to block. */
  readonly sorted: SortedOutcomesBuffers[];
  asWritten?: SimulationSetup;
}

const preparedCache = new WeakMap<Scenario, Map<number | undefined, Prepared>>();
/** Prepared scenarios by JSON text and step, the most recent last: a thread serves one map at a time, so a few suffice. */
const preparedByKey = new Map<string, Prepared>();
const PREPARED_KEPT = 4;

function prepare(scenario: Scenario, step: number | undefined): Prepared {
  return { prepared: prepareStakes(scenario, step), buffers: { utilities: [], masks: [], ranks: [], values: [] }, sorted: scenario.actors.map(() => new SortedOutcomesBuffers()) };
}

function preparedOf(scenario: Scenario, step: number | undefined, key: string | undefined): Prepared {
  let bySteps = preparedCache.get(scenario);
  if (!bySteps) preparedCache.set(scenario, (bySteps = new Map()));
  let entry = bySteps.get(step);
  if (entry) return entry;
  const keyed = key === undefined ? undefined : `${step ?? ""}\u0000${key}`;
  entry = keyed === undefined ? undefined : preparedByKey.get(keyed);
  if (!entry) entry = prepare(scenario, step);
  if (keyed !== undefined) {
    preparedByKey.delete(keyed);
    preparedByKey.set(keyed, entry);
    if (preparedByKey.size > PREPARED_KEPT) preparedByKey.delete(preparedByKey.keys().next().value!);
  }
  bySteps.set(step, entry);
  return entry;
}

/** The setup of sample k (the scenario with sampled judgements and red lines, or the domain as it is). */
function sampleSetup(plan: SimulationPlan, entry: Prepared | undefined, k: number, fixed?: SimulationSetup): SimulationSetup {
  if (fixed || !entry) return fixed!;
  const scenario = plan.scenario!;
  if (plan.inputs.length === 0 && plan.extra.length === 0) return (entry.asWritten ??= drawSetup(entry.prepared));
  const draw = drawScenario({ scenario, seed: plan.seed, inputs: plan.inputs, extra: plan.extra }, k);
  return drawSetup(entry.prepared, draw.scenario, drawConstraints(draw.scenario, draw.redLines), entry.buffers);
}

/** The options of sample k: its collapse seed and, with a pool, the strategies drawn. */
function sampleOptions(plan: SimulationPlan, stakes: NegotiationStakes, k: number): SimulationOptions {
  const seed = hash3(plan.seed, k, COLLAPSE_KEY);
  if (!plan.strategyPool) return { ...plan.options, seed };
  const pool = plan.strategyPool;
  const strategies = Object.fromEntries(stakes.parties.map((id) => [id, pool[Math.floor(counterUniform(plan.seed, k, keyOf(`strategy.${id}`)) * pool.length)]!]));
  return { ...plan.options, strategies, seed };
}

/** Runs samples from … to − 1. `fixed`: the setup of a plain domain (no judgements to sample). */
export function runSimulationBlock(task: SimulationTask, fixed?: SimulationSetup): SimulationBlock {
  const { plan, from, to } = task;
  const count = to - from;
  let parties = 0;
  let block: SimulationBlock | undefined;
  const entry = fixed ? undefined : preparedOf(plan.scenario!, plan.step, plan.scenarioKey);
  // Samples run one after another: each party's sorted outcomes are built into the previous sample's storage.
  const buffers: SortedOutcomesBuffers[] = entry?.sorted ?? [];
  for (let k = from; k < to; k++) {
    const setup = sampleSetup(plan, entry, k, fixed);
    const { stakes } = setup;
    if (!block) {
      parties = stakes.parties.length;
      for (let p = buffers.length; p < stakes.parties.length; p++) buffers.push(new SortedOutcomesBuffers());
      block = {
        count,
        agreements: new Int32Array(count),
        rounds: new Int32Array(count),
        reasons: new Uint8Array(count),
        utilities: new Float64Array(count * parties),
        strategies: new Uint8Array(count * parties),
      };
    }
    const run = resolveRun(stakes, sampleOptions(plan, stakes, k));
    const result = runOnce(setup, run, { trace: false, buffers });
    const i = k - from;
    block.agreements[i] = result.agreement;
    block.rounds[i] = result.round + 1;
    block.reasons[i] = result.agreed ? 0 : REASONS[result.reason!];
    for (let p = 0; p < parties; p++) {
      block.utilities[i * parties + p] = result.agreed ? stakes.utilityOf(p, result.agreement) : stakes.walkAway[p]!;
      block.strategies[i * parties + p] = STRATEGIES.indexOf(run.strategies[p]!);
    }
  }
  return block ?? { count: 0, agreements: new Int32Array(0), rounds: new Int32Array(0), reasons: new Uint8Array(0), utilities: new Float64Array(0), strategies: new Uint8Array(0) };
}

export interface IssueOutcomes {
  readonly id: string;
  /** Among agreements, the share of each value of the issue's grid (values never agreed are left out). */
  readonly values: readonly { readonly value: string | number; readonly share: number }[];
}

export interface SimulationRunsReport {
  readonly scenario: string;
  readonly seed: number;
  readonly runs: number;
  readonly completed: number;
  readonly partial: boolean;
  /** Ids of the numbers sampled: judgements, then red-line credibilities, linkage utilities and deal values. */
  readonly inputs: readonly string[];
  readonly strategyPool?: readonly Strategy[];
  /** Share of samples that end in agreement. */
  readonly agreementRate: number;
  /** Share of samples ending in each kind of breakdown. */
  readonly breakdowns: { readonly deadline: number; readonly "walk-away": number; readonly collapse: number };
  /** Rounds to agreement, over the samples that agree. */
  readonly rounds: Distribution;
  readonly issues: readonly IssueOutcomes[];
  /** Each party's mean utility over all samples (its walk-away value where talks broke down). */
  readonly utilities: Readonly<Record<string, number>>;
}

export interface SimulationRunsOptions extends SimulationOptions {
  readonly runs: number;
  readonly step?: number;
  readonly strategyPool?: readonly string[];
  readonly workers?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (done: number, total: number) => void;
}

/** The worker module, as source under tsx/vitest and as compiled JavaScript once built. */
export const SIMULATION_WORKER = new URL(import.meta.url.endsWith(".ts") ? "./worker.ts" : "./worker.js", import.meta.url);

/**
 * Starts the worker threads a Monte Carlo of `runs` simulations will use (`startWorkers`), so that they
 * start, and load the simulation code, while the scenario is still being read and checked.
 */
export function startSimulationWorkers(runs: number, workers?: number): void {
  startWorkers(SIMULATION_WORKER, Math.ceil(runs / blockSize(runs)), workers !== undefined ? { workers } : {});
}

const scenarioKeys = new WeakMap<Scenario, string>();

/**
 * A scenario's identity across threads: its id, the length of its JSON text and a 53-bit hash of that
 * text (cyrb53) — two different scenarios share it with a chance of about 2⁻⁵³. Computed once per object.
 */
export function scenarioKey(scenario: Scenario): string {
  let key = scenarioKeys.get(scenario);
  if (key === undefined) {
    const text = JSON.stringify(scenario);
    let h1 = 0xdeadbeef;
    let h2 = 0x41c6ce57;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    key = `${scenario.id}:${text.length}:${(4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36)}`;
    scenarioKeys.set(scenario, key);
  }
  return key;
}

export function simulationPlan(scenario: Scenario | undefined, options: SimulationRunsOptions): SimulationPlan {
  if (!Number.isInteger(options.runs) || options.runs < 1 || options.runs > MAX_SIMULATION_RUNS) {
    throw new SimulationError(`runs must be a whole number from 1 to ${MAX_SIMULATION_RUNS.toLocaleString("en")}, got ${options.runs}`);
  }
  const { runs: _runs, step, strategyPool, workers: _workers, signal: _signal, onProgress: _progress, ...run } = options;
  const seed = Math.trunc(options.seed ?? 0) >>> 0;
  const draws = scenario ? drawPlan(scenario, seed) : undefined;
  return {
    ...(scenario ? { scenario, scenarioKey: scenarioKey(scenario) } : {}),
    inputs: draws?.inputs ?? [],
    extra: draws?.extra ?? [],
    seed,
    ...(step !== undefined ? { step } : {}),
    options: run,
    ...(strategyPool && strategyPool.length > 0 ? { strategyPool: strategyPool.map(checkStrategy) } : {}),
  };
}

/** Blocks of samples: sizes depend on the number of runs alone. */
export function simulationTasks(plan: SimulationPlan, runs: number): SimulationTask[] {
  const size = blockSize(runs);
  const tasks: SimulationTask[] = [];
  for (let from = 0; from < runs; from += size) tasks.push({ plan, from, to: Math.min(runs, from + size) });
  return tasks;
}

/** Summarises completed blocks (pure: the same blocks give the same report). */
export function summarizeSimulations(stakes: NegotiationStakes, plan: SimulationPlan, blocks: readonly SimulationBlock[], meta: { id: string; runs: number; partial: boolean }): SimulationRunsReport {
  const parties = stakes.parties.length;
  const completed = blocks.reduce((n, b) => n + b.count, 0);
  const reasons = [0, 0, 0, 0];
  const rounds: number[] = [];
  const counts = stakes.space.issues.map((issue) => new Array<number>(issue.values.length).fill(0));
  const sums = new Array<number>(parties).fill(0);
  for (const block of blocks) {
    for (let i = 0; i < block.count; i++) {
      reasons[block.reasons[i]!]!++;
      for (let p = 0; p < parties; p++) sums[p]! += block.utilities[i * parties + p]!;
      const rank = block.agreements[i]!;
      if (rank < 0) continue;
      rounds.push(block.rounds[i]!);
      outcomeAt(stakes.space, rank).forEach((v, issue) => counts[issue]![v]!++);
    }
  }
  const share = (n: number, of = completed): number => (of > 0 ? n / of : Number.NaN);
  const agreed = reasons[0]!;
  return {
    scenario: meta.id,
    seed: plan.seed,
    runs: meta.runs,
    completed,
    partial: meta.partial,
    inputs: [...plan.inputs, ...plan.extra].map((i) => i.id),
    ...(plan.strategyPool ? { strategyPool: plan.strategyPool } : {}),
    agreementRate: share(agreed),
    breakdowns: { deadline: share(reasons[1]!), "walk-away": share(reasons[2]!), collapse: share(reasons[3]!) },
    rounds: describeSample(rounds, 1, Math.max(1, plan.options.deadline ?? 1), 20),
    issues: stakes.space.issues.map((issue, i) => ({
      id: issue.name,
      values: issue.values.map((value, v) => ({ value, share: share(counts[i]![v]!, agreed) })).filter((x) => x.share > 0),
    })),
    utilities: Object.fromEntries(stakes.parties.map((id, p) => [id, share(sums[p]!)])),
  };
}

/** Monte Carlo over a scenario's judgements (and strategies, with a pool). */
export async function simulateRuns(scenario: Scenario, options: SimulationRunsOptions): Promise<SimulationRunsReport> {
  const plan = simulationPlan(scenario, withScenarioSettings(scenario, options));
  const base = scenarioStakes(scenario, plan.step !== undefined ? { step: plan.step } : {});
  resolveRun(base, plan.options); // checks strategies and order once, up front
  const tasks = simulationTasks(plan, options.runs);
  const outcome = await parallelMap<SimulationTask, SimulationBlock>(SIMULATION_WORKER, tasks, {
    local: runSimulationBlock,
    ...(options.workers !== undefined ? { workers: options.workers } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: (done: number, count: number) => options.onProgress?.(Math.round((done / Math.max(1, count)) * options.runs), options.runs) } : {}),
  });
  const blocks = outcome.results.filter((b): b is SimulationBlock => b !== undefined);
  return summarizeSimulations(base, plan, blocks, { id: scenario.id, runs: options.runs, partial: outcome.aborted });
}

/** Monte Carlo over a plain domain: only strategies (with a pool) and collapse draws vary. Runs in this thread. */
export function simulateDomainRuns(id: string, setup: SimulationSetup, options: SimulationRunsOptions): SimulationRunsReport {
  const plan = simulationPlan(undefined, { ...options, deadline: options.deadline ?? DEFAULT_DEADLINE });
  resolveRun(setup.stakes, plan.options);
  const blocks = simulationTasks(plan, options.runs).map((task) => runSimulationBlock(task, setup));
  return summarizeSimulations(setup.stakes, plan, blocks, { id, runs: options.runs, partial: false });
}
