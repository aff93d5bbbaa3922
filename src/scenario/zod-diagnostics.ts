/**
 * Turns zod's issues into located diagnostics that say what was expected, in words an analyst
 * understands. Zod reports a union mismatch as a list of every branch's failures; we keep the
 * branch the input was evidently aiming at (the one that matched its type).
 */
import type { z } from "zod";
import type { Diagnostic, FieldPath } from "./diagnostics.js";
import type { LocatedDocument } from "./document.js";

type ZodIssue = z.core.$ZodIssue;

interface JsonSchemaNode {
  type?: string | string[];
  properties?: Record<string, JsonSchemaNode>;
  additionalProperties?: JsonSchemaNode | boolean;
  items?: JsonSchemaNode | boolean;
  prefixItems?: JsonSchemaNode[];
  anyOf?: JsonSchemaNode[];
}

export function zodIssuesToDiagnostics(
  issues: readonly ZodIssue[],
  doc: LocatedDocument,
  jsonSchema: object,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const visit = (issue: ZodIssue, prefix: FieldPath): void => {
    const path = [...prefix, ...(issue.path as (string | number)[])];
    if (issue.code === "invalid_union") {
      const branches = issue.errors.filter((branch) => !isRootTypeMismatch(branch));
      if (branches.length >= 1 && branches[0]) {
        // The input had the right outer type for this branch: its problems are the real ones.
        for (const inner of branches[0]) visit(inner, path);
        return;
      }
      const expected = unique(issue.errors.flatMap((b) => b.map(expectedOf)).filter((e) => e !== ""));
      const value = valueAt(doc.value, path);
      const wanted = `expected ${expected.join(" or ")}`;
      out.push(doc.diagnostic(path, value === undefined ? `missing; ${wanted}` : `${wanted}, got ${describe(value)}`));
      return;
    }
    if (issue.code === "unrecognized_keys") {
      const allowed = allowedKeysAt(jsonSchema as JsonSchemaNode, path);
      for (const key of issue.keys) {
        const hint = suggestion(key, allowed);
        const list = allowed.length > 0 ? `; expected one of: ${allowed.join(", ")}` : "";
        out.push(doc.diagnostic([...path, key], `unknown key "${key}"${hint}${list}`, true));
      }
      return;
    }
    out.push(doc.diagnostic(path, messageOf(issue, valueAt(doc.value, path))));
  };
  for (const issue of issues) visit(issue, []);
  return out;
}

function isRootTypeMismatch(branch: readonly ZodIssue[]): boolean {
  return branch.length === 1 && branch[0]?.path.length === 0 && (branch[0].code === "invalid_type" || branch[0].code === "invalid_format");
}

function expectedOf(issue: ZodIssue): string {
  if (issue.code === "invalid_type") return article(issue.expected);
  if (issue.code === "invalid_format" && issue.format === "regex") return "an id";
  return "";
}

function article(type: string): string {
  if (type === "object") return "a mapping (key: value)";
  if (type === "array") return "a list";
  if (type === "number") return "a number";
  if (type === "string") return "a text";
  return type;
}

function messageOf(issue: ZodIssue, value: unknown): string {
  switch (issue.code) {
    case "invalid_type":
      if (value === undefined) return `missing; expected ${article(issue.expected)}`;
      if (issue.expected === "number" && typeof value === "number") return "expected a finite number, not NaN or infinity";
      return `expected ${article(issue.expected)}, got ${describe(value)}`;
    case "too_small":
      if (issue.origin === "array") return `expected at least ${String(issue.minimum)} item(s)`;
      if (issue.origin === "string") return "expected a non-empty text";
      return `expected a number ≥ ${String(issue.minimum)}, got ${describe(value)}`;
    case "too_big":
      if (issue.origin === "array") return `expected at most ${String(issue.maximum)} item(s)`;
      return `expected a number ≤ ${String(issue.maximum)}, got ${describe(value)}`;
    case "invalid_value":
      return `expected ${issue.values.map((v) => JSON.stringify(v)).join(" or ")}, got ${describe(value)}`;
    default:
      return issue.message;
  }
}

/** A short description of a value for messages: `"abc"`, `12`, `a list`. */
export function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "an empty value";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  if (typeof value === "number") return String(value);
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return String(value);
}

export function valueAt(root: unknown, path: FieldPath): unknown {
  let node = root;
  for (const segment of path) {
    if (node === null || typeof node !== "object") return undefined;
    if (!Object.prototype.hasOwnProperty.call(node, segment)) return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}

/** The property names the JSON Schema allows for the object at `path`. */
function allowedKeysAt(schema: JsonSchemaNode, path: FieldPath): string[] {
  let nodes: JsonSchemaNode[] = [schema];
  for (const segment of path) {
    const next: JsonSchemaNode[] = [];
    for (const node of nodes.flatMap(expandAnyOf)) {
      if (typeof segment === "number") {
        if (node.prefixItems?.[segment]) next.push(node.prefixItems[segment]);
        else if (typeof node.items === "object") next.push(node.items);
      } else if (node.properties?.[segment]) next.push(node.properties[segment]);
      else if (typeof node.additionalProperties === "object") next.push(node.additionalProperties);
    }
    nodes = next;
  }
  return unique(nodes.flatMap(expandAnyOf).flatMap((n) => Object.keys(n.properties ?? {})));
}

function expandAnyOf(node: JsonSchemaNode): JsonSchemaNode[] {
  return node.anyOf ? node.anyOf.flatMap(expandAnyOf) : [node];
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

/** ` (did you mean "x"?)` when a known name is a small edit away. */
export function suggestion(name: string, known: readonly string[]): string {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  // Short names are too easily "close" to anything; longer ones tolerate a typo or two.
  const tolerance = name.length <= 2 ? 0 : Math.max(2, Math.floor(name.length / 3));
  return best !== undefined && bestDistance <= tolerance ? ` (did you mean "${best}"?)` : "";
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}
