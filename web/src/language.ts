/**
 * The workbench's language: i18next set up with the messages of src/i18n/workbench.ts, the choice
 * kept in the browser. Scenario labels switch with the same setting: every `{en, zh}` label shows
 * in the chosen language where it is given.
 */
import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import { workbenchMessages } from "../../src/i18n/workbench.js";

const LANGUAGE_KEY = "parley.language";

function initialLanguage(): "en" | "zh" {
  try {
    const saved = window.localStorage.getItem(LANGUAGE_KEY);
    if (saved === "en" || saved === "zh") return saved;
  } catch {
    // Storage may be unavailable.
  }
  return navigator.language.toLowerCase().startsWith("zh") ? "zh" : "en";
}

void i18next.use(initReactI18next).init({
  resources: { en: { translation: workbenchMessages.en }, zh: { translation: workbenchMessages.zh } },
  lng: initialLanguage(),
  fallbackLng: "en",
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = i18next.language === "zh" ? "zh-CN" : "en";

export function setLanguage(language: "en" | "zh"): void {
  void i18next.changeLanguage(language);
  document.documentElement.lang = language === "zh" ? "zh-CN" : "en";
  try {
    window.localStorage.setItem(LANGUAGE_KEY, language);
  } catch {
    // The choice then lasts for this visit.
  }
}

export default i18next;
