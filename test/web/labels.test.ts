import { describe, expect, it } from "vitest";
import { ABOVE, mergeCoinciding, placeLabels, textWidth } from "../../web/src/charts/labels.js";

const box = (p: ReturnType<typeof placeLabels>[number]) => {
  const w = textWidth(p.text);
  const x = p.x + p.dx;
  const x0 = p.anchor === "start" ? x : p.anchor === "end" ? x - w : x - w / 2;
  return { x0, x1: x0 + w, y0: p.y + p.dy - 11, y1: p.y + p.dy + 2 };
};
const overlaps = (a: ReturnType<typeof box>, b: ReturnType<typeof box>) => Math.min(a.x1, b.x1) > Math.max(a.x0, b.x0) && Math.min(a.y1, b.y1) > Math.max(a.y0, b.y0);

describe("collision-avoiding labels", () => {
  it("places labels of nearby points without overlap", () => {
    const points = [
      { x: 100, y: 100, text: "Nash" },
      { x: 104, y: 102, text: "Kalai–Smorodinsky" },
      { x: 98, y: 96, text: "Max welfare" },
    ];
    const placed = placeLabels(points);
    for (let i = 0; i < placed.length; i++) for (let j = i + 1; j < placed.length; j++) expect(overlaps(box(placed[i]!), box(placed[j]!))).toBe(false);
  });

  it("stacks ten actor names on a row above their dots without overprinting", () => {
    const names = ["USA", "DPRK", "ROK", "CHN", "JPN", "RUS", "EU", "UN", "IAEA", "ASEAN"];
    const placed = placeLabels(names.map((text, k) => ({ x: 200 + k * 6, y: 50, text })), { candidates: ABOVE });
    for (let i = 0; i < placed.length; i++) for (let j = i + 1; j < placed.length; j++) expect(overlaps(box(placed[i]!), box(placed[j]!))).toBe(false);
  });

  it("merges coinciding points into one label instead of printing 2 and 4 as 24", () => {
    const merged = mergeCoinciding([{ x: 10, y: 10, text: "2" }, { x: 30, y: 10, text: "3" }, { x: 10.5, y: 10.2, text: "4" }], 2, ", ");
    expect(merged.map((m) => m.text)).toEqual(["2, 4", "3"]);
    expect(textWidth("朝鲜")).toBeGreaterThan(textWidth("ab"));
  });
});
