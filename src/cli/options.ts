/**
 * What the CLI needs to declare its options: value parsers, shared options, defaults. Light on
 * purpose — `main.ts` imports it for every command, `--help` included (see the note at the top of main.ts).
 */
import { Help, Option } from "commander";
import { CONDITION_IDS, parseLevel } from "../calibration/choices.js";
import { INPUT_FORMATS, NEGOTIATION_INPUT_FORMATS } from "../files/formats.js";
import { UsageError } from "./io.js";

/**
 * Parses a whole number from `min` to `max` written in plain decimal digits, or refuses it naming the
 * option: `0x10`, `1e3`, `1.0`, `1e300` and numbers beyond `max` are refused rather than read loosely.
 */
export function integer(name: string, min: number, max: number = Number.MAX_SAFE_INTEGER) {
  const expected = max === Number.MAX_SAFE_INTEGER ? `a whole number ≥ ${min}` : `a whole number from ${min} to ${max}`;
  return (value: string): number => {
    const digits = value.trim();
    const n = /^\+?\d{1,16}$/.test(digits) ? Number(digits) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) throw new UsageError(`${name} expects ${expected}, got "${value}"`);
    return n;
  };
}

/** Parses a number > 0, or refuses it naming the option. */
export function positiveNumber(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!(n > 0)) throw new UsageError(`${name} expects a number > 0, got "${value}"`);
    return n;
  };
}

/** A share from 0 to 1. */
export function share(name: string) {
  return (value: string): number => {
    const n = value.trim() === "" ? Number.NaN : Number(value);
    if (!(n >= 0 && n <= 1)) throw new UsageError(`${name} expects a number from 0 to 1, got "${value}"`);
    return n;
  };
}

/**
 * An option's line in `--help`, stating its default once: commander's "(default: …)" is left out when the
 * description already says what the default is, and for defaults that say nothing (off, an empty list).
 */
export function optionHelp(option: Option): string {
  const value: unknown = option.defaultValue;
  const silent = value === false || (Array.isArray(value) && value.length === 0) || /\bdefault\b/i.test(option.description ?? "");
  if (!silent) return new Help().optionDescription(option);
  const choices = option.argChoices ? ` (choices: ${option.argChoices.map((c) => JSON.stringify(c)).join(", ")})` : "";
  return `${option.description ?? ""}${choices}`;
}

/** A repeatable option whose values may also be comma-separated: `-m smp -m eum,nash`. */
export const collect = (value: string, previous: string[]): string[] => [...previous, ...value.split(",").filter((v) => v !== "")];
/** A repeatable option taken verbatim (its values may contain commas). */
export const repeat = (value: string, previous: string[]): string[] => [...previous, value];

export const languageOption = (description = "language of labels") => new Option("--lang <language>", description).choices(["en", "zh"]);
export const fromOption = () => new Option("--from <format>", "input format (default: detected from the content)").choices([...INPUT_FORMATS]);
/** `--from` of the commands that also read a GENIUS domain with its profiles. */
export const negotiationFromOption = () => new Option("--from <format>", "input format (default: detected from the content; genius: a GENIUS, GeniusWeb or NegoLog domain with its profiles)").choices([...NEGOTIATION_INPUT_FORMATS]);
export const formatOption = () => new Option("--format <format>", "output format (default: from the -o extension, else html)").choices(["html", "md"]);

/** Default Monte Carlo sample of `parley sensitivity` for the first-order indices. */
export const DEFAULT_SENSITIVITY_RUNS = 2000;

/** `--level`: nominal coverage of calibrated intervals, as 0.8, 80 or 80%. */
export function levelOption() {
  return new Option("--level <p>", "coverage of the calibrated intervals: 0.8, 80 or 80% (default 80%)").argParser((value: string): number => {
    const level = parseLevel(value);
    if (level === undefined) throw new UsageError(`--level expects a coverage between 0 and 1 or a percentage between 1 and 100 (0.8, 80, 80%), got "${value}"`);
    return level;
  });
}

/** `--condition`: the case feature a backtest's intervals are conditioned on. */
export const conditionOption = () => new Option("--condition <feature>", "calibrate intervals per category of a case feature (Mondrian conformal)").choices([...CONDITION_IDS]);

/**
 * The largest count each option accepts (docs/cli-limits.md): every computation is bounded, so a typo
 * of a few zeros gets a clear refusal instead of hours of work or gigabytes of threads.
 */
export const LIMITS = {
  /** Monte Carlo samples (`forecast --runs`, `sensitivity --runs`, `report --runs`). */
  runs: 10_000_000,
  /** Rounds of a fixed-round model (EUM, exchange); the HTTP API allows the same. */
  rounds: 10_000,
  /** Worker threads. */
  workers: 64,
  /** Seeds are 32-bit: the sampler and the models draw from a 32-bit state. */
  seed: 4_294_967_295,
  /** Inputs listed per issue by `sensitivity --top`. */
  top: 1_000,
  /**
   * Outcomes of the grid `analyze` and `agreement` search (`--step`): their searches stop at a node budget
   * and estimate by sampling beyond it, but outcomes are numbered exactly only up to 2⁵³.
   */
  outcomes: 1e15,
} as const;
