/**
 * The analyses the API runs — forecast (and its Monte Carlo distributions), sensitivity, agreement, deal
 * evaluation, outcome-space analysis — as functions of a validated scenario and the request's
 * parameters. They call the same library functions as `parley forecast`, `parley sensitivity`,
 * `parley agreement`, `parley deal` and `parley analyze`, so the JSON is the same as their `--json`. Everything but a
 * deal evaluation (microseconds) runs as a compute job off the event loop, within the server's budgets
 * (`compute.ts`).
 */
import type { Context } from "hono";
import { z } from "zod";
import type { AgreementReport } from "../agreement/forecast.js";
import { DEFAULT_MAX_NODES } from "../agreement/search.js";
import { withCalibratedIntervals, withCalibratedSpread, type CalibratedForecast } from "../calibration/apply.js";
import type { Calibration } from "../calibration/calibration.js";
import { DEFAULT_LEVEL } from "../calibration/conformal.js";
import { checkCalibration } from "../calibration/file.js";
import { InvalidInputError } from "../scenario/diagnostics.js";
import type { LocatedDocument } from "../scenario/document.js";
import { toModelInput } from "../scenario/model-input.js";
import { dealContext, dealOutcome, dealValuesOf, DealValuesError, evaluateDeal, findDeal, type DealContext, type DealEvaluation } from "../deals/evaluate.js";
import { DealError, type Outcome as DealOutcome } from "../deals/preferences.js";
import { dealPoints, gridSize, MAX_ISSUE_GRID, nearestOutcome, scenarioSpace } from "../deals/space.js";
import type { ForecastResult } from "../forecast.js";
import { findModel, modelIds, models } from "../models/index.js";
import { ModelError } from "../models/types.js";
import type { ScenarioAnalysis } from "../outcomes/agreements.js";
import { OutcomeSpaceError } from "../outcomes/space.js";
import type { Deal, IssueValue, Scenario } from "../scenario/types.js";
import type { MonteCarloReport } from "../uncertainty/monte-carlo.js";
import type { SensitivityReport } from "../uncertainty/sensitivity.js";
import { BUDGETS, checkBudget, runJob, type JsonText } from "./compute.js";
import { STRATEGIES } from "../simulation/negotiators/names.js";
import { MAX_SIMULATION_OUTCOMES } from "../simulation/stakes.js";
import { DEFAULT_DEADLINE } from "../simulation/simulate.js";
import { joinWords, serverSays } from "../i18n/problems.js";
import { entriesText, HttpProblem, toEntry } from "./problem.js";

// --- request bodies ----------------------------------------------------------------------------

/** Where the scenario comes from: the store (`scenarioId`, `version`) or the request (`scenario`). */
const scenarioSource = {
  scenarioId: z.string().min(1).optional(),
  version: z.int().min(1).optional(),
  /** Scenario data, or its YAML text. */
  scenario: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
};
/** The scenario's source, and whether to save the run too (see /api/runs). */
const source = { ...scenarioSource, save: z.boolean().optional() };
const issueValues = z.record(z.string(), z.union([z.number(), z.string()]));
const seed = z.int().min(0).max(Number.MAX_SAFE_INTEGER).optional();
/** What a forecast and a sensitivity analysis take: the models, their rounds, and the Monte Carlo's seed and samples. */
const sampling = {
  models: z.array(z.string()).optional(),
  rounds: z.int().min(1).optional(),
  seed,
  runs: z.int().min(1).optional(),
};

/**
 * With `runs`, a Monte Carlo: sample the uncertain inputs this many times and return the forecast
 * distributions. With `calibration` (the JSON `parley backtest --save-calibration` writes, checked in
 * place by `calibrationOf`), each forecast gets its calibrated interval at `level` (0–1, default 0.8).
 */
export const forecastRequest = z.strictObject({
  ...source,
  ...sampling,
  calibration: z.record(z.string(), z.unknown()).optional(),
  level: z.number().gt(0).lt(1).optional(),
});
/** Sensitivity runs are not saved (no `save`). */
export const sensitivityRequest = z.strictObject({ ...scenarioSource, ...sampling });
export const simulateRequest = z.strictObject({
  ...source,
  /** Per actor id, a strategy name. */
  strategies: z.record(z.string(), z.enum(STRATEGIES)).optional(),
  /** The strategy of every party not in `strategies`. */
  strategy: z.enum(STRATEGIES).optional(),
  deadline: z.int().min(1).optional(),
  collapse: z.number().min(0).lt(1).optional(),
  seed,
  step: z.number().positive().optional(),
  order: z.array(z.string()).optional(),
  runs: z.int().min(1).optional(),
  varyStrategies: z.array(z.enum(STRATEGIES)).optional(),
  tournament: z.array(z.enum(STRATEGIES)).optional(),
  players: z.array(z.string()).optional(),
});
/** As `parley agreement`: as written, or with `runs` draws over every judgement (red-line credibility included). */
export const agreementRequest = z.strictObject({
  ...scenarioSource,
  runs: sampling.runs,
  seed,
  step: z.number().positive().optional(),
});
export const dealRequest = z.strictObject({
  ...source,
  deal: z.string().min(1).optional(),
  values: issueValues.optional(),
  concernSalience: z.number().min(0).max(100).optional(),
});
export const analyzeRequest = z.strictObject({
  ...source,
  step: z.number().positive().optional(),
  parties: z.array(z.string()).optional(),
  deal: z.string().min(1).optional(),
  agreement: issueValues.optional(),
  algorithm: z.enum(["auto", "enumeration", "divide-and-conquer"]).optional(),
});
export const runRequest = z.discriminatedUnion("kind", [
  forecastRequest.extend({ kind: z.literal("forecast") }),
  dealRequest.extend({ kind: z.literal("deal") }),
  analyzeRequest.extend({ kind: z.literal("analyze") }),
  simulateRequest.extend({ kind: z.literal("simulate") }),
]);

export type ForecastRequest = z.infer<typeof forecastRequest>;
export type DealRequest = z.infer<typeof dealRequest>;
export type AnalyzeRequest = z.infer<typeof analyzeRequest>;
export type SensitivityRequest = z.infer<typeof sensitivityRequest>;
export type SimulateRequest = z.infer<typeof simulateRequest>;
export type AgreementRequest = z.infer<typeof agreementRequest>;
export type RunRequest = z.infer<typeof runRequest>;

/** A run as stored: what to record besides the results. */
export interface RunOutput<R> {
  /** The results, or a compute job's results as the JSON text its worker wrote. */
  readonly results: R | JsonText<R>;
  readonly models: readonly string[];
  readonly parameters: Record<string, unknown>;
  readonly seed: number | null;
}

// --- forecast ----------------------------------------------------------------------------------

/** The models a request names (all by default), each checked. */
function chosenModels(request: { models?: string[] | undefined }): string[] {
  const chosen = request.models && request.models.length > 0 ? request.models : models.map((m) => m.id);
  const unknown = chosen.flatMap((id, i) => (findModel(id) ? [] : [{ path: `models[${i}]`, line: 0, column: 0, message: serverSays("unknownModel", id, modelIds().join(", ")) }]));
  if (unknown.length > 0) throw new HttpProblem("invalid-request", joinWords(unknown.map((u) => u.message)), { errors: unknown });
  return chosen;
}

function checkRounds(rounds: number | undefined): void {
  if (rounds !== undefined) checkBudget({ limit: "rounds", what: serverSays("countRounds"), requested: rounds, max: BUDGETS.rounds, askForLess: serverSays("lessRounds") });
}

/** Samples of a Monte Carlo (`runs`), checked against the budget. */
export function checkRuns(runs: number): void {
  checkBudget({ limit: "runs", what: serverSays("countRuns"), requested: runs, max: BUDGETS.runs, askForLess: serverSays("lessRuns") });
}

const LESS_FORECAST = serverSays("lessForecast");

/** The calibration a request carries in `calibration`, checked with every problem located in the body. */
export function calibrationOf(doc: LocatedDocument): Calibration {
  try {
    return checkCalibration(doc, "calibration");
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    const errors = error.diagnostics.map(toEntry);
    throw new HttpProblem("invalid-request", serverSays("badCalibration", entriesText(errors)), { errors });
  }
}

/**
 * Every chosen model's forecast; with `runs`, the Monte Carlo distributions of `parley forecast --runs`;
 * with a calibration, each issue's calibrated interval as in `parley forecast --calibration --json`.
 */
export async function runForecast(
  c: Context,
  scenario: Scenario,
  request: ForecastRequest,
  calibration?: Calibration,
): Promise<RunOutput<ForecastResult[] | CalibratedForecast[] | MonteCarloReport>> {
  const chosen = chosenModels(request);
  checkRounds(request.rounds);
  const options = {
    models: chosen,
    ...(request.rounds !== undefined ? { rounds: request.rounds } : {}),
    ...(request.seed !== undefined ? { seed: request.seed } : {}),
  };
  const level = request.level ?? DEFAULT_LEVEL;
  const parameters = {
    ...(request.rounds !== undefined ? { rounds: request.rounds } : {}),
    ...(request.runs !== undefined ? { runs: request.runs } : {}),
    ...(calibration ? { calibration, level } : {}),
  };
  const output = { models: chosen, parameters, seed: request.seed ?? null };
  if (request.runs !== undefined) {
    checkRuns(request.runs);
    const report = await runJob(c, "monte-carlo", { scenario, runs: request.runs, ...options }, LESS_FORECAST);
    return { ...output, results: calibration ? withCalibratedSpread(report.parse(), calibration, toModelInput(scenario), level) : report };
  }
  const results = await runJob(c, "forecast", { scenario, ...options }, LESS_FORECAST);
  return { ...output, results: calibration ? withCalibratedIntervals(results.parse(), calibration, toModelInput(scenario), level) : results };
}

/** Default Monte Carlo samples of a sensitivity analysis (as `parley sensitivity`). */
export const DEFAULT_SENSITIVITY_RUNS = 2000;

/** Which inputs move each forecast most: the JSON of `parley sensitivity --json`. */
export async function runSensitivity(c: Context, scenario: Scenario, request: SensitivityRequest): Promise<JsonText<SensitivityReport>> {
  const runs = request.runs ?? DEFAULT_SENSITIVITY_RUNS;
  checkRounds(request.rounds);
  checkRuns(runs);
  return runJob(
    c,
    "sensitivity",
    {
      scenario,
      runs,
      models: chosenModels(request),
      ...(request.rounds !== undefined ? { rounds: request.rounds } : {}),
      ...(request.seed !== undefined ? { seed: request.seed } : {}),
    },
    LESS_FORECAST,
  );
}

// --- simulation --------------------------------------------------------------------------------

/** Longest simulated talks the server plays, in rounds. */
const MAX_SIMULATION_ROUNDS = 10_000;
const COARSER = serverSays("coarser");

/**
 * The number of outcomes of the scenario's grid at `step`, counted without building the grid (a tiny
 * step would otherwise allocate it on the event loop), refused over `max`.
 */
function checkGrid(scenario: Scenario, step: number | undefined, max: number): number {
  const { outcomes, largest } = guard(() => gridSize(scenario, step), "step");
  checkBudget({ limit: "outcomes", what: serverSays("countOutcomes"), requested: outcomes, max, askForLess: COARSER });
  checkBudget({ limit: "values", what: serverSays("countIssueValues", largest.issue), requested: largest.values, max: MAX_ISSUE_GRID, askForLess: COARSER });
  return outcomes;
}

/** Turns × outcomes a request may cost at most (a turn is cheap; setting up a run is linear in the outcomes). */
const MAX_SIMULATION_WORK = 2e9;

/** Simulated talks: the JSON of `parley simulate --json` (one run, `runs`, or `tournament`). */
/** The settings of a simulation request that a saved run records (everything but the scenario's source and `save`). */
const SIMULATION_SETTINGS = ["strategies", "strategy", "deadline", "collapse", "step", "order", "runs", "varyStrategies", "tournament", "players"] as const;

export async function runSimulate(c: Context, scenario: Scenario, request: SimulateRequest): Promise<RunOutput<unknown>> {
  const outcomes = checkGrid(scenario, request.step, MAX_SIMULATION_OUTCOMES);
  const deadline = request.deadline ?? scenario.simulation?.deadline ?? DEFAULT_DEADLINE;
  checkBudget({ limit: "deadline", what: serverSays("countRounds"), requested: deadline, max: MAX_SIMULATION_ROUNDS, askForLess: serverSays("lessDeadline") });
  const runs = request.runs ?? 1;
  if (request.runs !== undefined) checkRuns(request.runs);
  // eslint-disable-next-line no-restricted-syntax -- a count of profiles, compared with a limit only
  const profiles = request.tournament && request.tournament.length > 0 ? new Set(request.tournament).size ** (request.players?.length || scenario.actors.length) : 1;
  checkBudget({ limit: "games", what: serverSays("countGames"), requested: profiles * runs, max: BUDGETS.runs, askForLess: serverSays("lessGames") });
  checkBudget({ limit: "work", what: serverSays("countOutcomeRuns"), requested: profiles * runs * outcomes, max: MAX_SIMULATION_WORK, askForLess: serverSays("lessWork") });
  const { scenarioId: _id, version: _version, scenario: _scenario, save: _save, strategy, ...options } = request;
  const results = await runJob(c, "simulate", { scenario, ...options, ...(strategy !== undefined ? { defaultStrategy: strategy } : {}) }, serverSays("lessSimulation"));
  const parameters: Record<string, unknown> = {};
  for (const key of SIMULATION_SETTINGS) if (request[key] !== undefined) parameters[key] = request[key];
  return { results, models: [], parameters, seed: request.seed ?? 0 };
}

// --- agreement --------------------------------------------------------------------------------

/** Search nodes an agreement request may cost at most: (draws + the scenario as written) × nodes per search. */
export const MAX_AGREEMENT_WORK = 2e9;

/** Will they agree at all? The JSON of `parley agreement --json`. */
export async function runAgreement(c: Context, scenario: Scenario, request: AgreementRequest): Promise<JsonText<AgreementReport>> {
  const outcomes = checkGrid(scenario, request.step, BUDGETS.outcomes);
  if (request.runs !== undefined) checkRuns(request.runs);
  // Each search stops at its node budget, so a draw costs at most that many nodes however large the grid.
  const searches = 1 + (request.runs ?? 0);
  checkBudget({ limit: "work", what: serverSays("countSearchNodes"), requested: searches * Math.min(outcomes, DEFAULT_MAX_NODES), max: MAX_AGREEMENT_WORK, askForLess: serverSays("lessRunsOrCoarser") });
  const { scenarioId: _id, version: _version, scenario: _scenario, ...options } = request;
  return runJob(c, "agreement", { scenario, ...options }, serverSays("lessRunsOrCoarser"));
}

// --- deals -------------------------------------------------------------------------------------

/**
 * Deal contexts (preferences, reservations, compiled rules) of the store's scenarios, which are frozen
 * and shared: built once per version rather than at every evaluation (most of a deal request's time).
 */
const dealContexts = new WeakMap<Scenario, DealContext>();

function sharedDealContext(scenario: Scenario): DealContext {
  let context = dealContexts.get(scenario);
  if (!context) {
    context = guard(() => dealContext(scenario));
    if (Object.isFrozen(scenario)) dealContexts.set(scenario, context);
  }
  return context;
}

/** One evaluation for a named deal or given values (or both: the deal changed); every deal without either. */
export function runDeal(scenario: Scenario, request: DealRequest): RunOutput<DealEvaluation | DealEvaluation[]> {
  const context = sharedDealContext(scenario);
  const options = request.concernSalience !== undefined ? { concernSalience: request.concernSalience } : {};
  const parameters: Record<string, unknown> = {
    ...(request.deal !== undefined ? { deal: request.deal } : {}),
    ...(request.values !== undefined ? { values: request.values } : {}),
    ...options,
  };
  const done = (results: DealEvaluation | DealEvaluation[]) => ({ results, models: [], parameters, seed: null });
  const values = request.values !== undefined ? issueValuesOf(scenario, request.values, "values") : undefined;
  if (request.deal === undefined && values === undefined) {
    if (scenario.deals.length === 0) throw new HttpProblem("invalid-input", serverSays("noDeals"));
    return done(scenario.deals.map((deal) => guard(() => evaluateDeal(context, deal, options))));
  }
  let deal: Pick<Deal, "id" | "values"> = { id: "custom", values: values ?? {} };
  if (request.deal !== undefined) {
    const named = guard(() => findDeal(scenario, request.deal!), "deal");
    deal = values === undefined ? named : { id: `${named.id}+changes`, values: { ...named.values, ...values } };
  }
  return done(guard(() => evaluateDeal(context, deal, options)));
}

/** `{issue: value}` as a deal's values (dealValuesOf), every bad value located under `field`. */
function issueValuesOf(scenario: Scenario, raw: Readonly<Record<string, number | string>>, field: string): Record<string, IssueValue> {
  try {
    return dealValuesOf(scenario, raw);
  } catch (error) {
    if (!(error instanceof DealValuesError)) throw error;
    const errors = error.problems.map((p) => ({ path: `${field}.${p.issue}`, line: 0, column: 0, message: p.message }));
    throw new HttpProblem("invalid-input", entriesText(errors), { errors });
  }
}

// --- outcome space -----------------------------------------------------------------------------

export async function runAnalyze(c: Context, scenario: Scenario, request: AnalyzeRequest): Promise<RunOutput<ScenarioAnalysis>> {
  checkGrid(scenario, request.step, BUDGETS.outcomes);
  if (request.deal !== undefined && request.agreement !== undefined) throw new HttpProblem("invalid-request", serverSays("dealOrAgreement"));
  // The agreement is assessed at its own values: they join the grid of their issues.
  let outcome: DealOutcome | undefined;
  if (request.deal !== undefined) {
    sharedDealContext(scenario);
    outcome = dealOutcome(scenario, guard(() => findDeal(scenario, request.deal!), "deal").values);
  } else if (request.agreement !== undefined) {
    outcome = dealOutcome(scenario, issueValuesOf(scenario, request.agreement, "agreement"));
  }
  const points = outcome ? dealPoints(scenario, outcome) : undefined;
  const { space } = guard(() =>
    scenarioSpace(scenario, { ...(request.step !== undefined ? { step: request.step } : {}), ...(points ? { points } : {}), ...(request.parties ? { parties: request.parties } : {}) }),
  );
  const agreement = outcome ? [...nearestOutcome(space, outcome.values, outcome.options)] : undefined;
  const results = await runJob(
    c,
    "analyze",
    {
      scenario,
      ...(request.step !== undefined ? { step: request.step } : {}),
      ...(request.parties ? { parties: request.parties } : {}),
      ...(agreement ? { agreement, points } : {}),
      ...(request.algorithm ? { algorithm: request.algorithm } : {}),
    },
    serverSays("lessOutcomes"),
  );
  const parameters: Record<string, unknown> = {};
  for (const key of ["step", "parties", "deal", "agreement", "algorithm"] as const) if (request[key] !== undefined) parameters[key] = request[key];
  return { results, models: [], parameters, seed: null };
}

/** Runs `fn`, turning the library's errors about the input into 422 problems. */
function guard<T>(fn: () => T, path = ""): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof ModelError || error instanceof DealError || error instanceof OutcomeSpaceError) {
      throw new HttpProblem("invalid-input", error.message, { errors: [{ path, line: 0, column: 0, message: error.message }] });
    }
    throw error;
  }
}
