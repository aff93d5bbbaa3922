/** The scenario's YAML text in a code editor, with every problem located by line and column. */
import { useMemo, useRef } from "react";
import { useTranslation } from "react-i18next";
import { scenarioJsonSchema } from "../../../src/scenario/validate.js";
import { useWorkspace } from "../workspace.js";
import { YamlEditor, type YamlEditorHandle } from "./YamlEditor.js";

export function SourceView() {
  const ws = useWorkspace();
  const { t } = useTranslation();
  const editor = useRef<YamlEditorHandle>(null);
  const schema = useMemo(() => scenarioJsonSchema(), []);
  const goTo = (line: number, column: number) => {
    if (line >= 1) editor.current?.goTo(line, column);
  };
  return (
    <div className="source-view">
      <header className="view-header">
        <h2>{t("source.title")}</h2>
        <p className="hint">{t("source.hint")}</p>
      </header>
      <div className="source-columns">
        <YamlEditor
          ref={editor}
          text={ws.text}
          onChange={ws.setText}
          errors={ws.errors}
          warnings={ws.warnings}
          checked={!ws.validating}
          label={t("source.label")}
          schema={schema}
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
