/**
 * Errors raised while importing a file: they say which file, where, and what was expected.
 */

/** A file could not be imported; `line`, `column` (1-based) and `field` point at the problem when known. */
export class ImportError extends Error {
  override readonly name = "ImportError";

  constructor(
    message: string,
    readonly file: string,
    readonly line?: number,
    readonly field?: string,
    readonly column?: number,
  ) {
    super(`${file}${line === undefined ? "" : `:${line}${column === undefined ? "" : `:${column}`}`}: ${message}`);
  }
}
