/**
 * The briefing's simulation section: how the talks unfold under the scenario's strategies (or the
 * defaults) — agreement or breakdown, in which round, the deal, how far each party at the table conceded
 * (its own utility of its first and last offers) — and, with a Monte Carlo run, the agreement rate and
 * the rounds to agreement. Built from the numbers of `simulateScenario` and `simulateRuns`
 * (src/simulation, docs/simulation.md); the words, English or Chinese, from those numbers only. Pure
 * apart from the one simulated run.
 */
import { DealError } from "../deals/preferences.js";
import { text, type Language } from "../scenario/label.js";
import type { Scenario } from "../scenario/types.js";
import { SimulationError, simulateRuns, simulateScenario, type SimulationRunsOptions, type SimulationRunsReport } from "../simulation/index.js";
import type { Strategy } from "../simulation/negotiators/names.js";
import { STRATEGY_LABELS } from "../i18n/strategies.js";

/** A party at the table, as its concession path summarises it. */
export interface SimulatedParty {
  readonly actor: string;
  readonly strategy: Strategy;
  /** Offers it made. */
  readonly offers: number;
  /** Its own utility of its first and of its last offer (undefined when it made none). */
  readonly opening?: number;
  readonly closing?: number;
  /** What it gets: its utility of the deal, or its walk-away value on breakdown. */
  readonly utility: number;
}

/** What a Monte Carlo of the talks hands the briefing: a subset of `SimulationRunsReport`. */
export type SimulationRunsInput = Pick<SimulationRunsReport, "runs" | "completed" | "partial" | "seed" | "agreementRate" | "breakdowns" | "rounds">;

export interface SimulationBriefing {
  readonly deadline: number;
  readonly outcome: "agreement" | "breakdown";
  /** 1-based round in which the talks ended. */
  readonly round: number;
  readonly reason?: "deadline" | "walk-away" | "collapse";
  readonly walkedAway?: string;
  /** Per issue: a value on its grid or an option id; absent on breakdown. */
  readonly deal?: Readonly<Record<string, number | string>>;
  readonly parties: readonly SimulatedParty[];
  readonly runs?: SimulationRunsInput;
}

/** The run as written (the scenario's `simulation` settings, else the defaults), or why there is none. */
export function simulationBriefing(scenario: Scenario, runs?: SimulationRunsInput): SimulationBriefing | { readonly skipped: string } {
  let result: ReturnType<typeof simulateScenario>;
  try {
    result = simulateScenario(scenario);
  } catch (error) {
    if (error instanceof SimulationError || error instanceof DealError) return { skipped: error.message };
    throw error;
  }
  const parties = result.order.map((actor): SimulatedParty => {
    const path = result.paths[actor] ?? [];
    return {
      actor,
      strategy: result.strategies[actor]!,
      offers: path.length,
      ...(path.length > 0 ? { opening: path[0]!, closing: path[path.length - 1]! } : {}),
      utility: result.utilities[actor]!,
    };
  });
  return {
    deadline: result.deadline,
    outcome: result.outcome,
    round: result.round,
    ...(result.reason ? { reason: result.reason } : {}),
    ...(result.walkedAway !== undefined ? { walkedAway: result.walkedAway } : {}),
    ...(result.deal ? { deal: result.deal } : {}),
    parties,
    ...(runs ? { runs } : {}),
  };
}

/**
 * The Monte Carlo of the talks for a briefing (`parley report --runs`: `simulateRuns` with the scenario's
 * settings); undefined when the scenario cannot be simulated (then the section says why, from the run as written).
 */
export async function briefingSimulation(scenario: Scenario, options: SimulationRunsOptions): Promise<SimulationRunsReport | undefined> {
  try {
    return await simulateRuns(scenario, options);
  } catch (error) {
    if (error instanceof SimulationError || error instanceof DealError) return undefined;
    throw error;
  }
}

const fixed = (value: number): string => value.toFixed(2);
const percent = (share: number): string => `${Math.round(share * 100)} %`;

/** The section in plain text (the renderer escapes): title, the run's sentence, one line per party, the deal, the Monte Carlo sentence. */
export function simulationSectionText(
  section: SimulationBriefing | { readonly skipped: string },
  scenario: Scenario,
  language: Language,
): { title: string; intro: string; items: string[]; deal?: string; runs?: string } {
  const zh = language === "zh";
  const title = zh ? "谈判推演" : "How the talks unfold";
  if ("skipped" in section) return { title, intro: zh ? `无法推演谈判：${section.skipped}` : `The talks could not be simulated: ${section.skipped}`, items: [] };
  const actor = (id: string): string => text(scenario.actors.find((a) => a.id === id)?.name, language) || id;
  const intro = runSentence(section, actor, zh);
  const items = section.parties.map((p) => partyLine(p, actor(p.actor), section.outcome === "agreement", zh));
  const deal = section.deal ? dealLine(section.deal, scenario, language) : undefined;
  return { title, intro, items, ...(deal !== undefined ? { deal } : {}), ...(section.runs ? { runs: runsSentence(section.runs, zh) } : {}) };
}

function runSentence(s: SimulationBriefing, actor: (id: string) => string, zh: boolean): string {
  // Strategies by their labels (which carry their own brackets), so each party is "name: strategy".
  const table = s.parties.map((p) => `${actor(p.actor)}${zh ? "：" : ": "}${STRATEGY_LABELS[zh ? "zh" : "en"][p.strategy]}`).join(zh ? "；" : "; ");
  if (zh) {
    const protocol = `按轮流出价协议（SAOP，最多 ${s.deadline} 轮）推演，谈判方——${table}。`;
    if (s.outcome === "agreement") return `${protocol}第 ${s.round} 轮达成协议。`;
    if (s.reason === "walk-away") return `${protocol}第 ${s.round} 轮${actor(s.walkedAway ?? "")}退出，谈判破裂。`;
    if (s.reason === "collapse") return `${protocol}第 ${s.round} 轮谈判意外中断。`;
    return `${protocol}到第 ${s.round} 轮截止仍无协议，谈判破裂。`;
  }
  const protocol = `Played out under stacked alternating offers (SAOP, at most ${s.deadline} rounds) — ${table} — the talks`;
  if (s.outcome === "agreement") return `${protocol} reach an agreement in round ${s.round}.`;
  if (s.reason === "walk-away") return `${protocol} break down in round ${s.round}: ${actor(s.walkedAway ?? "")} walks away.`;
  if (s.reason === "collapse") return `${protocol} collapse in round ${s.round}.`;
  return `${protocol} break down at the deadline (round ${s.round}) without agreement.`;
}

function partyLine(p: SimulatedParty, name: string, agreed: boolean, zh: boolean): string {
  const outcome = agreed ? (zh ? `协议对其效用 ${fixed(p.utility)}` : `the deal is worth ${fixed(p.utility)} to it`) : zh ? `得到退出值 ${fixed(p.utility)}` : `it gets its walk-away value, ${fixed(p.utility)}`;
  if (p.opening === undefined || p.closing === undefined) return zh ? `${name}：未出价；${outcome}。` : `${name} makes no offer; ${outcome}.`;
  const conceded = p.opening - p.closing;
  if (zh) return `${name}：出价 ${p.offers} 次，自身效用从 ${fixed(p.opening)} 让到 ${fixed(p.closing)}（让步 ${fixed(conceded)}）；${outcome}。`;
  return `${name} makes ${p.offers} offer${p.offers === 1 ? "" : "s"}, from ${fixed(p.opening)} to ${fixed(p.closing)} in its own utility (concedes ${fixed(conceded)}); ${outcome}.`;
}

function dealLine(deal: Readonly<Record<string, number | string>>, scenario: Scenario, language: Language): string {
  const parts = scenario.issues.map((issue) => {
    const value = deal[issue.id];
    const shown = typeof value === "string" ? text(issue.options.find((o) => o.id === value)?.label, language) || value : String(value);
    return `${text(issue.name, language) || issue.id}${language === "zh" ? "：" : ": "}${shown}`;
  });
  return language === "zh" ? `协议内容——${parts.join("；")}。` : `The deal — ${parts.join("; ")}.`;
}

function runsSentence(r: SimulationRunsInput, zh: boolean): string {
  const q = Object.fromEntries(Object.entries(r.rounds.quantiles).map(([k, v]) => [k, Number(v.toFixed(1))]));
  const rounds =
    r.rounds.n > 0 && q.p5 !== undefined && q.p50 !== undefined && q.p95 !== undefined
      ? zh
        ? `达成协议所需轮数中位数 ${q.p50}（5–95%：${q.p5}–${q.p95}）`
        : `rounds to agreement: median ${q.p50} (5–95 %: ${q.p5}–${q.p95})`
      : undefined;
  const b = r.breakdowns;
  const partial = r.partial ? (zh ? `（中断，已完成 ${r.completed} 次）` : ` (interrupted after ${r.completed.toLocaleString("en")})`) : "";
  if (zh) {
    return `在 ${r.runs} 次抽样推演中${partial}，${percent(r.agreementRate)}达成协议（截止破裂 ${percent(b.deadline)}，退出 ${percent(b["walk-away"])}，中断 ${percent(b.collapse)}）${rounds ? `；${rounds}` : ""}。`;
  }
  return `Over ${r.runs.toLocaleString("en")} sampled scenarios${partial} the talks agree in ${percent(r.agreementRate)} (break down at the deadline ${percent(b.deadline)}, by walk-away ${percent(b["walk-away"])}, by collapse ${percent(b.collapse)})${rounds ? `; ${rounds}` : ""}.`;
}
