/**
 * A parsed YAML or JSON text that remembers where every value came from, so that a problem
 * found in the data can be reported at its line and column. JSON is parsed by the YAML parser
 * too (JSON is YAML 1.2), which gives both formats the same located errors.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from "yaml";
import type { Diagnostic, FieldPath } from "./diagnostics.js";
import { formatPath } from "./diagnostics.js";

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

export function parseLocated(text: string, file: string): LocatedDocument {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  const toPosition = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };

  const syntaxErrors: Diagnostic[] = doc.errors.map((error) => {
    const { line, column } = toPosition(error.pos[0]);
    return { file, line, column, path: "", message: cleanYamlMessage(error.message) };
  });

  let value: unknown;
  if (syntaxErrors.length === 0) {
    try {
      value = doc.toJS({ maxAliasCount: 1000 });
    } catch (error) {
      syntaxErrors.push({ file, line: 1, column: 1, path: "", message: (error as Error).message });
    }
  }

  const nodeAt = (path: FieldPath): unknown => {
    let node: unknown = doc.contents;
    for (const segment of path) {
      if (isMap(node)) node = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment))?.value;
      else if (isSeq(node) && typeof segment === "number") node = node.items[segment];
      else return undefined;
    }
    return node;
  };

  const locate = (path: FieldPath, atKey = false): Position => {
    let node: unknown = doc.contents;
    let place: Node | null = doc.contents;
    for (let i = 0; i < path.length; i++) {
      const segment = path[i];
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
        if (!pair) break;
        if (last && atKey && isScalar(pair.key)) {
          place = pair.key;
          break;
        }
        node = pair.value;
        place = (pair.value as Node | null) ?? (pair.key as Node);
      } else if (isSeq(node) && typeof segment === "number") {
        const item = node.items[segment];
        if (item === undefined) break;
        node = item;
        place = item as Node;
      } else break;
    }
    const offset = place?.range?.[0] ?? 0;
    return toPosition(offset);
  };

  return {
    file,
    value,
    syntaxErrors,
    locate,
    diagnostic(path, message, atKey = false) {
      const { line, column } = locate(path, atKey);
      return { file, line, column, path: formatPath(path), message };
    },
    diagnosticWithin(path, offset, message) {
      const node = nodeAt(path);
      const { line, column } = locate(path);
      const oneLine = isScalar(node) && typeof node.value === "string" && !node.value.includes("\n");
      const plain = isScalar(node) && node.type === "PLAIN";
      const quoted = isScalar(node) && (node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE");
      const shift = oneLine && (plain || quoted) ? offset + (quoted ? 1 : 0) : 0;
      return { file, line, column: column + shift, path: formatPath(path), message };
    },
  };
}

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

/** The YAML library's messages include a code excerpt; we keep only the sentence. */
function cleanYamlMessage(message: string): string {
  const firstLine = message.split("\n")[0] ?? message;
  return firstLine.replace(/ at line \d+, column \d+:?$/, "");
}
