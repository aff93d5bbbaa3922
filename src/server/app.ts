/**
 * The workbench server as a Hono app: the JSON API under `/api` and the web app's files, from one
 * process. `createApp` only wires routes and middleware to a store; `start.ts` puts it on a port.
 * Tests drive it with `app.request()` or over a real socket.
 */
import { createRequire } from "node:module";
import { Hono, type Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { models } from "../models/index.js";
import { LATEST_SCHEMA, StoreError, type Store } from "../store/index.js";
import { ComputePool } from "../compute/pool.js";
import { limitBody } from "./body-limit.js";
import { compressResponses } from "./compression.js";
import { provideCompute } from "./compute.js";
import { storeProblem } from "./http.js";
import { openApiDocument } from "./openapi.js";
import { serverSays } from "../i18n/problems.js";
import { HttpProblem, problemResponse, type ProblemKind } from "./problem.js";
import { analysisRoutes } from "./routes/analysis.js";
import { scenarioRoutes } from "./routes/scenarios.js";
import { corsFor, loopbackHostOnly, requireToken, sameOriginWrites, securityHeaders } from "./security.js";
import { staticRoutes } from "./static.js";

/** Request bodies larger than this are refused with 413. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

export interface AppOptions {
  readonly store: Store;
  /**
   * Access token. When set, every request but `GET /api/health` must carry it (see
   * `security.ts`); when absent, only requests addressed to a loopback host name are answered.
   */
  readonly token?: string;
  /** The built web app (`dist/web`); when absent or not built, pages say how to build it. */
  readonly staticDir?: string;
  /** The one origin allowed to call the API from a browser (CORS); none by default. */
  readonly cors?: string;
  /** Where internal errors are logged (default: stderr). */
  readonly log?: (message: string) => void;
  /**
   * The worker pool heavy analyses run on (src/compute/). Default: a pool with the default limits,
   * started on first use; whoever passes one closes it.
   */
  readonly compute?: ComputePool;
}

const packageVersion = (createRequire(import.meta.url)("../../package.json") as { version: string }).version;

export function createApp(options: AppOptions): Hono {
  const { store } = options;
  const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
  const app = new Hono();

  app.onError((error, c) => {
    if (error instanceof HttpProblem) return problemResponse(c, error);
    if (error instanceof StoreError) return problemResponse(c, storeProblem(error));
    if (error instanceof HTTPException && error.status < 500) {
      const kind: ProblemKind = error.status === 413 ? "payload-too-large" : error.status === 401 ? "unauthorized" : "invalid-request";
      return problemResponse(c, new HttpProblem(kind, error.message || serverSays("cannotProcess"), { status: error.status }));
    }
    // Safety nets: input so deep or so large that a parser or an allocation gave up is the input's fault.
    if (error instanceof RangeError && /call stack/i.test(error.message)) {
      return problemResponse(c, new HttpProblem("invalid-input", serverSays("nestedTooDeep")));
    }
    if (error instanceof RangeError && /invalid (array|string) length/i.test(error.message)) {
      return problemResponse(c, new HttpProblem("over-budget", serverSays("tooLargeToCompute")));
    }
    log(`parley serve: internal error on ${c.req.method} ${c.req.path}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return problemResponse(c, new HttpProblem("internal", serverSays("internal")));
  });
  const noRoute = (c: Context) => problemResponse(c, new HttpProblem("not-found", serverSays("noRoute", c.req.method, c.req.path)));
  app.notFound((c) => {
    if (isApi(c.req.path)) return noRoute(c);
    return c.text("Not found", 404);
  });

  // Outermost, so that it compresses every response, errors included, and Server-Timing leaves it out.
  app.use("*", compressResponses());
  app.use("*", securityHeaders());
  app.use("/api/*", provideCompute(options.compute ?? new ComputePool()));
  if (options.cors !== undefined) app.use("/api/*", corsFor(options.cors));
  app.use("*", options.token !== undefined ? requireToken(options.token) : loopbackHostOnly());
  app.use("*", sameOriginWrites(options.cors));
  app.use("/api/*", async (c, next) => {
    const start = performance.now();
    await next();
    if (!c.res.headers.has("cache-control")) c.res.headers.set("Cache-Control", "no-store");
    // How long the server took, waiting for a worker included (shown by browsers' developer tools; `npm run bench` reads it per route).
    c.res.headers.set("Server-Timing", `app;dur=${(performance.now() - start).toFixed(1)}`);
  });
  app.use(
    "/api/*",
    limitBody(MAX_BODY_BYTES, (c) => problemResponse(c, new HttpProblem("payload-too-large", serverSays("bodyTooLarge", MAX_BODY_BYTES / 1024 / 1024)))),
  );

  app.get("/api/health", (c) => c.json({ status: "ok", version: packageVersion, schema: LATEST_SCHEMA }));
  app.get("/api/openapi.json", (c) => c.json(openApiDocument(packageVersion)));
  app.get("/api/models", (c) => c.json(models.map((m) => ({ id: m.id, name: m.name, description: m.description, iterative: m.iterative }))));
  app.route("/api/scenarios", scenarioRoutes(store));
  app.route("/api", analysisRoutes(store));
  app.all("/api/*", noRoute);
  app.all("/api", noRoute);
  app.route("/", staticRoutes(options.staticDir, { scenarioDocument: (id) => currentDocument(store, id) }));
  return app;
}

/** What `GET /api/scenarios/<id>` answers, or undefined when no scenario has that id (the page then asks the API and shows its answer). */
function currentDocument(store: Store, id: string): object | undefined {
  try {
    return store.getScenario(id);
  } catch (error) {
    if (error instanceof StoreError) return undefined;
    throw error;
  }
}

function isApi(path: string): boolean {
  return path === "/api" || path.startsWith("/api/");
}
