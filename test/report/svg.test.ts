import { describe, expect, it } from "vitest";
import { barChart, fitText, heatColor, heatMap, linear, niceCeiling, scaleStrip, stackRows, textWidth } from "../../src/report/svg.js";

/** Tags open and close in order: enough to catch a broken chart. */
function balanced(svg: string): boolean {
  const stack: string[] = [];
  for (const m of svg.matchAll(/<(\/?)([a-z]+)[^>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = m;
    if (selfClosing) continue;
    if (closing) {
      if (stack.pop() !== name) return false;
    } else stack.push(name!);
  }
  return stack.length === 0;
}

describe("svg helpers", () => {
  it("stacks overlapping labels into rows, leaving apart ones in the first", () => {
    expect(stackRows([{ x: 0, width: 20 }, { x: 10, width: 20 }, { x: 100, width: 20 }])).toEqual([0, 1, 0]);
    expect(stackRows([{ x: 10, width: 20 }, { x: 0, width: 20 }, { x: 5, width: 20 }])).toEqual([2, 0, 1]);
    expect(stackRows([])).toEqual([]);
  });

  it("maps scales and rounds bounds", () => {
    expect(linear(0, 100, 20, 220)(50)).toBe(120);
    expect(linear(5, 5, 0, 10)(5)).toBe(5);
    expect(niceCeiling(0.576)).toBe(1);
    expect(niceCeiling(0.163)).toBe(0.2);
    expect(niceCeiling(0.03)).toBeCloseTo(0.05, 12);
    expect(niceCeiling(0)).toBe(1);
  });

  it("estimates text widths, CJK twice as wide, and cuts long texts", () => {
    expect(textWidth("中国", 10)).toBe(20);
    expect(textWidth("ab", 10)).toBeCloseTo(11.2, 12);
    const cut = fitText("a very long anchor label indeed", 60, 10);
    expect(cut.endsWith("…")).toBe(true);
    expect(textWidth(cut, 10)).toBeLessThanOrEqual(60);
    expect(fitText("short", 60, 10)).toBe("short");
  });

  it("colours heat from dark (together) to light (apart)", () => {
    expect(heatColor(0)).toBe("rgb(8,69,148)");
    expect(heatColor(1)).toBe("rgb(250,250,250)");
    expect(heatColor(2)).toBe(heatColor(1));
  });

  it("draws a scale strip with positions, status quo, forecasts and bands, escaping labels", () => {
    const svg = scaleStrip({
      title: "<Alliance>",
      min: 0,
      max: 100,
      anchors: [{ value: 0, label: "withdrawn & gone" }, { value: 100, label: "full" }],
      reference: { value: 50, label: "status quo" },
      positions: [{ label: "A<", value: 0, weight: 0.6, color: "#000" }, { label: "B", value: 0, weight: 0.7, color: "#111" }],
      forecasts: [{ label: "m", value: 35, band: { p5: 20, p25: 30, p75: 40, p95: 50 } }],
    });
    expect(balanced(svg)).toBe(true);
    expect(svg).toContain("<title>&lt;Alliance&gt;</title>");
    expect(svg).toContain("withdrawn &amp; gone");
    expect(svg).toContain(">A&lt;</text>");
    expect(svg).not.toContain("<Alliance>");
    expect(svg.match(/<circle /g)).toHaveLength(2);
    expect(svg).toContain('stroke-width="5"');
  });

  it("draws a forecast's calibrated interval as a bracket on the scale, dashed where a sampled spread widens it", () => {
    const spec = { title: "t", min: 0, max: 100, width: 228, anchors: [], positions: [], forecasts: [{ label: "m", value: 50, interval: { lower: 25, upper: 75 } }] };
    // Scale 0–100 drawn from x = 28 to x = 200: 25 → 71, 75 → 157.
    const alone = scaleStrip(spec);
    expect(balanced(alone)).toBe(true);
    expect(alone.match(/<path class="calibrated"[^>]*>/g)).toHaveLength(1);
    expect(alone).toMatch(/class="calibrated" d="M71 [\d.]+ V[\d.]+ M71 ([\d.]+) H157 M157 /);
    expect(alone).not.toContain("combined");
    const widened = scaleStrip({ ...spec, forecasts: [{ label: "m", value: 50, interval: { lower: 25, upper: 75, combined: { lower: 0, upper: 100 } } }] });
    expect(widened).toMatch(/class="calibrated combined" d="M28 [\d.]+ V[\d.]+ M28 [\d.]+ H200 M200 [^"]+" fill="none" stroke="#E69F00" stroke-width="1.5" stroke-dasharray="4 3"/);
    expect(widened).toMatch(/class="calibrated" d="M71 /);
    expect(scaleStrip({ ...spec, forecasts: [{ label: "m", value: 50 }] })).not.toContain("calibrated");
  });

  it("draws bars on both sides of zero and a heat map with empty cells", () => {
    const bars = barChart({ title: "gains", format: (v) => v.toFixed(2), groups: [{ label: "deal <1>", bars: [{ label: "A", value: 0.5, color: "#000" }, { label: "B", value: -0.2, color: "#111" }] }] });
    expect(balanced(bars)).toBe(true);
    expect(bars).toContain("deal &lt;1&gt;");
    expect(bars.match(/<rect /g)).toHaveLength(2);
    const heat = heatMap({ title: "t", rows: ["A", "B"], columns: ["A", "B"], cells: [[null, 0.3], [0.3, null]], format: (v) => String(Math.round(v * 100)), legend: ["0", "100"] });
    expect(balanced(heat)).toBe(true);
    expect(heat.match(/>30<\/text>/g)).toHaveLength(2);
    expect(heat.match(/>—<\/text>/g)).toHaveLength(2);
  });
});
