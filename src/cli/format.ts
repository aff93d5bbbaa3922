/** Plain-text tables for the terminal, padded by display width: CJK characters take two columns. */
import { eastAsianWidth } from "get-east-asian-width";

/**
 * Characters that take no column of their own: combining marks (they sit on the character before),
 * format and control characters (zero-width space and joiner, soft hyphen, BOM), and the medial and
 * final Hangul jamo that join the initial before them into one syllable.
 */
const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}\p{Cc}\u1160-\u11ff\ud7b0-\ud7ff]$/u;

/**
 * Display width of a string in a monospace terminal, code point by code point: 2 for East Asian Wide
 * and Fullwidth characters (Unicode's EastAsianWidth, from get-east-asian-width: CJK ideographs of
 * every plane, kana, hangul, fullwidth forms, emoji shown as pictures), 0 for the characters of
 * `ZERO_WIDTH`, 1 for the rest; ambiguous ones (Greek, Cyrillic, "…", "─") count 1, as terminals
 * outside East Asian locales draw them. Emoji sequences joined by U+200D count per emoji.
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code >= 0x20 && code < 0x7f) width += 1;
    else if (!ZERO_WIDTH.test(char)) width += eastAsianWidth(code);
  }
  return width;
}

export function padEnd(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - displayWidth(text)));
}

export function padStart(text: string, width: number): string {
  return " ".repeat(Math.max(0, width - displayWidth(text))) + text;
}

/** Cuts a text to a display width, ending with "…" when cut. */
export function truncate(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = "";
  for (const char of text) {
    if (displayWidth(out + char) > width - 1) break;
    out += char;
  }
  return `${out}…`;
}

export type Align = "left" | "right";

/** A table with a header row and a rule under it; numeric columns align right. */
export function table(header: readonly string[], rows: readonly (readonly string[])[], align: readonly Align[] = []): string {
  const widths = header.map((h, c) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[c] ?? ""))));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, c) => (align[c] === "right" ? padStart(cell, widths[c]!) : padEnd(cell, widths[c]!)))
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((w) => "─".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

/** A number for people: at most `digits` decimals, no trailing zeros. */
export function formatNumber(value: number, digits = 1): string {
  if (!Number.isFinite(value)) return String(value);
  return String(Number(value.toFixed(digits)));
}
