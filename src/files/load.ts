/**
 * Reading scenarios from disk: the only place the library touches the file system. Source
 * files named by a scenario are read relative to it, so quotes can be checked.
 */
import { readFileSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { InvalidInputError, type Diagnostic } from "../scenario/diagnostics.js";
import { MAX_INPUT_BYTES } from "../scenario/document.js";
import type { Scenario } from "../scenario/types.js";
import { validateScenario, type ValidationResult } from "../scenario/validate.js";

/** Reads a text file, or returns a diagnostic saying why it cannot be read. */
export function readTextFile(path: string): { text: string } | { error: Diagnostic } {
  const at = (message: string): { error: Diagnostic } => ({ error: { file: path, line: 0, column: 0, path: "", message } });
  try {
    const stats = statSync(path);
    if (stats.isDirectory()) return at("is a folder; expected a file");
    if (stats.size > MAX_INPUT_BYTES) return at(`is ${stats.size} bytes; expected at most ${MAX_INPUT_BYTES}`);
    return { text: readFileSync(path, "utf8") };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return at(code === "ENOENT" ? "file not found" : code === "EACCES" ? "permission denied" : `cannot be read (${code ?? String(error)})`);
  }
}

/** Validates a scenario file, checking quotes against source files that exist. */
export function validateScenarioFile(path: string): ValidationResult {
  const read = readTextFile(path);
  if ("error" in read) return { ok: false, errors: [read.error], warnings: [] };
  const folder = dirname(resolve(path));
  return validateScenario(read.text, {
    file: path,
    readSource: (relative) => {
      const source = readTextFile(resolve(folder, relative));
      return "text" in source ? source.text : undefined;
    },
  });
}

/** Loads and validates a scenario file; throws InvalidInputError with every problem found. */
export function loadScenario(path: string): Scenario {
  const result = validateScenarioFile(path);
  if (!result.ok) throw new InvalidInputError(result.errors);
  return result.scenario;
}
