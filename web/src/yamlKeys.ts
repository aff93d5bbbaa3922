/**
 * Which keys may be written at a place in a scenario's YAML text, from the scenario's JSON schema
 * (the document `parley schema` writes to schema/scenario.schema.json). The place's key path is
 * read from the block layout — indentation and list dashes — so that it works while the text is
 * half-typed and does not parse. Pure: the YAML view's completion asks it.
 */

/** One segment of a key path: a mapping key, or `[]` for an item of a list. */
export type KeySegment = string | "[]";

export interface KeySuggestion {
  readonly key: string;
  readonly description?: string;
  readonly required: boolean;
}

interface LineShape {
  /** Column of the list dash, when the line starts a list item. */
  readonly dash?: number;
  /** Column where the key (or the item's content) starts. */
  readonly col: number;
  /** The key the line writes, when it writes one. */
  readonly key?: string;
}

const KEY = /^([A-Za-z_$][\w$-]*|"[^"]*"|'[^']*')\s*:(\s|$)/;

function shape(line: string): LineShape | undefined {
  const trimmed = line.trimStart();
  if (trimmed === "" || trimmed.startsWith("#")) return undefined;
  let col = line.length - trimmed.length;
  let rest = trimmed;
  let dash: number | undefined;
  const item = /^-(\s+|$)/.exec(rest);
  if (item) {
    dash = col;
    col += item[0].length;
    rest = rest.slice(item[0].length);
    if (rest === "") return { dash, col };
  }
  const key = KEY.exec(rest);
  const name = key ? key[1]!.replace(/^["']|["']$/g, "") : undefined;
  return { ...(dash !== undefined ? { dash } : {}), col, ...(name !== undefined ? { key: name } : {}) };
}

/**
 * The key path of the mapping a key written at `column` of line `lineIndex` (0-based) would belong
 * to, e.g. `["stances", "USA", "sanctions"]` or `["actors", "[]"]`.
 */
export function keyPathAt(lines: readonly string[], lineIndex: number, column: number): KeySegment[] {
  const path: KeySegment[] = [];
  let col = column;
  // After stepping out of a list item, the list's own key may sit at the dash's column.
  let orEqual = false;
  const here = lines[lineIndex] !== undefined ? shape(lines[lineIndex]!.slice(0, column) + "x") : undefined;
  if (here?.dash !== undefined && here.col === column) {
    path.unshift("[]");
    col = here.dash;
    orEqual = true;
  }
  for (let k = lineIndex - 1; k >= 0 && (col > 0 || orEqual); k--) {
    const s = shape(lines[k]!);
    if (!s) continue;
    if (s.dash !== undefined && s.col === col && !orEqual) {
      // The first line of the list item we are in.
      path.unshift("[]");
      col = s.dash;
      orEqual = true;
      continue;
    }
    if (s.key !== undefined && (s.col < col || (orEqual && s.col === col && s.dash === undefined))) {
      path.unshift(s.key);
      if (s.dash !== undefined) {
        path.unshift("[]");
        col = s.dash;
        orEqual = true;
      } else {
        col = s.col;
        orEqual = false;
      }
    }
  }
  return path;
}

/** Keys already written in the mapping that line `lineIndex` belongs to, at `column`. */
function writtenKeys(lines: readonly string[], lineIndex: number, column: number): Set<string> {
  const keys = new Set<string>();
  const scan = (from: number, step: 1 | -1) => {
    for (let k = from; k >= 0 && k < lines.length; k += step) {
      const s = shape(lines[k]!);
      if (!s) continue;
      const outer = s.dash !== undefined ? s.dash < column : s.col < column;
      // Going up, a dash line that starts this very item holds its first key.
      if (outer) {
        if (step === -1 && s.col === column && s.key !== undefined) keys.add(s.key);
        return;
      }
      if (s.col === column && s.dash === undefined && s.key !== undefined) keys.add(s.key);
    }
  };
  scan(lineIndex - 1, -1);
  scan(lineIndex + 1, 1);
  return keys;
}

type Schema = Record<string, unknown>;

/** Follows `$ref`s into `$defs` and merges the object variants of `anyOf` / `oneOf` / `allOf`. */
function variants(root: Schema, node: unknown, depth = 0): Schema[] {
  if (typeof node !== "object" || node === null || depth > 20) return [];
  const n = node as Schema;
  const ref = n["$ref"];
  if (typeof ref === "string" && ref.startsWith("#/")) {
    let target: unknown = root;
    for (const part of ref.slice(2).split("/")) target = (target as Schema | undefined)?.[decodeURIComponent(part)];
    return variants(root, target, depth + 1);
  }
  const out: Schema[] = [n];
  for (const key of ["anyOf", "oneOf", "allOf"]) {
    const list = n[key];
    if (Array.isArray(list)) for (const v of list) out.push(...variants(root, v, depth + 1));
  }
  return out;
}

function child(root: Schema, nodes: readonly Schema[], segment: KeySegment): Schema[] {
  const out: Schema[] = [];
  for (const node of nodes) {
    if (segment === "[]") {
      if (node["items"] !== undefined) out.push(...variants(root, node["items"]));
      continue;
    }
    const properties = node["properties"] as Record<string, unknown> | undefined;
    if (properties && segment in properties) out.push(...variants(root, properties[segment]));
    else if (typeof node["additionalProperties"] === "object") out.push(...variants(root, node["additionalProperties"]));
  }
  return out;
}

/** The keys the schema allows in the mapping at `path`, in the schema's order. */
export function schemaKeys(schema: object, path: readonly KeySegment[]): KeySuggestion[] {
  const root = schema as Schema;
  let nodes = variants(root, root);
  for (const segment of path) nodes = child(root, nodes, segment);
  const seen = new Map<string, KeySuggestion>();
  for (const node of nodes) {
    const properties = node["properties"] as Record<string, unknown> | undefined;
    if (!properties) continue;
    const required = new Set(Array.isArray(node["required"]) ? (node["required"] as string[]) : []);
    for (const [key, value] of Object.entries(properties)) {
      if (seen.has(key)) continue;
      const description = variants(root, value).map((v) => v["description"]).find((d): d is string => typeof d === "string");
      seen.set(key, { key, required: required.has(key), ...(description !== undefined ? { description } : {}) });
    }
  }
  return [...seen.values()];
}

/**
 * The keys to offer where the cursor stands at `offset` of `text`, when it stands where a key is
 * written (the start of a line's content, after any list dash): the word typed so far and the
 * schema's keys for that mapping that are not written yet. Undefined elsewhere.
 */
export function keysAt(text: string, offset: number, schema: object): { from: number; typed: string; keys: KeySuggestion[] } | undefined {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const m = /^(\s*(?:-\s+)*)([\w$-]*)$/.exec(before);
  if (!m) return undefined;
  const column = m[1]!.length;
  const lines = text.split("\n");
  const lineIndex = text.slice(0, lineStart).split("\n").length - 1;
  const path = keyPathAt(lines, lineIndex, column);
  const written = writtenKeys(lines, lineIndex, column);
  const keys = schemaKeys(schema, path).filter((k) => !written.has(k.key));
  return { from: lineStart + column, typed: m[2]!, keys };
}
