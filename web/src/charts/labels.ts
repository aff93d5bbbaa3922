/**
 * Labels that do not overprint: each label takes the first of its candidate places (offsets from
 * its point, in pixels) whose box overlaps neither a label already placed nor another point, in
 * the given order (most important first); a label with no free place takes the least crowded one.
 * Points that coincide should be merged into one label first (`mergeCoinciding`). Pure.
 */
export interface LabelPoint {
  readonly x: number;
  readonly y: number;
  readonly text: string;
}

export interface Offset {
  readonly dx: number;
  readonly dy: number;
  /** Which side of the point the text sits: "start" means the text begins at the point. */
  readonly anchor: "start" | "end" | "middle";
}

export interface Placed extends LabelPoint, Offset {}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Rough text width for 11 px sans-serif: CJK characters are twice as wide as Latin ones. */
export function textWidth(text: string, fontSize = 11): number {
  let w = 0;
  for (const ch of text) w += /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]/.test(ch) ? fontSize : fontSize * 0.58;
  return w;
}

/** Around a point: right, left, above, below, then the four diagonals, then further out. */
export const AROUND: readonly Offset[] = [
  { dx: 8, dy: 4, anchor: "start" },
  { dx: -8, dy: 4, anchor: "end" },
  { dx: 0, dy: -9, anchor: "middle" },
  { dx: 0, dy: 16, anchor: "middle" },
  { dx: 7, dy: -8, anchor: "start" },
  { dx: -7, dy: -8, anchor: "end" },
  { dx: 7, dy: 15, anchor: "start" },
  { dx: -7, dy: 15, anchor: "end" },
  { dx: 0, dy: -21, anchor: "middle" },
  { dx: 0, dy: 28, anchor: "middle" },
  { dx: 20, dy: -16, anchor: "start" },
  { dx: -20, dy: -16, anchor: "end" },
];

/** Above a point only, stacked higher and higher (for a row of dots). */
export const ABOVE: readonly Offset[] = Array.from({ length: 10 }, (_, k) => k).flatMap((k) =>
  (["middle", "start", "end"] as const).map((anchor) => ({ dx: anchor === "start" ? -3 : anchor === "end" ? 3 : 0, dy: -11 - 11 * k, anchor })),
);

function boxOf(p: LabelPoint, o: Offset, fontSize: number): Box {
  const w = textWidth(p.text, fontSize);
  const x = p.x + o.dx;
  const x0 = o.anchor === "start" ? x : o.anchor === "end" ? x - w : x - w / 2;
  const baseline = p.y + o.dy;
  return { x0, y0: baseline - fontSize, x1: x0 + w, y1: baseline + 2 };
}

function overlap(a: Box, b: Box): number {
  const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
  const h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
  return w > 0 && h > 0 ? w * h : 0;
}

/** Each point with the offset it takes (its other fields kept). */
export function placeLabels<T extends LabelPoint>(points: readonly T[], options: { candidates?: readonly Offset[]; fontSize?: number; obstacles?: readonly { x: number; y: number; r: number }[]; bounds?: { width: number; height: number } } = {}): (T & Offset)[] {
  const candidates = options.candidates ?? AROUND;
  const fontSize = options.fontSize ?? 11;
  const taken: Box[] = (options.obstacles ?? points).map((p) => {
    const r = "r" in p ? (p as { r: number }).r : 3;
    return { x0: p.x - r, y0: p.y - r, x1: p.x + r, y1: p.y + r };
  });
  const out: (T & Offset)[] = [];
  for (const p of points) {
    let best: { o: Offset; box: Box; cost: number } | undefined;
    for (const o of candidates) {
      const box = boxOf(p, o, fontSize);
      let cost = taken.reduce((sum, t) => sum + overlap(box, t), 0);
      if (options.bounds && (box.x0 < 0 || box.y0 < 0 || box.x1 > options.bounds.width || box.y1 > options.bounds.height)) cost += 1e6;
      if (!best || cost < best.cost) best = { o, box, cost };
      if (cost === 0) break;
    }
    taken.push(best!.box);
    out.push({ ...p, ...best!.o });
  }
  return out;
}

/** Points within `within` pixels of each other become one, their texts joined (e.g. "2, 4" or "Nash = KS"). */
export function mergeCoinciding<T extends LabelPoint>(points: readonly T[], within: number, join: string): T[] {
  const out: T[] = [];
  for (const p of points) {
    const same = out.findIndex((q) => Math.hypot(q.x - p.x, q.y - p.y) <= within);
    if (same >= 0) out[same] = { ...out[same]!, text: `${out[same]!.text}${join}${p.text}` };
    else out.push(p);
  }
  return out;
}
