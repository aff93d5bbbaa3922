/**
 * What the forecast view opens with: will they agree at all? The library's agreement forecast
 * (src/agreement) — as written, a yes or no with the reason; after a Monte Carlo run, the chance of
 * agreement and each named deal's — then, when talks fail as written, the smallest sets of red lines
 * and walk-away values that cannot all hold together, each with its evidence, and what would have to
 * change. The search runs in a Web Worker (as written: web/src/uncertainty/agreement.ts; over draws:
 * the Monte Carlo run's first phase), never on the page's thread. Every reason is rendered from its
 * structure with the scenario's names in the chosen language.
 */
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { ConflictSet, Change } from "../../../src/agreement/conflicts.js";
import type { AgreementReport } from "../../../src/agreement/forecast.js";
import { evaluateDeal, type DealEvaluation } from "../../../src/deals/evaluate.js";
import { nearestAnchor } from "../../../src/forecast.js";
import { skippedText } from "../../../src/i18n/problems.js";
import { reasonWords } from "../../../src/i18n/reasons.js";
import type { Actor, Scenario } from "../../../src/scenario/types.js";
import { dealContextOf } from "../compute.js";
import { useDecisionText, useExplainer } from "../explain.js";
import { fmt, useLabel, useLanguage } from "../format.js";
import { useAgreementAsWritten } from "../uncertainty/agreement.js";
import { Citations } from "./Evidence.js";
import { isRunning, useRun } from "./UncertaintyPanel.js";

const percent = (p: number): string => (Number.isFinite(p) ? `${(100 * p).toFixed(p > 0 && p < 0.01 ? 1 : 0)} %` : "–");

/** `ACTOR.lineId` → the actor and its red line. */
function redLineOf(scenario: Scenario, key: string): { actor: Actor | undefined; actorId: string; line: Actor["redLines"][number] | undefined; id: string } {
  const dot = key.indexOf(".");
  const actorId = key.slice(0, dot);
  const id = key.slice(dot + 1);
  const actor = scenario.actors.find((a) => a.id === actorId);
  return { actor, actorId, line: actor?.redLines.find((l) => l.id === id), id };
}

function useNames(scenario: Scenario) {
  const label = useLabel();
  const language = useLanguage();
  return useMemo(() => {
    const actor = (id: string) => label(scenario.actors.find((a) => a.id === id)?.name) || id;
    // "United States' red line", "North Korea's"; 美国的.
    const owner = (id: string) => {
      const name = actor(id);
      return language === "zh" ? `${name}的` : /s$/.test(name) ? `${name}'` : `${name}'s`;
    };
    const redLine = (key: string) => {
      const r = redLineOf(scenario, key);
      return { owner: owner(r.actorId), name: label(r.line?.name) || r.id };
    };
    const list = (items: readonly string[]) => reasonWords[language].list(items);
    return { actor, owner, redLine, list };
  }, [scenario, label, language]);
}

export function AgreementLead({ scenario }: { scenario: Scenario }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const written = useAgreementAsWritten(scenario);
  const run = useRun();
  const mine = run && run.scenario === scenario ? run : undefined;
  const drawn = mine?.agreement && "report" in mine.agreement ? mine.agreement.report : undefined;
  const outcome = written.outcome;
  const report = drawn ?? (outcome && "report" in outcome ? outcome.report : undefined);
  const decision = useDecisionText(scenario);
  const context = useMemo(() => dealContextOf(scenario), [scenario]);
  const verdicts = useMemo(() => (context instanceof Error ? undefined : scenario.deals.map((d) => evaluateDeal(context, d))), [scenario, context]);
  const drawing = isRunning(mine) && !mine?.agreement;
  return (
    <section className="agreement-lead" data-testid="agreement-lead" aria-labelledby="agreement-title" data-possible={report?.possible} data-runs={report?.runs ?? 0} data-stale={written.stale && !drawn}>
      <h3 id="agreement-title">{t("agreement.title")}</h3>
      {!outcome && !drawn && <p role="status">{t("agreement.computing")}</p>}
      {outcome && "skipped" in outcome && !drawn && (
        <p className="warning" data-testid="agreement-chance">
          {t("agreement.skipped", { why: skippedText(scenario, { message: outcome.skipped, problem: outcome.problem }, language) })}
        </p>
      )}
      {report && <Headline scenario={scenario} report={report} />}
      <p className="muted small-text" data-testid="agreement-decision">
        {t("agreement.rule.label")}: {decision}
      </p>
      {report && report.runs === 0 && !drawing && (
        <p className="hint">
          <a href="#uncertainty-title">{t("agreement.runHint")}</a>
        </p>
      )}
      {drawing && <p role="status">{t("agreement.drawing")}</p>}
      {report && report.conflicts.length > 0 && <Conflicts scenario={scenario} conflicts={report.conflicts} changes={report.changes} />}
      {verdicts && verdicts.length > 0 && <Deals scenario={scenario} verdicts={verdicts} report={report} />}
      {report?.mostLikely && <MostLikely scenario={scenario} report={report} />}
    </section>
  );
}

function Headline({ scenario, report }: { scenario: Scenario; report: AgreementReport }) {
  const { t } = useTranslation();
  const names = useNames(scenario);
  const language = useLanguage();
  const locale = language === "zh" ? "zh-CN" : "en-GB";
  const decision = report.decision;
  const signers =
    decision.kind === "unanimity" ? t("agreement.everyActor") : decision.veto && decision.veto.length > 0 ? names.list(decision.veto.map(names.actor)) : t("agreement.capable", { share: percent(decision.threshold ?? 1) });
  const first = report.conflicts[0];
  const e = report.estimate;
  const asWritten = e
    ? t("agreement.estimate", { hits: e.hits.toLocaleString(locale), samples: e.samples.toLocaleString(locale), outcomes: report.grid.outcomes.toLocaleString(locale) })
    : report.possible
      ? report.acceptable !== undefined
        ? t("agreement.possible", { acceptable: report.acceptable.toLocaleString(locale), outcomes: report.grid.outcomes.toLocaleString(locale), signers })
        : t("agreement.possibleSome", { signers })
      : first
        ? t("agreement.impossible", { parts: names.list([...first.redLines.map((k) => t("agreement.redLine", names.redLine(k))), ...first.walkAway.map((a) => t("agreement.walkAway", { owner: names.owner(a) }))]) })
        : t("agreement.notFound");
  if (report.runs > 0) {
    return (
      <>
        <p className="lead" data-testid="agreement-chance" data-probability={report.probability}>
          {t("agreement.chance", { percent: percent(report.probability) })}{" "}
          <span className="muted small-text">
            {t("agreement.chanceDetail", { completed: report.completed.toLocaleString(locale), runs: report.runs.toLocaleString(locale), se: fmt(100 * report.standardError, 1), seed: report.seed })}
            {report.partial ? ` ${t("agreement.partial")}` : ""}
          </span>
        </p>
        <p data-testid="agreement-written">{asWritten}</p>
      </>
    );
  }
  return (
    <p className="lead" data-testid="agreement-chance" data-probability={report.probability}>
      {asWritten}
    </p>
  );
}

/** One red line or walk-away value of a conflicting set, with what it rests on. */
function ConstraintPart({ scenario, redLine, walkAway }: { scenario: Scenario; redLine?: string; walkAway?: string }) {
  const { t } = useTranslation();
  const label = useLabel();
  const names = useNames(scenario);
  if (redLine !== undefined) {
    const { line } = redLineOf(scenario, redLine);
    return (
      <li data-red-line={redLine}>
        {t("agreement.redLine", names.redLine(redLine))}
        {line && line.credibility.value < 1 && <span className="muted small-text"> ({t("agreement.credibility", { value: fmt(line.credibility.value, 2) })})</span>}
        {line && <Citations scenario={scenario} citations={[...line.evidence, ...line.credibility.evidence]} />}
        {line?.note && <p className="note small-text">{label(line.note)}</p>}
      </li>
    );
  }
  const actor = scenario.actors.find((a) => a.id === walkAway);
  const option = actor?.outsideOption;
  const source = actor?.reservation
    ? t("agreement.walkAwayOf.given", { value: fmt(actor.reservation.value, 2) })
    : option
      ? t("agreement.walkAwayOf.outside", { deal: label(scenario.deals.find((d) => d.id === option.deal)?.name) || option.deal })
      : t("agreement.walkAwayOf.statusQuo");
  return (
    <li data-walk-away={walkAway}>
      {t("agreement.walkAway", { owner: names.owner(walkAway ?? "") })}: {source}
      {actor?.reservation && <Citations scenario={scenario} citations={actor.reservation.evidence} />}
      {option && <Citations scenario={scenario} citations={option.evidence} />}
      {option?.note && <p className="note small-text">{label(option.note)}</p>}
    </li>
  );
}

function Conflicts({ scenario, conflicts, changes }: { scenario: Scenario; conflicts: readonly ConflictSet[]; changes: readonly Change[] }) {
  const { t } = useTranslation();
  const names = useNames(scenario);
  const changeText = (c: Change) => {
    if (c.kind === "redLine") return t("agreement.dropRedLine", { line: t("agreement.redLine", names.redLine(c.constraint)) });
    return c.relaxBy !== undefined ? t("agreement.lowerWalkAway", { actor: names.actor(c.constraint), by: fmt(c.relaxBy, 3) }) : t("agreement.lowerWalkAwayPlain", { actor: names.actor(c.constraint) });
  };
  return (
    <>
      <h4>{t("agreement.conflicts")}</h4>
      <p className="hint">{t("agreement.conflictsHint")}</p>
      <ol className="conflicts" data-testid="agreement-conflicts">
        {conflicts.map((c, k) => (
          <li key={k} data-conflict={[...c.redLines, ...c.walkAway].join(" ")}>
            <ul className="conflict-parts">
              {c.redLines.map((key) => (
                <ConstraintPart key={key} scenario={scenario} redLine={key} />
              ))}
              {c.walkAway.map((id) => (
                <ConstraintPart key={id} scenario={scenario} walkAway={id} />
              ))}
            </ul>
          </li>
        ))}
      </ol>
      {changes.length > 0 && (
        <>
          <h4>{t("agreement.changes")}</h4>
          <ul className="rule-list" data-testid="agreement-changes">
            {changes.map((c) => (
              <li key={c.constraint} data-constraint={c.constraint} data-opens={c.opens} className={c.opens ? "ok" : "bad"}>
                <span className="icon" aria-hidden="true">
                  {c.opens ? "→" : "·"}
                </span>
                {t("agreement.change", { what: changeText(c), result: c.opens ? t("agreement.opens") : t("agreement.notEnough") })}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

function Deals({ scenario, verdicts, report }: { scenario: Scenario; verdicts: readonly DealEvaluation[]; report: AgreementReport | undefined }) {
  const { t } = useTranslation();
  const label = useLabel();
  const explain = useExplainer(scenario);
  const runs = report !== undefined && report.runs > 0;
  return (
    <>
      <h4>{t("agreement.deals")}</h4>
      <table className="comparison agreement-deals" data-testid="agreement-deals">
        <thead>
          <tr>
            <th scope="col">{t("mc.deal")}</th>
            {runs && <th scope="col">{t("agreement.chanceColumn")}</th>}
            <th scope="col">{t("agreement.asWritten")}</th>
          </tr>
        </thead>
        <tbody>
          {verdicts.map((v, k) => {
            const chance = report?.deals.find((d) => d.id === v.deal)?.probability;
            return (
              <tr key={v.deal} data-deal={v.deal} data-agreement={v.agreement} {...(runs ? { "data-probability": chance } : {})}>
                <th scope="row">{label(scenario.deals[k]?.name) || v.deal}</th>
                {runs && (
                  <td className="value">
                    <strong>{percent(chance ?? Number.NaN)}</strong>
                  </td>
                )}
                <td className={v.agreement ? "ok" : "bad"}>
                  {v.agreement ? `✓ ${t("agreement.yes")}` : `✗ ${t("agreement.no")}`} <span className="why small-text">{explain.agreement(v.reason)}</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {runs && <p className="legend small-text muted">{t("agreement.dealsLegend")}</p>}
    </>
  );
}

function MostLikely({ scenario, report }: { scenario: Scenario; report: AgreementReport }) {
  const { t } = useTranslation();
  const label = useLabel();
  const most = report.mostLikely!;
  return (
    <>
      <h4>{t("agreement.mostLikely")}</h4>
      <p className="hint">{report.runs > 0 ? t("agreement.mostLikelyDrawn", { percent: percent(most.share) }) : t("agreement.mostLikelyWritten")}</p>
      <table className="comparison" data-testid="agreement-most-likely">
        <tbody>
          {scenario.issues.map((issue) => {
            const value = most.outcome[issue.id];
            const option = typeof value === "string" ? issue.options.find((o) => o.id === value) : undefined;
            const anchor = typeof value === "number" ? nearestAnchor(issue, value) : undefined;
            return (
              <tr key={issue.id} data-issue={issue.id}>
                <th scope="row">{label(issue.name)}</th>
                <td>
                  {option ? (
                    label(option.label)
                  ) : (
                    <>
                      <span className="value">{fmt(typeof value === "number" ? value : Number.NaN)}</span>
                      {anchor && <span className="anchor-label">{label(anchor.label)}</span>}
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
