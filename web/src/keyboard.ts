/**
 * Keyboard movement in composite widgets, after the WAI-ARIA Authoring Practices: a tab list and a
 * grid are each one tab stop (roving tabindex), and the arrow keys move inside them.
 *
 * The grid works as a spreadsheet does. Focus on a cell's control selects its text; the arrow keys
 * then move to the neighbouring control (↑ ↓ to the nearest one in the row above or below, by
 * position on the screen, since rows hold different numbers of controls), Home and End to the
 * row's ends, Ctrl+Home and Ctrl+End to the grid's. Typing, Enter, F2 or a click starts editing the
 * control, where the arrow keys are its own again (a number steps with ↑ ↓); Enter or Escape ends
 * editing.
 */
import { useCallback, useEffect, useRef, type FocusEvent, type FormEvent, type KeyboardEvent, type MouseEvent } from "react";

/** Where `key` moves in a list of `count` items from `index` (wrapping, as tabs do), or undefined. */
export function nextInList(count: number, index: number, key: string, orientation: "horizontal" | "vertical" = "horizontal"): number | undefined {
  if (count === 0) return undefined;
  const forward = orientation === "horizontal" ? "ArrowRight" : "ArrowDown";
  const back = orientation === "horizontal" ? "ArrowLeft" : "ArrowUp";
  if (key === forward) return (index + 1) % count;
  if (key === back) return (index - 1 + count) % count;
  if (key === "Home") return 0;
  if (key === "End") return count - 1;
  return undefined;
}

export interface GridPlace {
  readonly row: number;
  readonly col: number;
}

/**
 * Where `key` moves in a grid whose rows hold controls at the given horizontal centres (left to
 * right), or undefined when it does not move. Up and down go to the nearest row that has controls,
 * to its control nearest in x; nothing wraps.
 */
export function moveInGrid(rows: readonly (readonly number[])[], at: GridPlace, key: string, ctrl = false): GridPlace | undefined {
  const row = rows[at.row];
  if (!row || row.length === 0) return undefined;
  const last = (r: number) => rows[r]!.length - 1;
  const filled = rows.flatMap((r, k) => (r.length > 0 ? [k] : []));
  switch (key) {
    case "ArrowLeft":
      return at.col > 0 ? { row: at.row, col: at.col - 1 } : undefined;
    case "ArrowRight":
      return at.col < last(at.row) ? { row: at.row, col: at.col + 1 } : undefined;
    case "Home":
      return ctrl ? { row: filled[0]!, col: 0 } : { row: at.row, col: 0 };
    case "End":
      return ctrl ? { row: filled.at(-1)!, col: last(filled.at(-1)!) } : { row: at.row, col: last(at.row) };
    case "ArrowUp":
    case "ArrowDown": {
      const target = key === "ArrowUp" ? filled.filter((k) => k < at.row).at(-1) : filled.find((k) => k > at.row);
      if (target === undefined) return undefined;
      const x = row[at.col]!;
      let best = 0;
      rows[target]!.forEach((cx, k) => {
        if (Math.abs(cx - x) < Math.abs(rows[target]![best]! - x)) best = k;
      });
      return { row: target, col: best };
    }
    default:
      return undefined;
  }
}

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
