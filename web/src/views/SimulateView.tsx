/**
 * The "Simulate" view: negotiating agents play the talks out under stacked alternating offers
 * (docs/simulation.md). A strategy per actor, the deadline, the collapse chance and the seed; the run
 * goes to a Web Worker (cancellable) and comes back as the outcome line (agreement or breakdown, the
 * round, the deal with `parley deal`'s evaluation), then plays round by round — each offer a point
 * on the agreement-space chart of two chosen parties, every actor's utility path, the trace — and a
 * tournament of strategy profiles below.
 */
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { agreementModel } from "../../../src/agreement/model.js";
import { dealValues, type ScenarioSimulationResult } from "../../../src/simulation/index.js";
import { traceCsv } from "../../../src/simulation/csv.js";
import { downloadText } from "../download.js";
import { DEFAULT_STRATEGY, STRATEGIES, type Strategy } from "../../../src/simulation/negotiators/names.js";
import { DEFAULT_DEADLINE } from "../../../src/simulation/simulate.js";
import type { OutcomeRecord } from "../../../src/outcomes/space.js";
import type { Scenario } from "../../../src/scenario/types.js";
import { useExplainer } from "../explain.js";
import { fmt, useLabel } from "../format.js";
import { record } from "../perf.js";
import { navigate, routePath } from "../router.js";
import { isRunning, talksRunner } from "../simulation/runner.js";
import { useWorkspace } from "../workspace.js";
import { Rules, Verdicts } from "./DealView.js";
import { OfferChart, PathChart, Swatch, useActorColour, useActorName } from "./SimulateCharts.js";
import { SimulationRuns } from "./SimulateRuns.js";
import { Tournament } from "./SimulateTournament.js";
import { SaveSimulation } from "./SaveSimulation.js";

export function SimulateView() {
  const ws = useWorkspace();
  const scenario = ws.scenario;
  if (!scenario) return null;
  return <Simulation key={scenario.id} scenario={scenario} />;
}

/**
 * The parties that take turns, in turn order: the decision rule's signatories (every actor under
 * unanimity, the veto players under a veto, everyone when there are none), ordered by
 * `simulation.order` when the scenario gives one — as `resolveRun` seats them.
 */
export function seatedParties(scenario: Scenario): string[] {
  const required = agreementModel(scenario).required;
  const ids = scenario.actors.map((a) => a.id);
  const signatories = required.some(Boolean) ? ids.filter((_, a) => required[a]) : ids;
  const order = scenario.simulation?.order;
  return order && order.length > 0 ? [...order] : signatories;
}

const clampInt = (value: string, min: number, max: number, fallback: number) => {
  const n = Math.floor(Number(value));
  return Number.isFinite(n) ? Math.max(min, Math.min(max, n)) : fallback;
};

function Simulation({ scenario }: { scenario: Scenario }) {
  const { t } = useTranslation();
  const label = useLabel();
  const colour = useActorColour(scenario);
  const seated = useMemo(() => {
    try {
      return seatedParties(scenario);
    } catch {
      return scenario.actors.map((a) => a.id);
    }
  }, [scenario]);
  const [strategies, setStrategies] = useState<Record<string, Strategy>>(() =>
    Object.fromEntries(scenario.actors.map((a) => [a.id, (scenario.simulation?.strategies?.[a.id] as Strategy | undefined) ?? DEFAULT_STRATEGY])),
  );
  const [deadline, setDeadline] = useState(scenario.simulation?.deadline ?? DEFAULT_DEADLINE);
  const [collapse, setCollapse] = useState(scenario.simulation?.collapse ?? 0);
  const [seed, setSeed] = useState(0);
  const job = talksRunner.use();
  const mine = job && job.scenario.id === scenario.id ? job : undefined;
  const running = isRunning(mine);
  const result = mine?.result?.result;
  const settings = { strategies, deadline, collapse, seed };
  const run = () => talksRunner.start({ type: "talks", scenario, settings });

  return (
    <div className="simulate-view" data-testid="simulate-view">
      <header className="view-header">
        <h2>{t("sim.title")}</h2>
        <p className="hint">{t("sim.hint")}</p>
      </header>
      <section aria-labelledby="sim-setup-title">
        <h3 id="sim-setup-title">{t("sim.setup")}</h3>
        <div className="table-frame">
          <table className="comparison sim-strategies" data-testid="strategies">
            <thead>
              <tr>
                <th scope="col">{t("grid.actor")}</th>
                <th scope="col">{t("sim.strategyHead")}</th>
                <th scope="col">{t("sim.turn")}</th>
              </tr>
            </thead>
            <tbody>
              {scenario.actors.map((actor) => {
                const turn = seated.indexOf(actor.id);
                return (
                  <tr key={actor.id} data-actor={actor.id}>
                    <th scope="row">
                      <Swatch colour={colour(actor.id)} /> {label(actor.name)}
                    </th>
                    <td>
                      <select
                        value={strategies[actor.id]}
                        data-testid={`strategy-${actor.id}`}
                        aria-label={t("sim.strategyOf", { actor: label(actor.name) })}
                        disabled={turn < 0}
                        onChange={(e) => setStrategies({ ...strategies, [actor.id]: e.target.value as Strategy })}
                      >
                        {STRATEGIES.map((name) => (
                          <option key={name} value={name}>
                            {t(`sim.strategy.${name}`)}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td className="small-text">{turn >= 0 ? t("sim.turnN", { n: turn + 1 }) : <span className="muted">{t("sim.noTurns")}</span>}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <details className="sim-strategy-help small-text">
          <summary>{t("sim.strategiesHelp")}</summary>
          <dl>
            {STRATEGIES.map((name) => (
              <div key={name}>
                <dt>{t(`sim.strategy.${name}`)}</dt>
                <dd>{t(`sim.strategyHelp.${name}`)}</dd>
              </div>
            ))}
          </dl>
        </details>
        <div className="mc-controls no-print">
          <label className="inline">
            {t("sim.deadline")}
            <input className="narrow" type="number" min={1} max={10000} value={deadline} data-testid="simulate-deadline" onChange={(e) => setDeadline(clampInt(e.target.value, 1, 10000, DEFAULT_DEADLINE))} />
          </label>
          <label className="inline">
            {t("sim.collapse")}
            <input className="narrow" type="number" min={0} max={0.99} step={0.01} value={collapse} onChange={(e) => setCollapse(Math.max(0, Math.min(0.99, Number(e.target.value) || 0)))} />
          </label>
          <label className="inline">
            {t("sim.seed")}
            <input className="narrow" type="number" min={0} value={seed} data-testid="simulate-seed" onChange={(e) => setSeed(clampInt(e.target.value, 0, 2 ** 32 - 1, 0))} />
          </label>
          {running ? (
            <>
              <button type="button" onClick={() => talksRunner.cancel()} data-testid="simulate-cancel">
                {t("sim.cancel")}
              </button>
              <span role="status">{t("sim.runningTalks")}</span>
            </>
          ) : (
            <button type="button" className="primary" data-testid="simulate-run" onClick={run}>
              {t("sim.run")}
            </button>
          )}
        </div>
      </section>
      {mine?.error && (
        <p className="problems" role="alert">
          {mine.error}
        </p>
      )}
      {mine?.cancelled && <p className="muted">{t("sim.cancelled")}</p>}
      {!result && !running && !mine?.error && <p className="empty-state">{t("sim.none")}</p>}
      {result && (
        <>
          {mine.scenario !== scenario && <p className="muted small-text">{t("sim.stale")}</p>}
          <Talks key={`${result.seed}-${mine.result!.ms}`} scenario={mine.scenario} result={result} seated={result.order} />
          <SaveSimulation settings={mine.settings} stale={mine.scenario !== scenario} label={t("sim.saveRun")} testId="simulate-save" />
        </>
      )}
      <SimulationRuns scenario={scenario} settings={settings} />
      <Tournament scenario={scenario} seated={seated} settings={settings} />
    </div>
  );
}

function Talks({ scenario, result, seated }: { scenario: Scenario; result: ScenarioSimulationResult; seated: readonly string[] }) {
  const { t } = useTranslation();
  const label = useLabel();
  const name = useActorName(scenario);
  const explain = useExplainer(scenario);
  const ws = useWorkspace();
  const last = result.round;
  const [shown, setShown] = useState(last);
  const [playing, setPlaying] = useState(false);
  const ids = scenario.actors.map((a) => a.id);
  const [axes, setAxes] = useState<[string, string]>([seated[0] ?? ids[0]!, seated[1] ?? ids.find((id) => id !== seated[0]) ?? ids[0]!]);

  // A step's cost, from the round's change to the charts and the trace updated (children's effects run first).
  const stepStart = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (stepStart.current === undefined) return;
    record("simStep", performance.now() - stepStart.current);
    stepStart.current = undefined;
  }, [shown]);

  useEffect(() => {
    if (!playing) return;
    if (shown >= last) {
      setPlaying(false);
      return;
    }
    const timer = window.setTimeout(() => {
      stepStart.current = performance.now();
      setShown((r) => Math.min(last, r + 1));
    }, Math.max(40, Math.min(400, 6000 / last)));
    return () => window.clearTimeout(timer);
  }, [playing, shown, last]);

  const go = (round: number) => {
    stepStart.current = performance.now();
    setPlaying(false);
    setShown(Math.max(1, Math.min(last, round)));
  };
  const onKey = (e: React.KeyboardEvent) => {
    const moves: Record<string, () => void> = {
      ArrowRight: () => go(shown + 1),
      ArrowLeft: () => go(shown - 1),
      Home: () => go(1),
      End: () => go(last),
      " ": () => togglePlay(),
    };
    const move = moves[e.key];
    if (!move || e.target instanceof HTMLInputElement || e.target instanceof HTMLButtonElement || e.target instanceof HTMLSelectElement) return;
    e.preventDefault();
    move();
  };
  const togglePlay = () => {
    if (playing) setPlaying(false);
    else {
      if (shown >= last) setShown(1);
      setPlaying(true);
    }
  };

  const why = t(`sim.why.${result.reason ?? "deadline"}`, { actor: result.walkedAway ? name(result.walkedAway) : "" });
  const table = tableAt(result, shown);
  const ended = shown >= last;
  const evaluation = result.evaluation;

  return (
    <section className="sim-talks" aria-labelledby="sim-outcome" data-testid="simulate-result" data-outcome={result.outcome} data-round={result.round}>
      <p id="sim-outcome" className={`sim-outcome ${result.outcome === "agreement" ? "ok" : "bad"}`} data-testid="simulate-outcome">
        <strong>{result.outcome === "agreement" ? t("sim.agreement", { round: result.round, deadline: result.deadline }) : t("sim.breakdown", { round: result.round, why })}</strong>{" "}
        {result.outcome === "agreement" && evaluation ? (
          <span>{explain.agreement(evaluation.reason)}</span>
        ) : (
          <span>{t("sim.walkAwayValues")}</span>
        )}{" "}
        <span className="muted small-text">{t("sim.settingsLine", { strategies: result.order.map((id) => `${name(id)}: ${t(`sim.strategy.${result.strategies[id]}`)}`).join(", "), seed: result.seed })}</span>
      </p>

      <div className="sim-playback no-print" role="group" aria-label={t("sim.playback")} onKeyDown={onKey}>
        <button type="button" onClick={() => go(1)} aria-label={t("sim.first")} title={t("sim.first")} disabled={shown <= 1}>
          |◀
        </button>
        <button type="button" onClick={() => go(shown - 1)} aria-label={t("sim.previous")} title={t("sim.previous")} disabled={shown <= 1} data-testid="simulate-previous">
          ◀
        </button>
        <button type="button" className="primary" onClick={togglePlay} aria-pressed={playing} data-testid="simulate-play">
          {playing ? `‖ ${t("sim.pause")}` : `▶ ${t("sim.play")}`}
        </button>
        <button type="button" onClick={() => go(shown + 1)} aria-label={t("sim.next")} title={t("sim.next")} disabled={ended} data-testid="simulate-next">
          ▶
        </button>
        <button type="button" onClick={() => go(last)} aria-label={t("sim.last")} title={t("sim.last")} disabled={ended}>
          ▶|
        </button>
        <label className="inline sim-round">
          {t("sim.round")}
          <input
            type="range"
            min={1}
            max={last}
            value={shown}
            data-testid="simulate-round"
            aria-valuetext={t("sim.roundOf", { round: shown, last })}
            onChange={(e) => go(Number(e.target.value))}
          />
          <output data-testid="simulate-shown">{t("sim.roundOf", { round: shown, last })}</output>
        </label>
      </div>
      <p className="small-text sim-now" aria-live="polite" data-testid="simulate-now">
        {table ? t("sim.onTheTable", { actor: name(table.party), round: table.round }) : t("sim.nothingYet")} {ended && result.outcome === "agreement" ? t("sim.agreedNow") : ""}
      </p>

      <div className="sim-columns">
        <section aria-labelledby="sim-space-title" className="sim-space">
          <h3 id="sim-space-title">{t("sim.space")}</h3>
          <div className="space-controls no-print">
            {([0, 1] as const).map((k) => (
              <label key={k}>
                {k === 0 ? t("deal.partyX") : t("deal.partyY")}{" "}
                <select value={axes[k]} data-testid={k === 0 ? "simulate-x" : "simulate-y"} onChange={(e) => setAxes(k === 0 ? [e.target.value, axes[1]] : [axes[0], e.target.value])}>
                  {scenario.actors.map((a) => (
                    <option key={a.id} value={a.id}>
                      {label(a.name)}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </div>
          {axes[0] === axes[1] ? <p className="muted">{t("deal.twoParties")}</p> : <OfferChart scenario={scenario} result={result} upTo={shown} axes={axes} onKeyDown={onKey} />}
        </section>
        <section aria-labelledby="sim-table-title" className="sim-offer">
          <h3 id="sim-table-title">{ended && result.deal ? t("sim.deal") : t("sim.offerOnTable")}</h3>
          {table?.offer ? <Terms scenario={scenario} offer={table.offer} previous={tableAt(result, shown - 1)?.offer} /> : <p className="empty-state">{t("sim.nothingYet")}</p>}
          {ended && result.deal && (
            <button
              type="button"
              className="small"
              data-testid="simulate-open-deal"
              onClick={() => {
                ws.deal.values = dealValues(scenario, result.deal!);
                delete ws.deal.name;
                navigate(routePath(scenario.id, "deal"));
              }}
            >
              {t("sim.openInDeal")}
            </button>
          )}
        </section>
      </div>

      <section aria-labelledby="sim-paths-title">
        <h3 id="sim-paths-title">{t("sim.paths")}</h3>
        <p className="hint">{t("sim.pathsHint")}</p>
        <PathChart scenario={scenario} result={result} upTo={shown} seated={seated} />
      </section>

      <TraceTable scenario={scenario} result={result} upTo={shown} seated={seated} />

      {ended && evaluation && (
        <section aria-labelledby="sim-eval-title" data-testid="simulate-evaluation">
          <h3 id="sim-eval-title">{t("sim.evaluation")}</h3>
          <div className="deal-results">
            <Verdicts scenario={scenario} evaluation={evaluation} />
            <Rules scenario={scenario} evaluation={evaluation} />
          </div>
        </section>
      )}
    </section>
  );
}

/** The offer on the table at the end of `round` (the latest offer made so far), if any. */
function tableAt(result: ScenarioSimulationResult, round: number) {
  let latest: ScenarioSimulationResult["trace"][number] | undefined;
  for (const entry of result.trace) {
    if (entry.round > round) break;
    if (entry.action === "offer") latest = entry;
  }
  return latest;
}

/** An outcome's terms, issue by issue, in words: a number with the anchor it sits on, or the option's label. */
export function Terms({ scenario, offer, previous }: { scenario: Scenario; offer: OutcomeRecord; previous?: OutcomeRecord | undefined }) {
  const label = useLabel();
  const { t } = useTranslation();
  return (
    <dl className="sim-terms" data-testid="simulate-terms">
      {scenario.issues.map((issue) => {
        const value = offer[issue.id];
        const changed = previous !== undefined && previous[issue.id] !== value;
        const words =
          typeof value === "string"
            ? label(issue.options.find((o) => o.id === value)?.label) || value
            : `${fmt(value)}${issue.anchors.find((a) => a.value === value) ? ` — ${label(issue.anchors.find((a) => a.value === value)!.label)}` : ""}`;
        return (
          <div key={issue.id} className={changed ? "changed" : undefined} data-issue={issue.id}>
            <dt>{label(issue.name)}</dt>
            <dd>
              {words}
              {changed && <span className="sr-only"> ({t("sim.changed")})</span>}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

/** Rounds of the trace shown around the current one (a long run is not put in the page whole). */
const TRACE_ROUNDS = 6;

function TraceTable({ scenario, result, upTo, seated }: { scenario: Scenario; result: ScenarioSimulationResult; upTo: number; seated: readonly string[] }) {
  const { t } = useTranslation();
  const name = useActorName(scenario);
  const from = Math.max(1, upTo - TRACE_ROUNDS + 1);
  const rows = result.trace.filter((e) => e.round >= from && e.round <= upTo);
  return (
    <section aria-labelledby="sim-trace-title">
      <h3 id="sim-trace-title">{t("sim.trace")}</h3>
      <p className="hint">
        {t("sim.traceHint", { from, to: upTo, last: result.round })}{" "}
        <button
          type="button"
          className="small no-print"
          data-testid="simulate-trace-csv"
          onClick={() => downloadText(`${scenario.id}-talks-seed-${result.seed}.csv`, traceCsv(result, scenario.issues.map((i) => i.id), scenario.actors.map((a) => a.id)))}
        >
          {t("sim.traceCsv")}
        </button>
      </p>
      <div className="table-frame">
        <table className="comparison sim-trace" data-testid="simulate-trace">
          <thead>
            <tr>
              <th scope="col">{t("sim.round")}</th>
              <th scope="col">{t("sim.party")}</th>
              <th scope="col">{t("sim.action")}</th>
              {seated.map((id) => (
                <th scope="col" key={id}>
                  {t("sim.chart.utilityOf", { actor: name(id) })}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((e, k) => (
              <tr key={k} className={e.round === upTo ? "current" : undefined} data-round={e.round} data-action={e.action}>
                <td>{e.round}</td>
                <td>{name(e.party)}</td>
                <td>{t(`sim.actions.${e.action}`)}</td>
                {seated.map((id) => (
                  <td key={id} className="num">
                    {e.utilities ? fmt(e.utilities[id], 3) : "–"}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
