/** The grid's roving tabindex and arrow keys in the DOM; the moves and their rules are in keyboard.ts. */
import { useCallback, useEffect, useRef, type FocusEvent, type FormEvent, type KeyboardEvent, type MouseEvent } from "react";
import { moveInGrid } from "./keyboard.js";

const CONTROLS = "input:not([type=hidden]):not(:disabled), select:not(:disabled), textarea:not(:disabled), button:not(:disabled), a[href]";
const GRID_KEYS = new Set(["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End"]);

const editable = (el: Element): el is HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement => el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement;

/**
 * Roving tabindex and arrow-key movement for a table of controls (see the module's doc). Spread the
 * returned handlers on the element holding the table, and give it the returned ref.
 */
export function useGridKeys<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const active = useRef<HTMLElement | null>(null);
  const editing = useRef<HTMLElement | null>(null);
  const pointer = useRef(false);

  const controlRows = useCallback((): HTMLElement[][] => {
    const root = ref.current;
    if (!root) return [];
    return [...root.querySelectorAll("tr")].map((tr) => [...tr.querySelectorAll<HTMLElement>(CONTROLS)]);
  }, []);

  const setEditing = useCallback((el: HTMLElement | null) => {
    if (editing.current && editing.current !== el) delete editing.current.dataset["editing"];
    editing.current = el;
    if (el) el.dataset["editing"] = "true";
  }, []);

  // One tab stop: the control last focused (the first at the start), every other one out of the tab order.
  const syncTabStops = useCallback(() => {
    const all = controlRows().flat();
    if (!active.current || !all.includes(active.current)) active.current = all[0] ?? null;
    for (const el of all) el.tabIndex = el === active.current ? 0 : -1;
  }, [controlRows]);

  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    syncTabStops();
    // Controls come and go with the scenario (actors, issues, a widen-range button): keep one stop.
    const observer = new MutationObserver(syncTabStops);
    observer.observe(root, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [syncTabStops]);

  const onFocus = useCallback(
    (e: FocusEvent<T>) => {
      const el = e.target as HTMLElement;
      if (!el.matches(CONTROLS)) return;
      if (active.current !== el) {
        if (active.current) active.current.tabIndex = -1;
        active.current = el;
        el.tabIndex = 0;
      }
      if (pointer.current) setEditing(el);
      else {
        setEditing(null);
        if (el instanceof HTMLInputElement && el.type === "text") el.select();
      }
      pointer.current = false;
    },
    [setEditing],
  );

  const onMouseDown = useCallback(
    (e: MouseEvent<T>) => {
      const el = (e.target as HTMLElement).closest<HTMLElement>(CONTROLS);
      if (!el) return;
      if (document.activeElement === el) setEditing(el);
      else pointer.current = true;
    },
    [setEditing],
  );

  const onInput = useCallback(
    (e: FormEvent<T>) => {
      if (editable(e.target as Element)) setEditing(e.target as HTMLElement);
    },
    [setEditing],
  );

  // Capture phase: the grid decides before the control whether an arrow key moves or edits.
  const onKeyDownCapture = useCallback(
    (e: KeyboardEvent<T>) => {
      const el = e.target as HTMLElement;
      if (!el.matches(CONTROLS) || e.altKey || e.metaKey) return;
      const isEditing = editing.current === el;
      if (isEditing) {
        if (e.key === "Escape" || e.key === "Enter" || e.key === "F2") {
          e.preventDefault();
          setEditing(null);
          if (el instanceof HTMLInputElement && el.type === "text") el.select();
        }
        return;
      }
      if ((e.key === "Enter" || e.key === "F2") && editable(el)) {
        e.preventDefault();
        e.stopPropagation();
        setEditing(el);
        if (el instanceof HTMLInputElement && el.type === "text") el.setSelectionRange(el.value.length, el.value.length);
        return;
      }
      if (!GRID_KEYS.has(e.key)) return;
      const rows = controlRows().filter((r) => r.length > 0);
      const row = rows.findIndex((r) => r.includes(el));
      if (row < 0) return;
      const centres = rows.map((r) =>
        r.map((c) => {
          const box = c.getBoundingClientRect();
          return box.left + box.width / 2;
        }),
      );
      const to = moveInGrid(centres, { row, col: rows[row]!.indexOf(el) }, e.key, e.ctrlKey);
      e.preventDefault();
      e.stopPropagation();
      if (to) rows[to.row]![to.col]!.focus();
    },
    [controlRows, setEditing],
  );

  return { ref, handlers: { onFocus, onMouseDown, onInput, onKeyDownCapture } };
}
