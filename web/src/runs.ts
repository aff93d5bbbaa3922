/**
 * A saved run read for the run viewer: its point forecasts per model and issue, and the comparison of
 * two runs — the settings and the forecasts side by side, each difference marked. Pure.
 */

/** A saved run as `GET /api/runs` lists it. */
export interface RunSummary {
  readonly id: number;
  readonly kind: "forecast" | "deal" | "analyze";
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

export interface SettingRow {
  readonly setting: "scenario" | "version" | "models" | "seed" | "date" | `parameters.${string}`;
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
