/**
 * The calibration the forecast view gives its intervals from: a track record the analyst loads from a
 * file (as `parley backtest … --save-calibration` writes it) or the bundled DEU III one, checked with
 * the library's own reader so that a bad file gets every problem located. One for the whole page, kept
 * while the tab changes. The intervals themselves come from `src/calibration/apply.ts`, as in the CLI.
 */
import { calibratedIntervals, withCalibratedSpread, type CalibratedInterval } from "../../src/calibration/apply.js";
import type { Calibration } from "../../src/calibration/calibration.js";
import { DEFAULT_LEVEL, RELIABILITY_LEVELS } from "../../src/calibration/conformal.js";
import type { ForecastResult } from "../../src/forecast.js";
import { InvalidInputError, type Diagnostic } from "../../src/scenario/diagnostics.js";
import { toModelInput } from "../../src/scenario/model-input.js";
import type { Scenario } from "../../src/scenario/types.js";
import type { MonteCarloReport } from "../../src/uncertainty/monte-carlo.js";
import { changeSignal } from "./changeSignal.js";

/** The levels offered (those `parley backtest` reports reliability at). */
export const LEVEL_CHOICES: readonly number[] = RELIABILITY_LEVELS;

/** The bundled track record: every model's errors on the DEU III training file (CC BY 4.0; docs/calibration.md). */
export const BUNDLED_FILE = "deu3-train.calibration.json";
const BUNDLED_URL = new URL("./calibrations/deu3-train.calibration.json", import.meta.url);

export interface LoadedCalibration {
  readonly calibration: Calibration;
  /** The file it was read from, or the bundled one. */
  readonly origin: { readonly kind: "file"; readonly name: string } | { readonly kind: "bundled" };
}

interface State {
  readonly loaded?: LoadedCalibration;
  readonly level: number;
  /** The problems of the last file that could not be read, located. */
  readonly problems?: { readonly file: string; readonly diagnostics: readonly Diagnostic[] };
  readonly loading?: boolean;
}

let state: State = { level: DEFAULT_LEVEL };
const { changed, useChanges } = changeSignal();
const update = (next: State) => {
  state = next;
  changed();
};

/** Keeps the loaded calibration and says why `file` cannot be used. */
const refuse = (file: string, message: string) => update({ ...state, loading: false, problems: { file, diagnostics: [{ file, line: 0, column: 0, path: "", message }] } });

export function useCalibration(): State {
  useChanges();
  return state;
}

/**
 * Reads a calibration's text; a bad one leaves the loaded calibration as it was and keeps its problems.
 * The reader (zod, the YAML parser) loads with the first calibration, not with the page.
 */
async function loadCalibrationText(text: string, name: string, origin: LoadedCalibration["origin"]): Promise<void> {
  try {
    const { parseCalibration } = await import("../../src/calibration/file.js");
    const { problems: _, ...rest } = state;
    update({ ...rest, loading: false, loaded: { calibration: parseCalibration(text, name), origin } });
  } catch (error) {
    if (error instanceof InvalidInputError) update({ ...state, loading: false, problems: { file: name, diagnostics: error.diagnostics } });
    else refuse(name, error instanceof Error ? error.message : String(error));
  }
}

/** Reads a calibration file the analyst chose (at most MAX_INPUT_BYTES, as the CLI). */
export async function loadCalibrationFile(file: File): Promise<void> {
  const { MAX_INPUT_BYTES } = await import("../../src/scenario/document.js");
  if (file.size > MAX_INPUT_BYTES) refuse(file.name, `is ${file.size} bytes; expected at most ${MAX_INPUT_BYTES}`);
  else await loadCalibrationText(await file.text(), file.name, { kind: "file", name: file.name });
}

/** Loads the bundled DEU III calibration (fetched when first asked for, checked like any file). */
export async function loadBundledCalibration(): Promise<void> {
  update({ ...state, loading: true });
  try {
    const response = await fetch(BUNDLED_URL);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    await loadCalibrationText(await response.text(), BUNDLED_FILE, { kind: "bundled" });
  } catch (error) {
    refuse(BUNDLED_FILE, error instanceof Error ? error.message : String(error));
  }
}

export function setCalibrationLevel(level: number): void {
  update({ ...state, level });
}

export function clearCalibration(): void {
  update({ level: state.level });
}

/**
 * Per result, per issue, the calibrated interval of the forecast (undefined where the calibration has
 * no record of the model); with a Monte Carlo report of the same scenario, combined with its spread for
 * the models it sampled, as `parley forecast --runs --calibration` does.
 */
export function forecastIntervals(scenario: Scenario, results: readonly ForecastResult[], calibration: Calibration, level: number, monteCarlo?: MonteCarloReport): (CalibratedInterval | undefined)[][] {
  const input = toModelInput(scenario);
  const alone = calibratedIntervals(calibration, results, input, level);
  if (!monteCarlo) return alone;
  const sampled = withCalibratedSpread(monteCarlo, calibration, input, level);
  return results.map((result, m) => {
    const model = sampled.models.find((x) => x.model === result.model);
    return model ? model.issues.map((d) => d.interval) : alone[m]!;
  });
}
