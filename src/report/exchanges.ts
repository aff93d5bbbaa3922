/**
 * Words for the exchange model's trades, built from the numbers of a run: who moved on which issue, how
 * far, in return for whose move on which other issue, and what each side gained. Used by the CLI table, the
 * briefing and the workbench. Pure.
 */
import type { ForecastExchange, ForecastResult } from "../forecast.js";
import { text, type Language } from "../scenario/label.js";
import type { Scenario } from "../scenario/types.js";

/** One trade of the run: the same two actors moving on the same two issues, summed over the rounds. */
export interface Trade {
  /** [i, j]: i moves on `issues[1]` (q), j on `issues[0]` (p). */
  readonly actors: readonly [string, string];
  readonly issues: readonly [string, string];
  /** Summed moves [i on q, j on p] in each issue's units, signed. */
  readonly moves: readonly [number, number];
  /** Summed gains [i, j]. */
  readonly gains: readonly [number, number];
  /** Rounds in which the trade was realised (1-based). */
  readonly rounds: readonly number[];
}

const number = (value: number): string => {
  const magnitude = Math.abs(value);
  const digits = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3;
  return Number(value.toFixed(digits)).toString();
};

function names(scenario: Scenario, language: Language) {
  return {
    actor: (id: string): string => { const found = scenario.actors.find((a) => a.id === id); return found ? text(found.name, language) : id; },
    issue: (id: string): string => { const found = scenario.issues.find((i) => i.id === id); return found ? text(found.name, language) : id; },
  };
}

/** "United States moves on Sanctions relief (0 → 12.5) in return for China's move on Missile scope (50 → 40); gains 0.031 each." */
export function exchangeSentence(exchange: ForecastExchange, scenario: Scenario, language: Language): string {
  const { actor, issue } = names(scenario, language);
  const [i, j] = exchange.actors;
  const [p, q] = exchange.issues;
  const move = (k: 0 | 1): string => `${number(exchange.from[k])} → ${number(exchange.to[k])}`;
  const gains = gainText(exchange.gains, language);
  const capped = exchange.capped ? (language === "zh" ? "（因不越过对方立场而缩小）" : " (shortened so as not to push the outcome past the partner)") : "";
  if (language === "zh") return `${actor(i)}在${issue(q)}上让步（${move(0)}），换取${actor(j)}在${issue(p)}上让步（${move(1)}）${capped}；${gains}。`;
  return `${actor(i)} moves on ${issue(q)} (${move(0)}) in return for ${actor(j)}'s move on ${issue(p)} (${move(1)})${capped}; ${gains}.`;
}

function gainText(gains: readonly [number, number], language: Language): string {
  const same = Math.abs(gains[0] - gains[1]) <= 1e-9 * Math.max(1, Math.abs(gains[0]));
  if (language === "zh") return same ? `双方各得 ${number(gains[0])}` : `所得 ${number(gains[0])} / ${number(gains[1])}`;
  return same ? `each gains ${number(gains[0])}` : `gains ${number(gains[0])} and ${number(gains[1])}`;
}

/** The run's trades, grouped by actors and issues, largest total gain first. */
export function tradesOf(result: ForecastResult): Trade[] {
  const trades = new Map<string, { actors: [string, string]; issues: [string, string]; moves: [number, number]; gains: [number, number]; rounds: number[] }>();
  for (const round of result.rounds ?? []) {
    for (const e of round.exchanges ?? []) {
      const key = `${e.actors.join("\u0000")}\u0001${e.issues.join("\u0000")}`;
      const trade = trades.get(key) ?? { actors: [...e.actors], issues: [...e.issues], moves: [0, 0], gains: [0, 0], rounds: [] };
      trade.moves[0] += e.moves[0];
      trade.moves[1] += e.moves[1];
      trade.gains[0] += e.gains[0];
      trade.gains[1] += e.gains[1];
      if (!trade.rounds.includes(round.round)) trade.rounds.push(round.round);
      trades.set(key, trade);
    }
  }
  return [...trades.values()].sort((a, b) => b.gains[0] + b.gains[1] - (a.gains[0] + a.gains[1]));
}

/** "United States moves on sanctions by 12.5 in return for China's move on missiles by −10 (rounds 1–3; gains 0.1 each)." */
export function tradeSentence(trade: Trade, scenario: Scenario, language: Language): string {
  const { actor, issue } = names(scenario, language);
  const [i, j] = trade.actors;
  const [p, q] = trade.issues;
  const signed = (v: number): string => (v > 0 ? `+${number(v)}` : number(v));
  const rounds = trade.rounds.length === 1 ? `${trade.rounds[0]}` : `${trade.rounds[0]}–${trade.rounds[trade.rounds.length - 1]}`;
  const gains = gainText(trade.gains, language);
  if (language === "zh") {
    return `${actor(i)}在${issue(q)}上让步 ${signed(trade.moves[0])}，换取${actor(j)}在${issue(p)}上让步 ${signed(trade.moves[1])}（第 ${rounds} 轮，${trade.rounds.length} 次；${gains}）。`;
  }
  const times = trade.rounds.length === 1 ? `round ${rounds}` : `${trade.rounds.length} rounds, ${rounds}`;
  return `${actor(i)} moves on ${issue(q)} by ${signed(trade.moves[0])} in return for ${actor(j)}'s move on ${issue(p)} by ${signed(trade.moves[1])} (${times}; ${gains}).`;
}
