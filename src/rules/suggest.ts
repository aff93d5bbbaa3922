/** "Did you mean …?" suggestions for misspelt names. */

/** Names longer than this are not compared (keeps suggestion cost bounded on hostile input). */
const MAX_COMPARED_LENGTH = 64;

/**
 * The candidate closest to `name` by edit distance (ignoring case), if it is close enough
 * to be a plausible typo: at most a third of the name's length, and at least one edit allowed.
 */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  if (name.length > MAX_COMPARED_LENGTH) return undefined;
  const wanted = name.toLowerCase();
  const allowed = Math.max(1, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    if (candidate.length > MAX_COMPARED_LENGTH || candidate === name) continue;
    const distance = editDistance(wanted, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= allowed ? best : undefined;
}

/** " — did you mean 'x'?" or "" when nothing is close. */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  const suggestion = closestName(name, candidates);
  return suggestion === undefined ? "" : ` — did you mean '${suggestion}'?`;
}

/** Levenshtein distance, with adjacent transpositions counted as one edit. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const columns = b.length + 1;
  const table = new Array<number>(rows * columns).fill(0);
  const at = (row: number, column: number): number => table[row * columns + column] ?? 0;
  for (let row = 0; row < rows; row += 1) table[row * columns] = row;
  for (let column = 0; column < columns; column += 1) table[column] = column;
  for (let row = 1; row < rows; row += 1) {
    for (let column = 1; column < columns; column += 1) {
      const substitution = a[row - 1] === b[column - 1] ? 0 : 1;
      let distance = Math.min(at(row - 1, column) + 1, at(row, column - 1) + 1, at(row - 1, column - 1) + substitution);
      const transposed = row > 1 && column > 1 && a[row - 1] === b[column - 2] && a[row - 2] === b[column - 1];
      if (transposed) distance = Math.min(distance, at(row - 2, column - 2) + 1);
      table[row * columns + column] = distance;
    }
  }
  return at(a.length, b.length);
}
