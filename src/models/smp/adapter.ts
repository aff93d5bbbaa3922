/**
 * The ForecastModel face of SMP: maps Parley's ModelInput (issues on their own scales) onto KTAB's
 * 0–100 dimensions, runs SMP and maps the turns back.
 */

import {
  ModelError,
  type ForecastModel,
  type ModelInput,
  type ModelIssue,
  type ModelOptions,
  type ModelOutput,
  type ModelRound,
} from "../types.js";
import { resolveSmpParameters, type SmpParameters } from "./parameters.js";
import { runSmp } from "./run.js";
import type { SmpActorInput, SmpInput, SmpResult } from "./types.js";

/**
 * Builds the SMP input:
 * - positions are rescaled to 0–100 by (x − min)/(max − min)·100;
 * - saliences are taken as given, but an actor whose saliences sum above 100 has them scaled down
 *   proportionally to sum exactly 100 (SMP requires Σ ≤ 100; the proportions are what matters);
 * - an actor's capability is the mean of its per-issue capabilities (SMP has one capability per actor);
 * - an actor without a stance on an issue gets salience 0 there, positioned at the issue's reference
 *   point, or its midpoint when there is none (with salience 0 the position does not affect its utility).
 */
export function toSmpInput(input: ModelInput): SmpInput {
  const { issues } = input;
  for (let k = 0; k < issues.length; k++) checkIssueScale(issues[k] as ModelIssue);
  // Loops rather than closures: a Monte Carlo converts thousands of samples (the same numbers either way).
  const actors = new Array<SmpActorInput>(input.actors.length);
  for (let a = 0; a < actors.length; a++) {
    const actor = input.actors[a] as ModelInput["actors"][number];
    const stances = input.stances[a] ?? [];
    const position = new Array<number>(issues.length);
    const rawSalience = new Array<number>(issues.length);
    for (let k = 0; k < issues.length; k++) {
      const issue = issues[k] as ModelIssue;
      const stance = stances[k] ?? null;
      rawSalience[k] = stance?.salience ?? 0;
      if (stance === null) {
        position[k] = toPercent(issue, issue.reference ?? (issue.min + issue.max) / 2);
        continue;
      }
      if (!(stance.position >= issue.min && stance.position <= issue.max)) {
        throw new ModelError(
          `Actor "${actor.id}" has position ${stance.position} on issue "${issue.id}", outside its scale [${issue.min}, ${issue.max}].`,
        );
      }
      position[k] = toPercent(issue, stance.position);
    }
    actors[a] = { name: actor.id, capability: mean(actor.capability, actor.id), position, salience: capSalienceSum(rawSalience) };
  }
  return { actors, dimensions: issues.map((issue) => issue.id) };
}

/** Scales saliences down proportionally when they sum above 100; leaves them as given otherwise. */
export function capSalienceSum(saliences: readonly number[]): number[] {
  let total = 0;
  for (let k = 0; k < saliences.length; k++) total += saliences[k] as number;
  return total > 100 ? saliences.map((s) => (s * 100) / total) : [...saliences];
}

/** The issue's value x as 0–100 on SMP's scale. */
function toPercent(issue: ModelIssue, value: number): number {
  return ((value - issue.min) / (issue.max - issue.min)) * 100;
}

/** A 0–100 SMP coordinate back on the issue's scale. */
function fromPercent(issue: ModelIssue, percent: number): number {
  return issue.min + (percent / 100) * (issue.max - issue.min);
}

function checkIssueScale(issue: ModelIssue): void {
  if (!(Number.isFinite(issue.min) && Number.isFinite(issue.max) && issue.max > issue.min)) {
    throw new ModelError(`Issue "${issue.id}" needs a scale with max > min; got [${issue.min}, ${issue.max}].`);
  }
}

/** Mean of an actor's per-issue capabilities. */
function mean(values: readonly number[], actorId: string): number {
  if (values.length === 0) throw new ModelError(`Actor "${actorId}" has no capability.`);
  let sum = 0;
  for (let k = 0; k < values.length; k++) sum += values[k] as number;
  return sum / values.length;
}

/** Per issue, the final position of the most probable actor among those with a stance on it. */
function forecastsOf(input: ModelInput, result: SmpResult): number[] {
  const last = result.turns[result.turns.length - 1];
  if (last === undefined) throw new ModelError("SMP produced no turns.");
  return input.issues.map((issue, k) => {
    let best = -1;
    for (let a = 0; a < input.actors.length; a++) {
      if ((input.stances[a]?.[k] ?? null) === null) continue;
      if (best < 0 || (last.probabilities[a] as number) > (last.probabilities[best] as number)) best = a;
    }
    if (best < 0) return issue.reference ?? (issue.min + issue.max) / 2;
    return fromPercent(issue, last.positions[best]?.[k] as number);
  });
}

/** Every turn on the issues' scales, with null where an actor has no stance. */
function roundsOf(input: ModelInput, result: SmpResult): ModelRound[] {
  return result.turns.map((turn) => ({
    round: turn.turn,
    positions: turn.positions.map((row, a) =>
      input.issues.map((issue, k) => ((input.stances[a]?.[k] ?? null) === null ? null : fromPercent(issue, row[k] as number))),
    ),
    probabilities: turn.probabilities,
  }));
}

function seedOf(value: unknown): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) throw new ModelError(`SMP parameter "seed" must be a whole number ≥ 0, got ${JSON.stringify(value)}.`);
  return value;
}

/**
 * The scenario's ideal-accommodation entries (KTAB's IdealAdjustment), written with actor ids:
 * `accommodation: [{adjusting: ROK, reference: USA, adjust: 0.1}]`.
 */
function accommodationOf(input: ModelInput, value: unknown): NonNullable<SmpInput["accommodation"]> {
  if (!Array.isArray(value)) throw new ModelError('SMP parameter "accommodation" must be a list of {adjusting, reference, adjust}.');
  const index = (id: unknown, field: string): number => {
    const a = input.actors.findIndex((actor) => actor.id === id);
    if (a < 0) throw new ModelError(`SMP accommodation: ${field} "${String(id)}" is not an actor; expected one of: ${input.actors.map((x) => x.id).join(", ")}.`);
    return a;
  };
  return value.map((entry: unknown) => {
    const e = (entry ?? {}) as Record<string, unknown>;
    if (typeof e["adjust"] !== "number" || !Number.isFinite(e["adjust"])) throw new ModelError("SMP accommodation: adjust must be a number.");
    return { adjusting: index(e["adjusting"], "adjusting"), reference: index(e["reference"], "reference"), adjust: e["adjust"] };
  });
}

/** Whether an actor has a salience above 0 somewhere. */
function caresAboutSomething(actor: SmpActorInput): boolean {
  for (let k = 0; k < actor.salience.length; k++) if ((actor.salience[k] as number) > 0) return true;
  return false;
}

/** `withoutIndifferentActors`'s answer when every actor takes part (the usual case): nothing to subset or expand. */
const ALL_TAKE_PART: number[] = [];

/**
 * Actors with salience 0 on every issue care about nothing here: KTAB refuses them (S_i must be > 0),
 * and they could neither challenge nor resist. They sit out the run, keeping their positions, with
 * probability 0. Returns the indices of those who take part and the input restricted to them.
 */
function withoutIndifferentActors(input: SmpInput): { taking: number[]; subset: SmpInput } {
  if (input.actors.every(caresAboutSomething)) return { taking: ALL_TAKE_PART, subset: input };
  const taking = input.actors.flatMap((actor, i) => (caresAboutSomething(actor) ? [i] : []));
  const newIndex = new Map(taking.map((i, k) => [i, k]));
  const accommodation = input.accommodation?.flatMap((a) => {
    const adjusting = newIndex.get(a.adjusting);
    const reference = newIndex.get(a.reference);
    return adjusting === undefined || reference === undefined ? [] : [{ ...a, adjusting, reference }];
  });
  return {
    taking,
    subset: { ...input, actors: taking.map((i) => input.actors[i]!), ...(accommodation ? { accommodation } : {}) },
  };
}

/** A result over the taking part actors, put back in the full actor order (see `withoutIndifferentActors`). */
function expandResult(result: SmpResult, taking: readonly number[], input: SmpInput): SmpResult {
  if (taking === ALL_TAKE_PART) return result;
  return {
    ...result,
    turns: result.turns.map((turn) => {
      const positions = input.actors.map((actor) => [...actor.position]);
      const probabilities = input.actors.map(() => 0);
      taking.forEach((i, k) => {
        positions[i] = turn.positions[k]!;
        probabilities[i] = turn.probabilities[k]!;
      });
      return { ...turn, positions, probabilities };
    }),
  };
}

/** A scenario's SMP parameters split into the nine KTAB parameters (resolved), `accommodation` and `seed`. */
interface ModelParameters {
  readonly accommodation: unknown;
  readonly scenarioSeed: unknown;
  readonly parameters: SmpParameters;
  /** The map's entries when resolved, to tell a map changed in place since. */
  readonly entries: readonly (readonly [string, unknown])[];
}

/**
 * Resolved parameters by the scenario's parameter map: a Monte Carlo runs SMP thousands of times with the
 * same map, and resolving it once is enough (a map changed in place since is resolved again). A map that
 * does not resolve is not kept, so every run throws its ModelError.
 */
const resolvedParameters = new WeakMap<object, ModelParameters>();
const NO_PARAMETERS: Readonly<Record<string, unknown>> = Object.freeze({});

function modelParameters(given: Readonly<Record<string, unknown>> | undefined): ModelParameters {
  const map = given ?? NO_PARAMETERS;
  const known = resolvedParameters.get(map);
  if (known !== undefined && sameEntries(map, known.entries)) return known;
  const { accommodation, seed: scenarioSeed, ...enums } = map;
  const fresh = { accommodation, scenarioSeed, parameters: resolveSmpParameters(enums), entries: Object.entries(map) };
  resolvedParameters.set(map, fresh);
  return fresh;
}

function sameEntries(map: Readonly<Record<string, unknown>>, entries: readonly (readonly [string, unknown])[]): boolean {
  let count = 0;
  for (const key in map) {
    const entry = entries[count++];
    if (entry === undefined || entry[0] !== key || entry[1] !== map[key]) return false;
  }
  return count === entries.length;
}

/**
 * Runs SMP on a ModelInput. `options.parameters` may set any of the nine SMP parameters (validated; an unknown
 * name or value is a ModelError listing what is allowed); `options.seed` seeds Stochastic mode.
 * `options.rounds` is ignored: SMP stops by its own rule (at most 100 turns). With `options.forecastOnly`
 * only the final turn is kept and no rounds are returned (the forecasts are the same).
 */
export function runSmpModel(input: ModelInput, options?: ModelOptions): ModelOutput {
  const { accommodation, scenarioSeed, parameters } = modelParameters(options?.parameters);
  const seed = options?.seed ?? (scenarioSeed === undefined ? undefined : seedOf(scenarioSeed));
  const smpInput = toSmpInput(input);
  const withAccommodation = accommodation === undefined ? smpInput : { ...smpInput, accommodation: accommodationOf(input, accommodation) };
  const forecastOnly = options?.forecastOnly === true;
  const { taking, subset } = withoutIndifferentActors(withAccommodation);
  const result = expandResult(
    runSmp(subset, parameters, {
      ...(seed === undefined ? {} : { seed }),
      ...(forecastOnly ? { record: "final" as const } : {}),
    }),
    taking,
    withAccommodation,
  );
  return {
    forecasts: forecastsOf(input, result),
    ...(forecastOnly ? {} : { rounds: roundsOf(input, result) }),
    details: {
      parameters: result.parameters,
      turns: result.turns[result.turns.length - 1]?.turn ?? 0,
      consensus: result.consensus,
      stopReason: result.stopReason,
      ...(parameters.StateTransitions === "Stochastic" ? { seed: seed ?? 0 } : {}),
    },
  };
}

export const smpModel: ForecastModel = {
  id: "smp",
  name: "Spatial Model of Politics (KTAB)",
  description: "KAPSARC's Spatial Model of Politics: actors bargain turn by turn until positions settle.",
  iterative: true,
  run: runSmpModel,
};
