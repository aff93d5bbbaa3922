/**
 * GeniusWeb JSON: domains (`issuesValues`) and `LinearAdditiveUtilitySpace` profiles.
 *
 * - Discrete issues: `{"values": [...]}`. Number issues: `{"range": {"low", "high", "step"}}`,
 *   enumerated as low, low + step, … up to high (the step makes them finite; values are rounded to
 *   the decimals of low and step so that 0.1 + 0.2 prints as 0.3).
 * - Value utilities: `discreteutils` / `DiscreteValueSetUtilities` `{valueUtilities: {value: u}}`
 *   (a value not listed gets 0), or `numberutils` / `NumberValueSetUtilities`
 *   `{lowValue, lowUtility, highValue, highUtility}`: linear interpolation inside [lowValue,
 *   highValue], 0 outside, rounded half-up to 8 decimals.
 * - u = Σ w_i · u_i(v_i): no cap and no renormalisation; weights must sum to 1 (checked within
 *   10⁻⁶) and value utilities must lie in [0, 1].
 * - reservation value = u(reservationBid); issues missing from that bid contribute 0; 0 when absent.
 */
import { ImportError } from "../errors.js";
import type { IssueValue, OutcomeSpace } from "../../outcomes/space.js";
import { additiveUtility, evaluateUtility, type AdditiveUtility } from "../../outcomes/utility.js";
import { expectNumber, expectObject, isObject, parseJson, type JsonObject } from "./json.js";
import { partyName, spaceOrImportError, type ImportedNegotiation, type SourceText } from "./types.js";

/** A parsed GeniusWeb profile: its utility over the profile's own domain. */
export interface GeniusWebProfile {
  readonly name: string | undefined;
  readonly space: OutcomeSpace;
  readonly utility: AdditiveUtility;
}

/** Parses a GeniusWeb domain (`{"name", "issuesValues"}`). */
export function parseGeniusWebDomain(text: string, file: string): OutcomeSpace {
  return domainFromJson(expectObject(parseJson(text, file), file, "domain"), file, "domain");
}

function domainFromJson(domain: JsonObject, file: string, field: string): OutcomeSpace {
  const issuesValues = expectObject(domain["issuesValues"], file, `${field}.issuesValues`);
  const issues = Object.entries(issuesValues).map(([name, valueSet]) => ({ name, values: valueSetValues(valueSet, file, `${field}.issuesValues.${name}`) }));
  if (issues.length === 0) throw new ImportError("the domain has no issues", file, undefined, `${field}.issuesValues`);
  return spaceOrImportError(issues, file, `${field}.issuesValues`);
}

function valueSetValues(valueSet: unknown, file: string, field: string): IssueValue[] {
  const set = expectObject(valueSet, file, field);
  const values = set["values"];
  if (Array.isArray(values)) {
    if (values.length === 0) throw new ImportError("expected at least one value", file, undefined, `${field}.values`);
    return values.map((value, i) => {
      if (typeof value !== "string" && typeof value !== "number") throw new ImportError("values should be strings or numbers", file, undefined, `${field}.values[${i}]`);
      return value;
    });
  }
  if (isObject(set["range"])) {
    const range = set["range"];
    const low = expectNumber(range["low"], file, `${field}.range.low`);
    const high = expectNumber(range["high"], file, `${field}.range.high`);
    const step = expectNumber(range["step"], file, `${field}.range.step`);
    if (!(step > 0) || high < low) throw new ImportError("a range needs low ≤ high and a positive step", file, undefined, `${field}.range`);
    const decimals = Math.max(decimalsOf(low), decimalsOf(step));
    const count = Math.floor((high - low) / step + 1e-9) + 1;
    return Array.from({ length: count }, (_, i) => Number((low + i * step).toFixed(decimals)));
  }
  throw new ImportError(`expected "values" (a list) or "range" ({low, high, step})`, file, undefined, field);
}

function decimalsOf(value: number): number {
  const text = String(value);
  const exponent = /e-(\d+)$/.exec(text);
  if (exponent !== null) return Number(exponent[1]);
  return text.includes(".") ? text.length - text.indexOf(".") - 1 : 0;
}

/** Rounds half-up (away from zero) to `decimals` decimals, on the decimal value the number prints as. */
export function roundHalfUp(value: number, decimals: number): number {
  const scale = Number(`1e${decimals}`); // exact, where 10 ** decimals is left to the engine
  const scaled = Number((Math.abs(value) * scale).toPrecision(15));
  return (Math.sign(value) * Math.round(scaled)) / scale;
}

/** Parses a GeniusWeb LinearAdditiveUtilitySpace profile over its embedded domain. */
export function parseGeniusWebProfile(text: string, file: string): GeniusWebProfile {
  const root = expectObject(parseJson(text, file), file, "profile");
  const body = expectObject(root["LinearAdditiveUtilitySpace"], file, "LinearAdditiveUtilitySpace");
  const space = domainFromJson(expectObject(body["domain"], file, "LinearAdditiveUtilitySpace.domain"), file, "LinearAdditiveUtilitySpace.domain");
  const weightsJson = expectObject(body["issueWeights"], file, "LinearAdditiveUtilitySpace.issueWeights");
  const utilitiesJson = expectObject(body["issueUtilities"], file, "LinearAdditiveUtilitySpace.issueUtilities");
  const weights = space.issues.map((issue) => expectNumber(weightsJson[issue.name], file, `issueWeights.${issue.name}`));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  if (Math.abs(total - 1) > 1e-6) throw new ImportError(`the issue weights must sum to 1, they sum to ${total}`, file, undefined, "issueWeights");
  const values = space.issues.map((issue) => issueValueUtilities(utilitiesJson[issue.name], issue.values, file, `issueUtilities.${issue.name}`));
  const unit = additiveUtility(space, { weights, values });
  const reservation = reservationOf(body["reservationBid"], space, unit, file);
  const name = typeof body["name"] === "string" ? body["name"] : undefined;
  return { name, space, utility: { ...unit, reservation } };
}

function issueValueUtilities(json: unknown, values: readonly IssueValue[], file: string, field: string): number[] {
  const wrapper = expectObject(json, file, field);
  const discrete = wrapper["discreteutils"] ?? wrapper["DiscreteValueSetUtilities"];
  const numeric = wrapper["numberutils"] ?? wrapper["NumberValueSetUtilities"];
  let utilities: number[];
  if (discrete !== undefined) {
    const table = expectObject(expectObject(discrete, file, `${field}.discreteutils`)["valueUtilities"], file, `${field}.discreteutils.valueUtilities`);
    utilities = values.map((value) => (table[String(value)] === undefined ? 0 : expectNumber(table[String(value)], file, `${field}.valueUtilities.${String(value)}`)));
  } else if (numeric !== undefined) {
    const spec = expectObject(numeric, file, `${field}.numberutils`);
    const get = (key: string): number => expectNumber(spec[key], file, `${field}.numberutils.${key}`);
    const [lowValue, lowUtility, highValue, highUtility] = [get("lowValue"), get("lowUtility"), get("highValue"), get("highUtility")];
    utilities = values.map((value) => {
      const v = Number(value);
      if (!(v >= lowValue && v <= highValue)) return 0;
      const fraction = highValue === lowValue ? 0 : (v - lowValue) / (highValue - lowValue);
      return roundHalfUp(lowUtility + fraction * (highUtility - lowUtility), 8);
    });
  } else {
    throw new ImportError(`expected "discreteutils" or "numberutils"`, file, undefined, field);
  }
  utilities.forEach((u, i) => {
    if (u < 0 || u > 1) throw new ImportError(`value utilities must lie in [0, 1], got ${u}`, file, undefined, `${field}.${String(values[i])}`);
  });
  return utilities;
}

function reservationOf(json: unknown, space: OutcomeSpace, utility: AdditiveUtility, file: string): number {
  if (json === undefined || json === null) return 0;
  const bid = expectObject(expectObject(json, file, "reservationBid")["issuevalues"], file, "reservationBid.issuevalues");
  // A missing issue contributes 0: evaluate with a zero-utility sentinel value index.
  const sentinel = space.issues.map((issue) => issue.values.length);
  const padded = { ...utility, values: utility.values.map((table) => [...table, 0]) };
  const outcome = space.issues.map((issue, i) => {
    const wanted = bid[issue.name];
    if (wanted === undefined) return sentinel[i]!;
    const index = issue.values.findIndex((value) => String(value) === String(wanted));
    if (index < 0) throw new ImportError(`"${String(wanted)}" is not a value of issue "${issue.name}"`, file, undefined, `reservationBid.issuevalues.${issue.name}`);
    return index;
  });
  return evaluateUtility(padded, outcome);
}

/** Imports GeniusWeb profiles, over `domain` when given, else over the first profile's embedded domain. */
export function importGeniusWeb(profileSources: readonly SourceText[], domainSource?: SourceText): ImportedNegotiation {
  const profiles = profileSources.map((source) => parseGeniusWebProfile(source.text, source.file));
  const first = profiles[0];
  if (first === undefined) throw new ImportError("at least one profile is needed", domainSource?.file ?? "(none)");
  const space = domainSource === undefined ? first.space : parseGeniusWebDomain(domainSource.text, domainSource.file);
  const utilities = profiles.map((profile, p) => alignToSpace(profile, space, profileSources[p]!.file));
  return { space, parties: profileSources.map(partyName), utilities, discounts: profiles.map(() => 1) };
}

/** Re-indexes a profile's value tables to another (equal) domain, checking it matches. */
function alignToSpace(profile: GeniusWebProfile, space: OutcomeSpace, file: string): AdditiveUtility {
  const values = space.issues.map((issue) => {
    const own = profile.space.issues.findIndex((candidate) => candidate.name === issue.name);
    if (own < 0) throw new ImportError(`the profile's domain has no issue "${issue.name}"`, file, undefined, `issueUtilities.${issue.name}`);
    const ownIssue = profile.space.issues[own]!;
    return issue.values.map((value) => {
      const at = ownIssue.values.findIndex((candidate) => String(candidate) === String(value));
      if (at < 0) throw new ImportError(`the profile's domain has no value "${String(value)}" for issue "${issue.name}"`, file, undefined, `domain.issuesValues.${issue.name}`);
      return profile.utility.values[own]![at]!;
    });
  });
  const weights = space.issues.map((issue) => profile.utility.weights[profile.space.issues.findIndex((candidate) => candidate.name === issue.name)]!);
  if (profile.space.issues.length !== space.issues.length) throw new ImportError("the profile's domain has different issues", file, undefined, "domain");
  return additiveUtility(space, { weights, values, reservation: profile.utility.reservation });
}
