/**
 * A saved run read for the run viewer: its point forecasts per model and issue (a forecast), or the
 * simulated talks it holds (one run or a Monte Carlo summary), and the comparison of two runs — the
 * settings, the forecasts and the simulations' results side by side, each difference marked. Pure.
 */
import type { SimulationResult } from "../../src/simulation/simulate.js";
import type { SimulationRunsReport } from "../../src/simulation/monte-carlo.js";


/** A saved run as `GET /api/runs` lists it. */
export interface RunSummary {
  readonly id: number;
  readonly kind: "forecast" | "deal" | "analyze" | "simulate";
  readonly scenarioId: string | null;
  readonly scenarioVersion: number | null;
  readonly models: readonly string[];
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly seed: number | null;
  readonly createdAt: string;
}

/** A saved run as `GET /api/runs/{id}` gives it: its summary and its results. */
export interface SavedRun extends RunSummary {
  readonly results: unknown;
}

/** forecasts[model][issue]: each model's point forecast on each issue, in the run's order. */
export type RunForecasts = ReadonlyMap<string, ReadonlyMap<string, number>>;

/** The point forecasts of a forecast run (the results of `parley forecast --json`); undefined for any other result. */
export function runForecasts(results: unknown): RunForecasts | undefined {
  if (!Array.isArray(results) || results.length === 0) return undefined;
  const out = new Map<string, Map<string, number>>();
  for (const entry of results as unknown[]) {
    const { model, issues } = (entry ?? {}) as { model?: unknown; issues?: unknown };
    if (typeof model !== "string" || !Array.isArray(issues)) return undefined;
    const byIssue = new Map<string, number>();
    for (const issue of issues as { id?: unknown; forecast?: unknown }[]) if (typeof issue?.id === "string" && typeof issue.forecast === "number") byIssue.set(issue.id, issue.forecast);
    out.set(model, byIssue);
  }
  return out;
}

/** What a saved simulation holds: one run of the talks (`parley simulate --json`) or a Monte Carlo summary (`--runs`). */
export type SavedSimulation = { readonly talks: SimulationResult } | { readonly runs: SimulationRunsReport };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The simulation a saved run holds; undefined for any other result. */
export function runSimulation(results: unknown): SavedSimulation | undefined {
  if (!isRecord(results) || !isRecord(results["utilities"])) return undefined;
  if ((results["outcome"] === "agreement" || results["outcome"] === "breakdown") && typeof results["round"] === "number" && Array.isArray(results["trace"])) {
    return { talks: results as unknown as SimulationResult };
  }
  if (typeof results["agreementRate"] === "number" && Array.isArray(results["issues"]) && isRecord(results["rounds"])) return { runs: results as unknown as SimulationRunsReport };
  return undefined;
}

/** A simulation's results as comparable rows: the outcome and round of one run, or the agreement rate and median round of a Monte Carlo; then each party's (mean) utility. */
function simulationRows(simulation: SavedSimulation | undefined): Map<ResultRow, string> {
  const rows = new Map<ResultRow, string>();
  if (!simulation) return rows;
  const utilities = "talks" in simulation ? simulation.talks.utilities : simulation.runs.utilities;
  if ("talks" in simulation) {
    rows.set("result.outcome", simulation.talks.outcome);
    rows.set("result.round", String(simulation.talks.round));
  } else {
    rows.set("result.agreementRate", Number.isFinite(simulation.runs.agreementRate) ? simulation.runs.agreementRate.toFixed(3) : "");
    const median = simulation.runs.rounds.quantiles["p50"];
    rows.set("result.round", median === undefined || !Number.isFinite(median) ? "" : median.toFixed(1));
  }
  for (const [id, u] of Object.entries(utilities)) rows.set(`result.utility.${id}`, Number.isFinite(u) ? u.toFixed(3) : "");
  return rows;
}

type ResultRow = "result.outcome" | "result.round" | "result.agreementRate" | `result.utility.${string}`;

export interface SettingRow {
  readonly setting: "scenario" | "version" | "models" | "seed" | "date" | `parameters.${string}` | ResultRow;
  readonly a: string;
  readonly b: string;
  readonly differs: boolean;
}

export interface ForecastRow {
  readonly model: string;
  readonly issue: string;
  readonly a?: number;
  readonly b?: number;
  /** b − a, when both runs forecast the pair. */
  readonly delta?: number;
  readonly differs: boolean;
}

/** Below this, two forecasts count as the same (they are printed to 2 decimals). */
const SAME = 5e-3;

const plain = (v: unknown): string => (v === undefined || v === null ? "" : typeof v === "string" ? v : JSON.stringify(v));

/** Two runs side by side: their settings, then every model × issue either forecasts. */
export function compareRuns(a: SavedRun, b: SavedRun): { settings: SettingRow[]; forecasts: ForecastRow[] } {
  const setting = (name: SettingRow["setting"], x: string, y: string): SettingRow => ({ setting: name, a: x, b: y, differs: x !== y });
  const settings: SettingRow[] = [
    setting("scenario", plain(a.scenarioId), plain(b.scenarioId)),
    setting("version", a.scenarioVersion === null ? "" : `v${a.scenarioVersion}`, b.scenarioVersion === null ? "" : `v${b.scenarioVersion}`),
    setting("models", a.models.join(", "), b.models.join(", ")),
    setting("seed", plain(a.seed), plain(b.seed)),
  ];
  for (const key of new Set([...Object.keys(a.parameters), ...Object.keys(b.parameters)])) settings.push(setting(`parameters.${key}`, plain(a.parameters[key]), plain(b.parameters[key])));
  settings.push({ setting: "date", a: a.createdAt, b: b.createdAt, differs: false });
  const ra = simulationRows(runSimulation(a.results));
  const rb = simulationRows(runSimulation(b.results));
  for (const key of new Set([...ra.keys(), ...rb.keys()])) settings.push(setting(key, ra.get(key) ?? "", rb.get(key) ?? ""));

  const fa = runForecasts(a.results) ?? new Map<string, ReadonlyMap<string, number>>();
  const fb = runForecasts(b.results) ?? new Map<string, ReadonlyMap<string, number>>();
  const forecasts: ForecastRow[] = [];
  for (const model of new Set([...fa.keys(), ...fb.keys()])) {
    const ia = fa.get(model) ?? new Map<string, number>();
    const ib = fb.get(model) ?? new Map<string, number>();
    for (const issue of new Set([...ia.keys(), ...ib.keys()])) {
      const x = ia.get(issue);
      const y = ib.get(issue);
      const both = x !== undefined && y !== undefined;
      forecasts.push({ model, issue, ...(x !== undefined ? { a: x } : {}), ...(y !== undefined ? { b: y } : {}), ...(both ? { delta: y - x } : {}), differs: !both || Math.abs(y - x) >= SAME });
    }
  }
  return { settings, forecasts };
}
