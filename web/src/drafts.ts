/**
 * Unsaved edits kept in this browser, one draft per scenario, so that switching scenario, reloading
 * or closing the tab loses nothing: the draft comes back when the scenario is opened again.
 */
export interface Draft {
  readonly text: string;
  /** The stored version the edits started from. */
  readonly version: number;
  readonly savedAt: string;
}

const PREFIX = "parley.draft.";

export function readDraft(id: string): Draft | undefined {
  try {
    const raw = window.localStorage.getItem(PREFIX + id);
    if (raw === null) return undefined;
    const draft = JSON.parse(raw) as Partial<Draft>;
    return typeof draft.text === "string" && typeof draft.version === "number" ? { text: draft.text, version: draft.version, savedAt: String(draft.savedAt ?? "") } : undefined;
  } catch {
    return undefined;
  }
}

export function writeDraft(id: string, draft: Draft): void {
  try {
    window.localStorage.setItem(PREFIX + id, JSON.stringify(draft));
  } catch {
    // Storage full or unavailable: the edits live until the tab closes.
  }
}

export function clearDraft(id: string): void {
  try {
    window.localStorage.removeItem(PREFIX + id);
  } catch {
    // Nothing to clear.
  }
}

/** Whether a scenario has unsaved edits in this browser. */
export function hasDraft(id: string): boolean {
  return readDraft(id) !== undefined;
}
