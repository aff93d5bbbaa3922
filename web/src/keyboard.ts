/**
 * Keyboard movement in composite widgets, after the WAI-ARIA Authoring Practices: a tab list and a
 * grid are each one tab stop (roving tabindex), and the arrow keys move inside them.
 *
 * The grid works as a spreadsheet does. Focus on a cell's control selects its text; the arrow keys
 * then move to the neighbouring control (↑ ↓ to the nearest one in the row above or below, by
 * position on the screen, since rows hold different numbers of controls), Home and End to the
 * row's ends, Ctrl+Home and Ctrl+End to the grid's. Typing, Enter, F2 or a click starts editing the
 * control, where the arrow keys are its own again (a number steps with ↑ ↓); Enter or Escape ends
 * editing. The moves are pure functions here; the grid's hook is in useGridKeys.ts.
 */
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
