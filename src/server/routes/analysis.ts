/**
 * `/api/forecast`, `/api/sensitivity`, `/api/simulate`, `/api/agreement`, `/api/deal`, `/api/analyze` and `/api/runs`. An analysis runs on a stored
 * scenario version (`scenarioId`, `version`) or on a scenario sent with the request (`scenario`);
 * with `save: true`, or through `POST /api/runs`, it is saved with everything needed to repeat it.
 */
import { Hono, type Context } from "hono";
import type { z } from "zod";
import { RUN_KINDS, type RunKind, type RunRecord, type Store } from "../../store/index.js";
import type { Scenario } from "../../scenario/types.js";
import {
  agreementRequest,
  analyzeRequest,
  calibrationOf,
  dealRequest,
  forecastRequest,
  runAgreement,
  runAnalyze,
  runDeal,
  runForecast,
  runRequest,
  runSensitivity,
  runSimulate,
  sensitivityRequest,
  simulateRequest,
  type RunOutput,
  type RunRequest,
} from "../analysis.js";
import { JsonText, jsonResponse } from "../compute.js";
import { positiveInt } from "../http.js";
import { bodyKind, checkBody, readJsonBody, scenarioFromEmbedded } from "../input.js";
import { serverSays } from "../../i18n/problems.js";
import { HttpProblem } from "../problem.js";
import type { LocatedDocument } from "../../scenario/document.js";

interface ResolvedScenario {
  readonly scenario: Scenario;
  readonly scenarioId: string | null;
  readonly scenarioVersion: number | null;
}

/** The scenario a request names: a stored version, or the one it carries. */
function resolveScenario(store: Store, doc: LocatedDocument, request: { scenarioId?: string | undefined; version?: number | undefined; scenario?: unknown }): ResolvedScenario {
  if ((request.scenarioId === undefined) === (request.scenario === undefined)) {
    throw new HttpProblem("invalid-request", serverSays("scenarioOrId"));
  }
  if (request.scenarioId !== undefined) {
    const found = store.getScenario(request.scenarioId, request.version, { includeDeleted: request.version !== undefined });
    return { scenario: found.scenario, scenarioId: found.id, scenarioVersion: found.version };
  }
  if (request.version !== undefined) throw new HttpProblem("invalid-request", serverSays("versionWithId"));
  return { scenario: scenarioFromEmbedded(doc, ["scenario"], request.scenario).scenario, scenarioId: null, scenarioVersion: null };
}

function execute(c: Context, doc: LocatedDocument, scenario: Scenario, request: RunRequest): Promise<RunOutput<unknown>> | RunOutput<unknown> {
  switch (request.kind) {
    case "forecast":
      return runForecast(c, scenario, request, request.calibration === undefined ? undefined : calibrationOf(doc));
    case "deal":
      return runDeal(scenario, request);
    case "analyze":
      return runAnalyze(c, scenario, request);
    case "simulate":
      return runSimulate(c, scenario, request);
  }
}

/** Refuses, before running it, a run that is not saved: a tournament (a table of profiles, not one run). */
function checkSavable(request: RunRequest): void {
  if (request.kind === "simulate" && request.tournament && request.tournament.length > 0) {
    throw new HttpProblem("invalid-request", serverSays("tournamentNotSaved"));
  }
}

function save(store: Store, kind: RunKind, resolved: ResolvedScenario, output: RunOutput<unknown>): RunRecord {
  return store.saveRun({
    kind,
    scenarioId: resolved.scenarioId,
    scenarioVersion: resolved.scenarioVersion,
    ...(resolved.scenarioId === null ? { scenario: resolved.scenario } : {}),
    models: output.models,
    parameters: output.parameters,
    seed: output.seed,
    results: output.results instanceof JsonText ? output.results.parse() : output.results,
  });
}

export function analysisRoutes(store: Store): Hono {
  const app = new Hono();

  const endpoint = <S extends z.ZodType<Omit<RunRequest, "kind">>>(kind: RunKind, schema: S) =>
    async (c: Context) => {
      bodyKind(c, ["json"]);
      const doc = await readJsonBody(c);
      const request = { ...checkBody(schema, doc), kind } as RunRequest;
      if (request.save) checkSavable(request);
      const resolved = resolveScenario(store, doc, request);
      const output = await execute(c, doc, resolved.scenario, request);
      if (request.save) {
        const run = save(store, kind, resolved, output);
        c.header("Location", `/api/runs/${run.id}`);
        c.header("Parley-Run-Id", String(run.id));
      }
      return output.results instanceof JsonText ? jsonResponse(c, output.results) : c.json(output.results as object);
    };

  app.post("/forecast", endpoint("forecast", forecastRequest));
  app.post("/deal", endpoint("deal", dealRequest));
  app.post("/analyze", endpoint("analyze", analyzeRequest));
  app.post("/simulate", endpoint("simulate", simulateRequest));

  app.post("/sensitivity", async (c) => {
    bodyKind(c, ["json"]);
    const doc = await readJsonBody(c);
    const request = checkBody(sensitivityRequest, doc);
    return jsonResponse(c, await runSensitivity(c, resolveScenario(store, doc, request).scenario, request));
  });

  app.post("/agreement", async (c) => {
    bodyKind(c, ["json"]);
    const doc = await readJsonBody(c);
    const request = checkBody(agreementRequest, doc);
    return jsonResponse(c, await runAgreement(c, resolveScenario(store, doc, request).scenario, request));
  });

  app.get("/runs", (c) => {
    const kind = c.req.query("kind");
    if (kind !== undefined && !(RUN_KINDS as readonly string[]).includes(kind)) throw new HttpProblem("invalid-request", serverSays("runKind", kind));
    const limit = c.req.query("limit");
    const scenarioId = c.req.query("scenarioId");
    return c.json(
      store.listRuns({
        ...(scenarioId !== undefined ? { scenarioId } : {}),
        ...(kind !== undefined ? { kind: kind as RunKind } : {}),
        ...(limit !== undefined ? { limit: Math.min(1000, positiveInt(limit, "limit")) } : {}),
      }),
    );
  });

  app.post("/runs", async (c) => {
    bodyKind(c, ["json"]);
    const doc = await readJsonBody(c);
    const request = checkBody(runRequest, doc);
    checkSavable(request);
    const resolved = resolveScenario(store, doc, request);
    const run = save(store, request.kind, resolved, await execute(c, doc, resolved.scenario, request));
    c.header("Location", `/api/runs/${run.id}`);
    return c.json(run, 201);
  });

  app.get("/runs/:id", (c) => {
    const run = store.getRun(positiveInt(c.req.param("id"), "id"));
    if (!run) throw new HttpProblem("not-found", serverSays("noRun", c.req.param("id")));
    return c.json(run);
  });

  return app;
}
