/**
 * What the KTAB SMP readers (`ktab-csv.ts`, `ktab-xml.ts`) share: KTAB's terms, format detection, seeds and
 * the checks of names and numbers. Light on purpose: a command judges a file's format from here before it
 * loads the one reader the file needs (the XML reader loads fast-xml-parser).
 */
import type { SmpParameters } from "../models/smp/parameters.js";
import { ImportError } from "./errors.js";

export interface KtabActor {
  readonly name: string;
  readonly description: string;
  readonly capability: number;
  /** 0–100 per dimension. */
  readonly position: number[];
  /** 0–100 per dimension. */
  readonly salience: number[];
}

/** A[adjusting][reference] = adjust, with actors given by index (see SmpInput.accommodation). */
export interface KtabAccommodation {
  readonly adjusting: number;
  readonly reference: number;
  readonly adjust: number;
}

export interface KtabScenario {
  readonly name: string;
  readonly description: string;
  readonly dimensions: string[];
  readonly actors: KtabActor[];
  /** Parameters the file sets; CSV files set none (KTAB runs them with the defaults). */
  readonly parameters: Partial<SmpParameters>;
  readonly accommodation?: KtabAccommodation[];
  /** KTAB's 64-bit `prngSeed` folded to 32 bits (see `foldSeed`); absent when the file gives none or 0. */
  readonly seed?: number;
}

/** KTAB's limits on names and descriptions. */
export const MAX_NAME_LENGTH = 25;
export const MAX_DESCRIPTION_LENGTH = 256;

/** Which KTAB format a text is in, judged by its content; null when it is neither. */
export function detectKtab(text: string): "csv" | "xml" | null {
  const body = stripBom(text).trimStart();
  if (body.startsWith("<")) return /<Scenario[\s>]/.test(body) ? "xml" : null;
  const cells = firstCsvRecord(body);
  const countsAreIntegers = /^\d+$/.test(cells[2] ?? "") && /^\d+$/.test(cells[3] ?? "");
  return cells.length >= 4 && countsAreIntegers ? "csv" : null;
}

/** Characters of a text read to find its first CSV record: a title row is short. */
const FIRST_RECORD_SCAN = 64 * 1024;

/**
 * The trimmed cells of a CSV text's first record, with RFC 4180 quoting: a quoted field may hold commas
 * and line breaks, `""` is a quote. KTAB titles often quote a description with a comma in it.
 */
function firstCsvRecord(text: string): string[] {
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  const end = Math.min(text.length, FIRST_RECORD_SCAN);
  for (let i = 0; i < end; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c !== '"') cell += c;
      else if (text[i + 1] === '"') {
        cell += '"';
        i++;
      } else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      cells.push(cell.trim());
      cell = "";
    } else if (c === "\n" || c === "\r") break;
    else cell += c;
  }
  cells.push(cell.trim());
  return cells;
}

/**
 * KTAB seeds are unsigned 64-bit decimals; our generator takes 32 bits, so the two halves are XOR-ed.
 * "0" or an empty seed means "no seed" (KTAB then picks one at random).
 */
export function foldSeed(raw: string, fileName: string, line?: number): number | undefined {
  if (raw === "") return undefined;
  if (!/^\d+$/.test(raw)) throw new ImportError(`expected <prngSeed> to be a whole number, found "${raw}"`, fileName, line, "prngSeed");
  const value = BigInt.asUintN(64, BigInt(raw));
  if (value === 0n) return undefined;
  return Number(BigInt.asUintN(32, value ^ (value >> 32n)));
}

/** A decimal number within [min, max]; ImportError naming the field otherwise. */
export function parseNumber(
  raw: string,
  field: string,
  min: number,
  max: number,
  fileName: string,
  line: number | undefined,
  element?: string,
  column?: number,
): number {
  const trimmed = raw.trim();
  const value = trimmed === "" ? Number.NaN : Number(trimmed);
  const range = max === Infinity ? (min === -Infinity ? "a number" : `a number ≥ ${min}`) : `a number in [${min}, ${max}]`;
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new ImportError(`expected ${field} to be ${range}, found "${trimmed}"`, fileName, line, element ?? field, column);
  }
  return value;
}

/** KTAB rejects over-long names and descriptions; so do we, with the limit in the message. */
export function checkLength(value: string, limit: number, what: string, fileName: string, line: number | undefined, column?: number): string {
  if (value.length > limit) {
    throw new ImportError(`${what} "${value}" is longer than KTAB's limit of ${limit} characters`, fileName, line, what, column);
  }
  return value;
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
