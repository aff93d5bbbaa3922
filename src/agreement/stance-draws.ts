/**
 * Acceptance of a few fixed outcomes (named deals) over many draws in which only stances (positions,
 * saliences) and written walk-away values change, as in a Monte Carlo forecast: everything that does not
 * depend on the draw — outcomes, option values, the status quo test, linkage conditions and red lines that
 * read no utility — is decided once, and a draw costs a few multiply-adds per actor, issue and outcome,
 * without building the drawn scenario or its agreement model. The verdicts are `acceptsOutcome`'s on the
 * drawn scenario, bit for bit (same sums in the same order). Pure.
 */
import { dealOutcome, distanceValue, type Outcome } from "../deals/preferences.js";
import { evaluateRule } from "../rules/index.js";
import { outcomeRuleContext } from "./context.js";
import { ACCEPT_TOLERANCE, isStatusQuo, type AgreementModel } from "./model.js";

/** A stance's drawn numbers, null where the actor takes no stance (the scenario's stances in issue order). */
export interface DrawnStance {
  readonly position: number;
  readonly salience: number;
}

/** One actor's values of one outcome, per issue: from the drawn position, or fixed (a value table's, or 0 without a stance). */
interface OutcomeTerms {
  readonly fromPosition: Uint8Array;
  readonly fixed: Float64Array;
}

export interface StanceDrawAcceptance {
  /**
   * Writes, for outcome d and actor a, 1 when a accepts at `out[offset + d·actors + a]`. `stances[a][i]` are
   * the draw's stances, `reservations[a]` the draw's written walk-away values (read where one is written).
   */
  accepts(stances: readonly (readonly (DrawnStance | null)[])[], reservations: ArrayLike<number>, out: Uint8Array, offset: number): void;
}

/**
 * Prepares acceptance of `outcomes` (undefined entries are skipped) under draws of `model`'s scenario, or
 * returns undefined when some linkage condition or red line reads positions, saliences or capabilities
 * (the drawn scenario must then be judged as a whole).
 */
export function prepareStanceDrawAcceptance(model: AgreementModel, outcomes: readonly (Outcome | undefined)[]): StanceDrawAcceptance | undefined {
  if (model.linkage.some((terms) => terms.some((t) => t.dependencies.judgements))) return undefined;
  if (model.redLines.some((lines) => lines.some((l) => l.dependencies.judgements))) return undefined;
  const { scenario } = model;
  const actors = scenario.actors.length;
  const issues = scenario.issues;
  const noFacts = { utility: () => Number.NaN, reservation: () => Number.NaN };

  /** Per actor: explicit weight per issue (NaN: its salience), whether it values the issue at all, its loss. */
  const explicitWeights = scenario.actors.map((actor) => {
    const preference = scenario.preferences[actor.id];
    return Float64Array.from(issues, (issue) => preference?.weights?.[issue.id] ?? Number.NaN);
  });
  const valued = scenario.actors.map((actor) => {
    const tables = scenario.preferences[actor.id]?.values ?? {};
    const stances = scenario.stances[actor.id] ?? {};
    return issues.map((issue) => stances[issue.id] !== undefined || tables[issue.id] !== undefined);
  });
  const losses = scenario.actors.map((actor) => scenario.preferences[actor.id]?.loss ?? "linear");

  const termsOf = (outcome: Outcome): OutcomeTerms[] =>
    scenario.actors.map((actor) => {
      const tables = scenario.preferences[actor.id]?.values ?? {};
      const stances = scenario.stances[actor.id] ?? {};
      const tabled = issues.map((issue, i) => tables[issue.id] !== undefined && outcome.options[i] !== undefined);
      return {
        fromPosition: Uint8Array.from(issues, (issue, i) => (!tabled[i] && stances[issue.id] ? 1 : 0)),
        fixed: Float64Array.from(issues, (issue, i) => (tabled[i] ? (tables[issue.id]![outcome.options[i]!] ?? 0) : 0)),
      };
    });
  /** Linkage utilities that apply to an outcome, per actor, in term order (conditions read no utility or judgement). */
  const linkageOf = (outcome: Outcome): Float64Array[] => {
    const context = outcomeRuleContext(scenario, outcome, noFacts);
    return model.linkage.map((terms) => Float64Array.from(terms.filter((t) => evaluateRule(t.rule, context).value), (t) => t.utility));
  };

  interface PreparedOutcome {
    readonly outcome: Outcome;
    readonly terms: OutcomeTerms[];
    readonly linkage: Float64Array[];
  }
  const prepareOutcome = (outcome: Outcome): PreparedOutcome => ({ outcome, terms: termsOf(outcome), linkage: linkageOf(outcome) });

  const targets = outcomes.map((outcome) => {
    if (!outcome) return undefined;
    const prepared = prepareOutcome(outcome);
    const context = outcomeRuleContext(scenario, outcome, noFacts);
    const statusQuo = isStatusQuo(model, outcome);
    /** Per actor and red line: the verdict when it reads no utility, undefined when a draw must evaluate it. */
    const redLines = model.redLines.map((lines) => lines.map((l) => (l.dependencies.utilities ? undefined : evaluateRule(l.rule, context).value)));
    return { ...prepared, statusQuo, redLines };
  });
  /** Where each actor's walk-away value comes from in a draw. */
  const walkAway = model.reservationSources.map((source, a) => {
    if (source === "outside-option") {
      const deal = scenario.deals.find((d) => d.id === scenario.actors[a]!.outsideOption!.deal)!;
      return { source, outcome: prepareOutcome(dealOutcome(scenario, deal.values)) };
    }
    if (source === "status-quo") return { source, outcome: prepareOutcome(model.statusQuo!) };
    return { source };
  });

  const weights = new Float64Array(actors * issues.length);
  const positions = new Float64Array(actors * issues.length);
  const utilities = new Float64Array(actors);
  const walkAways = new Float64Array(actors);
  const m = issues.length;

  /** Actor a's utility of a prepared outcome under the draw's weights and positions (as `utility` sums it), then its linkage utilities in term order. */
  const utilityOf = (o: PreparedOutcome, a: number): number => {
    const { fixed, fromPosition } = o.terms[a]!;
    const loss = losses[a]!;
    let u = 0;
    for (let i = 0; i < m; i++) {
      const w = weights[a * m + i] as number;
      if (!(w > 0)) continue;
      u += w * (fromPosition[i] === 1 ? distanceValue(issues[i]!, o.outcome.values[i]!, positions[a * m + i] as number, loss) : (fixed[i] as number));
    }
    const linkage = o.linkage[a]!;
    for (let k = 0; k < linkage.length; k++) u += linkage[k] as number;
    return u;
  };

  return {
    accepts(stances, reservations, out, offset) {
      for (let a = 0; a < actors; a++) {
        const row = stances[a]!;
        let total = 0;
        for (let i = 0; i < m; i++) {
          const stance = row[i] ?? null;
          const explicit = explicitWeights[a]![i] as number;
          const raw = valued[a]![i] ? Math.max(0, explicit === explicit ? explicit : (stance?.salience ?? 0)) : 0;
          weights[a * m + i] = raw;
          positions[a * m + i] = stance ? stance.position : Number.NaN;
          total += raw;
        }
        for (let i = 0; i < m; i++) weights[a * m + i] = total > 0 ? (weights[a * m + i] as number) / total : 0;
      }
      for (let a = 0; a < actors; a++) {
        const w = walkAway[a]!;
        walkAways[a] = w.source === "given" ? (reservations[a] as number) : w.outcome ? utilityOf(w.outcome, a) : 0;
      }
      targets.forEach((target, d) => {
        if (!target) return;
        for (let a = 0; a < actors; a++) utilities[a] = utilityOf(target, a);
        let context: ReturnType<typeof outcomeRuleContext> | undefined;
        for (let a = 0; a < actors; a++) {
          let accepts = !target.statusQuo && !((utilities[a] as number) < (walkAways[a] as number) - ACCEPT_TOLERANCE);
          if (accepts) {
            const lines = target.redLines[a]!;
            for (let k = 0; k < lines.length && accepts; k++) {
              const known = lines[k];
              if (known !== undefined) accepts = known;
              else {
                context ??= outcomeRuleContext(scenario, target.outcome, { utility: (b) => utilities[b] as number, reservation: (b) => walkAways[b] as number });
                accepts = evaluateRule(model.redLines[a]![k]!.rule, context).value;
              }
            }
          }
          out[offset + d * actors + a] = accepts ? 1 : 0;
        }
      });
    },
  };
}
