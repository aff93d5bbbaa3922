/**
 * The Simulate view's Monte Carlo over the scenario's uncertainty, as `parley simulate --runs` gives it
 * (docs/simulation.md): each run draws every uncertain judgement and whether each red line holds, plays
 * the talks once with the strategies chosen above, and the summary gives the agreement rate, the kinds
 * of breakdown, the rounds to agreement and, per issue, how often each value is agreed. In the
 * simulation's Web Worker, cancellable (the runs finished are kept), with progress.
 */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { SimulationRunsReport } from "../../../src/simulation/index.js";
import type { Scenario } from "../../../src/scenario/types.js";
import { fmt, useLabel } from "../format.js";
import { isRunning, runsRunner } from "../simulation/runner.js";
import type { TalksSettings } from "../simulation/simulation.worker.js";
import { RunningJob } from "./RunningJob.js";
import { SaveSimulation } from "./SaveSimulation.js";
import { useActorName } from "./SimulateCharts.js";

/** Run counts offered: enough for a stable rate, few enough for the browser (about 1–2 ms a run). */
const RUN_COUNTS = [200, 1000, 5000];

const pct = (x: number) => (Number.isFinite(x) ? `${Math.round(100 * x)} %` : "–");

export function SimulationRuns({ scenario, settings }: { scenario: Scenario; settings: TalksSettings }) {
  const { t } = useTranslation();
  const [runs, setRuns] = useState(RUN_COUNTS[1]!);
  const job = runsRunner.use();
  const mine = job && job.scenario.id === scenario.id ? job : undefined;
  const running = isRunning(mine);
  const report = mine?.result?.report;
  return (
    <section className="sim-runs" data-testid="simulate-mc" aria-labelledby="sim-runs-title">
      <h3 id="sim-runs-title">{t("sim.runs.title")}</h3>
      <p className="hint">{t("sim.runs.hint")}</p>
      <div className="mc-controls no-print">
        <label className="inline">
          {t("sim.runs.count")}
          <select value={runs} onChange={(e) => setRuns(Number(e.target.value))} data-testid="simulate-mc-runs">
            {RUN_COUNTS.map((n) => (
              <option key={n} value={n}>
                {n.toLocaleString()}
              </option>
            ))}
          </select>
        </label>
        {running ? (
          <RunningJob progress={mine?.progress} onCancel={() => runsRunner.cancel()} cancelTestId="simulate-mc-cancel" />
        ) : (
          <button type="button" className="primary" data-testid="simulate-mc-run" onClick={() => runsRunner.start({ type: "runs", scenario, settings: { ...settings, runs } })}>
            {t("sim.runs.run", { count: runs, formatted: runs.toLocaleString() })}
          </button>
        )}
      </div>
      {mine?.error && (
        <p className="problems" role="alert">
          {mine.error}
        </p>
      )}
      {report && <RunsSummary scenario={scenario} report={report} stale={mine!.scenario !== scenario} />}
      {report && !report.partial && <SaveSimulation settings={mine!.settings} stale={mine!.scenario !== scenario} label={t("sim.runs.save")} testId="simulate-mc-save" />}
    </section>
  );
}

export function RunsSummary({ scenario, report, stale }: { scenario: Scenario; report: SimulationRunsReport; stale: boolean }) {
  const { t } = useTranslation();
  const label = useLabel();
  const name = useActorName(scenario);
  const q = report.rounds.quantiles;
  const valueText = (issueId: string, value: string | number) => {
    const issue = scenario.issues.find((i) => i.id === issueId);
    if (typeof value === "string") return label(issue?.options.find((o) => o.id === value)?.label) || value;
    const anchor = issue?.anchors.find((a) => a.value === value);
    return `${fmt(value)}${anchor ? ` — ${label(anchor.label)}` : ""}`;
  };
  return (
    <div data-testid="simulate-mc-result" data-agreement-rate={report.agreementRate} data-completed={report.completed} data-partial={report.partial}>
      <p data-testid="simulate-mc-summary">
        {stale ? `${t("sim.stale")} ` : ""}
        {t("sim.runs.summary", {
          completed: report.completed.toLocaleString(),
          seed: report.seed,
          rate: pct(report.agreementRate),
          deadline: pct(report.breakdowns.deadline),
          walk: pct(report.breakdowns["walk-away"]),
          collapse: pct(report.breakdowns.collapse),
        })}{" "}
        {report.rounds.n > 0 ? t("sim.runs.rounds", { median: fmt(q["p50"], 1), p5: fmt(q["p5"], 1), p95: fmt(q["p95"], 1) }) : ""}
        {report.partial ? ` ${t("sim.partial")}` : ""}
      </p>
      <div className="table-frame">
        <table className="comparison" data-testid="simulate-mc-issues">
          <caption>{t("sim.runs.issues")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("grid.issue")}</th>
              <th scope="col">{t("sim.runs.outcomes")}</th>
            </tr>
          </thead>
          <tbody>
            {report.issues.map((issue) => (
              <tr key={issue.id} data-issue={issue.id}>
                <th scope="row">{label(scenario.issues.find((i) => i.id === issue.id)?.name) || issue.id}</th>
                <td>
                  {[...issue.values]
                    .sort((x, y) => y.share - x.share)
                    .map((v) => (
                      <span key={String(v.value)} className="sim-share" data-value={v.value} data-share={v.share}>
                        {valueText(issue.id, v.value)}: {pct(v.share)}
                      </span>
                    ))
                    .flatMap((node, k) => (k === 0 ? [node] : ["; ", node]))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="small-text" data-testid="simulate-mc-utilities">
        {t("sim.runs.utilities")}{" "}
        {Object.entries(report.utilities)
          .map(([id, u]) => `${name(id)} ${fmt(u, 3)}`)
          .join(", ")}
      </p>
    </div>
  );
}
