/**
 * Collision-free labels on an Observable Plot chart: labels placed in pixels (`placeLabels`) and
 * turned into text marks, one mark per text anchor and offset, haloed in white so that they read over
 * the points. On a chart of the unit square (utilities 0–1 on both axes) `unitFrame` turns a placed
 * label back into data coordinates; on a strip (a band per row) the label keeps its point's x and
 * row and carries the placed offset in pixels (`stripLabels`).
 */
import * as Plot from "@observablehq/plot";
import type { LabelPoint, Placed } from "./labels.js";

export interface Margin {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

/** A label placed in pixels, in the chart's data coordinates (`y` a row's name on a band scale), offset by `dx`, `dy` pixels. */
export interface PlacedLabel {
  readonly text: string;
  readonly anchor: "start" | "end" | "middle";
  readonly x: number;
  readonly y: number | string;
  readonly dx?: number;
  readonly dy?: number;
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

/**
 * Labels placed along a row of points on a strip (`placeLabels` with pixel `x` and `y` 0), at their
 * points' data `at` on the row `row`, each keeping the fields of its point (for a colour channel).
 */
export function stripLabels<T extends Placed & { readonly at: number }>(placed: readonly T[], row: string): (T & PlacedLabel)[] {
  return placed.map((p) => ({ ...p, x: p.at, y: row, dx: p.dx, dy: p.dy + 4 }));
}

/**
 * Text marks for placed labels, one per anchor and offset (Plot takes one anchor and offset per mark).
 * `fill` is a colour, or the name of the rows' field that a colour scale maps.
 */
export function labelMarks(rows: readonly PlacedLabel[], style: { fill: string; fontWeight: number }): Plot.Markish[] {
  const groups = new Map<string, { anchor: PlacedLabel["anchor"]; dx: number; dy: number; rows: PlacedLabel[] }>();
  for (const anchor of ["start", "end", "middle"] as const) groups.set(`${anchor}|0|0`, { anchor, dx: 0, dy: 0, rows: [] });
  for (const r of rows) {
    const key = `${r.anchor}|${r.dx ?? 0}|${r.dy ?? 0}`;
    if (!groups.has(key)) groups.set(key, { anchor: r.anchor, dx: r.dx ?? 0, dy: r.dy ?? 0, rows: [] });
    groups.get(key)!.rows.push(r);
  }
  return [...groups.values()].map((g) =>
    Plot.text(g.rows, { x: "x", y: "y", text: "text", textAnchor: g.anchor, dx: g.dx, dy: g.dy, ...style, stroke: "white", strokeWidth: 3, paintOrder: "stroke" }),
  );
}
