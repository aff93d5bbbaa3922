/**
 * Validation of scenario data: the format's schema (zod), then the checks that need the whole scenario
 * (`checks.ts`: references between sections, values on their scales, quotes in their sources). Every
 * problem is reported at once, located where the data came from a text (`validate.ts` parses texts).
 * Loads no text parser: validating an imported file never loads the YAML library. Pure: source texts
 * come through a callback.
 */
import { z } from "zod";
import { validateDocumentWith, type ShapeCheck, type ValidateOptions, type ValidationResult } from "./checks.js";
import { unlocatedDocument, type LocatedDocument } from "./located.js";
import { scenarioSchema } from "./schema.js";
import { zodIssuesToDiagnostics } from "./zod-diagnostics.js";

export { squeezeWhitespace, type ValidateOptions, type ValidationResult } from "./checks.js";

let cachedJsonSchema: object | undefined;

/** The JSON Schema of the scenario format (for editors), generated from the zod definition. */
export function scenarioJsonSchema(): object {
  cachedJsonSchema ??= {
    ...z.toJSONSchema(scenarioSchema, { io: "input", unrepresentable: "any" }),
    title: "Parley scenario",
  };
  return cachedJsonSchema;
}

/** Validates already-parsed data (e.g. an imported file), locating errors by field path only. */
export function validateScenarioData(data: unknown, options: ValidateOptions = {}): ValidationResult {
  return validateDocument(unlocatedDocument(data, options.file ?? "<scenario>"), options);
}

/** The format's shape, checked by its zod schema; problems located and worded for an analyst. */
const schemaShape: ShapeCheck = (data, doc) => {
  const parsed = scenarioSchema.safeParse(data);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, errors: zodIssuesToDiagnostics(parsed.error.issues, doc, scenarioJsonSchema()) };
};

/** Validates a parsed document (its syntax errors already reported). */
export function validateDocument(doc: LocatedDocument, options: ValidateOptions): ValidationResult {
  return validateDocumentWith(doc, options, schemaShape);
}
