/**
 * GENIUS XML: domain templates (`negotiation_template`) and profiles (`utility_space`), additive
 * and ANAC-2014 non-linear. Semantics follow GENIUS (AdditiveUtilitySpace and its evaluators):
 *
 * - u = min(1, Σ_i w_i · e_i(v_i)), weights used exactly as written; an issue without a `<weight>`
 *   has no evaluator and contributes 0.
 * - discrete: e = evaluation / (largest evaluation of the issue), or 0 when that largest is < 1e-5.
 * - integer: e = clip(slope · (v − lowerbound) + offset, 0, 1).
 * - real: linear e = clip(parameter1 · v + parameter0, 0, 1); triangular with parameter0 = lower,
 *   parameter1 = upper, parameter2 = top (0 outside (lower, upper), rising linearly to 1 at top and
 *   falling back); constant e = parameter0 (clipped to [0, 1]).
 * - `<reservation value>` is the reservation value (0 if absent); `<discount_factor>` is read and
 *   reported but not applied.
 * - non-linear: u = Σ_ufun weight · Σ (utility of each hyperRectangle the bid satisfies) / maxutility.
 *   A rectangle is satisfied when every INCLUDES range contains the issue's value and no EXCLUDES
 *   range does. The value of an issue is its number (integer/real issues, or numeric labels) or,
 *   for non-numeric labels, the 1-based position of the item.
 *
 * Real issues are discretised (GENIUS enumerates them the same way for its analyses): `realSteps`
 * values evenly spaced from lowerbound to upperbound inclusive, default 21 as in GENIUS's IssueReal.
 */
import { ImportError } from "../errors.js";
import type { IssueValue, Outcome, OutcomeSpace } from "../../outcomes/space.js";
import { additiveUtility, generalUtility, type UtilityFunction } from "../../outcomes/utility.js";
import { partyName, spaceOrImportError, type ImportedNegotiation, type ImportOptions, type SourceText } from "./types.js";
import { attribute, child, children, locate, numberAttribute, parseXml, type XmlContext, type XmlElement } from "./xml.js";

/** Default number of values of a discretised real issue (GENIUS IssueReal). */
export const DEFAULT_REAL_STEPS = 21;

/** An issue of a GENIUS domain, with the facts the evaluators need. */
export interface GeniusIssue {
  readonly index: number;
  readonly name: string;
  readonly type: "discrete" | "integer" | "real";
  readonly values: readonly IssueValue[];
  readonly lowerBound?: number;
  readonly upperBound?: number;
}

/** A parsed GENIUS domain. */
export interface GeniusDomain {
  readonly issues: readonly GeniusIssue[];
  readonly space: OutcomeSpace;
}

/** A parsed GENIUS profile. */
export interface GeniusProfile {
  readonly utility: UtilityFunction;
  readonly reservation: number;
  readonly discount: number;
}

/** Parses a GENIUS domain file (`negotiation_template`, or a bare `utility_space`). */
export function parseGeniusDomain(text: string, file: string, options: ImportOptions = {}): GeniusDomain {
  const context = { text, file };
  const root = parseXml(text, file);
  const template = child(root, "negotiation_template");
  const utilitySpace = child(template ?? root, "utility_space");
  if (utilitySpace === undefined) throw new ImportError("expected a <negotiation_template> with a <utility_space>", file, undefined, "negotiation_template");
  const issueElements = collectIssues(utilitySpace);
  if (issueElements.length === 0) throw new ImportError("the domain has no <issue> elements", file, undefined, "issue");
  const issues = issueElements.map((element) => readDomainIssue(context, element, options.realSteps ?? DEFAULT_REAL_STEPS));
  const seen = new Set<number>();
  for (const issue of issues) {
    if (seen.has(issue.index)) throw new ImportError(`issue index ${issue.index} is used twice`, file, lineOfIssue(context, issue.name), "issue@index");
    seen.add(issue.index);
  }
  return { issues, space: spaceOrImportError(issues.map((issue) => ({ name: issue.name, values: issue.values })), file, "issue") };
}

/** Issues of every (possibly nested) objective, in document order. */
function collectIssues(element: XmlElement): XmlElement[] {
  return [...children(element, "issue"), ...children(element, "objective").flatMap(collectIssues)];
}

/** Weights of every (possibly nested) objective, by issue index. */
function collectWeights(context: XmlContext, element: XmlElement, weights = new Map<number, number>()): Map<number, number> {
  for (const weight of children(element, "weight")) {
    weights.set(numberAttribute(context, weight, "index", "<weight>"), numberAttribute(context, weight, "value", "<weight>"));
  }
  for (const objective of children(element, "objective")) collectWeights(context, objective, weights);
  return weights;
}

function lineOfIssue(context: XmlContext, name: string): number | undefined {
  return locate(context, { "@_name": name });
}

function issueType(context: XmlContext, element: XmlElement, where: string): GeniusIssue["type"] {
  const type = (attribute(element, "type") ?? attribute(element, "etype") ?? attribute(element, "vtype"))?.toLowerCase();
  if (type === "discrete" || type === "integer" || type === "real") return type;
  throw new ImportError(`${where}: expected type "discrete", "integer" or "real", got "${String(type)}"`, context.file, locate(context, element), "issue@type");
}

function readDomainIssue(context: XmlContext, element: XmlElement, realSteps: number): GeniusIssue {
  const name = attribute(element, "name");
  if (name === undefined) throw new ImportError("an <issue> has no name attribute", context.file, undefined, "issue@name");
  const where = `issue "${name}"`;
  const index = numberAttribute(context, element, "index", where);
  const type = issueType(context, element, where);
  if (type === "discrete") {
    const values = children(element, "item").map((item) => {
      const value = attribute(item, "value");
      if (value === undefined) throw new ImportError(`${where}: an <item> has no value attribute`, context.file, locate(context, element), "item@value");
      return value;
    });
    return { index, name, type, values };
  }
  const bounds = type === "integer" ? element : (child(element, "range") ?? element);
  const lowerBound = numberAttribute(context, bounds, "lowerbound", where);
  const upperBound = numberAttribute(context, bounds, "upperbound", where);
  if (upperBound < lowerBound) throw new ImportError(`${where}: upperbound ${upperBound} is below lowerbound ${lowerBound}`, context.file, locate(context, element), "upperbound");
  if (type === "integer") {
    if (!Number.isInteger(lowerBound) || !Number.isInteger(upperBound)) {
      throw new ImportError(`${where}: integer bounds expected`, context.file, locate(context, element), "lowerbound");
    }
    return { index, name, type, values: Array.from({ length: upperBound - lowerBound + 1 }, (_, i) => lowerBound + i), lowerBound, upperBound };
  }
  return { index, name, type, values: discretiseReal(lowerBound, upperBound, realSteps), lowerBound, upperBound };
}

/** `steps` values evenly spaced from `lower` to `upper`, both included (one value when they are equal). */
export function discretiseReal(lower: number, upper: number, steps: number): number[] {
  if (!Number.isInteger(steps) || steps < 2) throw new RangeError(`realSteps must be an integer ≥ 2, got ${steps}`);
  if (lower === upper) return [lower];
  return Array.from({ length: steps }, (_, i) => (i === steps - 1 ? upper : Number((lower + ((upper - lower) * i) / (steps - 1)).toPrecision(15))));
}

/** Parses a GENIUS profile (additive or non-linear) against its domain. */
export function parseGeniusProfile(text: string, file: string, domain: GeniusDomain): GeniusProfile {
  const context = { text, file };
  const root = parseXml(text, file);
  const utilitySpace = child(root, "utility_space");
  if (utilitySpace === undefined) throw new ImportError("expected a <utility_space> root element", file, undefined, "utility_space");
  const reservationElement = child(utilitySpace, "reservation");
  const reservation = reservationElement === undefined ? 0 : numberAttribute(context, reservationElement, "value", "<reservation>");
  const discountElement = child(utilitySpace, "discount_factor");
  const rawDiscount = discountElement === undefined ? 1 : numberAttribute(context, discountElement, "value", "<discount_factor>");
  const discount = rawDiscount > 0 && rawDiscount <= 1 ? rawDiscount : 1;
  const utility = attribute(utilitySpace, "type")?.toLowerCase() === "nonlinear"
    ? nonlinearUtility(context, utilitySpace, domain, reservation)
    : additiveProfile(context, utilitySpace, domain, reservation);
  return { utility, reservation, discount };
}

function additiveProfile(context: XmlContext, utilitySpace: XmlElement, domain: GeniusDomain, reservation: number): UtilityFunction {
  const weights = collectWeights(context, utilitySpace);
  const profileIssues = new Map(collectIssues(utilitySpace).map((element) => [numberAttribute(context, element, "index", "<issue>"), element]));
  const tables = domain.issues.map((issue) => {
    const weight = weights.get(issue.index);
    const element = profileIssues.get(issue.index);
    if (weight === undefined) return { weight: 0, values: issue.values.map(() => 0) };
    if (element === undefined) {
      throw new ImportError(`a weight is given for issue ${issue.index} ("${issue.name}") but the profile has no such <issue>`, context.file, undefined, "issue");
    }
    const name = attribute(element, "name");
    if (name !== undefined && name !== issue.name) {
      throw new ImportError(`issue ${issue.index} is "${name}" in the profile but "${issue.name}" in the domain`, context.file, locate(context, element), "issue@name");
    }
    return { weight, values: evaluations(context, element, issue) };
  });
  return additiveUtility(domain.space, { weights: tables.map((t) => t.weight), values: tables.map((t) => t.values), cap: 1, reservation });
}

/** The evaluation e(v) ∈ [0, 1] of every value of a domain issue. */
function evaluations(context: XmlContext, element: XmlElement, issue: GeniusIssue): number[] {
  const where = `issue "${issue.name}"`;
  if (issue.type === "discrete") return discreteEvaluations(context, element, issue, where);
  const evaluator = child(element, "evaluator");
  if (evaluator === undefined) throw new ImportError(`${where}: expected an <evaluator>`, context.file, locate(context, element), "evaluator");
  const ftype = attribute(evaluator, "ftype")?.toLowerCase();
  const clip = (value: number): number => Math.min(1, Math.max(0, value));
  const numeric = issue.values as readonly number[];
  if (issue.type === "integer") {
    if (ftype !== undefined && ftype !== "linear") throw new ImportError(`${where}: integer evaluators must be linear, got "${ftype}"`, context.file, locate(context, element), "evaluator@ftype");
    const slope = numberAttribute(context, evaluator, "slope", `${where} <evaluator>`);
    const offset = numberAttribute(context, evaluator, "offset", `${where} <evaluator>`);
    const lower = attribute(element, "lowerbound") === undefined ? issue.lowerBound! : numberAttribute(context, element, "lowerbound", where);
    return numeric.map((v) => clip(slope * (v - lower) + offset));
  }
  const parameter = (i: number): number => numberAttribute(context, evaluator, `parameter${i}`, `${where} <evaluator ftype="${String(ftype)}">`);
  if (ftype === "linear") return numeric.map((v) => clip(parameter(1) * v + parameter(0)));
  if (ftype === "constant") return numeric.map(() => clip(parameter(0)));
  if (ftype === "triangular") return numeric.map((v) => clip(triangular(v, parameter(0), parameter(1), parameter(2))));
  throw new ImportError(`${where}: expected ftype "linear", "triangular" or "constant", got "${String(ftype)}"`, context.file, locate(context, element), "evaluator@ftype");
}

/** Triangle rising from 0 at `lower` to 1 at `top`, falling back to 0 at `upper`. */
function triangular(v: number, lower: number, upper: number, top: number): number {
  if (v < lower || v > upper) return 0;
  if (v < top) return top > lower ? (v - lower) / (top - lower) : 1;
  return upper > top ? (upper - v) / (upper - top) : 1;
}

function discreteEvaluations(context: XmlContext, element: XmlElement, issue: GeniusIssue, where: string): number[] {
  const byValue = new Map<string, number>();
  for (const item of children(element, "item")) {
    const value = attribute(item, "value");
    if (value === undefined) throw new ImportError(`${where}: an <item> has no value attribute`, context.file, locate(context, element), "item@value");
    const evaluation = numberAttribute(context, item, "evaluation", `${where}, item "${value}"`);
    if (evaluation < 0) throw new ImportError(`${where}, item "${value}": evaluations must be ≥ 0, got ${evaluation}`, context.file, locate(context, element), "item@evaluation");
    byValue.set(value, evaluation);
  }
  const raw = issue.values.map((value) => {
    const evaluation = byValue.get(String(value));
    if (evaluation === undefined) throw new ImportError(`${where}: the profile gives no evaluation for value "${String(value)}"`, context.file, locate(context, element), "item@evaluation");
    return evaluation;
  });
  const largest = Math.max(...raw);
  return raw.map((evaluation) => (largest < 1e-5 ? 0 : evaluation / largest));
}

/** One hyperRectangle: its utility and per-issue inclusion / exclusion ranges. */
interface Rectangle {
  readonly utility: number;
  readonly ranges: readonly { readonly issue: number; readonly min: number; readonly max: number; readonly include: boolean }[];
}

function nonlinearUtility(context: XmlContext, utilitySpace: XmlElement, domain: GeniusDomain, reservation: number): UtilityFunction {
  const utility = child(utilitySpace, "utility");
  if (utility === undefined) throw new ImportError("a non-linear profile needs a <utility> element", context.file, undefined, "utility");
  const maxUtility = numberAttribute(context, utility, "maxutility", "<utility>");
  if (!(maxUtility > 0)) throw new ImportError(`<utility>: maxutility must be positive, got ${maxUtility}`, context.file, undefined, "utility@maxutility");
  const positionOf = new Map(domain.issues.map((issue, position) => [issue.index, position]));
  const rectangles: Rectangle[] = children(utility, "ufun").flatMap((ufun) => {
    const weight = numberAttribute(context, ufun, "weight", "<ufun>", 1);
    return children(ufun, "hyperRectangle").map((rectangle): Rectangle => ({
      utility: weight * numberAttribute(context, rectangle, "utility", "<hyperRectangle>"),
      ranges: (["INCLUDES", "EXCLUDES"] as const).flatMap((kind) =>
        children(rectangle, kind).map((range) => {
          const index = numberAttribute(context, range, "index", `<${kind}>`);
          const issue = positionOf.get(index);
          if (issue === undefined) throw new ImportError(`<${kind}> refers to issue ${index}, which the domain does not have`, context.file, undefined, `${kind}@index`);
          return { issue, min: numberAttribute(context, range, "min", `<${kind}>`), max: numberAttribute(context, range, "max", `<${kind}>`), include: kind === "INCLUDES" };
        }),
      ),
    }));
  });
  const numericValues = domain.issues.map((issue) => issue.values.map((value, i) => (typeof value === "number" ? value : Number.isFinite(Number(value)) ? Number(value) : i + 1)));
  const evaluate = (outcome: Outcome): number => {
    let total = 0;
    for (const rectangle of rectangles) {
      const satisfied = rectangle.ranges.every((range) => {
        const value = numericValues[range.issue]![outcome[range.issue]!]!;
        return (value >= range.min && value <= range.max) === range.include;
      });
      if (satisfied) total += rectangle.utility;
    }
    return total / maxUtility;
  };
  return generalUtility(evaluate, reservation);
}

/** Imports a GENIUS domain and its profiles (one party per profile, in the given order). */
export function importGeniusXml(domainSource: SourceText, profileSources: readonly SourceText[], options: ImportOptions = {}): ImportedNegotiation {
  const domain = parseGeniusDomain(domainSource.text, domainSource.file, options);
  const profiles = profileSources.map((source) => parseGeniusProfile(source.text, source.file, domain));
  return {
    space: domain.space,
    parties: profileSources.map(partyName),
    utilities: profiles.map((profile) => profile.utility),
    discounts: profiles.map((profile) => profile.discount),
  };
}
