/**
 * Backtesting: forecasting real decisions whose outcome is on record and measuring the error.
 * A case is one issue on a 0–100 scale: the actors' positions, saliences and capabilities, the
 * reference point and the recorded outcome. Importers (DEU III, the general CSV/JSON format) turn
 * files into cases; rows that cannot be scored are counted by reason, never silently dropped.
 */
import type { IntervalScore } from "../calibration/conformal.js";
import type { ChallengerScore } from "./challengers.js";

/** The scale every backtest case is on: outcomes, positions and errors are in points of 0–100. */
export const BACKTEST_SCALE = { min: 0, max: 100 } as const;

/** The fewest actors with a position a case needs to be scored. */
export const MIN_CASE_ACTORS = 3;

/** One actor's stance on a case. */
export interface BacktestActor {
  readonly id: string;
  /** Position on the 0–100 scale. */
  readonly position: number;
  /** Salience 0–100; absent when the data gives none: the actor is then left out of every salience-weighted model. */
  readonly salience?: number;
  /** Capability > 0; absent when the data gives none: the actor is then left out of every capability-weighted model. */
  readonly capability?: number;
}

/** One scoreable decision. */
export interface BacktestCase {
  readonly id: string;
  /** Every actor with a position, in the input's order. */
  readonly actors: readonly BacktestActor[];
  /** The outcome if no decision is taken (status quo), when known. */
  readonly reference?: number;
  /** The recorded outcome. */
  readonly outcome: number;
  /** Id of the actor who made the proposal (the Commission in DEU), when known. */
  readonly proposer?: string;
  /**
   * The proposal (or other unit) the case belongs to, when known: cross-validation keeps a group's
   * cases on one side of every split. Absent: the case is a group of its own.
   */
  readonly group?: string;
  /** The decision rule, when known (DEU: the Council's `counvte`, co-decision from `proc`). */
  readonly rule?: DecisionRule;
}

/** How a case was decided: the Council's voting rule and whether the Parliament had to agree too. */
export interface DecisionRule {
  readonly voting: "qmv" | "unanimity";
  readonly codecision: boolean;
}

/** Why a row or case of the input was not scored; ids are stable (they are JSON keys). */
export const SKIP_REASONS = {
  "no-outcome": "no recorded outcome",
  "too-few-actors": `fewer than ${MIN_CASE_ACTORS} actors with a position`,
  "no-date": "neither a final-act nor an introduction date, so no voting regime for capabilities",
} as const;
export type SkipReason = keyof typeof SKIP_REASONS;

/** What an importer hands the backtest: the scoreable cases and how many it skipped, by reason. */
export interface BacktestInput {
  readonly cases: readonly BacktestCase[];
  readonly skipped: Readonly<Partial<Record<SkipReason, number>>>;
}

/** One case's forecasts: by model id (and baseline id), a number or the reason it failed. */
export interface CaseForecasts {
  readonly id: string;
  readonly outcome: number;
  /** Forecast per model and per available baseline. */
  readonly forecasts: Readonly<Record<string, number>>;
  /** ModelError message per model that could not forecast this case. */
  readonly failures: Readonly<Record<string, string>>;
}

/** Accuracy of one model over the cases it forecast. Errors are absolute, in points of the 0–100 scale. */
export interface ErrorMetrics {
  /** Mean absolute error; null when n = 0. */
  readonly mae: number | null;
  /** Root mean squared error. */
  readonly rmse: number | null;
  /** Median absolute error. */
  readonly medianAE: number | null;
  /** Share (0–1) of cases with an absolute error of at most 10 points. */
  readonly within10: number | null;
  /** Share (0–1) of cases with an absolute error of at most 20 points. */
  readonly within20: number | null;
  /** Number of cases forecast. */
  readonly n: number;
}

/** A model's score, with the cases it failed on counted by reason (only when there are any). */
export interface ModelScore extends ErrorMetrics {
  readonly failed?: Readonly<Record<string, number>>;
  /** Conformal interval at the chosen level: coverage and mean width on the cases scored (src/calibration). */
  readonly interval?: IntervalScore;
  /** Nominal against actual coverage at 50, 80 and 90 %. */
  readonly reliability?: readonly IntervalScore[];
}

/** How the report's intervals were calibrated. */
export interface IntervalMethod {
  /** `cross-fitted`: each case on the other groups of this file; `saved`: on a calibration from another file. */
  readonly calibration: "cross-fitted" | "saved";
  readonly level: number;
  /** Groups (proposals) the cases fall in; cross-fitting leaves one group out at a time. */
  readonly groups: number;
  readonly condition?: string;
  /** With a saved calibration: the file it was built from, and its size. */
  readonly source?: { readonly file?: string; readonly issues: number; readonly groups: number };
}

/** The result of a backtest, as `parley backtest --json` prints it. */
export interface BacktestReport {
  /** Scoreable cases. */
  readonly issues: number;
  readonly skipped: Readonly<Record<string, number>>;
  /** Per model id, then per baseline id (`baseline:…`). */
  readonly models: Readonly<Record<string, ModelScore>>;
  readonly intervals?: IntervalMethod;
  /** Challengers to the compromise, leave-one-proposal-out (src/backtest/challengers.ts); only when the compromise ran. */
  readonly challengers?: Readonly<Record<string, ChallengerScore>>;
}
