/** Typed access to parsed JSON with ImportErrors that name the file and field. */
import { ImportError } from "../errors.js";

export type JsonObject = { readonly [key: string]: unknown };

/** Parses JSON text, reporting the line of a syntax error when the engine gives its position. */
export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message)?.[1];
    const line = position === undefined ? undefined : text.slice(0, Number(position)).split("\n").length;
    throw new ImportError(`malformed JSON: ${(error as Error).message}`, file, line);
  }
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `value` as an object, or an ImportError saying what `field` should be. */
export function expectObject(value: unknown, file: string, field: string): JsonObject {
  if (!isObject(value)) throw new ImportError(`"${field}" should be an object`, file, undefined, field);
  return value;
}

/** `value` as a finite number (numeric strings accepted), or an ImportError. */
export function expectNumber(value: unknown, file: string, field: string): number {
  const number = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  if (typeof number !== "number" || !Number.isFinite(number)) throw new ImportError(`"${field}" should be a number, got ${JSON.stringify(value)}`, file, undefined, field);
  return number;
}
