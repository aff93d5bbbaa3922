/**
 * `/api/scenarios`: scenarios and their version history. Every save is a new version; writes
 * name the version they change with `If-Match` (the ETag of a GET), so that two people editing the
 * same scenario cannot silently overwrite each other's work.
 */
import { Hono, type Context } from "hono";
import { stringify } from "yaml";
import { z } from "zod";
import { diffValues, unifiedDiff, type Store } from "../../store/index.js";
import { etag, ifMatch, optionalIfMatch, positiveInt, textHeader } from "../http.js";
import { bodyKind, checkBody, parseJsonBody, readJsonBody, scenarioFromEmbedded, scenarioFromUploads, readUpload, validateLargeJsonBody, validateText, type ScenarioText, type UploadedFile } from "../input.js";
import { checkRuns } from "../analysis.js";
import { runJob } from "../compute.js";
import { serverSays } from "../../i18n/problems.js";
import { HttpProblem, toEntry } from "../problem.js";
import { DOCUMENT_POLICY_HEADER } from "../security.js";

/** A JSON body that wraps the scenario (data or YAML) with who saves it and why. */
const envelope = z.strictObject({
  scenario: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
  yaml: z.string().optional(),
  author: z.string().max(200).optional(),
  message: z.string().max(10_000).optional(),
});

interface Submission extends ScenarioText {
  readonly author?: string;
  readonly message?: string;
}

/** A JSON body with these top-level keys is an {@link envelope}, not the scenario itself. */
const wrapsScenario = (keys: readonly string[]): boolean => !keys.includes("parley") && (keys.includes("scenario") || keys.includes("yaml"));

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * The scenario a POST or PUT carries, validated, with author and message from the body or headers.
 * A large scenario text is validated on the compute pool (`validateText`), a small one at once.
 */
async function readSubmission(c: Context, allowUpload: boolean): Promise<Submission> {
  const who = { author: textHeader(c, "parley-author"), message: textHeader(c, "parley-message") };
  const withWho = (text: ScenarioText, body: { author?: string | undefined; message?: string | undefined } = {}): Submission => ({
    ...text,
    ...((body.author ?? who.author) !== undefined ? { author: (body.author ?? who.author)! } : {}),
    ...((body.message ?? who.message) !== undefined ? { message: (body.message ?? who.message)! } : {}),
  });
  const kind = bodyKind(c, allowUpload ? ["yaml", "json", "multipart"] : ["yaml", "json"]);
  if (kind === "yaml") return withWho(await validateText(c, await c.req.text()));
  if (kind === "multipart") {
    const form = await c.req.parseBody({ all: true }).catch(() => {
      throw new HttpProblem("invalid-request", serverSays("unreadableForm"));
    });
    const fileField = form["file"];
    const files = (Array.isArray(fileField) ? fileField : fileField === undefined ? [] : [fileField]).filter((f): f is File => typeof f !== "string");
    const uploads: UploadedFile[] = await Promise.all(files.map(readUpload));
    const field = (name: string) => (typeof form[name] === "string" ? form[name] : undefined);
    return withWho(scenarioFromUploads(uploads), { author: field("author"), message: field("message") });
  }
  const bodyText = await c.req.text();
  const large = await validateLargeJsonBody(c, bodyText, wrapsScenario);
  if (large) return withWho(large);
  const doc = parseJsonBody(bodyText);
  const value = doc.value;
  if (isRecord(value) && wrapsScenario(Object.keys(value))) {
    const body = checkBody(envelope, doc);
    if ((body.scenario === undefined) === (body.yaml === undefined)) throw new HttpProblem("invalid-request", serverSays("scenarioOrYaml"));
    const text =
      body.yaml !== undefined
        ? await validateText(c, body.yaml, "<yaml>")
        : typeof body.scenario === "string"
          ? await validateText(c, body.scenario, "<scenario>")
          : scenarioFromEmbedded(doc, ["scenario"], body.scenario);
    return withWho(text, body);
  }
  // The body is the scenario itself: validate its text, so that errors point into it.
  const text = await validateText(c, doc.text);
  return withWho({ ...text, yaml: stringify(value, { lineWidth: 0 }) });
}

/**
 * The JSON of a value the store shares and never changes (a listing, a version), encoded once as
 * UTF-8: a scenario of 80 kB is read far more often than it is saved, and its encoding would
 * otherwise be paid on the event loop at every read.
 */
const encoded = new WeakMap<object, Uint8Array>();
function jsonOfShared(c: Context, value: object): Response {
  let body = encoded.get(value);
  if (!body) {
    body = Buffer.from(JSON.stringify(value));
    encoded.set(value, body);
  }
  return c.body(body as Uint8Array<ArrayBuffer>, 200, { "content-type": "application/json" });
}

export function scenarioRoutes(store: Store): Hono {
  const app = new Hono();

  app.get("/", (c) => jsonOfShared(c, store.listScenarios({ deleted: c.req.query("deleted") === "true" })));

  app.post("/", async (c) => {
    const submission = await readSubmission(c, true);
    const created = store.createScenario(submission);
    c.header("ETag", etag(created.version));
    c.header("Location", `/api/scenarios/${encodeURIComponent(created.id)}`);
    return c.json({ ...created, warnings: submission.warnings.map(toEntry) }, 201);
  });

  app.get("/:id", (c) => {
    const version = store.getScenario(c.req.param("id"));
    const tag = etag(version.version);
    c.header("ETag", tag);
    if (c.req.header("if-none-match") === tag) return c.body(null, 304);
    return jsonOfShared(c, version);
  });

  app.put("/:id", async (c) => {
    const id = c.req.param("id");
    const expected = ifMatch(c);
    const current = store.currentVersion(id);
    if (expected !== "*" && expected !== current) {
      throw new HttpProblem("precondition-failed", serverSays("stale", id, current, expected), { currentVersion: current }, { etag: etag(current) });
    }
    const submission = await readSubmission(c, false);
    if (submission.scenario.id !== id) {
      // A version keeps its scenario's id: a text that names another is a new scenario (POST it).
      const detail = serverSays("otherId", submission.scenario.id, id);
      const line = submission.yaml.split("\n").findIndex((l) => /^["']?id["']?\s*:/.test(l)) + 1;
      throw new HttpProblem("invalid-input", detail, { errors: [{ path: "id", line, column: line > 0 ? 1 : 0, message: detail }] });
    }
    const saved = store.saveVersion(id, expected, submission);
    c.header("ETag", etag(saved.version));
    return c.json({ ...saved, warnings: submission.warnings.map(toEntry) });
  });

  app.delete("/:id", (c) => {
    store.deleteScenario(c.req.param("id"), ifMatch(c), { hard: c.req.query("hard") === "true" });
    return c.body(null, 204);
  });

  app.get("/:id/versions", (c) => c.json(store.listVersions(c.req.param("id"))));

  app.get("/:id/versions/:version", (c) => {
    const id = c.req.param("id");
    const version = store.getScenario(id, positiveInt(c.req.param("version"), "version"), { includeDeleted: true });
    c.header("ETag", etag(version.version));
    const format = c.req.query("format");
    if (format === "yaml") {
      c.header("Content-Type", "text/yaml; charset=utf-8");
      c.header("Content-Disposition", `attachment; filename="${id.replace(/[^A-Za-z0-9._-]/g, "_")}-v${version.version}.yaml"`);
      return c.body(version.yaml);
    }
    if (format !== undefined && format !== "json") throw new HttpProblem("invalid-request", serverSays("eitherOf", "format", "json", "yaml", format));
    return jsonOfShared(c, version);
  });

  // The briefing (docs/report.md) of a stored version, for reading and printing. It carries its own
  // inline styles and no script, so this one response allows inline styles and nothing more.
  app.get("/:id/briefing", async (c) => {
    const id = c.req.param("id");
    const versionQuery = c.req.query("version");
    const found = store.getScenario(id, versionQuery === undefined ? undefined : positiveInt(versionQuery, "version"), { includeDeleted: versionQuery !== undefined });
    const lang = c.req.query("lang") ?? found.scenario.language;
    if (lang !== "en" && lang !== "zh") throw new HttpProblem("invalid-request", serverSays("eitherOf", "lang", "en", "zh", lang));
    const format = c.req.query("format") ?? "html";
    if (format !== "html" && format !== "md") throw new HttpProblem("invalid-request", serverSays("eitherOf", "format", "html", "md", format));
    const runsQuery = c.req.query("runs");
    const runs = runsQuery === undefined ? undefined : positiveInt(runsQuery, "runs");
    if (runs !== undefined) checkRuns(runs);
    const text = (await runJob(c, "briefing", { scenario: found.scenario, language: lang, format, ...(runs !== undefined ? { runs } : {}) }, serverSays("lessRunsOrNone"))).parse();
    if (format === "md") {
      c.header("Content-Type", "text/markdown; charset=utf-8");
      return c.body(text);
    }
    c.header(DOCUMENT_POLICY_HEADER, "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    return c.html(text);
  });

  app.get("/:id/diff", (c) => {
    const id = c.req.param("id");
    const latest = store.getScenario(id, undefined, { includeDeleted: true }).version;
    const to = c.req.query("to") === undefined ? latest : positiveInt(c.req.query("to"), "to");
    const from = c.req.query("from") === undefined ? Math.max(1, to - 1) : positiveInt(c.req.query("from"), "from");
    const a = store.getScenario(id, from, { includeDeleted: true });
    const b = store.getScenario(id, to, { includeDeleted: true });
    return c.json({
      id,
      from,
      to,
      changes: diffValues(a.scenario, b.scenario),
      unified: unifiedDiff(a.yaml, b.yaml, { from: `${id} version ${from}`, to: `${id} version ${to}` }),
    });
  });

  app.post("/:id/restore", async (c) => {
    const id = c.req.param("id");
    bodyKind(c, ["json"]);
    const body = checkBody(z.strictObject({ version: z.int().min(1), author: z.string().max(200).optional(), message: z.string().max(10_000).optional() }), await readJsonBody(c));
    const author = body.author ?? textHeader(c, "parley-author");
    const message = body.message ?? textHeader(c, "parley-message");
    const saved = store.restoreVersion(id, body.version, optionalIfMatch(c), { ...(author !== undefined ? { author } : {}), ...(message !== undefined ? { message } : {}) });
    c.header("ETag", etag(saved.version));
    return c.json(saved);
  });

  return app;
}
