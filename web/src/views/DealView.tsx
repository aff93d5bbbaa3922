/**
 * The deal builder: a value for every issue (a slider for numeric issues, a choice for option
 * issues), or a named deal to start from; whether the deal is an agreement under the scenario's
 * decision rule, each actor's utility against its walk-away value (outside options included) and
 * the red lines the deal crosses, each with its evidence; the criteria and traps with their
 * one-line reasons, and the agreement space of any two parties with the Pareto frontier, the
 * bargaining solutions and the current deal on it. All of it is the library's `evaluateDeal`.
 *
 * Moving a slider re-evaluates the deal and re-renders the builder only; the space of agreements
 * is computed once per scenario and pair of parties. The time from the input event to the updated
 * DOM is recorded (About panel, `data-eval-ms`).
 */
import * as Plot from "@observablehq/plot";
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { evaluateDeal, type DealContext, type DealEvaluation } from "../../../src/deals/evaluate.js";
import { anchorPrefix, nearestAnchor } from "../../../src/forecast.js";
import type { Issue, IssueValue, Scenario } from "../../../src/scenario/types.js";
import { labelMarks, unitFrame } from "../charts/labelMarks.js";
import { mergeCoinciding, placeLabels } from "../charts/labels.js";
import { PlotFigure } from "../charts/PlotFigure.js";
import { agreementSpaceOf, dealContextOf, type AgreementSpace } from "../compute.js";
import { useDecisionText, useExplainer } from "../explain.js";
import { fmt, useLabel, useLanguage } from "../format.js";
import { Citations } from "./Evidence.js";
import { record } from "../perf.js";
import { useWords } from "../words.js";
import { useWorkspace, type DealValues } from "../workspace.js";
import { dealQuery, linkedDeal, parseDealQuery, type BuiltDeal, type LinkProblem } from "../dealLink.js";
import { navigate, reflectInAddress, routePath } from "../router.js";
import { CopyLink, LinkProblems, SaveNamedDeal } from "./DealShare.js";
import { useWidth } from "../charts/useWidth.js";

const CUSTOM = "";

export function DealView() {
  const ws = useWorkspace();
  const scenario = ws.scenario;
  const context = useMemo(() => (scenario ? dealContextOf(scenario) : undefined), [scenario]);
  if (!scenario || !context) return null;
  if (context instanceof Error) return <p className="problems">{context.message}</p>;
  return <DealBuilder scenario={scenario} context={context} />;
}

function issueValue(issue: Issue, value: number | string): IssueValue {
  if (typeof value === "string") {
    const option = issue.options.find((o) => o.id === value)!;
    return { value: option.place, option: option.id, evidence: [] };
  }
  return { value, evidence: [] };
}

export function evaluateCurrent(context: DealContext, values: DealValues, name?: string): DealEvaluation {
  return evaluateDeal(context, { id: name ?? "custom", values });
}

/** The deal a link opens (the address's query read against the scenario), or undefined when the address names none. */
function dealFromAddress(scenario: Scenario): { deal: BuiltDeal; problems: LinkProblem[] } | undefined {
  const link = parseDealQuery(window.location.search);
  return link ? linkedDeal(scenario, link) : undefined;
}

function DealBuilder({ scenario, context }: { scenario: Scenario; context: DealContext }) {
  const ws = useWorkspace();
  const { t, w } = useWords();
  const label = useLabel();
  // A link's deal wins over the one last built in this workspace; it then becomes the one built.
  const [opened] = useState(() => dealFromAddress(scenario));
  const [linkProblems, setLinkProblems] = useState<readonly LinkProblem[]>(opened?.problems ?? []);
  const [deal, setDealState] = useState<BuiltDeal>(() => {
    const start = opened?.deal ?? { values: ws.deal.values, ...(ws.deal.name !== undefined ? { name: ws.deal.name } : {}) };
    ws.deal.values = start.values;
    if (start.name === undefined) delete ws.deal.name;
    else ws.deal.name = start.name;
    return start;
  });
  const started = useRef<number | undefined>(undefined);
  const root = useRef<HTMLDivElement>(null);
  const [lastMs, setLastMs] = useState<number>();
  const viewPath = routePath(ws.id, "deal");

  const setDeal = (values: DealValues, name?: string, history: "push" | "reflect" = "reflect") => {
    started.current = performance.now();
    ws.deal.values = values;
    if (name === undefined) delete ws.deal.name;
    else ws.deal.name = name;
    const next = name === undefined ? { values } : { values, name };
    setDealState(next);
    // A chosen deal is a step back and forward go through; slider moves only rewrite the address.
    if (history === "push") navigate(viewPath + dealQuery(next));
  };

  // The address follows the deal a moment after the last change, outside the measured path.
  useEffect(() => {
    const timer = window.setTimeout(() => {
      if (window.location.pathname === viewPath) reflectInAddress(viewPath + dealQuery(deal));
    }, 200);
    return () => window.clearTimeout(timer);
  }, [deal, viewPath]);

  // Back and forward within the deal builder bring back the deal of that entry.
  const latest = useRef(deal);
  latest.current = deal;
  // One handler for every slider and choice, the same from render to render: a move re-renders its own input only.
  const setDealLatest = useRef(setDeal);
  setDealLatest.current = setDeal;
  const onIssueChange = useCallback((issue: Issue, v: number | string) => setDealLatest.current({ ...latest.current.values, [issue.id]: issueValue(issue, v) }), []);
  const currentDeal = useCallback(() => latest.current, []);
  const onNamedSaved = useCallback((values: DealValues, id: string) => setDealLatest.current(values, id, "push"), []);
  const onNamedUndone = useCallback((values: DealValues) => setDealLatest.current(values, undefined, "push"), []);
  useEffect(() => {
    const onPop = () => {
      if (window.location.pathname !== viewPath) return;
      const linked = dealFromAddress(scenario) ?? { deal: { values: {} }, problems: [] };
      setLinkProblems(linked.problems);
      if (dealQuery(linked.deal) !== dealQuery(latest.current)) setDeal(linked.deal.values, linked.deal.name);
    };
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, [scenario, viewPath]);

  const evaluation = useMemo(() => evaluateCurrent(context, deal.values, deal.name), [context, deal]);

  useLayoutEffect(() => {
    if (started.current === undefined) return;
    const ms = performance.now() - started.current;
    started.current = undefined;
    record("dealEval", ms);
    root.current?.setAttribute("data-eval-ms", ms.toFixed(3));
  }, [evaluation]);

  // The figure shown is updated a moment later, outside the measured path.
  useLayoutEffect(() => {
    const timer = window.setTimeout(() => setLastMs(Number(root.current?.getAttribute("data-eval-ms") ?? NaN)), 250);
    return () => window.clearTimeout(timer);
  }, [evaluation]);

  const valueOf = (issue: Issue): number | string => {
    const v = deal.values[issue.id] ?? issue.reference;
    return v ? (v.option ?? v.value) : issue.kind === "options" ? (issue.options[0]?.id ?? "") : issue.min;
  };

  return (
    <div className="deal-view" ref={root} data-testid="deal-view">
      <header className="view-header">
        <h2>{w("deal.title")}</h2>
        <p className="hint">{w("deal.hint")}</p>
      </header>
      <div className="deal-columns">
        <section className="deal-inputs" aria-label={w("deal.values")}>
          <label className="block">
            {w("deal.startFrom")}
            <select
              data-testid="deal-preset"
              value={deal.name ?? CUSTOM}
              onChange={(e) => {
                const named = scenario.deals.find((d) => d.id === e.target.value);
                if (named) setDeal(named.values, named.id, "push");
                else if (e.target.value === "status-quo") setDeal({}, undefined, "push");
              }}
            >
              <option value={CUSTOM} disabled>
                {w("deal.custom")}
              </option>
              <option value="status-quo">{w("deal.statusQuo")}</option>
              {scenario.deals.map((d) => (
                <option key={d.id} value={d.id}>
                  {label(d.name)}
                </option>
              ))}
              {deal.name !== undefined && !scenario.deals.some((d) => d.id === deal.name) && (
                <option value={deal.name} disabled>
                  {deal.name}
                </option>
              )}
            </select>
          </label>
          <LinkProblems problems={linkProblems} onDismiss={() => setLinkProblems([])} />
          {deal.name && scenario.deals.find((d) => d.id === deal.name)?.description && <p className="muted small-text">{label(scenario.deals.find((d) => d.id === deal.name)!.description)}</p>}
          {scenario.issues.map((issue) => (
            <IssueInput key={issue.id} issue={issue} value={valueOf(issue)} onChange={onIssueChange} />
          ))}
          <SaveNamedDeal scenario={scenario} current={currentDeal} onSaved={onNamedSaved} onUndone={onNamedUndone} />
          <CopyLink />
        </section>
        <section className="deal-results" aria-live="polite">
          <Verdicts scenario={scenario} evaluation={evaluation} />
          <RedLines scenario={scenario} evaluation={evaluation} />
          <Rules scenario={scenario} evaluation={evaluation} />
        </section>
      </div>
      <SpaceChart scenario={scenario} evaluation={evaluation} context={context} />
      <p className="muted small-text" data-testid="deal-timing">
        {t("deal.timing", { ms: lastMs === undefined || Number.isNaN(lastMs) ? "–" : lastMs.toFixed(2) })}
      </p>
    </div>
  );
}

const IssueInput = memo(function IssueInput({ issue, value, onChange: change }: { issue: Issue; value: number | string; onChange: (issue: Issue, v: number | string) => void }) {
  const onChange = (v: number | string) => change(issue, v);
  const label = useLabel();
  const { w } = useWords();
  const id = `deal-${issue.id}`;
  const optionText = (o: Issue["options"][number] | undefined) => (o ? `${label(o.label)}${issue.reference?.option === o.id ? ` (${w("deal.statusQuoShort")})` : ""}` : String(value));
  if (issue.kind === "options") {
    return (
      <div className="issue-input">
        <label htmlFor={id}>{label(issue.name)}</label>
        <span className="wrap-select" data-shown={optionText(issue.options.find((o) => o.id === String(value)))}>
          <select id={id} data-issue={issue.id} value={String(value)} title={optionText(issue.options.find((o) => o.id === String(value)))} onChange={(e) => onChange(e.target.value)}>
            {issue.options.map((o) => (
              <option key={o.id} value={o.id}>
                {optionText(o)}
              </option>
            ))}
          </select>
        </span>
      </div>
    );
  }
  const n = value as number;
  const anchor = nearestAnchor(issue, n);
  return (
    <div className="issue-input">
      <label htmlFor={id}>
        {label(issue.name)} <output htmlFor={id}>{fmt(n)}</output>
      </label>
      <input
        id={id}
        type="range"
        data-issue={issue.id}
        min={issue.min}
        max={issue.max}
        step="any"
        value={n}
        list={`${id}-anchors`}
        aria-valuetext={`${fmt(n)} — ${anchor ? anchorPrefix(anchor, n) : ""}${label(anchor?.label)}`}
        onChange={(e) => onChange(Number(e.target.value))}
      />
      <datalist id={`${id}-anchors`}>
        {issue.anchors.map((a) => (
          <option key={a.value} value={a.value} label={label(a.label)} />
        ))}
      </datalist>
      <span className="anchor-label">
        {anchor ? anchorPrefix(anchor, n) : ""}
        {label(anchor?.label)}
      </span>
    </div>
  );
});

export function Verdicts({ scenario, evaluation }: { scenario: Scenario; evaluation: DealEvaluation }) {
  const { t, w } = useWords();
  const label = useLabel();
  const explain = useExplainer(scenario);
  const decision = useDecisionText(scenario);
  const width = 230;
  const x = (u: number) => Math.max(0, Math.min(1, u)) * width;
  const everyoneSigns = evaluation.actors.every((a) => a.signatory);
  const outside = (a: DealEvaluation["actors"][number]) => {
    const id = scenario.actors.find((x) => x.id === a.id)?.outsideOption?.deal;
    return label(scenario.deals.find((d) => d.id === id)?.name) || id || "";
  };
  return (
    <section>
      <p className={evaluation.agreement ? "deal-agreement ok" : "deal-agreement bad"} data-testid="deal-agreement" data-agreement={evaluation.agreement}>
        <strong>{evaluation.agreement ? `✓ ${w("deal.agreement")}` : `✗ ${w("deal.noAgreement")}`}</strong> <span className="why">{explain.agreement(evaluation.reason)}</span>
      </p>
      <p className="muted small-text" data-testid="deal-decision">
        {w("agreement.rule.label")}: {decision}
      </p>
      <h3>
        {w("deal.acceptance")}{" "}
        <span className={evaluation.acceptedByAll ? "badge ok" : "badge bad"} data-testid="accepted-by-all">
          {evaluation.acceptedByAll ? w("deal.allAccept") : t("deal.notAll", { count: evaluation.actors.filter((a) => !a.accepts).length })}
        </span>
      </h3>
      <table className="verdicts" data-testid="verdicts">
        <thead>
          <tr>
            <th scope="col">{w("grid.actor")}</th>
            <th scope="col">{w("deal.utilityVsWalkAway")}</th>
            <th scope="col">{w("deal.verdict")}</th>
          </tr>
        </thead>
        <tbody>
          {evaluation.actors.map((a) => {
            const actor = scenario.actors.find((x) => x.id === a.id)!;
            return (
              <tr key={a.id} data-actor={a.id} data-accepts={a.accepts} data-crossed={a.redLinesCrossed.join(" ")}>
                <th scope="row">
                  {label(actor.name)}
                  {!everyoneSigns && <span className={a.signatory ? "signs" : "weighs-in"}>{a.signatory ? w("deal.signs") : w("deal.weighsIn")}</span>}
                </th>
                <td>
                  <svg width={width + 70} height={18} viewBox={`0 0 ${width + 70} 18`} aria-hidden="true" className="bar">
                    <rect x={0} y={3} width={width} height={12} className="track" />
                    <rect x={0} y={3} width={x(a.utility)} height={12} className={a.accepts ? "fill ok" : "fill bad"} />
                    <line x1={x(a.reservation)} x2={x(a.reservation)} y1={0} y2={18} className="walkaway" />
                    <text x={width + 6} y={13}>
                      {fmt(a.utility, 2)} / {fmt(a.reservation, 2)}
                    </text>
                  </svg>
                  {a.reservationSource === "outside-option" && <span className="walkaway-source small-text">{t("deal.outsideOption", { deal: outside(a) })}</span>}
                </td>
                <td className={a.accepts ? "ok" : "bad"} title={explain.acceptance(a.acceptance)}>
                  {a.accepts ? `✓ ${w("deal.accepts")}` : `✗ ${w("deal.rejects")}`}
                  {a.redLinesCrossed.length > 0 && <span className="badge bad crossed-count">{t("deal.crossedCount", { count: a.redLinesCrossed.length })}</span>}
                  {!a.accepts && <span className="why small-text">{explain.acceptance(a.acceptance)}</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="legend muted small-text">{w("deal.barLegend")}</p>
    </section>
  );
}

/**
 * Every actor's red lines against the current deal: crossed ones marked, with the actor, the line's
 * name, why the deal crosses it and the evidence behind it; the lines it keeps, listed quietly. A row
 * re-renders only when its verdict's words change, not on every slider move.
 */
function RedLines({ scenario, evaluation }: { scenario: Scenario; evaluation: DealEvaluation }) {
  const { t, w } = useWords();
  const explain = useExplainer(scenario);
  const rows = evaluation.actors.flatMap((a, i) => a.redLines.map((verdict, k) => ({ actor: i, line: k, crossed: verdict.holds && !verdict.met, why: explain.reason(verdict.reason) })));
  if (rows.length === 0) return null;
  const crossed = rows.filter((r) => r.crossed).length;
  return (
    <section className="red-lines">
      <h3>
        {w("deal.redLines")}{" "}
        <span className={crossed > 0 ? "badge bad" : "badge ok"} data-testid="red-lines-count">
          {t("deal.redLinesCrossed", { count: crossed })}
        </span>
      </h3>
      <ul className="rule-list" data-testid="red-lines">
        {rows.map((r) => (
          <RedLineRow key={`${r.actor}.${r.line}`} scenario={scenario} actorIndex={r.actor} lineIndex={r.line} crossed={r.crossed} why={r.why} />
        ))}
      </ul>
    </section>
  );
}

const RedLineRow = memo(function RedLineRow({ scenario, actorIndex, lineIndex, crossed, why }: { scenario: Scenario; actorIndex: number; lineIndex: number; crossed: boolean; why: string }) {
  const { t, w } = useWords();
  const label = useLabel();
  const actor = scenario.actors[actorIndex]!;
  const line = actor.redLines[lineIndex]!;
  return (
    <li data-actor={actor.id} data-line={line.id} data-crossed={crossed} className={crossed ? "bad crossed" : "ok"}>
      <span className="icon" aria-hidden="true">
        {crossed ? "✗" : "✓"}
      </span>
      <span className="sr-only">{crossed ? w("deal.lineCrossed") : w("deal.lineKept")}</span> <span className="line-actor">{label(actor.name)}</span> · <strong>{label(line.name) || line.id}</strong>
      {line.credibility.value < 1 && <span className="muted small-text"> {t("deal.credibility", { value: fmt(line.credibility.value, 2) })}</span>}
      <span className="why">{why}</span>
      {crossed ? (
        <div className="red-line-evidence" data-testid="red-line-evidence">
          <Citations scenario={scenario} citations={line.evidence} />
          {line.note && <p className="note small-text">{label(line.note)}</p>}
        </div>
      ) : (
        line.evidence.length > 0 && (
          <details className="red-line-evidence">
            <summary className="small-text">{w("deal.evidence")}</summary>
            <Citations scenario={scenario} citations={line.evidence} />
          </details>
        )
      )}
    </li>
  );
});

export function Rules({ scenario, evaluation }: { scenario: Scenario; evaluation: DealEvaluation }) {
  const { w } = useWords();
  const label = useLabel();
  const explain = useExplainer(scenario);
  return (
    <div className="rules">
      <section>
        <h3>{w("deal.criteria")}</h3>
        {evaluation.criteria.length === 0 && <p className="empty-state">{w("build.no.criteria")}</p>}
        <ul className="rule-list" data-testid="criteria">
          {evaluation.criteria.map((c) => {
            const entry = scenario.criteria.find((x) => x.id === c.id);
            return (
              <li key={c.id} data-rule={c.id} data-met={c.met} className={c.met ? "ok" : "bad"}>
                <span className="icon" aria-hidden="true">
                  {c.met ? "✓" : "✗"}
                </span>
                <span className="sr-only">{c.met ? w("deal.met") : w("deal.notMet")}</span> <strong>{label(entry?.name) || c.id}</strong>
                <span className="why">{explain.reason(c.reason)}</span>
              </li>
            );
          })}
        </ul>
      </section>
      <section>
        <h3>{w("deal.traps")}</h3>
        {evaluation.traps.length === 0 && <p className="empty-state">{w("build.no.traps")}</p>}
        <ul className="rule-list" data-testid="traps">
          {evaluation.traps.map((c) => {
            const entry = scenario.traps.find((x) => x.id === c.id);
            return (
              <li key={c.id} data-rule={c.id} data-triggered={c.triggered} className={c.triggered ? "bad" : "ok"}>
                <span className="icon" aria-hidden="true">
                  {c.triggered ? "⚠" : "○"}
                </span>
                <span className="sr-only">{c.triggered ? w("deal.triggered") : w("deal.avoided")}</span> <strong>{label(entry?.name) || c.id}</strong>
                <span className="why">{explain.reason(c.reason)}</span>
              </li>
            );
          })}
        </ul>
      </section>
    </div>
  );
}

interface Scales {
  x: (v: number) => number;
  y: (v: number) => number;
  svg: SVGSVGElement;
}

function SpaceChart({ scenario, evaluation, context }: { scenario: Scenario; evaluation: DealEvaluation; context: DealContext }) {
  const { t, w } = useWords();
  const label = useLabel();
  const ids = scenario.actors.map((a) => a.id);
  const [pair, setPair] = useState<[string, string]>([ids[0] ?? "", ids[1] ?? ids[0] ?? ""]);
  const [a, b] = pair;
  const space = useMemo(() => (a && b && a !== b ? agreementSpaceOf(scenario, a, b) : undefined), [scenario, a, b]);
  const language = useLanguage();
  const scales = useRef<Scales | undefined>(undefined);
  const marker = useRef<SVGGElement | null>(null);
  const named = useMemo(
    () =>
      scenario.deals.map((d) => {
        const e = evaluateDeal(context, d);
        return { id: d.id, name: label(d.name), u: e.actors };
      }),
    [scenario, context, language],
  );
  const nameKey = named.map((n) => n.name).join("|");
  const labels = useMemo(
    () => [w("deal.frontier"), w("deal.nash"), w("deal.ks"), w("deal.maxWelfare"), w("deal.walkAway"), label(scenario.actors.find((x) => x.id === a)?.name), label(scenario.actors.find((x) => x.id === b)?.name)].join("|"),
    [t, language, scenario, a, b],
  );

  const frame = useRef<HTMLDivElement>(null);
  const chartWidth = useWidth(frame, 640);
  const make = useCallback(() => {
    if (!space || space instanceof Error) return document.createElement("div");
    return spacePlot(space, named, labels.split("|"), a, b, Math.min(760, Math.max(280, chartWidth >= 1000 ? chartWidth - 420 : chartWidth)));
  }, [space, nameKey, labels, a, b, chartWidth]);

  // The marker is placed by the latest render's function: the mount callback is made once.
  const placeLatest = useRef<() => void>(() => {});
  const onMount = useCallback((figure: Element) => {
    if (!(figure instanceof SVGSVGElement)) {
      scales.current = undefined;
      return;
    }
    const plot = figure as SVGSVGElement & { scale(name: string): { apply(v: number): number } };
    scales.current = { x: (v) => plot.scale("x").apply(v), y: (v) => plot.scale("y").apply(v), svg: figure };
    const ns = "http://www.w3.org/2000/svg";
    const g = document.createElementNS(ns, "g");
    g.setAttribute("class", "current-deal");
    g.setAttribute("data-testid", "current-deal");
    const circle = document.createElementNS(ns, "circle");
    circle.setAttribute("r", "7");
    const text = document.createElementNS(ns, "text");
    text.setAttribute("dx", "10");
    text.setAttribute("dy", "4");
    g.append(circle, text);
    figure.append(g);
    marker.current = g;
    placeLatest.current();
  }, []);

  const dealLabel = useMemo(() => w("deal.current"), [t]);
  const placeMarker = () => {
    const s = scales.current;
    const g = marker.current;
    if (!s || !g) return;
    const ua = evaluation.actors.find((x) => x.id === a)?.utility;
    const ub = evaluation.actors.find((x) => x.id === b)?.utility;
    if (ua === undefined || ub === undefined) return;
    g.setAttribute("transform", `translate(${s.x(ua).toFixed(1)},${s.y(ub).toFixed(1)})`);
    g.querySelector("text")!.textContent = dealLabel;
    g.setAttribute("data-x", ua.toFixed(4));
    g.setAttribute("data-y", ub.toFixed(4));
  };
  placeLatest.current = placeMarker;
  useLayoutEffect(placeMarker);

  // Everything but the marker is the same from one deal to the next: made again only when the pair,
  // the space, the chart or the language changes, so that a slider move leaves it as it is.
  return useMemo(() => (
    <section className="space" aria-labelledby="space-title">
      <h3 id="space-title">{w("deal.space")}</h3>
      <div className="space-controls">
        <label>
          {w("deal.partyX")}{" "}
          <select data-testid="party-x" value={a} onChange={(e) => setPair([e.target.value, b])}>
            {scenario.actors.map((x) => (
              <option key={x.id} value={x.id}>
                {label(x.name)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {w("deal.partyY")}{" "}
          <select data-testid="party-y" value={b} onChange={(e) => setPair([a, e.target.value])}>
            {scenario.actors.map((x) => (
              <option key={x.id} value={x.id}>
                {label(x.name)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {a === b ? (
        <p className="muted">{w("deal.twoParties")}</p>
      ) : space instanceof Error ? (
        <p className="problems">{space.message}</p>
      ) : space ? (
        <div className="space-body" ref={frame}>
          <PlotFigure make={make} onMount={onMount} label={t("deal.spaceLabel", { a: label(scenario.actors.find((x) => x.id === a)?.name), b: label(scenario.actors.find((x) => x.id === b)?.name) })} className="space-plot" />
          <div>
            <SpaceFacts space={space} />
            <h4>{w("deal.namedDeals")}</h4>
            {named.length === 0 && <p className="empty-state small-text">{w("build.noDeals")}</p>}
            <ol className="named-deals small-text">
              {named.map((d) => (
                <li key={d.id}>
                  {d.name} ({fmt(d.u.find((v) => v.id === a)?.utility, 2)}, {fmt(d.u.find((v) => v.id === b)?.utility, 2)})
                </li>
              ))}
            </ol>
          </div>
        </div>
      ) : null}
    </section>
  ), [t, language, scenario, a, b, space, make, onMount, named]);
}

function SpaceFacts({ space }: { space: AgreementSpace }) {
  const { t, w } = useWords();
  const an = space.analysis;
  const point = (u: number[] | null) => (u ? `(${fmt(u[0], 2)}, ${fmt(u[1], 2)})` : "–");
  return (
    <dl className="space-facts">
      <dt>{w("deal.outcomes")}</dt>
      <dd>
        {an.outcomes.toLocaleString()}
        {space.sampled ? ` (${w("deal.sampled")})` : ""}
      </dd>
      <dt>{w("deal.frontier")}</dt>
      <dd>{t("deal.frontierSize", { points: an.pareto.distinctPoints, rational: an.pareto.rationalSize })}</dd>
      <dt>{w("deal.nash")}</dt>
      <dd>{point(an.nash.utilities)}</dd>
      <dt>{w("deal.ks")}</dt>
      <dd>{point(an.ks.utilities)}</dd>
      <dt>{w("deal.maxWelfare")}</dt>
      <dd>{point(an.maxWelfare.utilities)}</dd>
      <dt>{w("deal.opposition")}</dt>
      <dd>{fmt(an.opposition, 3)}</dd>
    </dl>
  );
}

function spacePlot(space: AgreementSpace, named: readonly { id: string; name: string; u: DealEvaluation["actors"] }[], labels: string[], a: string, b: string, width: number): Element {
  const [frontierLabel, nashLabel, ksLabel, welfareLabel, walkLabel, aName, bName] = labels as [string, string, string, string, string, string, string];
  const an = space.analysis;
  const frontier = [...an.pareto.points].sort((p, q) => p[0]! - q[0]!);
  const solutions = [
    { name: nashLabel, u: an.nash.utilities, symbol: "star" },
    { name: ksLabel, u: an.ks.utilities, symbol: "diamond" },
    { name: welfareLabel, u: an.maxWelfare.utilities, symbol: "triangle" },
  ].flatMap((s) => (s.u ? [{ name: s.name, x: s.u[0]!, y: s.u[1]!, symbol: s.symbol }] : []));
  const deals = named.flatMap((d) => {
    const x = d.u.find((v) => v.id === a)?.utility;
    const y = d.u.find((v) => v.id === b)?.utility;
    return x === undefined || y === undefined ? [] : [{ name: d.name, key: String(named.indexOf(d) + 1), x, y }];
  });
  const [ra, rb] = an.reservations as [number, number];
  // Labels placed in pixels so that none overprints another or a marker: coinciding points share one.
  const height = Math.round(Math.min(440, Math.max(300, width * 0.7)));
  const margin = { left: 50, right: 20, top: 20, bottom: 36 };
  const { px, py, toData } = unitFrame(width, height, margin);
  const solutionPoints = mergeCoinciding(solutions.map((p) => ({ x: px(p.x), y: py(p.y), text: p.name })), 3, " = ");
  const dealPoints = mergeCoinciding(deals.map((d) => ({ x: px(d.x), y: py(d.y), text: d.key })), 3, ", ");
  const obstacles = [...solutionPoints.map((p) => ({ ...p, r: 7 })), ...dealPoints.map((p) => ({ ...p, r: 5 }))];
  const placed = placeLabels([...solutionPoints, ...dealPoints], { obstacles, bounds: { width, height } }).map(toData);
  const solutionLabels = placed.slice(0, solutionPoints.length);
  const dealLabels = placed.slice(solutionPoints.length);
  return Plot.plot({
    width,
    height,
    marginLeft: margin.left,
    marginRight: margin.right,
    marginTop: margin.top,
    marginBottom: margin.bottom,
    style: { fontSize: "11px" },
    x: { label: `${aName} →`, domain: [0, 1], grid: true },
    y: { label: `↑ ${bName}`, domain: [0, 1], grid: true },
    symbol: { legend: false },
    marks: [
      Plot.dot(space.cloud, { x: "0", y: "1", r: 1.3, fill: "#9aa5b1", fillOpacity: 0.45 }),
      Plot.ruleX([ra], { stroke: "#555", strokeDasharray: "4,3" }),
      Plot.ruleY([rb], { stroke: "#555", strokeDasharray: "4,3" }),
      Plot.text([walkLabel], { x: ra, y: 1, dx: 4, textAnchor: "start", fill: "#444" }),
      Plot.line(frontier, { x: "0", y: "1", stroke: "#c0392b", strokeWidth: 2 }),
      Plot.dot(frontier, { x: "0", y: "1", r: 2.5, fill: "#c0392b" }),
      Plot.text([frontierLabel], { x: frontier[0]?.[0] ?? 0, y: frontier[0]?.[1] ?? 0, dy: -10, textAnchor: "start", fill: "#c0392b", fontWeight: 600 }),
      Plot.dot(deals, { x: "x", y: "y", r: 4, stroke: "#1f4e79", fill: "white", symbol: "square", title: "name" }),
      Plot.dot(solutions, { x: "x", y: "y", r: 6, fill: "#111", symbol: "symbol", title: "name" }),
      ...labelMarks(dealLabels, { fill: "#1f4e79", fontWeight: 700 }),
      ...labelMarks(solutionLabels, { fill: "#111", fontWeight: 600 }),
    ],
  });
}
