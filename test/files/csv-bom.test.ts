/**
 * The byte-order mark: every CSV file Parley writes starts with one (so that Excel reads its UTF-8,
 * Chinese names included), and every CSV reader of Parley takes a file that starts with one as it
 * takes the same file without.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { parseBacktestCsv } from "../../src/backtest/input.js";
import { CSV_BOM, csvFile, toCsv } from "../../src/files/csv.js";
import { detectFormat, loadInput } from "../../src/files/input.js";
import { tokenizeCsv } from "../../src/importers/csv.js";
import { detectEumCsv, parseEumCsv } from "../../src/importers/eum-csv.js";
import { detectKtab, parseKtabCsv } from "../../src/importers/ktab.js";
import { readFixture } from "../helpers.js";

const EUM = "actor,position,salience,capability\r\n北京,80,0.9,3\r\n华盛顿,20,0.8,2.5\r\nB,50,0.5,1\r\n";
const BACKTEST = "case,actor,position,salience,capability,outcome\r\nc1,甲,10,50,3,40\r\nc1,乙,60,80,2,\r\nc1,丙,90,40,1,\r\n";

describe("CSV files with a byte-order mark", () => {
  it("are what csvFile makes: the mark once, then the text as toCsv wrote it", () => {
    const text = toCsv([["name", "value"], ["美国", 1]]);
    expect(text.startsWith(CSV_BOM)).toBe(false);
    const file = csvFile(text);
    expect(file).toBe(`\uFEFF${text}`);
    expect(csvFile(file)).toBe(file);
    expect([...Buffer.from(file, "utf8").subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // An outside reader that knows the mark (as Excel does) reads the same records.
    expect(parse(file, { bom: true })).toEqual([["name", "value"], ["美国", "1"]]);
  });

  it("are read by the tokenizer as without the mark, lines and columns unchanged", () => {
    const plain = tokenizeCsv(BACKTEST);
    expect(tokenizeCsv(csvFile(BACKTEST))).toEqual(plain);
    expect(plain.records[0]![0]).toEqual({ text: "case", line: 1, column: 1 });
  });

  it("are read by every importer and by the backtest reader as without the mark", () => {
    const ktab = readFixture("ktab/dummyData_3Dim.csv");
    expect(detectKtab(csvFile(ktab))).toBe("csv");
    expect(parseKtabCsv(csvFile(ktab), "k.csv")).toEqual(parseKtabCsv(ktab, "k.csv"));
    expect(detectEumCsv(csvFile(EUM))).toBe(true);
    expect(parseEumCsv(csvFile(EUM), "e.csv")).toEqual(parseEumCsv(EUM, "e.csv"));
    expect(parseBacktestCsv(csvFile(BACKTEST), "b.csv")).toEqual(parseBacktestCsv(BACKTEST, "b.csv"));
  });

  it("are told apart and loaded from disk as without the mark", () => {
    // The same file name in two folders, so that the ids made from it match.
    const [plainDir, markedDir] = [mkdtempSync(join(tmpdir(), "parley-plain-")), mkdtempSync(join(tmpdir(), "parley-bom-"))];
    for (const [name, text, format] of [
      ["ktab.csv", readFixture("ktab/dummyData_3Dim.csv"), "ktab"],
      ["eum.csv", EUM, "eum"],
    ] as const) {
      expect(detectFormat(csvFile(text))).toBe(format);
      writeFileSync(join(plainDir, name), text);
      writeFileSync(join(markedDir, name), csvFile(text));
      const scenario = loadInput(join(markedDir, name));
      expect(JSON.parse(JSON.stringify(scenario).replaceAll(markedDir, plainDir))).toEqual(JSON.parse(JSON.stringify(loadInput(join(plainDir, name)))));
    }
  });
});
