/**
 * Adding evidence to a number: pick a source, paste the passage, add a note. When the source's text
 * is attached in this browser (Setup › Sources), the quote is checked against it before it is added.
 */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Scenario } from "../../../src/scenario/types.js";
import { useLabel } from "../format.js";
import { navigate, routePath } from "../router.js";
import { quoteFound, sourceText } from "../sourceTexts.js";
import { addCitation } from "../structure.js";
import { useWorkspace } from "../workspace.js";
import type { YamlPath } from "../yamlEdit.js";

export interface EvidenceTarget {
  readonly label: string;
  readonly path: YamlPath;
}

export function EvidenceEditor({ scenario, targets }: { scenario: Scenario; targets: readonly EvidenceTarget[] }) {
  const ws = useWorkspace();
  const { t } = useTranslation();
  const label = useLabel();
  const [open, setOpen] = useState(false);
  const [target, setTarget] = useState(0);
  const [source, setSource] = useState(scenario.sources[0]?.id ?? "");
  const [quote, setQuote] = useState("");
  const [note, setNote] = useState("");
  const [problem, setProblem] = useState<string>();
  if (!open) {
    return (
      <button type="button" className="small add-evidence" onClick={() => setOpen(true)} data-testid="add-evidence">
        {t("build.addEvidence")}
      </button>
    );
  }
  if (scenario.sources.length === 0) {
    return (
      <p className="empty-state">
        {t("build.noSourcesForEvidence")}{" "}
        <button type="button" className="linkish" onClick={() => navigate(routePath(ws.id, "setup"))}>
          {t("build.goToSetup")}
        </button>
      </p>
    );
  }
  const chosen = scenario.sources.find((s) => s.id === source);
  const text = chosen?.file ? sourceText(ws.id, chosen.file) : undefined;
  const check = text === undefined || quote.trim() === "" ? undefined : quoteFound(text, quote);
  return (
    <form
      className="evidence-editor"
      data-testid="evidence-editor"
      onSubmit={(e) => {
        e.preventDefault();
        if (quote.trim() === "") return setProblem(t("build.quoteNeeded"));
        if (check === false) return setProblem(t("build.quoteNotFound"));
        try {
          ws.setText(addCitation(ws.text, targets[target]!.path, { source, quote: quote.trim(), ...(note.trim() ? { note: note.trim() } : {}) }));
          setQuote("");
          setNote("");
          setProblem(undefined);
          setOpen(false);
        } catch (error) {
          setProblem(error instanceof Error ? error.message : String(error));
        }
      }}
    >
      <h4>{t("build.addEvidence")}</h4>
      {targets.length > 1 && (
        <label className="field">
          <span>{t("build.evidenceFor")}</span>
          <select value={target} onChange={(e) => setTarget(Number(e.target.value))} data-testid="evidence-target">
            {targets.map((x, k) => (
              <option key={k} value={k}>
                {x.label}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="field">
        <span>{t("evidence.source")}</span>
        <select value={source} onChange={(e) => setSource(e.target.value)} data-testid="evidence-source">
          {scenario.sources.map((s) => (
            <option key={s.id} value={s.id}>
              {label(s.title) || s.id}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t("build.quote")}</span>
        <textarea rows={3} value={quote} onChange={(e) => setQuote(e.target.value)} lang={chosen?.language} data-testid="evidence-quote" />
      </label>
      <p className={`small-text ${check === undefined ? "muted" : check ? "ok" : "bad"}`} data-testid="quote-check">
        {text === undefined ? t("build.quoteUnchecked") : check === undefined ? t("build.quoteWillCheck") : check ? t("build.quoteFound") : t("build.quoteNotFound")}
      </p>
      <label className="field">
        <span>{t("build.note")}</span>
        <input value={note} onChange={(e) => setNote(e.target.value)} placeholder={t("build.noteHint")} />
      </label>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <div className="row">
        <button type="submit" className="primary">
          {t("build.addQuote")}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          {t("build.cancel")}
        </button>
      </div>
    </form>
  );
}
