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
  /** The first time it was realised: positions [i on q, j on p] before and after, in each issue's units. */
  readonly from: readonly [number, number];
  readonly to: readonly [number, number];
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

/** "China's", "United States'". */
function possessive(name: string): string {
  return /s$/.test(name) ? `${name}'` : `${name}'s`;
}

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
  return `${actor(i)} moves on ${issue(q)} (${move(0)}) in return for ${possessive(actor(j))} move on ${issue(p)} (${move(1)})${capped}; ${gains}.`;
}

function gainText(gains: readonly [number, number], language: Language): string {
  const same = Math.abs(gains[0] - gains[1]) <= 1e-9 * Math.max(1, Math.abs(gains[0]));
  if (language === "zh") return same ? `双方各得 ${number(gains[0])}` : `所得 ${number(gains[0])} / ${number(gains[1])}`;
  return same ? `each gains ${number(gains[0])}` : `gains ${number(gains[0])} and ${number(gains[1])}`;
}

/** The run's trades, grouped by actors and issues, largest total gain first. */
export function tradesOf(result: ForecastResult): Trade[] {
  const trades = new Map<string, { actors: [string, string]; issues: [string, string]; from: [number, number]; to: [number, number]; gains: [number, number]; rounds: number[] }>();
  for (const round of result.rounds ?? []) {
    for (const e of round.exchanges ?? []) {
      const key = `${e.actors.join("\u0000")}\u0001${e.issues.join("\u0000")}`;
      const trade = trades.get(key) ?? { actors: [...e.actors], issues: [...e.issues], from: [...e.from], to: [...e.to], gains: [0, 0], rounds: [] };
      trade.gains[0] += e.gains[0];
      trade.gains[1] += e.gains[1];
      if (!trade.rounds.includes(round.round)) trade.rounds.push(round.round);
      trades.set(key, trade);
    }
  }
  return [...trades.values()].sort((a, b) => b.gains[0] + b.gains[1] - (a.gains[0] + a.gains[1]));
}

/** "United States moves on Sanctions relief (0 → 30) in return for North Korea's move on Declaration (0 → 100); again in 2 later rounds; gains 1.2 each in all." */
export function tradeSentence(trade: Trade, scenario: Scenario, language: Language): string {
  const { actor, issue } = names(scenario, language);
  const [i, j] = trade.actors;
  const [p, q] = trade.issues;
  const move = (k: 0 | 1): string => `${number(trade.from[k])} → ${number(trade.to[k])}`;
  const later = trade.rounds.length - 1;
  const first = trade.rounds[0];
  const gains = gainText(trade.gains, language);
  if (language === "zh") {
    const again = later > 0 ? `，此后又有 ${later} 轮` : "";
    return `${actor(i)}在${issue(q)}上让步（${move(0)}），换取${actor(j)}在${issue(p)}上让步（${move(1)}）：第 ${first} 轮${again}；合计${gains}。`;
  }
  const again = later > 0 ? ` and again in ${later} later round${later > 1 ? "s" : ""}` : "";
  return `${actor(i)} moves on ${issue(q)} (${move(0)}) in return for ${possessive(actor(j))} move on ${issue(p)} (${move(1)}): round ${first}${again}; in all, ${gains}.`;
}

/** What the briefing says about the exchange model's run. */
export interface ExchangeBriefing {
  readonly rounds: number;
  readonly exchanges: number;
  /** The largest trades (by total gain), at most {@link TRADES_IN_BRIEFING}. */
  readonly trades: readonly Trade[];
  readonly totalTrades: number;
}

export const TRADES_IN_BRIEFING = 6;

export function exchangeBriefing(result: ForecastResult | undefined): ExchangeBriefing | undefined {
  if (!result?.rounds?.some((r) => r.exchanges !== undefined)) return undefined;
  const trades = tradesOf(result);
  return {
    rounds: result.rounds.filter((r) => (r.exchanges?.length ?? 0) > 0).length,
    exchanges: result.rounds.reduce((n, r) => n + (r.exchanges?.length ?? 0), 0),
    trades: trades.slice(0, TRADES_IN_BRIEFING),
    totalTrades: trades.length,
  };
}

/** The section's title, its introduction and one sentence per trade, in plain text (the renderer escapes). */
export function exchangeSectionText(section: ExchangeBriefing, scenario: Scenario, language: Language): { title: string; intro: string; items: string[] } {
  const zh = language === "zh";
  const title = zh ? "交换（Stokman 交换模型）" : "Trades (Stokman's exchange model)";
  const intro =
    section.exchanges === 0
      ? zh
        ? "交换模型找不到对双方都有利的交换：各方在每对议题上的相对重视程度没有互补。"
        : "The exchange model finds no exchange that benefits both sides: no two actors value a pair of issues in complementary ways."
      : zh
        ? `交换模型中，各方在 ${section.rounds} 轮里实现了 ${section.exchanges} 次交换（${section.totalTrades} 种不同交易）：每一方在较不重视的议题上让步，换取对方在其更重视的议题上让步。收益最大的交易：`
        : `In the exchange model the actors realise ${section.exchanges} exchanges over ${section.rounds} rounds (${section.totalTrades} distinct trades): each gives ground on the issue it cares less about in return for ground on the one it cares more about. The largest trades:`;
  return { title, intro, items: section.trades.map((trade) => tradeSentence(trade, scenario, language)) };
}
