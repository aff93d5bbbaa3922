/**
 * Data with the places its values came from, for located diagnostics; `document.ts` makes it from a
 * YAML or JSON text, `unlocatedDocument` from data that has no text (an imported file). This module
 * loads no parser: reading a KTAB, EUM or Decide file never loads the YAML library.
 */
import { formatPath, type Diagnostic, type FieldPath } from "./diagnostics.js";

export interface Position {
  readonly line: number;
  readonly column: number;
}

export interface LocatedDocument {
  readonly file: string;
  /** The data, or undefined when the text could not be parsed at all. */
  readonly value: unknown;
  /** Syntax errors (duplicate keys among them). */
  readonly syntaxErrors: readonly Diagnostic[];
  /**
   * Where a field stands. With `atKey`, the key itself (for "unknown key" errors). A path that
   * does not exist resolves to its deepest existing ancestor (for "missing field" errors).
   */
  locate(path: FieldPath, atKey?: boolean): Position;
  /** A diagnostic at a field. */
  diagnostic(path: FieldPath, message: string, atKey?: boolean): Diagnostic;
  /**
   * A diagnostic at a character offset inside a one-line text field (a rule, say); falls back
   * to the field's start when the text spans lines.
   */
  diagnosticWithin(path: FieldPath, offset: number, message: string): Diagnostic;
}

/** The largest input we parse; larger files are almost certainly not scenarios. */
export const MAX_INPUT_BYTES = 20 * 1024 * 1024;

/**
 * Data that has no text behind it (an imported file, an object built in code): diagnostics name the
 * field path only. The data is copied through JSON so it holds exactly what a JSON text of it would.
 */
export function unlocatedDocument(data: unknown, file: string): LocatedDocument {
  const value: unknown = JSON.parse(JSON.stringify(data ?? null));
  const nowhere: Position = { line: 0, column: 0 };
  const diagnostic = (path: FieldPath, message: string): Diagnostic => ({ file, line: 0, column: 0, path: formatPath(path), message });
  return { file, value, syntaxErrors: [], locate: () => nowhere, diagnostic, diagnosticWithin: (path, _offset, message) => diagnostic(path, message) };
}

