/**
 * The simulation's charts: the talks on the agreement-space chart of two parties (the outcomes, the
 * Pareto frontier, walk-away lines and the Nash point, each offer a point in its party's colour, this
 * round's offers ringed, the deal starred, names placed so that none overprints another), and every
 * actor's utility path over the rounds. Both take their container's width.
 */
import * as Plot from "@observablehq/plot";
import { useCallback, useMemo, useRef } from "react";
import { useTranslation } from "react-i18next";
import { reservationValues } from "../../../src/agreement/model.js";
import type { ScenarioSimulationResult } from "../../../src/simulation/index.js";
import { text } from "../../../src/scenario/label.js";
import type { Scenario } from "../../../src/scenario/types.js";
import { labelMarks, unitFrame } from "../charts/labelMarks.js";
import { mergeCoinciding, placeLabels } from "../charts/labels.js";
import { PlotFigure } from "../charts/PlotFigure.js";
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

export function OfferChart({ scenario, result, upTo, axes, onKeyDown }: { scenario: Scenario; result: ScenarioSimulationResult; upTo: number; axes: [string, string]; onKeyDown: (e: React.KeyboardEvent) => void }) {
  const { t } = useTranslation();
  const name = useActorName(scenario);
  const colour = useActorColour(scenario);
  const [a, b] = axes;
  const space = useMemo(() => agreementSpaceOf(scenario, a, b), [scenario, a, b]);
  const frame = useRef<HTMLDivElement>(null);
  const available = useWidth(frame, 640);
  const width = Math.max(280, Math.min(760, available));
  const words = [t("deal.nash"), t("deal.walkAway"), t("deal.frontier"), t("sim.dealMark")].join("|");
  const make = useCallback(() => {
    const [nash, walk, frontierLabel, dealLabel] = words.split("|") as [string, string, string, string];
    const offers = result.trace.filter((e) => e.action === "offer" && e.round <= upTo).map((e) => ({ party: e.party, round: e.round, x: e.utilities![a]!, y: e.utilities![b]!, now: e.round === upTo }));
    const height = Math.round(Math.min(480, Math.max(280, width * 0.72)));
    const margin = { left: 44, right: 16, top: 18, bottom: 36 };
    const { px, py, toData } = unitFrame(width, height, margin);
    const analysis = space instanceof Error ? undefined : space.analysis;
    const frontier = analysis ? [...analysis.pareto.points].sort((p, q) => p[0]! - q[0]!) : [];
    const nashPoint = analysis?.nash.utilities ? [{ x: analysis.nash.utilities[0]!, y: analysis.nash.utilities[1]! }] : [];
    const deal = result.deal && upTo >= result.round ? [{ x: result.utilities[a]!, y: result.utilities[b]! }] : [];
    // Each party is named at its latest offer; the deal and Nash are named too, none overprinting.
    const latest = result.order.flatMap((id) => {
      const mine = offers.filter((o) => o.party === id);
      const at = mine[mine.length - 1];
      return at ? [{ x: px(at.x), y: py(at.y), text: name(id), id }] : [];
    });
    const named = mergeCoinciding([...deal.map((d) => ({ x: px(d.x), y: py(d.y), text: dealLabel })), ...nashPoint.map((n) => ({ x: px(n.x), y: py(n.y), text: nash })), ...latest], 3, " · ");
    const obstacles = [...offers.slice(-40).map((o) => ({ x: px(o.x), y: py(o.y), r: 3 })), ...named.map((p) => ({ ...p, r: 6 }))];
    const placed = placeLabels(named, { obstacles, bounds: { width, height } }).map(toData);
    const reservations = analysis?.reservations ?? [];
    return Plot.plot({
      width,
      height,
      marginLeft: margin.left,
      marginRight: margin.right,
      marginTop: margin.top,
      marginBottom: margin.bottom,
      style: { fontSize: "11px" },
      x: { label: `${t("sim.chart.utilityOf", { actor: name(a) })} →`, domain: [0, 1], grid: true },
      y: { label: `↑ ${t("sim.chart.utilityOf", { actor: name(b) })}`, domain: [0, 1], grid: true },
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
        Plot.line(offers, { x: "x", y: "y", z: "party", stroke: (d: { party: string }) => colour(d.party), strokeOpacity: 0.35 }),
        Plot.dot(
          offers.filter((o) => !o.now),
          { x: "x", y: "y", r: 2.6, fill: (d: { party: string }) => colour(d.party), fillOpacity: 0.6, title: (d: { party: string; round: number }) => t("sim.chart.offerBy", { actor: name(d.party), round: d.round }) },
        ),
        Plot.dot(nashPoint, { x: "x", y: "y", r: 6, fill: "#111", symbol: "star" }),
        Plot.dot(
          offers.filter((o) => o.now),
          { x: "x", y: "y", r: 6, fill: (d: { party: string }) => colour(d.party), stroke: "#111", strokeWidth: 1.5, title: (d: { party: string; round: number }) => t("sim.chart.offerBy", { actor: name(d.party), round: d.round }) },
        ),
        Plot.dot(deal, { x: "x", y: "y", r: 10, stroke: "#e36209", strokeWidth: 2.5, fill: "#fff", fillOpacity: 0.6, symbol: "star" }),
        ...labelMarks(placed, { fill: "#111", fontWeight: 600 }),
      ],
    });
  }, [result, upTo, a, b, space, width, name, colour, t, words]);
  return (
    <div ref={frame} className="sim-chart">
      {space instanceof Error && <p className="muted small-text">{space.message}</p>}
      <div tabIndex={0} onKeyDown={onKeyDown} className="sim-chart-focus" aria-describedby="sim-chart-keys" data-testid="simulate-space">
        <PlotFigure make={make} label={t("sim.chart.offers", { a: name(a), b: name(b), round: upTo })} className="space-plot" />
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
 * without turns the utility of the offer on the table. Dotted: the actor's walk-away value.
 */
export function PathChart({ scenario, result, upTo, seated }: { scenario: Scenario; result: ScenarioSimulationResult; upTo: number; seated: readonly string[] }) {
  const { t } = useTranslation();
  const name = useActorName(scenario);
  const colour = useActorColour(scenario);
  const frame = useRef<HTMLDivElement>(null);
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
  const make = useCallback(() => {
    const rows = paths.filter((p) => p.round <= upTo);
    const actors = scenario.actors.map((a) => a.id);
    const rules = actors.flatMap((id) => (walkAway[id] !== undefined ? [{ actor: id, u: walkAway[id]! }] : []));
    return Plot.plot({
      width,
      height: 24 + actors.length * 78,
      marginLeft: 40,
      marginRight: 12,
      marginTop: 8,
      marginBottom: 30,
      style: { fontSize: "11px" },
      fy: { domain: actors, axis: null, padding: 0.18 },
      x: { label: `${t("sim.chart.round")} →`, domain: [1, Math.max(2, result.round)] },
      y: { domain: [0, 1], ticks: [0, 0.5, 1], grid: true, label: null },
      marks: [
        Plot.frame({ stroke: "#d0d7de" }),
        Plot.ruleY(rules, { fy: "actor", y: "u", stroke: (d: { actor: string }) => colour(d.actor), strokeDasharray: "1,3", strokeWidth: 1.5 }),
        Plot.ruleX([upTo], { stroke: "#888", strokeDasharray: "2,2" }),
        Plot.line(
          rows.filter((r) => r.kind === "others"),
          { fy: "actor", x: "round", y: "u", z: "actor", stroke: (d: { actor: string }) => colour(d.actor), strokeDasharray: "4,3", strokeWidth: 1.3 },
        ),
        Plot.line(
          rows.filter((r) => r.kind !== "others"),
          { fy: "actor", x: "round", y: "u", z: "actor", stroke: (d: { actor: string }) => colour(d.actor), strokeWidth: 2 },
        ),
        Plot.text(actors, { fy: (d: string) => d, text: (d: string) => name(d), frameAnchor: "top-left", dx: 4, dy: 4, fontWeight: 600, fill: (d: string) => colour(d), stroke: "white", strokeWidth: 3, paintOrder: "stroke" }),
      ],
    });
  }, [paths, upTo, scenario, width, result.round, walkAway, name, colour, t]);
  return (
    <div ref={frame} className="sim-chart" data-testid="simulate-paths">
      <PlotFigure make={make} label={t("sim.chart.paths", { round: upTo })} />
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
