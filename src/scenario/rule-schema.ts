/**
 * The names a scenario's rules may use. Apart from validation so that evaluating deals (in worker
 * threads too) does not load the schema library.
 */
import type { RuleSchema } from "../rules/index.js";

/** The names a rule may use: issues (with their options) and actors. */
export function ruleSchemaOf(data: { issues: readonly { id: string; kind?: string; options?: readonly { id: string }[] }[]; actors: readonly { id: string }[] }): RuleSchema {
  return {
    issues: data.issues.map((i) =>
      i.options && i.options.length > 0 ? { id: i.id, kind: "options" as const, options: i.options.map((o) => o.id) } : { id: i.id, kind: "numeric" as const },
    ),
    actors: data.actors.map((a) => a.id),
  };
}
