/**
 * Errors across threads. An Error that crosses a thread by structured clone keeps its message but loses
 * its class and its fields: a `ModelError` or an `ImportError` with its line and column thrown in a worker
 * would reach the main thread as a plain `Error`, which the CLI reports as a bug (exit 1) and the server
 * as a 500. So a worker sends its error as data ({@link serializeError}) and the main thread rebuilds the
 * same class with the same fields ({@link reviveError}); errors of other classes (bugs) come back as
 * what they were (an `Error`, a `TypeError`, …) with the worker's stack.
 *
 * The classes listed are the library's input errors: a message meant for the user, with its location.
 * Each has no imports of its own worth mentioning, so a worker thread that loads this loads nothing heavy.
 */
import { DealError } from "../deals/preferences.js";
import { OutputExistsError, OutputWriteError } from "../files/write.js";
import { ImportError } from "../importers/errors.js";
import { ModelError } from "../models/types.js";
import { FrontierBudgetError } from "../outcomes/dominance.js";
import { OutcomeSpaceError } from "../outcomes/space.js";
import { InvalidInputError } from "../scenario/diagnostics.js";
import { SimulationError } from "../simulation/errors.js";

/** An error as plain data: what crosses a thread. */
export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  /** The error's own fields (an ImportError's file, line, column and field; InvalidInputError's diagnostics). */
  readonly fields: Readonly<Record<string, unknown>>;
}

/** The library's errors that are rebuilt with their class on the receiving thread, by class name. */
const REVIVABLE: Readonly<Record<string, { readonly prototype: Error }>> = {
  DealError,
  FrontierBudgetError,
  ImportError,
  InvalidInputError,
  ModelError,
  OutcomeSpaceError,
  OutputExistsError,
  OutputWriteError,
  SimulationError,
};

/** JavaScript's own error classes: a bug's error comes back as the one it was. */
const BUILT_IN: Readonly<Record<string, ErrorConstructor>> = { Error, TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError };

/** True when `name` is one of the library's error classes that {@link reviveError} rebuilds. */
export function isRevivableErrorName(name: string): boolean {
  return Object.hasOwn(REVIVABLE, name);
}

/** Plain data copied from a field value, or undefined when it cannot cross a thread (a function, a symbol). */
function plainValue(value: unknown): unknown {
  if (typeof value === "function" || typeof value === "symbol") return undefined;
  try {
    return structuredClone(value);
  } catch {
    return undefined;
  }
}

/** An error (or anything thrown) as plain data; the own fields of a library error come along. */
export function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: "Error", message: `a non-error was thrown: ${String(error)}`, fields: {} };
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error)) {
    if (key === "name" || key === "message" || key === "stack") continue;
    const copy = plainValue(value);
    if (copy !== undefined) fields[key] = copy;
  }
  return { name: error.name, message: error.message, ...(error.stack !== undefined ? { stack: error.stack } : {}), fields };
}

/** True when `value` has the shape of a {@link SerializedError}. */
export function isSerializedError(value: unknown): value is SerializedError {
  const v = value as Partial<SerializedError> | null;
  return typeof v === "object" && v !== null && typeof v.name === "string" && typeof v.message === "string" && typeof v.fields === "object" && v.fields !== null;
}

/**
 * The error of {@link serializeError} rebuilt: a library error with its class (so `instanceof` works) and
 * fields, a built-in error with its class, anything else as an `Error` named as it was. Messages are kept
 * as they were sent (an ImportError's message already carries its location, and is not formatted twice).
 */
export function reviveError(data: SerializedError): Error {
  const revivable = Object.hasOwn(REVIVABLE, data.name) ? REVIVABLE[data.name]! : undefined;
  const builtIn = Object.hasOwn(BUILT_IN, data.name) ? BUILT_IN[data.name]! : undefined;
  // A library error is rebuilt without running its constructor, which would format the message again.
  const error: Error = revivable ? (Object.create(revivable.prototype) as Error) : new (builtIn ?? Error)(data.message);
  Object.defineProperty(error, "message", { value: data.message, writable: true, configurable: true, enumerable: false });
  if (revivable || !builtIn) Object.defineProperty(error, "name", { value: data.name, writable: true, configurable: true, enumerable: true });
  Object.defineProperty(error, "stack", { value: data.stack ?? `${data.name}: ${data.message}`, writable: true, configurable: true, enumerable: false });
  Object.assign(error, data.fields);
  return error;
}
