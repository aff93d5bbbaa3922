/**
 * Describing one issue: its name, then either a numeric scale (min, max and labelled anchors) or a
 * list of options. Shared by the guided start and the grid's "Add issue".
 */
import { useTranslation } from "react-i18next";
import type { NewIssue } from "../structure.js";

export interface IssueDraft {
  name: string;
  kind: "scale" | "options";
  min: string;
  max: string;
  anchors: { value: string; label: string }[];
  options: string[];
}

export const emptyIssue = (): IssueDraft => ({ name: "", kind: "scale", min: "0", max: "100", anchors: [{ value: "0", label: "" }, { value: "100", label: "" }], options: ["", ""] });

/** The issue a draft describes, or the first thing missing from it. */
export function issueFromDraft(draft: IssueDraft): { issue: NewIssue } | { problem: string } {
  const name = draft.name.trim();
  if (name === "") return { problem: "build.issueNeedsName" };
  if (draft.kind === "options") {
    const options = draft.options.map((o) => o.trim()).filter(Boolean);
    if (options.length < 2) return { problem: "build.issueNeedsOptions" };
    return { issue: { name, options } };
  }
  const min = Number(draft.min);
  const max = Number(draft.max);
  if (draft.min.trim() === "" || draft.max.trim() === "" || !Number.isFinite(min) || !Number.isFinite(max) || min >= max) return { problem: "build.issueNeedsScale" };
  const anchors = draft.anchors.filter((a) => a.label.trim() !== "" && a.value.trim() !== "").map((a) => ({ value: Number(a.value), label: a.label.trim() }));
  if (anchors.some((a) => !Number.isFinite(a.value) || a.value < min || a.value > max)) return { problem: "build.anchorOffScale" };
  return { issue: { name, scale: { min, max, anchors } } };
}

export function IssueForm({ draft, onChange, idPrefix }: { draft: IssueDraft; onChange: (d: IssueDraft) => void; idPrefix: string }) {
  const { t } = useTranslation();
  const set = (patch: Partial<IssueDraft>) => onChange({ ...draft, ...patch });
  return (
    <fieldset className="issue-form">
      <legend className="sr-only">{t("build.issue")}</legend>
      <label className="field">
        <span>{t("build.issueName")}</span>
        <input value={draft.name} onChange={(e) => set({ name: e.target.value })} placeholder={t("build.issueNameHint")} data-testid={`${idPrefix}-issue-name`} />
      </label>
      <div className="kind" role="radiogroup" aria-label={t("build.issueKind")}>
        {(["scale", "options"] as const).map((kind) => (
          <label key={kind} className="inline">
            <input type="radio" name={`${idPrefix}-kind`} checked={draft.kind === kind} onChange={() => set({ kind })} /> {t(`build.kind.${kind}`)}
          </label>
        ))}
      </div>
      {draft.kind === "scale" ? (
        <>
          <div className="row">
            <label className="field small">
              <span>{t("build.min")}</span>
              <input inputMode="decimal" value={draft.min} onChange={(e) => set({ min: e.target.value })} />
            </label>
            <label className="field small">
              <span>{t("build.max")}</span>
              <input inputMode="decimal" value={draft.max} onChange={(e) => set({ max: e.target.value })} />
            </label>
          </div>
          <p className="hint">{t("build.anchorsHint")}</p>
          <ol className="edit-list">
            {draft.anchors.map((a, k) => (
              <li key={k}>
                <input className="narrow" inputMode="decimal" aria-label={t("build.anchorValue", { n: k + 1 })} value={a.value} onChange={(e) => set({ anchors: draft.anchors.map((x, j) => (j === k ? { ...x, value: e.target.value } : x)) })} />
                <input aria-label={t("build.anchorLabel", { n: k + 1 })} value={a.label} placeholder={t("build.anchorLabelHint")} onChange={(e) => set({ anchors: draft.anchors.map((x, j) => (j === k ? { ...x, label: e.target.value } : x)) })} />
                <button type="button" className="icon" aria-label={t("build.removeAnchor", { n: k + 1 })} onClick={() => set({ anchors: draft.anchors.filter((_, j) => j !== k) })}>
                  ✕
                </button>
              </li>
            ))}
          </ol>
          <button type="button" onClick={() => set({ anchors: [...draft.anchors, { value: "", label: "" }] })}>
            {t("build.addAnchor")}
          </button>
        </>
      ) : (
        <>
          <p className="hint">{t("build.optionsHint")}</p>
          <ol className="edit-list">
            {draft.options.map((o, k) => (
              <li key={k}>
                <input aria-label={t("build.optionLabel", { n: k + 1 })} value={o} onChange={(e) => set({ options: draft.options.map((x, j) => (j === k ? e.target.value : x)) })} />
                <button type="button" className="icon" aria-label={t("build.moveUp")} disabled={k === 0} onClick={() => set({ options: swap(draft.options, k, k - 1) })}>
                  ↑
                </button>
                <button type="button" className="icon" aria-label={t("build.removeOption", { n: k + 1 })} onClick={() => set({ options: draft.options.filter((_, j) => j !== k) })}>
                  ✕
                </button>
              </li>
            ))}
          </ol>
          <button type="button" onClick={() => set({ options: [...draft.options, ""] })}>
            {t("build.addOption")}
          </button>
        </>
      )}
    </fieldset>
  );
}

function swap<T>(list: readonly T[], a: number, b: number): T[] {
  const out = [...list];
  [out[a], out[b]] = [out[b]!, out[a]!];
  return out;
}
