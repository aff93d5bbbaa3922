/**
 * The forecasting models' names for readers, in English and Chinese: the briefing and the workbench
 * say the same words (the registry's `name` in src/models/ is the longer English description that
 * the API and `parley forecast` list). Plain data, so the browser bundle pulls nothing else.
 */
import type { Language } from "../scenario/label.js";

export type ModelId = "compromise" | "median" | "nbs" | "smp" | "eum" | "exchange";

export const MODEL_LABELS: Readonly<Record<Language, Readonly<Record<ModelId, string>>>> = {
  en: { compromise: "Compromise", median: "Weighted median", nbs: "Nash bargaining", smp: "SMP (KTAB)", eum: "EUM", exchange: "Exchange (Stokman)" },
  zh: { compromise: "折中模型", median: "加权中位数", nbs: "纳什议价解", smp: "空间政治模型(KTAB)", eum: "预期效用模型", exchange: "交换模型(Stokman)" },
};

/** A model's name in a language; an id no model has (a plug-in's) is shown as it is. */
export function modelLabel(id: string, language: Language): string {
  return (MODEL_LABELS[language] as Readonly<Record<string, string>>)[id] ?? id;
}
