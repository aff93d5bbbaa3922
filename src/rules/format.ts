/** Helpers for evaluation and reasons: numbers for people, and the ids that references stand for. */

import type { ActorRef, IssueRef } from "./resolved.js";

/** Quantifier variable values in the current evaluation: variable name → actor or issue id. */
export type Environment = ReadonlyMap<string, string>;

/** A number for people: integers as is, otherwise at most two decimals. */
export function formatNumber(value: number): string {
  if (Object.is(value, -0)) return "0";
  if (Number.isInteger(value)) return String(value);
  return String(Math.round(value * 100) / 100);
}

/** The id an actor reference stands for in `environment`. */
export function actorId(ref: ActorRef, environment: Environment): string {
  return ref.kind === "actor" ? ref.id : (environment.get(ref.name) ?? ref.name);
}

/** The id an issue reference stands for in `environment`. */
export function issueId(ref: IssueRef, environment: Environment): string {
  return ref.kind === "issue" ? ref.id : (environment.get(ref.name) ?? ref.name);
}
