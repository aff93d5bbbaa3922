/**
 * Reading any file Parley understands as a scenario: a Parley scenario (YAML/JSON), a KTAB SMP
 * input (CSV or XML), the EUM reference CSV or a Decide exchange-model file — detected by content, or named with `from`.
 */
import { dirname, resolve } from "node:path";
import { detectDecide, parseDecide, scenarioFromDecide } from "../importers/decide.js";
import { detectEumCsv, parseEumCsv } from "../importers/eum-csv.js";
import { ImportError } from "../importers/errors.js";
import { detectKtab, parseKtabCsv, parseKtabXml } from "../importers/ktab.js";
import { scenarioFromEumCsv, scenarioFromKtab } from "../importers/to-scenario.js";
import { InvalidInputError } from "../scenario/diagnostics.js";
import type { ScenarioInput } from "../scenario/schema.js";
import type { Scenario } from "../scenario/types.js";
import { validateScenarioData } from "../scenario/validate.js";
import type { InputFormat } from "./formats.js";
import { loadScenario, readTextFile } from "./load.js";

export { INPUT_FORMATS, type InputFormat } from "./formats.js";

/** The format of a text, judged by its content. */
export function detectFormat(text: string): InputFormat {
  if (detectDecide(text)) return "decide";
  if (detectKtab(text) !== null) return "ktab";
  if (detectEumCsv(text)) return "eum";
  return "scenario";
}

function readOrThrow(path: string): string {
  const read = readTextFile(path);
  if ("error" in read) throw new InvalidInputError([read.error]);
  return read.text;
}

/** Converts an imported file to a scenario as written (not yet validated). */
export function importScenario(path: string, from?: InputFormat): { format: InputFormat; scenario: ScenarioInput } {
  const text = readOrThrow(path);
  const format = from ?? detectFormat(text);
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

/** Loads any supported file as a validated scenario. */
export function loadInput(path: string, from?: InputFormat): Scenario {
  const format = from ?? detectFormat(readOrThrow(path));
  if (format === "scenario") return loadScenario(path);
  const { scenario } = importScenario(path, format);
  const folder = dirname(resolve(path));
  const result = validateScenarioData(scenario, {
    file: `${path} (as imported)`,
    readSource: (relative) => {
      const source = readTextFile(resolve(folder, relative));
      return "text" in source ? source.text : undefined;
    },
  });
  if (!result.ok) throw new InvalidInputError(result.errors);
  return result.scenario;
}
