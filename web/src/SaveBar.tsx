/** Unsaved edits: who saves them and why, then a new version; or discard them. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
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
  if (!ws.dirty && !ws.saveError) return null;
  const invalid = ws.errors.length > 0;
  return (
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
      <button type="submit" className="primary" disabled={saving || invalid || ws.validating} data-testid="save-version">
        {t("save.save")}
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
  );
}
