/**
 * `parley simulate FILE...`: the talks played out by negotiating agents under stacked alternating offers
 * (docs/simulation.md) — one run with its trace, a Monte Carlo over the scenario's uncertainty (`--runs`),
 * or a tournament of strategy profiles (`--tournament`). FILE is a scenario, or a GENIUS / GeniusWeb /
 * NegoLog domain with its profiles.
 */
import { loadInput } from "../../files/input.js";
import { isNegotiationInput, loadNegotiation } from "../../files/negotiation-files.js";
import { text, type Language } from "../../scenario/label.js";
import type { NegotiationInputFormat } from "../../files/formats.js";
import type { Scenario } from "../../scenario/types.js";
import {
  dealValues,
  domainSetup,
  domainTournament,
  simulate,
  simulateDomainRuns,
  simulateRuns,
  simulateScenario,
  startSimulationWorkers,
  tournament,
  type SimulationResult,
  type SimulationRunsReport,
  type TournamentReport,
} from "../../simulation/index.js";
import { MAX_SIMULATION_OUTCOMES } from "../../simulation/stakes.js";
import { EXIT_INTERRUPTED } from "../../uncertainty/interrupt.js";
import { formatNumber, table } from "../format.js";
import { checkGrid } from "../grid.js";
import { EXIT, UsageError, type CliIo } from "../io.js";
import { describeEvaluation } from "./deal.js";
import { longRun } from "../long-run.js";

export interface SimulateCommandOptions {
  /** `ACTOR=STRATEGY`, or a bare strategy for every party. */
  readonly strategy: readonly string[];
  readonly deadline?: number;
  readonly seed?: number;
  readonly runs?: number;
  readonly collapse?: number;
  readonly step?: number;
  readonly order: readonly string[];
  readonly vary: readonly string[];
  readonly tournament: readonly string[];
  readonly players: readonly string[];
  readonly workers?: number;
  readonly trace: boolean;
  readonly json: boolean;
  readonly language?: Language;
  readonly from?: NegotiationInputFormat;
  readonly signal?: AbortSignal;
}

function parseStrategies(assignments: readonly string[]): { strategies: Record<string, string>; defaultStrategy?: string } {
  const strategies: Record<string, string> = {};
  let defaultStrategy: string | undefined;
  for (const assignment of assignments) {
    const match = /^([^=]+)=(.+)$/.exec(assignment);
    if (!match) {
      defaultStrategy = assignment.trim();
      continue;
    }
    strategies[match[1]!.trim()] = match[2]!.trim();
  }
  return { strategies, ...(defaultStrategy !== undefined ? { defaultStrategy } : {}) };
}

export async function simulateCommand(files: readonly string[], options: SimulateCommandOptions, io: CliIo): Promise<number> {
  const domain = isNegotiationInput(files, options.from);
  if (!domain && files.length > 1) throw new UsageError("give one scenario file, or a GENIUS domain and its profiles");
  // A scenario's Monte Carlo runs on worker threads: they start now, while the scenario is read and checked.
  if (!domain && options.runs !== undefined && options.tournament.length === 0) startSimulationWorkers(options.runs, options.workers);
  const { strategies, defaultStrategy } = parseStrategies(options.strategy);
  const common = {
    strategies,
    ...(defaultStrategy !== undefined ? { defaultStrategy } : {}),
    ...(options.deadline !== undefined ? { deadline: options.deadline } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.collapse !== undefined ? { collapse: options.collapse } : {}),
    ...(options.step !== undefined ? { step: options.step } : {}),
    ...(options.order.length > 0 ? { order: options.order } : {}),
    ...(options.workers !== undefined ? { workers: options.workers } : {}),
  };
  const scenario = domain ? undefined : loadInput(files[0]!, options.from === "genius" ? undefined : options.from);
  if (scenario) checkGrid(scenario, options.step, MAX_SIMULATION_OUTCOMES, "simulate");
  const negotiation = domain ? loadNegotiation(files) : undefined;
  const id = scenario?.id ?? files.map((f) => f.split(/[\\/]/).pop()).join("+");
  const language = options.language ?? scenario?.language ?? "en";

  if (options.tournament.length > 0) {
    const report = await longRun(io, options, async (control) => {
      const opts = { ...common, pool: options.tournament, players: options.players, ...(options.runs !== undefined ? { runs: options.runs } : {}), ...control };
      return scenario ? tournament(scenario, opts) : domainTournament(id, domainSetup(negotiation!), opts);
    });
    io.out(options.json ? JSON.stringify(report, null, 2) : tournamentTable(report));
    if (report.partial) io.err("interrupted: the table covers the games that finished");
    return report.partial ? EXIT_INTERRUPTED : EXIT.ok;
  }

  if (options.runs !== undefined) {
    const report = await longRun(io, options, async (control) => {
      const opts = { ...common, runs: options.runs!, strategyPool: options.vary, ...control };
      return scenario ? simulateRuns(scenario, opts) : simulateDomainRuns(id, domainSetup(negotiation!), opts);
    });
    io.out(options.json ? JSON.stringify(report, null, 2) : runsTable(report));
    if (report.partial) io.err(`interrupted: the summary covers ${report.completed} of ${report.runs} runs`);
    return report.partial ? EXIT_INTERRUPTED : EXIT.ok;
  }
  if (options.vary.length > 0) throw new UsageError("--vary-strategies draws strategies per Monte Carlo run; give --runs too");

  const result = scenario ? simulateScenario(scenario, common) : simulate(domainSetup(negotiation!), common);
  if (options.json) {
    io.out(JSON.stringify(result, null, 2));
    return EXIT.ok;
  }
  io.out(describeResult(scenario, result, language, options.trace));
  return EXIT.ok;
}

function partyName(scenario: Scenario | undefined, id: string, language: Language): string {
  const actor = scenario?.actors.find((a) => a.id === id);
  return actor ? text(actor.name, language) || id : id;
}

/** The shown part of a trace: everything with --trace, else the last turns. */
const TRACE_TAIL = 12;

export function describeResult(scenario: Scenario | undefined, result: SimulationResult & { evaluation?: Parameters<typeof describeEvaluation>[2] }, language: Language, fullTrace: boolean): string {
  const lines: string[] = [];
  const strategies = Object.entries(result.strategies).map(([id, s]) => `${id} ${s}`).join(", ");
  lines.push(`Simulated talks (stacked alternating offers): ${strategies}; deadline ${result.deadline} rounds${result.collapse > 0 ? `, collapse chance ${result.collapse} a round` : ""}; seed ${result.seed}`);
  if (result.outcome === "agreement") lines.push(`Agreement in round ${result.round} of ${result.deadline}.`);
  else {
    const why = result.reason === "walk-away" ? `${result.walkedAway} walked away` : result.reason === "collapse" ? "the talks collapsed" : "the deadline passed without agreement";
    lines.push(`Breakdown in round ${result.round}: ${why}. Everyone gets its walk-away value.`);
  }
  lines.push("");
  lines.push(
    table(
      ["party", "utility", "offers", "first → last own offer"],
      Object.entries(result.utilities).map(([id, u]) => {
        const path = result.paths[id];
        return [partyName(scenario, id, language), u.toFixed(3), path ? String(path.length) : "(no turns)", path && path.length > 0 ? `${path[0]!.toFixed(3)} → ${path[path.length - 1]!.toFixed(3)}` : ""];
      }),
      ["left", "right", "right", "left"],
    ),
  );
  const shown = fullTrace ? result.trace : result.trace.slice(-TRACE_TAIL);
  lines.push("", fullTrace || result.trace.length <= TRACE_TAIL ? "Trace:" : `Last ${shown.length} of ${result.trace.length} turns (--trace for all, --json for the data):`);
  for (const entry of shown) {
    const us = entry.utilities ? `  [${Object.entries(entry.utilities).map(([id, u]) => `${id} ${u.toFixed(2)}`).join(" ")}]` : "";
    const what = entry.action === "walk" ? "walks away" : entry.action === "accept" ? "accepts" : `offers ${Object.entries(entry.offer!).map(([k, v]) => `${k}=${v}`).join(", ")}`;
    lines.push(`  round ${String(entry.round).padStart(4)}  ${entry.party.padEnd(6)} ${what}${entry.action === "accept" ? us : entry.action === "offer" ? us : ""}`);
  }
  if (scenario && result.evaluation) {
    lines.push("", describeEvaluation(scenario, { id: "simulated", values: dealValues(scenario, result.deal!), name: { en: "The simulated agreement", zh: "模拟达成的协议" } }, result.evaluation, language));
  } else if (result.deal) {
    lines.push("", `Deal: ${Object.entries(result.deal).map(([k, v]) => `${k}=${v}`).join(", ")}`);
  }
  return lines.join("\n");
}

export function runsTable(report: SimulationRunsReport): string {
  const pct = (x: number) => (Number.isNaN(x) ? "—" : `${(100 * x).toFixed(1)}%`);
  const lines = [
    `${report.completed} simulated runs of ${report.scenario} (seed ${report.seed}; ${report.inputs.length} uncertain inputs sampled${report.strategyPool ? `; strategies drawn from ${report.strategyPool.join(", ")}` : ""})`,
    `Agreement: ${pct(report.agreementRate)}; breakdown at the deadline ${pct(report.breakdowns.deadline)}, by walk-away ${pct(report.breakdowns["walk-away"])}, by collapse ${pct(report.breakdowns.collapse)}`,
    `Rounds to agreement: mean ${formatNumber(report.rounds.mean)}, median ${formatNumber(report.rounds.quantiles.p50 ?? Number.NaN)}, 5–95% ${formatNumber(report.rounds.quantiles.p5 ?? Number.NaN)}–${formatNumber(report.rounds.quantiles.p95 ?? Number.NaN)}`,
    `Mean utility (walk-away value on breakdown): ${Object.entries(report.utilities).map(([id, u]) => `${id} ${u.toFixed(3)}`).join(", ")}`,
    "",
    "Outcome per issue among agreements:",
    table(
      ["issue", "outcomes (share of agreements)"],
      report.issues.map((issue) => [issue.id, issue.values.map((v) => `${v.value} ${pct(v.share)}`).join(", ")]),
      ["left", "left"],
    ),
  ];
  return lines.join("\n");
}

export function tournamentTable(report: TournamentReport): string {
  const pct = (x: number) => (Number.isNaN(x) ? "—" : `${(100 * x).toFixed(0)}%`);
  const parties = Object.keys(report.profiles[0]?.utilities ?? {});
  const lines = [
    `Tournament on ${report.scenario}: ${report.pool.join(", ")} for ${report.players.join(", ")}; ${report.profiles.length} profiles × ${report.runs} ${report.sampled ? "sampled runs" : "run (as written)"}`,
    "",
    table(
      [...report.players, "agreement", "mean round", ...parties.map((p) => `u(${p})`)],
      report.profiles.map((row) => [
        ...report.players.map((p) => row.strategies[p]!),
        pct(row.agreementRate),
        Number.isNaN(row.meanRound) ? "—" : row.meanRound.toFixed(0),
        ...parties.map((p) => row.utilities[p]!.toFixed(3)),
      ]),
      [...report.players.map(() => "left" as const), "right", "right", ...parties.map(() => "right" as const)],
    ),
    "",
    "Per player and strategy (mean over the others' strategies):",
  ];
  for (const player of report.byPlayer) {
    const best = [...player.strategies].sort((a, b) => b.meanUtility - a.meanUtility)[0];
    lines.push(`  ${player.player}: ${player.strategies.map((s) => `${s.strategy} ${s.meanUtility.toFixed(3)} (agreement ${pct(s.agreementRate)})`).join(", ")}${best ? ` — best: ${best.strategy}` : ""}`);
  }
  return lines.join("\n");
}

