/** Unsaved edits: who saves them and why, then a new version; or discard them. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { navigate, routePath } from "./router.js";
import { useWorkspace } from "./workspace.js";

const AUTHOR_KEY = "parley.author";

export function getAuthor(): string {
  try {
    return window.localStorage.getItem(AUTHOR_KEY) || "analyst";
  } catch {
    return "analyst";
  }
}

export function SaveBar() {
  const ws = useWorkspace();
  const { t } = useTranslation();
  const [author, setAuthor] = useState(getAuthor);
  const [message, setMessage] = useState("");
  const [saving, setSaving] = useState(false);
  const draftNote = ws.restoredDraft && (
    <p className="draft-note no-print" role="status" data-testid="draft-restored">
      {t("save.draftRestored", { version: ws.restoredDraft.version, time: ws.restoredDraft.savedAt.slice(0, 16).replace("T", " ") })}
      {ws.version !== undefined && ws.restoredDraft.version < ws.version ? ` ${t("save.draftBehind", { version: ws.version })}` : ""}{" "}
      <button type="button" className="small" onClick={() => ws.dismissDraftNote()}>
        {t("save.keepDraft")}
      </button>
    </p>
  );
  if (!ws.dirty && !ws.saveError) return draftNote || null;
  const invalid = ws.errors.length > 0;
  const renamed = ws.textId;
  return (
    <>
    {draftNote}
    <form
      className="save-bar no-print"
      data-testid="save-bar"
      onSubmit={async (e) => {
        e.preventDefault();
        setSaving(true);
        try {
          window.localStorage.setItem(AUTHOR_KEY, author);
        } catch {
          // Private windows may refuse storage; the author is still sent.
        }
        try {
          if (renamed !== undefined) {
            const created = await ws.saveAsNew(author, message || t("save.defaultMessage"));
            navigate(routePath(created));
            return;
          }
          await ws.save(author, message || t("save.defaultMessage"));
          setMessage("");
        } catch {
          // ws.saveError says what went wrong.
        } finally {
          setSaving(false);
        }
      }}
    >
      <span className="state">{ws.validating ? t("save.checking") : invalid ? t("save.invalid", { count: ws.errors.length }) : t("save.unsaved")}</span>
      <label>
        {t("save.author")} <input value={author} onChange={(e) => setAuthor(e.target.value)} size={12} required />
      </label>
      <label className="grow">
        {t("save.message")} <input value={message} onChange={(e) => setMessage(e.target.value)} placeholder={t("save.messagePlaceholder")} data-testid="save-message" />
      </label>
      {renamed !== undefined && (
        <span className="warning" data-testid="renamed-note">
          {t("save.renamed", { id: renamed, current: ws.id })}
        </span>
      )}
      <button type="submit" className="primary" disabled={saving || invalid || ws.validating} data-testid="save-version">
        {renamed !== undefined ? t("save.saveAsNew", { id: renamed }) : t("save.save")}
      </button>
      <button type="button" onClick={() => void ws.reload()} disabled={saving}>
        {t("save.discard")}
      </button>
      {ws.saveError && (
        <span className="error" role="alert">
          {ws.staleVersion !== undefined ? t("save.stale", { version: ws.staleVersion }) : ws.saveError}
        </span>
      )}
    </form>
    </>
  );
}
