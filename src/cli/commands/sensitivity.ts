/** `parley sensitivity FILE`: which inputs move each issue's forecast most (tornado and first-order indices). */
import type { Language } from "../../scenario/label.js";
import type { Scenario } from "../../scenario/types.js";
import { sensitivityTable } from "../../uncertainty/format.js";
import { sensitivity } from "../../uncertainty/sensitivity.js";
import type { CliIo } from "../io.js";
import { runSampling, type SamplingCommandOptions } from "./sampling.js";

export interface SensitivityCommandOptions extends SamplingCommandOptions {
  /** Inputs shown per issue in the table. */
  readonly top: number;
  readonly language?: Language;
}

export function sensitivityCommand(scenario: Scenario, options: SensitivityCommandOptions, io: CliIo): Promise<number> {
  const language = options.language ?? scenario.language;
  return runSampling(
    options,
    io,
    (sampling) => sensitivity(scenario, sampling),
    (report) => sensitivityTable(scenario, report, language, options.top),
    "indices",
    language,
  );
}
