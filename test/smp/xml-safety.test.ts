/**
 * Hostile XML given to the importers (KTAB XML, GENIUS XML) is refused before parsing, at its line and
 * column: a DOCTYPE/ENTITY declaration (external entities, entity bombs) and nesting past the limit.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ImportError } from "../../src/importers/errors.js";
import { parseXml } from "../../src/importers/genius/xml.js";
import { parseKtabXml } from "../../src/importers/ktab.js";
import { checkXmlSafety, MAX_XML_DEPTH } from "../../src/importers/xml-safety.js";
import { runCli } from "../helpers.js";

const xxe = `<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<Scenario><name>&e;</name></Scenario>\n`;
const nested = (root: string, levels: number): string => `<${root}>\n${"<a>".repeat(levels)}${"</a>".repeat(levels)}\n</${root}>\n`;

function importError(run: () => unknown): ImportError {
  try {
    run();
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  throw new Error("expected an ImportError");
}

describe("XML safety checks", () => {
  it("refuses a document type declaration at its line and column", () => {
    for (const parse of [parseKtabXml, parseXml]) {
      const error = importError(() => parse(xxe, "x.xml"));
      expect(error).toMatchObject({ line: 2, column: 1 });
      expect(error.message).toMatch(/^x\.xml:2:1: has a document type declaration/);
    }
  });

  it("accepts nesting up to the limit and refuses one level more, at the element too deep", () => {
    expect(() => checkXmlSafety(nested("r", MAX_XML_DEPTH - 1), "d.xml")).not.toThrow();
    const error = importError(() => checkXmlSafety(nested("r", MAX_XML_DEPTH), "d.xml"));
    expect(error).toMatchObject({ line: 2, column: 1 + 3 * (MAX_XML_DEPTH - 1) });
    expect(importError(() => parseKtabXml(nested("Scenario", 5000), "k.xml")).message).toMatch(/^k\.xml:2:\d+: elements are nested more than 100 deep/);
  });

  it("skips comments, CDATA, processing instructions and self-closing elements", () => {
    const text = `<?xml version="1.0"?><!-- <!DOCTYPE no> --><r>${"<e/>".repeat(500)}<![CDATA[<<<<]]></r>`;
    expect(() => checkXmlSafety(text, "ok.xml")).not.toThrow();
  });

  it("locates malformed XML with a column", () => {
    const error = importError(() => parseKtabXml("<Scenario>\n  <name>x</nam>\n</Scenario>\n", "m.xml"));
    expect(error.line).toBe(2);
    expect(error.column).toBeGreaterThan(1);
  });
});

describe("the CLI on hostile XML", () => {
  const dir = mkdtempSync(join(tmpdir(), "parley-xml-"));
  it.each([
    ["xxe.xml", xxe, /xxe\.xml:2:1: has a document type declaration/],
    ["deep.xml", nested("Scenario", 2000), /deep\.xml:2:\d+: elements are nested more than/],
  ])("import %s: exit 2, located, no stack trace", async (name, text, expected) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    const run = await runCli("import", file, "--from", "ktab");
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(expected);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
