/**
 * A count with its noun, agreeing in number: "1 issue", "207 issues"; in Chinese with the noun's
 * measure word, which does not change: "1 个议题". Pure.
 */
import type { Language } from "../scenario/label.js";

const NOUNS = {
  actor: { en: ["actor", "actors"], zh: "个行为体" },
  issue: { en: ["issue", "issues"], zh: "个议题" },
  stance: { en: ["stance", "stances"], zh: "个立场" },
  citation: { en: ["citation", "citations"], zh: "条引文" },
  error: { en: ["error", "errors"], zh: "个错误" },
  deal: { en: ["deal", "deals"], zh: "项协议" },
  model: { en: ["model", "models"], zh: "个模型" },
  group: { en: ["group", "groups"], zh: "组" },
} as const satisfies Record<string, { readonly en: readonly [string, string]; readonly zh: string }>;

export type CountNoun = keyof typeof NOUNS;

/** `n` and its noun in `language`: the singular for exactly 1 in English, the plural otherwise. */
export function counted(n: number, noun: CountNoun, language: Language = "en"): string {
  const words = NOUNS[noun];
  if (language === "zh") return `${n} ${words.zh}`;
  return `${n} ${n === 1 ? words.en[0] : words.en[1]}`;
}
