/**
 * The nine SMP model parameters of KTAB (spec "Parameters"), their allowed values and defaults (★).
 * Names and values are KTAB's, so a KTAB XML file or an analyst's `parameters` map can name them directly.
 */

import { ModelError } from "../types.js";

export const VICTORY_PROB_MODELS = ["Linear", "Square", "Quartic", "Octic", "Binary"] as const;
export const PCE_MODELS = ["Conditional", "MarkovIncentive", "MarkovUniform"] as const;
export const STATE_TRANSITIONS = ["Deterministic", "Stochastic"] as const;
export const VOTING_RULES = ["Binary", "PropBin", "Prop", "PropCbc", "Cubic", "ASymProsp"] as const;
export const BIG_R_ADJUSTS = ["None", "OneThird", "Half", "TwoThirds", "Full"] as const;
export const BIG_R_RANGES = ["Min", "Mid", "Max"] as const;
export const THIRD_PARTY_COMMITS = ["NoCommit", "SemiCommit", "FullCommit"] as const;
export const INTER_VEC_BARGAINS = ["S1P1", "S2P2", "S2PMax"] as const;
export const BARGAIN_MODELS = ["InitOnlyInterp", "InitRcvrInterp", "PWCompInterp"] as const;

export type VictoryProbModel = (typeof VICTORY_PROB_MODELS)[number];
export type PceModel = (typeof PCE_MODELS)[number];
export type StateTransitions = (typeof STATE_TRANSITIONS)[number];
export type VotingRule = (typeof VOTING_RULES)[number];
export type BigRAdjust = (typeof BIG_R_ADJUSTS)[number];
export type BigRRange = (typeof BIG_R_RANGES)[number];
export type ThirdPartyCommit = (typeof THIRD_PARTY_COMMITS)[number];
export type InterVecBrgn = (typeof INTER_VEC_BARGAINS)[number];
export type BargnModel = (typeof BARGAIN_MODELS)[number];

export interface SmpParameters {
  readonly VictoryProbModel: VictoryProbModel;
  readonly PCEModel: PceModel;
  readonly StateTransitions: StateTransitions;
  readonly VotingRule: VotingRule;
  readonly BigRAdjust: BigRAdjust;
  readonly BigRRange: BigRRange;
  readonly ThirdPartyCommit: ThirdPartyCommit;
  readonly InterVecBrgn: InterVecBrgn;
  readonly BargnModel: BargnModel;
}

/** KTAB's defaults (★ in the spec); CSV input always runs with these. */
export const DEFAULT_SMP_PARAMETERS: SmpParameters = Object.freeze({
  VictoryProbModel: "Linear",
  PCEModel: "Conditional",
  StateTransitions: "Deterministic",
  VotingRule: "Prop",
  BigRAdjust: "OneThird",
  BigRRange: "Mid",
  ThirdPartyCommit: "SemiCommit",
  InterVecBrgn: "S2P2",
  BargnModel: "InitOnlyInterp",
});

/** Allowed values per parameter name, for validation and help texts. */
export const SMP_PARAMETER_VALUES: { readonly [K in keyof SmpParameters]: readonly SmpParameters[K][] } = {
  VictoryProbModel: VICTORY_PROB_MODELS,
  PCEModel: PCE_MODELS,
  StateTransitions: STATE_TRANSITIONS,
  VotingRule: VOTING_RULES,
  BigRAdjust: BIG_R_ADJUSTS,
  BigRRange: BIG_R_RANGES,
  ThirdPartyCommit: THIRD_PARTY_COMMITS,
  InterVecBrgn: INTER_VEC_BARGAINS,
  BargnModel: BARGAIN_MODELS,
};

/**
 * Spellings KTAB's XML schema uses for the same values (`smpSchema.xsd` says "Proportional" and "No"
 * where the spec and KTAB's log say "Prop" and "None"); both are accepted and mapped to ours.
 */
const VALUE_ALIASES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  VotingRule: { Proportional: "Prop" },
  BigRAdjust: { No: "None", NoRA: "None" },
};

const PARAMETER_NAMES = Object.keys(SMP_PARAMETER_VALUES) as (keyof SmpParameters)[];

/** True when `name` is one of the nine SMP parameter names. */
export function isSmpParameterName(name: string): name is keyof SmpParameters {
  return (PARAMETER_NAMES as string[]).includes(name);
}

/**
 * Checks one parameter value and returns it in our spelling (aliases resolved).
 * Throws a ModelError naming the allowed values, so a typo in a scenario is easy to fix.
 */
export function parseSmpParameterValue<K extends keyof SmpParameters>(name: K, value: unknown): SmpParameters[K] {
  const allowed = SMP_PARAMETER_VALUES[name] as readonly string[];
  if (typeof value === "string") {
    const trimmed = value.trim();
    const canonical = VALUE_ALIASES[name]?.[trimmed] ?? trimmed;
    if (allowed.includes(canonical)) return canonical as SmpParameters[K];
  }
  throw new ModelError(
    `SMP parameter ${name} cannot be ${JSON.stringify(value)}; allowed values: ${allowed.join(", ")}.`,
  );
}

/** Results of `resolveSmpParameters` (frozen, checked): resolving one again returns it as it is (a run resolves what its adapter resolved). */
const resolved = new WeakSet<object>();

/**
 * Merges a partial, possibly unchecked parameter map over the defaults. Unknown names and unknown values
 * are rejected with a ModelError that lists what is allowed; `undefined` entries keep the default.
 */
export function resolveSmpParameters(overrides?: Readonly<Record<string, unknown>>): SmpParameters {
  if (overrides !== undefined && resolved.has(overrides)) return overrides as unknown as SmpParameters;
  const result: Record<string, string> = { ...DEFAULT_SMP_PARAMETERS };
  for (const [name, value] of Object.entries(overrides ?? {})) {
    if (value === undefined) continue;
    if (!isSmpParameterName(name)) {
      throw new ModelError(`Unknown SMP parameter "${name}"; allowed parameters: ${PARAMETER_NAMES.join(", ")}.`);
    }
    result[name] = parseSmpParameterValue(name, value);
  }
  const parameters = Object.freeze(result) as unknown as SmpParameters;
  resolved.add(parameters);
  return parameters;
}
