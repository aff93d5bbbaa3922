/**
 * Errors as RFC 9457 problem details (`application/problem+json`). Handlers throw an
 * {@link HttpProblem}; the app's error handler writes it. Anything else thrown is an internal
 * error: logged to stderr, answered with a bare 500 that reveals nothing about the server.
 */
import type { Diagnostic } from "../scenario/diagnostics.js";

/** One located problem in the request, as the CLI reports it (line and column 0 when unknown). */
export interface ProblemEntry {
  readonly path: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export interface Problem {
  /** A URN naming the kind of problem: `urn:parley:problem:<slug>`. */
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly errors?: readonly ProblemEntry[];
  readonly warnings?: readonly ProblemEntry[];
  /** For 412: the version the resource is now at. */
  readonly currentVersion?: number;
  /** For 422 `over-budget` and 503 `server-busy`: the limit that was hit. */
  readonly limit?: ProblemLimit;
}

/** A limit of the server's (docs/api.md, "Limits"): which one, its maximum, and what was asked for. */
export interface ProblemLimit {
  /** `outcomes`, `runs`, `rounds`, `time`, `memory`, `queue`, … */
  readonly name: string;
  readonly max: number;
  /** What the request asked for, when known before running. */
  readonly requested?: number;
  /** The unit of `max` and `requested` when not a count: `ms`, `MiB`. */
  readonly unit?: string;
}

/** The kinds of problem the API reports, with their status and title. */
export const PROBLEMS = {
  "invalid-request": [400, "The request is malformed"],
  unauthorized: [401, "An access token is required"],
  forbidden: [403, "Forbidden"],
  "not-found": [404, "Not found"],
  "method-not-allowed": [405, "Method not allowed"],
  gone: [410, "The scenario is deleted"],
  "precondition-failed": [412, "The resource has changed"],
  "payload-too-large": [413, "The request body is too large"],
  "unsupported-media-type": [415, "Unsupported media type"],
  "misdirected-request": [421, "Unexpected Host header"],
  "invalid-scenario": [422, "The scenario is invalid"],
  "invalid-input": [422, "The input cannot be used"],
  "over-budget": [422, "The request asks for more computation than the server allows"],
  "precondition-required": [428, "If-Match is required"],
  "client-closed": [499, "The client closed the request"],
  internal: [500, "Internal server error"],
  "not-implemented": [501, "Not implemented"],
  "server-busy": [503, "The server is busy"],
} as const satisfies Record<string, readonly [number, string]>;

export type ProblemKind = keyof typeof PROBLEMS;

export class HttpProblem extends Error {
  override readonly name = "HttpProblem";
  readonly problem: Problem;
  /** Headers to send with the problem (e.g. the current ETag with a 412). */
  readonly headers: Record<string, string>;
  constructor(
    kind: ProblemKind,
    detail: string,
    extra: { errors?: readonly ProblemEntry[]; warnings?: readonly ProblemEntry[]; currentVersion?: number; limit?: ProblemLimit } = {},
    headers: Record<string, string> = {},
  ) {
    super(detail);
    const [status, title] = PROBLEMS[kind];
    this.problem = { type: `urn:parley:problem:${kind}`, title, status, detail, ...extra };
    this.headers = headers;
  }
  get status(): number {
    return this.problem.status;
  }
}

export function toEntry(d: Diagnostic): ProblemEntry {
  return { path: d.path, line: d.line, column: d.column, message: d.message };
}

/** The response for a problem. */
export function problemResponse(problem: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { "content-type": "application/problem+json; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}

export function problem(kind: ProblemKind, detail: string): Response {
  return problemResponse(new HttpProblem(kind, detail).problem);
}
