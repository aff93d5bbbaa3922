/**
 * Importer for DEU III (Arregui & Perarnaud 2022, "A new dataset on legislative decision-making in
 * the European Union: the DEU III dataset", JEPP 29(1); data deposit doi:10.34810/data53, CC BY 4.0):
 * a tab-separated file of EU legislative issues, each with the positions and saliences of the
 * Commission, the Parliament and the member states, a reference point and the recorded outcome —
 * plus a CSV of Council voting weights, since DEU records no capability. Pure: text in, cases out.
 *
 * Conventions (see docs/backtest.md; they reproduce the baselines published with the training file):
 * - Capability of a member state: its Council votes in the regime in force in the year of the final
 *   act — up to 2004 the EU-15 votes `v15`, 2005–2014 the Nice votes `v25`, from 2015 population
 *   `p2012` (`p2014a` for a state without `p2012`, i.e. Croatia). A state without a weight in that
 *   regime (a state that had not joined yet) has no capability.
 * - Capability of the Commission and the Parliament: the largest capability among the member states
 *   that take a position on the issue.
 * - When the final act's date is missing (`999`), the introduction date chooses the regime.
 * - A blank salience leaves the actor's salience undefined (salience-weighted models leave it out).
 */
import { MIN_CASE_ACTORS, type BacktestActor, type BacktestCase, type BacktestInput, type DecisionRule, type SkipReason } from "../backtest/types.js";
import { InvalidInputError, type Diagnostic } from "../scenario/diagnostics.js";
import { csvSyntaxProblem, tokenizeCsv } from "./csv.js";

/** A DEU actor: the column suffix (`pcom`, `scom`, …) and, for member states, the country as the weights file names it. */
export interface DeuActor {
  readonly id: string;
  readonly country?: string;
}

/** The actors of DEU III in the column order of the file. */
export const DEU_ACTORS: readonly DeuActor[] = [
  { id: "com" },
  { id: "ep" },
  ...(
    [
      ["at", "Austria"],
      ["be", "Belgium"],
      ["bu", "Bulgaria"],
      ["cr", "Croatia"],
      ["cy", "Cyprus"],
      ["cz", "Czech Republic"],
      ["dk", "Denmark"],
      ["ee", "Estonia"],
      ["fi", "Finland"],
      ["fr", "France"],
      ["de", "Germany"],
      ["el", "Greece"],
      ["hu", "Hungary"],
      ["ie", "Ireland"],
      ["it", "Italy"],
      ["lv", "Latvia"],
      ["lt", "Lithuania"],
      ["lu", "Luxembourg"],
      ["mt", "Malta"],
      ["nl", "Netherlands"],
      ["pl", "Poland"],
      ["pt", "Portugal"],
      ["ro", "Romania"],
      ["si", "Slovenia"],
      ["sk", "Slovakia"],
      ["es", "Spain"],
      ["se", "Sweden"],
      ["uk", "United Kingdom"],
    ] as const
  ).map(([id, country]) => ({ id, country })),
];

/** The actor whose position is the proposal. */
export const DEU_PROPOSER = "com";

/** A calendar date read from DEU. */
export interface DeuDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** The result of reading a date cell: a date, `null` when missing (`999` or blank), or what was wrong. */
export type DeuDateResult = { readonly ok: true; readonly date: DeuDate | null } | { readonly ok: false; readonly message: string };

/** Two-digit years: 00–49 are 2000–2049, 50–99 are 1950–1999 (DEU covers 1996 onwards). */
export function expandYear(twoDigits: number): number {
  return twoDigits < 50 ? 2000 + twoDigits : 1900 + twoDigits;
}

const DATE_FORMS = "dd-mm-yy, dd-mm-yyyy, 19DD-MM-YY or 20DD-MM-YY, or 999 for missing";

/**
 * Reads a DEU date in any of the spreadsheet-mangled forms of the file:
 * `dd-mm-yy` (`14-03-00`), `dd-mm-yyyy` (`02-02-2016`), and `19DD-MM-YY` / `20DD-MM-YY` where the
 * four-digit "year" is a century prefix glued to the day (`1930-05-01` is 30 May 2001, `2023-07-01`
 * is 23 July 2001); `999` or a blank cell is missing.
 */
export function parseDeuDate(text: string): DeuDateResult {
  const cell = text.trim();
  if (cell === "" || cell === "999") return { ok: true, date: null };
  const date = readDateForm(cell);
  if (!date) return { ok: false, message: `expected a date as ${DATE_FORMS}, got "${cell}"` };
  if (!isCalendarDate(date)) return { ok: false, message: `"${cell}" reads as ${date.day}-${date.month}-${date.year}, which is not a calendar date; expected ${DATE_FORMS}` };
  return { ok: true, date };
}

/** The day, month and year a cell stands for, by its form; undefined when it has none of them. */
function readDateForm(cell: string): DeuDate | undefined {
  const short = /^(\d{2})-(\d{2})-(\d{2})$/.exec(cell);
  if (short) return { day: Number(short[1]), month: Number(short[2]), year: expandYear(Number(short[3])) };
  const long = /^(\d{2})-(\d{2})-(\d{4})$/.exec(cell);
  if (long) return { day: Number(long[1]), month: Number(long[2]), year: Number(long[3]) };
  const mangled = /^(?:19|20)(\d{2})-(\d{2})-(\d{2})$/.exec(cell);
  if (mangled) return { day: Number(mangled[1]), month: Number(mangled[2]), year: expandYear(Number(mangled[3])) };
  return undefined;
}

function isCalendarDate({ year, month, day }: DeuDate): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

/** The Council voting regime whose weights give member states their capability. */
export type VotingRegime = "v15" | "v25" | "p2012";

/** Regime in force in a year: ≤ 2004 EU-15 votes, 2005–2014 Nice votes, ≥ 2015 population (double majority). */
export function regimeForYear(year: number): VotingRegime {
  if (year <= 2004) return "v15";
  if (year <= 2014) return "v25";
  return "p2012";
}

/** Council weights by country, then by column (`v15`, `v25`, `p2012`, …); blank cells are absent. */
export type CouncilWeights = ReadonlyMap<string, Readonly<Record<string, number>>>;

const WEIGHT_COLUMNS = ["v15", "v25", "p2012", "p2014a"] as const;

/**
 * Reads the Council weights CSV: a `country` column and numeric columns (vote weights `v9`…`v25`,
 * populations `p2004`… in hundreds of persons). Every DEU member state must have a row, and the
 * columns the regimes use must be there. Throws InvalidInputError with every problem found.
 */
export function parseCouncilWeights(text: string, file: string): CouncilWeights {
  const diagnostics: Diagnostic[] = [];
  const at = (line: number, column: number, path: string, message: string): void => {
    diagnostics.push({ file, line, column, path, message });
  };
  const csv = tokenizeCsv(text, { trim: true });
  const problem = csvSyntaxProblem(csv);
  if (problem) throw new InvalidInputError([{ file, line: problem.line, column: problem.column, path: "", message: `not valid CSV: ${problem.message}` }]);
  const located = csv.records.filter((cells) => cells.some((cell) => cell.text !== ""));
  const records = located.map((cells) => cells.map((cell) => cell.text));
  const header = records[0];
  if (header === undefined) throw new InvalidInputError([{ file, line: 1, column: 1, path: "", message: "the file is empty; expected a header starting country,v9,…" }]);
  const countryColumn = header.indexOf("country");
  if (countryColumn < 0) at(1, 1, "", `missing column "country"; found: ${header.join(", ")}`);
  for (const column of WEIGHT_COLUMNS) {
    if (!header.includes(column)) at(1, 1, "", `missing column "${column}", needed for the voting regimes; found: ${header.join(", ")}`);
  }
  const weights = new Map<string, Record<string, number>>();
  records.slice(1).forEach((record, r) => {
    const cells = located[r + 1]!;
    const line = cells[0]!.line;
    /** 1-based character column of field `c` (just after the row's last cell when it is missing). */
    const columnOf = (c: number): number => cells[c]?.column ?? cells.at(-1)!.column + cells.at(-1)!.text.length;
    const country = record[countryColumn] ?? "";
    if (countryColumn >= 0 && country === "") at(line, columnOf(countryColumn), "country", "expected a country name, got an empty cell");
    const row: Record<string, number> = {};
    header.forEach((name, c) => {
      if (c === countryColumn) return;
      const cell = record[c] ?? "";
      if (cell === "") return;
      const value = DECIMAL.test(cell) ? Number(cell) : Number.NaN;
      if (!(Number.isFinite(value) && value >= 0)) at(cells[c]?.line ?? line, columnOf(c), name, `expected a number ≥ 0 or an empty cell, got "${cell}"`);
      else row[name] = value;
    });
    if (weights.has(country)) at(line, columnOf(countryColumn), "country", `"${country}" appears more than once`);
    weights.set(country, row);
  });
  if (diagnostics.length === 0) {
    const missing = DEU_ACTORS.flatMap((a) => (a.country !== undefined && !weights.has(a.country) ? [a.country] : []));
    if (missing.length > 0) at(1, 1, "country", `no row for ${missing.map((m) => `"${m}"`).join(", ")}; expected a row per EU member state`);
  }
  if (diagnostics.length > 0) throw new InvalidInputError(diagnostics);
  return weights;
}

/** A member state's weight in a regime; for population, `p2014a` stands in for a state without `p2012`. */
export function councilWeight(weights: CouncilWeights, country: string, regime: VotingRegime): number | undefined {
  const row = weights.get(country);
  if (!row) return undefined;
  const value = row[regime] ?? (regime === "p2012" ? row["p2014a"] : undefined);
  return value !== undefined && value > 0 ? value : undefined;
}

/**
 * Capabilities of the actors taking a position on one issue: member states their Council weight,
 * the Commission and the Parliament the largest weight among those member states. Keyed by actor id;
 * actors without a weight are absent.
 */
export function deuCapabilities(actorIds: readonly string[], regime: VotingRegime, weights: CouncilWeights): Map<string, number> {
  const capabilities = new Map<string, number>();
  for (const id of actorIds) {
    const country = DEU_ACTORS.find((a) => a.id === id)?.country;
    const weight = country === undefined ? undefined : councilWeight(weights, country, regime);
    if (weight !== undefined) capabilities.set(id, weight);
  }
  const largest = Math.max(0, ...capabilities.values());
  for (const id of actorIds) {
    if (!capabilities.has(id) && DEU_ACTORS.some((a) => a.id === id && a.country === undefined) && largest > 0) capabilities.set(id, largest);
  }
  return capabilities;
}

/** True when a text looks like a DEU file: tab-separated, with `isnr` and `out` columns. */
export function isDeuTsv(text: string): boolean {
  const first = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  if (!first.includes("\t")) return false;
  const names = first.split("\t").map(unquote);
  return names.includes("isnr") && names.includes("out");
}

/** A DEU file read into backtest cases, with the regime each case's capabilities came from. */
export interface DeuImport extends BacktestInput {
  /** Per case id, the voting regime and whether the introduction date stood in for the final act's. */
  readonly regimes: Readonly<Record<string, { readonly regime: VotingRegime; readonly fromIntro: boolean }>>;
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * The decision rule from the optional `counvte` (`QMV`, `QMV(10)`, `Unan`) and `proc` (`COD` is
 * co-decision) cells; undefined for a blank or unknown voting rule (the rule only feeds challenger
 * models, so an unknown code leaves the case without one rather than failing the file).
 */
export function decisionRule(counvte: string, proc: string): DecisionRule | undefined {
  const code = counvte.trim().toLowerCase();
  const voting = code.startsWith("qmv") ? "qmv" : code.startsWith("unan") ? "unanimity" : undefined;
  return voting === undefined ? undefined : { voting, codecision: proc.trim().toUpperCase() === "COD" };
}

/** A cell of the TSV with where it starts. */
interface Cell {
  readonly text: string;
  readonly column: number;
}

function unquote(cell: string): string {
  const trimmed = cell.trim();
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1).replace(/""/g, '"') : trimmed;
}

/** Splits one line at tabs, remembering each cell's 1-based character column. */
function splitCells(line: string): Cell[] {
  const cells: Cell[] = [];
  let start = 0;
  for (const raw of line.split("\t")) {
    cells.push({ text: unquote(raw), column: start + 1 });
    start += raw.length + 1;
  }
  return cells;
}

/**
 * Reads a DEU III TSV into scoreable cases. Problems in the data (a value off the 0–100 scale, an
 * unreadable date, a duplicate issue id, a missing column) throw InvalidInputError with every problem,
 * each with file, line, column and field. Rows that are well-formed but cannot be scored are counted
 * in `skipped` by reason: no outcome; fewer than 3 actors with a position; no date at all.
 */
export function parseDeu(text: string, file: string, weights: CouncilWeights): DeuImport {
  const diagnostics: Diagnostic[] = [];
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const header = splitCells(lines[0] ?? "").map((c) => c.text);
  const index = new Map(header.map((name, i) => [name, i] as const));
  const required = ["isnr", "intro", "finact", "rp", "out", ...DEU_ACTORS.flatMap((a) => [`p${a.id}`, `s${a.id}`])];
  const missing = required.filter((name) => !index.has(name));
  if (missing.length > 0) {
    throw new InvalidInputError([{ file, line: 1, column: 1, path: "", message: `missing column(s) ${missing.join(", ")}; expected a DEU III file with a header row` }]);
  }

  const cases: BacktestCase[] = [];
  const skipped: Partial<Record<SkipReason, number>> = {};
  const regimes: Record<string, { regime: VotingRegime; fromIntro: boolean }> = {};
  const seen = new Map<string, number>();

  lines.slice(1).forEach((raw, i) => {
    const line = i + 2;
    if (raw.trim() === "") return;
    const cells = splitCells(raw);
    const cell = (name: string): Cell => cells[index.get(name)!] ?? { text: "", column: raw.length + 1 };
    const fail = (name: string, message: string): void => {
      diagnostics.push({ file, line, column: cell(name).column, path: name, message });
    };
    if (cells.length !== header.length) {
      diagnostics.push({ file, line, column: 1, path: "", message: `expected ${header.length} tab-separated fields like the header, got ${cells.length}` });
      return;
    }
    /** A 0–100 value or undefined for a blank cell. */
    const score = (name: string): number | undefined => {
      const text = cell(name).text;
      if (text === "") return undefined;
      const value = DECIMAL.test(text) ? Number(text) : Number.NaN;
      if (Number.isFinite(value) && value >= 0 && value <= 100) return value;
      fail(name, `expected a number from 0 to 100 or an empty cell, got "${text}"`);
      return undefined;
    };
    const id = cell("isnr").text;
    if (id === "") fail("isnr", "expected an issue id, got an empty cell");
    else if (seen.has(id)) fail("isnr", `issue id "${id}" already used on line ${seen.get(id)}`);
    else seen.set(id, line);

    const date = (name: string): DeuDate | null => {
      const result = parseDeuDate(cell(name).text);
      if (result.ok) return result.date;
      fail(name, result.message);
      return null;
    };
    const finact = date("finact");
    const intro = date("intro");
    const reference = score("rp");
    const outcome = score("out");
    const stances = DEU_ACTORS.flatMap((actor) => {
      const position = score(`p${actor.id}`);
      const salience = score(`s${actor.id}`);
      return position === undefined ? [] : [{ id: actor.id, position, salience }];
    });

    const reason: SkipReason | undefined =
      outcome === undefined ? "no-outcome" : stances.length < MIN_CASE_ACTORS ? "too-few-actors" : (finact ?? intro) === null ? "no-date" : undefined;
    if (reason !== undefined) {
      skipped[reason] = (skipped[reason] ?? 0) + 1;
      return;
    }
    const regime = regimeForYear((finact ?? intro)!.year);
    const capabilities = deuCapabilities(
      stances.map((s) => s.id),
      regime,
      weights,
    );
    const actors: BacktestActor[] = stances.map((s) => ({
      id: s.id,
      position: s.position,
      ...(s.salience !== undefined ? { salience: s.salience } : {}),
      ...(capabilities.has(s.id) ? { capability: capabilities.get(s.id)! } : {}),
    }));
    regimes[id] = { regime, fromIntro: finact === null };
    const proposal = index.has("prnr") ? cell("prnr").text : "";
    const rule = index.has("counvte") ? decisionRule(cell("counvte").text, index.has("proc") ? cell("proc").text : "") : undefined;
    cases.push({
      id,
      actors,
      outcome: outcome!,
      ...(reference !== undefined ? { reference } : {}),
      ...(stances.some((s) => s.id === DEU_PROPOSER) ? { proposer: DEU_PROPOSER } : {}),
      ...(proposal !== "" ? { group: proposal } : {}),
      ...(rule ? { rule } : {}),
    });
  });

  if (diagnostics.length > 0) throw new InvalidInputError(diagnostics);
  return { cases, skipped, regimes };
}
