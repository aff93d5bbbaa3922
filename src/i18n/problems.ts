/**
 * Why deals or the agreement forecast could not be computed (`DealProblem`), in words of either
 * language with the scenario's names rather than ids: the briefing, the CLI and the workbench all
 * render it from its structure, never from the English message of the error. Pure.
 */
import type { DealProblem } from "../deals/preferences.js";
import { text, type Language } from "../scenario/label.js";
import type { Scenario } from "../scenario/types.js";
import { messages } from "./report.js";

export function dealProblemText(scenario: Pick<Scenario, "actors" | "issues">, problem: DealProblem, language: Language): string {
  const t = messages(language).lead;
  const actor = (id: string) => text(scenario.actors.find((a) => a.id === id)?.name, language) || id;
  const issues = (ids: readonly string[]) => messages(language).list(ids.map((id) => text(scenario.issues.find((i) => i.id === id)?.name, language) || id));
  switch (problem.kind) {
    case "no-reference":
      return t.noReference(issues(problem.issues), problem.issues.length);
    case "unset-without-reference":
      return t.unsetWithoutReference(issues(problem.issues), problem.issues.length);
    case "unknown-outside-option":
      return t.unknownOutsideOption(actor(problem.actor), problem.deal);
    case "invalid-rule": {
      const line = problem.rule === "redLine" ? text(scenario.actors.find((a) => a.id === problem.actor)?.redLines.find((l) => l.id === problem.id)?.name, language) || problem.id : problem.id;
      return t.invalidRule(actor(problem.actor), problem.rule, line);
    }
    case "linkage-reads-utility":
      return t.linkageReadsUtility(actor(problem.actor), problem.id);
  }
}

/** A skipped computation's reason: from its structure where it has one, else its message as it is. */
export function skippedText(scenario: Pick<Scenario, "actors" | "issues">, skipped: { readonly message: string; readonly problem?: DealProblem | undefined }, language: Language): string {
  return skipped.problem ? dealProblemText(scenario, skipped.problem, language) : skipped.message;
}
