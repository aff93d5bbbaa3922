/**
 * The agreement forecast: is any outcome acceptable to every actor whose signature is needed, and with what
 * chance under the scenario's uncertainty; each named deal's chance of being accepted; the most likely
 * agreement (the Nash point of the acceptable set, with its share of draws); and, when talks fail as written,
 * the minimal conflicting sets and what would have to change (docs/agreement.md).
 */
import { dealOutcome } from "../deals/preferences.js";
import { defaultWorkers, parallelMap } from "../parallel/pool.js";
import { messages } from "../i18n/report.js";
import { text, type Language } from "../scenario/label.js";
import type { Scenario } from "../scenario/types.js";
import { changes, conflictSets, describeSet, type Change, type ConflictSet } from "./conflicts.js";
import { drawConstraints, drawPlan, drawScenario, type DrawPlan } from "./draws.js";
import { fixOutcome, isAgreement, isAgreementFixed, judgeOutcome, type FixedOutcome } from "./model.js";
import { sampleAgreements, type SampledEstimate } from "./sample.js";
import { keyOf } from "../uncertainty/random.js";
import { DEFAULT_MAX_NODES, outcomeAt, prepareSearch, search, searchState, type PreparedSearch } from "./search.js";

export interface AgreementOptions {
  /** Grid step of numeric issues (default: their anchors and reference point). */
  readonly step?: number;
  /** Monte Carlo draws; absent: the scenario as written only. */
  readonly runs?: number;
  readonly seed?: number;
  /** Worker threads (default: one per core); 1 runs in this thread. */
  readonly workers?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (done: number, total: number) => void;
  /** Node budget per search (default 5 000 000). */
  readonly maxNodes?: number;
  /** Outcomes sampled when the space is too large to search exactly (default 10 000; seeded by `seed`). */
  readonly samples?: number;
}

export interface DealChance {
  readonly id: string;
  /** Share of draws in which the deal is an agreement (as written: 0 or 1). */
  readonly probability: number;
  /** As written: is it an agreement, and why. */
  readonly agreement: boolean;
  readonly why: string;
}

export interface MostLikelyAgreement {
  /** Per issue id, the value (a number, or an option id). */
  readonly outcome: Readonly<Record<string, number | string>>;
  /** Share of all draws in which this outcome is the Nash point of the acceptable set (as written: 1). */
  readonly share: number;
  /** Per actor id, utility and gain at it (as written). */
  readonly utilities: Readonly<Record<string, number>>;
}

export interface AgreementReport {
  readonly scenario: string;
  /** Draws (0: the scenario as written only). */
  readonly runs: number;
  readonly seed: number;
  /** Draws completed (fewer when interrupted). */
  readonly completed: number;
  readonly partial: boolean;
  /** Chance that at least one outcome is acceptable to every needed signatory (as written: 0 or 1). */
  readonly probability: number;
  /** Standard error of `probability` (0 without draws). */
  readonly standardError: number;
  /** False when a search ran out of its node budget: then "found nothing" may mean "did not finish". */
  readonly exact: boolean;
  /** Draws whose search did not finish. */
  readonly unfinished: number;
  readonly decision: Scenario["decision"];
  readonly grid: { readonly outcomes: number; readonly step?: number };
  /** As written: an agreement is possible. */
  readonly possible: boolean;
  /** As written: how many outcomes of the grid are agreements (when the count finished). */
  readonly acceptable?: number;
  /** When the count did not finish within the node budget: a sampled estimate of the share of agreements. */
  readonly estimate?: SampledEstimate;
  /** One line: the chance and the main reason. */
  readonly summary: string;
  readonly mostLikely?: MostLikelyAgreement;
  readonly deals: readonly DealChance[];
  /** Minimal conflicting sets as written (empty when an agreement is possible). */
  readonly conflicts: readonly ConflictSet[];
  /** What would have to change, as written. */
  readonly changes: readonly Change[];
}

/** Rank of grid indices in mixed radix (last issue fastest). */
function rankOf(prepared: PreparedSearch, k: readonly number[]): number {
  let rank = 0;
  prepared.grids.forEach((g, i) => (rank = rank * g.length + k[i]!));
  return rank;
}

function indicesOf(prepared: PreparedSearch, rank: number): number[] {
  const k = new Array<number>(prepared.grids.length).fill(0);
  let rest = rank;
  for (let i = prepared.grids.length - 1; i >= 0; i--) {
    const n = prepared.grids[i]!.length;
    k[i] = rest % n;
    rest = Math.floor(rest / n);
  }
  return k;
}

function recordOf(prepared: PreparedSearch, k: readonly number[]): Record<string, number | string> {
  const outcome = outcomeAt(prepared, k);
  return Object.fromEntries(prepared.scenario.issues.map((issue, i) => [issue.id, outcome.options[i] ?? outcome.values[i]!]));
}

/** The forecast of the scenario as written (no draws). */
export function agreementAsWritten(
  scenario: Scenario,
  options: Pick<AgreementOptions, "step" | "maxNodes" | "samples" | "seed"> = {},
  prepared: PreparedSearch = prepareSearch(scenario, options.step !== undefined ? { step: options.step } : {}),
): AgreementReport {
  const state = searchState(prepared);
  const maxNodes = options.maxNodes ?? DEFAULT_MAX_NODES;
  const counted = search(state, { objective: { kind: "nash" }, count: true, maxNodes });
  const nash = counted.complete ? counted : search(state, { objective: { kind: "nash" }, maxNodes });
  // A space too large to search within the budget gets a sampled estimate of its share of agreements.
  const estimate = counted.complete ? undefined : sampleAgreements(state, { ...(options.samples !== undefined ? { samples: options.samples } : {}), seed: options.seed ?? 0 });
  const possible = nash.found || (estimate?.hits ?? 0) > 0;
  const sets = possible || !nash.complete ? [] : conflictSets(state, maxNodes);
  const model = state.model;
  const deals = scenario.deals.map((deal): DealChance => {
    const j = judgeOutcome(model, dealOutcome(scenario, deal.values));
    return { id: deal.id, probability: j.agreement ? 1 : 0, agreement: j.agreement, why: j.why };
  });
  const best = nash.outcome ?? estimate?.example;
  const mostLikely = best ? mostLikelyOf(prepared, best, 1) : undefined;
  const report = {
    scenario: scenario.id,
    runs: 0,
    seed: 0,
    completed: 0,
    partial: false,
    probability: possible ? 1 : 0,
    standardError: 0,
    exact: counted.complete,
    unfinished: nash.complete || nash.found ? 0 : 1,
    decision: scenario.decision,
    grid: { outcomes: prepared.outcomes, ...(options.step !== undefined ? { step: options.step } : {}) },
    possible,
    ...(counted.complete ? { acceptable: counted.count! } : {}),
    ...(estimate ? { estimate } : {}),
    ...(mostLikely ? { mostLikely } : {}),
    deals,
    conflicts: sets.map((s) => describeSet(state, s)),
    changes: changes(state, sets, maxNodes),
  };
  return { ...report, summary: agreementSummary(scenario, report) };
}

function mostLikelyOf(prepared: PreparedSearch, k: readonly number[], share: number): MostLikelyAgreement {
  const judgement = judgeOutcome(prepared.model, outcomeAt(prepared, k));
  return { outcome: recordOf(prepared, k), share, utilities: Object.fromEntries(judgement.actors.map((a) => [a.id, a.utility])) };
}

const percent = (p: number): string => `${(100 * p).toFixed(p > 0 && p < 0.01 ? 1 : 0)}%`;

/**
 * The one-line summary: the chance and the main reason. In English (the report's `summary`) actors and
 * red lines are named by id; in another language by the scenario's names in it.
 */
export function agreementSummary(scenario: Scenario, r: Omit<AgreementReport, "summary">, language: Language = "en"): string {
  const t = messages(language).terminal.agreement;
  const byId = language === "en";
  const actor = (id: string) => (byId ? id : text(scenario.actors.find((a) => a.id === id)?.name, language) || id);
  const decision = scenario.decision;
  const signers = t.signers(decision.kind === "unanimity" ? "all" : decision.veto ? "veto" : "capability", (decision.veto ?? []).map(actor));
  const chance = t.chance(r.runs > 0 ? "draws" : r.possible ? "possible" : r.exact ? "impossible" : "notFound", percent(r.probability), r.completed);
  const e = r.estimate;
  if (e) return t.sampled(chance, r.grid.outcomes, e.hits, e.samples, e.share.toPrecision(3), e.standardError.toPrecision(2), e.upper95.toPrecision(2), r.possible);
  if (r.possible && r.runs === 0) return t.acceptable(chance, r.acceptable, r.grid.outcomes, signers);
  const first = r.conflicts[0];
  if (first) {
    const redLine = (key: string) => {
      const [actorId = "", ...rest] = key.split(".");
      const id = rest.join(".");
      const line = scenario.actors.find((a) => a.id === actorId)?.redLines.find((l) => l.id === id);
      return t.redLine(key, actor(actorId), text(line?.name, language) || id);
    };
    return t.conflict(chance, [...first.redLines.map(redLine), ...first.walkAway.map((id) => t.walkAway(actor(id)))]);
  }
  return t.plain(chance, r.possible);
}

/** A block of draws for a worker: plain data. */
export interface DrawTask {
  readonly plan: DrawPlan;
  readonly step?: number;
  readonly maxNodes: number;
  readonly from: number;
  readonly to: number;
  /** Identifies the plan and step (a hash of the scenario), so that a thread prepares the search once per run. */
  readonly key: string;
}

export interface DrawResult {
  /** Per draw: 1 when an agreement exists. */
  readonly agree: number[];
  /** Per draw: the rank of the Nash point of the acceptable set, or −1. */
  readonly nash: number[];
  /** Per draw, per deal: 1 when the deal is an agreement. */
  readonly deals: number[];
  /** Draws whose search ran out of budget. */
  readonly unfinished: number;
}

/** The last plan prepared in this thread: blocks of one run arrive as separate copies of the same plan. */
let lastPrepared: { key: string; prepared: PreparedSearch; deals: readonly (FixedOutcome | undefined)[] } | undefined;

/** Named deals whose values carry no range, each decided once where draws cannot change it. */
function fixedDeals(plan: DrawPlan, prepared: PreparedSearch): (FixedOutcome | undefined)[] {
  const { scenario } = plan;
  return scenario.deals.map((deal, d) => (plan.extra.some((x) => x.kind === "dealValue" && x.index === d) ? undefined : fixOutcome(prepared.model, dealOutcome(scenario, deal.values))));
}

/** Runs a block of draws (in a worker thread or here). Draw k depends on (seed, k) only. */
export function runDraws(task: DrawTask): DrawResult {
  const key = task.key;
  if (lastPrepared?.key !== key) {
    const fresh = prepareSearch(task.plan.scenario, task.step !== undefined ? { step: task.step } : {});
    lastPrepared = { key, prepared: fresh, deals: fixedDeals(task.plan, fresh) };
  }
  const { prepared, deals: fixed } = lastPrepared;
  const agree: number[] = [];
  const nash: number[] = [];
  const deals: number[] = [];
  let unfinished = 0;
  for (let k = task.from; k < task.to; k++) {
    const draw = drawScenario(task.plan, k);
    const state = searchState(prepared, draw.scenario, drawConstraints(draw.scenario, draw.redLines));
    const best = search(state, { objective: { kind: "nash" }, maxNodes: task.maxNodes });
    if (!best.complete && !best.found) unfinished++;
    agree.push(best.found ? 1 : 0);
    nash.push(best.outcome ? rankOf(prepared, best.outcome) : -1);
    draw.scenario.deals.forEach((deal, d) => {
      const known = fixed[d];
      deals.push((known ? isAgreementFixed(state.model, known, state.constraints) : isAgreement(state.model, dealOutcome(draw.scenario, deal.values), state.constraints)) ? 1 : 0);
    });
  }
  return { agree, nash, deals, unfinished };
}

/** The worker module, as source under tsx/vitest and as compiled JavaScript once built. */
const WORKER = new URL(import.meta.url.endsWith(".ts") ? "./worker.ts" : "./worker.js", import.meta.url);

/** Draws per block: blocks depend on the number of draws only, so results do not depend on the workers. */
function blockSize(runs: number): number {
  return Math.min(100, Math.max(1, Math.ceil(runs / 200)));
}

/**
 * Estimated search nodes of all draws per worker thread. A thread costs about a second of CPU before its
 * draws run at full speed (loading the code, preparing the search, warming the compiler), as much as several
 * thousand Hanoi draws (about 450 nodes each): its 10,000 draws (4.5 million nodes) run faster in this
 * thread, and a second thread pays off from about 22,000. Measured with bench/agreement.bench.ts.
 */
export const NODES_PER_WORKER = 10_000_000;

/**
 * Worker threads for `runs` draws whose search visits about `nodes` nodes each (as written): one per
 * NODES_PER_WORKER of estimated work, at least one, at most one per core. Results do not depend on it.
 */
export function drawWorkers(runs: number, nodes: number): number {
  return Math.max(1, Math.min(defaultWorkers(), Math.floor((runs * nodes) / NODES_PER_WORKER)));
}

/** The as-written Nash search's nodes, counted only as far as `drawWorkers` can tell a difference. */
function nodesPerDraw(prepared: PreparedSearch, runs: number, maxNodes: number): number {
  const enough = Math.ceil((NODES_PER_WORKER * defaultWorkers()) / runs);
  return search(searchState(prepared), { objective: { kind: "nash" }, maxNodes: Math.min(maxNodes, enough) }).nodes;
}

/**
 * The agreement forecast: as written, and with `runs` draws the chance of agreement and of each deal.
 * Interrupted through `signal`, it summarises the draws that finished and marks the report partial.
 */
export async function agreementForecast(scenario: Scenario, options: AgreementOptions = {}): Promise<AgreementReport> {
  const prepared = prepareSearch(scenario, options.step !== undefined ? { step: options.step } : {});
  const written = agreementAsWritten(scenario, options, prepared);
  const runs = options.runs ?? 0;
  if (runs === 0) return written;
  if (!Number.isInteger(runs) || runs < 1) throw new RangeError(`agreement: runs must be a whole number ≥ 1, got ${runs}`);
  const plan = drawPlan(scenario, options.seed ?? 0);
  const size = blockSize(runs);
  const tasks: DrawTask[] = [];
  const maxNodes = options.maxNodes ?? DEFAULT_MAX_NODES;
  const text = JSON.stringify(scenario);
  const key = `${options.step ?? ""}|${plan.seed}|${text.length}|${keyOf(text)}`;
  for (let from = 0; from < runs; from += size) tasks.push({ plan, ...(options.step !== undefined ? { step: options.step } : {}), maxNodes, from, to: Math.min(runs, from + size), key });
  // Draws run in this thread reuse what the as-written forecast prepared.
  lastPrepared = { key, prepared, deals: fixedDeals(plan, prepared) };
  const outcome = await parallelMap<DrawTask, DrawResult>(WORKER, tasks, {
    local: runDraws,
    workers: options.workers ?? drawWorkers(runs, nodesPerDraw(prepared, runs, maxNodes)),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: (done: number, count: number) => options.onProgress?.(Math.round((done / Math.max(1, count)) * runs), runs) } : {}),
  });
  const blocks = outcome.results.filter((r): r is DrawResult => r !== undefined);
  const completed = blocks.reduce((n, b) => n + b.agree.length, 0);
  const agreeing = blocks.reduce((n, b) => n + b.agree.reduce((x, y) => x + y, 0), 0);
  const unfinished = blocks.reduce((n, b) => n + b.unfinished, 0);
  const p = completed > 0 ? agreeing / completed : Number.NaN;
  const counts = new Map<number, number>();
  for (const b of blocks) for (const rank of b.nash) if (rank >= 0) counts.set(rank, (counts.get(rank) ?? 0) + 1);
  let top: [number, number] | undefined;
  for (const entry of counts) if (!top || entry[1] > top[1] || (entry[1] === top[1] && entry[0] < top[0])) top = entry;
  const dealCount = scenario.deals.length;
  const deals = written.deals.map((d, j): DealChance => {
    let yes = 0;
    for (const b of blocks) for (let r = 0; r < b.agree.length; r++) yes += b.deals[r * dealCount + j]!;
    return { ...d, probability: completed > 0 ? yes / completed : Number.NaN };
  });
  const report = {
    ...written,
    runs,
    seed: plan.seed,
    completed,
    partial: outcome.aborted && completed < runs,
    probability: p,
    standardError: completed > 0 ? Math.sqrt((p * (1 - p)) / completed) : Number.NaN,
    exact: written.exact && unfinished === 0,
    unfinished,
    deals,
    ...(top ? { mostLikely: mostLikelyOf(prepared, indicesOf(prepared, top[0]), top[1] / completed) } : {}),
  };
  const { mostLikely: _unused, ...withoutMostLikely } = report;
  return { ...(top ? report : withoutMostLikely), summary: agreementSummary(scenario, report) };
}
