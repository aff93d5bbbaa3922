/**
 * The scenario as a grid: issues down, actors across; in each cell the actor's position and
 * salience, editable in place and validated as you type (problems appear in the cell they are
 * about). Capabilities head the columns. Hovering, focusing or clicking a number shows its
 * evidence beside the grid; each issue shows its scale with the anchor labels.
 */
import { useEffect, useMemo, useRef, useState } from "react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { Diagnostic } from "../../../src/scenario/diagnostics.js";
import type { Issue, Scenario } from "../../../src/scenario/types.js";
import { fmt, useLabel } from "../format.js";
import { perf, record } from "../perf.js";
import { useWorkspace } from "../workspace.js";
import { typedValue, writtenValue, type YamlPath } from "../yamlEdit.js";
import { widenRange } from "../structure.js";
import { AddActor, AddIssue } from "./AddForms.js";
import { useGridKeys } from "../useGridKeys.js";
import { Citations, QuantityEvidence } from "./Evidence.js";
import { EvidenceEditor } from "./EvidenceEditor.js";

/** The grid's label function (format.ts), passed to its cells. */
type Label = ReturnType<typeof useLabel>;

type Focus = { kind: "capability"; actor: string } | { kind: "stance"; actor: string; issue: string } | { kind: "issue"; issue: string };

const sameFocus = (a: Focus | undefined, b: Focus | undefined) => JSON.stringify(a) === JSON.stringify(b);

/** Errors about a field: its own path or anything below it. */
function errorsAt(errors: readonly Diagnostic[], key: string): Diagnostic[] {
  return errors.filter((e) => e.path === key || e.path.startsWith(`${key}.`) || e.path.startsWith(`${key}[`));
}

export function ScenarioView() {
  const ws = useWorkspace();
  const { t } = useTranslation();
  const label = useLabel();
  const scenario = ws.scenario;
  const [hover, setHover] = useState<Focus>();
  const [pinned, setPinned] = useState<Focus>();
  const [adding, setAdding] = useState<"actor" | "issue">();
  const gridKeys = useGridKeys<HTMLDivElement>();
  const focus = pinned ?? hover;

  useEffect(() => {
    if (scenario && perf.firstView === undefined) {
      performance.mark("parley:grid-ready");
      record("firstView", performance.now());
    }
  }, [scenario]);

  if (!scenario) return null;
  const cellKeys = new Set<string>();
  scenario.actors.forEach((actor, a) => {
    cellKeys.add(`actors[${a}].capability`);
    for (const issue of scenario.issues) {
      cellKeys.add(`stances.${actor.id}.${issue.id}.position`);
      cellKeys.add(`stances.${actor.id}.${issue.id}.salience`);
    }
  });
  const elsewhere = ws.errors.filter((e) => ![...cellKeys].some((k) => errorsAt([e], k).length > 0));

  const enter = (f: Focus) => () => setHover(f);
  const posPrefix = t("grid.pos");
  const salPrefix = t("grid.sal");
  const pin = (f: Focus) => () => setPinned((p) => (sameFocus(p, f) ? undefined : f));

  return (
    <div className="scenario-view">
      <div className="grid-pane">
        <header className="view-header">
          <h2>{label(scenario.title)}</h2>
          {scenario.description && <p className="lede">{label(scenario.description)}</p>}
          <p className="hint">{t("grid.hint")}</p>
          <div className="grid-tools no-print">
            <button type="button" aria-expanded={adding === "actor"} onClick={() => setAdding(adding === "actor" ? undefined : "actor")}>
              {t("build.addActor")}
            </button>
            <button type="button" aria-expanded={adding === "issue"} onClick={() => setAdding(adding === "issue" ? undefined : "issue")}>
              {t("build.addIssue")}
            </button>
          </div>
          {adding === "actor" && <AddActor apply={(c) => ws.setText(c(ws.text))} onAdded={() => setAdding(undefined)} submit={t("build.add")} />}
          {adding === "issue" && <AddIssue apply={(c) => ws.setText(c(ws.text))} onAdded={() => setAdding(undefined)} submit={t("build.add")} />}
          {scenario.sources.length === 0 && <p className="empty-state small-text">{t("build.gridNoSources")}</p>}
        </header>
        {elsewhere.length > 0 && (
          <div className="problems" role="alert">
            <h3>{t("grid.problemsElsewhere", { count: elsewhere.length })}</h3>
            <ul>
              {elsewhere.slice(0, 8).map((e, k) => (
                <li key={k}>
                  <code>
                    {e.line > 0 ? `${e.line}:${e.column} ` : ""}
                    {e.path}
                  </code>{" "}
                  {e.message}
                </li>
              ))}
            </ul>
          </div>
        )}
        <p className="hint small-text no-print" id="grid-keys">{t("grid.keys")}</p>
        <div className="grid-frame" data-testid="grid-frame" ref={gridKeys.ref} {...gridKeys.handlers}>
        <table className="stance-grid" data-testid="stance-grid" role="grid" aria-describedby="grid-keys">
          <caption className="sr-only">{t("grid.caption")}</caption>
          <thead>
            <tr>
              <th scope="col" className="corner">
                {t("grid.issue")} \ {t("grid.actor")}
              </th>
              {scenario.actors.map((actor) => (
                <th scope="col" key={actor.id} title={label(actor.description)}>
                  <span className="actor-name">{label(actor.name)}</span>
                  <span className="actor-id">{actor.id}</span>
                </th>
              ))}
            </tr>
            <tr className="capability-row">
              <th scope="row">
                {t("grid.capability")}
                <span className="sub">{t("grid.capabilityHint")}</span>
              </th>
              {scenario.actors.map((actor, a) => {
                const f: Focus = { kind: "capability", actor: actor.id };
                return (
                  <td key={actor.id} className={sameFocus(focus, f) ? "focused" : undefined} onMouseEnter={enter(f)} onFocus={enter(f)}>
                    <NumberCell
                      t={t}
                      path={["actors", a, "capability"]}
                      errorKey={`actors[${a}].capability`}
                      ariaLabel={t("grid.capabilityOf", { actor: label(actor.name) })}
                      onPin={pin(f)}
                      pinned={sameFocus(pinned, f)}
                    />
                  </td>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {scenario.issues.map((issue) => {
              const fi: Focus = { kind: "issue", issue: issue.id };
              return (
                <tr key={issue.id}>
                  <th scope="row" className={`issue-head${sameFocus(focus, fi) ? " focused" : ""}`} onMouseEnter={enter(fi)}>
                    <button type="button" className="linkish issue-name" onClick={pin(fi)} onFocus={enter(fi)} aria-pressed={sameFocus(pinned, fi)}>
                      {label(issue.name)}
                    </button>
                    <IssueScale issue={issue} label={label} />
                  </th>
                  {scenario.actors.map((actor) => {
                    const f: Focus = { kind: "stance", actor: actor.id, issue: issue.id };
                    const has = scenario.stances[actor.id]?.[issue.id] !== undefined || writtenValue(ws.data, ["stances", actor.id, issue.id]) !== undefined;
                    return (
                      <td key={actor.id} className={`stance${sameFocus(focus, f) ? " focused" : ""}`} onMouseEnter={enter(f)} onFocus={enter(f)}>
                        {has ? (
                          <div className="stance-cell">
                            {issue.kind === "options" ? (
                              <OptionCell issue={issue} label={label} path={["stances", actor.id, issue.id, "position"]} errorKey={`stances.${actor.id}.${issue.id}.position`} ariaLabel={t("grid.positionOf", { actor: label(actor.name), issue: label(issue.name) })} />
                            ) : (
                              <NumberCell
                                t={t}
                                path={["stances", actor.id, issue.id, "position"]}
                                errorKey={`stances.${actor.id}.${issue.id}.position`}
                                ariaLabel={t("grid.positionOf", { actor: label(actor.name), issue: label(issue.name) })}
                                prefix={posPrefix}
                              />
                            )}
                            <NumberCell
                              t={t}
                              path={["stances", actor.id, issue.id, "salience"]}
                              errorKey={`stances.${actor.id}.${issue.id}.salience`}
                              ariaLabel={t("grid.salienceOf", { actor: label(actor.name), issue: label(issue.name) })}
                              prefix={salPrefix}
                              onPin={pin(f)}
                              pinned={sameFocus(pinned, f)}
                            />
                          </div>
                        ) : (
                          <span className="muted">{t("grid.noStance")}</span>
                        )}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
        </div>
      </div>
      <aside className="evidence-pane" aria-live="polite" aria-label={t("evidence.title")}>
        <h3>
          {t("evidence.title")}
          {pinned && (
            <button type="button" className="small" onClick={() => setPinned(undefined)}>
              {t("evidence.unpin")}
            </button>
          )}
        </h3>
        {focus ? <EvidenceFor scenario={scenario} focus={focus} /> : <p className="muted">{t("evidence.pick")}</p>}
      </aside>
    </div>
  );
}

function EvidenceFor({ scenario, focus }: { scenario: Scenario; focus: Focus }) {
  const label = useLabel();
  const { t } = useTranslation();
  if (focus.kind === "issue") {
    const issue = scenario.issues.find((i) => i.id === focus.issue);
    if (!issue) return null;
    const ref = issue.reference;
    return (
      <div data-testid="evidence">
        <h4 className="subject">{label(issue.name)}</h4>
        {issue.description && <p>{label(issue.description)}</p>}
        <dl className="anchors">
          {issue.anchors.map((a) => (
            <div key={a.value}>
              <dt>{fmt(a.value)}</dt>
              <dd>{label(a.label)}</dd>
            </div>
          ))}
        </dl>
        {ref && (
          <QuantityEvidence scenario={scenario} title={t("evidence.statusQuo")} quantity={ref} shown={ref.option ? label(issue.options.find((o) => o.id === ref.option)?.label) : fmt(ref.value)} />
        )}
        {ref && <EvidenceEditor key={`i-${issue.id}`} scenario={scenario} targets={[{ label: t("evidence.statusQuo"), path: ["issues", scenario.issues.indexOf(issue), "reference"] }]} />}
      </div>
    );
  }
  const actor = scenario.actors.find((a) => a.id === focus.actor);
  if (!actor) return null;
  if (focus.kind === "capability") {
    return (
      <div data-testid="evidence">
        <h4 className="subject">{label(actor.name)}</h4>
        {actor.description && <p>{label(actor.description)}</p>}
        <QuantityEvidence scenario={scenario} title={t("grid.capability")} quantity={actor.capability} />
        <EvidenceEditor key={`c-${actor.id}`} scenario={scenario} targets={[{ label: t("grid.capability"), path: ["actors", scenario.actors.indexOf(actor), "capability"] }]} />
        {Object.entries(actor.capabilityByIssue).map(([issueId, q]) => (
          <QuantityEvidence key={issueId} scenario={scenario} title={`${t("grid.capability")} · ${label(scenario.issues.find((i) => i.id === issueId)?.name)}`} quantity={q} />
        ))}
      </div>
    );
  }
  const issue = scenario.issues.find((i) => i.id === focus.issue);
  const stance = scenario.stances[actor.id]?.[focus.issue];
  if (!issue) return null;
  if (!stance) return <p className="muted">{t("grid.noStance")}</p>;
  const quiet = stance.evidence.length > 0 || stance.note !== undefined;
  const position = stance.position.option ? label(issue.options.find((o) => o.id === stance.position.option)?.label) : `${fmt(stance.position.value)} — ${label(nearestLabel(issue, stance.position.value))}`;
  return (
    <div data-testid="evidence">
      <h4 className="subject">
        {label(actor.name)} · {label(issue.name)}
      </h4>
      <QuantityEvidence scenario={scenario} title={t("grid.position")} quantity={stance.position} shown={position} quietWhenEmpty={quiet} />
      <QuantityEvidence scenario={scenario} title={t("grid.salience")} quantity={stance.salience} quietWhenEmpty={quiet} />
      {(stance.evidence.length > 0 || stance.note) && (
        <section className="quantity">
          <h4>{t("evidence.stance")}</h4>
          <Citations scenario={scenario} citations={stance.evidence} />
          {stance.note && <p className="note">{label(stance.note)}</p>}
        </section>
      )}
      <EvidenceEditor
        key={`s-${actor.id}-${issue.id}`}
        scenario={scenario}
        targets={[
          { label: t("grid.position"), path: ["stances", actor.id, issue.id, "position"] },
          { label: t("grid.salience"), path: ["stances", actor.id, issue.id, "salience"] },
          { label: t("evidence.stance"), path: ["stances", actor.id, issue.id] },
        ]}
      />
    </div>
  );
}

function nearestLabel(issue: Issue, value: number) {
  let best = issue.anchors[0];
  for (const a of issue.anchors) if (best === undefined || Math.abs(a.value - value) < Math.abs(best.value - value)) best = a;
  return best?.label;
}

/** The issue's scale as a ruler with its anchors. */
function IssueScale({ issue, label }: { issue: Issue; label: Label }) {
  const width = 180;
  const x = (v: number) => 6 + ((v - issue.min) / (issue.max - issue.min || 1)) * (width - 12);
  const ref = issue.reference?.value;
  return (
    <div className="issue-scale">
      <svg viewBox={`0 0 ${width} 14`} width={width} height={14} aria-hidden="true">
        <line x1={6} x2={width - 6} y1={7} y2={7} className="axis" />
        {issue.anchors.map((a) => (
          <circle key={a.value} cx={x(a.value)} cy={7} r={3} className="anchor">
            <title>{`${fmt(a.value)}: ${label(a.label)}`}</title>
          </circle>
        ))}
        {ref !== undefined && <path d={`M${x(ref) - 4},1 L${x(ref) + 4},1 L${x(ref)},7 Z`} className="reference" />}
      </svg>
      <ol className="anchor-list">
        {issue.anchors.map((a) => (
          <li key={a.value}>
            <span className="anchor-value">{issue.kind === "options" ? "" : fmt(a.value)}</span> {label(a.label)}
          </li>
        ))}
      </ol>
    </div>
  );
}

function ErrorNote({ errors }: { errors: readonly Diagnostic[] }) {
  if (errors.length === 0) return null;
  return (
    <span className="cell-error" role="alert">
      {errors.map((e) => e.message).join("; ")}
    </span>
  );
}

let idCounter = 0;

/** A number in the grid; `t` comes from the grid (one translation hook for the whole grid, not one per cell). */
function NumberCell({ t, path, errorKey, ariaLabel, prefix, onPin, pinned }: { t: TFunction; path: YamlPath; errorKey: string; ariaLabel: string; prefix?: string; onPin?: () => void; pinned?: boolean }) {
  const ws = useWorkspace();
  const written = writtenValue(ws.data, path);
  const shown = written === undefined || written === null ? "" : String(written);
  const [draft, setDraft] = useState<string>();
  const errors = useMemo(() => errorsAt(ws.errors, errorKey), [ws.errors, errorKey]);
  const id = useRef(`cell-${++idCounter}`).current;
  const pinLabel = onPin ? t("evidence.show", { what: ariaLabel }) : "";
  return (
    <div className={`num-cell${errors.length > 0 ? " invalid" : ""}`}>
      {prefix && (
        <label htmlFor={id} className="prefix">
          {prefix}
        </label>
      )}
      <input
        id={id}
        type="text"
        inputMode="decimal"
        aria-label={ariaLabel}
        aria-invalid={errors.length > 0}
        aria-describedby={errors.length > 0 ? `${id}-err` : undefined}
        data-path={errorKey}
        value={draft ?? shown}
        onChange={(e) => {
          setDraft(e.target.value);
          ws.edit(path, typedValue(e.target.value));
        }}
        onBlur={() => setDraft(undefined)}
        onKeyDown={(e) => {
          if (e.key === "ArrowUp" || e.key === "ArrowDown") {
            const n = Number(draft ?? shown);
            if (!Number.isFinite(n)) return;
            e.preventDefault();
            const next = n + (e.key === "ArrowUp" ? 1 : -1) * (e.shiftKey ? 10 : 1);
            setDraft(String(next));
            ws.edit(path, next);
          }
        }}
      />
      {onPin && (
        <button type="button" className="pin" aria-pressed={pinned} aria-label={pinLabel} title={pinLabel} onClick={onPin}>
          ⓘ
        </button>
      )}
      <span id={`${id}-err`}>
        <ErrorNote errors={errors} />
      </span>
      {errors.some((e) => /^range \[.*\] does not contain/.test(e.message)) && Number.isFinite(Number(draft ?? shown)) && (
        <button type="button" className="small widen" onClick={() => ws.setText(widenRange(ws.text, path, Number(draft ?? shown)))}>
          {t("build.widenRange", { value: draft ?? shown })}
        </button>
      )}
    </div>
  );
}

function OptionCell({ issue, label, path, errorKey, ariaLabel }: { issue: Issue; label: Label; path: YamlPath; errorKey: string; ariaLabel: string }) {
  const ws = useWorkspace();
  const written = writtenValue(ws.data, path);
  const errors = errorsAt(ws.errors, errorKey);
  // The chosen option's whole label, drawn wrapped over the select (a select cuts it to one line).
  const shown = typeof written === "string" ? label(issue.options.find((o) => o.id === written)?.label) || written : "–";
  return (
    <div className={`num-cell option${errors.length > 0 ? " invalid" : ""}`}>
      <span className="wrap-select" data-shown={shown}>
        <select aria-label={ariaLabel} title={shown} data-path={errorKey} value={typeof written === "string" ? written : ""} onChange={(e) => ws.edit(path, e.target.value)}>
          {typeof written !== "string" && <option value="">–</option>}
          {issue.options.map((o) => (
            <option key={o.id} value={o.id}>
              {label(o.label)}
            </option>
          ))}
        </select>
      </span>
      <ErrorNote errors={errors} />
    </div>
  );
}
