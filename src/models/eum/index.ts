/**
 * The expected utility model (Bueno de Mesquita; Scholz, Calbert & Smith 2011 reconstruction) as a
 * {@link ForecastModel}. See `docs/models/eum.md`.
 */

import {
  ModelError,
  type ForecastModel,
  type ModelInput,
  type ModelOptions,
  type ModelOutput,
  type ModelRound,
} from "../types.js";
import { runEum, validateRounds, type EumActor, type EumOptions } from "./model.js";
import { EUM_VARIANTS, isEumVariant } from "./rules.js";

export { runEum, buildContext, DEFAULT_EUM_ROUNDS } from "./model.js";
export type { EumActor, EumInput, EumOptions, EumResult, EumRound } from "./model.js";
export * from "./rules.js";
export { preferenceMargin, distancePowers, globalNormaliser, probabilityOfSuccess, probabilityMatrix } from "./votes.js";
export type { NormaliserSummation, VoteTable } from "./votes.js";
export { basicUtilities, noChallengeUtilities, expectedUtility } from "./utility.js";
export { dangerLevels, riskExponents } from "./risk.js";
export { classifyOffer, compromisePosition, compromiseKey, offersTo, chooseOffer } from "./offers.js";
export type { Offer, OfferKind } from "./offers.js";
export { playRound, createSnapshot } from "./round.js";
export type { Move, RoundResult, RunContext } from "./round.js";
export { weightedMean, weightedMedian, condorcetMedian } from "./summary.js";

/** Parameters the adapter accepts in `options.parameters`. */
const PARAMETER_NAMES = ["variant", "statusQuoProbability"] as const;

/** The result of the model on one issue, ready to be spread across actors × issues. */
interface IssueRun {
  /** Positions per round (index = round), aligned with `participants`. */
  readonly positionsByRound: readonly (readonly number[])[];
  readonly weightedMeanByRound: readonly number[];
  readonly weightedMedianByRound: readonly number[];
  /** Indices (in the model input) of the actors with a stance on the issue. */
  readonly participants: readonly number[];
}

/**
 * Run EUM separately on each issue. Only actors with a stance on an issue take part in it, with
 * salience/100 and their capability on that issue. The forecast is the capability×salience weighted
 * median of the final round; `alternatives.weightedMean` gives the final weighted mean per issue.
 *
 * An issue with a single participant, or on which all participants already agree, has nothing to
 * negotiate: its forecast is that common position and it does not move in any round (rather than the
 * error `runEum` raises for R = 0). An issue with no participant at all is an error.
 */
export const eumModel: ForecastModel = {
  id: "eum",
  name: "Expected utility model (Bueno de Mesquita / Scholz et al.)",
  description:
    "Bueno de Mesquita's expected utility model: actors challenge, compromise and confront over a fixed number of rounds; forecast = weighted median.",
  iterative: true,
  run(input: ModelInput, options: ModelOptions = {}): ModelOutput {
    const roundCount = validateRounds(options.rounds);
    const modelOptions: EumOptions = { ...parseParameters(options.parameters), rounds: roundCount };
    const runs = input.issues.map((_, issueIndex) => runIssue(input, issueIndex, modelOptions, roundCount));
    return {
      forecasts: runs.map((run) => run.weightedMedianByRound[roundCount] as number),
      rounds: assembleRounds(input, runs, roundCount),
      alternatives: { weightedMean: runs.map((run) => run.weightedMeanByRound[roundCount] as number) },
      details: {
        variant: modelOptions.variant ?? "scholz-code",
        weightedMeanByRound: runs.map((run) => run.weightedMeanByRound),
        weightedMedianByRound: runs.map((run) => run.weightedMedianByRound),
      },
    };
  },
};

/** Validate `options.parameters` and turn them into model options. */
function parseParameters(parameters: Readonly<Record<string, unknown>> | undefined): EumOptions {
  if (parameters === undefined) return {};
  for (const name of Object.keys(parameters)) {
    if (!(PARAMETER_NAMES as readonly string[]).includes(name)) {
      throw new ModelError(`Unknown EUM parameter "${name}"; allowed: ${PARAMETER_NAMES.join(", ")}.`);
    }
  }
  const { variant, statusQuoProbability } = parameters;
  if (variant !== undefined && !isEumVariant(variant)) {
    throw new ModelError(`Unknown EUM variant ${JSON.stringify(variant)}; allowed values: ${EUM_VARIANTS.join(", ")}.`);
  }
  if (statusQuoProbability !== undefined && typeof statusQuoProbability !== "number") {
    throw new ModelError(`The EUM parameter statusQuoProbability must be a number between 0 and 1, got ${JSON.stringify(statusQuoProbability)}.`);
  }
  return {
    ...(variant !== undefined && { variant }),
    ...(statusQuoProbability !== undefined && { statusQuoProbability }),
  };
}

function runIssue(input: ModelInput, issueIndex: number, options: EumOptions, roundCount: number): IssueRun {
  const issue = input.issues[issueIndex];
  const issueLabel = `issue "${issue?.id ?? issueIndex + 1}"`;
  const participants: number[] = [];
  const actors: EumActor[] = [];
  input.actors.forEach((actor, actorIndex) => {
    const stance = input.stances[actorIndex]?.[issueIndex] ?? null;
    if (stance === null) return;
    if (!Number.isFinite(stance.salience) || stance.salience < 0 || stance.salience > 100) {
      throw new ModelError(`Actor "${actor.id}" on ${issueLabel}: salience must be between 0 and 100, got ${stance.salience}.`);
    }
    const capability = actor.capability[issueIndex];
    if (capability === undefined) {
      throw new ModelError(`Actor "${actor.id}" has no capability for ${issueLabel}.`);
    }
    participants.push(actorIndex);
    actors.push({ name: actor.id, capability, position: stance.position, salience: stance.salience / 100 });
  });
  const first = actors[0];
  if (first === undefined) throw new ModelError(`No actor takes a stance on ${issueLabel}, so there is nothing to forecast.`);

  if (actors.length < 2 || actors.every((actor) => actor.position === first.position)) {
    return staticIssue(actors, participants, roundCount, first.position);
  }
  try {
    const result = runEum({ actors }, options);
    return {
      participants,
      positionsByRound: result.rounds.map((round) => round.positions),
      weightedMeanByRound: result.rounds.map((round) => round.weightedMean),
      weightedMedianByRound: result.rounds.map((round) => round.weightedMedian),
    };
  } catch (error) {
    if (error instanceof ModelError) throw new ModelError(`On ${issueLabel}: ${error.message}`);
    throw error;
  }
}

/** An issue with nothing to negotiate: everyone stays at the common position in every round. */
function staticIssue(actors: readonly EumActor[], participants: readonly number[], roundCount: number, position: number): IssueRun {
  const perRound = Array.from({ length: roundCount + 1 }, () => position);
  return {
    participants,
    positionsByRound: perRound.map(() => actors.map((actor) => actor.position)),
    weightedMeanByRound: perRound,
    weightedMedianByRound: perRound,
  };
}

/** Spread the per-issue runs into rounds of positions[actor][issue], null where an actor has no stance. */
function assembleRounds(input: ModelInput, runs: readonly IssueRun[], roundCount: number): ModelRound[] {
  const rounds: ModelRound[] = [];
  for (let round = 0; round <= roundCount; round++) {
    const positions = input.actors.map(() => input.issues.map((): number | null => null));
    runs.forEach((run, issueIndex) => {
      run.participants.forEach((actorIndex, slot) => {
        const row = positions[actorIndex];
        if (row !== undefined) row[issueIndex] = run.positionsByRound[round]?.[slot] ?? null;
      });
    });
    rounds.push({ round, positions });
  }
  return rounds;
}
