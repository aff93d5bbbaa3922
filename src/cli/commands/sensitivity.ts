/** `parley sensitivity FILE`: which inputs move each issue's forecast most (tornado and first-order indices). */
import { findModel, modelIds } from "../../models/index.js";
import type { Language } from "../../scenario/label.js";
import type { Scenario } from "../../scenario/types.js";
import { sensitivityTable } from "../../uncertainty/format.js";
import { EXIT_INTERRUPTED, withInterrupt } from "../../uncertainty/interrupt.js";
import { sensitivity } from "../../uncertainty/sensitivity.js";
import { EXIT, UsageError, type CliIo } from "../io.js";
import { progressReporter } from "./forecast.js";

export interface SensitivityCommandOptions {
  readonly models: readonly string[];
  readonly json: boolean;
  readonly runs: number;
  readonly seed?: number;
  readonly rounds?: number;
  readonly workers?: number;
  /** Inputs shown per issue in the table. */
  readonly top: number;
  readonly language?: Language;
  /** Aborts the run like Ctrl-C (for tests and embedding). */
  readonly signal?: AbortSignal;
}

/** Default Monte Carlo sample for the first-order indices. */
export const DEFAULT_SENSITIVITY_RUNS = 2000;

export async function sensitivityCommand(scenario: Scenario, options: SensitivityCommandOptions, io: CliIo): Promise<number> {
  for (const id of options.models) {
    if (!findModel(id)) throw new UsageError(`unknown model "${id}"; expected one of: ${modelIds().join(", ")}`);
  }
  const progress = progressReporter(io, options.json);
  const report = await withInterrupt(
    (signal) =>
      sensitivity(scenario, {
        runs: options.runs,
        models: options.models,
        signal,
        ...(options.seed !== undefined ? { seed: options.seed } : {}),
        ...(options.rounds !== undefined ? { rounds: options.rounds } : {}),
        ...(options.workers !== undefined ? { workers: options.workers } : {}),
        ...(progress ? { onProgress: (done: number, total: number) => progress.update(done, total) } : {}),
      }),
    options.signal,
  ).finally(() => progress?.finish());
  io.out(options.json ? JSON.stringify(report, null, 2) : sensitivityTable(scenario, report, options.language ?? scenario.language, options.top));
  if (report.partial) {
    io.err(`interrupted: the first-order indices summarise ${report.completed} of ${report.runs} samples`);
    return EXIT_INTERRUPTED;
  }
  return EXIT.ok;
}
