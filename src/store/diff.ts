/**
 * Comparing two scenario versions: a structural diff of their normalised JSON (every changed
 * value by field path) and a unified diff of their YAML texts. Pure.
 */

export interface ValueChange {
  /**
   * Field path, as in diagnostics: `actors[0].capability.value`. Elements of lists whose items all
   * carry a distinct `id` are matched by id, not position, and written `actors[id=USA]`, so that
   * inserting an actor does not show every later actor as changed.
   */
  readonly path: string;
  readonly kind: "added" | "removed" | "changed";
  /** The old value (absent for "added"). */
  readonly from?: unknown;
  /** The new value (absent for "removed"). */
  readonly to?: unknown;
}

/** Every difference between two JSON values, in document order. */
export function diffValues(from: unknown, to: unknown): ValueChange[] {
  const out: ValueChange[] = [];
  walk(from, to, "", out);
  return out;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);
const key = (path: string, name: string) => (path === "" ? name : `${path}.${name}`);

function walk(a: unknown, b: unknown, path: string, out: ValueChange[]): void {
  if (isObject(a) && isObject(b)) {
    for (const name of Object.keys(a)) {
      if (!(name in b)) out.push({ path: key(path, name), kind: "removed", from: a[name] });
      else walk(a[name], b[name], key(path, name), out);
    }
    for (const name of Object.keys(b)) if (!(name in a)) out.push({ path: key(path, name), kind: "added", to: b[name] });
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const idsA = distinctIds(a);
    const idsB = distinctIds(b);
    if (idsA && idsB) {
      const byId = new Map(b.map((item, i) => [idsB[i]!, item]));
      const seen = new Set<string>();
      a.forEach((item, i) => {
        const id = idsA[i]!;
        seen.add(id);
        if (!byId.has(id)) out.push({ path: `${path}[id=${id}]`, kind: "removed", from: item });
        else walk(item, byId.get(id), `${path}[id=${id}]`, out);
      });
      b.forEach((item, i) => {
        if (!seen.has(idsB[i]!)) out.push({ path: `${path}[id=${idsB[i]!}]`, kind: "added", to: item });
      });
      return;
    }
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) {
      if (i >= b.length) out.push({ path: `${path}[${i}]`, kind: "removed", from: a[i] });
      else if (i >= a.length) out.push({ path: `${path}[${i}]`, kind: "added", to: b[i] });
      else walk(a[i], b[i], `${path}[${i}]`, out);
    }
    return;
  }
  if (!Object.is(a, b)) out.push({ path, kind: "changed", from: a, to: b });
}

/** The items' ids when every item is an object with a distinct string `id`; else undefined. */
function distinctIds(list: readonly unknown[]): string[] | undefined {
  if (list.length === 0) return [];
  const ids: string[] = [];
  for (const item of list) {
    if (!isObject(item) || typeof item["id"] !== "string") return undefined;
    ids.push(item["id"]);
  }
  return new Set(ids).size === ids.length ? ids : undefined;
}

// --- unified text diff -------------------------------------------------------------------------

type Edit = { readonly op: " " | "-" | "+"; readonly line: string };

/** Beyond this many differing lines the diff is shown as one replacement rather than searched. */
const MAX_EDIT_DISTANCE = 1000;

/**
 * A unified diff (as `diff -u` writes it) of two texts, with `context` lines around each change.
 * Empty when the texts are equal.
 */
export function unifiedDiff(from: string, to: string, labels: { from: string; to: string }, context = 3): string {
  if (from === to) return "";
  const edits = diffLines(splitLines(from), splitLines(to));
  const hunks: string[] = [];
  let i = 0;
  while (i < edits.length) {
    if (edits[i]!.op === " ") {
      i++;
      continue;
    }
    // A hunk: from `context` lines before this change to `context` lines after the last change
    // that is no more than 2 × context unchanged lines away.
    let start = i;
    let lead = 0;
    while (start > 0 && lead < context && edits[start - 1]!.op === " ") {
      start--;
      lead++;
    }
    let end = i;
    for (;;) {
      while (end < edits.length && edits[end]!.op !== " ") end++;
      let gap = 0;
      while (end + gap < edits.length && edits[end + gap]!.op === " ") gap++;
      if (end + gap < edits.length && gap <= 2 * context) end += gap;
      else {
        end += Math.min(gap, context);
        break;
      }
    }
    hunks.push(hunk(edits, start, end));
    i = end;
  }
  return [`--- ${labels.from}`, `+++ ${labels.to}`, ...hunks].join("\n") + "\n";
}

function hunk(edits: readonly Edit[], start: number, end: number): string {
  let oldLine = 1;
  let newLine = 1;
  for (let k = 0; k < start; k++) {
    if (edits[k]!.op !== "+") oldLine++;
    if (edits[k]!.op !== "-") newLine++;
  }
  const body = edits.slice(start, end);
  const oldCount = body.filter((e) => e.op !== "+").length;
  const newCount = body.filter((e) => e.op !== "-").length;
  const range = (line: number, count: number) => (count === 0 ? `${line - 1},0` : count === 1 ? `${line}` : `${line},${count}`);
  return [`@@ -${range(oldLine, oldCount)} +${range(newLine, newCount)} @@`, ...body.map((e) => `${e.op}${e.line}`)].join("\n");
}

function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** The shortest edit script between two line lists (Myers 1986), common ends trimmed first. */
export function diffLines(a: readonly string[], b: readonly string[]): Edit[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const same = (lines: readonly string[]) => lines.map((line): Edit => ({ op: " ", line }));
  return [...same(a.slice(0, head)), ...myers(midA, midB), ...same(a.slice(a.length - tail))];
}

function myers(a: readonly string[], b: readonly string[]): Edit[] {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, MAX_EDIT_DISTANCE);
  const offset = max + 1;
  let v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  outer: for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    const next = v.slice();
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      next[offset + k] = x;
      if (x >= n && y >= m) {
        v = next;
        found = true;
        break outer;
      }
    }
    v = next;
  }
  if (!found) return [...a.map((line): Edit => ({ op: "-", line })), ...b.map((line): Edit => ({ op: "+", line }))];

  // Walk the trace back from (n, m) to (0, 0).
  const edits: Edit[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const w = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && w[offset + k - 1]! < w[offset + k + 1]!) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : w[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      edits.push({ op: " ", line: a[--x]! });
      y--;
    }
    if (d > 0) {
      if (x === prevX) edits.push({ op: "+", line: b[--y]! });
      else edits.push({ op: "-", line: a[--x]! });
    }
  }
  return edits.reverse();
}
