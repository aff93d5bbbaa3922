/**
 * The briefing: the scenario, the forecasts and the deal on the table on a few printable pages,
 * for an analyst to hand on. The print stylesheet hides the workbench around it.
 */
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { anchorPrefix, nearestAnchor } from "../../../src/forecast.js";
import type { Issue, Scenario } from "../../../src/scenario/types.js";
import { dealContextOf, forecastOf } from "../compute.js";
import { useExplainer } from "../explain.js";
import { fmt, useLabel } from "../format.js";
import { useWorkspace } from "../workspace.js";
import { evaluateCurrent } from "./DealView.js";
import { ComparisonTable, IssueStrip } from "./ForecastView.js";

export function BriefingView() {
  const ws = useWorkspace();
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const scenario = ws.scenario;
  const results = useMemo(() => (scenario ? forecastOf(scenario) : undefined), [scenario]);
  if (!scenario) return null;
  return (
    <article className="briefing" data-testid="briefing">
      <div className="actions no-print">
        <button type="button" className="primary" onClick={() => window.print()}>
          {t("briefing.print")}
        </button>
        <span className="muted"> {t("briefing.hint")}</span>
        {ws.id && ws.version !== undefined && (
          <>
            {" "}
            <a
              href={`/api/scenarios/${encodeURIComponent(ws.id)}/briefing?version=${ws.version}&lang=${i18n.language === "zh" ? "zh" : "en"}`}
              target="_blank"
              rel="noopener"
              data-testid="full-briefing"
            >
              {t("briefing.full")}
            </a>
          </>
        )}
      </div>
      <header>
        <p className="kicker">{t("briefing.kicker")}</p>
        <h1>{label(scenario.title)}</h1>
        <p className="meta">
          {scenario.date ? `${scenario.date} · ` : ""}
          {t("briefing.version", { version: ws.version ?? "?" })}
          {ws.dirty ? ` · ${t("briefing.unsaved")}` : ""}
        </p>
        {scenario.description && <p className="lede">{label(scenario.description)}</p>}
      </header>
      <section>
        <h2>{t("briefing.parties")}</h2>
        <StanceTable scenario={scenario} />
      </section>
      {results && !(results instanceof Error) && (
        <section className="page-break">
          <h2>{t("forecast.title")}</h2>
          <ComparisonTable scenario={scenario} results={results} />
          <div className="strips">
            {scenario.issues.map((issue) => (
              <IssueStrip key={issue.id} scenario={scenario} issue={issue} results={results} width={660} />
            ))}
          </div>
        </section>
      )}
      <DealSection scenario={scenario} />
      <footer className="muted small-text">{t("briefing.footer")}</footer>
    </article>
  );
}

/** The nearest anchor's label for a value, "≈ " before it unless the value is the anchor's own. */
function useAnchorText(): (issue: Issue, value: number) => string {
  const label = useLabel();
  return (issue, value) => {
    const anchor = nearestAnchor(issue, value);
    return anchor ? `${anchorPrefix(anchor, value)}${label(anchor.label)}` : "";
  };
}

function StanceTable({ scenario }: { scenario: Scenario }) {
  const { t } = useTranslation();
  const label = useLabel();
  const anchorText = useAnchorText();
  return (
    <table className="briefing-grid">
      <thead>
        <tr>
          <th scope="col">{t("grid.issue")}</th>
          {scenario.actors.map((a) => (
            <th scope="col" key={a.id}>
              {label(a.name)}
              <span className="sub">
                {t("grid.capability")} {fmt(a.capability.value)}
              </span>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {scenario.issues.map((issue) => (
          <tr key={issue.id}>
            <th scope="row">{label(issue.name)}</th>
            {scenario.actors.map((a) => {
              const s = scenario.stances[a.id]?.[issue.id];
              if (!s) return <td key={a.id}>–</td>;
              const pos = s.position.option ? label(issue.options.find((o) => o.id === s.position.option)?.label) : `${fmt(s.position.value)} · ${anchorText(issue, s.position.value)}`;
              return (
                <td key={a.id}>
                  {pos}
                  <span className="sub">
                    {t("grid.salience")} {fmt(s.salience.value)}
                  </span>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DealSection({ scenario }: { scenario: Scenario }) {
  const ws = useWorkspace();
  const { t } = useTranslation();
  const label = useLabel();
  const anchorText = useAnchorText();
  const explain = useExplainer(scenario);
  const context = dealContextOf(scenario);
  if (context instanceof Error) return null;
  const named = scenario.deals.find((d) => d.id === ws.deal.name);
  const evaluation = evaluateCurrent(context, ws.deal.values, ws.deal.name);
  return (
    <section className="page-break">
      <h2>
        {t("briefing.deal")}: {named ? label(named.name) : Object.keys(ws.deal.values).length === 0 ? t("deal.statusQuo") : t("deal.custom")}
      </h2>
      <table className="comparison">
        <thead>
          <tr>
            <th scope="col">{t("grid.issue")}</th>
            <th scope="col">{t("briefing.value")}</th>
          </tr>
        </thead>
        <tbody>
          {scenario.issues.map((issue) => {
            const v = evaluation.outcome[issue.id];
            const text = typeof v === "string" ? label(issue.options.find((o) => o.id === v)?.label) : `${fmt(v)} · ${anchorText(issue, v ?? 0)}`;
            return (
              <tr key={issue.id}>
                <th scope="row">{label(issue.name)}</th>
                <td>{text}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h3>{t("deal.acceptance")}</h3>
      <ul>
        {evaluation.actors.map((a) => (
          <li key={a.id}>
            {label(scenario.actors.find((x) => x.id === a.id)?.name)}: {a.accepts ? t("deal.accepts") : t("deal.rejects")} — {explain.acceptance(a.acceptance)}
          </li>
        ))}
      </ul>
      <h3>{t("deal.criteria")}</h3>
      <ul>
        {evaluation.criteria.map((c) => (
          <li key={c.id}>
            {c.met ? "✓" : "✗"} {label(scenario.criteria.find((x) => x.id === c.id)?.name)} — {explain.reason(c.reason)}
          </li>
        ))}
      </ul>
      <h3>{t("deal.traps")}</h3>
      <ul>
        {evaluation.traps.map((c) => (
          <li key={c.id}>
            {c.triggered ? "⚠" : "○"} {label(scenario.traps.find((x) => x.id === c.id)?.name)} — {explain.reason(c.reason)}
          </li>
        ))}
      </ul>
    </section>
  );
}
