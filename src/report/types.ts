/**
 * The briefing as data: everything the rendered report says, computed once from a scenario and
 * independent of the output format and language. Renderers (Markdown, HTML) only lay it out.
 */
import type { ExchangeBriefing } from "./exchanges.js";
import type { SimulationBriefing, SimulationRunsInput } from "./simulation.js";
import type { Alignment, AlignmentClaim, AlignmentOptions, ClaimVerdict } from "../alignment/alignment.js";
import type { AgreementReport } from "../agreement/forecast.js";
import type { Change } from "../agreement/conflicts.js";
import type { CalibratedInterval } from "../calibration/apply.js";
import type { Calibration } from "../calibration/calibration.js";
import type { DealEvaluation } from "../deals/evaluate.js";
import type { DealProblem } from "../deals/preferences.js";
import type { Anchor, Citation, Label, Scenario } from "../scenario/types.js";

/** What a piece of evidence stands behind. */
export type EvidenceSubject =
  | { readonly kind: "capability"; readonly actor: string; readonly issue?: string }
  | { readonly kind: "reservation"; readonly actor: string }
  | { readonly kind: "reference"; readonly issue: string }
  | { readonly kind: "stance"; readonly actor: string; readonly issue: string }
  | { readonly kind: "deal"; readonly deal: string }
  | { readonly kind: "dealValue"; readonly deal: string; readonly issue: string }
  | { readonly kind: "criterion"; readonly id: string }
  | { readonly kind: "trap"; readonly id: string }
  | { readonly kind: "redLine"; readonly actor: string; readonly id: string };

/** One entry of the evidence section: the citations and note behind one number (or group of numbers). */
export interface EvidenceEntry {
  /** 1-based; the footnote number and the anchor of the entry. */
  readonly number: number;
  readonly subject: EvidenceSubject;
  readonly citations: readonly Citation[];
  readonly note?: Label;
}

/** A number taken from the scenario, with the evidence entry behind it when there is one. */
export interface Figure {
  readonly value: number;
  /** For option issues: the option the number stands for. */
  readonly option?: string;
  readonly range?: readonly [number, number];
  /** `EvidenceEntry.number`. */
  readonly evidence?: number;
}

export interface ModelForecast {
  readonly model: string;
  readonly value: number;
  readonly anchor?: Anchor;
  /** With a calibration: the empirical interval around the forecast (and `combined` with the sampled spread). */
  readonly interval?: CalibratedInterval;
}

/** `agree`: the models' forecasts lie within 10 % of the scale; `broad`: within 25 %; `disagree`: farther apart. */
export type AgreementLevel = "agree" | "broad" | "disagree";

export interface ForecastSpread {
  readonly min: number;
  readonly max: number;
  /** max − min, on the issue's scale. */
  readonly range: number;
  /** range as a share of the scale's width. */
  readonly share: number;
  readonly level: AgreementLevel;
  /** Models grouped by the anchor nearest their forecast, in anchor order. */
  readonly anchorGroups: readonly { readonly anchor?: Anchor; readonly models: readonly string[] }[];
}

/** A forecast's distribution over sampled inputs (quantiles on the issue's scale). */
export interface ForecastDistribution {
  readonly model: string;
  readonly forecast: number;
  readonly p5: number;
  readonly p25: number;
  readonly p50: number;
  readonly p75: number;
  readonly p95: number;
}

export interface IssueBriefing {
  readonly issue: string;
  readonly reference?: Figure;
  /** Actors with a stance, in scenario order. */
  readonly positions: readonly { readonly actor: string; readonly position: Figure; readonly salience: Figure }[];
  readonly forecasts: readonly ModelForecast[];
  /** Absent when no model ran. */
  readonly spread?: ForecastSpread;
  /** From a Monte Carlo run, when one was supplied. */
  readonly distributions?: readonly ForecastDistribution[];
}

export interface DealBriefing {
  readonly deal: string;
  /** The outcome on every issue; `named` is false where the deal leaves the issue at the status quo. */
  readonly values: readonly { readonly issue: string; readonly value: Figure; readonly named: boolean }[];
  readonly evaluation: DealEvaluation;
  /** Evidence entry of the deal as a whole. */
  readonly evidence?: number;
}

export interface DealsSection {
  readonly deals: readonly DealBriefing[];
  /** Why deals could not be evaluated (e.g. an issue without a reference point), in English with ids. */
  readonly skipped?: string;
  /** The same as data, where it has a structure: rendered in the briefing's language. */
  readonly problem?: DealProblem;
}

/** An actor's gain (utility − walk-away) under each deal. */
export interface ActorStake {
  readonly actor: string;
  readonly reservation: number;
  readonly gains: readonly { readonly deal: string; readonly utility: number; readonly gain: number; readonly accepts: boolean }[];
}

/**
 * What a Monte Carlo run hands the briefing: structurally a subset of the uncertainty module's
 * report, so its result can be passed as is.
 */
export interface UncertaintyInput {
  readonly runs: number;
  readonly completed: number;
  readonly partial: boolean;
  readonly seed?: number;
  readonly models: readonly {
    readonly model: string;
    readonly issues: readonly { readonly id: string; readonly forecast: number; readonly sd?: number; readonly quantiles: Readonly<Record<string, number>> }[];
  }[];
  readonly deals?: readonly { readonly id: string; readonly accept: Readonly<Record<string, number>>; readonly all: number }[];
}

export interface UncertaintySection {
  readonly runs: number;
  readonly completed: number;
  readonly partial: boolean;
  readonly seed?: number;
  /** Per deal: the share of samples in which each actor, and every actor, accepts. */
  readonly deals: readonly { readonly id: string; readonly accept: Readonly<Record<string, number>>; readonly all: number }[];
}

/** A red line as the lead cites it. */
export interface CitedRedLine {
  readonly actor: string;
  readonly id: string;
  /** As written (0–1). */
  readonly credibility: number;
  /** Named deals it rules out, as written (for the `redLines` reason). */
  readonly ruledOut: readonly string[];
  readonly evidence?: number;
}

/** The main reason talks may fail, chosen from the numbers (src/report/agreement.ts). */
export type FailureReason =
  /** As written no agreement: the first minimal conflicting set, and the members whose dropping alone opens a zone. */
  | { readonly kind: "conflict"; readonly redLines: readonly CitedRedLine[]; readonly walkAway: readonly string[]; readonly opens: readonly Omit<Change, "opens">[] }
  /** The signatories' red lines that rule out the most named deals (of `deals`). */
  | { readonly kind: "redLines"; readonly lines: readonly CitedRedLine[]; readonly deals: number }
  /** The needed signatory with the smallest gain over walking away at the most likely agreement. */
  | { readonly kind: "margin"; readonly actor: string; readonly gain: number }
  /** The search ran out of its budget before finding an agreement. */
  | { readonly kind: "unfinished" };

/** The briefing's lead: the chance of a deal and the main reason it may fail. */
export interface AgreementBriefing {
  /** The agreement forecast (the JSON of `parley agreement --json`); absent when skipped. */
  readonly report?: AgreementReport;
  readonly reason?: FailureReason;
  /** Why no forecast could be made (e.g. an issue without a status quo), in English with ids. */
  readonly skipped?: string;
  /** The same as data, where it has a structure: the lead renders it in the briefing's language. */
  readonly problem?: DealProblem;
}

export interface BriefingOptions {
  /** Model ids; every model when absent or empty. */
  readonly models?: readonly string[];
  readonly rounds?: number;
  readonly seed?: number;
  readonly alignment?: AlignmentOptions;
  /** Claims of alignment to test against the numbers. */
  readonly claims?: readonly AlignmentClaim[];
  /** A Monte Carlo run to report distributions from. */
  readonly uncertainty?: UncertaintyInput;
  /** A track record (`parley backtest --save-calibration`): each forecast with its empirical interval. */
  readonly calibration?: Calibration;
  /** Level of the calibrated intervals, 0–1 (default 0.8). */
  readonly level?: number;
  /** An agreement forecast with draws (`agreementForecast`); without it the scenario as written is searched. */
  readonly agreement?: AgreementReport;
  /** A Monte Carlo of the simulated talks (`simulateRuns`): the agreement rate and rounds to agreement. */
  readonly simulation?: SimulationRunsInput;
}

/** What the calibrated intervals rest on, for the briefing to say. */
export interface CalibrationSection {
  readonly level: number;
  readonly source: Calibration["source"];
  readonly condition?: Calibration["condition"];
  /** True when the intervals are also combined with a Monte Carlo run's spread. */
  readonly combined: boolean;
  /** Models that ran but that the calibration has no track record of (no interval). */
  readonly withoutRecord: readonly string[];
}

export interface ActorInputs {
  readonly actor: string;
  readonly capability: Figure;
  readonly byIssue: readonly { readonly issue: string; readonly capability: Figure }[];
  readonly reservation?: Figure;
}

export interface Briefing {
  readonly scenario: Scenario;
  /** The lead: will they agree at all? */
  readonly agreement: AgreementBriefing;
  /** The models that ran, in order, with their display names. */
  readonly models: readonly { readonly id: string; readonly name: string }[];
  /** Models that could not run on this scenario, with the reason. */
  readonly failedModels: readonly { readonly model: string; readonly message: string }[];
  readonly issues: readonly IssueBriefing[];
  readonly deals: DealsSection;
  readonly stakes: readonly ActorStake[];
  readonly alignment: Alignment;
  readonly claims: readonly ClaimVerdict[];
  readonly inputs: readonly ActorInputs[];
  readonly evidence: readonly EvidenceEntry[];
  readonly uncertainty?: UncertaintySection;
  /** With a calibration: what its intervals rest on. */
  readonly calibration?: CalibrationSection;
  /** The exchange model's trades, when it ran. */
  readonly exchange?: ExchangeBriefing;
  /** How the talks unfold when negotiating agents play them out (or why they could not be simulated). */
  readonly simulation: SimulationBriefing | { readonly skipped: string };
}
