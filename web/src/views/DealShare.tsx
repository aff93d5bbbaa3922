/**
 * Keeping and sharing the deal being built: save it as a named deal of the scenario (an edit of
 * the text like any other: it shows in the save bar, is kept by saving a version and then shows in
 * the history; Undo takes it out again), copy the link that reopens it, and what a link's deal
 * named that this scenario does not have.
 */
import { memo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Scenario } from "../../../src/scenario/types.js";
import { dealIdProblem, roundedDeal, writtenValues, type BuiltDeal, type DealValues, type LinkProblem } from "../dealLink.js";
import { useLabel } from "../format.js";
import { addEntry, idFromName, removeEntry } from "../structure.js";
import { useWorkspace } from "../workspace.js";
import { plainData } from "../yamlEdit.js";

/** The ids of the deals the text writes (unsaved ones included). */
function writtenDealIds(text: string): string[] {
  const data = plainData(text) as { deals?: unknown } | undefined;
  return Array.isArray(data?.deals) ? data.deals.flatMap((d: unknown) => (d && typeof d === "object" && typeof (d as { id?: unknown }).id === "string" ? [(d as { id: string }).id] : [])) : [];
}

interface SavedDeal {
  readonly id: string;
  readonly name: string;
  readonly before: string;
  readonly after: string;
  readonly values: DealValues;
}

/** Saves the deal as built (`current()`, read when saving: a slider move does not re-render this form). */
export const SaveNamedDeal = memo(function SaveNamedDeal({ scenario, current, onSaved, onUndone }: { scenario: Scenario; current: () => BuiltDeal; onSaved: (values: DealValues, id: string) => void; onUndone: (values: DealValues) => void }) {
  const ws = useWorkspace();
  const { t } = useTranslation();
  const [name, setName] = useState("");
  const [typedId, setTypedId] = useState<string>();
  const [saved, setSaved] = useState<SavedDeal>();
  const [error, setError] = useState<string>();
  const taken = scenario.deals.map((d) => d.id);
  const id = typedId ?? (name.trim() === "" ? "" : idFromName(name, taken, "deal"));
  const problem = dealIdProblem(id, taken);
  const nameMissing = name.trim() === "";

  const save = () => {
    setError(undefined);
    const before = ws.text;
    // The text may hold deals the last valid scenario does not have yet.
    const idIssue = dealIdProblem(id, writtenDealIds(before));
    if (nameMissing || idIssue) {
      setError(nameMissing ? t("share.nameNeeded") : t(`share.id.${idIssue}`, { id }));
      return;
    }
    const values = roundedDeal(scenario, current().values);
    try {
      const { text: after } = addEntry(before, "deals", { id, name: name.trim(), values: writtenValues(values) });
      ws.setText(after);
      setSaved({ id, name: name.trim(), before, after, values });
      setName("");
      setTypedId(undefined);
      onSaved(values, id);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const undo = () => {
    if (!saved) return;
    const current = ws.text;
    if (current === saved.after) ws.setText(saved.before);
    else {
      // Edited since: take out just this deal.
      const index = writtenDealIds(current).indexOf(saved.id);
      if (index >= 0) ws.setText(removeEntry(current, "deals", index));
    }
    setSaved(undefined);
    onUndone(saved.values);
  };

  return (
    <section className="save-deal no-print" aria-labelledby="save-deal-title" data-testid="save-deal">
      <h3 id="save-deal-title">{t("share.saveDealTitle")}</h3>
      <div className="save-deal-fields">
        <label>
          {t("share.dealName")}
          <input data-testid="named-deal-name" value={name} onChange={(e) => setName(e.target.value)} onKeyDown={(e) => e.key === "Enter" && save()} />
        </label>
        <label>
          {t("share.dealId")}
          <input
            data-testid="named-deal-id"
            value={id}
            aria-invalid={!nameMissing && problem !== undefined}
            aria-describedby="named-deal-id-problem"
            onChange={(e) => setTypedId(e.target.value)}
            onKeyDown={(e) => e.key === "Enter" && save()}
          />
        </label>
        <button type="button" className="primary" data-testid="save-named-deal" disabled={nameMissing || problem !== undefined} onClick={save}>
          {t("share.saveDeal")}
        </button>
      </div>
      <p id="named-deal-id-problem" className={problem && !nameMissing ? "error small-text" : "muted small-text"}>
        {problem && !nameMissing ? t(`share.id.${problem}`, { id }) : t("share.saveDealHint")}
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {saved && (
        <p role="status" data-testid="named-deal-saved">
          {t("share.dealSaved", { name: saved.name, id: saved.id })}{" "}
          <button type="button" className="linkish" data-testid="undo-named-deal" onClick={undo}>
            {t("share.undo")}
          </button>
        </p>
      )}
    </section>
  );
});

/** Copies the address, which carries the view and the deal, for sending to someone. */
export const CopyLink = memo(function CopyLink() {
  const { t } = useTranslation();
  const [state, setState] = useState<"copied" | "shown">();
  return (
    <p className="copy-link no-print">
      <button
        type="button"
        data-testid="copy-link"
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(window.location.href);
            setState("copied");
          } catch {
            // No clipboard (an insecure origin, or permission refused): show the link to copy by hand.
            setState("shown");
          }
        }}
      >
        {t("share.copyLink")}
      </button>{" "}
      {state === "copied" && <span role="status">{t("share.linkCopied")}</span>}
      {state === "shown" && <input readOnly aria-label={t("share.linkField")} value={window.location.href} onFocus={(e) => e.target.select()} autoFocus />}
      <span className="muted small-text"> {t("share.linkHint")}</span>
    </p>
  );
});

/** The parts of a link's deal this scenario cannot use, in words. */
export function LinkProblems({ problems, onDismiss }: { problems: readonly LinkProblem[]; onDismiss: () => void }) {
  const { t } = useTranslation();
  const label = useLabel();
  const ws = useWorkspace();
  if (problems.length === 0) return null;
  const issueName = (id: string) => label(ws.scenario?.issues.find((i) => i.id === id)?.name) || id;
  const scale = (id: string) => {
    const issue = ws.scenario?.issues.find((i) => i.id === id);
    return issue ? `${issue.min}–${issue.max}` : "";
  };
  return (
    <div className="warning link-problems" role="alert" data-testid="link-problems">
      <p>{t("share.linkProblems", { count: problems.length })}</p>
      <ul>
        {problems.map((p, k) => (
          <li key={k}>{t(`share.link.${p.kind}`, { id: p.id, text: p.text ?? "", issue: issueName(p.id), scale: scale(p.id) })}</li>
        ))}
      </ul>
      <button type="button" className="linkish" onClick={onDismiss}>
        {t("share.dismiss")}
      </button>
    </div>
  );
}
