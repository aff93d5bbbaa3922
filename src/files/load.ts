/**
 * Reading scenarios and calibrations from disk: with `read.ts`, the only place the library touches the file
 * system. Source files named by a scenario are read relative to it, so quotes can be checked.
 */
import { parseCalibration } from "../calibration/file.js";
import type { Calibration } from "../calibration/calibration.js";
import { InvalidInputError } from "../scenario/diagnostics.js";
import type { Scenario } from "../scenario/types.js";
import { validateScenario, type ValidationResult } from "../scenario/validate.js";
import { readTextFile, sourceReader, validScenario } from "./read.js";

export { readTextFile, readTextOrThrow, sourceReader, validScenario } from "./read.js";

/** Validates a scenario file, checking quotes against source files that exist. */
export function validateScenarioFile(path: string): ValidationResult {
  const read = readTextFile(path);
  if ("error" in read) return { ok: false, errors: [read.error], warnings: [] };
  return validateScenarioText(read.text, path);
}

/** Validates the text of the scenario file at `path` (already read), checking quotes against source files beside it. */
export function validateScenarioText(text: string, path: string): ValidationResult {
  return validateScenario(text, { file: path, readSource: sourceReader(path) });
}

/** Loads and validates a scenario file; throws InvalidInputError with every problem found. */
export function loadScenario(path: string): Scenario {
  return validScenario(validateScenarioFile(path));
}

/** Reads a calibration file (`parley backtest --save-calibration`); a missing or bad file is an input error with its location. */
export function loadCalibration(path: string): Calibration {
  const read = readTextFile(path);
  if ("error" in read) throw new InvalidInputError([read.error]);
  return parseCalibration(read.text, path);
}
