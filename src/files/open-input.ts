/**
 * Loading an input file for a command (`parley forecast FILE`, …): the twin of `loadInput` (`input.ts`),
 * with the same result and errors, that loads only what the file needs. Its format is judged from the
 * text first, then the one reader it needs is imported: a KTAB CSV never loads the YAML library or the
 * XML parser, a Parley scenario never loads csv-parse, and one the CLI has seen before (`scenario-cache.ts`)
 * loads no parser at all. Start-up is most of a small forecast (issue 15).
 */
import { detectDecide } from "../importers/decide.js";
import { detectEumCsv } from "../importers/eum-csv.js";
import { detectKtab } from "../importers/ktab-common.js";
import type { ScenarioInput } from "../scenario/schema.js";
import type { Scenario } from "../scenario/types.js";
import type { InputFormat } from "./formats.js";
import { readTextOrThrow, sourceReader, validScenario } from "./read.js";
import { cachedScenario, scenarioCache } from "./scenario-cache.js";

/** The format of a text, judged by its content. */
export function detectFormat(text: string): InputFormat {
  if (detectDecide(text)) return "decide";
  if (detectKtab(text) !== null) return "ktab";
  if (detectEumCsv(text)) return "eum";
  return "scenario";
}

/** Reads, converts and validates the file at `path` as `loadInput` does, importing only the readers its format needs. */
export async function openInput(path: string, from?: InputFormat): Promise<Scenario> {
  const text = readTextOrThrow(path);
  const format = from ?? detectFormat(text);
  if (format === "scenario") {
    // The YAML parser and the schema are loaded only when the scenario is not in the cache.
    return cachedScenario(scenarioCache(), path, text, sourceReader(path), async (readSource) => {
      const { validateScenario } = await import("../scenario/validate.js");
      return validScenario(validateScenario(text, { file: path, readSource }));
    });
  }
  const scenario = await importText(text, path, format);
  const options = { file: `${path} (as imported)`, readSource: sourceReader(path) };
  // What the importers write is mostly plain enough to check without the schema library; the rest in full.
  const plain = (await import("../scenario/imported.js")).validateImportedData(scenario, options);
  if (plain !== undefined) return validScenario(plain);
  const { validateScenarioData } = await import("../scenario/validate-data.js");
  return validScenario(validateScenarioData(scenario, options));
}

/** An imported file as a scenario as written (not yet validated); the reader of its format is loaded now. */
async function importText(text: string, path: string, format: Exclude<InputFormat, "scenario">): Promise<ScenarioInput> {
  switch (format) {
    case "ktab": {
      const xml = (detectKtab(text) ?? (text.trimStart().startsWith("<") ? "xml" : "csv")) === "xml";
      const ktab = xml ? (await import("../importers/ktab-xml.js")).parseKtabXml(text, path) : (await import("../importers/ktab-csv.js")).parseKtabCsv(text, path);
      return (await import("../importers/to-scenario.js")).scenarioFromKtab(ktab, path);
    }
    case "eum": {
      const { parseEumCsv } = await import("../importers/eum-csv.js");
      return (await import("../importers/to-scenario.js")).scenarioFromEumCsv(parseEumCsv(text, path), path);
    }
    case "decide": {
      const { parseDecide, scenarioFromDecide } = await import("../importers/decide.js");
      return scenarioFromDecide(parseDecide(text, path), path);
    }
  }
}
