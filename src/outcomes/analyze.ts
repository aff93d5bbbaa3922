/**
 * One call for the whole analysis of an outcome space: frontier, bargaining solutions, opposition
 * and (given an agreement) what the agreement leaves on the table. Outcomes are reported as
 * `{ issueName: value }` records.
 */
import { frontierOfScored, type FrontierAlgorithm, type FrontierPoint, type ParetoFrontier } from "./pareto.js";
import { additiveRange, forEachScoredOutcome, fromUnits, outcomeUnits, scoreSpace, type ScoredSpace } from "./scoring.js";
import {
  egalitarianPoints,
  frontierMaxima,
  ksGeniusPoints,
  ksPoints,
  maxWelfarePoints,
  nashPoints,
  opposition,
  postSettlementOf,
  rationalPoints,
  type Solution,
} from "./solutions.js";
import { outcomeCount, outcomeFromRecord, outcomeToRecord, rankOf, type Outcome, type OutcomeRecord, type OutcomeSpace } from "./space.js";
import type { UtilityFunction } from "./utility.js";

export interface AnalysisOptions {
  /** Party names, in the order of the utilities (default "party 1", "party 2", …). */
  readonly parties?: readonly string[];
  /** An agreement to assess (post-settlement improvement). */
  readonly agreement?: Outcome | OutcomeRecord;
  /** Frontier algorithm (default "auto": divide and conquer when every utility is additive). */
  readonly algorithm?: FrontierAlgorithm;
  /**
   * Spaces up to this many outcomes are also enumerated once to count rational outcomes and find the
   * smallest utilities of non-additive parties (default 2²⁰).
   */
  readonly enumerationLimit?: number;
}

/** A solution as reported: utilities of the first tied point, every tied point and outcome. */
/**
 * A solution with all its ties. The outcomes are in enumeration order (the outcome space's rank: issues in
 * order, the last varying fastest, each issue's values in order), so the first is the one GENIUS and NegMAS
 * report, as they keep the first optimum met while enumerating; `utilities` are that outcome's.
 */
export interface SolutionSummary {
  /** Utilities of the first tied outcome; null when no point qualifies. */
  readonly utilities: number[] | null;
  /** Number of tied outcomes. */
  readonly ties: number;
  /** The distinct tied utility vectors, in descending lexicographic order. */
  readonly points: number[][];
  /** Every tied outcome, in enumeration order. */
  readonly outcomes: OutcomeRecord[];
}

export interface SpaceAnalysis {
  readonly outcomes: number;
  readonly parties: string[];
  readonly reservations: number[];
  readonly maxUtilities: number[];
  /** Smallest utility of each party (omitted for large non-additive spaces). */
  readonly minUtilities?: number[];
  /** Outcomes every party weakly prefers to its reservation value (only when enumerated). */
  readonly rationalOutcomes?: number;
  readonly pareto: {
    /** Frontier outcomes, ties counted. */
    readonly size: number;
    readonly distinctPoints: number;
    /** Rational frontier outcomes, ties counted. */
    readonly rationalSize: number;
    /** Distinct frontier utility vectors, descending lexicographic order. */
    readonly points: number[][];
    /** The outcomes behind each point, aligned with `points`. */
    readonly outcomes: OutcomeRecord[][];
    readonly algorithm: ParetoFrontier["algorithm"];
  };
  readonly nash: SolutionSummary & { readonly product: number | null };
  readonly ks: SolutionSummary;
  readonly ksGenius: SolutionSummary;
  readonly egalitarian: SolutionSummary;
  readonly maxWelfare: SolutionSummary & { readonly welfare: number | null };
  /** Null when no outcome is rational. */
  readonly opposition: number | null;
  readonly postSettlement?: PostSettlementSummary;
}

export interface PostSettlementSummary {
  readonly agreement: OutcomeRecord;
  readonly agreementUtilities: number[];
  readonly dominatingOutcomes: number;
  readonly paretoDominating: number;
  readonly nashImprovement: SolutionSummary;
  readonly equalGainImprovement: SolutionSummary;
}

/** Analyses the space under the parties' utilities. */
export function analyzeSpace(space: OutcomeSpace, utilities: readonly UtilityFunction[], options: AnalysisOptions = {}): SpaceAnalysis {
  const scored = scoreSpace(space, utilities);
  const frontier = frontierOfScored(scored, options.algorithm ?? "auto");
  const reservations = scored.parties.map((party) => fromUnits(party.reservation));
  const count = outcomeCount(space);
  const enumerated = count <= (options.enumerationLimit ?? 2 ** 20) ? enumerateStatistics(scored) : undefined;
  const minUtilities = enumerated?.minUtilities ?? (scored.additive ? scored.parties.map((party) => (party.kind === "additive" ? fromUnits(additiveRange(party).min) : Number.NaN)) : undefined);
  const outcome = options.agreement === undefined ? undefined : isOutcome(options.agreement) ? options.agreement : outcomeFromRecord(space, options.agreement);
  const analysis = summariseAnalysis(space, frontier, reservations, {
    parties: utilities.map((_, i) => options.parties?.[i] ?? `party ${i + 1}`),
    ...(outcome === undefined
      ? {}
      : { agreement: { outcome, units: outcomeUnits(scored, outcome), forEach: (visit) => forEachScoredOutcome(scored, (_outcome, units) => visit(units)) } }),
  });
  return {
    ...analysis,
    ...(minUtilities === undefined ? {} : { minUtilities }),
    ...(enumerated === undefined ? {} : { rationalOutcomes: enumerated.rationalOutcomes }),
  };
}

/** What {@link summariseAnalysis} needs besides the frontier. */
export interface SummaryInput {
  readonly parties: readonly string[];
  /** Parties whose gains the Nash, KS and egalitarian solutions and opposition weigh (default all). */
  readonly among?: readonly number[];
  /**
   * An agreement to assess: its value indices, its utilities in units, and the outcomes that may improve
   * on it (their utilities in units).
   */
  readonly agreement?: { readonly outcome: Outcome; readonly units: readonly number[]; readonly forEach: (visit: (units: ArrayLike<number>) => void) => void };
}

/** The analysis of a frontier: its points, the bargaining solutions with every tie, opposition, and the improvements on an agreement. */
export function summariseAnalysis(space: OutcomeSpace, frontier: ParetoFrontier, reservations: readonly number[], input: SummaryInput): SpaceAnalysis {
  const summarise = (solution: Solution): SolutionSummary => summariseSolution(space, solution);
  const { among } = input;
  const nash = nashPoints(frontier, reservations, among);
  const welfare = maxWelfarePoints(frontier);
  return {
    outcomes: outcomeCount(space),
    parties: [...input.parties],
    reservations: [...reservations],
    maxUtilities: frontierMaxima(frontier),
    pareto: {
      size: frontier.size,
      distinctPoints: frontier.points.length,
      rationalSize: rationalPoints(frontier, reservations, among).reduce((sum, point) => sum + point.outcomes.length, 0),
      points: frontier.points.map((point) => [...point.utilities]),
      outcomes: frontier.points.map((point) => point.outcomes.map((outcome) => outcomeToRecord(space, outcome))),
      algorithm: frontier.algorithm,
    },
    nash: { ...summarise(nash), product: nash.value },
    ks: summarise(ksPoints(frontier, reservations, among)),
    ksGenius: summarise(ksGeniusPoints(frontier)),
    egalitarian: summarise(egalitarianPoints(frontier, reservations, among)),
    maxWelfare: { ...summarise(welfare), welfare: welfare.value },
    opposition: opposition(frontier, reservations, among),
    ...(input.agreement === undefined ? {} : { postSettlement: summarisePostSettlement(space, frontier, input.agreement) }),
  };
}

function summariseSolution(space: OutcomeSpace, solution: Solution): SolutionSummary {
  const tied = solution.points
    .flatMap((point: FrontierPoint) => point.outcomes.map((outcome) => ({ point, outcome, rank: rankOf(space, outcome) })))
    .sort((a, b) => a.rank - b.rank);
  const first = tied[0]?.point ?? solution.points[0];
  return {
    utilities: first === undefined ? null : [...first.utilities],
    ties: solution.ties,
    points: solution.points.map((point) => [...point.utilities]),
    outcomes: tied.map((t) => outcomeToRecord(space, t.outcome)),
  };
}

function summarisePostSettlement(space: OutcomeSpace, frontier: ParetoFrontier, agreement: NonNullable<SummaryInput["agreement"]>): PostSettlementSummary {
  const record = outcomeToRecord(space, agreement.outcome); // also validates the value indices
  const result = postSettlementOf(agreement.units, frontier, agreement.forEach);
  return {
    agreement: record,
    agreementUtilities: [...result.agreementUtilities],
    dominatingOutcomes: result.dominatingOutcomes,
    paretoDominating: result.paretoDominating,
    nashImprovement: summariseSolution(space, result.nashImprovement),
    equalGainImprovement: summariseSolution(space, result.equalGainImprovement),
  };
}

function isOutcome(agreement: Outcome | OutcomeRecord): agreement is Outcome {
  return Array.isArray(agreement);
}

/** One pass over the space: rational outcomes and smallest utilities. */
function enumerateStatistics(scored: ScoredSpace): { rationalOutcomes: number; minUtilities: number[] } {
  const reservations = scored.parties.map((party) => party.reservation);
  const minima = scored.parties.map(() => Number.POSITIVE_INFINITY);
  let rationalOutcomes = 0;
  forEachScoredOutcome(scored, (_outcome, units) => {
    let rational = true;
    for (let p = 0; p < minima.length; p++) {
      const u = units[p]!;
      if (u < minima[p]!) minima[p] = u;
      if (u < reservations[p]!) rational = false;
    }
    if (rational) rationalOutcomes++;
  });
  return { rationalOutcomes, minUtilities: minima.map(fromUnits) };
}

