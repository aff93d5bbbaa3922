/**
 * Pure parsers for KTAB SMP scenario files (spec "Input formats"): the CSV read by KTAB's `SMPModel::csvRead`
 * and the XML of `smpSchema.xsd`. They return KTAB's own terms (0–100 scales, SMP parameter names) and know
 * nothing of Parley's scenario format.
 */

import { XMLParser, XMLValidator } from "fast-xml-parser";
import { isSmpParameterName, parseSmpParameterValue, type SmpParameters } from "../models/smp/parameters.js";
import { ModelError } from "../models/types.js";
import { csvSyntaxProblem, tokenizeCsv, type CsvCell } from "./csv.js";
import { ImportError } from "./errors.js";
import { checkXmlSafety } from "./xml-safety.js";

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
const MAX_NAME_LENGTH = 25;
const MAX_DESCRIPTION_LENGTH = 256;

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

// ---------------------------------------------------------------------------------------------------------
// CSV

/** One CSV record: its located cells and the 1-based line it starts on. */
interface CsvRow {
  readonly cells: readonly CsvCell[];
  readonly line: number;
}

/** The located cell at `column` (0-based) of a row; a missing cell sits just after the row's last one. */
function cellAt(row: CsvRow, column: number): CsvCell {
  const cell = row.cells[column];
  if (cell) return cell;
  const last = row.cells.at(-1);
  return { text: "", line: last?.line ?? row.line, column: last ? last.column + last.text.length : 1 };
}

/** A rejection at a cell: file, line and column of the cell, and the field it holds. */
function cellError(message: string, fileName: string, cell: CsvCell, field: string): ImportError {
  return new ImportError(message, fileName, cell.line, field, cell.column);
}

/**
 * Parses a KTAB SMP CSV: row 1 `name, description, numActors, numDims`; row 2 a header whose position
 * columns name the dimensions; then one row per actor `name, desc, capability, pos_1, sal_1, …, pos_m, sal_m`.
 * Trailing commas are allowed. Throws ImportError with file, line, column and field on bad input; a cell's
 * field is named by the header row's name for its column where it has one.
 */
export function parseKtabCsv(text: string, fileName: string): KtabScenario {
  const rows = readCsvRows(text, fileName);
  const head = rows[0];
  const header = rows[1];
  if (head === undefined || header === undefined) {
    throw new ImportError("expected a title row and a header row before the actors", fileName, rows[0]?.line ?? 1, undefined, rows[0] ? cellAt(rows[0], 0).column : 1);
  }
  const actorCount = csvCount(head, 2, "numActors", fileName);
  const dimCount = csvCount(head, 3, "numDims", fileName);
  if (dimCount < 1) throw cellError("numDims must be at least 1", fileName, cellAt(head, 3), "numDims");
  const width = 3 + 2 * dimCount;
  const dimensions = Array.from({ length: dimCount }, (_, k) => {
    const label = header.cells[3 + 2 * k]?.text ?? "";
    return label === "" ? `Dimension ${k + 1}` : label;
  });
  const actorRows = rows.slice(2);
  if (actorRows.length !== actorCount) {
    throw cellError(`the title row announces ${actorCount} actors but ${actorRows.length} actor rows follow`, fileName, cellAt(head, 2), "numActors");
  }
  const actors = actorRows.map((row) => csvActor(row, header, dimCount, width, fileName));
  return {
    name: checkLength(head.cells[0]?.text ?? "", MAX_DESCRIPTION_LENGTH, "scenario name", fileName, head.line, cellAt(head, 0).column),
    description: head.cells[1]?.text ?? "",
    dimensions,
    actors,
    parameters: {},
  };
}

/** Splits the text into records that are not all blank, with their located cells. */
function readCsvRows(text: string, fileName: string): CsvRow[] {
  const csv = tokenizeCsv(stripBom(text), { trim: true });
  const problem = csvSyntaxProblem(csv);
  if (problem) throw new ImportError(`not valid CSV: ${problem.message}`, fileName, problem.line, undefined, problem.column);
  return csv.records.filter((cells) => cells.some((cell) => cell.text !== "")).map((cells) => ({ cells, line: cells[0]!.line }));
}

/** A whole number ≥ 0 in the title row. */
function csvCount(row: CsvRow, column: number, field: string, fileName: string): number {
  const cell = cellAt(row, column);
  if (!/^\d+$/.test(cell.text)) {
    throw cellError(`expected ${field} (a whole number) in column ${column + 1}, found "${cell.text}"`, fileName, cell, field);
  }
  return Number(cell.text);
}

/** The header row's name of a column, if it has one. */
function headerName(header: CsvRow, column: number): string | undefined {
  const named = header.cells[column]?.text ?? "";
  return named === "" ? undefined : named;
}

/** The name of a column for messages: the header row's, with KTAB's meaning when they differ. */
function columnName(header: CsvRow, column: number, meaning: string): string {
  const named = header.cells[column]?.text ?? "";
  return named === "" || named.toLowerCase() === meaning.toLowerCase() ? meaning : `${meaning} (column "${named}")`;
}

/** One actor row: name, description, capability, then position and salience per dimension. */
function csvActor(row: CsvRow, header: CsvRow, dims: number, width: number, fileName: string): KtabActor {
  const used = usedColumns(row.cells);
  if (used !== width) {
    const at = used > width ? cellAt(row, width) : cellAt(row, used);
    throw cellError(
      `expected ${width} columns (name, description, capability, then position and salience for each of ${dims} dimensions), found ${used}`,
      fileName,
      at,
      (used > width ? headerName(header, width) : headerName(header, used)) ?? `column ${Math.min(used, width) + 1}`,
    );
  }
  const nameCell = cellAt(row, 0);
  const name = checkLength(nameCell.text, MAX_NAME_LENGTH, "actor name", fileName, row.line, nameCell.column);
  if (name === "") throw cellError("expected an actor name in column 1", fileName, nameCell, "name");
  const number = (column: number, meaning: string, min: number, max: number): number => {
    const cell = cellAt(row, column);
    return parseNumber(cell.text, columnName(header, column, meaning), min, max, fileName, cell.line, headerName(header, column) ?? meaning, cell.column);
  };
  return {
    name,
    description: checkLength(cellAt(row, 1).text, MAX_DESCRIPTION_LENGTH, "actor description", fileName, row.line, cellAt(row, 1).column),
    capability: number(2, "capability", 0, Infinity),
    position: Array.from({ length: dims }, (_, k) => number(3 + 2 * k, `position ${k + 1}`, 0, 100)),
    salience: Array.from({ length: dims }, (_, k) => number(4 + 2 * k, `salience ${k + 1}`, 0, 100)),
  };
}

/** Number of columns up to the last non-empty one (a trailing comma adds no column). */
function usedColumns(cells: readonly CsvCell[]): number {
  let used = cells.length;
  while (used > 0 && cells[used - 1]!.text === "") used--;
  return used;
}

// ---------------------------------------------------------------------------------------------------------
// XML

/** Elements that may repeat and are always read as arrays. */
const XML_LIST_ELEMENTS = new Set(["dName", "Actor", "dCoord", "dSal", "iaPair"]);

type XmlNode = Record<string, unknown>;

/**
 * Parses a KTAB SMP XML scenario (`smpSchema.xsd`): name, desc, prngSeed, optional ModelParameters,
 * optional Dimensions, at least three Actors, optional IdealAdjustment. Schema spellings of parameter values
 * ("Proportional", "No") are accepted. Throws ImportError with file, line and field on bad input.
 */
export function parseKtabXml(text: string, fileName: string): KtabScenario {
  const body = stripBom(text);
  checkXmlSafety(body, fileName);
  const validation = XMLValidator.validate(body);
  if (validation !== true) {
    throw new ImportError(`not well-formed XML: ${validation.err.msg}`, fileName, validation.err.line, undefined, validation.err.col);
  }
  const parser = new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    trimValues: true,
    captureMetaData: true,
    isArray: (tagName: string) => XML_LIST_ELEMENTS.has(tagName),
  });
  const document = parser.parse(body) as XmlNode;
  const lines = new LineIndex(body);
  const scenario = document["Scenario"];
  if (!isNode(scenario)) throw new ImportError("expected a <Scenario> root element", fileName, 1, "Scenario");
  const at = (node: XmlNode): number | undefined => lines.lineOf(node);
  const scenarioLine = at(scenario);

  const actorNodes = childNodes(scenario["Actors"], "Actor");
  if (actorNodes.length < 3) {
    throw new ImportError(`expected at least 3 <Actor> elements, found ${actorNodes.length}`, fileName, scenarioLine, "Actors");
  }
  const actors = actorNodes.map((node) => xmlActor(node, fileName, at(node)));
  const dims = actors[0]?.position.length ?? 0;
  const dimensionNames = childTexts(scenario["Dimensions"], "dName");
  const dimensions = dimensionNames.length > 0 ? dimensionNames : Array.from({ length: dims }, (_, k) => `Dimension ${k + 1}`);
  actors.forEach((actor, index) => {
    const line = at(actorNodes[index] as XmlNode);
    if (actor.position.length !== dimensions.length || actor.salience.length !== dimensions.length) {
      throw new ImportError(
        `actor "${actor.name}" has ${actor.position.length} <dCoord> and ${actor.salience.length} <dSal>; expected ${dimensions.length} each (one per dimension)`,
        fileName,
        line,
        "Position",
      );
    }
  });

  const parameters = xmlParameters(scenario["ModelParameters"], fileName, lines);
  const accommodation = xmlAccommodation(scenario["IdealAdjustment"], actors, fileName, lines);
  const seed = foldSeed(textOf(scenario["prngSeed"]), fileName, scenarioLine);
  return {
    name: textOf(scenario["name"]),
    description: textOf(scenario["desc"]),
    dimensions,
    actors,
    parameters,
    ...(accommodation === undefined ? {} : { accommodation }),
    ...(seed === undefined ? {} : { seed }),
  };
}

/** One <Actor>: name, description, capability, Position/dCoord…, Salience/dSal…. */
function xmlActor(node: XmlNode, fileName: string, line: number | undefined): KtabActor {
  const name = textOf(node["name"]);
  if (name === "") throw new ImportError("expected a non-empty <name> in <Actor>", fileName, line, "name");
  checkLength(name, MAX_NAME_LENGTH, "actor name", fileName, line);
  const label = `actor "${name}"`;
  const values = (parent: unknown, tag: string, field: string): number[] =>
    childTexts(parent, tag).map((raw, k) => parseNumber(raw, `${label} ${field} ${k + 1}`, 0, 100, fileName, line, tag));
  return {
    name,
    description: checkLength(textOf(node["description"]), MAX_DESCRIPTION_LENGTH, "actor description", fileName, line),
    capability: parseNumber(textOf(node["capability"]), `${label} capability`, 0, Infinity, fileName, line, "capability"),
    position: values(node["Position"], "dCoord", "position"),
    salience: values(node["Salience"], "dSal", "salience"),
  };
}

/** <ModelParameters>: each child must be one of the nine names with an allowed value. */
function xmlParameters(node: unknown, fileName: string, lines: LineIndex): Partial<SmpParameters> {
  if (!isNode(node)) return {};
  const parameters: Record<string, string> = {};
  for (const [name, value] of Object.entries(node)) {
    if (!isSmpParameterName(name)) {
      throw new ImportError(`unknown model parameter <${name}>`, fileName, lines.lineOf(node), name);
    }
    try {
      parameters[name] = parseSmpParameterValue(name, textOf(value));
    } catch (error) {
      if (error instanceof ModelError) throw new ImportError(error.message, fileName, lines.lineOf(node), name);
      throw error;
    }
  }
  return parameters as Partial<SmpParameters>;
}

/** <IdealAdjustment>/<iaPair>: actor names resolved to indices; `adjust` any finite number. */
function xmlAccommodation(
  node: unknown,
  actors: readonly KtabActor[],
  fileName: string,
  lines: LineIndex,
): KtabAccommodation[] | undefined {
  const pairs = childNodes(node, "iaPair");
  if (pairs.length === 0) return undefined;
  const indexOf = (name: string, field: string, line: number | undefined): number => {
    const index = actors.findIndex((actor) => actor.name === name);
    if (index < 0) {
      throw new ImportError(`<${field}> names "${name}", which is not one of the actors`, fileName, line, field);
    }
    return index;
  };
  return pairs.map((pair) => {
    const line = lines.lineOf(pair);
    return {
      adjusting: indexOf(textOf(pair["adjustingIdeal"]), "adjustingIdeal", line),
      reference: indexOf(textOf(pair["referencePos"]), "referencePos", line),
      adjust: parseNumber(textOf(pair["adjust"]), "adjust", -Infinity, Infinity, fileName, line, "adjust"),
    };
  });
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

/** Maps character offsets to 1-based line numbers, for nodes that carry their start index. */
class LineIndex {
  private readonly lineStarts: number[] = [0];

  constructor(text: string) {
    for (let index = 0; index < text.length; index++) if (text[index] === "\n") this.lineStarts.push(index + 1);
  }

  /** The line a parsed node starts on, when the parser recorded it. */
  lineOf(node: XmlNode): number | undefined {
    const meta = (node as Record<symbol, { startIndex?: number } | undefined>)[XML_META as symbol];
    const start = meta?.startIndex;
    if (start === undefined) return undefined;
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.lineStarts[middle] as number) <= start) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  }
}

const XML_META = XMLParser.getMetaDataSymbol();

function isNode(value: unknown): value is XmlNode {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The child elements `tag` of `parent` (always an array thanks to `isArray`). */
function childNodes(parent: unknown, tag: string): XmlNode[] {
  if (!isNode(parent)) return [];
  const children = parent[tag];
  return Array.isArray(children) ? children.filter(isNode) : [];
}

/** The texts of the child elements `tag` of `parent`. */
function childTexts(parent: unknown, tag: string): string[] {
  if (!isNode(parent)) return [];
  const children = parent[tag];
  return Array.isArray(children) ? children.map(textOf) : [];
}

/** The trimmed text of a leaf element; "" for missing or empty elements. */
function textOf(value: unknown): string {
  if (typeof value === "string") return value.trim();
  if (typeof value === "number") return String(value);
  if (isNode(value) && typeof value["#text"] === "string") return value["#text"].trim();
  return "";
}

// ---------------------------------------------------------------------------------------------------------
// Shared

/** A decimal number within [min, max]; ImportError naming the field otherwise. */
function parseNumber(
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
function checkLength(value: string, limit: number, what: string, fileName: string, line: number | undefined, column?: number): string {
  if (value.length > limit) {
    throw new ImportError(`${what} "${value}" is longer than KTAB's limit of ${limit} characters`, fileName, line, what, column);
  }
  return value;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
