/**
 * The analyses the workbench runs in the browser with Parley's library, cached per scenario
 * object: a scenario is immutable, and a new one is made only when an edit validates.
 */
import { dealContext, type DealContext } from "../../src/deals/evaluate.js";
import { scenarioSpace } from "../../src/deals/space.js";
import { forecast, type ForecastResult } from "../../src/forecast.js";
import { analyzeSpace, type SpaceAnalysis } from "../../src/outcomes/analyze.js";
import { issueSizes, outcomeCount, type OutcomeSpace } from "../../src/outcomes/space.js";
import type { AdditiveUtility } from "../../src/outcomes/utility.js";
import type { Scenario } from "../../src/scenario/types.js";
import { record } from "./perf.js";

const forecasts = new WeakMap<Scenario, ForecastResult[] | Error>();

/** Every model's forecast (an Error when a model fails on this scenario). */
export function forecastOf(scenario: Scenario): ForecastResult[] | Error {
  let result = forecasts.get(scenario);
  if (result === undefined) {
    const start = performance.now();
    try {
      result = forecast(scenario);
    } catch (error) {
      result = error instanceof Error ? error : new Error(String(error));
    }
    record("forecast", performance.now() - start);
    forecasts.set(scenario, result);
  }
  return result;
}

const contexts = new WeakMap<Scenario, DealContext | Error>();

export function dealContextOf(scenario: Scenario): DealContext | Error {
  let context = contexts.get(scenario);
  if (context === undefined) {
    try {
      context = dealContext(scenario);
    } catch (error) {
      context = error instanceof Error ? error : new Error(String(error));
    }
    contexts.set(scenario, context);
  }
  return context;
}

export interface AgreementSpace {
  readonly parties: readonly [string, string];
  readonly analysis: SpaceAnalysis;
  /** Distinct utility pairs of the outcomes (all of them, or a sample of a large space). */
  readonly cloud: readonly (readonly [number, number])[];
  readonly outcomes: number;
  readonly sampled: boolean;
}

const spaces = new WeakMap<Scenario, Map<string, AgreementSpace | Error>>();

/** Spaces above this many outcomes are sampled for the scatter (the frontier is still exact). */
const ENUMERATE_LIMIT = 200_000;
const SAMPLE = 40_000;

/** The space of agreements for two parties: frontier, solutions and the cloud of outcomes. */
export function agreementSpaceOf(scenario: Scenario, a: string, b: string): AgreementSpace | Error {
  let byPair = spaces.get(scenario);
  if (!byPair) spaces.set(scenario, (byPair = new Map()));
  const key = `${a}\u0000${b}`;
  let result = byPair.get(key);
  if (result === undefined) {
    const start = performance.now();
    try {
      const { space, utilities, parties } = scenarioSpace(scenario, { parties: [a, b] });
      const analysis = analyzeSpace(space, utilities, { parties });
      const count = outcomeCount(space);
      const cloud = utilityCloud(space, utilities as AdditiveUtility[], count);
      result = { parties: [a, b], analysis, cloud, outcomes: count, sampled: count > ENUMERATE_LIMIT };
    } catch (error) {
      result = error instanceof Error ? error : new Error(String(error));
    }
    record("space", performance.now() - start);
    byPair.set(key, result);
  }
  return result;
}

/** Distinct (rounded) utility pairs over every outcome, or over a deterministic sample. */
function utilityCloud(space: OutcomeSpace, utilities: readonly AdditiveUtility[], count: number): [number, number][] {
  const sizes = issueSizes(space);
  const [ua, ub] = utilities as [AdditiveUtility, AdditiveUtility];
  const ca = ua.values.map((table, i) => table.map((v) => v * ua.weights[i]!));
  const cb = ub.values.map((table, i) => table.map((v) => v * ub.weights[i]!));
  const seen = new Set<number>();
  const out: [number, number][] = [];
  const add = (x: number, y: number) => {
    const key = Math.round(x * 400) * 1000 + Math.round(y * 400);
    if (seen.has(key)) return;
    seen.add(key);
    out.push([x, y]);
  };
  if (count <= ENUMERATE_LIMIT) {
    const outcome = new Array<number>(sizes.length).fill(0);
    for (let n = 0; n < count; n++) {
      let x = 0;
      let y = 0;
      for (let i = 0; i < sizes.length; i++) {
        x += ca[i]![outcome[i]!]!;
        y += cb[i]![outcome[i]!]!;
      }
      add(x, y);
      for (let i = sizes.length - 1; i >= 0; i--) {
        if (++outcome[i]! < sizes[i]!) break;
        outcome[i] = 0;
      }
    }
  } else {
    let seed = 0x9e3779b9;
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    for (let n = 0; n < SAMPLE; n++) {
      let x = 0;
      let y = 0;
      for (let i = 0; i < sizes.length; i++) {
        const k = Math.floor(random() * sizes[i]!);
        x += ca[i]![k]!;
        y += cb[i]![k]!;
      }
      add(x, y);
    }
  }
  return out;
}
