/**
 * The saved runs of a scenario: the list, one run shown in full (its settings, date and forecasts,
 * with the issues' and models' names), and two runs side by side with every difference marked.
 */
import { Fragment, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type RunSummary } from "../api.js";
import { fmt, fmtTime, useLabel, useLanguage } from "../format.js";
import { compareRuns, runForecasts, runSimulation, type SavedRun, type SavedSimulation } from "../runs.js";
import type { Scenario } from "../../../src/scenario/types.js";
import type { SimulationResult } from "../../../src/simulation/simulate.js";
import { traceCsv } from "../../../src/simulation/csv.js";
import { downloadText } from "../download.js";
import { useActorName } from "./SimulateCharts.js";
import { RunsSummary } from "./SimulateRuns.js";
import { Terms } from "./SimulateView.js";
import { useWorkspace } from "../workspace.js";
import { useModelName } from "./ForecastView.js";
import { DownloadCsv } from "../DownloadCsv.js";
import { fileName, savedRunRows } from "../exports.js";

export function SavedRuns({ runs }: { runs: readonly RunSummary[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const modelName = useModelName();
  const [shown, setShown] = useState<number>();
  const [picked, setPicked] = useState<number[]>([]);
  const [comparing, setComparing] = useState<[number, number]>();
  const [loaded, setLoaded] = useState<Record<number, SavedRun>>({});
  const [error, setError] = useState<string>();

  const wanted = comparing ?? (shown !== undefined ? [shown] : []);
  useEffect(() => {
    for (const id of wanted) {
      if (loaded[id]) continue;
      api
        .run(id)
        .then((run) => setLoaded((all) => ({ ...all, [id]: run })))
        .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
    }
  }, [wanted.join(",")]);

  const toggle = (id: number) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id].slice(-2)));

  return (
    <>
      <table className="runs" data-testid="runs">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t("history.kind")}</th>
            <th scope="col">{t("history.version")}</th>
            <th scope="col">{t("history.models")}</th>
            <th scope="col">{t("history.time")}</th>
            <th scope="col">{t("runs.compare")}</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => (
            <tr key={r.id} data-run={r.id} className={shown === r.id ? "current" : undefined}>
              <td>
                <button
                  type="button"
                  className="linkish"
                  aria-pressed={shown === r.id}
                  onClick={() => {
                    setComparing(undefined);
                    setShown(shown === r.id ? undefined : r.id);
                  }}
                >
                  {t("runs.show", { id: r.id })}
                </button>
              </td>
              <td>{t(`history.kinds.${r.kind}`, { defaultValue: r.kind })}</td>
              <td>{r.scenarioVersion === null ? "–" : `v${r.scenarioVersion}`}</td>
              <td>{r.models.map(modelName).join(", ")}</td>
              <td>{fmtTime(r.createdAt, language)}</td>
              <td>
                <input type="checkbox" aria-label={t("runs.pick", { id: r.id })} checked={picked.includes(r.id)} onChange={() => toggle(r.id)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" data-testid="compare-runs" disabled={picked.length !== 2} onClick={() => setComparing([Math.min(...picked), Math.max(...picked)] as [number, number])}>
        {picked.length === 2 ? t("runs.compareTwo", { a: Math.min(...picked), b: Math.max(...picked) }) : t("runs.pickTwo")}
      </button>
      {error && (
        <p className="problems" role="alert">
          {error}
        </p>
      )}
      {comparing ? (
        loaded[comparing[0]] && loaded[comparing[1]] ? <RunComparison a={loaded[comparing[0]]!} b={loaded[comparing[1]]!} /> : <p className="muted">{t("app.loading")}</p>
      ) : shown !== undefined ? (
        loaded[shown] ? <RunDetails run={loaded[shown]!} /> : <p className="muted">{t("app.loading")}</p>
      ) : null}
    </>
  );
}

function useIssueName(): (id: string) => string {
  const ws = useWorkspace();
  const label = useLabel();
  return (id) => label(ws.scenario?.issues.find((i) => i.id === id)?.name) || id;
}

function RunDetails({ run }: { run: SavedRun }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const label = useLabel();
  const language = useLanguage();
  const modelName = useModelName();
  const issueName = useIssueName();
  const forecasts = runForecasts(run.results);
  const models = forecasts ? [...forecasts.keys()] : [];
  const issues = forecasts ? [...new Set(models.flatMap((m) => [...forecasts.get(m)!.keys()]))] : [];
  const simulation = run.kind === "simulate" ? runSimulation(run.results) : undefined;
  return (
    <section className="run-view" data-testid="run-view" aria-label={t("runs.title", { id: run.id })}>
      <h4>{t("runs.title", { id: run.id })}</h4>
      <dl className="run-settings">
        <dt>{t("history.kind")}</dt>
        <dd>{t(`history.kinds.${run.kind}`, { defaultValue: run.kind })}</dd>
        <dt>{t("runs.scenario")}</dt>
        <dd>
          {run.scenarioId ?? "–"}
          {run.scenarioVersion !== null ? ` v${run.scenarioVersion}` : ""}
        </dd>
        <dt>{t("history.models")}</dt>
        <dd>{run.models.map(modelName).join(", ") || "–"}</dd>
        <dt>{t("runs.seed")}</dt>
        <dd>{run.seed ?? "–"}</dd>
        {Object.entries(run.parameters).map(([key, value]) => (
          <Fragment key={key}>
            <dt>{key}</dt>
            <dd>{typeof value === "string" ? value : JSON.stringify(value)}</dd>
          </Fragment>
        ))}
        <dt>{t("history.time")}</dt>
        <dd>{fmtTime(run.createdAt, language)}</dd>
      </dl>
      {forecasts ? (
        <div className="table-frame">
          <table className="run-forecasts">
            <caption className="sr-only">{t("runs.forecasts")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("grid.issue")}</th>
                {models.map((m) => (
                  <th scope="col" key={m}>
                    {modelName(m)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {issues.map((issue) => (
                <tr key={issue}>
                  <th scope="row">{issueName(issue)}</th>
                  {models.map((m) => (
                    <td key={m} className="num" data-model={m} data-issue={issue}>
                      {fmt(forecasts.get(m)!.get(issue), 2)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : simulation && ws.scenario ? (
        <SimulationDetails scenario={ws.scenario} simulation={simulation} />
      ) : (
        <details>
          <summary>{t("runs.results")}</summary>
          <pre className="run-json">{JSON.stringify(run.results, null, 2).slice(0, 20_000)}</pre>
        </details>
      )}
      <p className="small-text">
        <a href={`/api/runs/${run.id}`} target="_blank" rel="noreferrer">
          {t("runs.json")}
        </a>
        {simulation && "talks" in simulation && ws.scenario && (
          <>
            {" · "}
            <TraceCsv scenario={ws.scenario} result={simulation.talks} name={fileName(run.scenarioId ?? "run", "run", run.id)} id={run.id} />
          </>
        )}
        {forecasts && (
          <>
            {" · "}
            <DownloadCsv testId="run-csv" name={fileName(run.scenarioId ?? "run", "run", run.id)} rows={() => savedRunRows(run, { label, model: modelName }, ws.scenario) ?? []}>
              {t("share.runCsv", { id: run.id })}
            </DownloadCsv>
          </>
        )}
      </p>
    </section>
  );
}

/** A saved simulation: one run's outcome, round, deal and utilities, or a Monte Carlo's summary (as the Simulate view shows it). */
function SimulationDetails({ scenario, simulation }: { scenario: Scenario; simulation: SavedSimulation }) {
  const { t } = useTranslation();
  const name = useActorName(scenario);
  if ("runs" in simulation) return <RunsSummary scenario={scenario} report={simulation.runs} stale={false} />;
  const talks = simulation.talks;
  const why = t(`sim.why.${talks.reason ?? "deadline"}`, { actor: talks.walkedAway ? name(talks.walkedAway) : "" });
  return (
    <div data-testid="run-simulation" data-outcome={talks.outcome} data-round={talks.round}>
      <p className={`sim-outcome ${talks.outcome === "agreement" ? "ok" : "bad"}`}>
        <strong>{talks.outcome === "agreement" ? t("sim.agreement", { round: talks.round, deadline: talks.deadline }) : t("sim.breakdown", { round: talks.round, why })}</strong>{" "}
        <span className="muted small-text">
          {t("sim.settingsLine", { strategies: talks.order.map((id) => `${name(id)}: ${t(`sim.strategy.${talks.strategies[id]}`)}`).join(", "), seed: talks.seed })}
        </span>
      </p>
      {talks.deal ? (
        <>
          <h5>{t("sim.deal")}</h5>
          <Terms scenario={scenario} offer={talks.deal} />
        </>
      ) : (
        <p className="muted">{t("sim.walkAwayValues")}</p>
      )}
      <p className="small-text" data-testid="run-simulation-utilities">
        {t("runs.simUtilities")}{" "}
        {Object.entries(talks.utilities)
          .map(([id, u]) => `${name(id)} ${fmt(u, 3)}`)
          .join(", ")}
      </p>
    </div>
  );
}

/** The saved run's whole trace as CSV, by the Simulate view's writer. */
function TraceCsv({ scenario, result, name, id }: { scenario: Scenario; result: SimulationResult; name: string; id: number }) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className="download no-print"
      data-testid="run-trace-csv"
      onClick={() => downloadText(`${name}-trace.csv`, traceCsv(result, scenario.issues.map((i) => i.id), scenario.actors.map((a) => a.id)))}
    >
      {t("runs.traceCsv", { id })}
    </button>
  );
}

function RunComparison({ a, b }: { a: SavedRun; b: SavedRun }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const modelName = useModelName();
  const issueName = useIssueName();
  const ws = useWorkspace();
  const label = useLabel();
  const actorName = (id: string) => label(ws.scenario?.actors.find((x) => x.id === id)?.name) || id;
  const { settings, forecasts } = compareRuns(a, b);
  const results = settings.filter((s) => s.setting.startsWith("result."));
  const differing = forecasts.length > 0 ? forecasts.filter((f) => f.differs).length : results.filter((s) => s.differs).length;
  const settingName = (s: string) =>
    s.startsWith("parameters.")
      ? s.slice("parameters.".length)
      : s.startsWith("result.utility.")
        ? t("runs.settings.utility", { actor: actorName(s.slice("result.utility.".length)) })
        : t(`runs.settings.${s.replace("result.", "")}`);
  const settingValue = (s: string, v: string) => (s === "date" ? fmtTime(v, language) : s === "models" ? v.split(", ").filter(Boolean).map(modelName).join(", ") : v) || "–";
  return (
    <section className="run-compare" data-testid="run-compare" aria-label={t("runs.compareTwo", { a: a.id, b: b.id })}>
      <h4>{t("runs.compareTwo", { a: a.id, b: b.id })}</h4>
      <p role="status">
        {forecasts.length === 0 && results.length > 0 ? (differing === 0 ? t("runs.sameResults") : t("runs.resultsDiffer", { count: differing })) : differing === 0 ? t("runs.same") : t("runs.differ", { count: differing })}
      </p>
      <div className="table-frame">
        <table className="run-diff">
          <thead>
            <tr>
              <th scope="col"></th>
              <th scope="col">#{a.id}</th>
              <th scope="col">#{b.id}</th>
              <th scope="col">{t("runs.delta")}</th>
            </tr>
          </thead>
          <tbody>
            {settings.map((s) => (
              <tr key={s.setting} className={s.differs ? "differs" : undefined} data-setting={s.setting}>
                <th scope="row">{settingName(s.setting)}</th>
                <td>{settingValue(s.setting, s.a)}</td>
                <td>{settingValue(s.setting, s.b)}</td>
                <td>{s.differs ? <span className="badge">{t("runs.changed")}</span> : ""}</td>
              </tr>
            ))}
            {forecasts.map((f) => (
              <tr key={`${f.model}/${f.issue}`} className={f.differs ? "differs" : undefined} data-model={f.model} data-issue={f.issue}>
                <th scope="row">
                  {issueName(f.issue)} · {modelName(f.model)}
                </th>
                <td className="num">{fmt(f.a, 2)}</td>
                <td className="num">{fmt(f.b, 2)}</td>
                <td className="num delta">{f.delta === undefined ? "–" : f.differs ? `${f.delta > 0 ? "+" : ""}${fmt(f.delta, 2)}` : "0"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
