/** `parley import FILE [-o OUT]`: a KTAB or EUM file as a Parley scenario (YAML). */
import { stringify } from "yaml";
import { scenarioFromNegotiation } from "../../importers/to-scenario.js";
import type { NegotiationInputFormat } from "../../files/formats.js";
import { importScenario } from "../../files/input.js";
import { isNegotiationInput, loadNegotiation } from "../../files/negotiation-files.js";
import type { ScenarioInput } from "../../scenario/schema.js";
import { writeFileAtomic } from "../../files/write.js";
import { validateScenarioData } from "../../scenario/validate.js";
import { formatDiagnostic } from "../../scenario/diagnostics.js";
import { counted } from "../../i18n/count.js";
import { EXIT, UsageError, type CliIo } from "../io.js";

/** One KTAB/EUM file, or a GENIUS-family domain with its profiles. */
function importAny(files: readonly string[], from?: NegotiationInputFormat): { format: string; scenario: ScenarioInput } {
  if (isNegotiationInput(files, from)) {
    const negotiation = loadNegotiation(files);
    const name = (files.find((f) => /domain/i.test(f)) ?? files[0]!).split(/[\\/]/).pop()!.replace(/\.[^.]+$/, "").replace(/_domain$/i, "");
    return { format: "genius", scenario: scenarioFromNegotiation(negotiation, name) };
  }
  if (files.length > 1) throw new UsageError("give one KTAB or EUM file, or a GENIUS domain with its profiles");
  return importScenario(files[0]!, from === "genius" ? undefined : from);
}

export interface ImportCommandOptions {
  readonly from?: NegotiationInputFormat;
  readonly output?: string;
  readonly force: boolean;
}

export function importCommand(files: readonly string[], options: ImportCommandOptions, io: CliIo): number {
  const file = files[0]!;
  const { format, scenario } = importAny(files, options.from);
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
    io.err(`wrote ${options.output}: ${counted(scenario.actors.length, "actor")}, ${counted(scenario.issues.length, "issue")}`);
  }
  return EXIT.ok;
}
