/**
 * The briefing's fixed wording in English and Chinese. Templates take fragments the renderer has
 * already escaped (and perhaps marked up), so no message ever sees raw scenario text. `terminal` holds
 * the command line's words around its tables, and the one-line summaries of the agreement searches
 * (plain text: nothing there is escaped).
 */
import type { ClaimStatus } from "../alignment/alignment.js";
import type { Language } from "../scenario/label.js";
import type { AgreementLevel } from "../report/types.js";
import { listWords } from "./list.js";

export interface Messages {
  readonly sections: {
    readonly summary: string;
    readonly forecasts: string;
    readonly uncertainty: string;
    readonly deals: string;
    readonly stakes: string;
    readonly alignment: string;
    readonly inputs: string;
    readonly evidence: string;
    readonly sources: string;
    readonly method: string;
    readonly contents: string;
  };
  readonly words: {
    readonly actor: string;
    readonly issue: string;
    readonly model: string;
    readonly forecast: string;
    readonly nearestAnchor: string;
    readonly position: string;
    readonly salience: string;
    readonly capability: string;
    readonly statusQuo: string;
    readonly walkAway: string;
    readonly utility: string;
    readonly gain: string;
    readonly accepts: string;
    readonly yes: string;
    readonly no: string;
    readonly deal: string;
    readonly value: string;
    readonly criterion: string;
    readonly trap: string;
    readonly met: string;
    readonly notMet: string;
    readonly fallsIn: string;
    readonly avoids: string;
    readonly acceptedByAll: string;
    readonly bloc: string;
    readonly blocs: string;
    readonly overall: string;
    readonly pair: string;
    readonly distance: string;
    readonly scale: string;
    readonly range: string;
    readonly onIssue: string;
    readonly source: string;
    readonly note: string;
    readonly reservationGiven: string;
    readonly all: string;
    readonly median: string;
    readonly claims: string;
  };
  readonly intro: string;
  readonly generatedBy: (models: string) => string;
  readonly noDeals: string;
  readonly dealsSkipped: (reason: string) => string;
  readonly modelFailed: (model: string, message: string) => string;
  readonly forecastChartNote: string;
  /** The strip chart's calibrated intervals: level; whether some are widened by a sampled spread. */
  readonly forecastChartIntervalNote: (level: string, combined: boolean) => string;
  readonly chartsOmitted: string;
  readonly spread: (level: AgreementLevel, min: string, max: string, range: string, share: string) => string;
  readonly anchorGroups: (groups: readonly { anchor: string; models: string }[]) => string;
  readonly uncertaintyIntro: (runs: string, completed: string, partial: boolean, seed: string | undefined) => string;
  readonly uncertaintyPending: string;
  /** What the calibrated intervals rest on: level, cases, groups, file, condition; whether combined with a Monte Carlo spread. */
  readonly calibrationIntro: (level: string, issues: number, groups: number, file: string | undefined, condition: string | undefined, combined: boolean) => string;
  /** The exchangeability assumption, in plain words. */
  readonly calibrationAssumption: string;
  readonly calibrationWithoutRecord: (models: string) => string;
  /** "60, 80 % of past forecasts like this fell within 38–82" (fragments already escaped and formatted). */
  readonly intervalSentence: (model: string, forecast: string, level: string, interval: string, combined: string | undefined) => string;
  readonly dealsIntro: string;
  readonly dealValuesCaption: string;
  readonly matrixCaption: string;
  readonly reasonsCaption: string;
  readonly acceptanceCaption: string;
  readonly stakesIntro: string;
  readonly acceptedBy: (deal: string, actors: string) => string;
  readonly acceptedByNone: (deal: string) => string;
  readonly alignmentIntro: (issueThreshold: string, overallThreshold: string) => string;
  readonly overallHeatCaption: string;
  readonly issueHeatCaption: string;
  readonly heatLegend: string;
  readonly closestPairs: string;
  readonly issueStatement: (issue: string, parts: readonly string[]) => string;
  readonly togetherPhrase: (actors: string, positions: string) => string;
  readonly alonePhrase: (actors: readonly string[]) => string;
  readonly sides: (reference: string, below: string, at: string, above: string) => string;
  readonly overallBlocs: (blocs: string) => string;
  readonly claimHead: (actors: string, issue: string | undefined) => string;
  readonly claimStatus: (status: ClaimStatus) => string;
  readonly claimCore: (core: string, single: boolean, threshold: string) => string;
  readonly claimOutlier: (actor: string, distance: string, nearer: string | undefined) => string;
  readonly claimBorneOut: (threshold: string, spread: string) => string;
  readonly summaryForecasts: (agree: number, broad: number, disagree: number, total: number, widest: string | undefined) => string;
  readonly summaryAccepted: (deals: string | undefined) => string;
  readonly summaryCriteria: (deals: string | undefined) => string;
  readonly summaryTraps: (deals: string | undefined) => string;
  readonly summaryPairs: (closest: string, farthest: string) => string;
  readonly inputsIntro: string;
  readonly evidenceIntro: string;
  readonly subject: {
    readonly capability: (actor: string, issue: string | undefined) => string;
    readonly reservation: (actor: string) => string;
    readonly reference: (issue: string) => string;
    readonly stance: (actor: string, issue: string) => string;
    readonly deal: (deal: string) => string;
    readonly dealValue: (deal: string, issue: string) => string;
    readonly criterion: (name: string) => string;
    readonly trap: (name: string) => string;
    readonly redLine: (actor: string, name: string) => string;
  };
  readonly lead: {
    readonly skipped: (why: string) => string;
    /** Why not computed, from `DealProblem` (names already in words). */
    readonly noReference: (issues: string, count: number) => string;
    readonly unsetWithoutReference: (issues: string, count: number) => string;
    readonly unknownOutsideOption: (actor: string, deal: string) => string;
    readonly invalidRule: (actor: string, rule: "redLine" | "linkage", id: string) => string;
    readonly linkageReadsUtility: (actor: string, id: string) => string;
    readonly chance: (percent: string, draws: number, standardErrorPoints: string) => string;
    readonly possible: (acceptable: number | undefined, outcomes: number, signers: string) => string;
    readonly impossible: string;
    readonly everyActor: string;
    readonly capabilityShare: (percent: string) => string;
    /** "A's red line “x” (credibility 0.7)" */
    readonly redLine: (actor: string, name: string, credibility: string | undefined) => string;
    readonly walkAway: (actor: string) => string;
    readonly lowerWalkAway: (actor: string, by: string) => string;
    readonly dropRedLine: (line: string) => string;
    readonly conflict: (parts: string, opens: string | undefined) => string;
    readonly ruledOut: (lines: string, several: boolean, count: number, deals: number, names: string | undefined) => string;
    readonly margin: (actor: string, gain: string) => string;
    readonly unfinished: string;
  };
  readonly methodText: readonly string[];
  readonly list: (items: readonly string[]) => string;
  readonly percent: (share: number) => string;
  /** The command line's words around its tables (plain text for the terminal, nothing escaped). */
  readonly terminal: TerminalMessages;
}

/** `parley forecast`, `sensitivity` and `analyze` in a terminal: headers, notes and labels. */
export interface TerminalMessages {
  /** " (200 samples, seed 0)" after a sampled table's title. */
  readonly samples: (completed: number, seed: number) => string;
  /** " — PARTIAL: …" after it when the run was interrupted. */
  readonly partial: (completed: number, runs: number) => string;
  /** stderr's line when a sampled run was interrupted: what the output covers. */
  readonly interrupted: (what: "summary" | "indices", completed: number, runs: number) => string;
  /** Under the chance of agreement, above the forecasts. */
  readonly conditional: string;
  /** `agreementForecast`'s one-line summary (src/agreement/forecast.ts): the chance and the main reason. */
  readonly agreement: {
    readonly signers: (kind: "all" | "veto" | "capability", veto: readonly string[]) => string;
    readonly chance: (kind: "draws" | "possible" | "impossible" | "notFound", percent: string, draws: number) => string;
    readonly sampled: (chance: string, outcomes: number, hits: number, samples: number, share: string, standardError: string, upper95: string, searchFound: boolean) => string;
    readonly acceptable: (chance: string, acceptable: number | undefined, outcomes: number, signers: string) => string;
    readonly conflict: (chance: string, parts: readonly string[]) => string;
    /** A red line: by its key `ACTOR.lineId`, or its actor's and its own names. */
    readonly redLine: (key: string, actor: string, line: string) => string;
    readonly walkAway: (actor: string) => string;
    readonly plain: (chance: string, possibleAsWritten: boolean) => string;
  };
  /** `parley agreement`'s text around its summary. */
  readonly agreementCommand: {
    readonly title: string;
    readonly standardError: (se: string, possible: boolean) => string;
    readonly grid: (decision: string, outcomes: number, step: number | undefined) => string;
    readonly estimate: (samples: number, seed: number, hits: number, share: string, se: string, outcomes: string, upper95: string) => string;
    readonly mostLikely: (percentOfDraws: string | undefined) => string;
    readonly issueColumns: readonly [string, string];
    readonly namedDeals: string;
    readonly dealColumns: (draws: boolean) => readonly [string, string, string];
    readonly yes: string;
    readonly no: string;
    readonly whyNot: string;
    readonly whatWouldChange: string;
    readonly redLine: (key: string, rule: string | undefined) => string;
    readonly change: (what: string, opens: boolean) => string;
    /** stderr: the count is not exact. */
    readonly inexact: (sampled: boolean, unfinished: number) => string;
    readonly interrupted: (completed: number, runs: number) => string;
  };
  readonly analyze: {
    readonly space: (parties: number, names: string, outcomes: string) => string;
    readonly walkAway: (values: string) => string;
    readonly agreementsFrontier: (mapped: { readonly size: number; readonly distinct: number } | undefined) => string;
    readonly frontier: (size: number, distinct: number, rational: number) => string;
    readonly opposition: (value: string | undefined, signatories: boolean) => string;
    readonly columns: (parties: string) => readonly [string, string, string, string];
    readonly improvementColumns: readonly [string, string, string, string];
    readonly nash: string;
    readonly ks: string;
    readonly ksGenius: string;
    readonly egalitarian: string;
    readonly maxWelfare: string;
    readonly equalGain: string;
    readonly welfare: (value: string) => string;
    readonly agreement: (outcome: string, utilities: string) => string;
    readonly dominating: (outcomes: number, onFrontier: number) => string;
    readonly decision: (rule: string, bargainers: string) => string;
    readonly unanimity: string;
    readonly veto: (players: string) => string;
    readonly threshold: (share: string) => string;
    readonly estimate: (hits: number, samples: string, seed: number, share: string, standardError: string, upper95: string) => string;
    readonly conflict: (parts: string) => string;
    readonly redLine: (id: string) => string;
    readonly walkAwayOf: (actor: string) => string;
    readonly opens: (change: string) => string;
    readonly dropRedLine: (id: string) => string;
    readonly lowerWalkAway: (actor: string, by: string | undefined) => string;
    /** `analyzeScenario`'s one-line summary of the agreements (src/outcomes/agreements.ts). */
    readonly summary: {
      readonly who: (kind: "all" | "signatories" | "capability", signatories: readonly string[]) => string;
      readonly sampled: (hits: number, samples: string, share: string, standardError: string, upper95: string) => string;
      readonly overflow: (overflow: string, total: string, found: string) => string;
      readonly uncounted: (total: string, found: string) => string;
      readonly tooLarge: (total: string, found: string) => string;
      readonly none: (total: string, who: string, parts: readonly string[]) => string;
      readonly agreements: (acceptable: string, total: string, who: string, comparisons: string | undefined) => string;
    };
    readonly progress: { readonly search: string; readonly frontier: string };
  };
}

const enList = listWords.en;
const zhList = listWords.zh;

/** "Greens'", "North Korea's". */
const possessive = (name: string): string => (/s$/.test(name) ? `${name}'` : `${name}'s`);

const en: Messages = {
  sections: {
    summary: "In brief",
    forecasts: "Where the talks are forecast to settle",
    uncertainty: "How sure: distributions",
    deals: "Deals against criteria and traps",
    stakes: "Each actor's stake",
    alignment: "Who stands with whom",
    inputs: "The numbers behind it",
    evidence: "Evidence",
    sources: "Sources",
    method: "Method",
    contents: "Contents",
  },
  words: {
    actor: "actor",
    issue: "issue",
    model: "model",
    forecast: "forecast",
    nearestAnchor: "nearest anchor",
    position: "position",
    salience: "salience",
    capability: "capability",
    statusQuo: "status quo",
    walkAway: "walk-away",
    utility: "utility",
    gain: "gain",
    accepts: "accepts",
    yes: "yes",
    no: "no",
    deal: "deal",
    value: "value",
    criterion: "criterion",
    trap: "trap",
    met: "met",
    notMet: "not met",
    fallsIn: "falls in",
    avoids: "avoids",
    acceptedByAll: "accepted by all",
    bloc: "bloc",
    blocs: "blocs",
    overall: "all issues",
    pair: "pair",
    distance: "distance",
    scale: "scale",
    range: "range",
    onIssue: "on",
    source: "source",
    note: "note",
    reservationGiven: "walk-away utility",
    all: "all",
    median: "median",
    claims: "Claims tested against the numbers",
  },
  intro: "A briefing generated by Parley from the scenario below. Numbers taken from the scenario link to the evidence behind them; computed numbers (forecasts, gains, distances) follow from those by the methods at the end.",
  generatedBy: (models) => `Generated by Parley with the models: ${models}.`,
  noDeals: "The scenario names no deals.",
  dealsSkipped: (reason) => `Deals could not be evaluated: ${reason}.`,
  modelFailed: (model, message) => `The model ${model} could not run on this scenario: ${message}`,
  forecastChartNote: "Above the line: the actors' positions (dot size grows with salience); the diamond: the status quo; below the line: each model's forecast.",
  forecastChartIntervalNote: (level, combined) => `The orange bracket: the forecast's calibrated ${level} interval${combined ? "; dashed, that interval widened by the inputs' sampled spread" : ""}.`,
  chartsOmitted: "Charts are in the HTML version of this briefing (parley report --format html).",
  spread: (level, min, max, range, share) =>
    `${level === "agree" ? "The models agree" : level === "broad" ? "The models broadly agree" : "The models disagree"}: forecasts run from ${min} to ${max} (a spread of ${range}, ${share} of the scale).`,
  anchorGroups: (groups) =>
    groups.length === 1
      ? `All point to “${groups[0]!.anchor}”.`
      : `They split between ${enList(groups.map((g) => `“${g.anchor}” (${g.models})`))}.`,
  uncertaintyIntro: (runs, completed, partial, seed) =>
    `From a Monte Carlo run of ${completed}${partial ? ` of ${runs} (interrupted)` : ""} samples of the uncertain inputs${seed !== undefined ? `, seed ${seed}` : ""}: the middle 50 % and 90 % of each model's forecasts.`,
  uncertaintyPending: "No Monte Carlo run was supplied: the forecasts above are point forecasts from the numbers as written.",
  calibrationIntro: (level, issues, groups, file, condition, combined) =>
    `Calibrated intervals (${level}) come from a track record: each model's errors on ${issues} past issues with recorded outcomes, in ${groups} groups of related issues${file ? ` (${file})` : ""}${condition ? `, calibrated separately per ${condition} category` : ""}. The interval is the point forecast plus or minus the error that ${level} of those past forecasts stayed within (conformal prediction; docs/calibration.md).${combined ? " Where the Monte Carlo run gives the forecast a spread, the interval is widened by it too: the two half-widths add in quadrature." : ""}`,
  calibrationAssumption:
    "This assumes the scenario is exchangeable with those past cases — that it could have been one of them, drawn from the same kind of negotiation. If it is a different kind (the track record is, say, EU Council legislation and this is a summit), the interval is an analogy the analyst must defend, not a guarantee.",
  calibrationWithoutRecord: (models) => `The calibration has no track record of ${models}: no interval for them.`,
  intervalSentence: (model, forecast, level, interval, combined) =>
    `${model}: ${forecast}, ${level} of past forecasts like this fell within ${interval}${combined ? `; with the inputs' sampled spread, ${combined}` : ""}.`,
  dealsIntro: "Each named deal fixes some issues; the rest stay at the status quo. ✓ marks a criterion met or a trap avoided, ✗ a criterion missed or a trap fallen into; the reason follows each mark.",
  dealValuesCaption: "What each deal sets; values in italics stay at the status quo",
  matrixCaption: "Criteria and traps",
  reasonsCaption: "Why",
  acceptanceCaption: "Share of samples in which each actor accepts each deal",
  stakesIntro: "Gain = the actor's utility from the deal minus its walk-away utility (the status quo unless given). An actor accepts a deal it gains from (gain ≥ 0).",
  acceptedBy: (deal, actors) => `${deal}: accepted by ${actors}.`,
  acceptedByNone: (deal) => `${deal}: accepted by no actor.`,
  alignmentIntro: (issueThreshold, overallThreshold) =>
    `Distances run from 0 (same position) to 100 (opposite ends of the scale). A bloc is a group of actors all within ${issueThreshold} of one another on an issue (${overallThreshold} over all issues, salience-weighted).`,
  overallHeatCaption: "Salience-weighted distance over all issues",
  issueHeatCaption: "Distance per issue, for every pair",
  heatLegend: "Darker: closer. 0 = the same position; 100 = opposite ends of the scale.",
  closestPairs: "Pairs, closest first",
  issueStatement: (issue, parts) => `On ${issue}, ${parts.join("; ")}.`,
  togetherPhrase: (actors, positions) => `${actors} stand together (${positions})`,
  alonePhrase: (actors) => (actors.length === 1 ? `${actors[0]} stands alone` : `${enList(actors)} each stand alone`),
  sides: (reference, below, at, above) =>
    [below && `below the status quo (${reference}): ${below}`, at && `at it: ${at}`, above && `above it: ${above}`].filter(Boolean).join("; ").replace(/^./, (c) => c.toUpperCase()) + ".",
  overallBlocs: (blocs) => `Over all issues the actors fall into these blocs: ${blocs}.`,
  claimHead: (actors, issue) => (issue === undefined ? `Claim: ${actors} stand together over all issues` : `Claim: ${actors} stand together on ${issue}`),
  claimStatus: (status) => (status === "borne-out" ? "borne out by the numbers" : status === "partly" ? "partly borne out by the numbers" : "not borne out by the numbers"),
  claimCore: (core, single, threshold) => (single ? `no two of them stand within ${threshold} of each other` : `${core} stand together`),
  claimOutlier: (actor, distance, nearer) => `${actor} stands ${distance} points from them${nearer ? `, nearer ${nearer}` : ", nearer them than anyone else, but beyond the bloc threshold"}`,
  claimBorneOut: (threshold, spread) => `all stand within ${threshold} of one another (largest gap ${spread})`,
  summaryForecasts: (agree, broad, disagree, total, widest) =>
    `Across ${total} issues the models agree on ${agree}, broadly agree on ${broad} and disagree on ${disagree}${widest ? `; they are farthest apart on ${widest}` : ""}.`,
  summaryAccepted: (deals) => (deals ? `Accepted by every actor: ${deals}.` : "No named deal is accepted by every actor."),
  summaryCriteria: (deals) => (deals ? `Meets every criterion: ${deals}.` : "No named deal meets every criterion."),
  summaryTraps: (deals) => (deals ? `Avoids every trap: ${deals}.` : "No named deal avoids every trap."),
  summaryPairs: (closest, farthest) => `Closest pair over all issues: ${closest}; farthest: ${farthest}.`,
  inputsIntro: "Each actor's capability (clout) and, per issue, its position and salience (0–100: how much the issue matters to it). Every number links to its evidence.",
  evidenceIntro: "The quotes, sources and notes behind the numbers. Notes marked as the analyst's judgement are numbers the source does not state.",
  subject: {
    capability: (actor, issue) => (issue ? `${actor}: capability on ${issue}` : `${actor}: capability`),
    reservation: (actor) => `${actor}: walk-away utility`,
    reference: (issue) => `${issue}: status quo`,
    stance: (actor, issue) => `${actor} on ${issue}: position and salience`,
    deal: (deal) => `Deal: ${deal}`,
    dealValue: (deal, issue) => `Deal ${deal}: ${issue}`,
    criterion: (name) => `Criterion: ${name}`,
    trap: (name) => `Trap: ${name}`,
    redLine: (actor, name) => `${actor}: red line “${name}”`,
  },
  lead: {
    skipped: (why) => `Chance of a deal: not computed (${why}).`,
    noReference: (issues, count) => `${issues} ${count === 1 ? "has" : "have"} no reference point, and deals and walk-away values need the status quo of every issue`,
    unsetWithoutReference: (issues, count) => `a deal leaves ${issues} unset, and ${count === 1 ? "it has" : "they have"} no status quo to stay at: give the deal a value for ${count === 1 ? "it" : "each"}`,
    unknownOutsideOption: (actor, deal) => `the outside option of ${actor} names the unknown deal “${deal}”`,
    invalidRule: (actor, rule, id) => `${actor}'s ${rule === "redLine" ? "red line" : "linkage term"} “${id}” is not a valid rule`,
    linkageReadsUtility: (actor, id) => `${actor}'s linkage term “${id}” reads utilities, which it defines`,
    chance: (percent, draws, se) => `Chance of a deal: ${percent} (${draws.toLocaleString("en")} draws, ± ${se} points).`,
    possible: (acceptable, outcomes, signers) =>
      `A deal is possible as written: ${acceptable !== undefined ? `${acceptable.toLocaleString("en")} of ${outcomes.toLocaleString("en")} outcomes are` : "some outcome is"} acceptable to ${signers}.`,
    impossible: "No deal is possible as written.",
    everyActor: "every actor",
    capabilityShare: (percent) => `actors holding ${percent} of capability`,
    redLine: (actor, name, credibility) => `${possessive(actor)} red line “${name}”${credibility !== undefined ? ` (credibility ${credibility})` : ""}`,
    walkAway: (actor) => `${possessive(actor)} walk-away value`,
    lowerWalkAway: (actor, by) => `${actor} lowering its walk-away value by ${by}`,
    dropRedLine: (line) => `dropping ${line}`,
    conflict: (parts, opens) => `Main reason it may fail: as written, ${parts} cannot all hold together${opens ? `; ${opens} alone would open a zone of agreement` : ""}.`,
    ruledOut: (lines, several, count, deals, names) => `Main reason it may fail: ${lines} ${several ? "each rule" : "rules"} out ${count} of the ${deals} named deals${names ? ` (${names})` : ""}.`,
    margin: (actor, gain) => `Narrowest margin: ${possessive(actor)} gain over walking away at the most likely agreement is only ${gain}.`,
    unfinished: "The search for an agreement did not finish within its budget; coarsen the grid.",
  },
  methodText: [
    "Forecasts: each model runs on the scenario's positions, saliences and capabilities as written; see docs/models.md. The spread between models is max − min of their forecasts; within 10 % of the scale the models agree, within 25 % they broadly agree, beyond that they disagree.",
    "Deals: each actor's utility is additive over issues, weighted by its saliences, falling linearly with the distance from its position; its walk-away value is the utility of the status quo unless the scenario gives one. Criteria and traps are the scenario's rules, each verdict with its one-line reason.",
    "Alignment: on issue i, δ_abi = |x_ai − x_bi| / (max_i − min_i). Over all issues, d_ab = Σ_i w_abi·δ_abi / Σ_i w_abi with w_abi = √(s_ai·s_bi), over the issues on which both take a stance: an issue weighs as much as both actors care about it. Blocs: complete-linkage clusters, every member within the threshold of every other. See docs/report.md.",
  ],
  list: enList,
  percent: (share) => `${Math.round(share * 100)} %`,
  terminal: {
    samples: (completed, seed) => ` (${completed} samples, seed ${seed})`,
    partial: (completed, runs) => ` — PARTIAL: interrupted after ${completed} of ${runs} samples`,
    interrupted: (what, completed, runs) => `interrupted: ${what === "summary" ? "the summary covers" : "the first-order indices summarise"} ${completed} of ${runs} samples`,
    conditional: "The forecasts below say where talks settle if they agree (conditional on agreement); `parley agreement` says more.",
    agreement: {
      signers: (kind, veto) => (kind === "all" ? "every actor" : kind === "veto" ? veto.join(" and ") : "enough capability"),
      chance: (kind, percent, draws) =>
        kind === "draws" ? `Chance of agreement ${percent} (${draws} draws)` : kind === "possible" ? "An agreement is possible" : kind === "impossible" ? "No agreement is possible" : "No agreement was found",
      sampled: (chance, outcomes, hits, samples, share, se, upper95, searchFound) =>
        `${chance}: the space (${outcomes} outcomes) is too large to search exactly within the node budget; ${searchFound && hits === 0 ? "the search found an agreement, but " : ""}${hits > 0 ? `${hits} of ${samples} uniformly sampled outcomes are agreements (share ${share} ± ${se})` : `none of ${samples} uniformly sampled outcomes is an agreement (share at most ${upper95}, 95%)`}. Coarsen the grid with --step for an exact answer.`,
      acceptable: (chance, acceptable, outcomes, signers) => `${chance}: ${acceptable !== undefined ? `${acceptable} of ${outcomes} outcomes are` : "some outcome is"} acceptable to ${signers}.`,
      conflict: (chance, parts) => `${chance}: as written, ${parts.join(" and ")} cannot all hold together.`,
      redLine: (key) => `red line ${key}`,
      walkAway: (actor) => `${actor}'s walk-away value`,
      plain: (chance, possible) => `${chance}${possible ? "; as written an agreement is possible" : ""}.`,
    },
    agreementCommand: {
      title: "will they agree?",
      standardError: (se, possible) => `  ± ${se} (standard error); as written: ${possible ? "an agreement is possible" : "no agreement is possible"}`,
      grid: (decision, outcomes, step) => `Decision rule: ${decision}. Grid: ${outcomes} outcomes${step !== undefined ? ` (step ${step})` : " (anchors and reference points)"}.`,
      estimate: (samples, seed, hits, share, se, outcomes, upper95) =>
        `Sampled estimate (${samples} uniform outcomes, seed ${seed}): ${hits} agreements, share ${share} ± ${se} (standard error), about ${outcomes} outcomes; 95% upper bound ${upper95}.`,
      mostLikely: (percent) => `Most likely agreement (Nash point of the acceptable set${percent !== undefined ? `, in ${percent}% of draws` : ""}):`,
      issueColumns: ["issue", "value"],
      namedDeals: "Named deals",
      dealColumns: (draws) => ["deal", draws ? "chance" : "agreement", "as written"],
      yes: "yes",
      no: "no",
      whyNot: "Why not: constraints that cannot all hold together (smallest first)",
      whatWouldChange: "What would have to change",
      redLine: (key, rule) => `red line ${key}${rule !== undefined ? ` (${rule})` : ""}`,
      change: (what, opens) => `  - ${what}: ${opens ? "opens a zone of agreement" : "is not enough alone"}`,
      inexact: (sampled, unfinished) =>
        `warning: ${sampled ? "the space is too large to search exactly: the count of agreements is a sampled estimate; " : ""}${unfinished} search(es) ran out of their node budget; coarsen the grid with --step`,
      interrupted: (completed, runs) => `interrupted: the summary covers ${completed} of ${runs} draws`,
    },
    analyze: {
      space: (parties, names, outcomes) => `Space of agreements: ${parties} parties (${names}), ${outcomes} outcomes`,
      walkAway: (values) => `Walk-away values: ${values}`,
      agreementsFrontier: (mapped) => `Pareto frontier of the agreements: ${mapped ? `${mapped.size} outcomes (${mapped.distinct} distinct points)` : "not mapped (see above)"}`,
      frontier: (size, distinct, rational) => `Pareto frontier: ${size} outcomes (${distinct} distinct points), ${rational} of them acceptable to every party`,
      opposition: (value, signatories) => `Opposition: ${value ?? `— (no outcome is acceptable to ${signatories ? "the signatories" : "all"})`}`,
      columns: (parties) => ["solution", `utilities (${parties})`, "ties", "outcome (first of the ties in enumeration order)"],
      improvementColumns: ["improvement", "utilities", "ties", "outcome"],
      nash: "Nash",
      ks: "Kalai–Smorodinsky",
      ksGenius: "KS (GENIUS)",
      egalitarian: "Egalitarian",
      maxWelfare: "Max welfare",
      equalGain: "Equal gain",
      welfare: (value) => `welfare ${value}: `,
      agreement: (outcome, utilities) => `Agreement ${outcome}: utilities ${utilities}`,
      dominating: (outcomes, onFrontier) => `  ${outcomes} outcomes are better for every party (${onFrontier} of them on the frontier)`,
      decision: (rule, bargainers) => `Decision rule: ${rule}; the solutions weigh the gains of ${bargainers}.`,
      unanimity: "unanimity",
      veto: (players) => `veto players ${players}`,
      threshold: (share) => `capability share ≥ ${share}`,
      estimate: (hits, samples, seed, share, se, upper95) => `Sampled estimate: ${hits} agreements in ${samples} uniform outcomes (seed ${seed}): share ${share} ± ${se} (standard error), 95% upper bound ${upper95}`,
      conflict: (parts) => `  cannot all hold together: ${parts}`,
      redLine: (id) => `red line ${id}`,
      walkAwayOf: (actor) => `${actor}'s walk-away value`,
      opens: (change) => `  would open a zone of agreement: ${change}`,
      dropRedLine: (id) => `dropping red line ${id}`,
      lowerWalkAway: (actor, by) => `${actor} lowering its walk-away value${by !== undefined ? ` by ${by}` : ""}`,
      summary: {
        who: (kind, signatories) => (kind === "all" ? "every actor" : kind === "signatories" ? signatories.join(" and ") : "actors holding enough capability"),
        sampled: (hits, samples, share, se, upper95) =>
          hits > 0 ? `${hits} of ${samples} sampled outcomes are agreements: about ${share} ± ${se} of the space` : `none of ${samples} sampled outcomes is an agreement: at most ${upper95} of the space (95%)`,
        overflow: (overflow, total, found) => `More than ${overflow} of the ${total} outcomes are agreements, too many to map; ${found}. Coarsen the grid with --step.`,
        uncounted: (total, found) => `The frontier is exact, but the agreements of the ${total} outcomes were too many to count within the node budget; ${found}.`,
        tooLarge: (total, found) => `The space (${total} outcomes) is too large to search exactly within the node budget; ${found}. Coarsen the grid with --step for an exact answer.`,
        none: (total, who, parts) => `No outcome of ${total} is acceptable to ${who}${parts.length > 0 ? `: ${parts.join(" and ")} cannot all hold together` : ""}.`,
        agreements: (acceptable, total, who, comparisons) =>
          `${acceptable} of ${total} outcomes are agreements (acceptable to ${who}; the status quo is no agreement)${comparisons !== undefined ? `; their Pareto frontier is too large to map (more than ${comparisons} comparisons). Coarsen the grid with --step.` : "."}`,
      },
      progress: { search: "search nodes (budget)", frontier: "frontier comparisons (budget)" },
    },
  },
};

const zh: Messages = {
  sections: {
    summary: "要点",
    forecasts: "谈判预计在何处达成",
    uncertainty: "把握有多大:分布",
    deals: "各协议与标准和陷阱",
    stakes: "各方的得失",
    alignment: "谁与谁站在一起",
    inputs: "依据的数字",
    evidence: "证据",
    sources: "来源",
    method: "方法",
    contents: "目录",
  },
  words: {
    actor: "行为体",
    issue: "议题",
    model: "模型",
    forecast: "预测",
    nearestAnchor: "最近的锚点",
    position: "立场",
    salience: "重要性",
    capability: "能力",
    statusQuo: "现状",
    walkAway: "底线",
    utility: "效用",
    gain: "收益",
    accepts: "接受",
    yes: "是",
    no: "否",
    deal: "协议",
    value: "值",
    criterion: "标准",
    trap: "陷阱",
    met: "满足",
    notMet: "未满足",
    fallsIn: "落入",
    avoids: "避开",
    acceptedByAll: "各方均接受",
    bloc: "阵营",
    blocs: "阵营",
    overall: "全部议题",
    pair: "双方",
    distance: "距离",
    scale: "量表",
    range: "范围",
    onIssue: "在",
    source: "来源",
    note: "说明",
    reservationGiven: "底线效用",
    all: "全部",
    median: "中位数",
    claims: "用数字检验的论断",
  },
  intro: "本简报由 Parley 根据下述情景生成。取自情景的数字均链接到其证据;计算所得的数字(预测、收益、距离)按文末的方法由这些数字得出。",
  generatedBy: (models) => `由 Parley 生成，所用模型:${models}。`,
  noDeals: "情景中没有列出协议。",
  dealsSkipped: (reason) => `无法评估协议:${reason}。`,
  modelFailed: (model, message) => `模型 ${model} 无法在此情景上运行:${message}`,
  forecastChartNote: "线上方:各方立场(圆点越大，重要性越高);菱形:现状;线下方:各模型的预测。",
  forecastChartIntervalNote: (level, combined) => `橙色括线:预测的 ${level} 校准区间${combined ? ";虚线:计入输入的抽样离散后加宽的区间" : ""}。`,
  chartsOmitted: "图表见本简报的 HTML 版本(parley report --format html)。",
  spread: (level, min, max, range, share) =>
    `${level === "agree" ? "各模型一致" : level === "broad" ? "各模型大体一致" : "各模型分歧明显"}:预测值在${min}至${max}之间(相差${range}，占量表的${share})。`,
  anchorGroups: (groups) =>
    groups.length === 1 ? `均指向“${groups[0]!.anchor}”。` : `分别指向${zhList(groups.map((g) => `“${g.anchor}”(${g.models})`))}。`,
  uncertaintyIntro: (runs, completed, partial, seed) =>
    `基于对不确定输入的${completed}次蒙特卡洛抽样${partial ? `(计划${runs}次，已中断)` : ""}${seed !== undefined ? `，种子${seed}` : ""}:各模型预测的中间50%和90%区间。`,
  uncertaintyPending: "未提供蒙特卡洛运行结果:以上为按所写数字得出的点预测。",
  calibrationIntro: (level, issues, groups, file, condition, combined) =>
    `校准区间(${level})来自以往记录:各模型在 ${issues} 个有实际结果的过往议题上的误差，这些议题分属 ${groups} 组相关议题${file ? `(${file})` : ""}${condition ? `，按 ${condition} 类别分别校准` : ""}。区间为点预测加减一个误差幅度，以往预测中有 ${level} 的误差未超过该幅度(保形预测;见 docs/calibration.md)。${combined ? "若蒙特卡洛运行给出了预测的离散程度，区间也随之加宽:两者的半宽按平方和开方合并。" : ""}`,
  calibrationAssumption:
    "这一做法假定本情景与那些过往案例可交换:即它本可能是其中之一，出自同一类谈判。若两者性质不同(例如记录来自欧盟理事会立法，而此处是峰会)，该区间只是分析者须自行论证的类比，而非保证。",
  calibrationWithoutRecord: (models) => `校准数据中没有 ${models} 的记录:这些模型没有区间。`,
  intervalSentence: (model, forecast, level, interval, combined) =>
    `${model}:${forecast}，以往类似预测中有 ${level} 落在 ${interval} 之内${combined ? `;计入输入的抽样离散后为 ${combined}` : ""}。`,
  dealsIntro: "每项协议确定部分议题，其余议题维持现状。✓ 表示满足标准或避开陷阱，✗ 表示未满足标准或落入陷阱;每个标记后附理由。",
  dealValuesCaption: "各协议的取值;斜体值维持现状",
  matrixCaption: "标准与陷阱",
  reasonsCaption: "理由",
  acceptanceCaption: "各方在抽样中接受各协议的比例",
  stakesIntro: "收益 = 该方从协议获得的效用减去其底线效用(除非另行给出，即现状的效用)。收益 ≥ 0 时该方接受协议。",
  acceptedBy: (deal, actors) => `${deal}:${actors}接受。`,
  acceptedByNone: (deal) => `${deal}:无一方接受。`,
  alignmentIntro: (issueThreshold, overallThreshold) =>
    `距离从0(立场相同)到100(量表两端)。阵营指在某一议题上彼此相距不超过${issueThreshold}的一组行为体(全部议题按重要性加权时为${overallThreshold})。`,
  overallHeatCaption: "全部议题上按重要性加权的距离",
  issueHeatCaption: "各议题上每对行为体的距离",
  heatLegend: "颜色越深越接近。0 = 立场相同;100 = 位于量表两端。",
  closestPairs: "各对行为体，由近及远",
  issueStatement: (issue, parts) => `在${issue}上，${parts.join(";")}。`,
  togetherPhrase: (actors, positions) => `${actors}站在一起(${positions})`,
  alonePhrase: (actors) => (actors.length === 1 ? `${actors[0]}独自一方` : `${zhList(actors)}各自独立`),
  sides: (reference, below, at, above) =>
    [below && `低于现状(${reference}):${below}`, at && `等于现状:${at}`, above && `高于现状:${above}`].filter(Boolean).join(";") + "。",
  overallBlocs: (blocs) => `在全部议题上，各方分为以下阵营:${blocs}。`,
  claimHead: (actors, issue) => (issue === undefined ? `论断:${actors}在全部议题上站在一起` : `论断:${actors}在${issue}上站在一起`),
  claimStatus: (status) => (status === "borne-out" ? "数字支持这一论断" : status === "partly" ? "数字部分支持这一论断" : "数字不支持这一论断"),
  claimCore: (core, single, threshold) => (single ? `其中任何两方的距离都超过${threshold}` : `${core}站在一起`),
  claimOutlier: (actor, distance, nearer) => `${actor}与他们相距${distance}${nearer ? `，更接近${nearer}` : `，虽比其他各方更接近他们，但超出阵营阈值`}`,
  claimBorneOut: (threshold, spread) => `彼此相距均不超过${threshold}(最大差距${spread})`,
  summaryForecasts: (agree, broad, disagree, total, widest) =>
    `在${total}个议题中，各模型在${agree}个上一致，${broad}个上大体一致，${disagree}个上分歧明显${widest ? `;分歧最大的是${widest}` : ""}。`,
  summaryAccepted: (deals) => (deals ? `各方均接受的协议:${deals}。` : "没有一项协议为各方均接受。"),
  summaryCriteria: (deals) => (deals ? `满足全部标准的协议:${deals}。` : "没有一项协议满足全部标准。"),
  summaryTraps: (deals) => (deals ? `避开全部陷阱的协议:${deals}。` : "没有一项协议避开全部陷阱。"),
  summaryPairs: (closest, farthest) => `全部议题上最接近的一对:${closest};相距最远的一对:${farthest}。`,
  inputsIntro: "各方的能力(影响力)，以及在每个议题上的立场和重要性(0–100:该议题对其的重要程度)。每个数字都链接到其证据。",
  evidenceIntro: "数字所依据的引文、来源和说明。标为分析者判断的数字，来源中并未直接给出。",
  subject: {
    capability: (actor, issue) => (issue ? `${actor}:在${issue}上的能力` : `${actor}:能力`),
    reservation: (actor) => `${actor}:底线效用`,
    reference: (issue) => `${issue}:现状`,
    stance: (actor, issue) => `${actor}在${issue}上:立场与重要性`,
    deal: (deal) => `协议:${deal}`,
    dealValue: (deal, issue) => `协议${deal}:${issue}`,
    criterion: (name) => `标准:${name}`,
    trap: (name) => `陷阱:${name}`,
    redLine: (actor, name) => `${actor}:红线“${name}”`,
  },
  lead: {
    skipped: (why) => `达成协议的概率:未能计算(${why})。`,
    noReference: (issues) => `${issues}没有参照点，而协议与底线需要每个议题的现状`,
    unsetWithoutReference: (issues) => `有协议未设定${issues}，而这些议题没有可以保持的现状：请在协议中为其给出取值`,
    unknownOutsideOption: (actor, deal) => `${actor}的外部选项指向不存在的协议“${deal}”`,
    invalidRule: (actor, rule, id) => `${actor}的${rule === "redLine" ? "红线" : "联动条款"}“${id}”不是有效的规则`,
    linkageReadsUtility: (actor, id) => `${actor}的联动条款“${id}”读取了它自己所定义的效用`,
    chance: (percent, draws, se) => `达成协议的概率:${percent}(${draws}次抽样，±${se}个百分点)。`,
    possible: (acceptable, outcomes, signers) => `按所写情景可以达成协议:${acceptable !== undefined ? `${outcomes}个结果中有${acceptable}个` : "有结果"}为${signers}所接受。`,
    impossible: "按所写情景无法达成协议。",
    everyActor: "各方",
    capabilityShare: (percent) => `合计拥有${percent}能力的各方`,
    redLine: (actor, name, credibility) => `${actor}的红线“${name}”${credibility !== undefined ? `(可信度${credibility})` : ""}`,
    walkAway: (actor) => `${actor}的底线`,
    lowerWalkAway: (actor, by) => `${actor}将底线降低${by}`,
    dropRedLine: (line) => `放弃${line}`,
    conflict: (parts, opens) => `可能失败的主要原因:按所写情景，${parts}无法同时成立${opens ? `;单独${opens}即可打开协议空间` : ""}。`,
    ruledOut: (lines, several, count, deals, names) => `可能失败的主要原因:${lines}${several ? "各自" : ""}排除了${deals}项协议中的${count}项${names ? `(${names})` : ""}。`,
    margin: (actor, gain) => `余地最小:在最可能的协议下，${actor}比放弃谈判仅多得${gain}。`,
    unfinished: "协议搜索在预算内未完成;请放粗网格。",
  },
  methodText: [
    "预测:各模型按情景中所写的立场、重要性和能力运行，见 docs/models.md。模型间的差距为各预测的最大值减最小值;不超过量表的10%为一致，不超过25%为大体一致，否则为分歧明显。",
    "协议:各方效用按议题相加，以其重要性加权，随与其立场的距离线性下降;除非情景另行给出，底线为现状的效用。标准和陷阱是情景中的规则，每项判定附一行理由。",
    "阵营:在议题 i 上，δ_abi = |x_ai − x_bi| / (max_i − min_i)。全部议题上，d_ab = Σ_i w_abi·δ_abi / Σ_i w_abi，其中 w_abi = √(s_ai·s_bi)，只计双方都有立场的议题:一个议题的权重取决于双方对它的共同重视程度。阵营为完全连接聚类，成员两两相距均不超过阈值。见 docs/report.md。",
  ],
  list: zhList,
  percent: (share) => `${Math.round(share * 100)}%`,
  terminal: {
    samples: (completed, seed) => ` (${completed} 个样本, 种子 ${seed})`,
    partial: (completed, runs) => ` — 不完整: 计划 ${runs} 个样本, 完成 ${completed} 个后中断`,
    interrupted: (what, completed, runs) => `已中断: ${what === "summary" ? "摘要只涵盖" : "一阶指数只基于"} ${runs} 个样本中的 ${completed} 个`,
    conditional: "以下预测给出谈判若达成协议将在何处达成(以达成协议为条件); 详见 `parley agreement`。",
    agreement: {
      signers: (kind, veto) => (kind === "all" ? "各方" : kind === "veto" ? zhList(veto) : "拥有足够能力的各方"),
      chance: (kind, percent, draws) => (kind === "draws" ? `达成协议的概率 ${percent} (${draws} 次抽样)` : kind === "possible" ? "可以达成协议" : kind === "impossible" ? "无法达成协议" : "未找到协议"),
      sampled: (chance, outcomes, hits, samples, share, se, upper95, searchFound) =>
        `${chance}: 结果空间(${outcomes} 种结果)太大, 无法在节点预算内精确搜索; ${searchFound && hits === 0 ? "搜索找到了一个协议, 但" : ""}${hits > 0 ? `均匀抽取的 ${samples} 种结果中有 ${hits} 种是协议(占比 ${share} ± ${se})` : `均匀抽取的 ${samples} 种结果中没有协议(占比至多 ${upper95}, 95%)`}。用 --step 放粗网格可得精确答案。`,
      acceptable: (chance, acceptable, outcomes, signers) => `${chance}: ${acceptable !== undefined ? `${outcomes} 种结果中有 ${acceptable} 种` : "有结果"}为${signers}所接受。`,
      conflict: (chance, parts) => `${chance}: 按所写情景, ${zhList(parts)}无法同时成立。`,
      redLine: (_key, actor, line) => `${actor}的红线“${line}”`,
      walkAway: (actor) => `${actor}的底线`,
      plain: (chance, possible) => `${chance}${possible ? "; 按所写情景可以达成协议" : ""}。`,
    },
    agreementCommand: {
      title: "能否达成协议?",
      standardError: (se, possible) => `  ± ${se} (标准误); 按所写情景: ${possible ? "可以达成协议" : "无法达成协议"}`,
      grid: (decision, outcomes, step) => `决策规则: ${decision}。网格: ${outcomes} 种结果${step !== undefined ? ` (步长 ${step})` : " (锚点与参照点)"}。`,
      estimate: (samples, seed, hits, share, se, outcomes, upper95) =>
        `抽样估计 (均匀抽取 ${samples} 种结果, 种子 ${seed}): ${hits} 种是协议, 占比 ${share} ± ${se} (标准误), 约 ${outcomes} 种结果; 95% 上界 ${upper95}。`,
      mostLikely: (percent) => `最可能的协议 (可接受结果的纳什点${percent !== undefined ? `, 占抽样的 ${percent}%` : ""}):`,
      issueColumns: ["议题", "取值"],
      namedDeals: "已命名的协议",
      dealColumns: (draws) => ["协议", draws ? "概率" : "是否为协议", "按所写情景"],
      yes: "是",
      no: "否",
      whyNot: "为何不能: 无法同时成立的约束 (最小的在前)",
      whatWouldChange: "需要改变什么",
      redLine: (key, rule) => `红线 ${key}${rule !== undefined ? ` (${rule})` : ""}`,
      change: (what, opens) => `  - ${what}: ${opens ? "可打开协议空间" : "单独不足以打开协议空间"}`,
      inexact: (sampled, unfinished) => `警告: ${sampled ? "结果空间太大, 无法精确搜索: 协议数是抽样估计; " : ""}${unfinished} 次搜索用完了节点预算; 请用 --step 放粗网格`,
      interrupted: (completed, runs) => `已中断: 摘要只涵盖 ${runs} 次抽样中的 ${completed} 次`,
    },
    analyze: {
      space: (parties, names, outcomes) => `协议空间: ${parties} 方 (${names}), ${outcomes} 种结果`,
      walkAway: (values) => `退出值: ${values}`,
      agreementsFrontier: (mapped) => `协议的帕累托前沿: ${mapped ? `${mapped.size} 种结果 (${mapped.distinct} 个不同的点)` : "未绘出 (见上文)"}`,
      frontier: (size, distinct, rational) => `帕累托前沿: ${size} 种结果 (${distinct} 个不同的点), 其中 ${rational} 种为各方所接受`,
      opposition: (value, signatories) => `对立程度: ${value ?? `— (没有结果为${signatories ? "各签署方" : "各方"}所接受)`}`,
      columns: (parties) => ["解", `效用 (${parties})`, "并列数", "结果 (并列者中按枚举顺序的第一个)"],
      improvementColumns: ["改进", "效用", "并列数", "结果"],
      nash: "纳什解",
      ks: "卡莱—斯莫罗丁斯基解",
      ksGenius: "KS 解 (GENIUS)",
      egalitarian: "平均主义解",
      maxWelfare: "最大福利",
      equalGain: "等量收益",
      welfare: (value) => `福利 ${value}: `,
      agreement: (outcome, utilities) => `协议 ${outcome}: 效用 ${utilities}`,
      dominating: (outcomes, onFrontier) => `  ${outcomes} 种结果对各方都更好 (其中 ${onFrontier} 种在前沿上)`,
      decision: (rule, bargainers) => `决策规则: ${rule}; 各解衡量 ${bargainers} 的收益。`,
      unanimity: "一致同意",
      veto: (players) => `否决方 ${players}`,
      threshold: (share) => `能力份额 ≥ ${share}`,
      estimate: (hits, samples, seed, share, se, upper95) => `抽样估计: 均匀抽取的 ${samples} 种结果中有 ${hits} 种是协议 (种子 ${seed}): 占比 ${share} ± ${se} (标准误), 95% 上界 ${upper95}`,
      conflict: (parts) => `  无法同时成立: ${parts}`,
      redLine: (id) => `红线 ${id}`,
      walkAwayOf: (actor) => `${actor} 的退出值`,
      opens: (change) => `  可打开协议空间: ${change}`,
      dropRedLine: (id) => `放弃红线 ${id}`,
      lowerWalkAway: (actor, by) => `${actor} 降低其退出值${by !== undefined ? ` ${by}` : ""}`,
      summary: {
        who: (kind, signatories) => (kind === "all" ? "各方" : kind === "signatories" ? zhList(signatories) : "拥有足够能力的各方"),
        sampled: (hits, samples, share, se, upper95) =>
          hits > 0 ? `抽取的 ${samples} 种结果中有 ${hits} 种是协议: 约占空间的 ${share} ± ${se}` : `抽取的 ${samples} 种结果中没有协议: 至多占空间的 ${upper95} (95%)`,
        overflow: (overflow, total, found) => `${total} 种结果中有超过 ${overflow} 种是协议, 太多而无法绘出; ${found}。请用 --step 放粗网格。`,
        uncounted: (total, found) => `前沿是精确的, 但 ${total} 种结果中的协议太多, 无法在节点预算内计数; ${found}。`,
        tooLarge: (total, found) => `结果空间(${total} 种结果)太大, 无法在节点预算内精确搜索; ${found}。用 --step 放粗网格可得精确答案。`,
        none: (total, who, parts) => `${total} 种结果中没有一种为${who}所接受${parts.length > 0 ? `: ${zhList(parts)}无法同时成立` : ""}。`,
        agreements: (acceptable, total, who, comparisons) =>
          `${total} 种结果中有 ${acceptable} 种是协议(为${who}所接受; 现状即无协议)${comparisons !== undefined ? `; 其帕累托前沿太大, 无法绘出(超过 ${comparisons} 次比较)。请用 --step 放粗网格。` : "。"}`,
      },
      progress: { search: "搜索节点 (预算)", frontier: "前沿比较 (预算)" },
    },
  },
};

export function messages(language: Language): Messages {
  return language === "zh" ? zh : en;
}
