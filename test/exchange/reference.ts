/**
 * The exchange model's reference data: the two small cases written for the reference folder are
 * vendored in `test/fixtures/exchange/` (free to use); the Decide inputs `sample_data` and `cop21` are
 * GPL test data, read from `../shared/reference/exchange/` and never copied, so their cases are skipped,
 * saying why, when it is absent.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseDecide, scenarioFromDecide } from "../../src/importers/decide.js";
import { toExchangeState } from "../../src/models/exchange/index.js";
import { toModelInput } from "../../src/scenario/model-input.js";
import { validateScenarioData } from "../../src/scenario/validate.js";
import { FIXTURES, optionalShared } from "../helpers.js";

const SHARED = optionalShared("reference/exchange", "the exchange model's golden runs on the GPL Decide inputs sample_data and cop21 (never copied into the repository)");
const VENDORED = path.join(FIXTURES, "exchange");

const ALL_CASES = [
  { name: "two_by_two", input: "two_by_two.txt", dir: VENDORED },
  { name: "three_by_two", input: "three_by_two.txt", dir: VENDORED },
  { name: "sample_data", input: "sample_data.txt", dir: SHARED },
  { name: "cop21", input: "cop21.csv", dir: SHARED },
] as const;

/** The cases whose files are here: the vendored ones always, the GPL ones with ../shared beside the checkout. */
export const CASES = ALL_CASES.filter((c) => c.dir !== undefined && existsSync(path.join(c.dir, "input", c.input)));
export const HAVE_REFERENCE = CASES.length > 0;

/** The folder holding a case's files (input/, reference/, float-robust/). */
function dirOf(name: string): string {
  const found = ALL_CASES.find((c) => c.name === name)?.dir;
  if (found === undefined) throw new Error(`exchange reference case ${name} is not available`);
  return found;
}

/** `reference/<case>/…`, `float-robust/<case>/…` or `input/<file>` of a case. */
export function readExchangeFile(relative: string): string {
  const parts = relative.split("/");
  const name = parts[0] === "input" ? ALL_CASES.find((c) => c.input === parts[1])?.name : parts[1];
  return readFileSync(path.join(dirOf(name ?? ""), relative), "utf8");
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
  const decide = parseDecide(readExchangeFile(`input/${input}`), input);
  const checked = validateScenarioData(scenarioFromDecide(decide, input), { file: input });
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  const modelInput = toModelInput(checked.scenario);
  return { decide, scenario: checked.scenario, modelInput, ...toExchangeState(modelInput) };
}
