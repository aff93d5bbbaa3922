/** The shape of a tournament's table (no imports of code: the workbench reads it too). */
import type { Strategy } from "./negotiators/names.js";

export interface ProfileRow {
  readonly strategies: Readonly<Record<string, Strategy>>;
  readonly games: number;
  readonly agreementRate: number;
  /** Mean round of agreement (NaN when none agreed). */
  readonly meanRound: number;
  /** Per party, mean utility (walk-away value on breakdown). */
  readonly utilities: Readonly<Record<string, number>>;
}

export interface TournamentReport {
  readonly scenario: string;
  readonly pool: readonly Strategy[];
  readonly players: readonly string[];
  readonly runs: number;
  readonly sampled: boolean;
  readonly seed: number;
  readonly partial: boolean;
  readonly profiles: readonly ProfileRow[];
  /** Per player and strategy: its mean utility and the agreement rate over the profiles where it plays that strategy. */
  readonly byPlayer: readonly { readonly player: string; readonly strategies: readonly { readonly strategy: Strategy; readonly meanUtility: number; readonly agreementRate: number }[] }[];
}

