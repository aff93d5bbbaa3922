/**
 * KTAB's Spatial Model of Politics (SMP), exact to KTAB's deterministic runs. See
 * `../shared/reference/specs/smp.md` for the algorithm; `run.ts` for the turn loop and its cost.
 */

export { smpModel, runSmpModel, toSmpInput, capSalienceSum } from "./adapter.js";
export { runSmp, MIN_ACTORS, MAX_ACTORS, DEFAULT_MAX_TURNS } from "./run.js";
export type { SmpInput, SmpActorInput, SmpAccommodation, SmpResult, SmpStopReason, SmpTurn, SmpRunOptions } from "./types.js";
export {
  DEFAULT_SMP_PARAMETERS,
  SMP_PARAMETER_VALUES,
  resolveSmpParameters,
  parseSmpParameterValue,
  isSmpParameterName,
} from "./parameters.js";
export type {
  SmpParameters,
  VictoryProbModel,
  PceModel,
  StateTransitions,
  VotingRule,
  BigRAdjust,
  BigRRange,
  ThirdPartyCommit,
  InterVecBrgn,
  BargnModel,
} from "./parameters.js";
export { vote, victoryProbability, coalitionMatrix, victoryMatrix } from "./votes.js";
export { pce, conditionalPce, markovUniformPce, markovIncentivePce } from "./pce.js";
export { riskAttitudes, perceivedRisk } from "./risk.js";
export { weightedDistance, riskUtility, roundTo4Decimals } from "./utility.js";
export { challengeValue, chooseTarget } from "./challenge.js";
export { interpolateBargain, averageBargains } from "./bargain.js";
