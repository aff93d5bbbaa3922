/**
 * Errors as RFC 9457 problem details (`application/problem+json`). Handlers throw an
 * {@link HttpProblem}; the app's error handler writes it. Anything else thrown is an internal
 * error: logged to stderr, answered with a bare 500 that reveals nothing about the server.
 * Titles and details come in English and Chinese (src/i18n/problems.ts); the answer is in the
 * language the request's Accept-Language prefers. `type`, paths, lines and columns never change.
 */
import type { Context } from "hono";
import { PROBLEM_TITLES, preferredLanguage, sameWords, type ServerProblemKind, type Words } from "../i18n/problems.js";
import type { Diagnostic } from "../scenario/diagnostics.js";
import type { Language } from "../scenario/label.js";

/** One located problem in the request, as the CLI reports it (line and column 0 when unknown). */
export interface ProblemEntry {
  readonly path: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** A located problem whose message the server words itself, in both languages. */
export type ProblemEntryInput = Omit<ProblemEntry, "message"> & { readonly message: string | Words };

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

/** The kinds of problem the API reports, with their status (titles: PROBLEM_TITLES). */
export const PROBLEMS = {
  "invalid-request": 400,
  unauthorized: 401,
  forbidden: 403,
  "not-found": 404,
  "method-not-allowed": 405,
  gone: 410,
  "precondition-failed": 412,
  "payload-too-large": 413,
  "unsupported-media-type": 415,
  "misdirected-request": 421,
  "invalid-scenario": 422,
  "invalid-input": 422,
  "over-budget": 422,
  "precondition-required": 428,
  "client-closed": 499,
  internal: 500,
  "not-implemented": 501,
  "server-busy": 503,
} as const satisfies Record<ServerProblemKind, number>;

export type ProblemKind = keyof typeof PROBLEMS;

export interface ProblemExtra {
  readonly errors?: readonly ProblemEntryInput[];
  readonly warnings?: readonly ProblemEntryInput[];
  readonly currentVersion?: number;
  readonly limit?: ProblemLimit;
  /** A status other than the kind's (a framework's 4xx passed on as it came). */
  readonly status?: number;
}

export class HttpProblem extends Error {
  override readonly name = "HttpProblem";
  /** Headers to send with the problem (e.g. the current ETag with a 412). */
  readonly headers: Record<string, string>;
  readonly #kind: ProblemKind;
  readonly #detail: Words;
  readonly #extra: ProblemExtra;
  /**
   * `detail` is the server's own wording in both languages (`serverSays`), or a string that reads
   * the same in either (a library's message).
   */
  constructor(kind: ProblemKind, detail: string | Words, extra: ProblemExtra = {}, headers: Record<string, string> = {}) {
    const words = typeof detail === "string" ? sameWords(detail) : detail;
    super(words.en);
    this.#kind = kind;
    this.#detail = words;
    this.#extra = extra;
    this.headers = headers;
  }
  /** The problem in English. */
  get problem(): Problem {
    return this.in("en");
  }
  /** The problem in a language: title, detail and the server's own entry messages translated. */
  in(language: Language): Problem {
    const { errors, warnings, status, ...rest } = this.#extra;
    const entry = (e: ProblemEntryInput): ProblemEntry => ({ ...e, message: typeof e.message === "string" ? e.message : e.message[language] });
    return {
      type: `urn:parley:problem:${this.#kind}`,
      title: PROBLEM_TITLES[language][this.#kind],
      status: status ?? PROBLEMS[this.#kind],
      detail: this.#detail[language],
      ...(errors ? { errors: errors.map(entry) } : {}),
      ...(warnings ? { warnings: warnings.map(entry) } : {}),
      ...rest,
    };
  }
  get status(): number {
    return this.#extra.status ?? PROBLEMS[this.#kind];
  }
}

export function toEntry(d: Diagnostic): ProblemEntry {
  return { path: d.path, line: d.line, column: d.column, message: d.message };
}

/** Located problems in one line ("path: message; …"), for a detail that quotes them. */
export function entriesText(entries: readonly ProblemEntry[]): string {
  return entries.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join("; ");
}

/** The language a request's Accept-Language prefers (English by default). */
export function requestLanguage(c: Context): Language {
  return preferredLanguage(c.req.header("accept-language"));
}

/** The response for a problem, in the language the request prefers. */
export function problemResponse(c: Context, problem: HttpProblem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(problem.in(requestLanguage(c))), {
    status: problem.status,
    headers: { "content-type": "application/problem+json; charset=utf-8", "cache-control": "no-store", "content-language": requestLanguage(c), vary: "Accept-Language", ...problem.headers, ...headers },
  });
}
