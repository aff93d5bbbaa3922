/**
 * How sure the forecasts are: Monte Carlo runs over every number's uncertainty range, in a Web
 * Worker (the page stays responsive; progress shows, Cancel keeps the samples done). The same run
 * then draws the agreement forecast (its chance leads the forecast view: AgreementLead). Per issue
 * each model's distribution (5–95 % band, quartiles, median, histogram), each named deal's chance
 * of acceptance per actor and by all, and the tornado — which inputs move the chosen forecast most
 * when set to the low and the high end of their range one at a time.
 */
import * as Plot from "@observablehq/plot";
import { useCallback, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { skippedText } from "../../../src/i18n/problems.js";
import type { Scenario } from "../../../src/scenario/types.js";
import type { MonteCarloReport } from "../../../src/uncertainty/monte-carlo.js";
import type { SensitivityReport } from "../../../src/uncertainty/sensitivity.js";
import { changeSignal } from "../changeSignal.js";
import { PlotFigure } from "../charts/PlotFigure.js";
import { useWidth } from "../charts/useWidth.js";
import { fmt, useLabel, useLanguage } from "../format.js";
import type { AgreementOutcome, AnalysisMessage, AnalysisRequest } from "../uncertainty/analysis.worker.js";
import { useModelName } from "./ForecastView.js";
import { DownloadCsv } from "../DownloadCsv.js";
import { dealAcceptanceRows, fileName, monteCarloRows } from "../exports.js";

export interface Run {
  readonly scenario: Scenario;
  readonly runs: number;
  readonly seed: number;
  progress?: { phase: "agreement" | "samples" | "tornado"; done: number; total: number };
  /** The agreement forecast over the run's draws, as soon as its phase ends. */
  agreement?: AgreementOutcome;
  result?: { monteCarlo: MonteCarloReport; tornado?: SensitivityReport; ms: number };
  error?: string;
}

/** A run is under way until the worker answers with its result or an error. */
export const isRunning = (run: Run | undefined): boolean => run !== undefined && !run.result && run.error === undefined;

/** One analysis at a time for the whole page; results stay while the tab changes. */
let worker: Worker | undefined;
let current: Run | undefined;
const { changed, useChanges } = changeSignal();

function start(scenario: Scenario, runs: number, seed: number): void {
  worker ??= new Worker(new URL("../uncertainty/analysis.worker.ts", import.meta.url), { type: "module" });
  const run: Run = { scenario, runs, seed };
  current = run;
  worker.onmessage = (event: MessageEvent<AnalysisMessage>) => {
    const message = event.data;
    if (current !== run) return;
    if (message.type === "progress") run.progress = { phase: message.phase, done: message.done, total: message.total };
    else if (message.type === "agreement") run.agreement = message.agreement;
    else if (message.type === "done") run.result = { monteCarlo: message.monteCarlo, ...(message.tornado ? { tornado: message.tornado } : {}), ms: message.ms };
    else if (message.type === "error") run.error = message.message;
    changed();
  };
  worker.postMessage({ type: "run", scenario, runs, seed } satisfies AnalysisRequest);
  changed();
}

function cancel(): void {
  worker?.postMessage({ type: "cancel" } satisfies AnalysisRequest);
}

/** The page's current (or last) run, re-rendering as it progresses. */
export function useRun(): Run | undefined {
  useChanges();
  return current;
}

/** The Monte Carlo report of this very scenario, once a run has one (the calibrated intervals widen by its spread). */
export function useMonteCarloOf(scenario: Scenario | undefined): MonteCarloReport | undefined {
  const run = useRun();
  return run && run.scenario === scenario ? run.result?.monteCarlo : undefined;
}

const RUN_CHOICES = [200, 500, 1000, 2000, 5000];

export function UncertaintyPanel({ scenario }: { scenario: Scenario }) {
  const { t } = useTranslation();
  const run = useRun();
  const [runs, setRuns] = useState(500);
  const [seed, setSeed] = useState(0);
  const mine = run && run.scenario === scenario ? run : undefined;
  const stale = run && run.scenario !== scenario && run.result;
  const report = mine?.result ?? (stale ? run.result : undefined);
  const uncertain = report?.monteCarlo.inputs.length;
  const running = isRunning(mine);
  return (
    <section className="uncertainty" data-testid="uncertainty" aria-labelledby="uncertainty-title">
      <h3 id="uncertainty-title">{t("mc.title")}</h3>
      <p className="hint">{t("mc.hint")}</p>
      <div className="mc-controls no-print">
        <label className="inline">
          {t("mc.runs")}
          <select value={runs} onChange={(e) => setRuns(Number(e.target.value))} data-testid="mc-runs">
            {RUN_CHOICES.map((n) => (
              <option key={n} value={n}>
                {n.toLocaleString()}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          {t("mc.seed")}
          <input className="narrow" inputMode="numeric" value={seed} onChange={(e) => setSeed(Math.max(0, Math.trunc(Number(e.target.value) || 0)))} />
        </label>
        {running ? (
          <button type="button" onClick={cancel} data-testid="mc-cancel">
            {t("mc.cancel")}
          </button>
        ) : (
          <button type="button" className="primary" onClick={() => start(scenario, runs, seed)} data-testid="mc-run">
            {t("mc.run")}
          </button>
        )}
        {running && mine?.progress && (
          <span className="mc-progress" role="status">
            <progress max={mine.progress.total} value={mine.progress.done} aria-label={t("mc.progress")} data-testid="mc-progress" />{" "}
            {t(`mc.phase.${mine.progress.phase}`, { done: mine.progress.done.toLocaleString(), total: mine.progress.total.toLocaleString() })}
          </span>
        )}
        {running && !mine?.progress && <span role="status">{t("mc.starting")}</span>}
      </div>
      {mine?.error && (
        <p className="problems" role="alert">
          {mine.error}
        </p>
      )}
      {!report && !running && <p className="empty-state">{t("mc.none")}</p>}
      {report && (
        <div data-testid="mc-results" data-partial={report.monteCarlo.partial} data-completed={report.monteCarlo.completed}>
          <p className="small-text muted" data-testid="mc-summary">
            {stale ? `${t("mc.stale")} ` : ""}
            {t("mc.summary", { completed: report.monteCarlo.completed.toLocaleString(), runs: report.monteCarlo.runs.toLocaleString(), inputs: uncertain, seed: report.monteCarlo.seed, seconds: (report.ms / 1000).toFixed(1) })}
            {report.monteCarlo.partial ? ` ${t("mc.partial")}` : ""}
          </p>
          {!stale && <MonteCarloCsv scenario={scenario} report={report.monteCarlo} />}
          {!stale && <Results scenario={scenario} report={report.monteCarlo} tornado={report.tornado} />}
        </div>
      )}
    </section>
  );
}

/** The run's distributions per model × issue, and its deal acceptance, as CSV. */
function MonteCarloCsv({ scenario, report }: { scenario: Scenario; report: MonteCarloReport }) {
  const { t } = useTranslation();
  const label = useLabel();
  const model = useModelName();
  const stem = fileName(scenario.id, "monte-carlo", `seed${report.seed}`, `${report.completed}runs`);
  return (
    <p className="actions no-print">
      <DownloadCsv testId="mc-csv" name={stem} rows={() => monteCarloRows(scenario, report, { label, model })}>
        {t("share.mcCsv")}
      </DownloadCsv>{" "}
      {report.deals.length > 0 && (
        <DownloadCsv testId="mc-deals-csv" name={`${stem}-deals`} rows={() => dealAcceptanceRows(scenario, report, { label, model })}>
          {t("share.mcDealsCsv")}
        </DownloadCsv>
      )}
    </p>
  );
}

function Results({ scenario, report, tornado }: { scenario: Scenario; report: MonteCarloReport; tornado: SensitivityReport | undefined }) {
  const { t } = useTranslation();
  const label = useLabel();
  const modelName = useModelName();
  const [model, setModel] = useState(report.models.find((m) => m.model === "smp")?.model ?? report.models[0]?.model ?? "");
  const [issueId, setIssueId] = useState(scenario.issues[0]?.id ?? "");
  return (
    <>
      <h4>{t("mc.distributions")}</h4>
      <table className="comparison mc-table" data-testid="mc-table">
        <thead>
          <tr>
            <th scope="col">{t("grid.issue")}</th>
            {report.models.map((m) => (
              <th scope="col" key={m.model}>
                {modelName(m.model)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {scenario.issues.map((issue, i) => (
            <tr key={issue.id}>
              <th scope="row">{label(issue.name)}</th>
              {report.models.map((m) => {
                const d = m.issues[i]!;
                const wide = d.quantiles["p95"]! - d.quantiles["p5"]! > 0.25 * (issue.max - issue.min);
                return (
                  <td key={m.model} data-model={m.model} data-issue={issue.id} className={wide ? "fragile" : undefined}>
                    <span className="value">{fmt(d.quantiles["p50"])}</span>
                    <span className="band">
                      {fmt(d.quantiles["p5"])}–{fmt(d.quantiles["p95"])}
                    </span>
                    {wide && <span className="fragile-note">{t("mc.fragile")}</span>}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="legend small-text muted">{t("mc.tableLegend")}</p>
      <div className="mc-charts">
        <label className="inline">
          {t("mc.model")}
          <select value={model} onChange={(e) => setModel(e.target.value)} data-testid="mc-model">
            {report.models.map((m) => (
              <option key={m.model} value={m.model}>
                {modelName(m.model)}
              </option>
            ))}
          </select>
        </label>
        <div className="strips">
          {scenario.issues.map((issue, i) => (
            <Histogram key={issue.id} scenario={scenario} issueIndex={i} report={report} model={model} />
          ))}
        </div>
      </div>
      <DealShares scenario={scenario} report={report} />
      {tornado && (
        <section className="tornado-section">
          <h4>{t("mc.tornado")}</h4>
          <p className="hint">{t("mc.tornadoHint")}</p>
          <label className="inline">
            {t("grid.issue")}
            <select value={issueId} onChange={(e) => setIssueId(e.target.value)} data-testid="tornado-issue">
              {scenario.issues.map((i) => (
                <option key={i.id} value={i.id}>
                  {label(i.name)}
                </option>
              ))}
            </select>
          </label>
          <Tornado scenario={scenario} tornado={tornado} model={model} issueId={issueId} />
        </section>
      )}
    </>
  );
}

function Histogram({ scenario, issueIndex, report, model }: { scenario: Scenario; issueIndex: number; report: MonteCarloReport; model: string }) {
  const { t } = useTranslation();
  const label = useLabel();
  const issue = scenario.issues[issueIndex]!;
  const m = report.models.find((x) => x.model === model);
  const d = m?.issues[issueIndex];
  const host = useRef<HTMLDivElement>(null);
  const width = useWidth(host, 520);
  const make = useCallback(() => {
    if (!d) return document.createElement("div");
    const h = d.histogram;
    const step = (h.max - h.min) / h.counts.length;
    const bars = h.counts.map((count, k) => ({ x1: h.min + k * step, x2: h.min + (k + 1) * step, share: count / Math.max(1, d.n) }));
    return Plot.plot({
      width,
      height: 120,
      marginLeft: 40,
      marginBottom: 26,
      style: { fontSize: "11px" },
      x: { domain: [issue.min, issue.max], ticks: issue.anchors.map((a) => a.value), tickFormat: (v: number) => fmt(v), label: null },
      y: { label: t("mc.share"), tickFormat: "%", grid: true },
      marks: [
        Plot.rectY(bars, { x1: "x1", x2: "x2", y: "share", fill: "#8fb3d9", inset: 0.5 }),
        Plot.ruleX([d.quantiles["p5"], d.quantiles["p95"]], { stroke: "#1f4e79", strokeDasharray: "3,2" }),
        Plot.ruleX([d.forecast], { stroke: "#111", strokeWidth: 2 }),
        Plot.ruleX([d.quantiles["p50"]], { stroke: "#e36209", strokeWidth: 2 }),
        Plot.ruleY([0]),
      ],
    });
  }, [d, issue, width, t]);
  if (!d) return null;
  return (
    <figure className="strip" data-issue={issue.id} ref={host}>
      <figcaption>
        {label(issue.name)} <span className="muted small-text">{t("mc.histCaption", { median: fmt(d.quantiles["p50"]), low: fmt(d.quantiles["p5"]), high: fmt(d.quantiles["p95"]), point: fmt(d.forecast) })}</span>
      </figcaption>
      <PlotFigure make={make} label={t("mc.histLabel", { issue: label(issue.name) })} />
    </figure>
  );
}

function DealShares({ scenario, report }: { scenario: Scenario; report: MonteCarloReport }) {
  const { t } = useTranslation();
  const label = useLabel();
  const language = useLanguage();
  if (report.dealsSkipped) return <p className="muted">{t("mc.dealsSkipped", { why: skippedText(scenario, { message: report.dealsSkipped, problem: report.dealsProblem }, language) })}</p>;
  if (report.deals.length === 0) return <p className="empty-state">{t("build.noDeals")}</p>;
  const pct = (x: number) => (Number.isFinite(x) ? `${Math.round(x * 100)} %` : "–");
  return (
    <>
      <h4>{t("mc.deals")}</h4>
      <table className="comparison" data-testid="mc-deals">
        <thead>
          <tr>
            <th scope="col">{t("mc.deal")}</th>
            <th scope="col">{t("mc.all")}</th>
            {scenario.actors.map((a) => (
              <th scope="col" key={a.id}>
                {label(a.name)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.deals.map((d) => (
            <tr key={d.id} data-deal={d.id}>
              <th scope="row">{label(scenario.deals.find((x) => x.id === d.id)?.name) || d.id}</th>
              <td data-all={d.all}>
                <strong>{pct(d.all)}</strong>
              </td>
              {scenario.actors.map((a) => (
                <td key={a.id} className={(d.accept[a.id] ?? 0) < 0.5 ? "bad" : undefined}>
                  {pct(d.accept[a.id] ?? Number.NaN)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="legend small-text muted">{t("mc.dealsLegend")}</p>
    </>
  );
}

function Tornado({ scenario, tornado, model, issueId }: { scenario: Scenario; tornado: SensitivityReport; model: string; issueId: string }) {
  const { t } = useTranslation();
  const label = useLabel();
  const issue = scenario.issues.find((i) => i.id === issueId);
  const entry = tornado.models.find((m) => m.model === model)?.issues.find((i) => i.id === issueId);
  const host = useRef<HTMLDivElement>(null);
  const width = useWidth(host, 640);
  const name = useCallback(
    (input: SensitivityReport["models"][number]["issues"][number]["inputs"][number]) => {
      const actor = label(scenario.actors.find((a) => a.id === input.actor)?.name) || input.actor;
      const on = input.issue ? label(scenario.issues.find((i) => i.id === input.issue)?.name) || input.issue : "";
      return `${actor} · ${t(`mc.field.${input.field}`)}${on && input.issue !== issueId ? ` · ${on}` : ""}`;
    },
    [scenario, label, t, issueId],
  );
  const top = entry ? entry.inputs.filter((x) => Number.isFinite(x.swing) && x.swing > 0).slice(0, 12) : [];
  const make = useCallback(() => {
    if (!entry || !issue || top.length === 0) return document.createElement("div");
    const rows = top.map((x) => ({ name: `${name(x)} (${fmt(x.low)}–${fmt(x.high)})`, a: x.atLow, b: x.atHigh, lo: Math.min(x.atLow, x.atHigh), hi: Math.max(x.atLow, x.atHigh) }));
    return Plot.plot({
      width,
      height: 30 + rows.length * 24,
      marginLeft: Math.min(300, width * 0.45),
      marginRight: 20,
      style: { fontSize: "11px" },
      x: { domain: [issue.min, issue.max], grid: true, label: label(issue.name) },
      y: { domain: rows.map((r) => r.name), label: null },
      marks: [
        Plot.barX(rows, { y: "name", x1: "lo", x2: "hi", fill: "#c0392b", fillOpacity: 0.75 }),
        Plot.dot(rows, { y: "name", x: "a", fill: "#fff", stroke: "#111", r: 3, title: () => t("mc.atLow") }),
        Plot.dot(rows, { y: "name", x: "b", fill: "#111", r: 3, title: () => t("mc.atHigh") }),
        Plot.ruleX([entry.forecast], { stroke: "#111", strokeWidth: 1.5 }),
      ],
    });
  }, [entry, issue, top.map((x) => x.input).join(","), width, name]);
  if (!entry || !issue) return null;
  if (top.length === 0) return <p className="empty-state">{t("mc.noSwing")}</p>;
  return (
    <figure className="tornado" ref={host} data-testid="tornado">
      <figcaption>{t("mc.tornadoCaption", { issue: label(issue.name), forecast: fmt(entry.forecast) })}</figcaption>
      <PlotFigure make={make} label={t("mc.tornadoLabel", { issue: label(issue.name) })} />
      <p className="legend small-text muted">{t("mc.tornadoLegend")}</p>
    </figure>
  );
}
