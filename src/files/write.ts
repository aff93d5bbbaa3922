/** Writing output files whole or not at all: to a temporary file beside the target, then renamed. */
import { existsSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, basename, join } from "node:path";

export class OutputExistsError extends Error {
  override readonly name = "OutputExistsError";
}

export function writeFileAtomic(path: string, content: string, overwrite = false): void {
  if (!overwrite && existsSync(path)) throw new OutputExistsError(`${path} exists; use --force to replace it`);
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, content);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
