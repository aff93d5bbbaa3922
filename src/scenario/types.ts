/**
 * A validated scenario, normalised so that the rest of Parley never has to care how the
 * analyst wrote it: every number carries its evidence list, every label is `{en?, zh?}`,
 * option issues know the place of each option on the scale.
 */

export interface Label {
  readonly en?: string;
  readonly zh?: string;
}

export interface Citation {
  readonly source: string;
  readonly quote: string;
  readonly note?: Label;
}

/**
 * How a number is sampled in Monte Carlo runs, as written (bounds come from `range` or the scale;
 * docs/uncertainty.md). Absent: uniform over `range` when there is one, otherwise the number is fixed.
 */
export type Distribution =
  | { readonly kind: "uniform" }
  /** From range[0] to range[1], peaking at the quantity's value. */
  | { readonly kind: "triangular" }
  /** Around the value, truncated to the range (or the scale). */
  | { readonly kind: "normal"; readonly sd: number }
  | {
      readonly kind: "estimates";
      /** Numbers on the scale; an option's place where the estimate named an option. */
      readonly values: readonly number[];
      /** As written; absent: equal weights. */
      readonly weights?: readonly number[];
      /** For positions on option issues: the option each estimate named. */
      readonly options?: readonly (string | undefined)[];
    };

export interface Quantity {
  readonly value: number;
  readonly range?: readonly [number, number];
  readonly distribution?: Distribution;
  readonly evidence: readonly Citation[];
  readonly note?: Label;
}

export interface Source {
  readonly id: string;
  readonly title: Label;
  readonly authors: readonly string[];
  readonly publisher?: string;
  readonly date?: string;
  readonly url?: string;
  /** Relative to the scenario file. */
  readonly file?: string;
  readonly language?: string;
}

export interface Actor {
  readonly id: string;
  readonly name: Label;
  readonly description?: Label;
  readonly capability: Quantity;
  /** Capability on particular issues, keyed by issue id. */
  readonly capabilityByIssue: Readonly<Record<string, Quantity>>;
  /** Walk-away utility (0–1) when given as a number; otherwise see `outsideOption`, else the status quo's utility. */
  readonly reservation?: Quantity;
  /** `reservation: {deal}`: the walk-away value is the actor's utility of this deal. */
  readonly outsideOption?: OutsideOption;
  /** Conditions a deal must meet for the actor to accept it at all (docs/agreement.md). */
  readonly redLines: readonly RedLine[];
  /** Non-additive terms of the actor's utility. */
  readonly linkage: readonly LinkageTerm[];
}

export interface OutsideOption {
  /** Id of a scenario deal. */
  readonly deal: string;
  readonly evidence: readonly Citation[];
  readonly note?: Label;
}

export interface RedLine {
  readonly id: string;
  readonly name?: Label;
  readonly rule: string;
  /** Belief (0–1) that the line holds; 1 when not written. */
  readonly credibility: Quantity;
  readonly evidence: readonly Citation[];
  readonly note?: Label;
}

export interface LinkageTerm {
  /** Written id, or `linkage[k]`. */
  readonly id: string;
  readonly name?: Label;
  readonly when: string;
  /** Added to the actor's utility when `when` holds (same scale as the additive part). */
  readonly utility: Quantity;
  readonly evidence: readonly Citation[];
  readonly note?: Label;
}

/**
 * Who must agree. `veto`: the actors whose signature is needed (absent: every actor); `threshold`: the share
 * of total capability the accepting actors must reach (absent: none beyond the veto players).
 */
export interface Decision {
  readonly kind: "unanimity" | "veto" | "threshold";
  readonly veto?: readonly string[];
  readonly threshold?: number;
  readonly evidence: readonly Citation[];
  readonly note?: Label;
}

export interface Anchor {
  readonly value: number;
  readonly label: Label;
}

export interface IssueOption {
  readonly id: string;
  readonly label: Label;
  readonly description?: Label;
  /** Place on the issue's scale; options without one are spread evenly over 0–100 in listed order. */
  readonly place: number;
}

/** A value on an issue: a number on its scale, and for option issues the option it stands for. */
export interface IssueValue extends Quantity {
  readonly option?: string;
}

export interface Issue {
  readonly id: string;
  readonly name: Label;
  readonly description?: Label;
  readonly kind: "numeric" | "options";
  readonly min: number;
  readonly max: number;
  readonly unit?: Label;
  /** Labelled points of the scale, sorted by value; for option issues, the options. */
  readonly anchors: readonly Anchor[];
  readonly options: readonly IssueOption[];
  readonly reference?: IssueValue;
  /** The recorded outcome, when known. */
  readonly outcome?: IssueValue;
}

export interface Stance {
  readonly position: IssueValue;
  readonly salience: Quantity;
  readonly evidence: readonly Citation[];
  readonly note?: Label;
}

export interface Preference {
  readonly loss: "linear" | "quadratic";
  /** Issue weights as written (normalised when used); absent: the saliences. */
  readonly weights?: Readonly<Record<string, number>>;
  /** Option values per discrete issue. */
  readonly values: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

export interface Deal {
  readonly id: string;
  readonly name: Label;
  readonly description?: Label;
  /** Values for the issues the deal names, keyed by issue id. */
  readonly values: Readonly<Record<string, IssueValue>>;
  readonly evidence: readonly Citation[];
  readonly note?: Label;
}

/** A criterion or a trap: a named rule over a deal. */
export interface RuleEntry {
  readonly id: string;
  readonly name: Label;
  readonly description?: Label;
  readonly rule: string;
  readonly evidence: readonly Citation[];
  readonly note?: Label;
}

export interface Scenario {
  readonly version: number;
  readonly id: string;
  readonly title: Label;
  readonly date?: string;
  readonly description?: Label;
  readonly language: "en" | "zh";
  readonly sources: readonly Source[];
  readonly actors: readonly Actor[];
  readonly issues: readonly Issue[];
  /** stances[actorId][issueId] */
  readonly stances: Readonly<Record<string, Readonly<Record<string, Stance>>>>;
  /** Per actor id; actors without an entry use linear loss and their saliences as weights. */
  readonly preferences: Readonly<Record<string, Preference>>;
  readonly deals: readonly Deal[];
  readonly criteria: readonly RuleEntry[];
  readonly traps: readonly RuleEntry[];
  /** Who must agree; `{kind: "unanimity"}` when not written. */
  readonly decision: Decision;
  /** Parameters per model id. */
  readonly models: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** Settings of `parley simulate`, as written. */
  readonly simulation?: SimulationSettings;
}

export interface SimulationSettings {
  /** Per actor id, a strategy name (src/simulation/negotiators/names.ts). */
  readonly strategies?: Readonly<Record<string, string>>;
  readonly deadline?: number;
  readonly collapse?: number;
  readonly order?: readonly string[];
  readonly step?: number;
}
