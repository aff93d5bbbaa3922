/** Filling a new store with the scenarios that ship with Parley. */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { readTextFile, validateScenarioFile } from "../files/load.js";
import { formatDiagnostic } from "../scenario/diagnostics.js";
import type { Store } from "./store.js";

export interface SeedReport {
  readonly added: string[];
  /** Files that could not be added, one line each. */
  readonly problems: string[];
}

/** Adds every scenario file (`.yaml`, `.yml`, `.json`) of a folder as version 1 of a new scenario. */
export function seedScenarios(store: Store, folder: string): SeedReport {
  const added: string[] = [];
  const problems: string[] = [];
  let names: string[];
  try {
    names = readdirSync(folder).filter((name) => /\.(ya?ml|json)$/i.test(name)).sort();
  } catch {
    return { added, problems: [`${folder}: cannot list the bundled scenarios`] };
  }
  for (const name of names) {
    const path = join(folder, name);
    const result = validateScenarioFile(path);
    const read = readTextFile(path);
    if (!result.ok || !("text" in read)) {
      problems.push(result.ok ? `${name}: cannot be read` : `${name}: ${result.errors.map(formatDiagnostic).join("; ")}`);
      continue;
    }
    added.push(store.createScenario({ yaml: read.text, scenario: result.scenario, author: "parley", message: `bundled scenario ${name}` }).id);
  }
  return { added, problems };
}
