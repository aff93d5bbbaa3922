/**
 * Will they agree at all? Acceptance of outcomes under red lines, linkage, outside options and the
 * decision rule (docs/agreement.md). Pure.
 */
export {
  ACCEPT_TOLERANCE,
  acceptsOutcome,
  actorUtility,
  agreementModel,
  decisionReached,
  isAgreement,
  isStatusQuo,
  judgeOutcome,
  reservationValues,
  type ActorAcceptance,
  type AgreementModel,
  type AgreementReason,
  type CapabilityShare,
  type CompiledLinkage,
  type CompiledRedLine,
  type Constraints,
  type OutcomeJudgement,
  type RedLineVerdict,
  type WalkAwaySource,
  withoutStatusQuo,
} from "./model.js";
export { explainAgreement } from "./explain.js";
export { ruleDependencies, type RuleDependencies } from "./dependencies.js";
export { unmeetableRedLines } from "./satisfiable.js";
export { sampleAgreements, DEFAULT_SAMPLES, MAX_SAMPLES, type SampledEstimate, type SampleOptions } from "./sample.js";
