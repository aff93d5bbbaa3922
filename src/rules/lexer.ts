/**
 * Turns rule text into tokens. Names are plain ASCII (`A–Z a–z 0–9 _`, not starting with a digit)
 * or quoted with '…' / "…" for ids that contain other characters or clash with keywords.
 * Any other character is reported (with its code point, so invisible and look-alike
 * characters are visible in the message) and skipped.
 */

import type { DiagnosticList, Span } from "./diagnostics.js";

export type CompareOperator = "<" | "<=" | ">" | ">=" | "==" | "!=";
export type ArithmeticOperator = "+" | "-" | "*" | "/";
export type Punctuation = "(" | ")" | "[" | "]" | "," | ":";

export type Token =
  | { readonly kind: "number"; readonly value: number; readonly span: Span }
  | { readonly kind: "name"; readonly name: string; readonly quoted: boolean; readonly span: Span }
  | { readonly kind: "compare"; readonly operator: CompareOperator; readonly span: Span }
  | { readonly kind: "arithmetic"; readonly operator: ArithmeticOperator; readonly span: Span }
  | { readonly kind: "punctuation"; readonly symbol: Punctuation; readonly span: Span }
  | { readonly kind: "end"; readonly span: Span };

/** Words with a grammatical meaning; an id spelled like one must be quoted. */
export const KEYWORDS: ReadonlySet<string> = new Set([
  "and",
  "or",
  "not",
  "in",
  "any",
  "all",
  "count",
  "actors",
  "issues",
]);

/** Symbols with a single meaning, longest first so `<=` wins over `<`. */
const OPERATORS: readonly (readonly [string, Token["kind"], string])[] = [
  ["<=", "compare", "<="],
  [">=", "compare", ">="],
  ["==", "compare", "=="],
  ["!=", "compare", "!="],
  ["≤", "compare", "<="],
  ["≥", "compare", ">="],
  ["≠", "compare", "!="],
  ["<", "compare", "<"],
  [">", "compare", ">"],
  ["+", "arithmetic", "+"],
  ["-", "arithmetic", "-"],
  ["−", "arithmetic", "-"],
  ["*", "arithmetic", "*"],
  ["/", "arithmetic", "/"],
  ["(", "punctuation", "("],
  [")", "punctuation", ")"],
  ["[", "punctuation", "["],
  ["]", "punctuation", "]"],
  [",", "punctuation", ","],
  [":", "punctuation", ":"],
];

/** Symbols from programming languages: reported with a hint, then read as the rule-language word. */
const FOREIGN_OPERATORS: readonly (readonly [string, string, Token])[] = [
  ["&&", "write 'and' instead of '&&'", nameToken("and", 0, 2)],
  ["||", "write 'or' instead of '||'", nameToken("or", 0, 2)],
  ["=", "write '==' to test equality", { kind: "compare", operator: "==", span: { offset: 0, length: 1 } }],
  ["!", "write 'not' instead of '!'", nameToken("not", 0, 1)],
];

function nameToken(name: string, offset: number, length: number): Token {
  return { kind: "name", name, quoted: false, span: { offset, length } };
}

const WHITESPACE = new Set([" ", "\t", "\n", "\r", "\u00a0"]);

function isNameStart(char: string): boolean {
  return (char >= "a" && char <= "z") || (char >= "A" && char <= "Z") || char === "_";
}

function isDigit(char: string): boolean {
  return char >= "0" && char <= "9";
}

function isNamePart(char: string): boolean {
  return isNameStart(char) || isDigit(char);
}

/** Letters, digits, marks and invisible format characters outside ASCII: not allowed in names, but read as part of one. */
const FOREIGN_NAME_CHARACTER = /^[\p{L}\p{M}\p{N}\p{Cf}]$/u;

/** The code point at `position` as a string (one or two UTF-16 units). */
function characterAt(text: string, position: number): string {
  const codePoint = text.codePointAt(position);
  return codePoint === undefined ? "" : String.fromCodePoint(codePoint);
}

function isForeignNameCharacter(char: string): boolean {
  return char.length > 0 && !isNamePart(char) && char.charCodeAt(0) > 0x7f && FOREIGN_NAME_CHARACTER.test(char);
}

/** Describes a character by code point, so that invisible or look-alike characters are identifiable. */
export function describeCharacter(char: string): string {
  const codePoint = char.codePointAt(0) ?? 0;
  const hex = `U+${codePoint.toString(16).toUpperCase().padStart(4, "0")}`;
  const printable = codePoint > 0x20 && !/[\p{Cf}\p{Cc}\p{Zs}\p{Zl}\p{Zp}\p{M}]/u.test(char);
  return printable ? `'${char}' (${hex})` : hex;
}

/** Splits `text` into tokens, reporting (and skipping) characters that cannot start a token. */
export function tokenize(text: string, diagnostics: DiagnosticList): Token[] {
  const tokens: Token[] = [];
  let position = 0;
  while (position < text.length) {
    const char = text[position] ?? "";
    if (WHITESPACE.has(char)) {
      position += 1;
      continue;
    }
    const scanned =
      scanNumber(text, position, diagnostics) ??
      scanName(text, position, diagnostics) ??
      scanQuotedName(text, position, diagnostics) ??
      scanOperator(text, position) ??
      scanForeignOperator(text, position, diagnostics);
    if (scanned) {
      tokens.push(scanned);
      position = scanned.span.offset + scanned.span.length;
      continue;
    }
    const codePoint = text.codePointAt(position) ?? 0;
    const width = codePoint > 0xffff ? 2 : 1;
    const bad = text.slice(position, position + width);
    diagnostics.add(
      { offset: position, length: width },
      `unexpected character ${describeCharacter(bad)}; names use only the letters A–Z, digits and '_' (quote other ids: 'my-id')`,
    );
    position += width;
  }
  tokens.push({ kind: "end", span: { offset: text.length, length: 0 } });
  return tokens;
}

/** Reads digits with an optional fraction, e.g. `70` or `12.5`. */
function scanNumber(text: string, start: number, diagnostics: DiagnosticList): Token | undefined {
  if (!isDigit(text[start] ?? "")) return undefined;
  let end = start;
  while (isDigit(text[end] ?? "")) end += 1;
  if (text[end] === "." && isDigit(text[end + 1] ?? "")) {
    end += 2;
    while (isDigit(text[end] ?? "")) end += 1;
  }
  if (isNamePart(text[end] ?? "")) {
    while (isNamePart(text[end] ?? "")) end += 1;
    const span = { offset: start, length: end - start };
    diagnostics.add(span, `'${shorten(text.slice(start, end))}' is neither a number nor a name: names may not start with a digit (quote such an id: '${shorten(text.slice(start, end))}')`);
    return { kind: "number", value: 0, span };
  }
  const span = { offset: start, length: end - start };
  const value = Number(text.slice(start, end));
  if (!Number.isFinite(value)) {
    diagnostics.add(span, "number is too large");
    return { kind: "number", value: 0, span };
  }
  return { kind: "number", value, span };
}

/**
 * Reads a plain name such as `verification` or `icbm_only`. Non-ASCII letters and invisible
 * characters next to it (look-alikes such as Cyrillic 'о', zero-width spaces) are read as part
 * of the name and reported, so the name is not silently split or mistaken for a known id.
 */
function scanName(text: string, start: number, diagnostics: DiagnosticList): Token | undefined {
  const first = characterAt(text, start);
  if (!isNameStart(first) && !isForeignNameCharacter(first)) return undefined;
  let end = start;
  let foreign: { char: string; offset: number } | undefined;
  for (let char = first; isNamePart(char) || isForeignNameCharacter(char); char = characterAt(text, end)) {
    if (!isNamePart(char)) foreign ??= { char, offset: end };
    end += char.length;
  }
  const name = text.slice(start, end);
  if (foreign) {
    diagnostics.add(
      { offset: foreign.offset, length: foreign.char.length },
      `name '${shorten(name)}' contains the character ${describeCharacter(foreign.char)}; names use only the letters A–Z, digits and '_' (it may be a look-alike or invisible character)`,
    );
  } else if (!isNameStart(first)) {
    return undefined;
  }
  return nameToken(name, start, end - start);
}

/** Reads a quoted name such as `'exercises-troops'`; it never means a keyword. */
function scanQuotedName(text: string, start: number, diagnostics: DiagnosticList): Token | undefined {
  const quote = text[start];
  if (quote !== "'" && quote !== '"') return undefined;
  const close = text.indexOf(quote, start + 1);
  const lineBreak = text.slice(start + 1, close === -1 ? text.length : close).search(/[\r\n]/);
  if (close === -1 || lineBreak !== -1) {
    const end = lineBreak === -1 ? text.length : start + 1 + lineBreak;
    diagnostics.add({ offset: start, length: end - start }, `quoted name is not closed: expected ${quote} before the end of the line`);
    return { kind: "name", name: text.slice(start + 1, end), quoted: true, span: { offset: start, length: end - start } };
  }
  const span = { offset: start, length: close + 1 - start };
  if (close === start + 1) diagnostics.add(span, "a quoted name cannot be empty");
  return { kind: "name", name: text.slice(start + 1, close), quoted: true, span };
}

/** Reads one of the rule language's operators or punctuation marks. */
function scanOperator(text: string, start: number): Token | undefined {
  for (const [symbol, kind, meaning] of OPERATORS) {
    if (!text.startsWith(symbol, start)) continue;
    const span = { offset: start, length: symbol.length };
    if (kind === "compare") return { kind, operator: meaning as CompareOperator, span };
    if (kind === "arithmetic") return { kind, operator: meaning as ArithmeticOperator, span };
    return { kind: "punctuation", symbol: meaning as Punctuation, span };
  }
  return undefined;
}

/** Reads `&&`, `||`, `=` or `!`, reports the rule-language spelling, and continues as if it had been used. */
function scanForeignOperator(text: string, start: number, diagnostics: DiagnosticList): Token | undefined {
  for (const [symbol, hint, token] of FOREIGN_OPERATORS) {
    if (!text.startsWith(symbol, start)) continue;
    const span = { offset: start, length: symbol.length };
    diagnostics.add(span, hint);
    return { ...token, span };
  }
  return undefined;
}

/** Shows a token the way a message should quote it. */
export function describeToken(token: Token): string {
  switch (token.kind) {
    case "number":
      return `number ${token.value}`;
    case "name":
      return token.quoted ? `'${token.name}'` : `'${shorten(token.name)}'`;
    case "compare":
      return `'${token.operator}'`;
    case "arithmetic":
      return `'${token.operator}'`;
    case "punctuation":
      return `'${token.symbol}'`;
    case "end":
      return "the end of the rule";
  }
}

/** Cuts long names in messages so a diagnostic stays one readable line. */
export function shorten(name: string): string {
  return name.length > 40 ? `${name.slice(0, 40)}…` : name;
}
