/** Shared display helpers: bilingual labels in the chosen language, numbers as analysts read them. */
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { scenarioExplainer, type ScenarioExplainer } from "../../src/deals/reasons.js";
import { reasonWords } from "../../src/i18n/reasons.js";
import { text, type Language } from "../../src/scenario/label.js";
import type { Label, Scenario } from "../../src/scenario/types.js";

export function useLanguage(): Language {
  const { i18n } = useTranslation();
  return i18n.language.startsWith("zh") ? "zh" : "en";
}

/** `label(x)`: a scenario label in the UI's language, falling back to the other one. */
export function useLabel(): (label: Label | string | undefined) => string {
  const language = useLanguage();
  return (label) => (typeof label === "string" ? label : text(label, language));
}

/** Reasons of criteria, traps and acceptance in words, with the scenario's names in the UI's language. */
export function useExplainer(scenario: Scenario): ScenarioExplainer {
  const language = useLanguage();
  return useMemo(() => scenarioExplainer(scenario, language), [scenario, language]);
}

/** Who must sign under the scenario's decision rule, in words (docs/agreement.md). */
export function useDecisionText(scenario: Scenario): string {
  const { t } = useTranslation();
  const label = useLabel();
  const language = useLanguage();
  // Once per scenario and language, not at every render of the deal builder's verdicts.
  return useMemo(() => {
    const { decision } = scenario;
    const names = (ids: readonly string[]) => reasonWords[language].list(ids.map((id) => label(scenario.actors.find((a) => a.id === id)?.name) || id));
    const parts = [
      ...(decision.veto && decision.veto.length > 0 ? [t("agreement.rule.veto", { actors: names(decision.veto) })] : []),
      ...(decision.threshold !== undefined ? [t("agreement.rule.threshold", { share: `${Math.round(decision.threshold * 100)} %` })] : []),
    ];
    return decision.kind === "unanimity" || parts.length === 0 ? t("agreement.rule.unanimity") : parts.join(t("agreement.rule.and"));
  }, [scenario, language, t]); // label follows language
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
