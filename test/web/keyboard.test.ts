import { describe, expect, it } from "vitest";
import { moveInGrid, nextInList } from "../../web/src/keyboard.js";

describe("arrow keys in a tab list", () => {
  it("wraps and jumps to the ends", () => {
    expect(nextInList(7, 6, "ArrowRight")).toBe(0);
    expect(nextInList(7, 0, "ArrowLeft")).toBe(6);
    expect(nextInList(7, 3, "Home")).toBe(0);
    expect(nextInList(7, 3, "End")).toBe(6);
    expect(nextInList(7, 3, "ArrowDown")).toBeUndefined();
    expect(nextInList(7, 3, "ArrowDown", "vertical")).toBe(4);
    expect(nextInList(0, 0, "ArrowRight")).toBeUndefined();
  });
});

describe("arrow keys in a grid of controls", () => {
  // A capability row (input and pin per actor), an issue row (issue name, then position, salience
  // and pin per actor) and a row without controls.
  const rows = [[110, 140, 210, 240], [20, 100, 125, 150, 200, 225, 250], [], [20, 100, 125, 150, 200, 225, 250]];

  it("moves along a row without wrapping", () => {
    expect(moveInGrid(rows, { row: 1, col: 0 }, "ArrowRight")).toEqual({ row: 1, col: 1 });
    expect(moveInGrid(rows, { row: 1, col: 6 }, "ArrowRight")).toBeUndefined();
    expect(moveInGrid(rows, { row: 1, col: 0 }, "ArrowLeft")).toBeUndefined();
  });

  it("moves up and down to the nearest control on screen, skipping rows without controls", () => {
    expect(moveInGrid(rows, { row: 0, col: 2 }, "ArrowDown")).toEqual({ row: 1, col: 4 });
    expect(moveInGrid(rows, { row: 1, col: 5 }, "ArrowDown")).toEqual({ row: 3, col: 5 });
    expect(moveInGrid(rows, { row: 3, col: 0 }, "ArrowUp")).toEqual({ row: 1, col: 0 });
    expect(moveInGrid(rows, { row: 1, col: 0 }, "ArrowUp")).toEqual({ row: 0, col: 0 });
    expect(moveInGrid(rows, { row: 0, col: 0 }, "ArrowUp")).toBeUndefined();
  });

  it("goes to a row's ends with Home and End, and the grid's with Ctrl", () => {
    expect(moveInGrid(rows, { row: 1, col: 3 }, "Home")).toEqual({ row: 1, col: 0 });
    expect(moveInGrid(rows, { row: 1, col: 3 }, "End")).toEqual({ row: 1, col: 6 });
    expect(moveInGrid(rows, { row: 1, col: 3 }, "Home", true)).toEqual({ row: 0, col: 0 });
    expect(moveInGrid(rows, { row: 1, col: 3 }, "End", true)).toEqual({ row: 3, col: 6 });
    expect(moveInGrid(rows, { row: 1, col: 3 }, "a")).toBeUndefined();
  });
});
