/** Located error messages about a rule's text. */

import { MAX_DIAGNOSTICS } from "./limits.js";

/** A stretch of the rule text: offset and length in UTF-16 code units. */
export interface Span {
  readonly offset: number;
  readonly length: number;
}

/** One problem found in a rule, located in its text. */
export interface RuleDiagnostic {
  readonly offset: number;
  readonly length: number;
  readonly message: string;
}

/** Collects diagnostics up to {@link MAX_DIAGNOSTICS}; the overflow is counted, not stored. */
export class DiagnosticList {
  private readonly items: RuleDiagnostic[] = [];
  private dropped = 0;

  /** Records a problem at `span`. */
  add(span: Span, message: string): void {
    if (this.items.length >= MAX_DIAGNOSTICS) {
      this.dropped += 1;
      return;
    }
    this.items.push({ offset: span.offset, length: Math.max(span.length, 0), message: escapeInvisible(message) });
  }

  get count(): number {
    return this.items.length + this.dropped;
  }

  /** The diagnostics in text order, plus one summary line when some were dropped. */
  toArray(): RuleDiagnostic[] {
    const result = [...this.items].sort((a, b) => a.offset - b.offset);
    if (this.dropped > 0) {
      const last = result[result.length - 1];
      result.push({
        offset: last ? last.offset : 0,
        length: 0,
        message: `${this.dropped} more problem(s) not shown; fix the ones above first`,
      });
    }
    return result;
  }
}

/** The span from the start of `first` to the end of `last`. */
export function joinSpans(first: Span, last: Span): Span {
  return { offset: first.offset, length: last.offset + last.length - first.offset };
}

/** Control, format (e.g. bidi overrides, zero-width) and line-separator characters. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;

/** Shows invisible characters quoted from the rule as "U+XXXX", so they cannot disguise a message. */
export function escapeInvisible(text: string): string {
  return text.replace(INVISIBLE, (char) => `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`);
}
