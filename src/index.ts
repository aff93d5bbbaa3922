/**
 * Parley's library: load and validate scenarios, forecast them with established models.
 * The CLI, the server and the workbench use only what is exported here.
 */
export { loadScenario, validateScenarioFile } from "./node/load.js";
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
