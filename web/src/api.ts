/**
 * A small typed client of `parley serve`'s JSON API (docs: /api/openapi.json). The browser
 * computes forecasts and deal evaluations itself with Parley's library; the server keeps the
 * scenarios, their versions and the saved runs. Requests are same-origin, so the access-token
 * cookie the server set on the first visit goes along by itself.
 */
import type { Label, Scenario } from "../../src/scenario/types.js";
import type { RunSummary, SavedRun } from "./runs.js";

export type { RunSummary, SavedRun };

export interface ScenarioSummary {
  readonly id: string;
  readonly title: Label | string;
  readonly version: number;
  readonly updatedAt: string;
}

export interface ScenarioDocument {
  readonly id: string;
  readonly version: number;
  readonly scenario: Scenario;
  readonly yaml: string;
}

export interface VersionSummary {
  readonly version: number;
  readonly author: string;
  readonly message: string;
  readonly createdAt: string;
  readonly title?: Label;
}

export interface ValueChange {
  readonly path: string;
  readonly kind: "added" | "removed" | "changed";
  readonly from?: unknown;
  readonly to?: unknown;
}

export interface VersionDiff {
  readonly changes?: readonly ValueChange[];
  /** A unified diff of the two YAML texts. */
  readonly yaml?: string;
  readonly unified?: string;
  readonly [key: string]: unknown;
}

export interface ProblemEntry {
  readonly path: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** An error answer of the API (RFC 9457 problem details), or a network failure (status 0). */
export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    readonly status: number,
    message: string,
    readonly errors: readonly ProblemEntry[] = [],
    readonly currentVersion?: number,
  ) {
    super(message);
  }
}

async function request<T>(method: string, path: string, init: { body?: BodyInit; headers?: Record<string, string> } = {}): Promise<{ data: T; response: Response }> {
  let response: Response;
  try {
    // The server words its problems in the language the page shows (language.ts keeps <html lang> in step).
    const headers = { accept: "application/json", "accept-language": document.documentElement.lang || "en", ...init.headers };
    response = await fetch(path, { method, credentials: "same-origin", headers, ...(init.body !== undefined ? { body: init.body } : {}) });
  } catch (error) {
    throw new ApiError(0, `the Parley server cannot be reached (${error instanceof Error ? error.message : String(error)})`);
  }
  const type = response.headers.get("content-type") ?? "";
  const body: unknown = type.includes("json") ? await response.json().catch(() => undefined) : await response.text();
  if (!response.ok) {
    const problem = (typeof body === "object" && body !== null ? body : {}) as { detail?: string; title?: string; errors?: ProblemEntry[]; currentVersion?: number };
    const message = problem.detail ?? problem.title ?? (typeof body === "string" && body !== "" ? body.slice(0, 300) : `${response.status} ${response.statusText}`);
    throw new ApiError(response.status, message, problem.errors ?? [], problem.currentVersion);
  }
  return { data: body as T, response };
}

const json = (value: unknown) => ({ body: JSON.stringify(value), headers: { "content-type": "application/json" } });
const enc = encodeURIComponent;

/** Lists may come bare or wrapped (`{scenarios: [...]}`); accept both. */
function list<T>(value: unknown, key: string): T[] {
  if (Array.isArray(value)) return value as T[];
  if (typeof value === "object" && value !== null && Array.isArray((value as Record<string, unknown>)[key])) return (value as Record<string, T[]>)[key]!;
  return [];
}

export const api = {
  async listScenarios(): Promise<ScenarioSummary[]> {
    return list<ScenarioSummary>((await request<unknown>("GET", "/api/scenarios")).data, "scenarios");
  },

  async getScenario(id: string): Promise<ScenarioDocument> {
    return (await request<ScenarioDocument>("GET", `/api/scenarios/${enc(id)}`)).data;
  },

  /** Saves a new version; 412 (ApiError.status) when `version` is no longer the current one. */
  async saveScenario(id: string, yaml: string, version: number, author: string, message: string): Promise<{ version: number }> {
    const headers: Record<string, string> = {
      "content-type": "application/yaml",
      "if-match": `"${version}"`,
      "parley-author": asciiHeader(author),
      "parley-message": asciiHeader(message),
    };
    const { data, response } = await request<{ version?: number }>("PUT", `/api/scenarios/${enc(id)}`, { body: yaml, headers });
    return { version: data?.version ?? Number((response.headers.get("etag") ?? "").replace(/\D/g, "")) };
  },

  /** Creates a scenario from YAML text or an uploaded file (scenario, KTAB, EUM or GENIUS files). */
  async createScenario(input: { yaml: string; author?: string; message?: string } | { files: readonly File[] }): Promise<{ id: string; version: number }> {
    if ("yaml" in input) {
      const headers: Record<string, string> = { "content-type": "application/yaml" };
      if (input.author !== undefined) headers["parley-author"] = asciiHeader(input.author);
      if (input.message !== undefined) headers["parley-message"] = asciiHeader(input.message);
      return (await request<{ id: string; version: number }>("POST", "/api/scenarios", { body: input.yaml, headers })).data;
    }
    const form = new FormData();
    for (const file of input.files) form.append("file", file, file.name);
    return (await request<{ id: string; version: number }>("POST", "/api/scenarios", { body: form })).data;
  },

  async versions(id: string): Promise<VersionSummary[]> {
    return list<VersionSummary>((await request<unknown>("GET", `/api/scenarios/${enc(id)}/versions`)).data, "versions");
  },

  async version(id: string, version: number): Promise<ScenarioDocument> {
    return (await request<ScenarioDocument>("GET", `/api/scenarios/${enc(id)}/versions/${version}`)).data;
  },

  /** The URL of a version's YAML text, for export links. */
  exportUrl(id: string, version: number): string {
    return `/api/scenarios/${enc(id)}/versions/${version}?format=yaml`;
  },

  async diff(id: string, from: number, to: number): Promise<VersionDiff> {
    return (await request<VersionDiff>("GET", `/api/scenarios/${enc(id)}/diff?from=${from}&to=${to}`)).data;
  },

  async restore(id: string, version: number, currentVersion: number, author: string): Promise<{ version: number }> {
    const headers = { "content-type": "application/json", "if-match": `"${currentVersion}"`, "parley-author": asciiHeader(author), "parley-message": asciiHeader(`restore version ${version}`) };
    const { data, response } = await request<{ version?: number }>("POST", `/api/scenarios/${enc(id)}/restore`, { body: JSON.stringify({ version, author }), headers });
    return { version: data?.version ?? Number((response.headers.get("etag") ?? "").replace(/\D/g, "")) };
  },

  async runs(scenarioId?: string): Promise<RunSummary[]> {
    const query = scenarioId === undefined ? "" : `?scenarioId=${enc(scenarioId)}`;
    const runs = list<RunSummary>((await request<unknown>("GET", `/api/runs${query}`)).data, "runs");
    return scenarioId === undefined ? runs : runs.filter((r) => r.scenarioId === null || r.scenarioId === scenarioId);
  },

  /** Saves a forecast run of a stored version; the server recomputes it so the record is authoritative. */
  async saveForecastRun(scenarioId: string, version: number, models: readonly string[]): Promise<{ id?: number }> {
    return (await request<{ id?: number }>("POST", "/api/runs", json({ kind: "forecast", scenarioId, version, models }))).data;
  },

  /**
   * Saves simulated talks of a stored version — one run, or a Monte Carlo when `settings.runs` is given —
   * with their settings; the server plays them again (the same result, seeded), so the record is authoritative.
   */
  async saveSimulationRun(scenarioId: string, version: number, settings: object): Promise<{ id?: number }> {
    return (await request<{ id?: number }>("POST", "/api/runs", json({ ...settings, kind: "simulate", scenarioId, version }))).data;
  },

  /** Simulated talks (`POST /api/simulate`): one run, a Monte Carlo or a tournament. */
  async simulate(body: Record<string, unknown>): Promise<unknown> {
    return (await request<unknown>("POST", "/api/simulate", json(body))).data;
  },

  async run(id: number): Promise<SavedRun> {
    return (await request<SavedRun>("GET", `/api/runs/${id}`)).data;
  },
};

/** HTTP header values are bytes: the server reads these two headers percent-encoded. */
function asciiHeader(value: string): string {
  return encodeURIComponent(value);
}
