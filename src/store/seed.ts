/**
 * The scenarios that ship with Parley in the store: added to a new store, and — on request
 * (`parley serve --reseed`) — brought up to date in an existing one, as a new version each, so that
 * the history (and any analyst's edits) stays.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { readTextFile, validateScenarioText } from "../files/load.js";
import { formatDiagnostic } from "../scenario/diagnostics.js";
import type { Scenario } from "../scenario/types.js";
import type { Store } from "./store.js";

export interface SeedReport {
  readonly added: string[];
  /** Files that could not be added, one line each. */
  readonly problems: string[];
}

export interface ReseedReport extends SeedReport {
  /** Stored scenarios that got the bundled text as a new version. */
  readonly updated: string[];
  /** Stored scenarios whose current text already is the bundled one. */
  readonly unchanged: string[];
}

interface BundledScenario {
  readonly name: string;
  readonly yaml: string;
  readonly scenario: Scenario;
}

/** The valid scenario files (`.yaml`, `.yml`, `.json`) of a folder, and a line for each one that is not. */
function bundledScenarios(folder: string): { scenarios: BundledScenario[]; problems: string[] } {
  const scenarios: BundledScenario[] = [];
  const problems: string[] = [];
  let names: string[];
  try {
    names = readdirSync(folder).filter((name) => /\.(ya?ml|json)$/i.test(name)).sort();
  } catch {
    return { scenarios, problems: [`${folder}: cannot list the bundled scenarios`] };
  }
  for (const name of names) {
    const path = join(folder, name);
    const read = readTextFile(path);
    if ("error" in read) {
      problems.push(`${name}: ${formatDiagnostic(read.error)}`);
      continue;
    }
    const result = validateScenarioText(read.text, path);
    if (!result.ok) {
      problems.push(`${name}: ${result.errors.map(formatDiagnostic).join("; ")}`);
      continue;
    }
    scenarios.push({ name, yaml: read.text, scenario: result.scenario });
  }
  return { scenarios, problems };
}

/** Adds every scenario file of a folder as version 1 of a new scenario. */
export function seedScenarios(store: Store, folder: string): SeedReport {
  const { scenarios, problems } = bundledScenarios(folder);
  const added = scenarios.map((b) => store.createScenario({ yaml: b.yaml, scenario: b.scenario, author: "parley", message: `bundled scenario ${b.name}` }).id);
  return { added, problems };
}

/**
 * Brings the bundled scenarios up to date in a store: a scenario stored under a bundled scenario's id
 * gets the bundled text as a new version when its current text differs (earlier versions stay, and
 * can be restored); a bundled scenario the store lacks is added. Scenarios in the trash are left there.
 */
export function reseedScenarios(store: Store, folder: string): ReseedReport {
  const { scenarios, problems } = bundledScenarios(folder);
  const report: ReseedReport = { added: [], updated: [], unchanged: [], problems };
  const live = new Set(store.listScenarios().map((s) => s.id));
  const trashed = new Set(store.listScenarios({ deleted: true }).map((s) => s.id));
  for (const b of scenarios) {
    const id = b.scenario.id;
    const version = { yaml: b.yaml, scenario: b.scenario, author: "parley", message: `bundled scenario ${b.name} (reseeded)` };
    if (trashed.has(id)) problems.push(`${id}: in the trash; restore it first to reseed it`);
    else if (!live.has(id)) report.added.push(store.createScenario(version).id);
    else if (store.getScenario(id).yaml === b.yaml) report.unchanged.push(id);
    else {
      store.saveVersion(id, "*", version);
      report.updated.push(id);
    }
  }
  return report;
}
