/**
 * The guided start of a new scenario: a title, then the actors, then the issues with their scales
 * and anchors or their options; creating it stores version 1 and opens the grid, where positions
 * and saliences are set. Each step says what it needs before the next one opens.
 */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api.js";
import { navigate, routePath } from "../router.js";
import { idFromName, newScenarioText, type NewIssue } from "../structure.js";
import { emptyIssue, IssueForm, issueFromDraft, type IssueDraft } from "./IssueForm.js";

const STEPS = ["title", "actors", "issues", "create"] as const;
type Step = (typeof STEPS)[number];

export function NewScenarioView({ existing, onCreated }: { existing: readonly string[]; onCreated: () => Promise<void> }) {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step>("title");
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [actors, setActors] = useState<{ name: string; capability: string }[]>([]);
  const [actorName, setActorName] = useState("");
  const [issues, setIssues] = useState<NewIssue[]>([]);
  const [issueDraft, setIssueDraft] = useState<IssueDraft>(emptyIssue);
  const [problem, setProblem] = useState<string>();
  const [creating, setCreating] = useState(false);
  const id = idFromName(title, existing, "scenario");

  const blocker = (s: Step): string | undefined => {
    if (s === "actors" && title.trim() === "") return "build.needTitle";
    if (s === "issues" && actors.length < 2) return "build.needActors";
    if (s === "create" && issues.length < 1) return "build.needIssues";
    return undefined;
  };
  const go = (s: Step) => {
    const index = STEPS.indexOf(s);
    for (const before of STEPS.slice(1, index + 1)) {
      const why = blocker(before);
      if (why) {
        setProblem(why);
        return;
      }
    }
    setProblem(undefined);
    setStep(s);
  };
  const next = () => go(STEPS[STEPS.indexOf(step) + 1] ?? step);

  const addActor = () => {
    const name = actorName.trim();
    if (name === "") return setProblem("build.actorNeedsName");
    if (actors.some((a) => a.name === name)) return setProblem("build.actorTwice");
    setActors([...actors, { name, capability: "50" }]);
    setActorName("");
    setProblem(undefined);
  };
  const addIssue = () => {
    const result = issueFromDraft(issueDraft);
    if ("problem" in result) return setProblem(result.problem);
    setIssues([...issues, result.issue]);
    setIssueDraft(emptyIssue());
    setProblem(undefined);
  };
  const create = async () => {
    setCreating(true);
    setProblem(undefined);
    try {
      const yaml = newScenarioText({
        id,
        title: title.trim(),
        ...(description.trim() ? { description: description.trim() } : {}),
        actors: actors.map((a) => ({ name: a.name, capability: Number(a.capability) || 1 })),
        issues,
      });
      const created = await api.createScenario({ yaml });
      await onCreated();
      navigate(routePath(created.id));
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
      setCreating(false);
    }
  };

  return (
    <div className="new-scenario" data-testid="new-scenario">
      <header className="view-header">
        <h2>{t("build.newTitle")}</h2>
        <p className="hint">{t("build.newHint")}</p>
      </header>
      <ol className="steps" aria-label={t("build.steps")}>
        {STEPS.map((s, k) => (
          <li key={s} aria-current={s === step ? "step" : undefined}>
            <button type="button" className="linkish" onClick={() => go(s)}>
              {k + 1}. {t(`build.step.${s}`)}
            </button>
          </li>
        ))}
      </ol>
      <form
        className="step-body"
        onSubmit={(e) => {
          e.preventDefault();
          if (step === "create") void create();
          else next();
        }}
      >
        {step === "title" && (
          <>
            <label className="field">
              <span>{t("build.title")}</span>
              <input autoFocus value={title} onChange={(e) => setTitle(e.target.value)} placeholder={t("build.titleHint")} data-testid="new-title" />
            </label>
            <p className="muted small-text">{t("build.idWillBe", { id })}</p>
            <label className="field">
              <span>{t("build.description")}</span>
              <textarea rows={3} value={description} onChange={(e) => setDescription(e.target.value)} placeholder={t("build.descriptionHint")} />
            </label>
          </>
        )}
        {step === "actors" && (
          <>
            <p className="hint">{t("build.actorsHint")}</p>
            {actors.length === 0 ? (
              <p className="empty-state">{t("build.noActorsYet")}</p>
            ) : (
              <table className="edit-table" data-testid="new-actors">
                <thead>
                  <tr>
                    <th scope="col">{t("grid.actor")}</th>
                    <th scope="col">{t("grid.capability")}</th>
                    <th scope="col">
                      <span className="sr-only">{t("history.actions")}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {actors.map((a, k) => (
                    <tr key={k}>
                      <td>
                        <input aria-label={t("build.actorName", { n: k + 1 })} value={a.name} onChange={(e) => setActors(actors.map((x, j) => (j === k ? { ...x, name: e.target.value } : x)))} />
                      </td>
                      <td>
                        <input className="narrow" inputMode="decimal" aria-label={t("grid.capabilityOf", { actor: a.name })} value={a.capability} onChange={(e) => setActors(actors.map((x, j) => (j === k ? { ...x, capability: e.target.value } : x)))} />
                      </td>
                      <td>
                        <button type="button" className="icon" aria-label={t("build.removeNamed", { name: a.name })} onClick={() => setActors(actors.filter((_, j) => j !== k))}>
                          ✕
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <div className="row">
              <label className="field grow">
                <span>{t("build.newActorName")}</span>
                <input
                  value={actorName}
                  onChange={(e) => setActorName(e.target.value)}
                  placeholder={t("build.actorNameHint")}
                  data-testid="new-actor-name"
                  onKeyDown={(e) => {
                    if (e.key === "Enter") {
                      e.preventDefault();
                      addActor();
                    }
                  }}
                />
              </label>
              <button type="button" onClick={addActor}>
                {t("build.addActor")}
              </button>
            </div>
          </>
        )}
        {step === "issues" && (
          <>
            <p className="hint">{t("build.issuesHint")}</p>
            {issues.length === 0 ? (
              <p className="empty-state">{t("build.noIssuesYet")}</p>
            ) : (
              <ul className="issue-summary" data-testid="new-issues">
                {issues.map((issue, k) => (
                  <li key={k}>
                    <strong>{issue.name}</strong>{" "}
                    <span className="muted">
                      {issue.options ? issue.options.join(" · ") : `${issue.scale!.min}–${issue.scale!.max}${issue.scale!.anchors.length > 0 ? `: ${issue.scale!.anchors.map((a) => `${a.value} ${a.label}`).join(" · ")}` : ""}`}
                    </span>
                    <button type="button" className="icon" aria-label={t("build.removeNamed", { name: issue.name })} onClick={() => setIssues(issues.filter((_, j) => j !== k))}>
                      ✕
                    </button>
                  </li>
                ))}
              </ul>
            )}
            <IssueForm draft={issueDraft} onChange={setIssueDraft} idPrefix="new" />
            <button type="button" onClick={addIssue}>
              {t("build.addIssue")}
            </button>
          </>
        )}
        {step === "create" && (
          <>
            <p>{t("build.createSummary", { title: title.trim(), actors: actors.length, issues: issues.length, id })}</p>
            <p className="hint">{t("build.createHint")}</p>
          </>
        )}
        {problem && (
          <p className="error" role="alert">
            {problem.startsWith("build.") ? t(problem) : problem}
          </p>
        )}
        <div className="step-actions">
          {step !== "title" && (
            <button type="button" onClick={() => go(STEPS[STEPS.indexOf(step) - 1]!)}>
              {t("build.back")}
            </button>
          )}
          {step === "create" ? (
            <button type="submit" className="primary" disabled={creating} data-testid="create-scenario">
              {t("build.create")}
            </button>
          ) : (
            <button type="submit" className="primary">
              {t("build.next")}
            </button>
          )}
        </div>
      </form>
    </div>
  );
}
