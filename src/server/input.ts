/**
 * Reading request bodies into validated values. Every scenario goes through the same validator
 * as `parley validate`, and every problem comes back located: field path, and line and column in
 * the text the client sent. The server never reads files a scenario names (quotes are not
 * checked against sources), so a request cannot make it read the disk.
 */
import type { Context } from "hono";
import { stringify } from "yaml";
import type { z } from "zod";
import { detectEumCsv, parseEumCsv } from "../importers/eum-csv.js";
import { ImportError } from "../importers/errors.js";
import { detectGeniusFormat, importGeniusWeb, importGeniusXml, importNegoLog, type ImportedNegotiation, type SourceText } from "../importers/genius/index.js";
import { detectKtab, parseKtabCsv, parseKtabXml } from "../importers/ktab.js";
import { scenarioFromEumCsv, scenarioFromKtab, scenarioFromNegotiation } from "../importers/to-scenario.js";
import type { Diagnostic, FieldPath } from "../scenario/diagnostics.js";
import { parseLocated, type LocatedDocument } from "../scenario/document.js";
import type { Scenario } from "../scenario/types.js";
import { validateScenario, type ValidationResult } from "../scenario/validate.js";
import { runJob } from "./compute.js";
import { serverSays, type BodyKind } from "../i18n/problems.js";
import { entriesText, HttpProblem, toEntry } from "./problem.js";

/** A validated scenario and the YAML text it will be stored as. */
export interface ScenarioText {
  readonly scenario: Scenario;
  readonly yaml: string;
  readonly warnings: readonly Diagnostic[];
}

export type { BodyKind };

/** What the request's Content-Type says the body is; 415 for anything else. */
export function bodyKind(c: Context, accept: readonly BodyKind[]): BodyKind {
  const type = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  const kind: BodyKind | undefined =
    type === "application/json" || type.endsWith("+json")
      ? "json"
      : ["application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "text/plain"].includes(type)
        ? "yaml"
        : type === "multipart/form-data"
          ? "multipart"
          : undefined;
  if (kind === undefined || !accept.includes(kind)) {
    throw new HttpProblem("unsupported-media-type", serverSays("mediaType", type, accept));
  }
  return kind;
}

/** Parses a JSON body, keeping where every value is so that later errors can be located. */
export async function readJsonBody(c: Context): Promise<LocatedDocument & { readonly text: string }> {
  return parseJsonBody(await c.req.text());
}

/** {@link readJsonBody} of a body already read. */
export function parseJsonBody(text: string): LocatedDocument & { readonly text: string } {
  refuseEmptyJson(text);
  const doc = parseLocated(text, "<request body>");
  if (doc.syntaxErrors.length > 0) throw notJson(doc.syntaxErrors);
  return { ...doc, text };
}

function refuseEmptyJson(text: string): void {
  if (text.trim() === "") throw new HttpProblem("invalid-request", serverSays("emptyBody"));
}

const notJson = (syntaxErrors: readonly Diagnostic[]) => new HttpProblem("invalid-request", serverSays("notJson"), { errors: syntaxErrors.map(toEntry) });

/** Checks a parsed body against a zod schema; 400 with every problem located otherwise. */
export function checkBody<T>(schema: z.ZodType<T>, doc: LocatedDocument): T {
  const result = schema.safeParse(doc.value);
  if (result.success) return result.data;
  const errors = result.error.issues.map((issue) => toEntry(doc.diagnostic(issue.path.filter((p): p is string | number => typeof p !== "symbol"), issue.message)));
  throw new HttpProblem("invalid-request", serverSays("bodyShape", entriesText(errors)), { errors });
}

function rejectInvalid(result: ValidationResult, relocate: (d: Diagnostic) => Diagnostic = (d) => d): Scenario {
  if (result.ok) return result.scenario;
  const errors = result.errors.map(relocate).map(toEntry);
  throw new HttpProblem("invalid-scenario", serverSays("scenarioProblems", errors.length, entriesText(errors.slice(0, 1)), errors.length > 1), {
    errors,
    warnings: result.warnings.map(relocate).map(toEntry),
  });
}

/** A scenario written as YAML (or JSON) text; errors located in that text. */
export function scenarioFromText(text: string, file = "<request body>"): ScenarioText {
  const result = validateScenario(text, { file });
  const scenario = rejectInvalid(result);
  return { scenario, yaml: text, warnings: result.warnings };
}

/**
 * Scenario texts up to this many characters are validated on the event loop; longer ones as a
 * `validate` job on the compute pool (src/compute/jobs/validate.ts), with its queue, time limit and
 * cancellation, so that a large save does not hold up every other request. Validating costs the event
 * loop about 1 ms per 1,000 characters (Hanoi's 32,000: some 30 ms), a job about 1 ms whatever the
 * size, plus the wait for a thread (`npm run bench -- server`, rows "save validation"): up to this
 * size a save holds others up for a few milliseconds at most, and a job would gain little.
 */
export const INLINE_VALIDATION_MAX_CHARS = 4096;

const SEND_LESS = serverSays("lessText");

/**
 * {@link scenarioFromText}, off the event loop when the text is longer than
 * {@link INLINE_VALIDATION_MAX_CHARS}: the same scenario, or the same located errors, either way.
 */
export async function validateText(c: Context, text: string, file = "<request body>"): Promise<ScenarioText> {
  if (text.length <= INLINE_VALIDATION_MAX_CHARS) return scenarioFromText(text, file);
  const output = (await runJob(c, "validate", { text, file }, SEND_LESS)).parse();
  if ("syntaxErrors" in output) throw new Error("the validate job parsed a text as JSON unasked");
  return { scenario: rejectInvalid(output.result), yaml: text, warnings: output.result.warnings };
}

/**
 * A JSON body longer than {@link INLINE_VALIDATION_MAX_CHARS} that is itself a scenario, validated on
 * the compute pool as the event loop validates a shorter one (`parseJsonBody`, then
 * {@link scenarioFromText} of its text, stored as YAML): the same scenario, or the same errors.
 * Undefined when the body is short, or turns out to be an envelope that wraps the scenario
 * (`wrapsScenario` of its top-level keys): it is then read with {@link parseJsonBody}.
 */
export async function validateLargeJsonBody(c: Context, text: string, wrapsScenario: (topLevelKeys: readonly string[]) => boolean): Promise<ScenarioText | undefined> {
  if (text.length <= INLINE_VALIDATION_MAX_CHARS) return undefined;
  refuseEmptyJson(text);
  const output = (await runJob(c, "validate", { text, file: "<request body>", json: true }, SEND_LESS)).parse();
  if ("syntaxErrors" in output) throw notJson(output.syntaxErrors);
  if (output.topLevelKeys && wrapsScenario(output.topLevelKeys)) return undefined;
  return { scenario: rejectInvalid(output.result), yaml: output.yaml!, warnings: output.result.warnings };
}

/**
 * A scenario inside a JSON body at `at` (e.g. `["scenario"]`): scenario data, located in the
 * body with the path prefixed; or a YAML string, located in that string.
 */
export function scenarioFromEmbedded(doc: LocatedDocument, at: FieldPath, value: unknown): ScenarioText {
  if (typeof value === "string") return scenarioFromText(value, `<${at.join(".")}>`);
  const json = JSON.stringify(value ?? null);
  const result = validateScenario(json, { file: "<request body>" });
  const relocate = (d: Diagnostic): Diagnostic => ({ ...doc.diagnostic([...at, ...parsePath(d.path)], d.message), file: d.file });
  const scenario = rejectInvalid(result, relocate);
  return { scenario, yaml: stringify(value, { lineWidth: 0 }), warnings: result.warnings.map(relocate) };
}

/** The segments of a path as `formatPath` writes it: `actors[0].capability` → actors, 0, capability. */
export function parsePath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const match of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(match[2] !== undefined ? Number(match[2]) : match[1]!);
  return out;
}

// --- imports -----------------------------------------------------------------------------------

export interface UploadedFile {
  readonly name: string;
  readonly text: string;
  /** True when the file is not UTF-8 text (it has NUL bytes or invalid sequences): refused with 415. */
  readonly binary?: boolean;
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** An uploaded file's text; `binary` when it is not UTF-8 text. */
export async function readUpload(file: File): Promise<UploadedFile> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const name = file.name || "upload";
  if (bytes.includes(0)) return { name, text: "", binary: true };
  try {
    return { name, text: strictUtf8.decode(bytes) };
  } catch {
    return { name, text: "", binary: true };
  }
}

/**
 * Uploaded files as a scenario: one Parley scenario (YAML or JSON), one KTAB SMP input (CSV or
 * XML) or EUM reference CSV, or a GENIUS / GeniusWeb / NegoLog domain with its profiles. The
 * format is told from the content, as `parley import` does.
 */
export function scenarioFromUploads(files: readonly UploadedFile[]): ScenarioText & { format: string } {
  const [first] = files;
  if (first === undefined) throw new HttpProblem("invalid-request", serverSays("noFile"));
  const binary = files.find((f) => f.binary);
  if (binary) {
    throw new HttpProblem("unsupported-media-type", serverSays("notText", binary.name));
  }
  try {
    if (detectGeniusFormat(first.text) !== "unknown") {
      const negotiation = negotiationFromUploads(files);
      const name = (files.find((f) => /domain/i.test(f.name)) ?? first).name.replace(/\.[^.]+$/, "").replace(/_domain$/i, "");
      return imported(scenarioFromNegotiation(negotiation, name), first.name, "genius");
    }
    if (files.length > 1) throw new HttpProblem("invalid-request", serverSays("oneUpload"));
    const ktab = detectKtab(first.text);
    if (ktab !== null) {
      return imported(scenarioFromKtab(ktab === "xml" ? parseKtabXml(first.text, first.name) : parseKtabCsv(first.text, first.name), first.name), first.name, "ktab");
    }
    if (detectEumCsv(first.text)) return imported(scenarioFromEumCsv(parseEumCsv(first.text, first.name), first.name), first.name, "eum");
  } catch (error) {
    if (error instanceof ImportError) {
      const column = (error as { column?: number }).column ?? 0;
      throw new HttpProblem("invalid-input", error.message, { errors: [{ path: error.field ?? "", line: error.line ?? 0, column, message: error.message }] });
    }
    if (error instanceof HttpProblem) throw error;
    // A parser's own refusal (an XML external entity, nesting too deep, …) is the file's fault, not a bug.
    const message = serverSays("cannotRead", files.map((f) => f.name).join(", "), error instanceof Error ? error.message : String(error));
    throw new HttpProblem("invalid-input", message, { errors: [{ path: "", line: 0, column: 0, message }] });
  }
  if (/^\s*</.test(first.text)) {
    throw new HttpProblem("unsupported-media-type", serverSays("unknownXml", first.name));
  }
  return { ...scenarioFromText(first.text, first.name), format: "scenario" };
}

function imported(scenario: object, file: string, format: string): ScenarioText & { format: string } {
  const yaml = `# Imported by parley from ${file} (${format}).\n${stringify(scenario, { lineWidth: 0 })}`;
  return { ...scenarioFromText(yaml, `${file} (as imported)`), format };
}

/** A GENIUS-family negotiation from uploaded texts: at most one domain, at least two profiles of one format. */
function negotiationFromUploads(files: readonly UploadedFile[]): ImportedNegotiation {
  const sources = files.map((f): SourceText & { format: ReturnType<typeof detectGeniusFormat> } => ({
    text: f.text,
    file: f.name,
    name: f.name.replace(/\.[^.]+$/, ""),
    format: detectGeniusFormat(f.text),
  }));
  const all = files.map((f) => f.name).join(", ");
  const unknown = sources.find((s) => s.format === "unknown");
  if (unknown) throw new ImportError("is not a GENIUS, GeniusWeb or NegoLog file (expected a domain or a profile)", unknown.file);
  const isDomain = (s: (typeof sources)[number]) => s.format === "genius-domain" || s.format === "geniusweb-domain";
  const domains = sources.filter(isDomain);
  const profiles = sources.filter((s) => !isDomain(s));
  if (profiles.length < 2) throw new ImportError(`expected at least two profiles, got ${profiles.length}; upload the domain and every profile together`, all);
  if (domains.length > 1) throw new ImportError("expected at most one domain file", domains.map((d) => d.file).join(", "));
  const domain = domains[0];
  if (profiles.every((p) => p.format === "genius-profile" || p.format === "genius-nonlinear-profile")) {
    if (!domain || domain.format !== "genius-domain") throw new ImportError("GENIUS profiles need their domain file (the one with <negotiation_template>)", all);
    return importGeniusXml(domain, profiles);
  }
  if (profiles.every((p) => p.format === "geniusweb-profile")) return importGeniusWeb(profiles, domain);
  if (profiles.every((p) => p.format === "negolog-profile")) return importNegoLog(profiles);
  throw new ImportError("the profiles are of different formats; upload profiles of one format", all);
}
