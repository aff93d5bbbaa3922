/**
 * Escaping scenario text, which is untrusted input, for HTML/SVG and for Markdown. Pure.
 */

const HTML_ESCAPES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text safe inside HTML or SVG elements and quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * Text safe inside Markdown, table cells included: a `<` that could open a tag, comment or
 * autolink and an `&` that could start an entity become entities (so no tag survives a renderer
 * that passes HTML through, while "0 < 70" stays readable), Markdown punctuation is
 * backslash-escaped, and line breaks become spaces.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/&(?=[#A-Za-z0-9])/g, "&amp;")
    .replace(/<(?=[A-Za-z/!?$])/g, "&lt;")
    .replace(/[\\`*_[\]{}|#~!^]/g, (c) => `\\${c}`)
    .replace(/\s*[\r\n]+\s*/g, " ");
}

/** An http(s) URL as given, or undefined for anything else (javascript:, data:, relative…). */
export function safeUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}
