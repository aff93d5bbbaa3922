/**
 * Editing one value of a scenario's YAML text without disturbing the rest: the scalar's own
 * characters are replaced in place, so comments, quoting and layout stay as the analyst wrote
 * them. A value that is not yet written (or not a plain scalar) goes through the YAML document
 * model instead.
 */
import { isMap, isScalar, parseDocument, type Document } from "yaml";

export type YamlPath = readonly (string | number)[];

/** The text of a scalar: numbers and plain ids as they are, anything else quoted. */
export function scalarText(value: string | number | null): string {
  if (value === null) return "null";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : JSON.stringify(String(value));
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(value) && !/^(true|false|null|yes|no|on|off|y|n|~)$/i.test(value) ? value : JSON.stringify(value);
}

/** What the user typed in a number field, as the value to write: a number when it reads as one. */
export function typedValue(input: string): string | number | null {
  const trimmed = input.trim();
  if (trimmed === "") return null;
  if (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(trimmed)) return Number(trimmed);
  return trimmed;
}

function parse(text: string): Document {
  return parseDocument(text, { keepSourceTokens: false, prettyErrors: false });
}

/**
 * Sets the number (or option id) at `path`. Where the path holds a mapping with a `value` key
 * (`{value: 70, range: [60, 80]}`), the `value` is set, so the evidence and range stay.
 */
export function setValueAt(text: string, path: YamlPath, value: string | number | null): string {
  const doc = parse(text);
  if (doc.errors.length > 0) throw new Error("the YAML text has syntax errors; fix them in the source view first");
  let node = doc.getIn(path, true);
  let target: YamlPath = path;
  if (isMap(node)) {
    target = [...path, "value"];
    node = doc.getIn(target, true);
  }
  if (isScalar(node) && node.range) {
    const [start, end] = node.range;
    return text.slice(0, start) + scalarText(value) + text.slice(end);
  }
  doc.setIn(target, value);
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/** The plain data of a YAML text, or undefined when it does not parse. */
export function plainData(text: string): unknown {
  const doc = parse(text);
  if (doc.errors.length > 0) return undefined;
  return doc.toJS({ maxAliasCount: 100 });
}

/** The value written at `path` in plain data: a bare value, or the `value` of a mapping. */
export function writtenValue(data: unknown, path: YamlPath): unknown {
  let node: unknown = data;
  for (const key of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  if (node !== null && typeof node === "object" && !Array.isArray(node) && "value" in node) return (node as { value: unknown }).value;
  return node;
}
