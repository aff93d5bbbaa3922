/** Small HTTP helpers shared by the routes: versions as entity tags, who saved a version and why. */
import type { Context } from "hono";
import type { ExpectedVersion } from "../store/index.js";
import { StoreError } from "../store/index.js";
import { serverSays, type Words } from "../i18n/problems.js";
import { HttpProblem } from "./problem.js";

/** A scenario version as a strong entity tag: `"3"`. */
export const etag = (version: number): string => `"${version}"`;

/** The version `If-Match` names: 428 when absent, 400 when not one version tag or `*`. */
export function ifMatch(c: Context): ExpectedVersion {
  const header = c.req.header("if-match");
  if (header === undefined || header.trim() === "") {
    throw new HttpProblem("precondition-required", serverSays("ifMatchRequired"));
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
  if (!match) throw new HttpProblem("invalid-request", serverSays("ifMatchForm", value));
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
    throw new HttpProblem("invalid-request", serverSays("wholeNumber", name, value), {
      errors: [{ path: name, line: 0, column: 0, message: serverSays("expectedWholeNumber") }],
    });
  }
  return n;
}

/** The store's refusals as HTTP problems. */
export function storeProblem(error: StoreError): HttpProblem {
  const detail = storeWords(error);
  switch (error.code) {
    case "not-found":
      return new HttpProblem("not-found", detail);
    case "deleted":
      return new HttpProblem("gone", detail);
    case "stale":
      return error.currentVersion === undefined
        ? new HttpProblem("precondition-failed", detail)
        : new HttpProblem("precondition-failed", detail, { currentVersion: error.currentVersion }, { etag: etag(error.currentVersion) });
  }
}

function storeWords(error: StoreError): Words | string {
  const facts = error.facts;
  switch (facts?.kind) {
    case "no-scenario":
      return serverSays("noScenario", facts.id);
    case "no-version":
      return serverSays("noVersion", facts.id, facts.version, facts.current);
    case "deleted":
      return serverSays("deleted", facts.id, facts.at);
    case "stale":
      return serverSays("stale", facts.id, facts.current, facts.expected);
    case undefined:
      return error.message;
  }
}
