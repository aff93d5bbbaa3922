/**
 * The open scenario: its YAML text as edited (the single source of truth, shared by the grid and
 * the source editor), its validation as you type, the last valid scenario that forecasts and
 * deals are computed from, and the deal being built. Saving writes the text as a new version.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { Diagnostic } from "../../src/scenario/diagnostics.js";
import type { Scenario } from "../../src/scenario/types.js";
import { INITIAL_SCENARIO_ELEMENT } from "../../src/server/page-data.js";
import { api, ApiError, type ScenarioDocument } from "./api.js";
import type { DealValues } from "./dealLink.js";
import { clearDraft, readDraft, writeDraft, type Draft } from "./drafts.js";
import { record } from "./perf.js";
import { setUnsaved } from "./router.js";
import { sourceText, useSourceTextsVersion } from "./sourceTexts.js";
import { plainData, setValueAt, type YamlPath } from "./yamlEdit.js";

export type { DealValues } from "./dealLink.js";

export interface Workspace {
  readonly id: string;
  readonly loading: boolean;
  readonly loadError?: string;
  /** The stored version the text started from. */
  readonly version?: number;
  readonly savedText?: string;
  readonly text: string;
  /** The text's plain data (undefined when the YAML does not parse). */
  readonly data: unknown;
  /** True while the latest text awaits validation. */
  readonly validating: boolean;
  readonly errors: readonly Diagnostic[];
  readonly warnings: readonly Diagnostic[];
  /** The last valid scenario (the stored one until an edit validates). */
  readonly scenario?: Scenario;
  readonly dirty: boolean;
  setText(text: string): void;
  /** Sets one value (number or option id) at a YAML path; the text stays as written elsewhere. */
  edit(path: YamlPath, value: string | number | null): void;
  save(author: string, message: string): Promise<void>;
  /** Saves the text as a new scenario under the id it gives (when it names another id); returns that id. */
  saveAsNew(author: string, message: string): Promise<string>;
  /** Discards edits (and the browser's draft) and loads the current stored version. */
  reload(): Promise<void>;
  /** The id the text gives, when it differs from the scenario's. */
  readonly textId?: string;
  /** The unsaved draft restored from this browser on opening, if any. */
  readonly restoredDraft?: Draft;
  dismissDraftNote(): void;
  readonly saveError?: string;
  readonly staleVersion?: number;
  /**
   * The deal being built (values per issue; others stay at the status quo), kept outside React
   * state so that moving a slider re-renders the deal builder only.
   */
  readonly deal: { values: DealValues; name?: string };
}

const WorkspaceContext = createContext<Workspace | undefined>(undefined);

export function useWorkspace(): Workspace {
  const workspace = useContext(WorkspaceContext);
  if (!workspace) throw new Error("useWorkspace outside a WorkspaceProvider");
  return workspace;
}

const VALIDATE_DELAY = 150;

/** The document the page came with: null until read, undefined when none or once used. */
let pageDocument: ScenarioDocument | undefined | null = null;

/**
 * The scenario's document the page came with, when it is the one asked for and not used yet: used
 * once only (pageDocumentUsed), so that opening the scenario again later asks the server for its
 * current version.
 */
function pageDocumentFor(id: string): ScenarioDocument | undefined {
  if (pageDocument === null) {
    pageDocument = undefined;
    const element = document.getElementById(INITIAL_SCENARIO_ELEMENT);
    element?.remove();
    try {
      const doc = element ? (JSON.parse(element.textContent ?? "") as ScenarioDocument) : undefined;
      if (doc && typeof doc.id === "string" && typeof doc.yaml === "string" && typeof doc.version === "number") {
        pageDocument = doc;
        performance.mark("parley:scenario-loaded");
      }
    } catch {
      // Not a document: the workspace asks the server.
    }
  }
  return pageDocument?.id === id ? pageDocument : undefined;
}

function pageDocumentUsed(): void {
  pageDocument = undefined;
}

/** The text to edit: the browser's unsaved draft of the scenario when it differs from the stored text. */
function draftFor(id: string, doc: ScenarioDocument): Draft | undefined {
  const draft = readDraft(id);
  return draft && draft.text !== doc.yaml ? draft : undefined;
}

export function WorkspaceProvider({ id, children }: { id: string; children: ReactNode }) {
  // The page's own copy of the document when it has one: the grid renders in the first render.
  const [initial] = useState(() => {
    const doc = pageDocumentFor(id);
    return doc && { doc, draft: draftFor(id, doc) };
  });
  const [loading, setLoading] = useState(initial === undefined);
  const [loadError, setLoadError] = useState<string>();
  const [version, setVersion] = useState<number | undefined>(initial?.doc.version);
  const [savedText, setSavedText] = useState<string | undefined>(initial?.doc.yaml);
  const [text, setTextState] = useState(initial ? (initial.draft?.text ?? initial.doc.yaml) : "");
  const [checked, setChecked] = useState<{ text: string; errors: readonly Diagnostic[]; warnings: readonly Diagnostic[]; sources?: number }>({ text: initial?.doc.yaml ?? "", errors: [], warnings: [] });
  const [restoredDraft, setRestoredDraft] = useState<Draft | undefined>(initial?.draft);
  const sourcesVersion = useSourceTextsVersion();
  const [scenario, setScenario] = useState<Scenario | undefined>(initial?.doc.scenario);
  /** The scenario as stored (validated from savedText by the server). */
  const [stored, setStored] = useState<Scenario | undefined>(initial?.doc.scenario);
  /** Whether the first load is the page's document already in state (then no request is made). */
  const preloaded = useRef(initial !== undefined);
  const [saveError, setSaveError] = useState<string>();
  const [staleVersion, setStaleVersion] = useState<number>();
  const deal = useRef<{ values: DealValues; name?: string }>({ values: {} }).current;
  const textRef = useRef(text);
  textRef.current = text;

  const load = useCallback(async (options: { discard?: boolean } = {}) => {
    setLoading(true);
    setLoadError(undefined);
    try {
      const doc = await api.getScenario(id);
      performance.mark("parley:scenario-loaded");
      setVersion(doc.version);
      setSavedText(doc.yaml);
      setScenario(doc.scenario);
      setStored(doc.scenario);
      setChecked({ text: doc.yaml, errors: [], warnings: [] });
      setSaveError(undefined);
      setStaleVersion(undefined);
      // Unsaved edits from an earlier visit come back, with a note saying so.
      if (options.discard) clearDraft(id);
      const draft = options.discard ? undefined : draftFor(id, doc);
      if (!draft && !options.discard && readDraft(id)) clearDraft(id);
      setTextState(draft?.text ?? doc.yaml);
      setRestoredDraft(draft);
    } catch (error) {
      setLoadError(error instanceof Error ? error.message : String(error));
    } finally {
      setLoading(false);
    }
  }, [id]);

  useEffect(() => {
    deal.values = {};
    delete deal.name;
    if (preloaded.current) {
      // The document came with the page: only a draft identical to it is left to clear.
      preloaded.current = false;
      pageDocumentUsed();
      if (!initial?.draft && readDraft(id)) clearDraft(id);
      return;
    }
    void load();
  }, [load, deal, initial, id]);

  // Closing or reloading the tab with unsaved edits asks first (the draft is kept either way).
  const dirty = savedText !== undefined && text !== savedText;
  useEffect(() => {
    setUnsaved(dirty ? id : undefined);
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => {
      window.removeEventListener("beforeunload", warn);
      setUnsaved(undefined);
    };
  }, [dirty, id]);

  // Validation as you type, after a short pause.
  useEffect(() => {
    if (loading || (text === checked.text && (checked.sources ?? 0) === sourcesVersion)) return;
    let cancelled = false;
    const timer = window.setTimeout(async () => {
      // The validator (zod and the rule checker) loads with the first edit, not with the page.
      const { validateScenario } = await import("../../src/scenario/validate.js");
      if (cancelled) return;
      const start = performance.now();
      const result = validateScenario(text, { file: id, readSource: (file) => sourceText(id, file) });
      record("validate", performance.now() - start);
      setChecked({ text, errors: result.ok ? [] : result.errors, warnings: result.warnings, sources: sourcesVersion });
      if (result.ok) setScenario(result.scenario);
    }, VALIDATE_DELAY);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [text, checked.text, checked.sources, sourcesVersion, loading, id]);

  // The draft: every unsaved text is kept in this browser, a moment after the last key.
  useEffect(() => {
    if (loading || savedText === undefined || version === undefined) return;
    const timer = window.setTimeout(() => {
      if (text === savedText) clearDraft(id);
      else writeDraft(id, { text, version, savedAt: new Date().toISOString() });
    }, 250);
    return () => window.clearTimeout(timer);
  }, [text, savedText, version, loading, id]);

  const data = useMemo(() => {
    // Until the first edit, the stored scenario has the numbers as written: no need to parse.
    if (stored && text === savedText) return writtenShape(stored);
    const start = performance.now();
    const parsed = plainData(text);
    if (text !== "") record("parse", performance.now() - start);
    return parsed;
  }, [text, savedText, stored]);

  const setText = useCallback((next: string) => setTextState(next), []);
  const edit = useCallback((path: YamlPath, value: string | number | null) => {
    setTextState(setValueAt(textRef.current, path, value));
  }, []);

  const save = useCallback(
    async (author: string, message: string) => {
      if (version === undefined) return;
      setSaveError(undefined);
      try {
        const saved = await api.saveScenario(id, textRef.current, version, author, message);
        const doc = await api.getScenario(id);
      performance.mark("parley:scenario-loaded");
        setVersion(saved.version || doc.version);
        setSavedText(doc.yaml);
        if (doc.yaml !== textRef.current) setTextState(doc.yaml);
        setScenario(doc.scenario);
        setStored(doc.scenario);
        setChecked({ text: doc.yaml, errors: [], warnings: [] });
        clearDraft(id);
        setRestoredDraft(undefined);
      } catch (error) {
        if (error instanceof ApiError && error.status === 412) setStaleVersion(error.currentVersion ?? -1);
        setSaveError(error instanceof Error ? error.message : String(error));
        throw error;
      }
    },
    [id, version],
  );

  const saveAsNew = useCallback(
    async (author: string, message: string) => {
      setSaveError(undefined);
      try {
        const created = await api.createScenario({ yaml: textRef.current, author, message });
        clearDraft(id);
        return created.id;
      } catch (error) {
        setSaveError(error instanceof Error ? error.message : String(error));
        throw error;
      }
    },
    [id],
  );
  const textId = typeof data === "object" && data !== null && typeof (data as { id?: unknown }).id === "string" ? (data as { id: string }).id : undefined;

  const validating = text !== checked.text;
  const workspace: Workspace = {
    id,
    loading,
    ...(loadError !== undefined ? { loadError } : {}),
    ...(version !== undefined ? { version } : {}),
    ...(savedText !== undefined ? { savedText } : {}),
    text,
    data,
    validating,
    errors: data === undefined && !validating ? checked.errors : checked.errors,
    warnings: checked.warnings,
    ...(scenario !== undefined ? { scenario } : {}),
    dirty,
    setText,
    edit,
    save,
    saveAsNew,
    reload: () => load({ discard: true }),
    ...(textId !== undefined && textId !== id ? { textId } : {}),
    ...(restoredDraft !== undefined ? { restoredDraft } : {}),
    dismissDraftNote: () => setRestoredDraft(undefined),
    ...(saveError !== undefined ? { saveError } : {}),
    ...(staleVersion !== undefined ? { staleVersion } : {}),
    deal,
  };
  return <WorkspaceContext.Provider value={workspace}>{children}</WorkspaceContext.Provider>;
}

/** The parts of a scenario's written form the grid reads: capabilities, positions, saliences. */
function writtenShape(scenario: Scenario): unknown {
  return {
    actors: scenario.actors.map((actor) => ({ id: actor.id, capability: actor.capability.value })),
    stances: Object.fromEntries(
      Object.entries(scenario.stances).map(([actor, byIssue]) => [
        actor,
        Object.fromEntries(Object.entries(byIssue).map(([issue, stance]) => [issue, { position: stance.position.option ?? stance.position.value, salience: stance.salience.value }])),
      ]),
    ),
  };
}
