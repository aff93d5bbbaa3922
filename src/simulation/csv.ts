/**
 * A simulated run's trace and a tournament's table as CSV (RFC 4180, `files/csv.ts`), for a
 * spreadsheet: the same numbers as `parley simulate --json`, one record per turn or per profile. Pure.
 */
import { toCsv, type CsvValue } from "../files/csv.js";
import type { SimulationResult } from "./simulate.js";
import type { TournamentReport } from "./tournament-report.js";

/**
 * One record per turn: the round (1-based), the party, its action, the outcome offered or accepted
 * (one column per issue: a value on its grid or an option id; blank for a walk-away) and every party's
 * utility of it. `issues` and `parties` give the columns' order (the scenario's).
 */
export function traceCsv(result: SimulationResult, issues: readonly string[], parties: readonly string[]): string {
  const header: CsvValue[] = ["round", "party", "action", ...issues, ...parties.map((p) => `utility ${p}`)];
  const rows = result.trace.map((entry): CsvValue[] => [
    entry.round,
    entry.party,
    entry.action,
    ...issues.map((id) => entry.offer?.[id]),
    ...parties.map((p) => entry.utilities?.[p]),
  ]);
  return toCsv([header, ...rows]);
}

/** One record per profile: each player's strategy, the games, the agreement rate, the mean round of agreement and each party's mean utility. */
export function tournamentCsv(report: TournamentReport): string {
  const parties = Object.keys(report.profiles[0]?.utilities ?? {});
  const header: CsvValue[] = [...report.players.map((p) => `strategy ${p}`), "games", "agreement rate", "mean round", ...parties.map((p) => `mean utility ${p}`)];
  const rows = report.profiles.map((row): CsvValue[] => [
    ...report.players.map((p) => row.strategies[p]),
    row.games,
    row.agreementRate,
    row.meanRound,
    ...parties.map((p) => row.utilities[p]),
  ]);
  return toCsv([header, ...rows]);
}
