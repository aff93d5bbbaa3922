/**
 * Reasons and decision rules in words, for the views that show them (deal builder, forecast lead,
 * simulation, briefing). Apart from format.ts so that the scenario grid, the first view, does not
 * load the rule language and the agreement model they need.
 */
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { scenarioExplainer, type ScenarioExplainer } from "../../src/deals/reasons.js";
import { reasonWords } from "../../src/i18n/reasons.js";
import type { Scenario } from "../../src/scenario/types.js";
import { useLabel, useLanguage } from "./format.js";

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
