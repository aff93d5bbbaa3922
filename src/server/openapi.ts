/**
 * The API's OpenAPI 3.1 description, served at `/api/openapi.json`. Written out by hand next to
 * the routes; the scenario schema is the format's own JSON Schema (OpenAPI 3.1 uses JSON Schema
 * 2020-12), so it cannot drift from the validator.
 */
import { scenarioJsonSchema } from "../scenario/validate.js";

type Json = Record<string, unknown>;

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Json, description = "OK"): Json => ({ description, content: { "application/json": { schema } } });
const problems = (...statuses: number[]): Json =>
  Object.fromEntries(statuses.map((s) => [String(s), { $ref: `#/components/responses/Problem${s}` }]));
const idParam = { name: "id", in: "path", required: true, schema: { type: "string" }, description: "The scenario's id in the store." };
const ifMatch = (required: boolean): Json => ({
  name: "If-Match",
  in: "header",
  required,
  schema: { type: "string", examples: ['"3"', "*"] },
  description: 'The ETag of the version the change is based on (`"3"`), or `*` for whatever version is current.',
});
const whoHeaders: Json[] = [
  { name: "Parley-Author", in: "header", schema: { type: "string" }, description: "Who saves the version (percent-encode non-ASCII text)." },
  { name: "Parley-Message", in: "header", schema: { type: "string" }, description: "Why (percent-encode non-ASCII text)." },
];
const scenarioBody = (upload: boolean): Json => ({
  required: true,
  content: {
    "application/yaml": { schema: { type: "string" }, description: "The scenario's YAML (or JSON) text; `text/plain` and `text/yaml` work too." },
    "application/json": {
      schema: { oneOf: [ref("Scenario"), ref("ScenarioEnvelope")] },
      description: "Scenario data, or `{scenario | yaml, author?, message?}`.",
    },
    ...(upload
      ? {
          "multipart/form-data": {
            schema: {
              type: "object",
              properties: {
                file: { type: "array", items: { type: "string", contentMediaType: "application/octet-stream" }, description: "The file(s) to import." },
                author: { type: "string" },
                message: { type: "string" },
              },
              required: ["file"],
            },
            description:
              "Import a file: a Parley scenario (YAML/JSON), a KTAB SMP input (CSV/XML), an EUM reference CSV, or a GENIUS / GeniusWeb / NegoLog domain with its profiles (several `file` fields).",
          },
        }
      : {}),
  },
});
/** The request properties of a forecast and a sensitivity analysis; `runs` described as given. */
const samplingProperties = (runs: string): Json => ({
  models: { type: "array", items: { type: "string" }, description: "Model ids (default: all)." },
  rounds: { type: "integer", minimum: 1, maximum: 10000 },
  seed: { type: "integer", minimum: 0 },
  runs: { type: "integer", minimum: 1, maximum: 20000, description: runs },
});
/** An analysis's request body; `saved`: it takes `save` (the kinds of /api/runs). */
const analysisBody = (extra: Json, required: string[] = [], saved = true): Json => ({
  required: true,
  content: {
    "application/json": {
      schema: {
        type: "object",
        additionalProperties: false,
        required,
        properties: {
          scenarioId: { type: "string", description: "A stored scenario (give this or `scenario`)." },
          version: { type: "integer", minimum: 1, description: "Its version (default: current)." },
          scenario: { oneOf: [ref("Scenario"), { type: "string", description: "YAML text" }], description: "A scenario not in the store." },
          ...(saved ? { save: { type: "boolean", description: "Also save the run; its URL comes back in `Location`." } } : {}),
          ...extra,
        },
      },
    },
  },
});
const savedRunHeaders = {
  Location: { schema: { type: "string" }, description: "With `save: true`: the saved run." },
  "Parley-Run-Id": { schema: { type: "integer" }, description: "With `save: true`: the saved run's id." },
};
const etagHeader = { ETag: { schema: { type: "string" }, description: 'The version as an entity tag: `"3"`.' } };
const labelSchema = { oneOf: [{ type: "string" }, { type: "object", properties: { en: { type: "string" }, zh: { type: "string" } } }] };
const entry = {
  type: "object",
  required: ["path", "line", "column", "message"],
  properties: {
    path: { type: "string", description: "Field path, e.g. `stances.USA.sanctions.salience`." },
    line: { type: "integer", description: "1-based line in the text sent; 0 when unknown." },
    column: { type: "integer" },
    message: { type: "string" },
  },
};

const PROBLEM_STATUSES: Record<number, string> = {
  400: "The request is malformed (bad JSON, wrong fields, bad parameters).",
  401: "The access token is missing or wrong.",
  403: "A state-changing request from another site.",
  404: "No such scenario, version, run or route.",
  410: "The scenario is in the trash.",
  412: "If-Match names a version that is no longer current; nothing was changed.",
  413: "The body is larger than 2 MiB.",
  415: "The Content-Type (or the uploaded file's format) is not accepted.",
  421: "Without a token the server answers only to loopback host names.",
  422: "The scenario (or the analysis's input) is invalid; `errors` lists every problem. `over-budget`: the request asks for more computation than the server allows; `limit` says which limit, the detail how to ask for less.",
  428: "If-Match is required.",
  500: "Internal error (details are only in the server's log).",
  503: "Every compute thread is busy and the queue is full (`server-busy`); retry after `Retry-After` seconds.",
};

let cached: Json | undefined;

export function openApiDocument(version: string): Json {
  if (cached) return cached;
  const { $schema: _ignored, ...scenarioSchema } = scenarioJsonSchema() as Json;
  cached = {
    openapi: "3.1.0",
    info: {
      title: "Parley workbench API",
      version,
      license: { name: "MIT", identifier: "MIT" },
      description:
        "Scenarios with version history, forecasts, deal evaluation, outcome-space analysis and saved runs. Errors are RFC 9457 problem details. See docs/api.md.",
    },
    servers: [{ url: "/" }],
    security: [{}, { bearer: [] }, { cookie: [] }],
    paths: {
      "/api/health": { get: { summary: "Liveness", security: [], responses: { 200: json({ type: "object", properties: { status: { const: "ok" }, version: { type: "string" }, schema: { type: "integer" } } }) } } },
      "/api/openapi.json": { get: { summary: "This document", responses: { 200: json({ type: "object" }) } } },
      "/api/models": { get: { summary: "Forecasting models", responses: { 200: json({ type: "array", items: ref("Model") }) } } },
      "/api/scenarios": {
        get: {
          summary: "Scenarios, most recently changed first",
          parameters: [{ name: "deleted", in: "query", schema: { type: "boolean" }, description: "List the trash instead." }],
          responses: { 200: json({ type: "array", items: ref("ScenarioSummary") }) },
        },
        post: {
          summary: "Create a scenario (or import a file)",
          parameters: whoHeaders,
          requestBody: scenarioBody(true),
          responses: {
            201: { ...json(ref("Saved"), "Created"), headers: { ...etagHeader, Location: { schema: { type: "string" } } } },
            ...problems(400, 413, 415, 422),
          },
        },
      },
      "/api/scenarios/{id}": {
        parameters: [idParam],
        get: {
          summary: "The current version",
          parameters: [{ name: "If-None-Match", in: "header", schema: { type: "string" } }],
          responses: { 200: { ...json(ref("ScenarioVersion")), headers: etagHeader }, 304: { description: "Not modified" }, ...problems(404, 410) },
        },
        put: {
          summary: "Save a new version",
          parameters: [ifMatch(true), ...whoHeaders],
          requestBody: scenarioBody(false),
          responses: { 200: { ...json(ref("Saved")), headers: etagHeader }, ...problems(400, 404, 410, 412, 413, 415, 422, 428) },
        },
        delete: {
          summary: "Delete: to the trash, or for good with hard=true",
          parameters: [ifMatch(true), { name: "hard", in: "query", schema: { type: "boolean" }, description: "Remove the scenario, its history and its runs for good." }],
          responses: { 204: { description: "Deleted" }, ...problems(400, 404, 410, 412, 428) },
        },
      },
      "/api/scenarios/{id}/versions": {
        parameters: [idParam],
        get: { summary: "Every version, newest first", responses: { 200: json({ type: "array", items: ref("VersionSummary") }), ...problems(404) } },
      },
      "/api/scenarios/{id}/versions/{version}": {
        parameters: [idParam, { name: "version", in: "path", required: true, schema: { type: "integer", minimum: 1 } }, { name: "format", in: "query", schema: { enum: ["json", "yaml"] }, description: "`yaml`: the text, as a download." }],
        get: {
          summary: "One version (as JSON, or its YAML for export)",
          responses: { 200: { description: "OK", content: { "application/json": { schema: ref("ScenarioVersion") }, "text/yaml": { schema: { type: "string" } } } }, ...problems(400, 404) },
        },
      },
      "/api/scenarios/{id}/diff": {
        parameters: [
          idParam,
          { name: "from", in: "query", schema: { type: "integer", minimum: 1 }, description: "Default: the version before `to`." },
          { name: "to", in: "query", schema: { type: "integer", minimum: 1 }, description: "Default: the current version." },
        ],
        get: { summary: "Compare two versions", responses: { 200: json(ref("Diff")), ...problems(400, 404) } },
      },
      "/api/scenarios/{id}/briefing": {
        parameters: [
          idParam,
          { name: "version", in: "query", schema: { type: "integer", minimum: 1 }, description: "Default: the current version." },
          { name: "lang", in: "query", schema: { type: "string", enum: ["en", "zh"] }, description: "Default: the scenario's language." },
          { name: "format", in: "query", schema: { type: "string", enum: ["html", "md"] }, description: "Default: html." },
          { name: "runs", in: "query", schema: { type: "integer", minimum: 1, maximum: 20000 }, description: "Add forecast distributions from a Monte Carlo of this many samples." },
        ],
        get: {
          summary: "The briefing of a version (docs/report.md): self-contained HTML to read and print, or Markdown",
          responses: { 200: { description: "The briefing", content: { "text/html": { schema: { type: "string" } }, "text/markdown": { schema: { type: "string" } } } }, ...problems(400, 404, 422, 503) },
        },
      },
      "/api/scenarios/{id}/restore": {
        parameters: [idParam],
        post: {
          summary: "Save an old version as the new current one (also takes a scenario out of the trash)",
          parameters: [ifMatch(false)],
          requestBody: { required: true, content: { "application/json": { schema: { type: "object", required: ["version"], properties: { version: { type: "integer", minimum: 1 }, author: { type: "string" }, message: { type: "string" } } } } } },
          responses: { 200: { ...json(ref("Saved")), headers: etagHeader }, ...problems(400, 404, 412) },
        },
      },
      "/api/forecast": {
        post: {
          summary:
            "Forecast with every model or the chosen ones (the JSON of `parley forecast --json`, an array); with `runs`, the Monte Carlo report of `parley forecast --runs N --json`; with `calibration`, each issue also gets `interval` (with `runs`, `interval.combined` with the sampled spread)",
          requestBody: analysisBody({
            ...samplingProperties("Monte Carlo samples of the uncertain inputs."),
            calibration: { ...ref("Calibration"), description: "A track record as `parley backtest --save-calibration` writes it: each forecast gets its calibrated interval (docs/calibration.md)." },
            level: { type: "number", exclusiveMinimum: 0, exclusiveMaximum: 1, description: "Coverage of the calibrated intervals (default 0.8)." },
          }),
          responses: { 200: { ...json({ oneOf: [{ type: "array", items: ref("ForecastResult") }, { type: "object", description: "MonteCarloReport" }] }), headers: savedRunHeaders }, ...problems(400, 404, 413, 415, 422, 503) },
        },
      },
      "/api/sensitivity": {
        post: {
          summary: "Which inputs move each forecast most (the JSON of `parley sensitivity --json`); not saved",
          requestBody: analysisBody(samplingProperties("Monte Carlo samples for the first-order indices (default 2000)."), [], false),
          responses: { 200: json({ type: "object", description: "SensitivityReport" }), ...problems(400, 404, 413, 415, 422, 503) },
        },
      },
      "/api/simulate": {
        post: {
          summary: "Simulated talks under stacked alternating offers (the JSON of `parley simulate --json`): one run, a Monte Carlo (`runs`) or a tournament (which is not saved)",
          requestBody: analysisBody({
            strategies: { type: "object", additionalProperties: { type: "string" }, description: "Per actor id, a strategy: boulware, linear, conceder, hardliner, tit-for-tat, informed." },
            strategy: { type: "string", description: "The strategy of every party not in `strategies` (default boulware)." },
            deadline: { type: "integer", minimum: 1, maximum: 10000 },
            collapse: { type: "number", minimum: 0, exclusiveMaximum: 1 },
            seed: { type: "integer", minimum: 0 },
            step: { type: "number", exclusiveMinimum: 0 },
            order: { type: "array", items: { type: "string" } },
            runs: { type: "integer", minimum: 1, maximum: 20000, description: "Monte Carlo runs over the scenario's uncertainty." },
            varyStrategies: { type: "array", items: { type: "string" }, description: "With `runs`: every party draws its strategy from these." },
            tournament: { type: "array", items: { type: "string" }, description: "Every combination of these strategies over `players`." },
            players: { type: "array", items: { type: "string" } },
          }),
          responses: { 200: { ...json({ type: "object", description: "SimulationResult, SimulationRunsReport or TournamentReport" }), headers: savedRunHeaders }, ...problems(400, 404, 413, 415, 422, 503) },
        },
      },
      "/api/agreement": {
        post: {
          summary: "Will they agree at all? The chance of agreement, each deal's, the most likely agreement and why talks may fail (the JSON of `parley agreement --json`, docs/agreement.md); not saved",
          requestBody: analysisBody(
            {
              runs: { type: "integer", minimum: 1, maximum: 20000, description: "Monte Carlo draws over every judgement, red-line credibility included (absent: the scenario as written, probability 0 or 1)." },
              seed: { type: "integer", minimum: 0 },
              step: { type: "number", exclusiveMinimum: 0, description: "Grid step of numeric issues (default: their anchors and reference point)." },
            },
            [],
            false,
          ),
          responses: { 200: json(ref("AgreementReport")), ...problems(400, 404, 413, 415, 422, 503) },
        },
      },
      "/api/deal": {
        post: {
          summary: "Evaluate a deal (the JSON of `parley deal --json`); neither `deal` nor `values`: every deal, as an array",
          requestBody: analysisBody({
            deal: { type: "string", description: "A deal of the scenario." },
            values: { type: "object", additionalProperties: { type: ["number", "string"] }, description: "Issue values (numbers, or option ids): an ad-hoc deal, or changes to `deal`." },
            concernSalience: { type: "number", minimum: 0, maximum: 100 },
          }),
          responses: { 200: { ...json({ oneOf: [ref("DealEvaluation"), { type: "array", items: ref("DealEvaluation") }] }), headers: savedRunHeaders }, ...problems(400, 404, 413, 415, 422) },
        },
      },
      "/api/analyze": {
        post: {
          summary: "Analyse the space of agreements (the JSON of `parley analyze --json`)",
          requestBody: analysisBody({
            step: { type: "number", exclusiveMinimum: 0, description: "Discretise numeric issues every `step` units (default: at anchors and the status quo)." },
            parties: { type: "array", items: { type: "string" }, description: "Actor ids (default: all)." },
            deal: { type: "string", description: "Assess this deal as the agreement." },
            agreement: { type: "object", additionalProperties: { type: ["number", "string"] }, description: "Or assess these issue values." },
            algorithm: { enum: ["auto", "enumeration", "divide-and-conquer"] },
          }),
          responses: { 200: { ...json(ref("SpaceAnalysis")), headers: savedRunHeaders }, ...problems(400, 404, 413, 415, 422, 503) },
        },
      },
      "/api/runs": {
        get: {
          summary: "Saved runs, newest first (without results)",
          parameters: [
            { name: "scenarioId", in: "query", schema: { type: "string" } },
            { name: "kind", in: "query", schema: { enum: ["forecast", "deal", "analyze", "simulate"] } },
            { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 1000, default: 100 } },
          ],
          responses: { 200: json({ type: "array", items: ref("RunSummary") }), ...problems(400) },
        },
        post: {
          summary: "Run an analysis and save it",
          requestBody: analysisBody({ kind: { enum: ["forecast", "deal", "analyze", "simulate"] } }, ["kind"]),
          responses: { 201: { ...json(ref("Run"), "Created"), headers: { Location: { schema: { type: "string" } } } }, ...problems(400, 404, 413, 415, 422) },
        },
      },
      "/api/runs/{id}": {
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "integer", minimum: 1 } }],
        get: { summary: "A saved run with its results", responses: { 200: json(ref("Run")), ...problems(400, 404) } },
      },
    },
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "Required when the server listens beyond this machine (or was given a token)." },
        cookie: { type: "apiKey", in: "cookie", name: "parley_token", description: "Set by visiting `/?token=…`." },
      },
      responses: Object.fromEntries(
        Object.entries(PROBLEM_STATUSES).map(([status, description]) => [`Problem${status}`, { description, content: { "application/problem+json": { schema: ref("Problem") } } }]),
      ),
      schemas: {
        Scenario: scenarioSchema,
        Label: labelSchema,
        ProblemEntry: entry,
        Problem: {
          type: "object",
          required: ["type", "title", "status", "detail"],
          properties: {
            type: { type: "string", description: "`urn:parley:problem:<kind>`" },
            title: { type: "string" },
            status: { type: "integer" },
            detail: { type: "string" },
            errors: { type: "array", items: ref("ProblemEntry") },
            warnings: { type: "array", items: ref("ProblemEntry") },
            currentVersion: { type: "integer", description: "412 only: the current version." },
            limit: {
              type: "object",
              description: "422 `over-budget` and 503 `server-busy`: the limit that was hit.",
              required: ["name", "max"],
              properties: { name: { type: "string" }, max: { type: "number" }, requested: { type: "number" }, unit: { type: "string" } },
            },
          },
        },
        Model: { type: "object", required: ["id", "name", "description", "iterative"], properties: { id: { type: "string" }, name: { type: "string" }, description: { type: "string" }, iterative: { type: "boolean" } } },
        ScenarioEnvelope: {
          type: "object",
          additionalProperties: false,
          properties: { scenario: { oneOf: [ref("Scenario"), { type: "string" }] }, yaml: { type: "string" }, author: { type: "string" }, message: { type: "string" } },
        },
        ScenarioSummary: {
          type: "object",
          required: ["id", "title", "version", "updatedAt"],
          properties: { id: { type: "string" }, title: ref("Label"), version: { type: "integer" }, updatedAt: { type: "string", format: "date-time" }, deletedAt: { type: "string", format: "date-time" } },
        },
        VersionSummary: {
          type: "object",
          required: ["version", "title", "author", "message", "createdAt"],
          properties: { version: { type: "integer" }, title: ref("Label"), author: { type: "string" }, message: { type: "string" }, createdAt: { type: "string", format: "date-time" } },
        },
        ScenarioVersion: {
          allOf: [ref("VersionSummary"), { type: "object", required: ["id", "yaml", "scenario"], properties: { id: { type: "string" }, yaml: { type: "string" }, scenario: { type: "object", description: "The normalised scenario." } } }],
        },
        Saved: { type: "object", required: ["id", "version"], properties: { id: { type: "string" }, version: { type: "integer" }, warnings: { type: "array", items: ref("ProblemEntry") } } },
        Diff: {
          type: "object",
          required: ["id", "from", "to", "changes", "unified"],
          properties: {
            id: { type: "string" },
            from: { type: "integer" },
            to: { type: "integer" },
            changes: {
              type: "array",
              items: { type: "object", required: ["path", "kind"], properties: { path: { type: "string" }, kind: { enum: ["added", "removed", "changed"] }, from: {}, to: {} } },
            },
            unified: { type: "string", description: "A unified diff of the two YAML texts." },
          },
        },
        Calibration: {
          type: "object",
          required: ["format", "version", "source", "scale", "models"],
          additionalProperties: false,
          properties: {
            format: { const: "parley-calibration" },
            version: { const: 1 },
            source: {
              type: "object",
              required: ["issues", "groups"],
              additionalProperties: false,
              properties: { file: { type: "string" }, issues: { type: "integer", minimum: 0 }, groups: { type: "integer", minimum: 0 } },
            },
            condition: { enum: ["reference", "rule", "spread", "actors"] },
            scale: { type: "object", required: ["min", "max"], additionalProperties: false, properties: { min: { type: "number" }, max: { type: "number" } } },
            models: {
              type: "object",
              description: "Per model id: its absolute errors on the calibration cases, ascending (and per category with a condition).",
              additionalProperties: {
                type: "object",
                required: ["n", "errors"],
                additionalProperties: false,
                properties: {
                  n: { type: "integer", minimum: 0 },
                  errors: { type: "array", items: { type: "number", minimum: 0 } },
                  categories: { type: "object", additionalProperties: { type: "array", items: { type: "number", minimum: 0 } } },
                },
              },
            },
          },
        },
        CalibratedInterval: {
          type: "object",
          required: ["level", "lower", "upper"],
          description: "The forecast ± the conformal quantile of its model's past errors, on the issue's scale; `combined`: widened by the Monte Carlo spread (half-widths in quadrature).",
          properties: {
            level: { type: "number" },
            lower: { type: "number" },
            upper: { type: "number" },
            combined: { type: "object", required: ["lower", "upper"], properties: { lower: { type: "number" }, upper: { type: "number" } } },
          },
        },
        ForecastResult: {
          type: "object",
          required: ["scenario", "model", "issues"],
          properties: {
            scenario: { type: "string" },
            model: { type: "string" },
            issues: { type: "array", items: { type: "object", properties: { id: { type: "string" }, forecast: { type: "number" }, interval: ref("CalibratedInterval") } } },
            rounds: { type: "array", items: { type: "object" } },
            details: { type: "object" },
          },
        },
        AgreementReport: {
          type: "object",
          required: ["scenario", "runs", "seed", "completed", "partial", "probability", "standardError", "exact", "unfinished", "decision", "grid", "possible", "summary", "deals", "conflicts", "changes"],
          properties: {
            scenario: { type: "string" },
            runs: { type: "integer", description: "Draws (0: as written)." },
            seed: { type: "integer" },
            completed: { type: "integer" },
            partial: { type: "boolean" },
            probability: { type: "number", minimum: 0, maximum: 1, description: "Chance that some outcome is acceptable to every actor whose signature is needed." },
            standardError: { type: "number" },
            exact: { type: "boolean", description: "False when a search ran out of its node budget." },
            unfinished: { type: "integer" },
            decision: { type: "object", description: "The decision rule: unanimity, veto players and/or a capability threshold." },
            grid: { type: "object", required: ["outcomes"], properties: { outcomes: { type: "integer" }, step: { type: "number" } } },
            possible: { type: "boolean", description: "As written, an agreement is possible." },
            acceptable: { type: "integer", description: "As written, how many outcomes of the grid are agreements." },
            summary: { type: "string", description: "One line: the chance and the main reason." },
            mostLikely: { type: "object", required: ["outcome", "share", "utilities"], properties: { outcome: { type: "object" }, share: { type: "number" }, utilities: { type: "object" } } },
            deals: { type: "array", items: { type: "object", required: ["id", "probability", "agreement", "why"], properties: { id: { type: "string" }, probability: { type: "number" }, agreement: { type: "boolean" }, why: { type: "string" } } } },
            conflicts: {
              type: "array",
              description: "As written: minimal sets of red lines (`ACTOR.lineId`) and walk-away values (`ACTOR`) that cannot all hold together.",
              items: { type: "object", required: ["redLines", "walkAway"], properties: { redLines: { type: "array", items: { type: "string" } }, walkAway: { type: "array", items: { type: "string" } } } },
            },
            changes: {
              type: "array",
              description: "As written: what would have to change (dropping a red line, lowering a walk-away value by `relaxBy`).",
              items: { type: "object", required: ["constraint", "kind", "opens"], properties: { constraint: { type: "string" }, kind: { enum: ["redLine", "walkAway"] }, opens: { type: "boolean" }, relaxBy: { type: "number" } } },
            },
          },
        },
        DealEvaluation: { type: "object", required: ["deal", "outcome", "actors", "criteria", "traps", "concerns", "acceptedByAll"] },
        SpaceAnalysis: { type: "object", required: ["outcomes", "parties", "reservations", "pareto", "nash", "ks", "egalitarian", "maxWelfare"] },
        RunSummary: {
          type: "object",
          required: ["id", "kind", "scenarioId", "scenarioVersion", "models", "parameters", "seed", "createdAt"],
          properties: {
            id: { type: "integer" },
            kind: { enum: ["forecast", "deal", "analyze", "simulate"] },
            scenarioId: { type: ["string", "null"] },
            scenarioVersion: { type: ["integer", "null"] },
            models: { type: "array", items: { type: "string" } },
            parameters: { type: "object" },
            seed: { type: ["integer", "null"] },
            createdAt: { type: "string", format: "date-time" },
          },
        },
        Run: {
          allOf: [ref("RunSummary"), { type: "object", required: ["results"], properties: { results: {}, scenario: { type: "object", description: "The scenario, when it was not a stored one." } } }],
        },
      },
    },
  };
  return cached;
}
