/** Small synthetic DEU III files and Council weights for the importer tests. */
import { DEU_ACTORS } from "../../src/importers/deu.js";

export const DEU_COLUMNS = ["prnr", "isnr", "intro", "finact", ...DEU_ACTORS.map((a) => `p${a.id}`), ...DEU_ACTORS.map((a) => `s${a.id}`), "rp", "out"];

/** A DEU TSV with the given rows (cells by column name; missing cells blank), header quoted like the real file. */
export function deuTsv(rows: readonly Record<string, string>[]): string {
  const header = DEU_COLUMNS.map((c) => `"${c}"`).join("\t");
  return [header, ...rows.map((row) => DEU_COLUMNS.map((c) => row[c] ?? "").join("\t"))].join("\n") + "\n";
}

/**
 * Weights with distinguishable regimes: every state 1 vote in v15, 2 in v25, population 3 — except
 * Germany (10, 29, 800), France (10, 29, 600), Poland (not in v15), Croatia (no p2012, p2014a 40).
 */
export function weightsCsv(): string {
  const lines = ["country,v15,v25,p2012,p2014a"];
  for (const actor of DEU_ACTORS) {
    if (actor.country === undefined) continue;
    const special: Record<string, string> = {
      Germany: "10,29,800,800",
      France: "10,29,600,600",
      Poland: ",27,3,3",
      Croatia: ",7,,40",
    };
    lines.push(`${actor.country},${special[actor.country] ?? "1,2,3,3"}`);
  }
  return lines.join("\n") + "\n";
}
