/**
 * A valid scenario of `n` actors on one issue, about 90 characters an actor: a large save, for the
 * save-validation tests and the server bench alike.
 */
export function crowdScenario(n: number, id = "crowd"): string {
  const ids = Array.from({ length: n }, (_, k) => `a${k}`);
  return [
    "parley: 1",
    `id: ${id}`,
    "title: A crowd",
    "actors:",
    ...ids.map((a, k) => `  - {id: ${a}, name: Actor ${k}, capability: ${1 + (k % 97)}}`),
    "issues:",
    "  - {id: tax, name: Tax, scale: {min: 0, max: 100}, reference: 20}",
    "stances:",
    ...ids.map((a, k) => `  ${a}: {tax: {position: ${k % 101}, salience: ${1 + (k % 100)}}}`),
    "",
  ].join("\n");
}
