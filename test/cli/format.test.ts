import { describe, expect, it } from "vitest";
import { displayWidth, padEnd, table, truncate } from "../../src/cli/format.js";

describe("displayWidth", () => {
  it("counts ASCII, Latin and box-drawing characters one column each", () => {
    expect(displayWidth("model")).toBe(5);
    expect(displayWidth("Kalai–Smorodinsky …")).toBe(19);
    expect(displayWidth("──")).toBe(2);
  });

  it("counts East Asian Wide and Fullwidth characters two columns, in every plane", () => {
    expect(displayWidth("纳什议价解")).toBe(10);
    expect(displayWidth("（ＡＢ）")).toBe(8); // fullwidth forms
    expect(displayWidth("かな한국")).toBe(8);
    expect(displayWidth("𠮷野家")).toBe(6); // 𠮷 is in CJK Extension B, beyond the BMP
    expect(displayWidth("😀")).toBe(2);
  });

  it("counts combining marks and zero-width characters no column", () => {
    expect(displayWidth("Cafe\u0301")).toBe(4); // e + combining acute
    expect(displayWidth("a\u200bb")).toBe(2); // zero-width space
    expect(displayWidth("\ufeffx")).toBe(1); // byte-order mark
    expect(displayWidth("\u1100\u1161\u11a8")).toBe(2); // conjoining jamo: one syllable
  });
});

describe("table", () => {
  it("aligns columns by display width when cells mix Chinese, combining marks and ASCII", () => {
    const rows = [
      ["𠮷野家", "1"],
      ["Cafe\u0301", "22"],
      ["空间政治模型(KTAB)", "3"],
      ["ab", "4"],
    ];
    // Every line's second cell ends at the same display column: 18 + 2 + 2.
    expect(table(["模型", "n"], rows, ["left", "right"]).split("\n")).toEqual([
      "模型                 n",
      "──────────────────  ──",
      "𠮷野家               1",
      `Cafe\u0301${" ".repeat(16)}22`,
      "空间政治模型(KTAB)   3",
      "ab                   4",
    ]);
  });

  it("pads and truncates by display width", () => {
    expect(padEnd("议题", 6)).toBe("议题  ");
    expect(truncate("停止所有裂变材料生产", 9)).toBe("停止所有…");
    expect(displayWidth(truncate("停止所有裂变材料生产", 9))).toBeLessThanOrEqual(9);
  });
});
