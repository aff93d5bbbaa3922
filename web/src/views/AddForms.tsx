/** Adding an actor or an issue to an open scenario: on the grid and in the Setup view. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { addActor, addIssue } from "../structure.js";
import { emptyIssue, IssueForm, issueFromDraft } from "./IssueForm.js";

/** "Add actor": a name and a capability; the actor gets a stance on every issue to fill in on the grid. */
export function AddActor({ apply, onAdded, submit }: { apply: (c: (x: string) => string) => void; onAdded?: () => void; submit?: string }) {
  const { t } = useTranslation();
  const [name, setName] = useState("");
  const [capability, setCapability] = useState("50");
  const [problem, setProblem] = useState<string>();
  const add = () => {
    if (name.trim() === "") return setProblem(t("build.actorNeedsName"));
    const cap = Number(capability);
    if (!Number.isFinite(cap) || cap <= 0) return setProblem(t("build.capabilityPositive"));
    apply((x) => addActor(x, { name: name.trim(), capability: cap }).text);
    setName("");
    setProblem(undefined);
    onAdded?.();
  };
  return (
    <div className="add-form" data-testid="add-actor-form">
      <input aria-label={t("build.newActorName")} placeholder={t("build.actorNameHint")} value={name} onChange={(e) => setName(e.target.value)} onKeyDown={(e) => e.key === "Enter" && add()} />
      <input className="narrow" inputMode="decimal" aria-label={t("build.newActorCapability")} value={capability} onChange={(e) => setCapability(e.target.value)} />
      <button type="button" onClick={add}>
        {submit ?? t("build.addActor")}
      </button>
      {problem && (
        <span className="error" role="alert">
          {problem}
        </span>
      )}
    </div>
  );
}

/** "Add issue": a name and a scale with anchors, or options; every actor gets a stance on it. */
export function AddIssue({ apply, onAdded, submit }: { apply: (c: (x: string) => string) => void; onAdded?: () => void; submit?: string }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(emptyIssue);
  const [problem, setProblem] = useState<string>();
  return (
    <div className="add-form column" data-testid="add-issue-form">
      <IssueForm draft={draft} onChange={setDraft} idPrefix="add" />
      <div>
        <button
          type="button"
          onClick={() => {
            const result = issueFromDraft(draft);
            if ("problem" in result) return setProblem(t(result.problem));
            apply((x) => addIssue(x, result.issue).text);
            setDraft(emptyIssue());
            setProblem(undefined);
            onAdded?.();
          }}
        >
          {submit ?? t("build.addIssue")}
        </button>
        {problem && (
          <span className="error" role="alert">
            {" "}
            {problem}
          </span>
        )}
      </div>
    </div>
  );
}

