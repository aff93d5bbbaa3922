/**
 * The scenario format, defined once: zod checks files against it, TypeScript derives the input
 * types from it, and `schema/scenario.schema.json` (for editors) is generated from it.
 *
 * Shape rules that keep files readable by hand and friendly to diffs:
 * - every list of things has ids, and stances are keyed by actor then issue;
 * - a number may be written bare (`salience: 80`) or with its evidence and uncertainty
 *   (`salience: {value: 80, range: [70, 90], evidence: [...]}`);
 * - every human-readable label is a plain string or `{en: ..., zh: ...}`.
 */
import { z } from "zod";
import { DEFAULT_STRATEGY, STRATEGIES } from "../simulation/negotiators/names.js";
import { ID_PATTERN } from "./id.js";
import { READABLE_VERSIONS } from "./version.js";

export { READABLE_VERSIONS, SCHEMA_VERSION } from "./version.js";

const finite = (what = "a number") =>
  z.number({ error: `expected ${what}` }).refine(Number.isFinite, { message: `expected ${what}, not NaN or infinity` });

export const idSchema = z
  .string({ error: "expected an id (letters, digits, '-', '_' or '.')" })
  .regex(ID_PATTERN, "expected an id that starts with a letter and uses only letters, digits, '-', '_' or '.'")
  .describe("Identifier used to refer to this item elsewhere in the scenario.");

export const labelSchema = z
  .union([
    z.string().min(1, "expected a non-empty text"),
    z
      .strictObject({
        en: z.string().min(1).optional().describe("English"),
        zh: z.string().min(1).optional().describe("Chinese"),
      })
      .refine((l) => l.en !== undefined || l.zh !== undefined, { message: "expected at least one of en, zh" }),
  ])
  .describe("A text, as a plain string or in several languages: {en: ..., zh: ...}.");

export const citationSchema = z
  .strictObject({
    source: idSchema.describe("Id of an entry in `sources`."),
    quote: z.string().min(1, "expected the quoted passage").describe("The exact passage, as it stands in the source."),
    note: labelSchema.optional().describe("How the passage bears on the number (e.g. an English gloss)."),
  })
  .describe("A passage of a source that supports a number.");

export const evidenceSchema = z.array(citationSchema).describe("Citations that support this value.");

const rangeSchema = z
  .tuple([finite(), finite()])
  .describe("Uncertainty range [low, high]: the values the analyst finds plausible.");

const NAMED_DISTRIBUTIONS = ["uniform", "triangular"] as const;
const DISTRIBUTION_FORMS = "uniform, triangular, {normal: {sd}} or {estimates: [...], weights: [...]}";

/** `uniform` or `triangular` (a text first, so that a mapping is checked against the mapping forms). */
const namedDistributionSchema = z
  .string()
  .refine((v) => (NAMED_DISTRIBUTIONS as readonly string[]).includes(v), { message: `expected ${DISTRIBUTION_FORMS}` })
  .meta({ enum: [...NAMED_DISTRIBUTIONS] })
  .describe("uniform: over `range`; triangular: from range[0] to range[1], peaking at `value`.");

/** `{normal: {sd}}` or `{estimates, weights}`: one mapping, so that errors point at the field that is wrong. */
function distributionMapping<E extends z.ZodType>(estimate: E) {
  return z
    .strictObject({
      normal: z
        .strictObject({ sd: finite("a standard deviation").describe("Standard deviation (> 0), in the number's units.") })
        .optional()
        .describe("Normal around `value`, truncated to `range` (or to the scale when there is none)."),
      estimates: z.array(estimate).min(1, "expected at least one estimate").optional().describe("Expert estimates to sample from."),
      weights: z
        .array(finite("a weight"))
        .optional()
        .describe("One weight (≥ 0) per estimate, e.g. how many experts gave it; default: equal weights."),
    })
    .refine((d) => (d.normal === undefined) !== (d.estimates === undefined), {
      message: `expected either {normal: {sd}} or {estimates: [...]}, not both or neither`,
    })
    .refine((d) => d.weights === undefined || d.estimates !== undefined, { message: "weights go with estimates; expected `estimates` beside them", path: ["weights"] });
}

/** Uncertainty of a number: how samples are drawn (docs/uncertainty.md). A bare `range` means uniform over it. */
export const distributionSchema = z
  .union([namedDistributionSchema, distributionMapping(finite("an estimate"))])
  .describe(`How the number is sampled in Monte Carlo runs: ${DISTRIBUTION_FORMS}.`);

/** Like `distributionSchema`, but estimates of a position may be option ids on a discrete issue. */
export const positionDistributionSchema = z
  .union([namedDistributionSchema, distributionMapping(z.union([finite("an estimate"), idSchema]))])
  .describe(`How the position is sampled in Monte Carlo runs: ${DISTRIBUTION_FORMS}; estimates may be option ids.`);

/** A number with optional uncertainty range, evidence and note. */
export const quantitySchema = z
  .union([
    finite(),
    z.strictObject({
      value: finite(),
      range: rangeSchema.optional(),
      distribution: distributionSchema.optional(),
      evidence: evidenceSchema.optional(),
      note: labelSchema.optional().describe("Analyst's note, e.g. that the number is a judgement where the source is silent."),
    }),
  ])
  .describe("A number, written bare or as {value, range, distribution, evidence, note}.");

/** A value on an issue: a number on its scale or an option id, bare or with range and evidence. */
export const issueValueSchema = z
  .union([
    idSchema,
    finite(),
    z.strictObject({
      value: z.union([finite(), idSchema]),
      range: rangeSchema.optional(),
      evidence: evidenceSchema.optional(),
      note: labelSchema.optional(),
    }),
  ])
  .describe("A number on the issue's scale or an option id, written bare or as {value, range, evidence, note}.");

/** A stance's position: an issue value that may also carry a distribution for Monte Carlo runs. */
export const positionSchema = z
  .union([
    idSchema,
    finite(),
    z.strictObject({
      value: z.union([finite(), idSchema]),
      range: rangeSchema.optional(),
      distribution: positionDistributionSchema.optional(),
      evidence: evidenceSchema.optional(),
      note: labelSchema.optional(),
    }),
  ])
  .describe("A number on the issue's scale or an option id, written bare or as {value, range, distribution, evidence, note}.");

export const sourceSchema = z
  .strictObject({
    id: idSchema,
    title: labelSchema,
    author: z.union([z.string(), z.array(z.string())]).optional(),
    publisher: z.string().optional(),
    date: z.string().optional().describe("Publication date, e.g. 2019-02-25."),
    url: z.string().optional(),
    file: z
      .string()
      .optional()
      .describe("Path of the source text relative to the scenario file; `parley validate` checks quotes against it."),
    language: z.string().optional().describe("Language of the source text, e.g. zh."),
  });

const ruleSchema = z
  .string({ error: "expected a rule, e.g. `roadmap >= 70 and definition == agreed`" })
  .describe("A condition over a deal in Parley's rule language (docs/rules.md).");

/** `reservation: {deal: ID}`: what the actor gets if talks fail is a named deal, not the status quo. */
export const outsideOptionSchema = z
  .strictObject({
    deal: idSchema.describe("Id of an entry in `deals`: the outcome the actor falls back on if talks fail."),
    evidence: evidenceSchema.optional(),
    note: labelSchema.optional(),
  })
  .describe("An outside option: the actor's walk-away value is its utility of this deal.");

export const redLineSchema = z
  .strictObject({
    id: idSchema,
    name: labelSchema.optional(),
    rule: ruleSchema.describe("What a deal must meet for the actor to accept it at all, whatever its utility."),
    credibility: quantitySchema
      .optional()
      .describe("The analyst's belief (0–1, default 1) that the line really holds; in Monte Carlo runs it holds with this probability."),
    evidence: evidenceSchema.optional(),
    note: labelSchema.optional(),
  })
  .describe("A red line: a condition a deal must meet for the actor to accept it (docs/agreement.md).");

export const linkageSchema = z
  .strictObject({
    id: idSchema.optional(),
    name: labelSchema.optional(),
    when: ruleSchema.describe("The condition under which the term applies; it may not use utility, reservation, gain or accepts."),
    utility: quantitySchema.describe("Utility added (or, negative, subtracted) when the condition holds, on the 0–1 scale of the additive part."),
    evidence: evidenceSchema.optional(),
    note: labelSchema.optional(),
  })
  .describe("A linkage term: utility that depends on a combination of issues (docs/agreement.md).");

export const actorSchema = z.strictObject({
  id: idSchema,
  name: labelSchema,
  description: labelSchema.optional(),
  capability: quantitySchema.describe("Clout: the actor's ability to shape the outcome (> 0, any unit, relative)."),
  reservation: z
    .union([outsideOptionSchema, quantitySchema])
    .optional()
    .describe(
      "Walk-away value: a utility (0–1) written here, or {deal: ID}, the actor's utility of that outside option (linkage included). Default: its utility of the status quo (every issue at its reference point); when some issue has no reference point there is no status quo, and the walk-away value is 0: any agreement beats none. An actor accepts a deal whose utility is at least its walk-away value and that meets its red lines.",
    ),
  capabilityByIssue: z
    .record(idSchema, quantitySchema)
    .optional()
    .describe("Capability on particular issues, where it differs from the general one."),
  redLines: z.array(redLineSchema).optional().describe("Conditions a deal must meet for this actor to accept it at all."),
  linkage: z.array(linkageSchema).optional().describe("Non-additive terms of the actor's utility: utility added when a condition holds."),
});

const anchorKey = z.string().regex(/^-?\d+(\.\d+)?$/, "expected a number on the scale as the anchor's key");

export const scaleSchema = z.strictObject({
  min: finite(),
  max: finite(),
  unit: labelSchema.optional(),
  anchors: z
    .record(anchorKey, labelSchema)
    .optional()
    .describe("Labelled points of the scale, e.g. `0: freeze of testing only`."),
});

export const optionSchema = z.strictObject({
  id: idSchema,
  label: labelSchema,
  description: labelSchema.optional(),
  place: finite().optional().describe("Where this option lies on the issue's 0–100 scale (for spatial models)."),
});

export const issueSchema = z
  .strictObject({
    id: idSchema,
    name: labelSchema,
    description: labelSchema.optional(),
    scale: scaleSchema.optional().describe("A numeric issue: its scale."),
    options: z.array(optionSchema).min(2, "expected at least two options").optional().describe("A discrete issue: its options."),
    reference: issueValueSchema
      .optional()
      .describe("Status quo: the outcome if talks fail (a number on the scale, or an option id)."),
    outcome: issueValueSchema.optional().describe("The recorded outcome, when known (for backtests)."),
  })
  .refine((i) => (i.scale === undefined) !== (i.options === undefined), {
    message: "expected either `scale` (a numeric issue) or `options` (a discrete issue), not both or neither",
  });

export const stanceSchema = z.strictObject({
  position: positionSchema.describe("Preferred outcome: a number on the scale, or an option id."),
  salience: quantitySchema.describe("How much the issue matters to the actor, 0–100."),
  evidence: evidenceSchema.optional().describe("Citations for the stance as a whole."),
  note: labelSchema.optional(),
});

export const preferenceSchema = z
  .strictObject({
    loss: z
      .enum(["linear", "quadratic"])
      .optional()
      .describe("How value falls with distance from the actor's position: linear (default) or quadratic."),
    weights: z
      .record(idSchema, finite())
      .optional()
      .describe("Issue weights (≥ 0); default: the actor's saliences. Normalised to sum to 1."),
    values: z
      .record(idSchema, z.record(idSchema, finite()))
      .optional()
      .describe("Explicit value (0–1) of each option of a discrete issue, as in GENIUS value tables."),
  })
  .describe("How an actor values outcomes, when its stances alone do not say it.");

export const dealSchema = z.strictObject({
  id: idSchema,
  name: labelSchema,
  description: labelSchema.optional(),
  values: z
    .record(idSchema, issueValueSchema)
    .describe("Per issue id, the deal's value: a number on the scale or an option id. Issues left out stay at their reference point."),
  evidence: evidenceSchema.optional(),
  note: labelSchema.optional(),
});

export const ruleEntrySchema = z.strictObject({
  id: idSchema,
  name: labelSchema,
  description: labelSchema.optional(),
  rule: ruleSchema,
  evidence: evidenceSchema.optional(),
  note: labelSchema.optional(),
});

export const simulationSchema = z
  .strictObject({
    strategies: z
      .record(idSchema, z.enum(STRATEGIES))
      .optional()
      .describe(`Per actor id, the negotiating strategy in \`parley simulate\`: ${STRATEGIES.join(", ")} (default ${DEFAULT_STRATEGY}).`),
    deadline: z.int().min(1).max(100_000).optional().describe("Rounds before the simulated talks break down (default 100)."),
    collapse: z.number().min(0).lt(1).optional().describe("Chance that the talks collapse at the end of a round (default 0)."),
    order: z.array(idSchema).optional().describe("Turn order of the parties (default: scenario order)."),
    step: z.number().gt(0).optional().describe("Grid step of numeric issues (default: their anchors and reference point)."),
  })
  .describe("Settings of the negotiation simulation (docs/simulation.md).");

/** Who must agree for a deal to count as an agreement. */
export const decisionSchema = z
  .union([
    z.literal("unanimity", { error: "expected unanimity, {veto: [actor ids]} or {threshold: share}" }),
    z
      .strictObject({
        veto: z.array(idSchema).min(1, "expected at least one actor id").optional().describe("The actors whose signature is needed; the others weigh in through the models only."),
        threshold: finite("a share")
          .optional()
          .describe("Share (0, 1] of the total capability the accepting actors must reach, as under qualified majority."),
        evidence: evidenceSchema.optional(),
        note: labelSchema.optional(),
      })
      .refine((d) => d.veto !== undefined || d.threshold !== undefined, { message: "expected `veto`, `threshold` or both" }),
  ])
  .describe("Who must agree: unanimity (default), {veto: [ids]} (only these sign) or {threshold: 0.55} (the signatories' capability share).");

export const scenarioSchema = z.strictObject({
  parley: z
    .literal(READABLE_VERSIONS, { error: `expected a format version: ${READABLE_VERSIONS.join(" or ")}` })
    .describe("Version of the scenario format."),
  id: idSchema,
  title: labelSchema,
  date: z.string().optional().describe("Date the scenario describes, e.g. 2019-02-27."),
  description: labelSchema.optional(),
  language: z.enum(["en", "zh"]).optional().describe("Preferred language for reports."),
  sources: z.array(sourceSchema).optional(),
  actors: z.array(actorSchema).min(2, "expected at least two actors"),
  issues: z.array(issueSchema).min(1, "expected at least one issue"),
  stances: z
    .record(idSchema, z.record(idSchema, stanceSchema))
    .describe("Per actor id, per issue id: position and salience."),
  preferences: z.record(idSchema, preferenceSchema).optional().describe("Per actor id: loss shape, issue weights, option values."),
  deals: z.array(dealSchema).optional().describe("Named deals to evaluate: a value for some or all issues."),
  criteria: z.array(ruleEntrySchema).optional().describe("Conditions a good deal meets, e.g. what counts as substantive."),
  traps: z.array(ruleEntrySchema).optional().describe("Conditions that flag a deal as a trap."),
  decision: decisionSchema.optional(),
  models: z
    .record(z.string(), z.record(z.string(), z.unknown()))
    .optional()
    .describe("Parameters per model id, e.g. smp: {VotingRule: PropCbc}."),
  simulation: simulationSchema.optional(),
});

export type LabelInput = z.input<typeof labelSchema>;
export type QuantityInput = z.input<typeof quantitySchema>;
export type IssueValueInput = z.input<typeof issueValueSchema>;
export type PositionInput = z.input<typeof positionSchema>;
export type DistributionInput = z.input<typeof positionDistributionSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
