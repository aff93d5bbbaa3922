/**
 * Hostile YAML is refused at the place it goes wrong, the same way for `parley validate` and the
 * server (both parse with parseLocated): nesting deeper than the limit, alias bombs, aliases to
 * nothing, a second document.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MAX_ALIAS_EXPANSION, MAX_NESTING_DEPTH, parseLocated } from "../../src/scenario/document.js";
import { runCli } from "../helpers.js";

/** `a: [[[…]]]` nested `levels` lists deep under the top mapping. */
const deepFlow = (levels: number): string => `a: ${"[".repeat(levels)}${"]".repeat(levels)}\n`;
/** Block mappings nested `levels` deep, one per line. */
const deepBlock = (levels: number): string => Array.from({ length: levels }, (_, i) => `${"  ".repeat(i)}k:`).join("\n") + " 1\n";
/** Ten aliases of ten aliases of … `rounds` times: 10^rounds values. */
const aliasBomb = (rounds: number): string => {
  const lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"];
  for (let i = 1; i <= rounds; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(", ")}]`);
  return lines.join("\n") + "\n";
};

describe("parseLocated limits", () => {
  it("accepts nesting up to the limit and refuses one level more, at the first collection too deep", () => {
    // The top mapping is one level, so `levels` lists make levels + 1.
    expect(parseLocated(deepFlow(MAX_NESTING_DEPTH - 1), "f").syntaxErrors).toEqual([]);
    const deep = parseLocated(deepFlow(MAX_NESTING_DEPTH), "f");
    expect(deep.value).toBeUndefined();
    expect(deep.syntaxErrors).toHaveLength(1);
    expect(deep.syntaxErrors[0]).toMatchObject({ file: "f", line: 1, column: 4 + MAX_NESTING_DEPTH - 1 });
    expect(deep.syntaxErrors[0]!.message).toContain(`more than ${MAX_NESTING_DEPTH} levels`);
  });

  it.each([
    ["flow", deepFlow(5000)],
    ["block", deepBlock(3000)],
  ])("refuses thousands of levels (%s) without overflowing the stack", (_kind, text) => {
    const doc = parseLocated(text, "f");
    expect(doc.syntaxErrors).toHaveLength(1);
    expect(doc.syntaxErrors[0]!.message).toMatch(/nested more than \d+ levels deep/);
    expect(doc.syntaxErrors[0]!.line).toBeGreaterThanOrEqual(1);
  });

  it("locates a block nesting error on its line", () => {
    const doc = parseLocated(deepBlock(200), "f");
    expect(doc.syntaxErrors[0]!.line).toBe(MAX_NESTING_DEPTH + 1);
  });

  it("accepts ordinary aliases and refuses a bomb at the alias that crosses the limit", () => {
    expect(parseLocated(aliasBomb(3), "f").value).toBeDefined();
    const bomb = parseLocated(aliasBomb(9), "f");
    expect(bomb.value).toBeUndefined();
    const [error] = bomb.syntaxErrors;
    expect(error!.message).toContain(MAX_ALIAS_EXPANSION.toLocaleString("en-US"));
    // a0 stands for 11 values, a1 for 111, …: the running total first passes 100,000 on the line of a4.
    expect(error!.line).toBe(5);
    expect(error!.column).toBeGreaterThan(1);
  });

  it("locates an alias that names no anchor, or one set only after it", () => {
    const error = parseLocated("parley: 1\nid: x\ntitle: *nope\n", "f").syntaxErrors[0];
    expect(error).toMatchObject({ line: 3, column: 8 });
    expect(error!.message).toContain("*nope");
    expect(parseLocated("a: *later\nb: &later 1\n", "f").syntaxErrors[0]).toMatchObject({ line: 1, column: 4 });
    expect(parseLocated("a: &self [1, *self]\n", "f").syntaxErrors[0]).toMatchObject({ line: 1, column: 14 });
  });

  it("refuses a second document where it starts", () => {
    expect(parseLocated("a: 1\n---\nb: 2\n", "f").syntaxErrors[0]).toMatchObject({ line: 2, column: 1 });
  });
});

describe("parley validate on hostile YAML", () => {
  const dir = mkdtempSync(join(tmpdir(), "parley-yaml-"));
  it.each([
    ["deep-flow.yaml", deepFlow(2000), /deep-flow\.yaml:1:\d+: nested more than/],
    ["deep-block.yaml", deepBlock(2000), /deep-block\.yaml:\d+:\d+: nested more than/],
    ["bomb.yaml", aliasBomb(9), /bomb\.yaml:5:\d+: aliases expand to more than/],
    ["alias.yaml", "parley: 1\nactors: *nope\n", /alias\.yaml:2:9: the alias \*nope names no anchor/],
  ])("%s: exit 2, a located message, no stack trace", async (name, text, expected) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    const run = await runCli("validate", file);
    expect(run.code).toBe(2);
    expect(run.stderr + run.stdout).toMatch(expected);
    expect(run.stderr + run.stdout).not.toMatch(/\n\s+at /);
  });
});
