/**
 * Why no agreement: the smallest sets of red lines and walk-away values that cannot all hold together
 * (minimal conflicting sets, found by deletion: drop each constraint in turn and keep it out when the rest
 * still conflict), and the reverse: which single constraint, dropped or relaxed, opens a zone of agreement.
 * Each test is one search of the space (`./search.ts`). Pure.
 */
import type { Constraints } from "./model.js";
import { search, type SearchState } from "./search.js";

/** One constraint: an actor's walk-away value, or one of its red lines. */
export interface ConstraintRef {
  readonly actor: number;
  /** Index of the red line in the actor's list; undefined for the walk-away value. */
  readonly redLine?: number;
}

export interface ConflictSet {
  /** `ACTOR.lineId` of each red line in the set. */
  readonly redLines: readonly string[];
  /** Actor ids whose walk-away value is in the set. */
  readonly walkAway: readonly string[];
}

export interface Change {
  /** `ACTOR.lineId` (a red line) or `ACTOR` (its walk-away value). */
  readonly constraint: string;
  readonly kind: "redLine" | "walkAway";
  /** Dropping it alone opens a zone of agreement. */
  readonly opens: boolean;
  /** For a walk-away value that opens the zone: by how much it would have to fall (utility units). */
  readonly relaxBy?: number;
}

/** Most conflicting sets reported. */
const MAX_SETS = 6;

/** The constraints that matter: those of actors whose acceptance can decide (signatories, or all under a threshold). */
export function constraintsOf(state: SearchState): ConstraintRef[] {
  const { model } = state;
  const out: ConstraintRef[] = [];
  model.scenario.actors.forEach((_, a) => {
    if (!model.required[a] && model.threshold === undefined) return;
    if (state.constraints.walkAway[a]) out.push({ actor: a });
    model.redLines[a]!.forEach((_, k) => {
      if (state.constraints.redLines[a]?.[k] ?? true) out.push({ actor: a, redLine: k });
    });
  });
  return out;
}

/** The constraints in force when only `active` of `all` are. */
function maskOf(state: SearchState, active: readonly ConstraintRef[]): Constraints {
  const { model } = state;
  const walkAway = model.scenario.actors.map(() => false);
  const redLines = model.redLines.map((lines) => lines.map(() => false));
  for (const c of active) {
    if (c.redLine === undefined) walkAway[c.actor] = true;
    else redLines[c.actor]![c.redLine] = true;
  }
  // Constraints of actors that cannot decide stay as they were.
  model.scenario.actors.forEach((_, a) => {
    if (model.required[a] || model.threshold !== undefined) return;
    walkAway[a] = state.constraints.walkAway[a]!;
    model.redLines[a]!.forEach((_, k) => (redLines[a]![k] = state.constraints.redLines[a]?.[k] ?? true));
  });
  return { walkAway, redLines };
}

function feasible(state: SearchState, active: readonly ConstraintRef[], maxNodes?: number): boolean {
  const result = search({ ...state, constraints: maskOf(state, active) }, maxNodes !== undefined ? { maxNodes } : {});
  // An unfinished search is treated as "no agreement found", which keeps the sets found conflicting as far as searched.
  return result.found;
}

function same(a: ConstraintRef, b: ConstraintRef): boolean {
  return a.actor === b.actor && a.redLine === b.redLine;
}

/** One minimal conflicting subset of `start` (which must conflict), by deletion. */
function shrink(state: SearchState, start: readonly ConstraintRef[], maxNodes?: number): ConstraintRef[] {
  let set = [...start];
  for (const c of start) {
    const without = set.filter((x) => !same(x, c));
    if (!feasible(state, without, maxNodes)) set = without;
  }
  return set;
}

export function describeSet(state: SearchState, set: readonly ConstraintRef[]): ConflictSet {
  const { model } = state;
  const ids = model.scenario.actors.map((a) => a.id);
  return {
    redLines: set.filter((c) => c.redLine !== undefined).map((c) => model.redLines[c.actor]![c.redLine!]!.key),
    walkAway: set.filter((c) => c.redLine === undefined).map((c) => ids[c.actor]!),
  };
}

/**
 * Minimal conflicting sets when the constraints in force admit no agreement (else none): the first by deletion
 * over all constraints, then, for each member, one that avoids it, up to six, smallest first.
 */
export function conflictSets(state: SearchState, maxNodes?: number): ConstraintRef[][] {
  const all = constraintsOf(state);
  if (feasible(state, all, maxNodes)) return [];
  const found: ConstraintRef[][] = [];
  const known = (set: readonly ConstraintRef[]) => found.some((f) => f.length === set.length && f.every((c) => set.some((x) => same(x, c))));
  const queue: ConstraintRef[][] = [all];
  while (queue.length > 0 && found.length < MAX_SETS) {
    const start = queue.shift()!;
    if (feasible(state, start, maxNodes)) continue;
    const set = shrink(state, start, maxNodes);
    if (known(set)) continue;
    found.push(set);
    for (const c of set) queue.push(start.filter((x) => !same(x, c)));
  }
  return found.sort((a, b) => a.length - b.length);
}

/** For each constraint of the conflicting sets: does dropping it alone open a zone of agreement, and how far must a walk-away value fall. */
export function changes(state: SearchState, sets: readonly ConstraintRef[][], maxNodes?: number): Change[] {
  const all = constraintsOf(state);
  const members: ConstraintRef[] = [];
  for (const set of sets) for (const c of set) if (!members.some((m) => same(m, c))) members.push(c);
  const ids = state.model.scenario.actors.map((a) => a.id);
  return members.map((c): Change => {
    const rest = all.filter((x) => !same(x, c));
    const opens = feasible(state, rest, maxNodes);
    if (c.redLine !== undefined) return { constraint: state.model.redLines[c.actor]![c.redLine]!.key, kind: "redLine", opens };
    const change: Change = { constraint: ids[c.actor]!, kind: "walkAway", opens };
    if (!opens) return change;
    const best = search({ ...state, constraints: maskOf(state, rest) }, { objective: { kind: "utility", actor: c.actor }, ...(maxNodes !== undefined ? { maxNodes } : {}) });
    return best.found ? { ...change, relaxBy: Math.max(0, state.model.reservations[c.actor]! - best.score!) } : change;
  });
}
