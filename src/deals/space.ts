/**
 * A scenario as a space of agreements: each issue discretised (numeric issues at their anchors
 * and reference point, or at a fixed step; option issues at their options), each chosen actor's
 * additive utility over it, and its walk-away value. Pure.
 */
import { additiveUtility } from "../outcomes/utility.js";
import { createOutcomeSpace, type OutcomeSpace, type Outcome } from "../outcomes/space.js";
import type { AdditiveUtility } from "../outcomes/utility.js";
import type { Issue, Scenario } from "../scenario/types.js";
import { agreementModel } from "../agreement/model.js";
import { DealError } from "./preferences.js";

export interface SpaceOptions {
  /** Discretise numeric issues every `step` units from min to max instead of at their anchors. */
  readonly step?: number;
  /** Actor ids of the parties, in order (default: every actor). */
  readonly parties?: readonly string[];
  /** Values added to numeric issues' grids (by issue id): a deal assessed at its own values, not the nearest grid point's. */
  readonly points?: GridPoints;
}

/** Extra points of numeric issues' grids, by issue id. */
export type GridPoints = Readonly<Record<string, readonly number[]>>;

export interface ScenarioSpace {
  readonly space: OutcomeSpace;
  readonly parties: string[];
  readonly utilities: AdditiveUtility[];
}

/** The values an issue takes in the space: numbers on its scale, or option ids. */
export function issueGrid(issue: Issue, step?: number, extraPoints?: GridPoints): (number | string)[] {
  if (issue.kind === "options") return issue.options.map((o) => o.id);
  const extra = extraPoints?.[issue.id] ?? [];
  if (extra.length > 0) return [...new Set([...(issueGrid(issue, step) as number[]), ...extra])].sort((a, b) => a - b);
  if (step !== undefined) {
    if (!(step > 0)) throw new DealError(`the step must be greater than 0, got ${step}`);
    const size = issueGridSize(issue, step);
    if (size > MAX_ISSUE_GRID) {
      throw new DealError(`a step of ${step} cuts issue ${issue.id} (${issue.min} to ${issue.max}) into ${size.toLocaleString("en")} values, more than the ${MAX_ISSUE_GRID.toLocaleString("en")} an issue may have; use a larger step`);
    }
    const count = Math.floor((issue.max - issue.min) / step + 1e-9);
    const values = Array.from({ length: count + 1 }, (_, k) => roundTo(issue.min + k * step));
    if (values[values.length - 1]! < issue.max) values.push(issue.max);
    return values;
  }
  const points = new Set(issue.anchors.map((a) => a.value));
  if (issue.reference) points.add(issue.reference.value);
  if (points.size < 2) {
    points.add(issue.min);
    points.add(issue.max);
  }
  return [...points].sort((a, b) => a - b);
}

/** How many points {@link issueGrid} gives the issue, without building them (to bound a request first). */
export function issueGridSize(issue: Issue, step?: number, extraPoints?: GridPoints): number {
  if (issue.kind === "options") return issue.options.length;
  const extra = extraPoints?.[issue.id]?.length ?? 0;
  if (extra > 0) return issueGridSize(issue, step) + extra;
  if (step === undefined || !(step > 0)) return issueGrid(issue, step).length; // anchors, or the step's error
  const count = Math.floor((issue.max - issue.min) / step + 1e-9);
  return count + 1 + (roundTo(issue.min + count * step) < issue.max ? 1 : 0);
}

/**
 * Most values a numeric issue is discretised into: a step finer than a hundred-thousandth of an issue's
 * range says nothing a coarser one does not, and every value costs memory for every party.
 */
export const MAX_ISSUE_GRID = 100_000;

/** The size of a scenario's grid at `step`, counted without building it (to bound a request first). */
export interface GridSize {
  /** Outcomes: the product of the issues' grid sizes (a float beyond 2⁵³). */
  readonly outcomes: number;
  /** The issue with the most values, and their number. */
  readonly largest: { readonly issue: string; readonly values: number };
}

/** Counts the grid {@link scenarioSpace} would build at `step`; throws a DealError for a step ≤ 0. */
export function gridSize(scenario: Scenario, step?: number): GridSize {
  let outcomes = 1;
  let largest = { issue: "", values: 0 };
  for (const issue of scenario.issues) {
    const values = issueGridSize(issue, step);
    outcomes *= values;
    if (values > largest.values) largest = { issue: issue.id, values };
  }
  return { outcomes, largest };
}

function roundTo(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}

export function scenarioSpace(scenario: Scenario, options: SpaceOptions = {}): ScenarioSpace {
  const grids = scenario.issues.map((issue) => issueGrid(issue, options.step, options.points));
  const space = createOutcomeSpace(scenario.issues.map((issue, i) => ({ name: issue.id, values: grids[i]! })));
  const { preferences, reservations } = agreementModel(scenario);
  const ids = options.parties && options.parties.length > 0 ? options.parties : scenario.actors.map((a) => a.id);
  const utilities = ids.map((id) => {
    const a = scenario.actors.findIndex((actor) => actor.id === id);
    if (a < 0) throw new DealError(`unknown actor "${id}"; expected one of: ${scenario.actors.map((x) => x.id).join(", ")}`);
    const preference = preferences[a]!;
    return additiveUtility(space, {
      weights: preference.weights,
      values: scenario.issues.map((issue, i) =>
        grids[i]!.map((v) => (typeof v === "string" ? preference.value(i, issue.options.find((o) => o.id === v)!.place, v) : preference.value(i, v, undefined))),
      ),
      reservation: reservations[a]!,
    });
  });
  return { space, parties: [...ids], utilities };
}

/** A deal's numeric values as extra grid points, so that the space holds the deal itself. */
export function dealPoints(scenario: Scenario, outcome: { readonly values: readonly number[]; readonly options: readonly (string | undefined)[] }): Record<string, number[]> {
  return Object.fromEntries(scenario.issues.flatMap((issue, i) => (issue.kind === "numeric" && outcome.options[i] === undefined ? [[issue.id, [outcome.values[i]!]]] : [])));
}

/** The outcome of the space nearest a deal's values (each issue at its nearest grid value). */
export function nearestOutcome(space: OutcomeSpace, values: readonly number[], options: readonly (string | undefined)[]): Outcome {
  return space.issues.map((issue, i) => {
    const option = options[i];
    if (option !== undefined) return issue.values.indexOf(option);
    let best = 0;
    issue.values.forEach((v, k) => {
      if (Math.abs((v as number) - values[i]!) < Math.abs((issue.values[best] as number) - values[i]!)) best = k;
    });
    return best;
  });
}
