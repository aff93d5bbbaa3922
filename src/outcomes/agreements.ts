/**
 * The space of agreements of a Parley scenario (docs/agreement.md, "parley analyze"): the Pareto frontier
 * and the bargaining solutions computed over the outcomes that are agreements under the agreement model
 * (`../agreement/`): utilities with their linkage terms, walk-away values from the model (numbers, outside
 * options or the status quo), red lines, the decision rule, and the status quo never an agreement.
 *
 * The agreements are found by the agreement search (branch and bound over the issues, `../agreement/search.ts`),
 * so the cost is that of visiting the feasible part of the grid, not the whole of it. A scenario without red
 * lines or linkage under unanimity, analysed for every actor, needs no search: its agreements are the outcomes
 * every actor prefers to walking away, an upward-closed set whose frontier is the rational part of the whole
 * frontier (divide and conquer, any size) unless the status quo itself is on it. When the search cannot
 * finish within its node budget, or finds more agreements than can be kept, there is no frontier: the result
 * says so and carries a sampled estimate of the share of agreements (`../agreement/sample.ts`). Pure.
 */
import { changes, conflictSets, describeSet, type Change, type ConflictSet } from "../agreement/conflicts.js";
import { ACCEPT_TOLERANCE, judgeOutcome } from "../agreement/model.js";
import { sampleAgreements, type SampledEstimate } from "../agreement/sample.js";
import { DEFAULT_MAX_NODES, outcomeAt as gridOutcome, prepareSearch, search, searchState } from "../agreement/search.js";
import { scenarioSpace, type GridPoints } from "../deals/space.js";
import { messages } from "../i18n/report.js";
import type { Language } from "../scenario/label.js";
import type { Scenario } from "../scenario/types.js";
import { summariseAnalysis, type SpaceAnalysis } from "./analyze.js";
import { ComparisonBudget, FrontierBudgetError } from "./dominance.js";
import { frontierOfScored, frontierOfUnits, type FrontierAlgorithm, type ParetoFrontier } from "./pareto.js";
import { forEachScoredOutcome, fromUnits, partyUnits, scoreSpace, toUnits } from "./scoring.js";
import { outcomeToRecord, rankOf, type Outcome, type OutcomeRecord } from "./space.js";

/** Agreements kept for the frontier at most (their utilities are held in memory). */
export const MAX_AGREEMENTS = 1 << 20;
/**
 * Vector comparisons the frontier of the agreements may cost at most: some 10–20 s of CPU. With two or
 * three parties the filters are sweeps and never come near it; with more, a frontier of many points over
 * many agreements would otherwise run for hours.
 */
export const DEFAULT_MAX_COMPARISONS = 2e9;

/** What a long analysis is doing, for a progress bar: searching the grid, or filtering its frontier. */
export type AnalysisPhase = "search" | "frontier";

export interface ScenarioAnalysisOptions {
  /** Grid step of numeric issues (default: their anchors and reference point). */
  readonly step?: number;
  /** Actor ids of the parties, in order (default: every actor). Acceptance is always the whole decision rule's. */
  readonly parties?: readonly string[];
  /** An agreement to assess: value indices into the space. */
  readonly agreement?: Outcome;
  /** Values added to numeric issues' grids, e.g. the agreement's own (`dealPoints`). */
  readonly points?: GridPoints;
  readonly algorithm?: FrontierAlgorithm;
  /** Node budget of the search (default 5 000 000). */
  readonly maxNodes?: number;
  /** Most agreements kept (default 2²⁰). */
  readonly maxAgreements?: number;
  /** Outcomes sampled when the search cannot finish (default 10 000), and the seed. */
  readonly samples?: number;
  readonly seed?: number;
  /** Vector comparisons of the frontier at most (default {@link DEFAULT_MAX_COMPARISONS}); past it, no frontier. */
  readonly maxComparisons?: number;
  /** Told, now and then, how far the current phase has gone (done of total: search nodes, or comparisons). */
  readonly onProgress?: (phase: AnalysisPhase, done: number, total: number) => void;
  /** The language of `summary` (default English: what the API and `analyze --json` give). */
  readonly language?: Language;
}

/** What the analysis of a scenario adds: which outcomes count, how many there are, and why none when none. */
export interface AgreementSpace {
  readonly decision: Scenario["decision"];
  /** Actors whose signature is needed (unanimity: all; veto: the veto players; a pure threshold: none). */
  readonly signatories: readonly string[];
  /** Parties whose gains over their walk-away values the Nash, KS and egalitarian solutions weigh. */
  readonly bargainers: readonly string[];
  /** Outcomes of the grid that are agreements; null when the search did not finish. */
  readonly acceptable: number | null;
  /** The search finished and every agreement is in the analysis. */
  readonly exact: boolean;
  /** The agreements were counted but their frontier was too large to map within the comparison budget. */
  readonly frontierTooLarge: boolean;
  /** The status quo (no agreement, excluded), when every issue has a reference point on the grid. */
  readonly statusQuo: OutcomeRecord | null;
  /** With no agreement: the minimal conflicting sets as written, and what would have to change. */
  readonly conflicts: readonly ConflictSet[];
  readonly changes: readonly Change[];
  /** When the search could not finish: a sampled estimate of the share of agreements. */
  readonly estimate?: SampledEstimate;
  /** One line saying how many outcomes are agreements, or why none is, or that the space is too large. */
  readonly summary: string;
}

export type ScenarioAnalysis = SpaceAnalysis & { readonly agreement: AgreementSpace };

/** Analyses a scenario's space of agreements for the chosen parties. */
export function analyzeScenario(scenario: Scenario, options: ScenarioAnalysisOptions = {}): ScenarioAnalysis {
  const step = { ...(options.step !== undefined ? { step: options.step } : {}), ...(options.points ? { points: options.points } : {}) };
  const { space, parties, utilities } = scenarioSpace(scenario, { ...step, ...(options.parties ? { parties: options.parties } : {}) });
  const scored = scoreSpace(space, utilities);
  const prepared = prepareSearch(scenario, step);
  const state = searchState(prepared);
  const { model } = state;
  const actorOf = parties.map((id) => scenario.actors.findIndex((a) => a.id === id));
  const reservations = actorOf.map((a) => model.reservations[a]!);
  const signatories = scenario.actors.filter((_, a) => model.required[a]).map((a) => a.id);
  const among = actorOf.flatMap((a, p) => (model.required[a] ? [p] : []));
  const bargainers = among.length > 0 ? among : parties.map((_, p) => p);
  const maxNodes = options.maxNodes ?? DEFAULT_MAX_NODES;
  const limit = options.maxAgreements ?? MAX_AGREEMENTS;

  // Every agreement: its rank and its utilities in units (additive units as ./scoring.ts rounds them, plus linkage).
  const ranks: number[] = [];
  const units: number[] = [];
  const dims = parties.length;
  const k: number[] = new Array<number>(space.issues.length).fill(0);
  const collect = (indices: Int32Array, linkage: Float64Array): boolean => {
    if (ranks.length >= limit) return false;
    for (let i = 0; i < k.length; i++) k[i] = indices[i]!;
    ranks.push(rankOf(space, k));
    for (let p = 0; p < dims; p++) units.push(partyUnits(scored.parties[p]!, k) + toUnits(linkage[actorOf[p]!]!));
    return true;
  };
  const pure = parties.length === scenario.actors.length && actorOf.every((a, p) => a === p) && model.required.every((x) => x) && model.threshold === undefined && model.linkage.every((t) => t.length === 0) && model.redLines.every((l) => l.length === 0);
  const quoRank = statusQuoRank(prepared.quo, space);
  const { onProgress } = options;
  const searching = onProgress ? { onProgress: (nodes: number, max: number) => onProgress("search", nodes, max) } : {};
  const counted = search(state, pure ? { count: true, maxNodes, ...searching } : { count: true, maxNodes, onAgreement: collect, ...searching });
  const acceptable = counted.complete ? counted.count! : null;

  const budget = new ComparisonBudget(options.maxComparisons ?? DEFAULT_MAX_COMPARISONS, onProgress && ((done, total) => onProgress("frontier", done, total)));
  let frontier: ParetoFrontier | undefined;
  let frontierTooLarge = false;
  try {
    if (pure) {
      // Agreements are the outcomes every actor prefers to walking away (upward closed), minus the status quo.
      const whole = frontierOfScored(scored, options.algorithm ?? "auto", budget);
      const floors = reservations.map((r) => toUnits(r - ACCEPT_TOLERANCE));
      const points = whole.points.filter((point) => point.units.every((u, p) => u >= floors[p]!));
      const quoOnFrontier = quoRank >= 0 && points.some((point) => point.outcomes.some((o) => rankOf(space, o) === quoRank));
      if (!quoOnFrontier) frontier = { ...whole, points, size: points.reduce((n, point) => n + point.outcomes.length, 0) };
      else if (search(state, { count: true, maxNodes, onAgreement: collect, ...searching }).complete) frontier = frontierFromCollected();
    } else if (counted.complete) frontier = frontierFromCollected();
  } catch (error) {
    if (!(error instanceof FrontierBudgetError)) throw error;
    frontierTooLarge = true;
  }

  function frontierFromCollected(): ParetoFrontier {
    return frontierOfUnits(
      space,
      dims,
      (add) => {
        for (let j = 0; j < ranks.length; j++) add(units.slice(j * dims, (j + 1) * dims), ranks[j]!);
      },
      budget,
    );
  }

  const exact = frontier !== undefined;
  const sets = acceptable === 0 ? conflictSets(state, maxNodes) : [];
  const estimate = acceptable === null ? sampleAgreements(state, { ...(options.samples !== undefined ? { samples: options.samples } : {}), ...(options.seed !== undefined ? { seed: options.seed } : {}) }) : undefined;
  const agreementUnits = (outcome: Outcome): number[] => {
    const judged = judgeOutcome(model, gridOutcome(prepared, outcome));
    return actorOf.map((a, p) => partyUnits(scored.parties[p]!, outcome) + toUnits(judged.actors[a]!.linkage.reduce((sum, t) => sum + t.utility, 0)));
  };
  const empty: ParetoFrontier = { points: [], size: 0, algorithm: "enumeration" };
  const base = summariseAnalysis(space, frontier ?? empty, reservations, {
    parties,
    among: bargainers,
    ...(options.agreement
      ? {
          agreement: {
            outcome: options.agreement,
            units: agreementUnits(options.agreement),
            // Only agreements count as improvements: those the search collected (or, in the pure case, the frontier's).
            forEach: (visit: (units: ArrayLike<number>) => void) => {
              if (!pure || ranks.length > 0) for (let j = 0; j < ranks.length; j++) visit(units.slice(j * dims, (j + 1) * dims));
              else {
                const floors = reservations.map((r) => toUnits(r - ACCEPT_TOLERANCE));
                forEachScoredOutcome(scored, (_outcome, u, rank) => {
                  if (rank !== quoRank && floors.every((f, p) => u[p]! >= f)) visit(u);
                });
              }
            },
          },
        }
      : {}),
  });
  // Smallest utility of each party over the agreements (when they were all collected).
  let minUtilities: number[] | undefined;
  if (exact && !pure && ranks.length > 0) {
    const minima = new Array<number>(dims).fill(Number.POSITIVE_INFINITY);
    for (let j = 0; j < ranks.length; j++) for (let p = 0; p < dims; p++) minima[p] = Math.min(minima[p]!, units[j * dims + p]!);
    minUtilities = minima.map(fromUnits);
  }
  const agreement: AgreementSpace = {
    decision: scenario.decision,
    signatories,
    bargainers: bargainers.map((p) => parties[p]!),
    acceptable,
    exact,
    frontierTooLarge,
    statusQuo: quoRank >= 0 ? outcomeToRecord(space, prepared.quo) : null,
    conflicts: sets.map((s) => describeSet(state, s)),
    changes: changes(state, sets, maxNodes),
    ...(estimate ? { estimate } : {}),
    summary: summaryOf(options.language ?? "en", scenario, signatories, base.outcomes, acceptable, sets.map((s) => describeSet(state, s)), estimate, exact, ranks.length >= limit ? limit : undefined, frontierTooLarge ? budget.max : undefined),
  };
  return {
    ...base,
    ...(minUtilities ? { minUtilities } : {}),
    ...(acceptable !== null ? { rationalOutcomes: acceptable } : {}),
    agreement,
  };
}

function statusQuoRank(quo: readonly number[], space: Parameters<typeof rankOf>[0]): number {
  return quo.every((k) => k >= 0) ? rankOf(space, quo) : -1;
}

const percent = (p: number): string => `${(100 * p).toFixed(p > 0 && p < 0.01 ? 2 : 1)}%`;

function summaryOf(
  language: Language,
  scenario: Scenario,
  signatories: readonly string[],
  outcomes: number,
  acceptable: number | null,
  conflicts: readonly ConflictSet[],
  estimate: SampledEstimate | undefined,
  exact: boolean,
  overflow: number | undefined,
  comparisons: number | undefined,
): string {
  const t = messages(language).terminal.analyze;
  const w = t.summary;
  const who = w.who(scenario.decision.kind === "unanimity" ? "all" : signatories.length > 0 ? "signatories" : "capability", signatories);
  const total = outcomes.toLocaleString("en");
  if (acceptable === null) {
    const found = w.sampled(estimate?.hits ?? 0, estimate?.samples.toLocaleString("en") ?? "0", percent(estimate?.share ?? 0), percent(estimate?.standardError ?? 0), percent(estimate?.upper95 ?? 1));
    if (overflow !== undefined) return w.overflow(overflow.toLocaleString("en"), total, found);
    if (exact) return w.uncounted(total, found);
    return w.tooLarge(total, found);
  }
  if (acceptable === 0) {
    const first = conflicts[0];
    return w.none(total, who, first ? [...first.redLines.map(t.redLine), ...first.walkAway.map(t.walkAwayOf)] : []);
  }
  return w.agreements(acceptable.toLocaleString("en"), total, who, comparisons?.toLocaleString("en"));
}
