/**
 * A scenario's names for reasons (src/rules/explain.ts): actors and issues by name, options by
 * label, numbers with the issue's unit and, where a value sits on a labelled point of the scale,
 * that label. Pure.
 */
import { reasonWords } from "../i18n/reasons.js";
import { explainAgreement, withoutStatusQuo, type AgreementReason } from "../agreement/index.js";
import { explainAcceptance, explainReason, type AcceptanceReason, type Reason, type ReasonLabels } from "../rules/index.js";
import { formatNumber } from "../rules/format.js";
import { text, type Language } from "../scenario/label.js";
import type { Scenario } from "../scenario/types.js";

export function reasonLabels(scenario: Scenario, language: Language): ReasonLabels {
  const actors = new Map(scenario.actors.map((a) => [a.id, a]));
  const issues = new Map(scenario.issues.map((i) => [i.id, i]));
  const named = (name: string, id: string): string => (name === "" ? id : name);
  return {
    actor: (id) => named(text(actors.get(id)?.name, language), id),
    issue: (id) => named(text(issues.get(id)?.name, language), id),
    value: (issueId, value, described) => {
      const issue = issueId === undefined ? undefined : issues.get(issueId);
      if (typeof value === "string") {
        const option = issue?.options.find((o) => o.id === value) ?? (issue ? undefined : scenario.issues.flatMap((i) => i.options).find((o) => o.id === value));
        return option ? named(text(option.label, language), value) : value;
      }
      const unit = issue?.unit ? text(issue.unit, language) : "";
      const number = unit === "" ? formatNumber(value) : unit.startsWith("%") ? `${formatNumber(value)}${unit}` : `${formatNumber(value)} ${unit}`;
      const anchor = described && issue?.kind === "numeric" ? issue.anchors.find((a) => Math.abs(a.value - value) < 1e-9) : undefined;
      return anchor ? reasonWords[language].detail(number, text(anchor.label, language)) : number;
    },
    redLine: (actorId, id) => {
      const line = actors.get(actorId)?.redLines.find((l) => l.id === id);
      return line?.name ? named(text(line.name, language), id) : id;
    },
  };
}

/** Reasons of one scenario in one language. */
export interface ScenarioExplainer {
  readonly reason: (reason: Reason) => string;
  readonly acceptance: (acceptance: AcceptanceReason) => string;
  readonly agreement: (reason: AgreementReason) => string;
}

export function scenarioExplainer(scenario: Scenario, language: Language): ScenarioExplainer {
  const labels = reasonLabels(scenario, language);
  return {
    reason: (reason) => explainReason(reason, labels, language),
    acceptance: (acceptance) => explainAcceptance(acceptance, labels, language),
    agreement: (reason) => explainAgreement(reason, labels, language),
  };
}

/** What the outputs say when a scenario has no status quo: the issues, the actors at walk-away 0, and the note in words. */
export interface NoStatusQuoNote {
  readonly issues: readonly string[];
  readonly actors: readonly string[];
  readonly note: string;
}

/**
 * The note that a scenario has no status quo, so that actors without a walk-away value of their own walk
 * away with utility 0 (any agreement beats none: src/agreement/model.ts); undefined when it does not apply.
 */
export function noStatusQuoNote(scenario: Scenario, language: Language): NoStatusQuoNote | undefined {
  const without = withoutStatusQuo(scenario);
  if (!without) return undefined;
  const issueName = (id: string): string => text(scenario.issues.find((i) => i.id === id)?.name, language) || id;
  const actorName = (id: string): string => text(scenario.actors.find((a) => a.id === id)?.name, language) || id;
  return { ...without, note: reasonWords[language].noStatusQuo(without.issues.map(issueName), without.actors.map(actorName)) };
}
