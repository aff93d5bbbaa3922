/** Shared types of the GENIUS-family importers. */
import { ImportError } from "../errors.js";
import { createOutcomeSpace, type Issue, type OutcomeSpace } from "../../outcomes/space.js";
import type { UtilityFunction } from "../../outcomes/utility.js";

/** A file's text and the name to report in errors (and, for profiles, the party name). */
export interface SourceText {
  readonly text: string;
  /** File name or path, used in error messages and as default party name. */
  readonly file: string;
  /** Party name; defaults to the file's base name without extension. */
  readonly name?: string;
}

/** An imported negotiation: the space and one utility function per party. */
export interface ImportedNegotiation {
  readonly space: OutcomeSpace;
  readonly parties: string[];
  readonly utilities: UtilityFunction[];
  /** Discount factors as written (1 when absent or outside (0, 1]); parsed but never applied. */
  readonly discounts: number[];
}

/** Options of the importers. */
export interface ImportOptions {
  /**
   * Number of values a GENIUS real issue is discretised into: evenly spaced from the lower to the
   * upper bound, both included. Default 21, GENIUS's own `IssueReal` discretisation count.
   */
  readonly realSteps?: number;
}

/** Party name from a source: its explicit name, else the file's base name without extension. */
export function partyName(source: SourceText): string {
  if (source.name !== undefined) return source.name;
  const base = source.file.split(/[\\/]/).pop() ?? source.file;
  return base.replace(/\.[^.]+$/, "");
}

/** Builds an outcome space, reporting a malformed one (duplicate issue, issue without values) as an ImportError. */
export function spaceOrImportError(issues: readonly Issue[], file: string, field: string): OutcomeSpace {
  try {
    return createOutcomeSpace(issues);
  } catch (error) {
    throw new ImportError((error as Error).message, file, undefined, field);
  }
}
