/**
 * Validation of a scenario text: syntax, then the checks of `validate-data.ts` (the format's schema,
 * references between sections, values on their scales, quotes in their sources), every problem
 * located at its line and column. Pure: source texts come through a callback.
 */
import { parseLocated } from "./document.js";
import { validateDocument, type ValidateOptions, type ValidationResult } from "./validate-data.js";

export { scenarioJsonSchema, squeezeWhitespace, validateScenarioData, type ValidateOptions, type ValidationResult } from "./validate-data.js";

/** Validates a scenario given as YAML or JSON text. */
export function validateScenario(text: string, options: ValidateOptions = {}): ValidationResult {
  const file = options.file ?? "<scenario>";
  const doc = parseLocated(text, file);
  if (doc.syntaxErrors.length > 0) return { ok: false, errors: doc.syntaxErrors, warnings: [] };
  return validateDocument(doc, options);
}
