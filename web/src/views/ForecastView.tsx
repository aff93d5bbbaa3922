/**
 * Will they agree at all (AgreementLead: the chance of agreement and its reasons lead the view), then
 * where they settle if they do — every model's forecast per issue, conditional on agreement: a comparison table, a strip chart per issue with the actors'
 * positions and each model's forecast on the issue's scale, and for the dynamic models (SMP, EUM)
 * how the positions move round by round. Recomputed whenever an edit validates.
 */
import * as Plot from "@observablehq/plot";
import { useCallback, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { CalibratedInterval } from "../../../src/calibration/apply.js";
import { anchorPrefix, nearestAnchor, type ForecastResult } from "../../../src/forecast.js";
import { INTERVAL_COLOR } from "../../../src/report/svg.js";
import type { Issue, Scenario } from "../../../src/scenario/types.js";
import { api } from "../api.js";
import { forecastIntervals, useCalibration } from "../calibration.js";
import { labelMarks, stripLabels } from "../charts/labelMarks.js";
import { ABOVE, placeLabels } from "../charts/labels.js";
import { PlotFigure } from "../charts/PlotFigure.js";
import { useWidth } from "../charts/useWidth.js";
import { ExchangeTrades } from "./ExchangeTrades.js";
import { forecastOf } from "../compute.js";
import { fmt, useLabel } from "../format.js";
import { useWorkspace } from "../workspace.js";
import { DownloadCsv } from "../DownloadCsv.js";
import { fileName, forecastRows } from "../exports.js";
import { UncertaintyPanel, useMonteCarloOf } from "./UncertaintyPanel.js";
import { AgreementLead } from "./AgreementLead.js";
import { CalibrationPanel, intervalText } from "./CalibrationPanel.js";

/** Per result, per issue: a forecast's calibrated interval (and its combination with the sampled spread). */
export type Intervals = readonly (readonly (CalibratedInterval | undefined)[])[];

export const ACTOR_COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"];

export function useModelName(): (id: string) => string {
  const { t } = useTranslation();
  return (id) => t(`models.${id}`, { defaultValue: id });
}

export function ForecastView() {
  const ws = useWorkspace();
  const { t } = useTranslation();
  const scenario = ws.scenario;
  const results = useMemo(() => (scenario ? forecastOf(scenario) : undefined), [scenario]);
  const { loaded, level } = useCalibration();
  const monteCarlo = useMonteCarloOf(scenario);
  const intervals = useMemo(
    () => (scenario && loaded && results && !(results instanceof Error) ? forecastIntervals(scenario, results, loaded.calibration, level, monteCarlo) : undefined),
    [scenario, results, loaded, level, monteCarlo],
  );
  if (!scenario || !results) return null;
  if (results instanceof Error) return <p className="problems">{results.message}</p>;
  return (
    <div className="forecast-view" data-testid="forecast-view">
      <header className="view-header">
        <h2>{t("forecast.title")}</h2>
        <p className="hint">{t("forecast.hint")}</p>
        {ws.errors.length > 0 && <p className="warning">{t("forecast.staleNote")}</p>}
        <SaveRun results={results} />
        <ForecastsCsv scenario={scenario} results={results} intervals={intervals} />
      </header>
      <AgreementLead scenario={scenario} />
      <p className="conditional-note" data-testid="conditional-note">
        {t("agreement.conditional")}
      </p>
      <ComparisonTable scenario={scenario} results={results} intervals={intervals} />
      <CalibrationPanel scenario={scenario} results={results} intervals={intervals} sampled={monteCarlo !== undefined} />
      <UncertaintyPanel scenario={scenario} />
      <h3>
        {t("forecast.strips")} <span className="muted small-text">({t("agreement.conditionalShort")})</span>
      </h3>
      {intervals && <p className="legend small-text muted">{t("calibration.stripLegend", { level: t("calibration.percent", { value: Math.round(level * 100) }) })}</p>}
      <div className="strips">
        {scenario.issues.map((issue) => (
          <IssueStrip key={issue.id} scenario={scenario} issue={issue} results={results} intervals={intervals} />
        ))}
      </div>
      <Rounds scenario={scenario} results={results} />
      <ExchangeTrades scenario={scenario} results={results} />
    </div>
  );
}

/** Every model's forecast on every issue as CSV, with the calibrated intervals when a calibration is loaded. */
function ForecastsCsv({ scenario, results, intervals }: { scenario: Scenario; results: readonly ForecastResult[]; intervals: Intervals | undefined }) {
  const { t } = useTranslation();
  const label = useLabel();
  const model = useModelName();
  return (
    <p className="actions no-print">
      <DownloadCsv testId="forecasts-csv" name={fileName(scenario.id, "forecasts")} rows={() => forecastRows(scenario, results, { label, model }, intervals)}>
        {t("share.forecastsCsv")}
      </DownloadCsv>{" "}
      <span className="muted small-text">{t("share.forecastsCsvHint", { intervals: intervals ? t("share.withIntervals") : "" })}</span>
    </p>
  );
}

function SaveRun({ results }: { results: readonly ForecastResult[] }) {
  const ws = useWorkspace();
  const { t } = useTranslation();
  const [state, setState] = useState<{ saving?: boolean; saved?: number | string; error?: string }>({});
  const disabled = ws.dirty || ws.version === undefined || state.saving;
  return (
    <div className="actions no-print">
      <button
        type="button"
        disabled={disabled}
        onClick={async () => {
          setState({ saving: true });
          try {
            const run = await api.saveForecastRun(ws.id, ws.version!, results.map((r) => r.model));
            setState({ saved: run.id ?? "✓" });
          } catch (error) {
            setState({ error: error instanceof Error ? error.message : String(error) });
          }
        }}
      >
        {t("forecast.saveRun")}
      </button>
      {ws.dirty && <span className="muted"> {t("forecast.saveFirst")}</span>}
      {state.saved !== undefined && <span role="status"> {t("forecast.savedRun", { id: state.saved })}</span>}
      {state.error && <span role="alert" className="error"> {state.error}</span>}
    </div>
  );
}

export function ComparisonTable({ scenario, results, intervals }: { scenario: Scenario; results: readonly ForecastResult[]; intervals?: Intervals | undefined }) {
  const { t } = useTranslation();
  const label = useLabel();
  const modelName = useModelName();
  const hasOutcome = scenario.issues.some((i) => i.outcome !== undefined);
  const valueText = (issue: Issue, value: number) => {
    const anchor = nearestAnchor(issue, value);
    return (
      <>
        <span className="value">{fmt(value)}</span>
        {anchor && <span className="anchor-label">{anchorPrefix(anchor, value)}{label(anchor.label)}</span>}
      </>
    );
  };
  return (
    <table className="comparison" data-testid="forecast-table">
      <caption>{t("forecast.comparison")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("grid.issue")}</th>
          <th scope="col">{t("evidence.statusQuo")}</th>
          {results.map((r) => (
            <th scope="col" key={r.model}>
              {modelName(r.model)}
            </th>
          ))}
          {hasOutcome && <th scope="col">{t("forecast.outcome")}</th>}
        </tr>
      </thead>
      <tbody>
        {scenario.issues.map((issue, i) => (
          <tr key={issue.id}>
            <th scope="row">{label(issue.name)}</th>
            <td>{issue.reference ? valueText(issue, issue.reference.value) : "–"}</td>
            {results.map((r, m) => {
              const interval = intervals?.[m]?.[i];
              return (
                <td key={r.model} data-model={r.model} data-issue={issue.id}>
                  {valueText(issue, r.issues[i]!.forecast)}
                  {interval && (
                    <span className="band calibrated" data-testid="interval" title={t("calibration.bandTitle", { level: t("calibration.percent", { value: Math.round(interval.level * 100) }) })}>
                      {intervalText(interval)}
                      {interval.combined && <span className="combined"> ({t("calibration.withSpreadShort", { combined: intervalText(interval.combined) })})</span>}
                    </span>
                  )}
                </td>
              );
            })}
            {hasOutcome && <td>{issue.outcome ? valueText(issue, issue.outcome.value) : "–"}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function IssueStrip({ scenario, issue, results, intervals, width: fixedWidth }: { scenario: Scenario; issue: Issue; results: readonly ForecastResult[]; intervals?: Intervals | undefined; width?: number }) {
  const { t } = useTranslation();
  const host = useRef<HTMLElement>(null);
  const measured = useWidth(host, 600);
  const width = fixedWidth ?? Math.max(260, measured);
  const label = useLabel();
  const modelName = useModelName();
  const i = scenario.issues.indexOf(issue);
  const positionsRow = t("forecast.positions");
  const bands = results.flatMap((r, m) => {
    const interval = intervals?.[m]?.[i];
    return interval ? [{ model: modelName(r.model), lower: interval.lower, upper: interval.upper, combined: interval.combined }] : [];
  });
  const key = JSON.stringify([issue.id, results.map((r) => r.issues[i]?.forecast), scenario.actors.map((a) => [label(a.name), scenario.stances[a.id]?.[issue.id]?.position.value]), positionsRow, label(issue.name), bands]);
  const make = useCallback(() => {
    const actors = scenario.actors.flatMap((actor) => {
      const stance = scenario.stances[actor.id]?.[issue.id];
      const cap = actor.capabilityByIssue[issue.id]?.value ?? actor.capability.value;
      return stance ? [{ actor: actor.id, name: label(actor.name), x: stance.position.value, weight: cap * stance.salience.value, salience: stance.salience.value }] : [];
    });
    const models = results.map((r) => ({ model: modelName(r.model), x: r.issues[i]!.forecast }));
    const rows = [positionsRow, ...models.map((m) => m.model)];
    const ref = issue.reference?.value;
    // Actor names (in the chosen language) above their dots, stacked only as far as needed to keep them apart.
    const marginLeft = Math.min(150, width * 0.3);
    const px = (x: number) => marginLeft + ((x - issue.min) / (issue.max - issue.min || 1)) * (width - marginLeft - 30);
    const placed = placeLabels(
      [...actors].sort((p, q) => q.weight - p.weight).map((d) => ({ x: px(d.x), y: 0, text: d.name, actor: d.actor, at: d.x })),
      { candidates: ABOVE, obstacles: [] },
    );
    const levels = Math.max(1, ...placed.map((p) => Math.round((-p.dy - 11) / 11) + 1));
    const rowHeight = 20;
    return Plot.plot({
      width,
      height: 30 + levels * 11 + rows.length * rowHeight,
      marginLeft,
      marginRight: 30,
      marginTop: 16 + levels * 11,
      style: { fontSize: "11px" },
      x: { domain: [issue.min, issue.max], ticks: issue.anchors.map((a) => a.value), tickFormat: (v: number) => fmt(v), grid: true, label: null },
      y: { domain: rows, label: null, padding: 0.3 },
      color: { domain: scenario.actors.map((a) => a.id), range: ACTOR_COLORS },
      r: { range: [3, 9] },
      marks: [
        ...(ref !== undefined ? [Plot.ruleX([ref], { stroke: "#666", strokeDasharray: "4,3" }), Plot.text([ref], { x: (d: number) => d, frameAnchor: "top", dy: -18, text: () => t("deal.statusQuoShort"), fill: "#555" })] : []),
        Plot.dot(actors, { x: "x", y: () => positionsRow, r: "weight", fill: "actor", fillOpacity: 0.8, stroke: "white", title: (d: { name: string; x: number; salience: number }) => `${d.name}: ${fmt(d.x)} (${t("grid.salience")} ${fmt(d.salience)})` }),
        ...labelMarks(stripLabels(placed, positionsRow), { fill: "actor", fontWeight: 600 }),
        Plot.ruleY(
          bands.flatMap((b) => (b.combined ? [{ model: b.model, ...b.combined }] : [])),
          { y: "model", x1: "lower", x2: "upper", stroke: INTERVAL_COLOR, strokeWidth: 1.5, strokeDasharray: "4,3", className: "calibrated-combined" },
        ),
        Plot.ruleY(bands, { y: "model", x1: "lower", x2: "upper", stroke: INTERVAL_COLOR, strokeWidth: 6, strokeOpacity: 0.6, className: "calibrated" }),
        Plot.tickX(models, { x: "x", y: "model", stroke: "#111", strokeWidth: 2.5 }),
        Plot.text(models, { x: "x", y: "model", text: (d: { x: number }) => fmt(d.x), dx: 6, textAnchor: "start" }),
      ],
    });
  }, [key, width]);
  return (
    <figure className="strip" data-issue={issue.id} ref={host}>
      <figcaption>{label(issue.name)}</figcaption>
      <PlotFigure make={make} label={t("forecast.stripLabel", { issue: label(issue.name) })} />
    </figure>
  );
}

function Rounds({ scenario, results }: { scenario: Scenario; results: readonly ForecastResult[] }) {
  const { t } = useTranslation();
  const label = useLabel();
  const dynamic = results.filter((r) => r.rounds && r.rounds.length > 0);
  const [issueId, setIssueId] = useState(scenario.issues[0]?.id ?? "");
  const issue = scenario.issues.find((i) => i.id === issueId) ?? scenario.issues[0];
  if (dynamic.length === 0 || !issue) return null;
  return (
    <section className="rounds">
      <h3>{t("forecast.rounds")}</h3>
      <label className="inline">
        {t("grid.issue")}{" "}
        <select value={issue.id} onChange={(e) => setIssueId(e.target.value)}>
          {scenario.issues.map((i) => (
            <option key={i.id} value={i.id}>
              {label(i.name)}
            </option>
          ))}
        </select>
      </label>
      <div className="rounds-charts">
        {dynamic.map((r) => (
          <RoundsChart key={r.model} scenario={scenario} issue={issue} result={r} />
        ))}
      </div>
    </section>
  );
}

/** Labels at nearly the same height moved apart by a few pixels. */
function stackLabels<T extends { position: number }>(rows: readonly T[], near: number): (T & { level: number })[] {
  const sorted = [...rows].sort((a, b) => a.position - b.position);
  let run = 0;
  return sorted.map((d, k) => {
    run = k > 0 && d.position - sorted[k - 1]!.position < near ? Math.min(4, run + 1) : 0;
    return { ...d, level: run };
  });
}

function RoundsChart({ scenario, issue, result }: { scenario: Scenario; issue: Issue; result: ForecastResult }) {
  const { t } = useTranslation();
  const label = useLabel();
  const modelName = useModelName();
  const i = scenario.issues.indexOf(issue);
  const key = JSON.stringify([issue.id, result.model, result.rounds?.length, result.issues[i]?.forecast, scenario.actors.map((a) => scenario.stances[a.id]?.[issue.id]?.position.value)]);
  const make = useCallback(() => {
    const data = (result.rounds ?? []).flatMap((round) =>
      scenario.actors.flatMap((actor) => {
        const x = round.positions[actor.id]?.[issue.id];
        return x === undefined ? [] : [{ round: round.round, actor: actor.id, position: x }];
      }),
    );
    const last = result.rounds?.[result.rounds.length - 1]?.round ?? 0;
    const ends = data.filter((d) => d.round === last);
    const f = result.issues[i]!.forecast;
    return Plot.plot({
      width: 440,
      height: 260,
      marginRight: 50,
      style: { fontSize: "11px" },
      x: { label: t("forecast.round"), ticks: Math.min(last, 10), tickFormat: "d" },
      y: { domain: [issue.min, issue.max], label: label(issue.name), grid: true },
      color: { domain: scenario.actors.map((a) => a.id), range: ACTOR_COLORS },
      marks: [
        Plot.ruleY([f], { stroke: "#111", strokeDasharray: "5,3" }),
        Plot.text([f], { x: 0, y: (d: number) => d, text: () => `${t("forecast.forecast")} ${fmt(f)}`, dy: -7, textAnchor: "start" }),
        Plot.line(data, { x: "round", y: "position", stroke: "actor", strokeWidth: 2, marker: "dot" }),
        ...[0, 1, 2, 3, 4].map((k) => Plot.text(stackLabels(ends, (issue.max - issue.min) * 0.05).filter((d) => d.level === k), { x: "round", y: "position", text: "actor", fill: "actor", dx: 8, dy: -11 * k, textAnchor: "start" })),
      ],
    });
  }, [key]);
  return (
    <figure className="rounds-chart" data-model={result.model}>
      <figcaption>{modelName(result.model)}</figcaption>
      <PlotFigure make={make} label={t("forecast.roundsLabel", { model: modelName(result.model), issue: label(issue.name) })} />
    </figure>
  );
}
