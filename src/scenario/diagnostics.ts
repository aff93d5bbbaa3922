/**
 * Located problems in user input. Every error Parley reports about a file says where (file, line,
 * column, field path) and what was expected, so an analyst can fix it without reading code.
 */

export type FieldPath = readonly (string | number)[];

export interface Diagnostic {
  readonly file: string;
  /** 1-based; 0 when the problem has no place in the text (e.g. a missing file). */
  readonly line: number;
  readonly column: number;
  /** Dotted path of the field, e.g. `stances.USA.sanctions.salience`. */
  readonly path: string;
  readonly message: string;
}

/** Formats a field path the way analysts read it: `actors[2].capability`. */
export function formatPath(path: FieldPath): string {
  let text = "";
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else text += text === "" ? segment : `.${segment}`;
  }
  return text;
}

/** One line per diagnostic: `file:line:column: path: message`. */
export function formatDiagnostic(d: Diagnostic): string {
  const place = d.line > 0 ? `${d.file}:${d.line}:${d.column}` : d.file;
  return d.path === "" ? `${place}: ${d.message}` : `${place}: ${d.path}: ${d.message}`;
}

/** Thrown by loaders when input is invalid; carries every problem found, not just the first. */
export class InvalidInputError extends Error {
  override readonly name = "InvalidInputError";
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join("\n"));
  }
}
