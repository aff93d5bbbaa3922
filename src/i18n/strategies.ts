/**
 * The negotiating strategies' names for readers, in English and Chinese (src/simulation/negotiators):
 * the briefing and the workbench's Simulate view say the same words.
 */
import type { Strategy } from "../simulation/negotiators/names.js";

export const STRATEGY_LABELS: Readonly<Record<"en" | "zh", Readonly<Record<Strategy, string>>>> = {
  en: { boulware: "Boulware (concedes late)", linear: "Linear concession", conceder: "Conceder (concedes early)", hardliner: "Hardliner", "tit-for-tat": "Tit for tat", informed: "Informed (by clout and salience)" },
  zh: { boulware: "Boulware（后期让步）", linear: "线性让步", conceder: "让步者（早期让步）", hardliner: "强硬派", "tit-for-tat": "以牙还牙", informed: "知情者（依实力与重要性）" },
};
