/**
 * Writing output files whole or not at all: to a new temporary file beside the target, then renamed
 * over it. Only a regular file is ever replaced: a folder, a symbolic link (which would be replaced
 * instead of its target), a FIFO or a device is refused, with or without --force.
 */
import { closeSync, lstatSync, openSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { dirname, basename, join } from "node:path";

/** The output exists (and --force was not given), or the output path cannot be a file: exit 2. */
export class OutputExistsError extends Error {
  override readonly name = "OutputExistsError";
}

/** Writing failed while running (a full disk, no permission): exit 1, nothing half-written left. */
export class OutputWriteError extends Error {
  override readonly name = "OutputWriteError";
}

/** What a failed write's error code means, in words (for output files and the process's own streams). */
export const WRITE_ERRORS: Readonly<Record<string, string>> = {
  ENOSPC: "no space left on device",
  EDQUOT: "disk quota exceeded",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "read-only file system",
  EIO: "input/output error",
  EFBIG: "file too large",
};

function kindOf(stats: import("node:fs").Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return "a folder";
  if (stats.isSymbolicLink()) return "a symbolic link (Parley does not write through links)";
  if (stats.isFIFO()) return "a FIFO (named pipe)";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "a device";
  if (stats.isSocket()) return "a socket";
  return "not a regular file";
}

/** Throws OutputExistsError unless `path` can be written: absent (in an existing folder), or a regular file and `overwrite`. */
export function checkOutputPath(path: string, overwrite: boolean): void {
  const existing = lstatOrUndefined(path);
  if (existing !== undefined) {
    const kind = kindOf(existing);
    if (kind !== undefined) throw new OutputExistsError(`${path} is ${kind}; expected the path of a regular file to write`);
    if (!overwrite) throw new OutputExistsError(`${path} exists; use --force to replace it`);
  }
  const folder = dirname(path);
  const parent = statOrUndefined(folder);
  if (parent === undefined) throw new OutputExistsError(`cannot write ${path}: the folder ${folder} does not exist`);
  if (!parent.isDirectory()) throw new OutputExistsError(`cannot write ${path}: ${folder} is not a folder`);
}

/** Writes `content` to `path` whole or not at all (see above), as a file of permissions `mode`. */
export function writeFileAtomic(path: string, content: string, overwrite = false, mode = 0o644): void {
  checkOutputPath(path, overwrite);
  const folder = dirname(path);

  const temporary = join(folder, `.${basename(path)}.${process.pid}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temporary, "wx", mode);
    const bytes = Buffer.from(content, "utf8");
    for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    closeSync(fd);
    fd = undefined;
    renameSync(temporary, path);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temporary, { force: true });
    const code = (error as NodeJS.ErrnoException).code ?? "";
    throw new OutputWriteError(`cannot write ${path}: ${WRITE_ERRORS[code] ?? (error instanceof Error ? error.message : String(error))}`);
  }
}

function lstatOrUndefined(path: string): import("node:fs").Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

function statOrUndefined(path: string): import("node:fs").Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
