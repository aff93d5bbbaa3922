/**
 * Collision-free labels on an Observable Plot chart of the unit square (utilities 0–1 on both axes):
 * the chart's pixel frame, labels placed in pixels (`placeLabels`) and turned back into text marks
 * in data coordinates, one mark per text anchor, haloed in white so that they read over the points.
 */
import * as Plot from "@observablehq/plot";
import type { LabelPoint } from "./labels.js";

export interface Margin {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

/** A label placed in pixels, in the chart's data coordinates. */
export interface PlacedLabel {
  readonly text: string;
  readonly anchor: "start" | "end" | "middle";
  readonly x: number;
  readonly y: number;
}

/** A chart of the unit square `width` × `height` pixels with its margins: data to pixels and back. */
export function unitFrame(width: number, height: number, margin: Margin) {
  const innerWidth = width - margin.left - margin.right;
  const innerHeight = height - margin.top - margin.bottom;
  return {
    px: (x: number) => margin.left + x * innerWidth,
    py: (y: number) => margin.top + (1 - y) * innerHeight,
    /** A placed label's text position (point plus offset; the baseline sits 4 px below) as data. */
    toData: (p: LabelPoint & { dx: number; dy: number; anchor: PlacedLabel["anchor"] }): PlacedLabel => ({
      text: p.text,
      anchor: p.anchor,
      x: (p.x + p.dx - margin.left) / innerWidth,
      y: 1 - (p.y + p.dy - 4 - margin.top) / innerHeight,
    }),
  };
}

/** Text marks for placed labels, one per anchor (Plot takes one anchor per mark). */
export function labelMarks(rows: readonly PlacedLabel[], style: { fill: string; fontWeight: number }): Plot.Markish[] {
  return (["start", "end", "middle"] as const).map((anchor) =>
    Plot.text(
      rows.filter((r) => r.anchor === anchor),
      { x: "x", y: "y", text: "text", textAnchor: anchor, ...style, stroke: "white", strokeWidth: 3, paintOrder: "stroke" },
    ),
  );
}
