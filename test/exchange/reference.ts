/**
 * The exchange model's reference data in `../shared/reference/exchange/` (Decide inputs and the reference
 * model's runs; GPL test data, read from there, never copied). Tests skip, saying why, when it is absent.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseDecide, scenarioFromDecide } from "../../src/importers/decide.js";
import { toExchangeState } from "../../src/models/exchange/index.js";
import { toModelInput } from "../../src/scenario/model-input.js";
import { validateScenarioData } from "../../src/scenario/validate.js";

export const EXCHANGE_DIR = path.resolve("../shared/reference/exchange");
export const HAVE_REFERENCE = existsSync(EXCHANGE_DIR);
if (!HAVE_REFERENCE) console.warn(`exchange model reference tests skipped: ${EXCHANGE_DIR} (../shared/reference/exchange) is absent`);

export const CASES = [
  { name: "two_by_two", input: "two_by_two.txt" },
  { name: "three_by_two", input: "three_by_two.txt" },
  { name: "sample_data", input: "sample_data.txt" },
  { name: "cop21", input: "cop21.csv" },
] as const;

export function readExchangeFile(relative: string): string {
  return readFileSync(path.join(EXCHANGE_DIR, relative), "utf8");
}

/** Rows of a golden CSV as records (no quoting in these files). */
export function readCsv(relative: string): Record<string, string>[] {
  const [header, ...lines] = readExchangeFile(relative).trim().split(/\r?\n/);
  const columns = (header ?? "").split(",");
  return lines.map((line) => {
    const values = line.split(",");
    return Object.fromEntries(columns.map((c, i) => [c, values[i] ?? ""]));
  });
}

/** A Decide input read through the importer and the scenario validator, as the model sees it. */
export function loadCase(input: string) {
  const file = path.join(EXCHANGE_DIR, "input", input);
  const decide = parseDecide(readFileSync(file, "utf8"), input);
  const checked = validateScenarioData(scenarioFromDecide(decide, input), { file: input });
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  const modelInput = toModelInput(checked.scenario);
  return { decide, scenario: checked.scenario, modelInput, ...toExchangeState(modelInput) };
}
