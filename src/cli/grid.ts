/**
 * `--step` of `analyze`, `agreement` and `simulate`: the grid is counted before it is built (the same
 * count the server checks, `gridSize`), and one too large is refused with exit 2 (docs/cli-limits.md).
 */
import { gridSize, MAX_ISSUE_GRID } from "../deals/space.js";
import type { Scenario } from "../scenario/types.js";
import { UsageError } from "./io.js";

/** Refuses, naming the step and how to ask for less, a grid with more than `max` outcomes or an issue over the per-issue limit. */
export function checkGrid(scenario: Scenario, step: number | undefined, max: number, command: string): number {
  const { outcomes, largest } = gridSize(scenario, step);
  const grid = step === undefined ? "the scenario's grid (its issues' anchors)" : `--step ${step}`;
  const coarser = step === undefined ? "fewer issues or options" : "a larger --step";
  if (outcomes > max) {
    throw new UsageError(`${grid} gives ${count(outcomes)} outcomes, more than the ${count(max)} parley ${command} accepts; use ${coarser}`);
  }
  if (largest.values > MAX_ISSUE_GRID) {
    throw new UsageError(`${grid} cuts issue ${largest.issue} into ${count(largest.values)} values, more than the ${count(MAX_ISSUE_GRID)} an issue may have; use ${coarser}`);
  }
  return outcomes;
}

/** In full while exact, then in scientific notation (a float beyond 2⁵³ is not exact anyway). */
function count(n: number): string {
  return n <= Number.MAX_SAFE_INTEGER ? n.toLocaleString("en") : n.toExponential(2).replace("e+", "e");
}
