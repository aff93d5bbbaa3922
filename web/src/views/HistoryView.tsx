/**
 * The scenario's history: every saved version (who, why, when), a comparison of any two (the
 * server's diff), restoring an old version as a new one, exporting a version's YAML, and the
 * saved runs.
 */
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type RunSummary, type VersionDiff, type VersionSummary } from "../api.js";
import { describeChanges } from "../changes.js";
import type { Scenario } from "../../../src/scenario/types.js";
import { fmtTime, useLanguage } from "../format.js";
import { useWorkspace } from "../workspace.js";
import { getAuthor } from "../SaveBar.js";
import { SavedRuns } from "./SavedRuns.js";

export function HistoryView() {
  const ws = useWorkspace();
  const { t } = useTranslation();
  const language = useLanguage();
  const [versions, setVersions] = useState<VersionSummary[]>();
  const [runs, setRuns] = useState<RunSummary[]>();
  const [error, setError] = useState<string>();
  const [from, setFrom] = useState<number>();
  const [to, setTo] = useState<number>();
  const [diff, setDiff] = useState<{ diff: VersionDiff; before?: Scenario; after?: Scenario }>();
  const [status, setStatus] = useState<string>();

  const refresh = useCallback(async () => {
    try {
      const list = await api.versions(ws.id);
      const sorted = [...list].sort((p, q) => q.version - p.version);
      setVersions(sorted);
      setTo((v) => v ?? sorted[0]?.version);
      setFrom((v) => v ?? sorted[1]?.version ?? sorted[0]?.version);
      setRuns(await api.runs(ws.id).catch(() => []));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, [ws.id]);

  useEffect(() => {
    void refresh();
  }, [refresh, ws.version]);

  const compare = async () => {
    if (from === undefined || to === undefined) return;
    setDiff(undefined);
    try {
      // Both versions too, so that each side of a change is read with the labels it had.
      const [found, before, after] = await Promise.all([api.diff(ws.id, from, to), api.version(ws.id, from).catch(() => undefined), api.version(ws.id, to).catch(() => undefined)]);
      setDiff({ diff: found, ...(before ? { before: before.scenario } : {}), ...(after ? { after: after.scenario } : {}) });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const restore = async (version: number) => {
    if (ws.version === undefined) return;
    if (ws.dirty && !window.confirm(t("history.discardEdits"))) return;
    setError(undefined);
    try {
      const result = await api.restore(ws.id, version, ws.version, getAuthor());
      await ws.reload();
      setStatus(t("history.restored", { version, now: result.version }));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <div className="history-view" data-testid="history-view">
      <header className="view-header">
        <h2>{t("history.title")}</h2>
        <p className="hint">{t("history.hint")}</p>
      </header>
      {error && (
        <p className="problems" role="alert">
          {error}
        </p>
      )}
      {status && <p role="status" className="status">{status}</p>}
      <section>
        <h3>{t("history.versions")}</h3>
        <table className="versions" data-testid="versions">
          <thead>
            <tr>
              <th scope="col">{t("history.version")}</th>
              <th scope="col">{t("history.from")}</th>
              <th scope="col">{t("history.to")}</th>
              <th scope="col">{t("history.author")}</th>
              <th scope="col">{t("history.message")}</th>
              <th scope="col">{t("history.time")}</th>
              <th scope="col">
                <span className="sr-only">{t("history.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(versions ?? []).map((v) => (
              <tr key={v.version} data-version={v.version} className={v.version === ws.version ? "current" : undefined}>
                <td>
                  v{v.version}
                  {v.version === ws.version ? ` (${t("history.current")})` : ""}
                </td>
                <td>
                  <input type="radio" name="from" aria-label={t("history.compareFrom", { version: v.version })} checked={from === v.version} onChange={() => setFrom(v.version)} />
                </td>
                <td>
                  <input type="radio" name="to" aria-label={t("history.compareTo", { version: v.version })} checked={to === v.version} onChange={() => setTo(v.version)} />
                </td>
                {/* What the author wrote, in the author's words: not the workbench's to translate. */}
                <td translate="no">{v.author}</td>
                <td translate="no">{v.message}</td>
                <td>{fmtTime(v.createdAt, language)}</td>
                <td className="row-actions">
                  <a href={api.exportUrl(ws.id, v.version)} download={`${ws.id}-v${v.version}.yaml`}>
                    {t("history.export")}
                  </a>
                  {v.version !== ws.version && (
                    <button type="button" onClick={() => void restore(v.version)} data-testid={`restore-${v.version}`}>
                      {t("history.restore")}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" onClick={() => void compare()} disabled={from === undefined || to === undefined || from === to} data-testid="compare">
          {t("history.compare", { from: from ?? "?", to: to ?? "?" })}
        </button>
        {diff && <DiffView {...diff} />}
      </section>
      <section>
        <h3>{t("history.runs")}</h3>
        {runs && runs.length === 0 && <p className="muted">{t("history.noRuns")}</p>}
        {runs && runs.length > 0 && <SavedRuns runs={runs} />}
      </section>
    </div>
  );
}

function DiffView({ diff, before, after }: { diff: VersionDiff; before?: Scenario; after?: Scenario }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const changes = describeChanges(diff.changes ?? [], before, after, language, (key) => t(`changes.${key}`, { defaultValue: key }));
  const unified = typeof diff.unified === "string" ? diff.unified : typeof diff.yaml === "string" ? diff.yaml : typeof diff["text"] === "string" ? (diff["text"] as string) : undefined;
  return (
    <div className="diff" data-testid="diff">
      <h4>{t("history.changes", { count: changes.length })}</h4>
      {changes.length > 0 && (
        <table className="changes">
          <tbody>
            {changes.map((c, k) => (
              <tr key={k} className={c.kind} title={c.paths.join("\n")} data-paths={c.paths.join(" ")}>
                <th scope="row">
                  {[...c.where, ...(c.field ? [c.field] : [])].join(" · ")}
                </th>
                <td className="from">{c.kind === "added" ? <span className="muted">{t("changes.added")}</span> : c.from || t("changes.nothing")}</td>
                <td aria-hidden="true">→</td>
                <td className="to">{c.kind === "removed" ? <span className="muted">{t("changes.removed")}</span> : c.to || t("changes.nothing")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {unified && (
        <details>
          <summary>{t("history.yamlDiff")}</summary>
          <pre className="unified">
            {unified.split("\n").map((line, k) => (
              <span key={k} className={line.startsWith("+") && !line.startsWith("+++") ? "add" : line.startsWith("-") && !line.startsWith("---") ? "del" : line.startsWith("@@") ? "hunk" : undefined}>
                {line}
                {"\n"}
              </span>
            ))}
          </pre>
        </details>
      )}
    </div>
  );
}
