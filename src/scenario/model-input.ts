/** Reduces a scenario to the numbers a forecasting model reads. */
import type { ModelInput, Stance as ModelStance } from "../models/types.js";
import type { Scenario } from "./types.js";

export function toModelInput(scenario: Scenario): ModelInput {
  return {
    actors: scenario.actors.map((actor) => ({
      id: actor.id,
      capability: scenario.issues.map((issue) => (actor.capabilityByIssue[issue.id] ?? actor.capability).value),
    })),
    issues: scenario.issues.map((issue) => ({
      id: issue.id,
      min: issue.min,
      max: issue.max,
      reference: issue.reference?.value,
    })),
    stances: scenario.actors.map((actor) =>
      scenario.issues.map((issue): ModelStance | null => {
        const stance = scenario.stances[actor.id]?.[issue.id];
        return stance ? { position: stance.position.value, salience: stance.salience.value } : null;
      }),
    ),
  };
}
