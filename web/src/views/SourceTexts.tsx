/** Attaching a source's text in this browser, so that quotes from it are checked as you type. */
import { useTranslation } from "react-i18next";
import { attachSourceText, sourceText, useSourceTextsVersion } from "../sourceTexts.js";
import { setIn } from "../structure.js";
import { useWorkspace } from "../workspace.js";

export function SourceTexts({ sources, apply }: { sources: readonly { id: string; file: string | undefined; title: string }[]; apply: (c: (x: string) => string) => void }) {
  const ws = useWorkspace();
  const { t } = useTranslation();
  useSourceTextsVersion();
  if (sources.length === 0) return null;
  return (
    <div className="source-texts">
      <h4>{t("build.sourceTexts")}</h4>
      <p className="hint">{t("build.sourceTextsHint")}</p>
      <ul>
        {sources.map((s, k) => {
          const attached = s.file !== undefined && sourceText(ws.id, s.file) !== undefined;
          return (
            <li key={s.id}>
              <span>{s.title || s.id}</span>{" "}
              <span className={attached ? "ok small-text" : "muted small-text"}>{attached ? t("build.textAttached", { file: s.file }) : s.file ? t("build.textMissing", { file: s.file }) : t("build.noFile")}</span>{" "}
              <label className="button small">
                {t("build.attachText")}
                <input
                  type="file"
                  className="sr-only"
                  accept=".txt,.md,text/plain"
                  aria-label={t("build.attachTextOf", { source: s.title || s.id })}
                  onChange={async (e) => {
                    const file = e.target.files?.[0];
                    e.target.value = "";
                    if (!file) return;
                    const name = s.file ?? file.name;
                    attachSourceText(ws.id, name, await file.text());
                    if (s.file === undefined) apply((x) => setIn(x, ["sources", k, "file"], name));
                  }}
                />
              </label>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
