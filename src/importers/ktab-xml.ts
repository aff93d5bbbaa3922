/** The reader of KTAB's SMP XML (`smpSchema.xsd`); see `ktab.ts`. Pure. */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { isSmpParameterName, parseSmpParameterValue, type SmpParameters } from "../models/smp/parameters.js";
import { ModelError } from "../models/types.js";
import { ImportError } from "./errors.js";
import { MAX_DESCRIPTION_LENGTH, MAX_NAME_LENGTH, checkLength, foldSeed, parseNumber, stripBom, type KtabAccommodation, type KtabActor, type KtabScenario } from "./ktab-common.js";
import { checkXmlSafety } from "./xml-safety.js";

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
