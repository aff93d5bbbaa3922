/**
 * The tournament: every combination of the chosen strategies over the chosen players, each profile
 * played on the scenario as written (or on the same sampled scenarios, common random numbers), in
 * the simulation's Web Worker with progress and Cancel (the profiles done are kept). The table gives
 * per profile the agreement rate, the mean round of agreement and each player's mean utility; below
 * it, per player and strategy, the mean over the others' strategies — "which strategy should
 * Washington play?".
 */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { STRATEGIES, type Strategy } from "../../../src/simulation/negotiators/names.js";
import type { TournamentReport } from "../../../src/simulation/tournament-report.js";
import { tournamentCsv } from "../../../src/simulation/csv.js";
import { downloadText } from "../download.js";
import type { Scenario } from "../../../src/scenario/types.js";
import { fmt } from "../format.js";
import { isRunning, tournamentRunner } from "../simulation/runner.js";
import type { TalksSettings } from "../simulation/simulation.worker.js";
import { RunningJob } from "./RunningJob.js";
import { Swatch, useActorColour, useActorName } from "./SimulateCharts.js";

/** Samples per profile on offer (0: the scenario as written, once). */
const SAMPLES = [0, 20, 100, 500];
/** Most games (profiles × samples) a tournament plays in the browser. */
export const MAX_BROWSER_GAMES = 20_000;

const pct = (x: number) => (Number.isFinite(x) ? `${Math.round(100 * x)} %` : "–");

export function Tournament({ scenario, seated, settings }: { scenario: Scenario; seated: readonly string[]; settings: TalksSettings }) {
  const { t } = useTranslation();
  const name = useActorName(scenario);
  const colour = useActorColour(scenario);
  const [pool, setPool] = useState<Strategy[]>(["boulware", "linear", "hardliner"]);
  const [players, setPlayers] = useState<string[]>(() => seated.slice(0, 2));
  const [runs, setRuns] = useState(0);
  const job = tournamentRunner.use();
  const mine = job && job.scenario.id === scenario.id ? job : undefined;
  const running = isRunning(mine);
  const toggle = <T,>(list: readonly T[], item: T): T[] => (list.includes(item) ? list.filter((x) => x !== item) : [...list, item]);
  const profiles = pool.length ** players.length;
  const games = profiles * Math.max(1, runs);
  const tooMany = games > MAX_BROWSER_GAMES;
  const report = mine?.result?.report;
  const play = () =>
    tournamentRunner.start({
      type: "tournament",
      scenario,
      settings: { ...settings, pool: STRATEGIES.filter((s) => pool.includes(s)), players: seated.filter((id) => players.includes(id)), runs },
    });
  return (
    <section className="tournament" data-testid="tournament" aria-labelledby="tournament-title">
      <h3 id="tournament-title">{t("sim.tournament")}</h3>
      <p className="hint">{t("sim.tournamentHint")}</p>
      <fieldset className="sim-choices no-print">
        <legend>{t("sim.pool")}</legend>
        {STRATEGIES.map((s) => (
          <label key={s} className="inline">
            <input type="checkbox" checked={pool.includes(s)} data-testid={`pool-${s}`} onChange={() => setPool(toggle(pool, s))} /> {t(`sim.strategy.${s}`)}
          </label>
        ))}
      </fieldset>
      <fieldset className="sim-choices no-print">
        <legend>{t("sim.players")}</legend>
        {seated.map((id) => (
          <label key={id} className="inline">
            <input type="checkbox" checked={players.includes(id)} data-testid={`player-${id}`} onChange={() => setPlayers(toggle(players, id))} /> {name(id)}
          </label>
        ))}
      </fieldset>
      <div className="mc-controls no-print">
        <label className="inline">
          {t("sim.samples")}
          <select value={runs} onChange={(e) => setRuns(Number(e.target.value))} data-testid="tournament-runs">
            {SAMPLES.map((n) => (
              <option key={n} value={n}>
                {n === 0 ? t("sim.asWritten") : n.toLocaleString()}
              </option>
            ))}
          </select>
        </label>
        <span className={tooMany ? "bad small-text" : "muted small-text"} data-testid="tournament-size">
          {tooMany ? t("sim.tooMany", { games: games.toLocaleString(), max: MAX_BROWSER_GAMES.toLocaleString() }) : t("sim.size", { profiles, games: games.toLocaleString() })}
        </span>
        {running ? (
          <RunningJob progress={mine?.progress} onCancel={() => tournamentRunner.cancel()} cancelTestId="tournament-cancel" />
        ) : (
          <button type="button" className="primary" data-testid="tournament-run" disabled={pool.length === 0 || players.length === 0 || tooMany} onClick={play}>
            {t("sim.playTournament")}
          </button>
        )}
      </div>
      {mine?.error && (
        <p className="problems" role="alert">
          {mine.error}
        </p>
      )}
      {!report && !running && !mine?.error && <p className="empty-state">{t("sim.noTournament")}</p>}
      {report && <TournamentTables scenario={scenario} report={report} colour={colour} stale={mine!.scenario !== scenario} />}
    </section>
  );
}

function TournamentTables({ scenario, report, colour, stale }: { scenario: Scenario; report: TournamentReport; colour: (id: string) => string; stale: boolean }) {
  const { t } = useTranslation();
  const name = useActorName(scenario);
  const strategy = (s: Strategy) => t(`sim.strategy.${s}`);
  // The best profile for each player, by its mean utility.
  const best = Object.fromEntries(report.players.map((p) => [p, Math.max(...report.profiles.map((row) => (Number.isFinite(row.utilities[p]!) ? row.utilities[p]! : -Infinity)))]));
  return (
    <div data-testid="tournament-result" data-partial={report.partial}>
      <p className="small-text muted" data-testid="tournament-summary">
        {stale ? `${t("sim.stale")} ` : ""}
        {report.sampled ? t("sim.summarySampled", { profiles: report.profiles.length, runs: report.runs, seed: report.seed }) : t("sim.summary", { profiles: report.profiles.length })}
        {report.partial ? ` ${t("sim.partial")}` : ""}{" "}
        <button type="button" className="small no-print" data-testid="tournament-csv" onClick={() => downloadText(`${scenario.id}-tournament.csv`, tournamentCsv(report))}>
          {t("sim.csv")}
        </button>
      </p>
      <div className="table-frame">
        <table className="comparison sim-tournament" data-testid="tournament-table">
          <thead>
            <tr>
              {report.players.map((p) => (
                <th scope="col" key={p}>
                  <Swatch colour={colour(p)} /> {name(p)}
                </th>
              ))}
              <th scope="col">{t("sim.agreementRate")}</th>
              <th scope="col">{t("sim.meanRound")}</th>
              {report.players.map((p) => (
                <th scope="col" key={p} className="num">
                  {t("sim.meanUtilityOf", { actor: name(p) })}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {report.profiles.map((row, i) => (
              <tr key={i} data-profile={report.players.map((p) => row.strategies[p]).join(",")} data-agreement-rate={row.agreementRate}>
                {report.players.map((p) => (
                  <td key={p}>{strategy(row.strategies[p]!)}</td>
                ))}
                <td className="num">{pct(row.agreementRate)}</td>
                <td className="num">{Number.isFinite(row.meanRound) ? fmt(row.meanRound, 0) : "–"}</td>
                {report.players.map((p) => {
                  const u = row.utilities[p]!;
                  const top = Number.isFinite(u) && u === best[p];
                  return (
                    <td key={p} className={top ? "num best" : "num"}>
                      {Number.isFinite(u) ? u.toFixed(3) : "–"}
                      {top && <span className="sr-only"> ({t("sim.bestFor", { actor: name(p) })})</span>}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h4>{t("sim.byPlayer")}</h4>
      <div className="table-frame">
        <table className="comparison" data-testid="tournament-by-player">
          <thead>
            <tr>
              <th scope="col">{t("sim.strategyHead")}</th>
              {report.byPlayer.map((p) => (
                <th scope="col" key={p.player}>
                  {name(p.player)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {report.pool.map((s) => (
              <tr key={s}>
                <th scope="row">{strategy(s)}</th>
                {report.byPlayer.map((p) => {
                  const entry = p.strategies.find((x) => x.strategy === s)!;
                  const top = Math.max(...p.strategies.map((x) => (Number.isFinite(x.meanUtility) ? x.meanUtility : -Infinity)));
                  const isBest = Number.isFinite(entry.meanUtility) && entry.meanUtility === top;
                  return (
                    <td key={p.player} className={isBest ? "best" : undefined} data-best={isBest}>
                      {Number.isFinite(entry.meanUtility) ? entry.meanUtility.toFixed(3) : "–"} <span className="muted small-text">({t("sim.agreesShort", { rate: pct(entry.agreementRate) })})</span>
                      {isBest && <span className="best-note"> {t("sim.best")}</span>}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="legend small-text muted">{t("sim.tournamentLegend")}</p>
    </div>
  );
}
