/**
 * The EUM reference example and the reference code's output, read from `../shared/reference/eum/`
 * (not vendored: the source repository has no licence file). Suites using them are skipped when absent.
 */

import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { optionalShared } from "../helpers.js";

/** The reference folder, or undefined (reason printed) when it is not beside the checkout. */
export const EUM_REFERENCE = optionalShared("reference/eum", "the EUM golden tests against the Scholz et al. reference code (its example has no licence file, so it is not vendored)");

const REFERENCE_DIR = "../shared/reference";

/** Read a reference file, failing with a clear message when the reference checkout is missing. */
export function readReference(relativePath: string): string {
  const file = path.resolve(REFERENCE_DIR, relativePath);
  if (!existsSync(file)) {
    throw new Error(
      `Reference file ${REFERENCE_DIR}/${relativePath} not found (resolved against the current directory). ` +
        "Run the tests from the repository root with the shared reference data checked out next to it.",
    );
  }
  return readFileSync(file, "utf8");
}

export interface GoldenRow {
  readonly round: number;
  readonly positions: number[];
  readonly weightedMean: number;
  readonly weightedMedian: number;
}

/** Parse a golden file: `round`, one column per actor, `weighted_mean_cs`, `weighted_median_cs`. */
export function readGolden(relativePath: string): { actorNames: string[]; rows: GoldenRow[] } {
  const [header, ...lines] = readReference(relativePath).trim().split(/\r?\n/);
  const columns = (header ?? "").split(",");
  const actorNames = columns.slice(1, -2);
  const rows = lines.map((line) => {
    const values = line.split(",").map(Number);
    return {
      round: values[0] as number,
      positions: values.slice(1, -2),
      weightedMean: values[values.length - 2] as number,
      weightedMedian: values[values.length - 1] as number,
    };
  });
  return { actorNames, rows };
}
