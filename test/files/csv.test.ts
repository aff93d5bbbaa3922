import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { csvField, toCsv } from "../../src/files/csv.js";

describe("csvField", () => {
  it("leaves plain text and numbers as they are", () => {
    expect(csvField("smp")).toBe("smp");
    expect(csvField(63.5)).toBe("63.5");
    expect(csvField(-3)).toBe("-3");
    expect(csvField(true)).toBe("true");
  });

  it("quotes a field with a comma, a quote or a line break, doubling its quotes", () => {
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "no"')).toBe('"say ""no"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("cr\r")).toBe('"cr\r"');
  });

  it("leaves absent values and non-finite numbers blank", () => {
    expect(csvField(undefined)).toBe("");
    expect(csvField(null)).toBe("");
    expect(csvField(Number.NaN)).toBe("");
    expect(csvField(Number.POSITIVE_INFINITY)).toBe("");
  });
});

describe("toCsv", () => {
  it("ends every record with CRLF", () => {
    expect(toCsv([["issue", "smp"], ["sanctions", 63.5]])).toBe("issue,smp\r\nsanctions,63.5\r\n");
    expect(toCsv([])).toBe("");
  });

  it("reads back field for field with an RFC 4180 parser, Chinese and awkward text included", () => {
    const rows = [
      ["issue", "name", "forecast"],
      ["sanctions", "Sanctions relief, partial", "63.5"],
      ["missiles", '制裁 "放松"', ""],
      ["note", "line one\r\nline two", "-0.25"],
    ];
    expect(parse(toCsv(rows), { bom: false, relax_column_count: false })).toEqual(rows);
  });

  it("refuses rows of different lengths", () => {
    expect(() => toCsv([["a", "b"], ["c"]])).toThrow(/CSV row 2 has 1 fields, expected 2/);
  });
});
