/**
 * The contract every forecasting model meets. A model sees a scenario reduced to numbers
 * (actors × issues, on each issue's own scale) and returns one point forecast per issue;
 * iterative models also return their rounds. Models are pure: no I/O, no clock, no global RNG.
 */

/** One actor's stance on one issue: position on the issue's own scale, salience 0–100. */
export interface Stance {
  readonly position: number;
  readonly salience: number;
}

export interface ModelActor {
  readonly id: string;
  /** Capability (clout) per issue, in input issue order; > 0. */
  readonly capability: readonly number[];
}

export interface ModelIssue {
  readonly id: string;
  readonly min: number;
  readonly max: number;
  /** Status quo / outcome if talks fail, on the issue's scale, when the scenario gives one. */
  readonly reference: number | undefined;
}

export interface ModelInput {
  readonly actors: readonly ModelActor[];
  readonly issues: readonly ModelIssue[];
  /** stances[actor][issue]; null when the actor takes no stance on that issue. */
  readonly stances: readonly (readonly (Stance | null)[])[];
}

export interface ModelOptions {
  /** Number of rounds for models that run a fixed number (EUM); iterative models may ignore it. */
  readonly rounds?: number;
  /** Seed for stochastic variants. */
  readonly seed?: number;
  /** Model-specific parameters, validated by the model itself. */
  readonly parameters?: Readonly<Record<string, unknown>>;
  /**
   * The caller reads only `forecasts` (e.g. a Monte Carlo sample): a model may then leave out `rounds` to
   * save work. The forecasts are the same either way.
   */
  readonly forecastOnly?: boolean;
}

export interface ModelRound {
  readonly round: number;
  /** positions[actor][issue] on the issue's scale; null where the actor has no stance. */
  readonly positions: readonly (readonly (number | null)[])[];
  /** Per actor, the probability of its position (SMP). */
  readonly probabilities?: readonly number[];
  /** The exchanges realised in this round, which led from the previous round's positions to these (exchange model). */
  readonly exchanges?: readonly ModelExchange[];
}

/**
 * One realised exchange of support: actor i moves on issue q in return for actor j's move on issue p
 * (p before q in issue order). Indices into the model input; positions on each issue's own scale.
 */
export interface ModelExchange {
  /** [i, j]. */
  readonly actors: readonly [number, number];
  /** [p, q]: j moves on p, i moves on q. */
  readonly issues: readonly [number, number];
  /** [i's move on q, j's move on p], signed. */
  readonly moves: readonly [number, number];
  /** [i's position on q, j's position on p] before and after the exchange. */
  readonly from: readonly [number, number];
  readonly to: readonly [number, number];
  /** Each side's gain in utility (salience × outcome shift toward it, saliences on 0–1). */
  readonly gains: readonly [number, number];
  /** True when the moves were shortened so as not to push an outcome past the demander's position. */
  readonly capped: boolean;
}

export interface ModelOutput {
  /** One point forecast per issue, on the issue's own scale, in input order. */
  readonly forecasts: readonly number[];
  readonly rounds?: readonly ModelRound[];
  /** Other point forecasts per issue, by name (e.g. EUM's `weightedMean`), reported beside `forecast`. */
  readonly alternatives?: Readonly<Record<string, readonly number[]>>;
  /** Further figures a model wants to report. */
  readonly details?: Readonly<Record<string, unknown>>;
}

export interface ForecastModel {
  /** Short id used on the command line, e.g. "compromise". */
  readonly id: string;
  readonly name: string;
  /** One sentence for help texts. */
  readonly description: string;
  /** True when the model reports rounds. */
  readonly iterative: boolean;
  /**
   * True when the model links issues, so an issue's forecast depends on the other issues decided with it
   * (the exchange model trades across them); a backtest then runs it on each proposal's issues together.
   */
  readonly acrossIssues?: boolean;
  run(input: ModelInput, options?: ModelOptions): ModelOutput;
}

/** A model was asked to do something its inputs do not allow; the message is meant for the user. */
export class ModelError extends Error {
  override readonly name = "ModelError";
}
