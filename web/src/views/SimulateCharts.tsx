/**
 * The simulation's charts: the talks on the agreement-space chart of two parties (the outcomes, the
 * Pareto frontier, walk-away lines and the Nash point, each offer a point in its party's colour, this
 * round's offers ringed, the deal starred, names placed so that none overprints another), and every
 * actor's utility path over the rounds. Both take their container's width.
 */
import * as Plot from "@observablehq/plot";
import { useCallback, useLayoutEffect, useMemo, useRef } from "react";
import { useTranslation } from "react-i18next";
import { reservationValues } from "../../../src/agreement/model.js";
import type { ScenarioSimulationResult } from "../../../src/simulation/index.js";
import { text } from "../../../src/scenario/label.js";
import type { Scenario } from "../../../src/scenario/types.js";
import { mergeCoinciding, placeLabels } from "../charts/labels.js";
import { plotPartName } from "../charts/PlotFigure.js";
import { ChartExport } from "../charts/ChartExport.js";
import { useWidth } from "../charts/useWidth.js";
import { agreementSpaceOf } from "../compute.js";
import { useLanguage } from "../format.js";

const COLOURS = ["#1f4e79", "#c0392b", "#1a7f37", "#8e44ad", "#d35400", "#16a085", "#7f8c8d", "#b8860b"];

/** An actor's name in the UI's language, by id. */
export function useActorName(scenario: Scenario): (id: string) => string {
  const language = useLanguage();
  return useCallback((id: string) => text(scenario.actors.find((x) => x.id === id)?.name, language) || id, [scenario, language]);
}

/** Each actor keeps one colour in every chart and table: by its place in the scenario. */
export function useActorColour(scenario: Scenario): (id: string) => string {
  return useCallback((id: string) => COLOURS[Math.max(0, scenario.actors.findIndex((a) => a.id === id)) % COLOURS.length]!, [scenario]);
}

/** A party's colour as a small SVG square (no inline styles: the server's CSP). */
export function Swatch({ colour, dashed }: { colour: string; dashed?: boolean }) {
  return (
    <svg className="swatch" width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
      {dashed ? <line x1="0" y1="6" x2="12" y2="6" stroke={colour} strokeWidth="2" strokeDasharray="3,2" /> : <rect width="12" height="12" rx="2" fill={colour} />}
    </svg>
  );
}

const SVG = "http://www.w3.org/2000/svg";

/** An SVG element with its attributes (numbers as text), for the chart's layers drawn by hand. */
function svgElement(name: string, attributes: Record<string, string | number>, title?: string): SVGElement {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  if (title !== undefined) {
    const tip = document.createElementNS(SVG, "title");
    tip.textContent = title;
    element.append(tip);
  }
  return element;
}

/** A five-pointed star's outline of outer radius r around (x, y), as polygon points. */
function starPoints(x: number, y: number, r: number): string {
  return Array.from({ length: 10 }, (_, k) => {
    const angle = (Math.PI * k) / 5 - Math.PI / 2;
    const radius = k % 2 === 0 ? r : r * 0.42;
    return `${(x + radius * Math.cos(angle)).toFixed(2)},${(y + radius * Math.sin(angle)).toFixed(2)}`;
  }).join(" ");
}

interface OfferPoint {
  readonly party: string;
  readonly round: number;
  readonly x: number;
  readonly y: number;
}

/** The layers drawn over the static chart, and how much of the trail they show. */
interface Overlay {
  readonly figure: Element;
  readonly px: (x: number) => number;
  readonly py: (y: number) => number;
  readonly lines: SVGGElement;
  readonly dots: SVGGElement;
  readonly now: SVGGElement;
  readonly labels: SVGGElement;
  /** Per offer drawn, in trace order, the elements it added (its dot, and its segment from the party's previous offer). */
  readonly drawn: SVGElement[][];
}

/**
 * The talks on the agreement-space chart of two parties. The chart and what does not change with the
 * round — the outcomes, the walk-away lines, the Pareto frontier, the Nash point — are drawn once (by
 * Plot, for these parties and this width); a step of the playback only adds the offers made since the
 * round shown (or removes those after it, going back) and redraws the few marks of the round itself:
 * its offers ringed, the deal, the names. Redrawing the cloud of outcomes on every step was most of a
 * step's cost.
 */
export function OfferChart({ scenario, result, upTo, axes, onKeyDown }: { scenario: Scenario; result: ScenarioSimulationResult; upTo: number; axes: [string, string]; onKeyDown: (e: React.KeyboardEvent) => void }) {
  const { t } = useTranslation();
  const name = useActorName(scenario);
  const colour = useActorColour(scenario);
  const [a, b] = axes;
  const space = useMemo(() => agreementSpaceOf(scenario, a, b), [scenario, a, b]);
  const frame = useRef<HTMLDivElement>(null);
  const host = useRef<HTMLDivElement>(null);
  const overlay = useRef<Overlay | undefined>(undefined);
  const available = useWidth(frame, 640);
  const width = Math.max(280, Math.min(760, available));
  const height = Math.round(Math.min(480, Math.max(280, width * 0.72)));
  const words = [t("deal.nash"), t("deal.walkAway"), t("deal.frontier"), t("sim.dealMark"), t("sim.chart.utilityOf", { actor: name(a) }), t("sim.chart.utilityOf", { actor: name(b) })].join("|");
  const analysis = space instanceof Error ? undefined : space.analysis;
  const nashPoint = useMemo(() => (analysis?.nash.utilities ? { x: analysis.nash.utilities[0]!, y: analysis.nash.utilities[1]! } : undefined), [analysis]);
  const offers = useMemo<OfferPoint[]>(
    () => result.trace.filter((e) => e.action === "offer").map((e) => ({ party: e.party, round: e.round, x: e.utilities![a]!, y: e.utilities![b]! })),
    [result, a, b],
  );

  // The static chart, drawn when the parties, the space or the width change.
  useLayoutEffect(() => {
    const target = host.current;
    if (!target) return;
    const [nash, walk, frontierLabel, , xLabel, yLabel] = words.split("|") as [string, string, string, string, string, string];
    const frontier = analysis ? [...analysis.pareto.points].sort((p, q) => p[0]! - q[0]!) : [];
    const reservations = analysis?.reservations ?? [];
    const margin = { left: 44, right: 16, top: 18, bottom: 36 };
    const figure = Plot.plot({
      width,
      height,
      marginLeft: margin.left,
      marginRight: margin.right,
      marginTop: margin.top,
      marginBottom: margin.bottom,
      style: { fontSize: "11px" },
      x: { label: `${xLabel} →`, domain: [0, 1], grid: true },
      y: { label: `↑ ${yLabel}`, domain: [0, 1], grid: true },
      marks: [
        Plot.dot(space instanceof Error ? [] : space.cloud, { x: "0", y: "1", r: 1.2, fill: "#9aa5b1", fillOpacity: 0.35 }),
        ...(reservations.length === 2
          ? [
              Plot.ruleX([reservations[0]!], { stroke: "#555", strokeDasharray: "4,3" }),
              Plot.ruleY([reservations[1]!], { stroke: "#555", strokeDasharray: "4,3" }),
              Plot.text([walk], { x: reservations[0]!, y: 1, dx: 4, textAnchor: "start", fill: "#444" }),
            ]
          : []),
        Plot.line(frontier, { x: "0", y: "1", stroke: "#c0392b", strokeOpacity: 0.55, strokeWidth: 1.5 }),
        Plot.text(frontier.length > 0 ? [frontierLabel] : [], { x: frontier[0]?.[0] ?? 0, y: frontier[0]?.[1] ?? 0, dy: -10, textAnchor: "start", fill: "#c0392b" }),
        Plot.dot(nashPoint ? [nashPoint] : [], { x: "x", y: "y", r: 6, fill: "#111", symbol: "star", title: () => nash }),
      ],
    });
    figure.querySelectorAll("style").forEach((e) => e.remove());
    // Plot's English names of the chart's parts, in the page's language (as PlotFigure does).
    figure.querySelectorAll("[aria-label]").forEach((part) => part.setAttribute("aria-label", plotPartName(part.getAttribute("aria-label")!, t)));
    const x = figure.scale("x")!;
    const y = figure.scale("y")!;
    const group = (label: string, className: string) => {
      const g = document.createElementNS(SVG, "g") as SVGGElement;
      g.setAttribute("aria-label", plotPartName(label, t));
      g.setAttribute("class", className);
      figure.append(g);
      return g;
    };
    overlay.current = {
      figure,
      px: (v) => x.apply(v) as number,
      py: (v) => y.apply(v) as number,
      lines: group("line", "sim-trail-lines"),
      dots: group("dot", "sim-trail"),
      now: group("dot", "sim-now"),
      labels: group("text", "sim-names"),
      drawn: [],
    };
    target.replaceChildren(figure);
    return () => {
      figure.remove();
      overlay.current = undefined;
    };
  }, [space, analysis, nashPoint, width, height, words, t]);

  // The trail up to the round shown: only the offers added or removed since the last step.
  useLayoutEffect(() => {
    const layers = overlay.current;
    if (!layers) return;
    const { px, py, drawn } = layers;
    let count = 0;
    while (count < offers.length && offers[count]!.round <= upTo) count++;
    while (drawn.length > count) for (const element of drawn.pop()!) element.remove();
    for (let k = drawn.length; k < count; k++) {
      const o = offers[k]!;
      const added: SVGElement[] = [];
      const before = offers.findLast((p, j) => j < k && p.party === o.party);
      if (before) {
        const segment = svgElement("line", { x1: px(before.x), y1: py(before.y), x2: px(o.x), y2: py(o.y), stroke: colour(o.party), "stroke-opacity": 0.35 });
        layers.lines.append(segment);
        added.push(segment);
      }
      const dot = svgElement("circle", { cx: px(o.x), cy: py(o.y), r: 2.6, fill: colour(o.party), "fill-opacity": 0.6 }, t("sim.chart.offerBy", { actor: name(o.party), round: o.round }));
      layers.dots.append(dot);
      added.push(dot);
      drawn.push(added);
    }

    // The round itself: its offers ringed, the deal starred, each party named at its latest offer.
    const current = offers.slice(0, count).filter((o) => o.round === upTo);
    const dealLabel = words.split("|")[3]!;
    const nash = words.split("|")[0]!;
    const deal = result.deal && upTo >= result.round ? { x: result.utilities[a]!, y: result.utilities[b]! } : undefined;
    const now: SVGElement[] = current.map((o) =>
      svgElement("circle", { cx: px(o.x), cy: py(o.y), r: 6, fill: colour(o.party), stroke: "#111", "stroke-width": 1.5 }, t("sim.chart.offerBy", { actor: name(o.party), round: o.round })),
    );
    if (deal) now.push(svgElement("polygon", { points: starPoints(px(deal.x), py(deal.y), 10), stroke: "#e36209", "stroke-width": 2.5, fill: "#fff", "fill-opacity": 0.6 }, dealLabel));
    layers.now.replaceChildren(...now);
    const latest = result.order.flatMap((id) => {
      const at = offers.slice(0, count).findLast((o) => o.party === id);
      return at ? [{ x: px(at.x), y: py(at.y), text: name(id), id }] : [];
    });
    const named = mergeCoinciding(
      [...(deal ? [{ x: px(deal.x), y: py(deal.y), text: dealLabel }] : []), ...(nashPoint ? [{ x: px(nashPoint.x), y: py(nashPoint.y), text: nash }] : []), ...latest],
      3,
      " · ",
    );
    const obstacles = [...offers.slice(Math.max(0, count - 40), count).map((o) => ({ x: px(o.x), y: py(o.y), r: 3 })), ...named.map((p) => ({ ...p, r: 6 }))];
    const placed = placeLabels(named, { obstacles, bounds: { width, height } });
    layers.labels.replaceChildren(
      ...placed.map((p) => {
        const label = svgElement("text", { x: p.x + p.dx, y: p.y + p.dy - 4, dy: "0.32em", "text-anchor": p.anchor, fill: "#111", "font-weight": 600, stroke: "white", "stroke-width": 3, "paint-order": "stroke" });
        label.textContent = p.text;
        return label;
      }),
    );
  }, [offers, upTo, result, a, b, nashPoint, width, height, name, colour, t, words, space]);

  const label = t("sim.chart.offers", { a: name(a), b: name(b), round: upTo });
  return (
    <div ref={frame} className="sim-chart">
      {space instanceof Error && <p className="muted small-text">{space.message}</p>}
      <div className="plot-figure">
        <div tabIndex={0} onKeyDown={onKeyDown} className="sim-chart-focus" aria-describedby="sim-chart-keys" data-testid="simulate-space">
          <div ref={host} className="plot-host space-plot" role="img" aria-label={label} />
        </div>
        <ChartExport host={host} label={label} />
      </div>
      <ul className="sim-legend small-text">
        {result.order.map((id) => (
          <li key={id}>
            <Swatch colour={colour(id)} /> {t("sim.legend.offers", { actor: name(id) })}
          </li>
        ))}
        <li>{t("sim.legend.marks")}</li>
      </ul>
      <p id="sim-chart-keys" className="muted small-text no-print">
        {t("sim.keys")}
      </p>
    </div>
  );
}

/**
 * Per actor, one panel: for a party at the table the utility of its own offer in each round (solid)
 * and of the others' latest offer (dashed) — the gap that closes when they agree; for an actor
 * without turns the utility of the offer on the table. Dotted: the actor's walk-away value. The whole
 * paths are drawn once for the run (by Plot, for this width); a step of the playback only moves the
 * window they are clipped to, and the cursor, to the round shown — it no longer redraws the chart.
 */
export function PathChart({ scenario, result, upTo, seated }: { scenario: Scenario; result: ScenarioSimulationResult; upTo: number; seated: readonly string[] }) {
  const { t } = useTranslation();
  const name = useActorName(scenario);
  const colour = useActorColour(scenario);
  const frame = useRef<HTMLDivElement>(null);
  const host = useRef<HTMLDivElement>(null);
  const shown = useRef<{ readonly window: SVGRectElement; readonly cursor: SVGLineElement; readonly px: (round: number) => number; readonly left: number } | undefined>(undefined);
  const width = Math.max(280, Math.min(900, useWidth(frame, 640)));
  const walkAway = useMemo(() => {
    try {
      const values = reservationValues(scenario);
      return Object.fromEntries(scenario.actors.map((a, k) => [a.id, values[k]!]));
    } catch {
      return {} as Record<string, number>;
    }
  }, [scenario]);
  const paths = useMemo(() => utilityPaths(scenario, result, seated), [scenario, result, seated]);
  const roundLabel = t("sim.chart.round");

  // The whole paths, drawn once for the run and the width; a step only moves the window they show through and the cursor.
  useLayoutEffect(() => {
    const target = host.current;
    if (!target) return;
    const actors = scenario.actors.map((a) => a.id);
    const rules = actors.flatMap((id) => (walkAway[id] !== undefined ? [{ actor: id, u: walkAway[id]! }] : []));
    const margin = { left: 40, right: 12, top: 8, bottom: 30 };
    const height = 24 + actors.length * 78;
    const figure = Plot.plot({
      width,
      height,
      marginLeft: margin.left,
      marginRight: margin.right,
      marginTop: margin.top,
      marginBottom: margin.bottom,
      style: { fontSize: "11px" },
      fy: { domain: actors, axis: null, padding: 0.18 },
      x: { label: `${roundLabel} →`, domain: [1, Math.max(2, result.round)] },
      y: { domain: [0, 1], ticks: [0, 0.5, 1], grid: true, label: null },
      marks: [
        Plot.frame({ stroke: "#d0d7de" }),
        Plot.ruleY(rules, { fy: "actor", y: "u", stroke: (d: { actor: string }) => colour(d.actor), strokeDasharray: "1,3", strokeWidth: 1.5 }),
        Plot.line(
          paths.filter((r) => r.kind === "others"),
          { fy: "actor", x: "round", y: "u", z: "actor", stroke: (d: { actor: string }) => colour(d.actor), strokeDasharray: "4,3", strokeWidth: 1.3, className: "sim-path" },
        ),
        Plot.line(
          paths.filter((r) => r.kind !== "others"),
          { fy: "actor", x: "round", y: "u", z: "actor", stroke: (d: { actor: string }) => colour(d.actor), strokeWidth: 2, className: "sim-path" },
        ),
        Plot.text(actors, { fy: (d: string) => d, text: (d: string) => name(d), frameAnchor: "top-left", dx: 4, dy: 4, fontWeight: 600, fill: (d: string) => colour(d), stroke: "white", strokeWidth: 3, paintOrder: "stroke" }),
      ],
    });
    figure.querySelectorAll("style").forEach((e) => e.remove());
    figure.querySelectorAll("[aria-label]").forEach((part) => part.setAttribute("aria-label", plotPartName(part.getAttribute("aria-label")!, t)));
    const x = figure.scale("x")!;
    // The paths show up to the round shown: clipped at it, as if drawn only that far.
    const id = `sim-paths-window-${Math.random().toString(36).slice(2)}`;
    const defs = svgElement("defs", {});
    const clip = svgElement("clipPath", { id });
    const window = svgElement("rect", { x: 0, y: 0, width: 0, height }) as SVGRectElement;
    clip.append(window);
    defs.append(clip);
    figure.prepend(defs);
    figure.querySelectorAll(".sim-path").forEach((g) => g.setAttribute("clip-path", `url(#${id})`));
    const cursor = svgElement("line", { y1: margin.top, y2: height - margin.bottom, stroke: "#888", "stroke-dasharray": "2,2" }) as SVGLineElement;
    figure.append(cursor);
    shown.current = { window, cursor, px: (round) => x.apply(round) as number, left: margin.left };
    target.replaceChildren(figure);
    return () => {
      figure.remove();
      shown.current = undefined;
    };
  }, [paths, scenario, width, result.round, walkAway, name, colour, t, roundLabel]);

  useLayoutEffect(() => {
    const parts = shown.current;
    if (!parts) return;
    const at = parts.px(upTo);
    // Up to the round shown, and half a stroke beyond it so its last point is drawn whole.
    parts.window.setAttribute("width", String(Math.max(0, at + 1.5)));
    parts.cursor.setAttribute("x1", String(at));
    parts.cursor.setAttribute("x2", String(at));
  }, [upTo, paths, width, result.round, walkAway, name, colour, t, roundLabel]);

  return (
    <div ref={frame} className="sim-chart" data-testid="simulate-paths">
      <div className="plot-figure">
        <div ref={host} className="plot-host" role="img" aria-label={t("sim.chart.paths", { round: upTo })} />
        <ChartExport host={host} label={t("sim.chart.paths", { round: upTo })} />
      </div>
      <ul className="sim-legend small-text">
        <li>
          <Swatch colour="#555" /> {t("sim.legend.own")}
        </li>
        <li>
          <Swatch colour="#555" dashed /> {t("sim.legend.others")}
        </li>
        <li>{t("sim.legend.walkAway")}</li>
      </ul>
    </div>
  );
}

interface PathPoint {
  readonly actor: string;
  readonly round: number;
  readonly u: number;
  /** "own": the party's own offer; "others": the others' latest offer to it; "table": the offer on the table. */
  readonly kind: "own" | "others" | "table";
}

/** The points of every actor's utility path, one per round (the state at the end of the round). */
export function utilityPaths(scenario: Scenario, result: ScenarioSimulationResult, seated: readonly string[]): PathPoint[] {
  const out: PathPoint[] = [];
  const others = new Map<string, number>();
  let table: Readonly<Record<string, number>> | undefined;
  let k = 0;
  for (let round = 1; round <= result.round; round++) {
    for (; k < result.trace.length && result.trace[k]!.round === round; k++) {
      const e = result.trace[k]!;
      if (e.action !== "offer" || !e.utilities) continue;
      table = e.utilities;
      out.push({ actor: e.party, round, u: e.utilities[e.party]!, kind: "own" });
      for (const id of seated) if (id !== e.party) others.set(id, e.utilities[id]!);
    }
    for (const actor of scenario.actors) {
      if (seated.includes(actor.id)) {
        const u = others.get(actor.id);
        if (u !== undefined) out.push({ actor: actor.id, round, u, kind: "others" });
      } else if (table) out.push({ actor: actor.id, round, u: table[actor.id]!, kind: "table" });
    }
  }
  return out;
}
