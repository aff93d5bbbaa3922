/**
 * Validating an imported scenario without the schema library, where its shape allows. The importers
 * (KTAB, the EUM reference CSV) write scenarios in a small plain subset of the format: ids, non-empty
 * texts, finite numbers, numeric issues, bare stances, model parameters. Data wholly inside that subset
 * passes the format's zod schema unchanged (the schema has no defaults or transforms), so checking the
 * subset by hand is the same check at a fraction of a small forecast's start-up (issue 15): no zod to
 * load, no schemas to build. Anything outside the subset is not judged here: the caller validates it in
 * full, with zod's located errors. The checks across sections (`checks.ts`) run either way.
 */
import { validateDocumentWith, type ShapeCheck, type ValidateOptions, type ValidationResult } from "./checks.js";
import { ID_PATTERN } from "./id.js";
import { unlocatedDocument } from "./located.js";
import { READABLE_VERSIONS } from "./version.js";

type Fields = Readonly<Record<string, unknown>>;

function isFields(value: unknown): value is Fields {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
/** Every key of `value` is one of `allowed` (the schema's objects are strict). */
function onlyKeys(value: Fields, allowed: readonly string[]): boolean {
  return Object.keys(value).every((key) => allowed.includes(key));
}
function isId(value: unknown): boolean {
  return typeof value === "string" && ID_PATTERN.test(value);
}
/** A label written as a plain text: the schema's labels are non-empty. */
function isText(value: unknown): boolean {
  return typeof value === "string" && value.length > 0;
}
function isFinite_(value: unknown): boolean {
  return typeof value === "number" && Number.isFinite(value);
}
function optional(value: unknown, check: (value: unknown) => boolean): boolean {
  return value === undefined || check(value);
}
function listOf(value: unknown, atLeast: number, check: (item: unknown) => boolean): boolean {
  return Array.isArray(value) && value.length >= atLeast && value.every(check);
}
/** A record whose keys are ids (a key JSON could not round-trip, such as `__proto__`, is no id). */
function recordOf(value: unknown, check: (item: unknown) => boolean): boolean {
  return isFields(value) && Object.entries(value).every(([key, item]) => isId(key) && check(item));
}

const isSource = (v: unknown): boolean => isFields(v) && onlyKeys(v, ["id", "title"]) && isId(v["id"]) && isText(v["title"]);
const isActor = (v: unknown): boolean =>
  isFields(v) && onlyKeys(v, ["id", "name", "description", "capability"]) && isId(v["id"]) && isText(v["name"]) && optional(v["description"], isText) && isFinite_(v["capability"]);
const isScale = (v: unknown): boolean => isFields(v) && onlyKeys(v, ["min", "max"]) && isFinite_(v["min"]) && isFinite_(v["max"]);
const isIssue = (v: unknown): boolean => isFields(v) && onlyKeys(v, ["id", "name", "scale"]) && isId(v["id"]) && isText(v["name"]) && isScale(v["scale"]);
const isStance = (v: unknown): boolean => isFields(v) && onlyKeys(v, ["position", "salience"]) && isFinite_(v["position"]) && isFinite_(v["salience"]);
/** `models`: parameters per model id, any values (the models check their own parameters); no `__proto__` key, which a copy would not keep. */
const isModels = (v: unknown): boolean => recordOf(v, (parameters) => isFields(parameters) && !Object.hasOwn(parameters, "__proto__"));

/**
 * Whether `data` lies in the plain subset the importers write, every value of the type and within the
 * bounds the schema asks (at least two actors, one issue). True only for data the schema accepts as it is.
 */
export function isPlainImportedScenario(data: unknown): boolean {
  return (
    isFields(data) &&
    onlyKeys(data, ["parley", "id", "title", "description", "sources", "actors", "issues", "stances", "models"]) &&
    (READABLE_VERSIONS as readonly unknown[]).includes(data["parley"]) &&
    isId(data["id"]) &&
    isText(data["title"]) &&
    optional(data["description"], isText) &&
    optional(data["sources"], (v) => listOf(v, 0, isSource)) &&
    listOf(data["actors"], 2, isActor) &&
    listOf(data["issues"], 1, isIssue) &&
    recordOf(data["stances"], (v) => recordOf(v, isStance)) &&
    optional(data["models"], isModels)
  );
}

/** The shape of data already known to be in the plain subset: nothing to report, the data as it is. */
const plainShape: ShapeCheck = (data) => ({ ok: true, data });

/**
 * Validates imported data as `validateScenarioData` does, when it lies in the plain subset; undefined
 * when it does not, and the caller validates it in full (`validate-data.ts`).
 */
export function validateImportedData(data: unknown, options: ValidateOptions = {}): ValidationResult | undefined {
  const doc = unlocatedDocument(data, options.file ?? "<scenario>");
  return isPlainImportedScenario(doc.value) ? validateDocumentWith(doc, options, plainShape) : undefined;
}
