/**
 * Calibrated intervals in the forecast view: the analyst loads a track record (a calibration file, or
 * the bundled DEU III one), chooses a level, and each model's forecast gets its empirical interval in
 * words — widened by the Monte Carlo spread where a run has sampled the scenario — after what the
 * calibration rests on and what it assumes (docs/calibration.md).
 */
import { useTranslation } from "react-i18next";
import { modelsWithoutRecord } from "../../../src/calibration/apply.js";
import type { ForecastResult } from "../../../src/forecast.js";
import type { Scenario } from "../../../src/scenario/types.js";
import { clearCalibration, LEVEL_CHOICES, loadBundledCalibration, loadCalibrationFile, setCalibrationLevel, useCalibration } from "../calibration.js";
import { fmt, useLabel } from "../format.js";
import { useModelName, type Intervals } from "./ForecastView.js";

/** "38–82". */
export const intervalText = (x: { readonly lower: number; readonly upper: number }): string => `${fmt(x.lower)}–${fmt(x.upper)}`;

export function CalibrationPanel({ scenario, results, intervals, sampled }: { scenario: Scenario; results: readonly ForecastResult[]; intervals: Intervals | undefined; sampled: boolean }) {
  const { t } = useTranslation();
  const label = useLabel();
  const modelName = useModelName();
  const { loaded, level, problems, loading } = useCalibration();
  const percent = (share: number) => t("calibration.percent", { value: Math.round(share * 100) });
  const withoutRecord = loaded ? modelsWithoutRecord(loaded.calibration, results.map((r) => r.model)) : [];
  const source = loaded?.calibration.source;
  return (
    <section className="calibration-panel" data-testid="calibration" aria-labelledby="calibration-title">
      <h3 id="calibration-title">{t("calibration.title")}</h3>
      <p className="hint">{t("calibration.hint")}</p>
      <div className="mc-controls no-print">
        {/* The native input shows the browser's own words; a translated button stands in for it. */}
        <label className="button">
          {t("calibration.choose")}
          <input
            type="file"
            className="sr-only"
            accept=".json,application/json"
            data-testid="calibration-file"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              e.target.value = "";
              if (file) await loadCalibrationFile(file);
            }}
          />
        </label>
        <button type="button" onClick={() => void loadBundledCalibration()} disabled={loading} data-testid="calibration-bundled">
          {t("calibration.bundled")}
        </button>
        <label className="inline">
          {t("calibration.level")}
          <select value={level} onChange={(e) => setCalibrationLevel(Number(e.target.value))} data-testid="calibration-level">
            {LEVEL_CHOICES.map((p) => (
              <option key={p} value={p}>
                {percent(p)}
              </option>
            ))}
          </select>
        </label>
        {loaded && (
          <button type="button" onClick={clearCalibration} data-testid="calibration-clear">
            {t("calibration.clear")}
          </button>
        )}
      </div>
      {problems && (
        <div className="error import-problems" role="alert" data-testid="calibration-error">
          <p>{t("calibration.problems", { count: problems.diagnostics.length, file: problems.file })}</p>
          <ol>
            {problems.diagnostics.map((d, k) => {
              const place = [d.file, d.line > 0 ? String(d.line) : "", d.line > 0 && d.column > 0 ? String(d.column) : ""].filter((x) => x).join(":");
              return (
                <li key={k} data-testid="calibration-problem">
                  {place && <code className="place">{place}</code>} {d.path && <code className="field">{d.path}</code>} {d.message}
                </li>
              );
            })}
          </ol>
        </div>
      )}
      {!loaded || !source || !intervals ? (
        <p className="empty-state">{t("calibration.none")}</p>
      ) : (
        <div data-testid="calibration-results" data-level={level}>
          <p className="small-text" data-testid="calibration-source">
            {t(loaded.origin.kind === "bundled" ? "calibration.sourceBundled" : "calibration.source", {
              file: source.file ?? (loaded.origin.kind === "file" ? loaded.origin.name : ""),
              issues: source.issues,
              groups: source.groups,
              level: percent(level),
            })}
            {loaded.calibration.condition ? ` ${t("calibration.condition", { condition: loaded.calibration.condition })}` : ""}{" "}
            {t(sampled ? "calibration.combinedNote" : "calibration.runForSpread")}
          </p>
          <p className="small-text muted">{t("calibration.assumption")}</p>
          {withoutRecord.length > 0 && <p className="small-text muted">{t("calibration.withoutRecord", { models: withoutRecord.map(modelName).join(", ") })}</p>}
          <div className="calibrated-issues">
            {scenario.issues.map((issue, i) => (
              <section key={issue.id} className="calibrated-issue" data-issue={issue.id}>
                <h4>{label(issue.name)}</h4>
                <ul>
                  {results.map((r, m) => {
                    const interval = intervals[m]?.[i];
                    if (!interval) return null;
                    return (
                      <li key={r.model} data-model={r.model} data-testid="calibrated-interval">
                        {t("calibration.sentence", { model: modelName(r.model), forecast: fmt(r.issues[i]!.forecast), level: percent(interval.level), interval: intervalText(interval) })}
                        {interval.combined ? t("calibration.withSpread", { combined: intervalText(interval.combined) }) : ""}
                        {t("calibration.end")}
                      </li>
                    );
                  })}
                </ul>
              </section>
            ))}
          </div>
        </div>
      )}
    </section>
  );
}
