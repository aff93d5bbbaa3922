/**
 * The "Simulate" view: negotiating agents play the talks out under stacked alternating offers
 * (docs/simulation.md). Strategies per actor; one run in the browser with Parley's library, played
 * round by round on the agreement-space chart (each offer a point) with every party's utility path;
 * and a tournament of strategy profiles, computed by the server (`POST /api/simulate`).
 */
import * as Plot from "@observablehq/plot";
import { useCallback, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { scenarioSetup, withScenarioSettings } from "../../../src/simulation/scenario-stakes.js";
import { DEFAULT_STRATEGY, STRATEGIES, type Strategy } from "../../../src/simulation/negotiators/names.js";
import { simulate, type SimulationResult } from "../../../src/simulation/simulate.js";
import type { TournamentReport } from "../../../src/simulation/tournament-report.js";
import type { Scenario } from "../../../src/scenario/types.js";
import { api } from "../api.js";
import { PlotFigure } from "../charts/PlotFigure.js";
import { agreementSpaceOf } from "../compute.js";
import { useLabel, useLanguage } from "../format.js";
import { text } from "../../../src/scenario/label.js";
import { useWorkspace } from "../workspace.js";

const COLOURS = ["#1f4e79", "#c0392b", "#27ae60", "#8e44ad", "#d35400", "#16a085", "#7f8c8d"];

export function SimulateView() {
  const ws = useWorkspace();
  const scenario = ws.scenario;
  if (!scenario) return null;
  return <Simulation key={scenario.id} scenario={scenario} />;
}

function Simulation({ scenario }: { scenario: Scenario }) {
  const { t } = useTranslation();
  const label = useLabel();
  const actors = scenario.actors.map((a) => a.id);
  const [strategies, setStrategies] = useState<Record<string, Strategy>>(() =>
    Object.fromEntries(actors.map((id) => [id, (scenario.simulation?.strategies?.[id] as Strategy | undefined) ?? DEFAULT_STRATEGY])),
  );
  const [deadline, setDeadline] = useState(scenario.simulation?.deadline ?? 100);
  const [collapse, setCollapse] = useState(scenario.simulation?.collapse ?? 0);
  const [seed, setSeed] = useState(0);
  const [result, setResult] = useState<SimulationResult | Error>();
  const [shown, setShown] = useState(0);
  const [axes, setAxes] = useState<[string, string]>([actors[0]!, actors[1]!]);

  const run = () => {
    try {
      const options = withScenarioSettings<{ strategies: Record<string, Strategy>; deadline: number; collapse: number; seed: number; step?: number }>(scenario, { strategies, deadline, collapse, seed });
      const r = simulate(scenarioSetup(scenario, options.step), options);
      setResult(r);
      setShown(r.round);
    } catch (error) {
      setResult(error instanceof Error ? error : new Error(String(error)));
    }
  };

  return (
    <div className="simulate-view" data-testid="simulate-view">
      <header className="view-header">
        <h2>{t("sim.title")}</h2>
        <p className="hint">{t("sim.hint")}</p>
      </header>
      <table className="grid">
        <tbody>
          {actors.map((id) => (
            <tr key={id}>
              <th scope="row">{label(scenario.actors.find((a) => a.id === id)?.name)}</th>
              <td>
                <select value={strategies[id]} data-testid={`strategy-${id}`} onChange={(e) => setStrategies({ ...strategies, [id]: e.target.value as Strategy })}>
                  {STRATEGIES.map((name) => (
                    <option key={name} value={name}>
                      {t(`sim.strategy.${name}`)}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="actions no-print">
        <label>
          {t("sim.deadline")} <input type="number" min={1} max={10000} value={deadline} onChange={(e) => setDeadline(Math.max(1, Math.min(10000, Math.floor(Number(e.target.value) || 1))))} />
        </label>
        <label>
          {t("sim.collapse")} <input type="number" min={0} max={0.99} step={0.01} value={collapse} onChange={(e) => setCollapse(Math.max(0, Math.min(0.99, Number(e.target.value) || 0)))} />
        </label>
        <label>
          {t("sim.seed")} <input type="number" min={0} value={seed} onChange={(e) => setSeed(Math.max(0, Math.floor(Number(e.target.value) || 0)))} />
        </label>
        <button type="button" data-testid="simulate-run" onClick={run}>
          {t("sim.run")}
        </button>
      </div>
      {result instanceof Error && <p className="problems">{result.message}</p>}
      {result && !(result instanceof Error) && (
        <>
          <p data-testid="simulate-outcome">
            <strong>{result.outcome === "agreement" ? t("sim.agreement", { round: result.round, deadline: result.deadline }) : t("sim.breakdown", { round: result.round, why: t(`sim.why.${result.reason ?? "deadline"}`) })}</strong>
          </p>
          <label className="no-print">
            {t("sim.round")} {shown} <input type="range" min={1} max={result.round} value={shown} data-testid="simulate-round" onChange={(e) => setShown(Number(e.target.value))} />
          </label>
          <div className="actions no-print">
            {([0, 1] as const).map((k) => (
              <label key={k}>
                {k === 0 ? t("sim.x") : t("sim.y")}{" "}
                <select value={axes[k]} onChange={(e) => setAxes(k === 0 ? [e.target.value, axes[1]] : [axes[0], e.target.value])}>
                  {actors.map((id) => (
                    <option key={id} value={id}>
                      {id}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </div>
          <h3>{t("sim.space")}</h3>
          <OfferChart scenario={scenario} result={result} upTo={shown} axes={axes} />
          <h3>{t("sim.paths")}</h3>
          <PathChart scenario={scenario} result={result} upTo={shown} />
          {result.deal && (
            <>
              <h3>{t("sim.deal")}</h3>
              <table className="grid">
                <tbody>
                  {scenario.issues.map((issue) => (
                    <tr key={issue.id}>
                      <th scope="row">{label(issue.name)}</th>
                      <td>{String(result.deal![issue.id])}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </>
      )}
      <Tournament scenario={scenario} strategies={strategies} deadline={deadline} />
    </div>
  );
}

function OfferChart({ scenario, result, upTo, axes }: { scenario: Scenario; result: SimulationResult; upTo: number; axes: [string, string] }) {
  const { t } = useTranslation();
  const name = useActorName(scenario);
  const [a, b] = axes;
  const space = useMemo(() => (a !== b ? agreementSpaceOf(scenario, a, b) : undefined), [scenario, a, b]);
  const make = useCallback(() => {
    const parties = Object.keys(result.paths).map(name);
    const offers = result.trace.filter((e) => e.action === "offer" && e.round <= upTo).map((e) => ({ party: name(e.party), round: e.round, x: e.utilities![a]!, y: e.utilities![b]! }));
    const frontier = space && !(space instanceof Error) ? [...space.analysis.pareto.points].sort((p, q) => p[0]! - q[0]!) : [];
    const deal = result.deal && upTo >= result.round ? [{ x: result.utilities[a]!, y: result.utilities[b]! }] : [];
    return Plot.plot({
      width: 640,
      height: 420,
      marginLeft: 50,
      style: { fontSize: "11px" },
      x: { label: `${t("sim.chart.utilityOf", { actor: name(a) })} →`, domain: [0, 1], grid: true },
      y: { label: `↑ ${t("sim.chart.utilityOf", { actor: name(b) })}`, domain: [0, 1], grid: true },
      color: { domain: parties, range: COLOURS, legend: true },
      marks: [
        Plot.line(frontier, { x: "0", y: "1", stroke: "#c0392b", strokeOpacity: 0.5 }),
        Plot.dot(offers, { x: "x", y: "y", fill: "party", r: 2.5, fillOpacity: 0.7, title: (d: { party: string; round: number }) => t("sim.chart.offerBy", { actor: d.party, round: d.round }) }),
        Plot.dot(deal, { x: "x", y: "y", r: 8, stroke: "#111", strokeWidth: 2, symbol: "star" }),
      ],
    });
  }, [result, upTo, a, b, space, name, t]);
  return <PlotFigure make={make} label={t("sim.chart.offers", { a: name(a), b: name(b) })} className="space-plot" />;
}

function PathChart({ scenario, result, upTo }: { scenario: Scenario; result: SimulationResult; upTo: number }) {
  const { t } = useTranslation();
  const name = useActorName(scenario);
  const make = useCallback(() => {
    const points = result.trace.filter((e) => e.action === "offer" && e.round <= upTo).map((e) => ({ party: name(e.party), round: e.round, u: e.utilities![e.party]! }));
    const parties = Object.keys(result.paths).map(name);
    return Plot.plot({
      width: 640,
      height: 260,
      marginLeft: 50,
      style: { fontSize: "11px" },
      x: { label: `${t("sim.chart.round")} →`, domain: [1, Math.max(2, result.round)] },
      y: { label: `↑ ${t("sim.chart.ownUtility")}`, domain: [0, 1], grid: true },
      color: { domain: parties, range: COLOURS, legend: true },
      marks: [Plot.line(points, { x: "round", y: "u", stroke: "party", z: "party" })],
    });
  }, [result, upTo, name, t]);
  return <PlotFigure make={make} label={t("sim.chart.paths")} />;
}

/** An actor's name in the UI's language, by id. */
function useActorName(scenario: Scenario): (id: string) => string {
  const language = useLanguage();
  return useCallback((id: string) => text(scenario.actors.find((x) => x.id === id)?.name, language) || id, [scenario, language]);
}

function Tournament({ scenario, strategies, deadline }: { scenario: Scenario; strategies: Record<string, Strategy>; deadline: number }) {
  const ws = useWorkspace();
  const { t } = useTranslation();
  const actorName = useActorName(scenario);
  const actors = scenario.actors.map((a) => a.id);
  const [pool, setPool] = useState<Strategy[]>(["boulware", "linear", "hardliner"]);
  const [players, setPlayers] = useState<string[]>(actors.slice(0, 2));
  const [state, setState] = useState<{ running?: boolean; report?: TournamentReport; error?: string }>({});
  const toggle = <T,>(list: readonly T[], item: T): T[] => (list.includes(item) ? list.filter((x) => x !== item) : [...list, item]);
  const play = async () => {
    setState({ running: true });
    try {
      const report = (await api.simulate({ scenario: ws.text, strategies, deadline, tournament: pool, players })) as TournamentReport;
      setState({ report });
    } catch (error) {
      setState({ error: error instanceof Error ? error.message : String(error) });
    }
  };
  const report = state.report;
  return (
    <section className="tournament" data-testid="tournament">
      <h3>{t("sim.tournament")}</h3>
      <p className="hint">{t("sim.tournamentHint")}</p>
      <div className="actions no-print">
        {STRATEGIES.map((name) => (
          <label key={name}>
            <input type="checkbox" checked={pool.includes(name)} onChange={() => setPool(toggle(pool, name))} /> {t(`sim.strategy.${name}`)}
          </label>
        ))}
      </div>
      <div className="actions no-print">
        {t("sim.players")}:{" "}
        {actors.map((id) => (
          <label key={id}>
            <input type="checkbox" checked={players.includes(id)} onChange={() => setPlayers(toggle(players, id))} /> {id}
          </label>
        ))}
        <button type="button" data-testid="tournament-run" disabled={state.running || pool.length === 0 || players.length === 0} onClick={() => void play()}>
          {state.running ? t("sim.running") : t("sim.play")}
        </button>
      </div>
      {state.error && <p className="problems">{state.error}</p>}
      {report && (
        <>
          <table className="grid" data-testid="tournament-table">
            <thead>
              <tr>
                {report.players.map((p) => (
                  <th key={p}>{p}</th>
                ))}
                <th>{t("sim.agreementRate")}</th>
                <th>{t("sim.meanRound")}</th>
                {Object.keys(report.profiles[0]?.utilities ?? {}).map((p) => (
                  <th key={p}>u({p})</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {report.profiles.map((row, i) => (
                <tr key={i}>
                  {report.players.map((p) => (
                    <td key={p}>{row.strategies[p]}</td>
                  ))}
                  <td>{`${(100 * row.agreementRate).toFixed(0)}%`}</td>
                  <td>{Number.isFinite(row.meanRound) ? row.meanRound.toFixed(0) : "—"}</td>
                  {Object.values(row.utilities).map((u, k) => (
                    <td key={k}>{u.toFixed(3)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <ul>
            {report.byPlayer.map((p) => {
              const best = [...p.strategies].sort((x, y) => y.meanUtility - x.meanUtility)[0];
              return (
                <li key={p.player}>
                  {actorName(p.player)}: {p.strategies.map((x) => `${t(`sim.strategy.${x.strategy}`)} ${x.meanUtility.toFixed(3)}`).join(", ")} — {t("sim.best")}: {best ? t(`sim.strategy.${best.strategy}`) : ""}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
