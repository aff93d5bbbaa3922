/**
 * Small SVG charts for the briefing, as strings: no DOM, no dependency, no scripts, no shared
 * ids (several charts sit in one page). Every text is escaped here; callers pass plain text.
 * Widths of texts are estimated (Latin ≈ 0.6 em, CJK 1 em), which is all the layout needs. Pure.
 */
import { escapeHtml } from "./escape.js";

/** Colour-blind-safe colours (Okabe & Ito), cycled for actors. */
export const PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"] as const;

export function paletteColor(index: number): string {
  return PALETTE[((index % PALETTE.length) + PALETTE.length) % PALETTE.length]!;
}

/** A number for an SVG attribute: at most two decimals. */
export function n(value: number): string {
  return String(Math.round(value * 100) / 100);
}

function isWide(code: number): boolean {
  return (code >= 0x1100 && code <= 0x115f) || (code >= 0x2e80 && code <= 0xa4cf) || (code >= 0xac00 && code <= 0xd7a3) || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xfe30 && code <= 0xfe4f) || (code >= 0xff00 && code <= 0xff60) || (code >= 0xffe0 && code <= 0xffe6);
}

/** Estimated width of a text in px at a font size (CJK 1 em, capitals and digits 0.68 em, the rest 0.56 em). */
export function textWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const char of text) em += isWide(char.codePointAt(0) ?? 0) ? 1 : /[A-Z0-9–—]/.test(char) ? 0.68 : 0.56;
  return em * fontSize;
}

/** Cuts a text to an estimated width, ending with "…" when cut. */
export function fitText(text: string, width: number, fontSize: number): string {
  if (textWidth(text, fontSize) <= width) return text;
  let out = "";
  for (const char of text) {
    if (textWidth(`${out}${char}…`, fontSize) > width) break;
    out += char;
  }
  return `${out}…`;
}

/**
 * Rows for labels centred at `x` with widths `width`, so that labels in one row keep `gap` apart:
 * in order of x, each label takes the lowest row where it fits. Returns the row of each label in input order.
 */
export function stackRows(items: readonly { readonly x: number; readonly width: number }[], gap = 4): number[] {
  const order = items.map((item, k) => ({ ...item, k })).sort((a, b) => a.x - b.x || a.k - b.k);
  const rowEnds: number[] = [];
  const rows = new Array<number>(items.length).fill(0);
  for (const item of order) {
    const left = item.x - item.width / 2;
    let row = rowEnds.findIndex((end) => end + gap <= left);
    if (row < 0) row = rowEnds.length;
    rowEnds[row] = item.x + item.width / 2;
    rows[item.k] = row;
  }
  return rows;
}

/** Linear map of [d0, d1] onto [r0, r1]. */
export function linear(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  return (v) => (d1 === d0 ? (r0 + r1) / 2 : r0 + ((v - d0) / (d1 - d0)) * (r1 - r0));
}

function text(x: number, y: number, content: string, attributes: string): string {
  return `<text x="${n(x)}" y="${n(y)}" ${attributes}>${escapeHtml(content)}</text>`;
}

function svgOpen(width: number, height: number, title: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${n(width)} ${n(height)}" width="${n(width)}" height="${n(height)}" role="img" font-family="inherit"><title>${escapeHtml(title)}</title>`;
}

export interface StripPosition {
  readonly label: string;
  readonly value: number;
  /** 0–1: the marker's size (salience). */
  readonly weight: number;
  readonly color: string;
  /** Hover text. */
  readonly title?: string;
}

export interface StripForecast {
  readonly label: string;
  readonly value: number;
  /** A distribution: the 90 % and 50 % intervals. */
  readonly band?: { readonly p5: number; readonly p25: number; readonly p75: number; readonly p95: number };
  /** A calibrated interval (docs/calibration.md), and that interval widened by a sampled spread. */
  readonly interval?: { readonly lower: number; readonly upper: number; readonly combined?: { readonly lower: number; readonly upper: number } };
  readonly title?: string;
}

/** The colour of calibrated intervals (the briefing's calibration note has the same). */
export const INTERVAL_COLOR = "#E69F00";

export interface ScaleStripSpec {
  readonly title: string;
  readonly min: number;
  readonly max: number;
  readonly anchors: readonly { readonly value: number; readonly label: string }[];
  readonly reference?: { readonly value: number; readonly label: string };
  readonly positions: readonly StripPosition[];
  readonly forecasts: readonly StripForecast[];
  readonly width?: number;
}

/**
 * An issue's scale as a line: actors' positions above it (dots sized by salience), the status quo
 * as a diamond on it, each model's forecast below it (triangles, with the sampled distribution's 50 %
 * and 90 % intervals in grey and the calibrated interval in orange, dashed where a sampled spread widens
 * it, when given), the anchors as dashed guides labelled at the foot.
 */
export function scaleStrip(spec: ScaleStripSpec): string {
  const width = spec.width ?? 680;
  const margin = 28;
  const font = 11;
  const rowHeight = 26;
  const x = linear(spec.min, spec.max, margin, width - margin);
  const clampCentre = (cx: number, w: number) => Math.min(width - 4 - w / 2, Math.max(4 + w / 2, cx));

  const posLabels = spec.positions.map((p) => ({ x: x(p.value), width: Math.max(textWidth(p.label, font), 16) }));
  const posRows = stackRows(posLabels, 6);
  const posRowCount = Math.max(1, ...posRows.map((r) => r + 1));
  const fcLabels = spec.forecasts.map((f) => ({ x: x(f.value), width: Math.max(textWidth(f.label, font), 16) }));
  const fcRows = stackRows(fcLabels, 6);
  const fcRowCount = spec.forecasts.length === 0 ? 0 : Math.max(1, ...fcRows.map((r) => r + 1));
  const anchorTexts = spec.anchors.map((a) => fitText(`${n(a.value)} ${a.label}`, Math.max(160, width * 0.3), font - 1));
  const anLabels = spec.anchors.map((a, k) => ({ x: x(a.value), width: textWidth(anchorTexts[k]!, font - 1) }));
  const anRows = stackRows(anLabels, 8);
  const anRowCount = spec.anchors.length === 0 ? 0 : Math.max(1, ...anRows.map((r) => r + 1));

  const top = 8;
  const axisY = top + posRowCount * rowHeight + 10;
  const fcTop = axisY + 14;
  const anTop = fcTop + fcRowCount * rowHeight + 8;
  const height = anTop + anRowCount * 15 + 6;
  const parts: string[] = [svgOpen(width, height, spec.title)];

  spec.anchors.forEach((a) => {
    parts.push(`<line x1="${n(x(a.value))}" y1="${n(top)}" x2="${n(x(a.value))}" y2="${n(anTop - 4)}" stroke="#bbb" stroke-dasharray="3 3"/>`);
  });
  parts.push(`<line x1="${n(margin)}" y1="${n(axisY)}" x2="${n(width - margin)}" y2="${n(axisY)}" stroke="#444" stroke-width="1.5"/>`);
  for (const end of [spec.min, spec.max]) {
    parts.push(`<line x1="${n(x(end))}" y1="${n(axisY - 5)}" x2="${n(x(end))}" y2="${n(axisY + 5)}" stroke="#444"/>`);
  }
  spec.anchors.forEach((a, k) => {
    const row = anRows[k]!;
    const w = anLabels[k]!.width;
    const cx = clampCentre(x(a.value), w);
    parts.push(`<g><title>${escapeHtml(`${n(a.value)} ${a.label}`)}</title>${text(cx, anTop + row * 15 + 10, anchorTexts[k]!, `font-size="${font - 1}" fill="#555" text-anchor="middle"`)}</g>`);
  });

  if (spec.reference) {
    const rx = x(spec.reference.value);
    parts.push(
      `<g><title>${escapeHtml(spec.reference.label)}</title><path d="M${n(rx)} ${n(axisY - 7)} L${n(rx + 7)} ${n(axisY)} L${n(rx)} ${n(axisY + 7)} L${n(rx - 7)} ${n(axisY)} Z" fill="#fff" stroke="#222" stroke-width="1.5"/></g>`,
    );
  }

  spec.positions.forEach((p, k) => {
    const px = x(p.value);
    const y = top + (posRowCount - 1 - posRows[k]!) * rowHeight + 18;
    const r = 3 + 5 * Math.max(0, Math.min(1, p.weight));
    const cx = clampCentre(px, posLabels[k]!.width);
    parts.push(
      `<g><title>${escapeHtml(p.title ?? `${p.label}: ${n(p.value)}`)}</title>` +
        `<line x1="${n(px)}" y1="${n(y)}" x2="${n(px)}" y2="${n(axisY)}" stroke="${p.color}" stroke-opacity="0.5"/>` +
        `<circle cx="${n(px)}" cy="${n(y)}" r="${n(r)}" fill="${p.color}" fill-opacity="0.85" stroke="#fff"/>` +
        text(cx, y - r - 3, p.label, `font-size="${font}" font-weight="600" fill="${p.color}" text-anchor="middle"`) +
        `</g>`,
    );
  });

  spec.forecasts.forEach((f, k) => {
    const fx = x(f.value);
    const y = fcTop + fcRows[k]! * rowHeight;
    const band = f.band
      ? `<line x1="${n(x(f.band.p5))}" y1="${n(y)}" x2="${n(x(f.band.p95))}" y2="${n(y)}" stroke="#222" stroke-opacity="0.35" stroke-width="2"/>` +
        `<line x1="${n(x(f.band.p25))}" y1="${n(y)}" x2="${n(x(f.band.p75))}" y2="${n(y)}" stroke="#222" stroke-opacity="0.6" stroke-width="5"/>`
      : "";
    const bracket = (lower: number, upper: number, dashed: boolean): string =>
      `<path class="calibrated${dashed ? " combined" : ""}" d="M${n(x(lower))} ${n(y - 4)} V${n(y + 4)} M${n(x(lower))} ${n(y)} H${n(x(upper))} M${n(x(upper))} ${n(y - 4)} V${n(y + 4)}" fill="none" stroke="${INTERVAL_COLOR}" stroke-width="${dashed ? 1.5 : 2.5}"${dashed ? ' stroke-dasharray="4 3"' : ""}/>`;
    const interval = f.interval ? (f.interval.combined ? bracket(f.interval.combined.lower, f.interval.combined.upper, true) : "") + bracket(f.interval.lower, f.interval.upper, false) : "";
    const cx = clampCentre(fx, fcLabels[k]!.width);
    parts.push(
      `<g><title>${escapeHtml(f.title ?? `${f.label}: ${n(f.value)}`)}</title>${interval}${band}` +
        `<path d="M${n(fx)} ${n(y - 6)} L${n(fx + 5.5)} ${n(y + 4)} L${n(fx - 5.5)} ${n(y + 4)} Z" fill="#222"/>` +
        text(cx, y + 16, f.label, `font-size="${font}" fill="#222" text-anchor="middle"`) +
        `</g>`,
    );
  });
  parts.push("</svg>");
  return parts.join("");
}

export interface BarGroup {
  readonly label: string;
  readonly bars: readonly { readonly label: string; readonly value: number; readonly color: string; readonly note?: string }[];
}

export interface BarChartSpec {
  readonly title: string;
  readonly groups: readonly BarGroup[];
  /** How a value is printed at the end of its bar. */
  readonly format: (value: number) => string;
  readonly width?: number;
}

/** A "nice" bound at or above |v|: 1, 2 or 5 times a power of ten. */
export function niceCeiling(value: number): number {
  if (!(value > 0)) return 1;
  const power = Number(`1e${Math.floor(Math.log10(value))}`);
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value - 1e-12) return step * power;
  return 10 * power;
}

/** Horizontal bars around a zero line, in labelled groups (a group per deal, a bar per actor). */
export function barChart(spec: BarChartSpec): string {
  const width = spec.width ?? 680;
  const font = 11;
  const barHeight = 14;
  const labelWidth = Math.max(40, ...spec.groups.flatMap((g) => g.bars.map((b) => textWidth(b.label, font) + 10)));
  const valueWidth = 58;
  const extent = niceCeiling(Math.max(0, ...spec.groups.flatMap((g) => g.bars.map((b) => Math.abs(b.value)))));
  const x = linear(-extent, extent, labelWidth + valueWidth, width - valueWidth);
  const zero = x(0);
  const parts: string[] = [];
  let y = 6;
  for (const group of spec.groups) {
    parts.push(text(4, y + 12, fitText(group.label, width - 8, font + 1), `font-size="${font + 1}" font-weight="600" fill="#222"`));
    y += 20;
    for (const bar of group.bars) {
      const x1 = x(Math.min(0, bar.value));
      const x2 = x(Math.max(0, bar.value));
      const valueText = spec.format(bar.value);
      const valueX = bar.value >= 0 ? x2 + 4 : x1 - 4;
      parts.push(
        `<g><title>${escapeHtml(`${group.label} — ${bar.label}: ${valueText}${bar.note ? ` (${bar.note})` : ""}`)}</title>` +
          text(labelWidth - 6, y + barHeight - 3, bar.label, `font-size="${font}" fill="#222" text-anchor="end"`) +
          `<rect x="${n(x1)}" y="${n(y)}" width="${n(Math.max(0.5, x2 - x1))}" height="${barHeight}" fill="${bar.color}" fill-opacity="${bar.value >= 0 ? 0.9 : 0.45}"/>` +
          text(valueX, y + barHeight - 3, valueText, `font-size="${font}" fill="#222" text-anchor="${bar.value >= 0 ? "start" : "end"}"`) +
          `</g>`,
      );
      y += barHeight + 3;
    }
    y += 8;
  }
  const bottom = y;
  const axis = [
    `<line x1="${n(zero)}" y1="4" x2="${n(zero)}" y2="${n(bottom)}" stroke="#444"/>`,
    ...[-extent, extent].map((v) => `<line x1="${n(x(v))}" y1="${n(bottom)}" x2="${n(x(v))}" y2="${n(bottom + 4)}" stroke="#444"/>`),
    `<line x1="${n(x(-extent))}" y1="${n(bottom)}" x2="${n(x(extent))}" y2="${n(bottom)}" stroke="#bbb"/>`,
    ...[-extent, 0, extent].map((v) => text(x(v), bottom + 16, spec.format(v), `font-size="${font - 1}" fill="#555" text-anchor="middle"`)),
  ];
  const height = bottom + 22;
  return [svgOpen(width, height, spec.title), ...axis, ...parts, "</svg>"].join("");
}

/** Sequential colours from "together" (0) to "far apart" (1). */
const HEAT_STOPS: readonly (readonly [number, number, number])[] = [
  [8, 69, 148],
  [66, 146, 198],
  [158, 202, 225],
  [222, 235, 247],
  [250, 250, 250],
];

/** The heat colour of a value in [0, 1] (clamped). */
export function heatColor(value: number): string {
  const v = Math.max(0, Math.min(1, value)) * (HEAT_STOPS.length - 1);
  const k = Math.min(HEAT_STOPS.length - 2, Math.floor(v));
  const t = v - k;
  const [a, b] = [HEAT_STOPS[k]!, HEAT_STOPS[k + 1]!];
  const mix = (i: 0 | 1 | 2) => Math.round(a[i] + (b[i] - a[i]) * t);
  return `rgb(${mix(0)},${mix(1)},${mix(2)})`;
}

export interface HeatMapSpec {
  readonly title: string;
  readonly rows: readonly string[];
  readonly columns: readonly string[];
  /** cells[row][column] in [0, 1]; null: no value. */
  readonly cells: readonly (readonly (number | null)[])[];
  readonly format: (value: number) => string;
  /** Legend captions for 0 and 1. */
  readonly legend: readonly [string, string];
  readonly cellWidth?: number;
}

/** A matrix of values in [0, 1] as coloured cells, each printed; column labels slanted. */
export function heatMap(spec: HeatMapSpec): string {
  const font = 11;
  const cellWidth = spec.cellWidth ?? 48;
  const cellHeight = 24;
  const left = Math.max(30, ...spec.rows.map((r) => textWidth(r, font) + 10));
  const longest = Math.max(20, ...spec.columns.map((c) => textWidth(c, font)));
  const top = Math.min(130, longest * 0.72) + 14;
  const width = Math.max(left + spec.columns.length * cellWidth + Math.min(130, longest * 0.72) + 10, left + 5 * 22 + 6 + textWidth(spec.legend[1], font) + 10, 300);
  const gridBottom = top + spec.rows.length * cellHeight;
  const height = gridBottom + 40;
  const parts: string[] = [svgOpen(width, height, spec.title)];
  spec.columns.forEach((column, c) => {
    const cx = left + c * cellWidth + cellWidth / 2;
    parts.push(text(cx, top - 6, fitText(column, 180, font), `font-size="${font}" fill="#222" transform="rotate(-45 ${n(cx)} ${n(top - 6)})"`));
  });
  spec.rows.forEach((row, r) => {
    const y = top + r * cellHeight;
    parts.push(text(left - 6, y + cellHeight / 2 + 4, row, `font-size="${font}" fill="#222" text-anchor="end"`));
    spec.columns.forEach((column, c) => {
      const value = spec.cells[r]?.[c] ?? null;
      const x0 = left + c * cellWidth;
      if (value === null) {
        parts.push(`<rect x="${n(x0)}" y="${n(y)}" width="${cellWidth}" height="${cellHeight}" fill="#fff" stroke="#ddd"/>` + text(x0 + cellWidth / 2, y + cellHeight / 2 + 4, "—", `font-size="${font}" fill="#999" text-anchor="middle"`));
        return;
      }
      const label = spec.format(value);
      parts.push(
        `<g><title>${escapeHtml(`${row} × ${column}: ${label}`)}</title><rect x="${n(x0)}" y="${n(y)}" width="${cellWidth}" height="${cellHeight}" fill="${heatColor(value)}" stroke="#fff"/>` +
          text(x0 + cellWidth / 2, y + cellHeight / 2 + 4, label, `font-size="${font}" fill="${value < 0.45 ? "#fff" : "#222"}" text-anchor="middle"`) +
          `</g>`,
      );
    });
  });
  const legendY = gridBottom + 12;
  [0, 0.25, 0.5, 0.75, 1].forEach((v, k) => {
    parts.push(`<rect x="${n(left + k * 22)}" y="${n(legendY)}" width="22" height="10" fill="${heatColor(v)}" stroke="#ccc" stroke-width="0.5"/>`);
  });
  parts.push(text(left - 6, legendY + 9, spec.legend[0], `font-size="${font - 1}" fill="#555" text-anchor="end"`));
  parts.push(text(left + 5 * 22 + 6, legendY + 9, spec.legend[1], `font-size="${font - 1}" fill="#555"`));
  parts.push("</svg>");
  return parts.join("");
}
