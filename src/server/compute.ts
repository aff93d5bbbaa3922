/**
 * Heavy work off the event loop: routes run every computation that can take more than a few
 * milliseconds as a named compute job (src/compute/jobs.ts) on the app's bounded worker pool, so
 * that health checks and plain reads always answer at once. A route
 *
 * 1. checks the request's size with {@link checkBudget} (refused with 422 `over-budget` before
 *    anything starts, saying which limit and how to ask for less);
 * 2. calls {@link runJob}, which queues the job (503 `server-busy` with `Retry-After` when the queue
 *    is full), stops it at the time limit (422 `over-budget`, limit `time`) and when the client goes
 *    away (its worker is terminated), and turns the job's input errors into 422 `invalid-input`.
 *
 * The pool reaches routes through the context (`c.get("compute")`), set by {@link provideCompute}.
 */
import type { Context, MiddlewareHandler } from "hono";
import type { JobInput, JobName, JobOutput } from "../compute/jobs.js";
import { ComputePool, ComputeRefusal, JobError, secondsOf } from "../compute/pool.js";
import { serverSays, type Words } from "../i18n/problems.js";
import type { Language } from "../scenario/label.js";
import type { Scenario } from "../scenario/types.js";
import { storedScenarioJson } from "../store/index.js";
import { HttpProblem } from "./problem.js";

declare module "hono" {
  interface ContextVariableMap {
    compute: ComputePool;
  }
}

/** Sizes the server accepts, checked before a computation starts (docs/api.md, "Limits"). */
export const BUDGETS = {
  /** Outcomes of an analysed space (the product of the issues' grid sizes). */
  outcomes: 2e7,
  /** Monte Carlo samples of a forecast distribution, a sensitivity analysis or a briefing. */
  runs: 20_000,
  /** Rounds of a fixed-round model (EUM). */
  rounds: 10_000,
} as const;

/** Errors a job throws when the input cannot be used: its message is meant for the user (422). */
const INPUT_ERRORS = new Set(["ModelError", "DealError", "OutcomeSpaceError", "InvalidInputError", "ImportError", "SimulationError"]);

/** Makes the pool available to every route as `c.get("compute")`. */
export function provideCompute(pool: ComputePool): MiddlewareHandler {
  return async (c, next) => {
    c.set("compute", pool);
    await next();
  };
}

export interface BudgetCheck {
  /** The limit's name: a key of {@link BUDGETS} or another count the route bounds. */
  readonly limit: string;
  readonly requested: number;
  readonly max: number;
  /** What the client can change to ask for less, e.g. "use a larger `step`, or fewer `parties`". */
  readonly askForLess: Words;
  /** What is counted, for the message ("outcomes", "samples"). */
  readonly what: Words;
}

/** Refuses, with 422 `over-budget`, a request larger than a limit. */
export function checkBudget(check: BudgetCheck): void {
  if (check.requested <= check.max) return;
  const detail = (language: Language) => serverSays("overBudget", formatCount(check.requested), check.what[language], formatCount(check.max), check.askForLess[language])[language];
  throw new HttpProblem("over-budget", { en: detail("en"), zh: detail("zh") }, {
    limit: { name: check.limit, max: check.max, requested: check.requested },
  });
}

/**
 * A job's result as the JSON text its worker wrote. Routes send it as it is ({@link jsonResponse}):
 * a large result is neither decoded nor encoded again on the event loop. `parse()` when the value is
 * needed (to save a run).
 */
export class JsonText<T> {
  constructor(readonly text: string) {}
  parse(): T {
    return JSON.parse(this.text) as T;
  }
}

/** A 200 response with a job's JSON result. */
export function jsonResponse(c: Context, result: JsonText<unknown>): Response {
  return c.body(result.text, 200, { "content-type": "application/json; charset=UTF-8" });
}

/**
 * Runs a job on the pool for this request, cancelled if the client goes away. `askForLess` completes
 * the message when the job hits the time or memory limit.
 */
export async function runJob<N extends JobName>(c: Context, job: N, input: JobInput<N>, askForLess: Words): Promise<JsonText<JobOutput<N>>> {
  const pool = c.get("compute");
  try {
    const scenarioJson = storedScenarioJson((input as { scenario: Scenario }).scenario);
    return new JsonText<JobOutput<N>>(await pool.runJson(job, input, { signal: c.req.raw.signal, ...(scenarioJson !== undefined ? { scenarioJson } : {}) }));
  } catch (error) {
    throw problemOf(error, askForLess);
  }
}

function problemOf(error: unknown, askForLess: Words): unknown {
  // A detail in each language that ends in what to ask for instead.
  const withLess = (say: (less: string, language: Language) => string): Words => ({ en: say(askForLess.en, "en"), zh: say(askForLess.zh, "zh") });
  if (error instanceof JobError) {
    if (error.errorName === "RangeError" && /Maximum call stack|Invalid (array|string) length/.test(error.message)) {
      return new HttpProblem("over-budget", withLess((less, language) => serverSays("outgrew", less)[language]));
    }
    if (!INPUT_ERRORS.has(error.errorName)) return new Error(`compute job ${error.job} failed: ${error.message}`);
    return new HttpProblem("invalid-input", error.message, { errors: [{ path: "", line: 0, column: 0, message: error.message }] });
  }
  if (!(error instanceof ComputeRefusal)) return error;
  switch (error.reason) {
    case "busy":
      return new HttpProblem(
        "server-busy",
        withLess((less, language) =>
          (error.queue === undefined ? serverSays("shuttingDown", less) : serverSays("busy", error.queue.threads, error.queue.waiting, error.retryAfterSeconds ?? 1, less))[language],
        ),
        { limit: { name: "queue", max: error.limit } },
        { "retry-after": String(error.retryAfterSeconds ?? 1) },
      );
    case "time":
      return new HttpProblem("over-budget", withLess((less, language) => serverSays("timeLimit", secondsOf(error.limit), less)[language]), { limit: { name: "time", max: error.limit, unit: "ms" } });
    case "memory":
      return new HttpProblem("over-budget", withLess((less, language) => serverSays("memoryLimit", error.limit, less)[language]), { limit: { name: "memory", max: error.limit, unit: "MiB" } });
    case "cancelled":
      return new HttpProblem("client-closed", serverSays("cancelled"));
  }
}

function formatCount(n: number): string {
  return n >= 1e6 ? n.toExponential(2).replace("e+", "e") : n.toLocaleString("en");
}
