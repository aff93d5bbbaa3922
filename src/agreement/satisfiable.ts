/**
 * Red lines that no outcome can meet, for validation warnings: each line is tried on a fine grid of the
 * issues it reads (every option, and 21 points of each numeric scale with its anchors and reference). Lines that read
 * utilities, or too many issues to try (more than {@link MAX_TRIES} points), are not judged. Pure.
 */
import { issueGrid } from "../deals/space.js";
import { evaluateRule, parseRule } from "../rules/index.js";
import { ruleSchemaOf } from "../scenario/rule-schema.js";
import type { Issue, Scenario } from "../scenario/types.js";
import { outcomeRuleContext } from "./context.js";
import { ruleDependencies } from "./dependencies.js";

/** Largest grid tried per red line. */
export const MAX_TRIES = 5_000;

/** The points of an issue tried: options, or 21 points of the scale with the anchors and the reference. */
function tryGrid(issue: Issue): { value: number; option: string | undefined }[] {
  if (issue.kind === "options") return issue.options.map((o) => ({ value: o.place, option: o.id }));
  const values = new Set(issueGrid(issue, (issue.max - issue.min) / 20) as number[]);
  for (const anchor of issue.anchors) values.add(anchor.value);
  if (issue.reference) values.add(issue.reference.value);
  return [...values].sort((a, b) => a - b).map((value) => ({ value, option: undefined }));
}

/** Every red line no outcome can meet: actor id, the line's index, and what was tried. */
export function unmeetableRedLines(scenario: Scenario): { actor: string; line: number; why: string }[] {
  const schema = ruleSchemaOf(scenario);
  const out: { actor: string; line: number; why: string }[] = [];
  const base = scenario.issues.map((issue) => ({ value: issue.reference?.value ?? issue.min, option: issue.reference?.option ?? issue.options[0]?.id }));
  const noUtility = (): number => Number.NaN;
  scenario.actors.forEach((actor) => {
    actor.redLines.forEach((line, k) => {
      const parsed = parseRule(line.rule, schema);
      if (!parsed.ok) return;
      const deps = ruleDependencies(parsed.rule);
      if (deps.utilities) return;
      const indices = scenario.issues.flatMap((issue, i) => (deps.issues.has(issue.id) ? [i] : []));
      const grids = indices.map((i) => tryGrid(scenario.issues[i]!));
      const count = grids.reduce((n, g) => n * g.length, 1);
      if (count > MAX_TRIES) return;
      const outcome = { values: base.map((p) => p.value), options: base.map((p) => p.option) };
      const context = outcomeRuleContext(scenario, outcome, { utility: noUtility, reservation: noUtility });
      for (let rank = 0; rank < count; rank++) {
        let rest = rank;
        for (let j = grids.length - 1; j >= 0; j--) {
          const grid = grids[j]!;
          const at = grid[rest % grid.length]!;
          outcome.values[indices[j]!] = at.value;
          outcome.options[indices[j]!] = at.option;
          rest = Math.floor(rest / grid.length);
        }
        if (evaluateRule(parsed.rule, context).value) return;
      }
      out.push({ actor: actor.id, line: k, why: indices.length === 0 ? "it reads no issue and is false" : `tried ${count} combinations of ${indices.map((i) => scenario.issues[i]!.id).join(", ")}` });
    });
  });
  return out;
}
