/**
 * Thin typed access to XML parsed by fast-xml-parser: every element becomes an object whose
 * attributes are `@_name` strings and whose child elements are arrays.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { ImportError } from "../errors.js";
import { checkXmlSafety } from "../xml-safety.js";

/** A parsed XML element. */
export type XmlElement = { readonly [key: string]: unknown };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseAttributeValue: false,
  parseTagValue: false,
  isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
});

/** Parses XML text, throwing an ImportError with the line of a syntax error. */
export function parseXml(text: string, file: string): XmlElement {
  checkXmlSafety(text, file);
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new ImportError(`malformed XML: ${valid.err.msg}`, file, valid.err.line, undefined, valid.err.col);
  return parser.parse(text) as XmlElement;
}

/** The child elements called `name` (empty when absent). */
export function children(element: XmlElement, name: string): XmlElement[] {
  const value = element[name];
  return Array.isArray(value) ? value.filter((child): child is XmlElement => typeof child === "object" && child !== null) : [];
}

/** The first child element called `name`, if any. */
export function child(element: XmlElement, name: string): XmlElement | undefined {
  return children(element, name)[0];
}

/** An attribute's text, if present. */
export function attribute(element: XmlElement, name: string): string | undefined {
  const value = element[`@_${name}`];
  return typeof value === "string" ? value : undefined;
}

/** The 1-based line of the first occurrence of `needle` in `text`, if found (to locate an element). */
export function lineOf(text: string, needle: string): number | undefined {
  const at = text.indexOf(needle);
  return at < 0 ? undefined : text.slice(0, at).split("\n").length;
}

/** Context for error messages: the file text and name. */
export interface XmlContext {
  readonly text: string;
  readonly file: string;
}

/** A numeric attribute; throws an ImportError naming the element when missing or not a number. */
export function numberAttribute(context: XmlContext, element: XmlElement, name: string, where: string, fallback?: number): number {
  const text = attribute(element, name);
  if (text === undefined) {
    if (fallback !== undefined) return fallback;
    throw new ImportError(`${where}: expected a numeric "${name}" attribute`, context.file, locate(context, element), name);
  }
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value)) {
    throw new ImportError(`${where}: "${name}" should be a number, got "${text}"`, context.file, locate(context, element), name);
  }
  return value;
}

/** Best-effort line of an element: the line of its name or index attribute. */
export function locate(context: XmlContext, element: XmlElement): number | undefined {
  const name = attribute(element, "name");
  if (name !== undefined) return lineOf(context.text, `"${name}"`);
  return undefined;
}
