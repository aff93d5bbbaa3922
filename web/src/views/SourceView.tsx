/** The scenario's YAML text, editable, with every problem located by line and column. */
import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { useWorkspace } from "../workspace.js";

export function SourceView() {
  const ws = useWorkspace();
  const { t } = useTranslation();
  const area = useRef<HTMLTextAreaElement>(null);
  const goTo = (line: number, column: number) => {
    const el = area.current;
    if (!el || line < 1) return;
    const lines = ws.text.split("\n");
    let offset = 0;
    for (let k = 0; k < line - 1 && k < lines.length; k++) offset += lines[k]!.length + 1;
    offset += Math.max(0, column - 1);
    el.focus();
    el.setSelectionRange(offset, offset);
    const lineHeight = el.scrollHeight / Math.max(1, lines.length);
    el.scrollTop = Math.max(0, (line - 5) * lineHeight);
  };
  return (
    <div className="source-view">
      <header className="view-header">
        <h2>{t("source.title")}</h2>
        <p className="hint">{t("source.hint")}</p>
      </header>
      <div className="source-columns">
        <textarea
          ref={area}
          className="source"
          aria-label={t("source.label")}
          spellCheck={false}
          value={ws.text}
          onChange={(e) => ws.setText(e.target.value)}
          data-testid="source-editor"
        />
        <aside className="source-problems" aria-live="polite">
          <h3>{ws.validating ? t("save.checking") : ws.errors.length === 0 ? t("source.valid") : t("source.problems", { count: ws.errors.length })}</h3>
          <ul>
            {ws.errors.map((e, k) => (
              <li key={k}>
                <button type="button" className="linkish" onClick={() => goTo(e.line, e.column)}>
                  {e.line > 0 ? `${t("source.line")} ${e.line}:${e.column}` : t("source.noPlace")}
                </button>{" "}
                <code>{e.path}</code> {e.message}
              </li>
            ))}
          </ul>
          {ws.warnings.length > 0 && (
            <>
              <h4>{t("source.warnings", { count: ws.warnings.length })}</h4>
              <ul className="warnings">
                {ws.warnings.map((w, k) => (
                  <li key={k}>
                    {w.line > 0 ? `${w.line}:${w.column} ` : ""}
                    <code>{w.path}</code> {w.message}
                  </li>
                ))}
              </ul>
            </>
          )}
        </aside>
      </div>
    </div>
  );
}
