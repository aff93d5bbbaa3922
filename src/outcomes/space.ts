/**
 * Outcome spaces: a list of issues, each with a finite list of values. An outcome picks one value
 * per issue and is stored as the index of that value in each issue (`outcome[i]` indexes
 * `space.issues[i].values`). Outcomes are ranked in mixed radix with the LAST issue varying
 * fastest, so rank 0 is the all-first-values outcome.
 */

/** A value an issue can take: a label (discrete issues) or a number (integer or discretised real issues). */
export type IssueValue = string | number;

/** One negotiated issue and the finite list of values it can take. */
export interface Issue {
  readonly name: string;
  readonly values: readonly IssueValue[];
}

/** The set of all combinations of one value per issue. */
export interface OutcomeSpace {
  readonly issues: readonly Issue[];
}

/** An outcome: the index of the chosen value for every issue, in issue order. */
export type Outcome = readonly number[];

/** An outcome written with names: `{ issueName: value }`. */
export type OutcomeRecord = Record<string, IssueValue>;

/** Thrown when a space, utility or outcome is malformed. */
export class OutcomeSpaceError extends Error {
  override readonly name = "OutcomeSpaceError";
}

/** Builds a space, checking that issue names are unique and every issue has at least one value. */
export function createOutcomeSpace(issues: readonly Issue[]): OutcomeSpace {
  const names = new Set<string>();
  for (const issue of issues) {
    if (names.has(issue.name)) throw new OutcomeSpaceError(`issue "${issue.name}" is listed twice`);
    names.add(issue.name);
    if (issue.values.length === 0) throw new OutcomeSpaceError(`issue "${issue.name}" has no values`);
  }
  return { issues: issues.map((issue) => ({ name: issue.name, values: [...issue.values] })) };
}

/** Number of values of every issue, in issue order. */
export function issueSizes(space: OutcomeSpace): number[] {
  return space.issues.map((issue) => issue.values.length);
}

/** Number of outcomes: the product of the issue sizes (1 for a space without issues). */
export function outcomeCount(space: OutcomeSpace): number {
  return issueSizes(space).reduce((product, size) => product * size, 1);
}

/** The outcome with the given rank (0 ≤ rank < outcomeCount). */
export function outcomeAt(space: OutcomeSpace, rank: number): number[] {
  const sizes = issueSizes(space);
  const outcome = new Array<number>(sizes.length).fill(0);
  let rest = rank;
  for (let i = sizes.length - 1; i >= 0; i--) {
    const size = sizes[i]!;
    outcome[i] = rest % size;
    rest = Math.floor(rest / size);
  }
  return outcome;
}

/** The rank of an outcome: inverse of {@link outcomeAt}. */
export function rankOf(space: OutcomeSpace, outcome: Outcome): number {
  let rank = 0;
  space.issues.forEach((issue, i) => {
    rank = rank * issue.values.length + (outcome[i] ?? 0);
  });
  return rank;
}

/** Lazily enumerates every outcome in rank order. Each yielded array is fresh. */
export function* enumerateOutcomes(space: OutcomeSpace): Generator<number[]> {
  const sizes = issueSizes(space);
  if (sizes.some((size) => size === 0)) return;
  const outcome = new Array<number>(sizes.length).fill(0);
  for (;;) {
    yield [...outcome];
    if (advanceOdometer(outcome, sizes) < 0) return;
  }
}

/**
 * Moves `outcome` to the next outcome in rank order, in place. Returns the index of the leftmost
 * issue that changed (every issue to its right was reset to 0), or -1 after the last outcome.
 */
export function advanceOdometer(outcome: number[], sizes: readonly number[]): number {
  for (let i = sizes.length - 1; i >= 0; i--) {
    const next = outcome[i]! + 1;
    if (next < sizes[i]!) {
      outcome[i] = next;
      return i;
    }
    outcome[i] = 0;
  }
  return -1;
}

/** Writes an outcome with issue names and value labels. */
export function outcomeToRecord(space: OutcomeSpace, outcome: Outcome): OutcomeRecord {
  const record: OutcomeRecord = {};
  space.issues.forEach((issue, i) => {
    const value = issue.values[outcome[i] ?? -1];
    if (value === undefined) throw new OutcomeSpaceError(`value index ${String(outcome[i])} is out of range for issue "${issue.name}"`);
    record[issue.name] = value;
  });
  return record;
}

/** Reads an outcome from a record `{ issueName: value }`; numbers and their string forms both match. */
export function outcomeFromRecord(space: OutcomeSpace, record: Readonly<Record<string, IssueValue>>): number[] {
  return space.issues.map((issue) => {
    const wanted = record[issue.name];
    if (wanted === undefined) throw new OutcomeSpaceError(`the outcome has no value for issue "${issue.name}"`);
    const index = issue.values.findIndex((value) => value === wanted || String(value) === String(wanted));
    if (index < 0) throw new OutcomeSpaceError(`"${String(wanted)}" is not a value of issue "${issue.name}"`);
    return index;
  });
}
