/** The actors who take a stance on one issue, as parallel arrays: what one-issue models read. */
import type { ModelInput } from "./types.js";

export interface IssueView {
  readonly positions: number[];
  readonly saliences: number[];
  readonly capabilities: number[];
}

export function issueView(input: ModelInput, issueIndex: number): IssueView {
  const view: IssueView = { positions: [], saliences: [], capabilities: [] };
  input.actors.forEach((actor, a) => {
    const stance = input.stances[a]?.[issueIndex];
    if (!stance) return;
    view.positions.push(stance.position);
    view.saliences.push(stance.salience);
    view.capabilities.push(actor.capability[issueIndex] ?? 0);
  });
  return view;
}

/** Runs a one-issue model on every issue. */
export function perIssue(input: ModelInput, forecastIssue: (view: IssueView, issueIndex: number) => number): number[] {
  return input.issues.map((_, i) => forecastIssue(issueView(input, i), i));
}
