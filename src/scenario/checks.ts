/**
 * The checks of a scenario that need the whole of it (references between sections, values on their
 * scales, quotes in their sources) and what follows them: every problem at once, located where the data
 * came from a text. Apart from the format's schema (`validate-data.ts`, zod), so that a scenario whose
 * shape is known already (`imported.ts`) is checked without loading or running the schema library.
 * Pure: source texts come through a callback.
 */
import type { Diagnostic, FieldPath } from "./diagnostics.js";
import type { LocatedDocument } from "./located.js";
import { normalizeScenario } from "./normalize.js";
import type { ScenarioInput } from "./schema.js";
import type { Scenario } from "./types.js";
import { SCHEMA_VERSION } from "./version.js";
import { describe, suggestion } from "./zod-diagnostics.js";
import { parseRule } from "../rules/index.js";
import { ruleSchemaOf } from "./rule-schema.js";
import { ruleDependencies } from "../agreement/dependencies.js";
import { unmeetableRedLines } from "../agreement/satisfiable.js";

export interface ValidateOptions {
  /** Name used in diagnostics. */
  readonly file?: string;
  /**
   * Reads a source's file (path as written in the scenario, relative to it). Returns undefined
   * when the file is not available; quotes are then not checked and a warning says so.
   */
  readonly readSource?: (relativePath: string) => string | undefined;
}

export type ValidationResult =
  | { readonly ok: true; readonly scenario: Scenario; readonly warnings: readonly Diagnostic[] }
  | { readonly ok: false; readonly errors: readonly Diagnostic[]; readonly warnings: readonly Diagnostic[] };

/** The shape check of a document's data: whether it has the format's shape, its problems, and the data as checked (what is normalised). */
export type ShapeCheck = (data: Record<string, unknown>, doc: LocatedDocument) => { readonly ok: true; readonly data: unknown } | { readonly ok: false; readonly errors: readonly Diagnostic[] };

/** Validates a parsed document (its syntax errors already reported), its shape checked by `checkShape`. */
export function validateDocumentWith(doc: LocatedDocument, options: ValidateOptions, checkShape: ShapeCheck): ValidationResult {
  const errors: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  const data = doc.value;

  if (!isRecord(data)) {
    return { ok: false, errors: [doc.diagnostic([], "expected a scenario: a mapping with parley, id, title, actors, issues, stances")], warnings };
  }
  const version = data["parley"];
  if (typeof version === "number" && version > SCHEMA_VERSION) {
    return {
      ok: false,
      errors: [doc.diagnostic(["parley"], `this file uses format version ${version}; this Parley reads up to version ${SCHEMA_VERSION} — please upgrade Parley`)],
      warnings,
    };
  }

  const shape = checkShape(data, doc);
  if (!shape.ok) errors.push(...shape.errors);
  errors.push(...checkReferences(data, doc));
  errors.push(...checkDealsAndPreferences(data, doc));
  errors.push(...checkRules(data, doc));
  errors.push(...checkAgreementKeys(data, doc, warnings));
  errors.push(...checkEvidence(data, doc, options, warnings));
  errors.push(...checkDistributions(data, doc));
  warnings.push(...checkCoverage(data, doc));

  if (errors.length > 0 || !shape.ok) return { ok: false, errors: sortByPlace(dedupe(errors)), warnings };
  const scenario = normalizeScenario(shape.data as ScenarioInput);
  for (const { actor, line, why } of unmeetableRedLines(scenario)) {
    const index = scenario.actors.findIndex((a) => a.id === actor);
    warnings.push(doc.diagnostic(["actors", index, "redLines", line, "rule"], `no outcome can meet this red line (${why}); ${actor} would accept no deal`));
  }
  return { ok: true, scenario, warnings };
}

// --- checks across sections -------------------------------------------------------------------

type Record_ = Record<string, unknown>;

function isRecord(value: unknown): value is Record_ {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
function idOf(value: unknown): string | undefined {
  return isRecord(value) && typeof value["id"] === "string" ? value["id"] : undefined;
}
/** A bare number or `{value: number}`. */
function numberOf(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (isRecord(value) && typeof value["value"] === "number") return value["value"];
  return undefined;
}
function rangeOf(value: unknown): readonly unknown[] | undefined {
  return isRecord(value) && Array.isArray(value["range"]) ? value["range"] : undefined;
}

interface IssueFacts {
  readonly id: string;
  readonly min?: number;
  readonly max?: number;
  readonly options?: readonly string[];
}

function duplicateIds(list: unknown[], path: FieldPath, what: string, doc: LocatedDocument): Diagnostic[] {
  const seen = new Map<string, number>();
  const out: Diagnostic[] = [];
  list.forEach((item, index) => {
    const id = idOf(item);
    if (id === undefined) return;
    const first = seen.get(id);
    if (first !== undefined) {
      const { line } = doc.locate([...path, first]);
      out.push(doc.diagnostic([...path, index, "id"], `duplicate ${what} id "${id}" (first defined at line ${line}); expected ids to be unique`));
    } else seen.set(id, index);
  });
  return out;
}

function issueFacts(issue: unknown): IssueFacts | undefined {
  const id = idOf(issue);
  if (id === undefined || !isRecord(issue)) return undefined;
  const scale = issue["scale"];
  if (isRecord(scale)) {
    const min = typeof scale["min"] === "number" ? scale["min"] : undefined;
    const max = typeof scale["max"] === "number" ? scale["max"] : undefined;
    return { id, ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
  }
  const options = asList(issue["options"]).map(idOf).filter((o): o is string => o !== undefined);
  return { id, options };
}

/** Checks a value on an issue: within the scale, or a known option id. */
function checkIssueValue(value: unknown, issue: IssueFacts, path: FieldPath, doc: LocatedDocument, what: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (issue.options !== undefined) {
    const written = isRecord(value) ? value["value"] : value;
    const option = typeof written === "string" ? written : undefined;
    if (option === undefined) {
      if (value !== undefined) out.push(doc.diagnostic(path, `${what} on option issue "${issue.id}" must be an option id: ${issue.options.join(", ")}; got ${describe(value)}`));
    } else if (!issue.options.includes(option)) {
      out.push(doc.diagnostic(path, `unknown option "${option}" of issue "${issue.id}"${suggestion(option, issue.options)}; expected one of: ${issue.options.join(", ")}`));
    }
    return out;
  }
  if (typeof value === "string" || (isRecord(value) && typeof value["value"] === "string")) {
    out.push(doc.diagnostic(path, `${what} on numeric issue "${issue.id}" must be a number on its scale${scaleText(issue)}; got ${describe(value)}`));
    return out;
  }
  const number = numberOf(value);
  const numberPath = typeof value === "number" ? path : [...path, "value"];
  if (number !== undefined && Number.isFinite(number) && issue.min !== undefined && issue.max !== undefined) {
    if (number < issue.min || number > issue.max) out.push(doc.diagnostic(numberPath, `${what} ${number} is off the scale of "${issue.id}"; expected a number${scaleText(issue)}`));
  }
  out.push(...checkRange(value, number, path, doc, issue.min, issue.max));
  return out;
}

function scaleText(issue: IssueFacts): string {
  return issue.min !== undefined && issue.max !== undefined ? ` from ${issue.min} to ${issue.max}` : "";
}

/** An uncertainty range must be ordered, contain the value and stay within bounds. */
function checkRange(value: unknown, number: number | undefined, path: FieldPath, doc: LocatedDocument, min?: number, max?: number): Diagnostic[] {
  const range = rangeOf(value);
  if (range === undefined || range.length !== 2) return [];
  const [low, high] = range;
  if (typeof low !== "number" || typeof high !== "number") return [];
  const at = [...path, "range"];
  if (low > high) return [doc.diagnostic(at, `range [${low}, ${high}] is reversed; expected [low, high]`)];
  if (number !== undefined && (number < low || number > high)) return [doc.diagnostic(at, `range [${low}, ${high}] does not contain the value ${number}`)];
  if (min !== undefined && max !== undefined && (low < min || high > max)) return [doc.diagnostic(at, `range [${low}, ${high}] leaves the scale; expected values from ${min} to ${max}`)];
  return [];
}

function checkReferences(data: Record_, doc: LocatedDocument): Diagnostic[] {
  const out: Diagnostic[] = [];
  const actors = asList(data["actors"]);
  const issues = asList(data["issues"]);
  const sources = asList(data["sources"]);
  out.push(...duplicateIds(actors, ["actors"], "actor", doc));
  out.push(...duplicateIds(issues, ["issues"], "issue", doc));
  out.push(...duplicateIds(sources, ["sources"], "source", doc));

  const actorIds = actors.map(idOf).filter((id): id is string => id !== undefined);
  const facts = new Map<string, IssueFacts>();
  for (const issue of issues) {
    const f = issueFacts(issue);
    if (f && !facts.has(f.id)) facts.set(f.id, f);
  }
  const issueIds = [...facts.keys()];

  issues.forEach((issue, index) => {
    if (!isRecord(issue)) return;
    const f = issueFacts(issue);
    const scale = issue["scale"];
    if (isRecord(scale) && typeof scale["min"] === "number" && typeof scale["max"] === "number") {
      const { min, max } = scale as { min: number; max: number };
      if (!(min < max)) out.push(doc.diagnostic(["issues", index, "scale", "max"], `scale max ${max} must be greater than min ${min}`));
      else if (isRecord(scale["anchors"])) {
        for (const key of Object.keys(scale["anchors"])) {
          const at = Number(key);
          if (Number.isFinite(at) && (at < min || at > max)) out.push(doc.diagnostic(["issues", index, "scale", "anchors", key], `anchor ${key} is off the scale; expected a point from ${min} to ${max}`, true));
        }
      }
    }
    const options = asList(issue["options"]);
    out.push(...duplicateIds(options, ["issues", index, "options"], "option", doc));
    const placed = options.filter((o) => isRecord(o) && o["place"] !== undefined).length;
    if (placed > 0 && placed < options.length) out.push(doc.diagnostic(["issues", index, "options"], "either every option or none has a `place`; expected places for all options"));
    for (const field of ["reference", "outcome"] as const) {
      if (f && issue[field] !== undefined) out.push(...checkIssueValue(issue[field], f, ["issues", index, field], doc, field));
    }
  });

  actors.forEach((actor, index) => {
    if (!isRecord(actor)) return;
    const capability = numberOf(actor["capability"]);
    const capabilityPath: FieldPath = typeof actor["capability"] === "number" ? ["actors", index, "capability"] : ["actors", index, "capability", "value"];
    if (capability !== undefined && !(capability > 0)) out.push(doc.diagnostic(capabilityPath, `capability must be greater than 0, got ${capability}`));
    out.push(...checkRange(actor["capability"], capability, ["actors", index, "capability"], doc));
    const byIssue = actor["capabilityByIssue"];
    if (isRecord(byIssue)) {
      for (const [issueId, value] of Object.entries(byIssue)) {
        const at: FieldPath = ["actors", index, "capabilityByIssue", issueId];
        if (!facts.has(issueId)) out.push(doc.diagnostic(at, `unknown issue "${issueId}"${suggestion(issueId, issueIds)}; expected one of: ${issueIds.join(", ")}`, true));
        const n = numberOf(value);
        if (n !== undefined && !(n > 0)) out.push(doc.diagnostic(at, `capability must be greater than 0, got ${n}`));
      }
    }
  });

  const stances = data["stances"];
  if (isRecord(stances)) {
    for (const [actorId, byIssue] of Object.entries(stances)) {
      if (!actorIds.includes(actorId)) out.push(doc.diagnostic(["stances", actorId], `unknown actor "${actorId}"${suggestion(actorId, actorIds)}; expected one of: ${actorIds.join(", ")}`, true));
      if (!isRecord(byIssue)) continue;
      for (const [issueId, stance] of Object.entries(byIssue)) {
        const at: FieldPath = ["stances", actorId, issueId];
        const f = facts.get(issueId);
        if (!f) {
          out.push(doc.diagnostic(at, `unknown issue "${issueId}"${suggestion(issueId, issueIds)}; expected one of: ${issueIds.join(", ")}`, true));
          continue;
        }
        if (!isRecord(stance)) continue;
        out.push(...checkIssueValue(stance["position"], f, [...at, "position"], doc, "position"));
        const salience = numberOf(stance["salience"]);
        const saliencePath: FieldPath = typeof stance["salience"] === "number" ? [...at, "salience"] : [...at, "salience", "value"];
        if (salience !== undefined && Number.isFinite(salience) && (salience < 0 || salience > 100)) out.push(doc.diagnostic(saliencePath, `salience ${salience} is out of range; expected a number from 0 to 100`));
        out.push(...checkRange(stance["salience"], salience, [...at, "salience"], doc, 0, 100));
      }
    }
  }
  return out;
}

// --- deals, preferences and rules ------------------------------------------------------------

function issueFactsOf(data: Record_): Map<string, IssueFacts> {
  const facts = new Map<string, IssueFacts>();
  for (const issue of asList(data["issues"])) {
    const f = issueFacts(issue);
    if (f && !facts.has(f.id)) facts.set(f.id, f);
  }
  return facts;
}

function unknownIssue(id: string, facts: Map<string, IssueFacts>): string {
  const known = [...facts.keys()];
  return `unknown issue "${id}"${suggestion(id, known)}; expected one of: ${known.join(", ")}`;
}

function checkUnitInterval(value: unknown, path: FieldPath, doc: LocatedDocument, what: string): Diagnostic[] {
  const n = numberOf(value);
  if (n === undefined || !Number.isFinite(n) || (n >= 0 && n <= 1)) return [];
  return [doc.diagnostic(typeof value === "number" ? path : [...path, "value"], `${what} ${n} is out of range; expected a utility from 0 to 1`)];
}

function checkDealsAndPreferences(data: Record_, doc: LocatedDocument): Diagnostic[] {
  const out: Diagnostic[] = [];
  const facts = issueFactsOf(data);
  const actors = asList(data["actors"]);
  const actorIds = actors.map(idOf).filter((id): id is string => id !== undefined);
  actors.forEach((actor, index) => {
    if (isRecord(actor)) out.push(...checkUnitInterval(actor["reservation"], ["actors", index, "reservation"], doc, "reservation"));
  });

  const deals = asList(data["deals"]);
  out.push(...duplicateIds(deals, ["deals"], "deal", doc));
  deals.forEach((deal, index) => {
    if (!isRecord(deal) || !isRecord(deal["values"])) return;
    for (const [issueId, value] of Object.entries(deal["values"])) {
      const at: FieldPath = ["deals", index, "values", issueId];
      const f = facts.get(issueId);
      if (!f) out.push(doc.diagnostic(at, unknownIssue(issueId, facts), true));
      else out.push(...checkIssueValue(value, f, at, doc, "value"));
    }
  });

  const simulation = data["simulation"];
  if (isRecord(simulation)) {
    if (isRecord(simulation["strategies"])) {
      for (const actorId of Object.keys(simulation["strategies"])) {
        if (!actorIds.includes(actorId)) out.push(doc.diagnostic(["simulation", "strategies", actorId], `unknown actor "${actorId}"${suggestion(actorId, actorIds)}; expected one of: ${actorIds.join(", ")}`, true));
      }
    }
    asList(simulation["order"]).forEach((actorId, index) => {
      if (typeof actorId === "string" && !actorIds.includes(actorId)) out.push(doc.diagnostic(["simulation", "order", index], `unknown actor "${actorId}"${suggestion(actorId, actorIds)}; expected one of: ${actorIds.join(", ")}`, true));
    });
  }

  const preferences = data["preferences"];
  if (isRecord(preferences)) {
    for (const [actorId, preference] of Object.entries(preferences)) {
      const at: FieldPath = ["preferences", actorId];
      if (!actorIds.includes(actorId)) out.push(doc.diagnostic(at, `unknown actor "${actorId}"${suggestion(actorId, actorIds)}; expected one of: ${actorIds.join(", ")}`, true));
      if (!isRecord(preference)) continue;
      const weights = preference["weights"];
      if (isRecord(weights)) {
        for (const [issueId, w] of Object.entries(weights)) {
          if (!facts.has(issueId)) out.push(doc.diagnostic([...at, "weights", issueId], unknownIssue(issueId, facts), true));
          else if (typeof w === "number" && w < 0) out.push(doc.diagnostic([...at, "weights", issueId], `weight ${w} is negative; expected a number ≥ 0`));
        }
      }
      const values = preference["values"];
      if (!isRecord(values)) continue;
      for (const [issueId, table] of Object.entries(values)) {
        const f = facts.get(issueId);
        const tableAt: FieldPath = [...at, "values", issueId];
        if (!f) {
          out.push(doc.diagnostic(tableAt, unknownIssue(issueId, facts), true));
          continue;
        }
        if (f.options === undefined) {
          out.push(doc.diagnostic(tableAt, `issue "${issueId}" is numeric; value tables are for issues with options`, true));
          continue;
        }
        if (!isRecord(table)) continue;
        for (const [option, v] of Object.entries(table)) {
          if (!f.options.includes(option)) out.push(doc.diagnostic([...tableAt, option], `unknown option "${option}" of issue "${issueId}"${suggestion(option, f.options)}; expected one of: ${f.options.join(", ")}`, true));
          out.push(...checkUnitInterval(v, [...tableAt, option], doc, "value"));
        }
      }
    }
  }
  return out;
}

function checkRules(data: Record_, doc: LocatedDocument): Diagnostic[] {
  const out: Diagnostic[] = [];
  const issues = asList(data["issues"]).flatMap((issue) => {
    const id = idOf(issue);
    if (id === undefined || !isRecord(issue)) return [];
    const options = asList(issue["options"]).map(idOf).filter((o): o is string => o !== undefined);
    return [{ id, options: options.map((o) => ({ id: o })) }];
  });
  const actors = asList(data["actors"]).map(idOf).filter((id): id is string => id !== undefined).map((id) => ({ id }));
  const schema = ruleSchemaOf({ issues, actors });
  for (const section of ["criteria", "traps"] as const) {
    const entries = asList(data[section]);
    out.push(...duplicateIds(entries, [section], section === "criteria" ? "criterion" : "trap", doc));
    entries.forEach((entry, index) => {
      if (!isRecord(entry) || typeof entry["rule"] !== "string") return;
      const parsed = parseRule(entry["rule"], schema);
      if (parsed.ok) return;
      for (const error of parsed.errors) out.push(doc.diagnosticWithin([section, index, "rule"], error.offset, error.message));
    });
  }
  return out;
}

// --- red lines, linkage, outside options, decision (format version 2) ------------------------

/** Keys that need format version 2. */
function versionTwoKeys(data: Record_): FieldPath[] {
  const paths: FieldPath[] = [];
  if (data["decision"] !== undefined) paths.push(["decision"]);
  asList(data["actors"]).forEach((actor, index) => {
    if (!isRecord(actor)) return;
    for (const key of ["redLines", "linkage"]) if (actor[key] !== undefined) paths.push(["actors", index, key]);
    if (isRecord(actor["reservation"]) && actor["reservation"]["deal"] !== undefined) paths.push(["actors", index, "reservation", "deal"]);
  });
  return paths;
}

function checkAgreementKeys(data: Record_, doc: LocatedDocument, warnings: Diagnostic[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (data["parley"] === 1) {
    for (const path of versionTwoKeys(data)) warnings.push(doc.diagnostic(path, "this key is part of format version 2; write `parley: 2` at the top of the file", true));
  }
  const issues = asList(data["issues"]).flatMap((issue) => {
    const id = idOf(issue);
    if (id === undefined || !isRecord(issue)) return [];
    return [{ id, options: asList(issue["options"]).map(idOf).filter((o): o is string => o !== undefined).map((o) => ({ id: o })) }];
  });
  const actors = asList(data["actors"]);
  const actorIds = actors.map(idOf).filter((id): id is string => id !== undefined);
  const schema = ruleSchemaOf({ issues, actors: actorIds.map((id) => ({ id })) });
  const dealIds = asList(data["deals"]).map(idOf).filter((id): id is string => id !== undefined);
  actors.forEach((actor, index) => {
    if (!isRecord(actor)) return;
    const at: FieldPath = ["actors", index];
    const lines = asList(actor["redLines"]);
    out.push(...duplicateIds(lines, [...at, "redLines"], "red line", doc));
    lines.forEach((line, k) => {
      if (!isRecord(line)) return;
      if (typeof line["rule"] === "string") {
        const parsed = parseRule(line["rule"], schema);
        if (!parsed.ok) for (const error of parsed.errors) out.push(doc.diagnosticWithin([...at, "redLines", k, "rule"], error.offset, error.message));
      }
      const credibility = line["credibility"];
      const c = numberOf(credibility);
      if (c !== undefined && Number.isFinite(c) && (c < 0 || c > 1)) {
        out.push(doc.diagnostic(typeof credibility === "number" ? [...at, "redLines", k, "credibility"] : [...at, "redLines", k, "credibility", "value"], `credibility ${c} is out of range; expected a probability from 0 to 1`));
      }
      out.push(...checkRange(credibility, c, [...at, "redLines", k, "credibility"], doc, 0, 1));
      out.push(...checkDistribution(credibility, { what: "credibility", min: 0, max: 1 }, [...at, "redLines", k, "credibility"], doc));
    });
    asList(actor["linkage"]).forEach((term, k) => {
      if (!isRecord(term) || typeof term["when"] !== "string") return;
      const where: FieldPath = [...at, "linkage", k, "when"];
      const parsed = parseRule(term["when"], schema);
      if (!parsed.ok) for (const error of parsed.errors) out.push(doc.diagnosticWithin(where, error.offset, error.message));
      else if (ruleDependencies(parsed.rule).utilities) out.push(doc.diagnostic(where, "a linkage condition may not use utility, reservation, gain or accepts: it defines the utility; expected a condition on the issues"));
      out.push(...checkDistribution(term["utility"], { what: "linkage utility" }, [...at, "linkage", k, "utility"], doc));
    });
    const reservation = actor["reservation"];
    if (isRecord(reservation) && typeof reservation["deal"] === "string" && !dealIds.includes(reservation["deal"])) {
      const deal = reservation["deal"];
      out.push(doc.diagnostic([...at, "reservation", "deal"], `unknown deal "${deal}"${suggestion(deal, dealIds)}; expected one of: ${dealIds.join(", ") || "(no deals defined)"}`));
    }
  });
  const decision = data["decision"];
  if (isRecord(decision)) {
    asList(decision["veto"]).forEach((id, k) => {
      if (typeof id === "string" && !actorIds.includes(id)) out.push(doc.diagnostic(["decision", "veto", k], `unknown actor "${id}"${suggestion(id, actorIds)}; expected one of: ${actorIds.join(", ")}`));
    });
    const threshold = decision["threshold"];
    if (typeof threshold === "number" && Number.isFinite(threshold) && !(threshold > 0 && threshold <= 1)) {
      out.push(doc.diagnostic(["decision", "threshold"], `threshold ${threshold} is out of range; expected a share of capability greater than 0 and at most 1`));
    }
  }
  return out;
}

// --- uncertainty (distributions for Monte Carlo runs) ------------------------------------------

/** Where a sampled number may fall: the scale, 0–100 for saliences, > 0 for capabilities, 0–1 for reservations. */
interface SampleBounds {
  readonly what: string;
  readonly min?: number;
  readonly max?: number;
  /** Values must be greater than `min` (capabilities). */
  readonly exclusiveMin?: boolean;
  /** Option ids an estimate may name (positions on option issues). */
  readonly options?: readonly string[];
  /** The issue, for messages. */
  readonly issue?: string;
}

function boundsText(b: SampleBounds): string {
  if (b.exclusiveMin) return "a number greater than 0";
  return b.min !== undefined && b.max !== undefined ? `a number from ${b.min} to ${b.max}` : "a number";
}

function outside(x: number, b: SampleBounds): boolean {
  if (b.min !== undefined && (b.exclusiveMin ? x <= b.min : x < b.min)) return true;
  return b.max !== undefined && x > b.max;
}

/**
 * A written distribution must be one Parley can sample: uniform and triangular need a range, a normal's
 * sd is > 0, estimates lie within bounds (or name options of the issue) and weights match them.
 */
function checkDistribution(value: unknown, bounds: SampleBounds, path: FieldPath, doc: LocatedDocument): Diagnostic[] {
  if (!isRecord(value) || value["distribution"] === undefined) return [];
  const d = value["distribution"];
  const at: FieldPath = [...path, "distribution"];
  const out: Diagnostic[] = [];
  if (d === "uniform" || d === "triangular") {
    if (value["range"] === undefined) out.push(doc.diagnostic(at, `a ${d} distribution needs a range [low, high] to sample over; add \`range\` or use {normal: {sd}}`));
    return out;
  }
  if (!isRecord(d)) return out;
  const normal = d["normal"];
  if (isRecord(normal) && typeof normal["sd"] === "number" && !(normal["sd"] > 0)) {
    out.push(doc.diagnostic([...at, "normal", "sd"], `sd ${normal["sd"]} must be greater than 0; expected the spread of the ${bounds.what} in its own units`));
  }
  const estimates = d["estimates"];
  if (!Array.isArray(estimates)) return out;
  estimates.forEach((e, i) => {
    const where: FieldPath = [...at, "estimates", i];
    if (typeof e === "string") {
      if (bounds.options === undefined) out.push(doc.diagnostic(where, `estimate ${describe(e)} of a ${bounds.what} must be ${boundsText(bounds)}`));
      else if (!bounds.options.includes(e)) out.push(doc.diagnostic(where, `unknown option "${e}" of issue "${bounds.issue ?? ""}"${suggestion(e, bounds.options)}; expected one of: ${bounds.options.join(", ")}`));
    } else if (typeof e === "number" && Number.isFinite(e) && outside(e, bounds)) {
      const scale = bounds.issue !== undefined ? ` is off the scale of "${bounds.issue}"` : " is out of range";
      out.push(doc.diagnostic(where, `estimate ${e}${scale}; expected ${boundsText(bounds)}`));
    }
  });
  const weights = d["weights"];
  if (!Array.isArray(weights)) return out;
  if (weights.length !== estimates.length) {
    out.push(doc.diagnostic([...at, "weights"], `${weights.length} weight(s) for ${estimates.length} estimate(s); expected one weight per estimate`));
  }
  weights.forEach((w, i) => {
    if (typeof w === "number" && w < 0) out.push(doc.diagnostic([...at, "weights", i], `weight ${w} is negative; expected a number ≥ 0`));
  });
  if (weights.length > 0 && weights.every((w) => typeof w === "number" && w <= 0)) {
    out.push(doc.diagnostic([...at, "weights"], "the weights are all 0; expected at least one weight above 0"));
  }
  return out;
}

/** Sampling bounds of a capability; a range must not reach below 0 (capabilities are > 0). */
function checkCapability(value: unknown, path: FieldPath, doc: LocatedDocument): Diagnostic[] {
  const range = rangeOf(value);
  const out: Diagnostic[] = [];
  if (range !== undefined && typeof range[0] === "number" && range[0] < 0) {
    out.push(doc.diagnostic([...path, "range"], `range [${range.join(", ")}] reaches below 0; capabilities are greater than 0`));
  }
  out.push(...checkDistribution(value, { what: "capability", min: 0, exclusiveMin: true }, path, doc));
  return out;
}

/** Every number that may be sampled: capabilities, reservations, stance positions and saliences. */
function checkDistributions(data: Record_, doc: LocatedDocument): Diagnostic[] {
  const out: Diagnostic[] = [];
  const facts = issueFactsOf(data);
  asList(data["actors"]).forEach((actor, index) => {
    if (!isRecord(actor)) return;
    out.push(...checkCapability(actor["capability"], ["actors", index, "capability"], doc));
    const byIssue = actor["capabilityByIssue"];
    if (isRecord(byIssue)) {
      for (const [issueId, value] of Object.entries(byIssue)) {
        const at: FieldPath = ["actors", index, "capabilityByIssue", issueId];
        out.push(...checkRange(value, numberOf(value), at, doc), ...checkCapability(value, at, doc));
      }
    }
    const reservation = actor["reservation"];
    const at: FieldPath = ["actors", index, "reservation"];
    out.push(...checkRange(reservation, numberOf(reservation), at, doc, 0, 1));
    out.push(...checkDistribution(reservation, { what: "reservation", min: 0, max: 1 }, at, doc));
  });
  const stances = data["stances"];
  if (!isRecord(stances)) return out;
  for (const [actorId, byIssue] of Object.entries(stances)) {
    if (!isRecord(byIssue)) continue;
    for (const [issueId, stance] of Object.entries(byIssue)) {
      const f = facts.get(issueId);
      if (!f || !isRecord(stance)) continue;
      const at: FieldPath = ["stances", actorId, issueId];
      const scale: SampleBounds =
        f.options !== undefined
          ? { what: "position", min: 0, max: 100, options: f.options, issue: issueId }
          : { what: "position", issue: issueId, ...(f.min !== undefined ? { min: f.min } : {}), ...(f.max !== undefined ? { max: f.max } : {}) };
      out.push(...checkDistribution(stance["position"], scale, [...at, "position"], doc));
      out.push(...checkDistribution(stance["salience"], { what: "salience", min: 0, max: 100 }, [...at, "salience"], doc));
    }
  }
  return out;
}

// --- evidence ---------------------------------------------------------------------------------

/** Whitespace-insensitive, so line breaks and spacing in quotes do not matter. */
export function squeezeWhitespace(text: string): string {
  return text.replace(/\s+/gu, "");
}

/** Every `evidence` list in the file, with its path. */
function collectEvidence(node: unknown, path: FieldPath, out: { path: FieldPath; citation: unknown }[]): void {
  if (Array.isArray(node)) node.forEach((item, i) => collectEvidence(item, [...path, i], out));
  else if (isRecord(node)) {
    for (const [key, value] of Object.entries(node)) {
      if (key === "evidence" && Array.isArray(value)) value.forEach((citation, i) => out.push({ path: [...path, key, i], citation }));
      else collectEvidence(value, [...path, key], out);
    }
  }
}

function checkEvidence(data: Record_, doc: LocatedDocument, options: ValidateOptions, warnings: Diagnostic[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const sources = asList(data["sources"]).filter(isRecord);
  const sourceIds = sources.map(idOf).filter((id): id is string => id !== undefined);
  const texts = new Map<string, string | undefined>();
  sources.forEach((source, index) => {
    const id = idOf(source);
    const file = source["file"];
    if (id === undefined || typeof file !== "string") return;
    const text = options.readSource?.(file);
    texts.set(id, text === undefined ? undefined : squeezeWhitespace(text));
    if (text === undefined) warnings.push(doc.diagnostic(["sources", index, "file"], `source file "${file}" is not available; quotes from "${id}" were not checked`));
  });

  const citations: { path: FieldPath; citation: unknown }[] = [];
  collectEvidence(data, [], citations);
  for (const { path, citation } of citations) {
    if (!isRecord(citation)) continue;
    const source = citation["source"];
    const quote = citation["quote"];
    if (typeof source !== "string") continue;
    if (!sourceIds.includes(source)) {
      out.push(doc.diagnostic([...path, "source"], `unknown source "${source}"${suggestion(source, sourceIds)}; expected one of: ${sourceIds.join(", ") || "(no sources defined)"}`));
      continue;
    }
    const text = texts.get(source);
    if (text !== undefined && typeof quote === "string" && !text.includes(squeezeWhitespace(quote))) {
      out.push(doc.diagnostic([...path, "quote"], `quote not found in source "${source}"; expected a passage copied exactly from it (whitespace may differ)`));
    }
  }
  return out;
}

// --- coverage (warnings) ----------------------------------------------------------------------

function checkCoverage(data: Record_, doc: LocatedDocument): Diagnostic[] {
  const stances = isRecord(data["stances"]) ? data["stances"] : {};
  const out: Diagnostic[] = [];
  asList(data["actors"]).forEach((actor, index) => {
    const id = idOf(actor);
    if (id !== undefined && !isRecord(stances[id])) out.push(doc.diagnostic(["actors", index], `actor "${id}" has no stances; it takes part in no forecast`));
  });
  asList(data["issues"]).forEach((issue, index) => {
    const id = idOf(issue);
    if (id === undefined) return;
    const count = Object.values(stances).filter((byIssue) => isRecord(byIssue) && byIssue[id] !== undefined).length;
    if (count < 2) out.push(doc.diagnostic(["issues", index], `issue "${id}" has ${count} stance(s); forecasts need at least two actors`));
  });
  return out;
}

function dedupe(list: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const key = `${d.line}:${d.column}:${d.path}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function sortByPlace(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) => a.line - b.line || a.column - b.column);
}
