/**
 * Parley's library: load and validate scenarios, forecast them with established models.
 * The CLI, the server and the workbench use only what is exported here.
 */
export { loadScenario, validateScenarioFile } from "./files/load.js";
export { validateScenario, validateScenarioData, scenarioJsonSchema, type ValidateOptions, type ValidationResult } from "./scenario/validate.js";
export { InvalidInputError, formatDiagnostic, type Diagnostic } from "./scenario/diagnostics.js";
export { text, type Language } from "./scenario/label.js";
export { toModelInput } from "./scenario/model-input.js";
export type * from "./scenario/types.js";
export { SCHEMA_VERSION } from "./scenario/schema.js";
export { forecast, nearestAnchor, type ForecastOptions, type ForecastResult, type ForecastRound, type IssueForecast } from "./forecast.js";
export { models, findModel } from "./models/index.js";
export { compromise, weightedMean } from "./models/compromise.js";
export { weightedMedian } from "./models/weighted-median.js";
export { nashBargaining } from "./models/nash-bargaining.js";
export { ModelError, type ForecastModel, type ModelInput, type ModelOutput, type ModelOptions } from "./models/types.js";

// Deals and the space of agreements.
export { dealContext, dealValuesOf, evaluateDeal, findDeal, dealOutcome, DealValuesError, type DealEvaluation, type DealContext, type DealValue, type DealValueProblem, type ActorVerdict } from "./deals/evaluate.js";
export { actorPreferences, statusQuo, utility, DealError, type Outcome as DealOutcome } from "./deals/preferences.js";
export { scenarioSpace, issueGrid, type ScenarioSpace } from "./deals/space.js";

// Will they agree at all? (docs/agreement.md)
export * from "./agreement/index.js";
export { analyzeSpace, type SpaceAnalysis } from "./outcomes/analyze.js";
export { analyzeScenario, type AgreementSpace, type ScenarioAnalysis, type ScenarioAnalysisOptions } from "./outcomes/agreements.js";
export {
  parseRule,
  evaluateRule,
  explainReason,
  explainAcceptance,
  type Rule,
  type RuleContext,
  type RuleSchema,
  type RuleResult,
  type Reason,
  type AcceptanceReason,
  type ReasonLabels,
} from "./rules/index.js";
export { reasonLabels, scenarioExplainer, type ScenarioExplainer } from "./deals/reasons.js";

// Importers (pure: text in, data out).
export { parseKtabCsv, parseKtabXml } from "./importers/ktab.js";
export { parseEumCsv } from "./importers/eum-csv.js";
export { importGeniusXml, importGeniusWeb, importNegoLog } from "./importers/genius/index.js";
export { parseDeu, parseCouncilWeights } from "./importers/deu.js";
export { scenarioFromKtab, scenarioFromEumCsv, scenarioFromNegotiation } from "./importers/to-scenario.js";
export { ImportError } from "./importers/errors.js";
export { loadInput, importScenario } from "./files/input.js";

// Backtests, uncertainty, briefings.
export { runBacktest, type BacktestRun } from "./backtest/backtest.js";
export { monteCarlo, type MonteCarloReport } from "./uncertainty/monte-carlo.js";
export { sensitivity, type SensitivityReport } from "./uncertainty/sensitivity.js";
export { buildBriefing, renderHtml, renderMarkdown } from "./report/index.js";
export { alignment, testClaim } from "./alignment/alignment.js";

// Negotiation as a process: agents under stacked alternating offers (docs/simulation.md).
export {
  simulateScenario,
  simulate,
  simulateRuns,
  simulateDomainRuns,
  tournament,
  domainTournament,
  scenarioSetup,
  domainSetup,
  runProtocol,
  spaceStakes,
  createNegotiator,
  STRATEGIES,
  SimulationError,
  type NegotiationStakes,
  type SimulationResult,
  type ScenarioSimulationResult,
  type SimulationRunsReport,
  type TournamentReport,
  type Strategy,
  type Negotiator,
} from "./simulation/index.js";
