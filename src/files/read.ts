/**
 * Reading text files for the loaders, bounded and refusing what is not a regular text file. Loads no
 * parser or schema library: a command reads its file before it loads only the reader that file needs.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { InvalidInputError, type Diagnostic } from "../scenario/diagnostics.js";
import { MAX_INPUT_BYTES } from "../scenario/located.js";
import type { Scenario } from "../scenario/types.js";
import type { ValidationResult } from "../scenario/validate-data.js";

/** What kind of thing a path is, for refusals: a FIFO, a device, a socket. */
function kindOf(stats: import("node:fs").Stats): string {
  if (stats.isFIFO()) return "a FIFO (named pipe)";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "a device";
  if (stats.isSocket()) return "a socket";
  return "not a regular file";
}

/**
 * Reads a text file of at most MAX_INPUT_BYTES, or returns a diagnostic saying why it cannot be read.
 * Only regular files are read: a FIFO with no writer would block, a device like /dev/zero never ends.
 * The file is opened without blocking and read in chunks, stopping past the cap, so a file that grows
 * while it is read cannot exhaust memory either. Binary content (a NUL byte) is refused.
 */
export function readTextFile(path: string): { text: string } | { error: Diagnostic } {
  const at = (message: string): { error: Diagnostic } => ({ error: { file: path, line: 0, column: 0, path: "", message } });
  let fd: number | undefined;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const stats = fstatSync(fd);
    if (stats.isDirectory()) return at("is a folder; expected a file");
    if (!stats.isFile()) return at(`is ${kindOf(stats)}; expected a regular file`);
    if (stats.size > MAX_INPUT_BYTES) return at(`is ${stats.size} bytes; expected at most ${MAX_INPUT_BYTES}`);
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 20, Math.max(stats.size + 1, 1 << 16)));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      length += read;
      if (length > MAX_INPUT_BYTES) return at(`is more than ${MAX_INPUT_BYTES} bytes; expected at most ${MAX_INPUT_BYTES}`);
      chunks.push(chunk.subarray(0, read));
    }
    const bytes = Buffer.concat(chunks, length);
    if (bytes.includes(0)) return at("is a binary file (it contains NUL bytes); expected UTF-8 text");
    return { text: bytes.toString("utf8") };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return at(
      code === "ENOENT" ? "file not found" : code === "EACCES" ? "permission denied" : code === "EISDIR" ? "is a folder; expected a file" : code === "ENOTDIR" ? "a part of the path is not a folder" : `cannot be read (${code ?? String(error)})`,
    );
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Like {@link readTextFile}, but a file that cannot be read throws InvalidInputError with the diagnostic. */
export function readTextOrThrow(path: string): string {
  const read = readTextFile(path);
  if ("error" in read) throw new InvalidInputError([read.error]);
  return read.text;
}

/** Reads the source files a scenario at `path` names, relative to its folder (undefined when one cannot be read). */
export function sourceReader(path: string): (relative: string) => string | undefined {
  const folder = dirname(resolve(path));
  return (relative) => {
    const source = readTextFile(resolve(folder, relative));
    return "text" in source ? source.text : undefined;
  };
}

/** The scenario of a validation, or InvalidInputError with every problem found. */
export function validScenario(result: ValidationResult): Scenario {
  if (!result.ok) throw new InvalidInputError(result.errors);
  return result.scenario;
}
