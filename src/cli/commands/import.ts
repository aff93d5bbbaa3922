/** `parley import FILE [-o OUT]`: a KTAB or EUM file as a Parley scenario (YAML). */
import { stringify } from "yaml";
import { importScenario, type InputFormat } from "../../node/input.js";
import { writeFileAtomic } from "../../node/write.js";
import { validateScenarioData } from "../../scenario/validate.js";
import { formatDiagnostic } from "../../scenario/diagnostics.js";
import { EXIT, type CliIo } from "../io.js";

export interface ImportCommandOptions {
  readonly from?: InputFormat;
  readonly output?: string;
  readonly force: boolean;
}

export function importCommand(file: string, options: ImportCommandOptions, io: CliIo): number {
  const { format, scenario } = importScenario(file, options.from);
  const check = validateScenarioData(scenario, { file: `${file} (as imported)` });
  if (!check.ok) {
    for (const d of check.errors) io.err(formatDiagnostic(d));
    return EXIT.usage;
  }
  const yaml = `# Imported by parley from ${file.split(/[\\/]/).pop()} (${format}).\n${stringify(scenario, { lineWidth: 0 })}`;
  if (options.output === undefined || options.output === "-") {
    io.out(yaml);
  } else {
    writeFileAtomic(options.output, yaml, options.force);
    io.err(`wrote ${options.output}: ${scenario.actors.length} actors, ${scenario.issues.length} issues`);
  }
  return EXIT.ok;
}
