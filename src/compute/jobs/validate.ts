/**
 * Compute job `validate`: a scenario text's validation (`validateScenario`, as `parley validate`), for
 * a save whose text is too large to validate on the server's event loop (src/server/validation.ts
 * decides). The result is the one the event loop would have had: the scenario, or every error located
 * in the text.
 *
 * A JSON request body (`json`) is also parsed as such first, as the server does inline: its syntax
 * errors are reported apart (the body is not JSON, 400, rather than an invalid scenario, 422), the keys
 * of its top-level mapping say whether it wraps the scenario in an envelope, and the YAML text it is
 * stored as is written here too.
 */
import { stringify } from "yaml";
import type { Diagnostic } from "../../scenario/diagnostics.js";
import { parseLocated } from "../../scenario/document.js";
import { validateScenario, type ValidationResult } from "../../scenario/validate.js";

export interface ValidateJobInput {
  readonly text: string;
  /** Name used in diagnostics (`<request body>`, an upload's file name). */
  readonly file: string;
  /** The text is a JSON request body. */
  readonly json?: boolean;
}

export type ValidateJobOutput =
  /** The text is not JSON (or YAML) at all. */
  | { readonly syntaxErrors: readonly Diagnostic[] }
  | {
      readonly result: ValidationResult;
      /** For a JSON body: the keys of its top-level mapping (undefined when it is not a mapping), and its YAML. */
      readonly topLevelKeys?: readonly string[];
      readonly yaml?: string;
    };

export default function validateJob({ text, file, json }: ValidateJobInput): ValidateJobOutput {
  if (!json) return { result: validateScenario(text, { file }) };
  const doc = parseLocated(text, file);
  if (doc.syntaxErrors.length > 0) return { syntaxErrors: doc.syntaxErrors };
  const value = doc.value;
  const isMapping = value !== null && typeof value === "object" && !Array.isArray(value);
  const result = validateScenario(text, { file });
  return {
    result,
    ...(isMapping ? { topLevelKeys: Object.keys(value) } : {}),
    ...(result.ok ? { yaml: stringify(value, { lineWidth: 0 }) } : {}),
  };
}
