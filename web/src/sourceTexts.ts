/**
 * Source texts the analyst attached in this browser, so that quotes are checked against them as
 * they are typed (the server never reads files a scenario names). Keyed by scenario and by the
 * source's `file` as written; kept in local storage where it fits, else for this visit.
 */
import { changeSignal } from "./changeSignal.js";

const texts = new Map<string, string>();
const { changed, useChanges } = changeSignal();
const PREFIX = "parley.source.";

const key = (scenario: string, file: string) => `${scenario}\u0000${file}`;

export function sourceText(scenario: string, file: string): string | undefined {
  const k = key(scenario, file);
  if (!texts.has(k)) {
    try {
      const stored = window.localStorage.getItem(PREFIX + k);
      if (stored !== null) texts.set(k, stored);
    } catch {
      // Storage unavailable: memory only.
    }
  }
  return texts.get(k);
}

export function attachSourceText(scenario: string, file: string, text: string): void {
  const k = key(scenario, file);
  texts.set(k, text);
  try {
    window.localStorage.setItem(PREFIX + k, text);
  } catch {
    // Too large for storage, or storage unavailable: kept for this visit.
  }
  changed();
}

/** Changes whenever a text is attached (for re-validation). */
export function useSourceTextsVersion(): number {
  return useChanges();
}

/** Whitespace-insensitive, as `parley validate` checks quotes. */
export function quoteFound(source: string, quote: string): boolean {
  const squeeze = (s: string) => s.replace(/\s+/gu, "");
  return squeeze(source).includes(squeeze(quote));
}
