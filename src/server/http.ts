/** Small HTTP helpers shared by the routes: versions as entity tags, who saved a version and why. */
import type { Context } from "hono";
import type { ExpectedVersion } from "../store/index.js";
import { StoreError } from "../store/index.js";
import { HttpProblem } from "./problem.js";

/** A scenario version as a strong entity tag: `"3"`. */
export const etag = (version: number): string => `"${version}"`;

/** The version `If-Match` names: 428 when absent, 400 when not one version tag or `*`. */
export function ifMatch(c: Context): ExpectedVersion {
  const header = c.req.header("if-match");
  if (header === undefined || header.trim() === "") {
    throw new HttpProblem("precondition-required", 'send If-Match with the ETag of the version you edited (e.g. If-Match: "3"), so that a change made meanwhile is not overwritten');
  }
  return parseIfMatch(header);
}

/** Like {@link ifMatch}, but optional. */
export function optionalIfMatch(c: Context): ExpectedVersion {
  const header = c.req.header("if-match");
  return header === undefined || header.trim() === "" ? "*" : parseIfMatch(header);
}

function parseIfMatch(header: string): ExpectedVersion {
  const value = header.trim();
  if (value === "*") return "*";
  const match = /^"(\d+)"$/.exec(value);
  if (!match) throw new HttpProblem("invalid-request", `If-Match must be one version's ETag, such as "3" (with the quotes), or *; got ${value}`);
  return Number(match[1]);
}

/** A header value that may be percent-encoded (so that it can carry any Unicode text). */
export function textHeader(c: Context, name: string): string | undefined {
  const raw = c.req.header(name);
  if (raw === undefined) return undefined;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** A positive whole number from a path or query parameter. */
export function positiveInt(value: string | undefined, name: string): number {
  const n = Number(value);
  if (value === undefined || !/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) {
    throw new HttpProblem("invalid-request", `${name} must be a whole number ≥ 1${value === undefined ? "" : `, got "${value}"`}`, {
      errors: [{ path: name, line: 0, column: 0, message: `expected a whole number ≥ 1` }],
    });
  }
  return n;
}

/** The store's refusals as HTTP problems. */
export function storeProblem(error: StoreError): HttpProblem {
  switch (error.code) {
    case "not-found":
      return new HttpProblem("not-found", error.message);
    case "deleted":
      return new HttpProblem("gone", error.message);
    case "stale":
      return error.currentVersion === undefined
        ? new HttpProblem("precondition-failed", error.message)
        : new HttpProblem("precondition-failed", error.message, { currentVersion: error.currentVersion }, { etag: etag(error.currentVersion) });
  }
}
