/**
 * A parsed YAML or JSON text that remembers where every value came from, so that a problem
 * found in the data can be reported at its line and column. JSON is parsed by the YAML parser
 * too (JSON is YAML 1.2), which gives both formats the same located errors.
 */
import { Composer, isAlias, isCollection, isMap, isPair, isScalar, isSeq, LineCounter, Parser, YAMLParseError, type Document, type Node } from "yaml";
import type { CST } from "yaml";
import type { FieldPath } from "./diagnostics.js";
import { formatPath, type Diagnostic } from "./diagnostics.js";
import type { LocatedDocument, Position } from "./located.js";

export { MAX_INPUT_BYTES, unlocatedDocument, type LocatedDocument, type Position } from "./located.js";

/**
 * The deepest nesting of mappings and lists a text may have. A scenario is about eight levels deep;
 * the YAML parser's composer recurses once per level and overflows the stack near a thousand.
 */
export const MAX_NESTING_DEPTH = 64;

/**
 * The most values that aliases (`*name`) may expand to, counted over the whole text: an alias stands
 * for every value under its anchor, so a few nested aliases can stand for billions ("billion laughs").
 */
export const MAX_ALIAS_EXPANSION = 100_000;

/**
 * Parses YAML (or JSON) text, keeping where every value is. Bounded: nesting deeper than
 * {@link MAX_NESTING_DEPTH} is refused before the text is composed, and aliases that expand to more
 * than {@link MAX_ALIAS_EXPANSION} values, or name no earlier anchor, are refused at the alias.
 */
export function parseLocated(text: string, file: string): LocatedDocument {
  const lineCounter = new LineCounter();
  const toPosition = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const at = (offset: number, message: string): Diagnostic => ({ file, ...toPosition(offset), path: "", message });

  // The composer recurses, so depth is checked between the parser and it. The parser keeps its own stack for
  // flow collections but its generators nest per block level: thousands of nested block lists (`- - - …`,
  // or ever deeper indentation) overflow it, and are then refused where the indentation is deepest.
  const parsed = parseTokens(text, lineCounter);
  if (parsed.overflow) lineCounter.lineStarts.splice(0, lineCounter.lineStarts.length, ...lineStarts(text));
  const tokens = parsed.overflow ? [] : parsed.tokens;
  const tooDeep = parsed.overflow ? deepestIndent(text) : deepestOffset(tokens, MAX_NESTING_DEPTH);
  const doc = tooDeep === undefined ? composeFirst(tokens, text) : undefined;
  const syntaxErrors: Diagnostic[] =
    doc === undefined
      ? [at(tooDeep ?? 0, `nested more than ${MAX_NESTING_DEPTH} levels deep (lists and mappings inside one another); a scenario needs fewer than ten`)]
      : doc.errors.map((error) => at(error.pos[0], cleanYamlMessage(error.message)));

  let value: unknown;
  if (doc !== undefined && syntaxErrors.length === 0) {
    const aliasProblem = checkAliases(doc);
    if (aliasProblem) syntaxErrors.push(at(aliasProblem.offset, aliasProblem.message));
    else {
      try {
        value = doc.toJS({ maxAliasCount: -1 });
      } catch (error) {
        syntaxErrors.push(at(0, (error as Error).message));
      }
    }
  }

  const contents = doc?.contents ?? null;
  const nodeAt = (path: FieldPath): unknown => {
    let node: unknown = contents;
    for (const segment of path) {
      if (isMap(node)) node = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment))?.value;
      else if (isSeq(node) && typeof segment === "number") node = node.items[segment];
      else return undefined;
    }
    return node;
  };

  const locate = (path: FieldPath, atKey = false): Position => {
    let node: unknown = contents;
    let place: Node | null = contents;
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

/** The parser's tokens, or `overflow` when the text nests so deep that the parser runs out of stack. */
function parseTokens(text: string, lineCounter: LineCounter): { overflow: false; tokens: CST.Token[] } | { overflow: true } {
  try {
    return { overflow: false, tokens: [...new Parser(lineCounter.addNewLine).parse(text)] };
  } catch (error) {
    if (error instanceof RangeError && /call stack/i.test(error.message)) return { overflow: true };
    throw error;
  }
}

/** Offsets where each line starts (for positions when the parser, which counts them, gave up). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

/** Offset of the first character after the deepest block indentation (blanks and `- `, `? `, `: ` markers). */
function deepestIndent(text: string): number {
  let best = 0;
  let bestOffset = 0;
  const indent = /^(?:[ \t]|[-?:](?=[ \t]))*/;
  let start = 0;
  while (start <= text.length) {
    const end = text.indexOf("\n", start);
    const lineEnd = end < 0 ? text.length : end;
    const width = indent.exec(text.slice(start, Math.min(lineEnd, start + 100_000)))![0].length;
    if (width > best) {
      best = width;
      bestOffset = start + width;
    }
    if (end < 0) break;
    start = end + 1;
  }
  return bestOffset;
}

/** The first document of the parsed tokens, as `parseDocument` would compose it (a second document is an error). */
function composeFirst(tokens: readonly CST.Token[], text: string): Document.Parsed {
  const composer = new Composer({ uniqueKeys: true, prettyErrors: false, strict: true });
  let first: Document.Parsed | undefined;
  for (const doc of composer.compose(tokens, true, text.length)) {
    if (first === undefined) first = doc;
    else {
      first.errors.push(new YAMLParseError([doc.range[0], doc.range[1]], "MULTIPLE_DOCS", "the text holds more than one document (a second `---`); expected one"));
      break;
    }
  }
  return first!;
}

/** The offset of the first collection nested deeper than `max` levels, or undefined. Iterative: any depth is measured safely. */
function deepestOffset(tokens: readonly CST.Token[], max: number): number | undefined {
  const stack: [CST.Token, number][] = tokens.map((token) => [token, 0]);
  while (stack.length > 0) {
    const [token, depth] = stack.pop()!;
    if (token.type === "document") {
      if (token.value) stack.push([token.value, depth]);
    } else if (token.type === "block-map" || token.type === "block-seq" || token.type === "flow-collection") {
      if (depth + 1 > max) return token.offset;
      for (const item of token.items) {
        if (item.key) stack.push([item.key, depth + 1]);
        if (item.value) stack.push([item.value, depth + 1]);
      }
    }
  }
  return undefined;
}

/**
 * Checks every alias of a document in order: it must name an anchor set before it, and all aliases
 * together may stand for at most {@link MAX_ALIAS_EXPANSION} values. Returns the first alias at fault.
 */
function checkAliases(doc: Document.Parsed): { offset: number; message: string } | undefined {
  const anchors = new Map<string, Node>();
  const sizes = new Map<Node, number>();
  let expanded = 0;
  // The values a node stands for, its aliases expanded (each anchor measured once; depth is bounded already).
  const sizeOf = (node: unknown): number => {
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      return target === undefined ? 1 : sizeOf(target);
    }
    if (!isCollection(node)) return 1;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    let size = 1;
    for (const item of node.items) size += isPair(item) ? sizeOf(item.key) + sizeOf(item.value) : sizeOf(item);
    sizes.set(node, size);
    return size;
  };
  const walk = (node: unknown): { offset: number; message: string } | undefined => {
    if (node === null || node === undefined) return undefined;
    if (isAlias(node)) {
      const offset = node.range?.[0] ?? 0;
      const target = anchors.get(node.source);
      if (target === undefined) return { offset, message: `the alias *${node.source} names no anchor &${node.source} set before it` };
      expanded += sizeOf(target);
      if (expanded > MAX_ALIAS_EXPANSION) return { offset, message: `aliases expand to more than ${MAX_ALIAS_EXPANSION.toLocaleString("en-US")} values (each alias repeats everything under its anchor); use fewer or smaller aliases` };
      return undefined;
    }
    if (isPair(node)) return walk(node.key) ?? walk(node.value);
    const anchor = (node as { anchor?: string }).anchor;
    if (isCollection(node)) {
      for (const item of node.items) {
        const problem = walk(item);
        if (problem) return problem;
      }
    }
    if (anchor !== undefined) anchors.set(anchor, node as Node);
    return undefined;
  };
  return walk(doc.contents);
}

/** The YAML library's messages include a code excerpt; we keep only the sentence. */
function cleanYamlMessage(message: string): string {
  const firstLine = message.split("\n")[0] ?? message;
  return firstLine.replace(/ at line \d+, column \d+:?$/, "");
}
