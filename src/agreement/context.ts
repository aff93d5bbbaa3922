/** The rule language's view of one outcome of a scenario (docs/rules.md), shared by deals and agreement. Pure. */
import type { Outcome } from "../deals/preferences.js";
import type { AcceptanceReason, RuleContext } from "../rules/index.js";
import type { Scenario } from "../scenario/types.js";

export interface OutcomeFacts {
  /** The actor's utility (index in scenario order). */
  readonly utility: (actor: number) => number;
  readonly reservation: (actor: number) => number;
  /** Acceptance beyond utility ≥ reservation (red lines, status quo), with its reason. */
  readonly acceptance?: (actor: number) => { readonly accepts: boolean; readonly reason: AcceptanceReason };
}

/** Index by id of a list of the scenario, kept while the list lives (draws of a scenario share its issues). */
const indexes = new WeakMap<readonly { readonly id: string }[], ReadonlyMap<string, number>>();

function indexOf(list: readonly { readonly id: string }[]): ReadonlyMap<string, number> {
  let index = indexes.get(list);
  if (!index) {
    index = new Map(list.map((item, i) => [item.id, i]));
    indexes.set(list, index);
  }
  return index;
}

/** A rule context for `outcome`: deal values from it, judgements from the scenario, utilities from `facts`. */
export function outcomeRuleContext(scenario: Scenario, outcome: Outcome, facts: OutcomeFacts): RuleContext {
  const issueIndex = indexOf(scenario.issues);
  const actorIndex = indexOf(scenario.actors);
  const stance = (actor: string, issue: string) => scenario.stances[actor]?.[issue];
  const acceptance = facts.acceptance;
  return {
    value: (issue) => {
      const i = issueIndex.get(issue)!;
      return outcome.options[i] ?? outcome.values[i]!;
    },
    reference: (issue) => {
      const ref = scenario.issues[issueIndex.get(issue)!]?.reference;
      return ref === undefined ? undefined : (ref.option ?? ref.value);
    },
    position: (actor, issue) => {
      const s = stance(actor, issue);
      return s === undefined ? undefined : (s.position.option ?? s.position.value);
    },
    salience: (actor, issue) => stance(actor, issue)?.salience.value ?? 0,
    capability: (actor, issue) => {
      const a = scenario.actors[actorIndex.get(actor)!];
      if (!a) return undefined;
      return (issue !== undefined ? a.capabilityByIssue[issue] : undefined)?.value ?? a.capability.value;
    },
    utility: (actor) => facts.utility(actorIndex.get(actor)!),
    reservation: (actor) => facts.reservation(actorIndex.get(actor)!),
    optionPlace: (issue, option) => scenario.issues[issueIndex.get(issue)!]?.options.find((o) => o.id === option)?.place,
    ...(acceptance ? { acceptance: (actor: string) => acceptance(actorIndex.get(actor)!) } : {}),
  };
}
