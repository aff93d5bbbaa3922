/**
 * Reading any file Parley understands as a scenario: a Parley scenario (YAML/JSON), a KTAB SMP
 * input (CSV or XML), the EUM reference CSV or a Decide exchange-model file — detected by content, or named with `from`.
 * Every reader is loaded with this module; commands use its twin `openInput` (`open-input.ts`), which loads only
 * the reader a file needs.
 */
import { parseDecide, scenarioFromDecide } from "../importers/decide.js";
import { parseEumCsv } from "../importers/eum-csv.js";
import { ImportError } from "../importers/errors.js";
import { detectKtab, parseKtabCsv, parseKtabXml } from "../importers/ktab.js";
import { scenarioFromEumCsv, scenarioFromKtab } from "../importers/to-scenario.js";
import type { ScenarioInput } from "../scenario/schema.js";
import type { Scenario } from "../scenario/types.js";
import { validateScenarioData } from "../scenario/validate.js";
import type { InputFormat } from "./formats.js";
import { validateScenarioText } from "./load.js";
import { detectFormat } from "./open-input.js";
import { readTextOrThrow, sourceReader, validScenario } from "./read.js";

export { INPUT_FORMATS, type InputFormat } from "./formats.js";
export { detectFormat } from "./open-input.js";

/** Converts an imported file to a scenario as written (not yet validated). */
export function importScenario(path: string, from?: InputFormat): { format: InputFormat; scenario: ScenarioInput } {
  const text = readTextOrThrow(path);
  return importText(text, path, from ?? detectFormat(text));
}

function importText(text: string, path: string, format: InputFormat): { format: InputFormat; scenario: ScenarioInput } {
  switch (format) {
    case "ktab": {
      const kind = detectKtab(text) ?? (text.trimStart().startsWith("<") ? "xml" : "csv");
      return { format, scenario: scenarioFromKtab(kind === "xml" ? parseKtabXml(text, path) : parseKtabCsv(text, path), path) };
    }
    case "eum":
      return { format, scenario: scenarioFromEumCsv(parseEumCsv(text, path), path) };
    case "decide":
      return { format, scenario: scenarioFromDecide(parseDecide(text, path), path) };
    case "scenario":
      throw new ImportError("is already a Parley scenario; nothing to import", path);
  }
}

/** Loads any supported file as a validated scenario (the file is read once). */
export function loadInput(path: string, from?: InputFormat): Scenario {
  return loadInputText(readTextOrThrow(path), path, from);
}

/**
 * A file's text, read from `path`, as a validated scenario: throws InvalidInputError or ImportError, each
 * located, on bad input. (Sources the scenario cites are read beside `path`.)
 */
export function loadInputText(text: string, path: string, from?: InputFormat): Scenario {
  const format = from ?? detectFormat(text);
  if (format === "scenario") return validScenario(validateScenarioText(text, path));
  const { scenario } = importText(text, path, format);
  return validScenario(validateScenarioData(scenario, { file: `${path} (as imported)`, readSource: sourceReader(path) }));
}
