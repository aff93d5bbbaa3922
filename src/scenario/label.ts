/** Picking the text of a bilingual label. */
import type { Label } from "./types.js";

export type Language = "en" | "zh";

/** The label in `language`, falling back to the other language when it is missing. */
export function text(label: Label | undefined, language: Language = "en"): string {
  if (label === undefined) return "";
  return (language === "zh" ? (label.zh ?? label.en) : (label.en ?? label.zh)) ?? "";
}
