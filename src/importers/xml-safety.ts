/**
 * Checks run on XML before it is parsed, so that hostile files are refused at their line and column
 * rather than inside the parser: a document type declaration (the door to external and expanding
 * entities — none of the formats Parley reads uses one) and nesting deeper than any of them needs.
 */
import { ImportError } from "./errors.js";

/** The deepest element nesting accepted; KTAB, GENIUS and their kin nest fewer than ten. */
export const MAX_XML_DEPTH = 100;

/** Throws ImportError, located, for a DOCTYPE/ENTITY declaration or elements nested deeper than {@link MAX_XML_DEPTH}. */
export function checkXmlSafety(text: string, file: string): void {
  const locate = (offset: number): [number, number] => {
    const before = text.slice(0, offset);
    const line = before.split("\n").length;
    return [line, offset - before.lastIndexOf("\n")];
  };
  const fail = (offset: number, message: string): never => {
    const [line, column] = locate(offset);
    throw new ImportError(message, file, line, undefined, column);
  };
  let depth = 0;
  for (let at = text.indexOf("<"); at >= 0; at = text.indexOf("<", at + 1)) {
    if (text.startsWith("<!--", at)) {
      const end = text.indexOf("-->", at + 4);
      if (end < 0) return; // unterminated: the validator reports it
      at = end + 2;
    } else if (text.startsWith("<![CDATA[", at)) {
      const end = text.indexOf("]]>", at + 9);
      if (end < 0) return;
      at = end + 2;
    } else if (/^<!(DOCTYPE|ENTITY)/i.test(text.slice(at, at + 9))) {
      fail(at, "has a document type declaration (<!DOCTYPE> or <!ENTITY>); entities are not read, for safety, and the formats Parley imports do not use them");
    } else if (text.startsWith("<?", at)) {
      const end = text.indexOf("?>", at + 2);
      if (end < 0) return;
      at = end + 1;
    } else if (text.startsWith("</", at)) {
      depth = Math.max(0, depth - 1);
    } else {
      const end = text.indexOf(">", at + 1);
      if (end < 0) return;
      if (text[end - 1] !== "/") {
        depth += 1;
        if (depth > MAX_XML_DEPTH) fail(at, `elements are nested more than ${MAX_XML_DEPTH} deep; the formats Parley imports need fewer than ten`);
      }
      at = end;
    }
  }
}
