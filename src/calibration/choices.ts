/**
 * What the command line may choose about calibrated intervals: the features to condition on and the
 * level. A module without imports, so that declaring the CLI's options stays light.
 */

/** The features, with the categories each splits cases into. */
export const CONDITIONS = {
  reference: "whether the case has a reference point (status quo): with / without",
  rule: "the Council's voting rule: qmv / unanimity / unknown",
  spread: "the spread of the positions: standard deviation below 35 points of 100 / 35 or more",
  actors: "the number of actors with a position: fewer than 17 / 17 or more",
} as const;
export type Condition = keyof typeof CONDITIONS;
export const CONDITION_IDS = Object.keys(CONDITIONS) as Condition[];

/**
 * A level from the command line or a file: a fraction in (0, 1) or a percentage in (1, 100)
 * ("80", "80%", "0.8"); undefined when it is neither.
 */
export function parseLevel(text: string): number | undefined {
  const trimmed = text.trim();
  const percent = trimmed.endsWith("%");
  const value = Number(percent ? trimmed.slice(0, -1) : trimmed);
  if (trimmed === "" || !Number.isFinite(value)) return undefined;
  const fraction = percent || value >= 1 ? value / 100 : value;
  return fraction > 0 && fraction < 1 ? fraction : undefined;
}
