/** Shared display helpers: bilingual labels in the chosen language, numbers as analysts read them. */
import { useTranslation } from "react-i18next";
import { text, type Language } from "../../src/scenario/label.js";
import type { Label } from "../../src/scenario/types.js";

export function useLanguage(): Language {
  const { i18n } = useTranslation();
  return i18n.language.startsWith("zh") ? "zh" : "en";
}

/** `label(x)`: a scenario label in the UI's language, falling back to the other one. */
export function useLabel(): (label: Label | string | undefined) => string {
  const language = useLanguage();
  return (label) => (typeof label === "string" ? label : text(label, language));
}

/** A number with at most `digits` decimals, without trailing zeros. */
export function fmt(x: number | null | undefined, digits = 1): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "–";
  const factor = 10 ** digits;
  return String(Math.round(x * factor) / factor);
}

export function fmtMs(x: number | undefined): string {
  return x === undefined ? "–" : `${x < 10 ? x.toFixed(2) : x.toFixed(0)} ms`;
}

export function fmtTime(iso: string, language: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(language === "zh" ? "zh-CN" : "en-GB", { dateStyle: "medium", timeStyle: "short" });
}
