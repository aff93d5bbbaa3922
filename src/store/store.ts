/**
 * The workbench's persistent store: scenarios with their full version history, and saved
 * analysis runs. One SQLite file (WAL mode), opened by one `parley serve` at a time but safe to
 * read from others. Writes that must see the current version run in IMMEDIATE transactions, so
 * a stale write can never slip between the check and the insert.
 *
 * Reads are the server's most frequent requests, so the store keeps what they cost: its SQL
 * statements are prepared once; a saved version never changes, so each is read and parsed once and
 * kept (deeply frozen, in a cache bounded by size); listings are kept until the next write. A commit
 * by another connection to the same file (another process) is seen through SQLite's `data_version`
 * and empties the caches.
 */
import type { Label, Scenario } from "../scenario/types.js";
import { migrate, schemaVersion } from "./migrations.js";
import { openDatabase, type Database, type Statement } from "./sqlite.js";

export interface ScenarioSummary {
  /** The store's id (the URL's), fixed at creation; usually the scenario's own `id`. */
  readonly id: string;
  readonly title: Label;
  readonly version: number;
  readonly updatedAt: string;
  /** Set when the scenario is in the trash (soft-deleted). */
  readonly deletedAt?: string;
}

export interface VersionSummary {
  readonly version: number;
  readonly title: Label;
  readonly author: string;
  readonly message: string;
  readonly createdAt: string;
}

export interface ScenarioVersion extends VersionSummary {
  readonly id: string;
  /** The text as saved (YAML; JSON input is stored as YAML). */
  readonly yaml: string;
  /** The validated, normalised scenario (frozen: the store shares it between readers). */
  readonly scenario: Scenario;
}

/** What a save writes: the text and the scenario validated from it, and who saved it why. */
export interface NewVersion {
  readonly yaml: string;
  readonly scenario: Scenario;
  readonly author?: string;
  readonly message?: string;
}

export type RunKind = "forecast" | "deal" | "analyze" | "simulate";

/** Every kind of saved run, in the order the schema lists them. */
export const RUN_KINDS: readonly RunKind[] = ["forecast", "deal", "analyze", "simulate"];

export interface RunSummary {
  readonly id: number;
  readonly kind: RunKind;
  /** The stored scenario the run used; null for a scenario sent with the request. */
  readonly scenarioId: string | null;
  readonly scenarioVersion: number | null;
  readonly models: readonly string[];
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly seed: number | null;
  readonly createdAt: string;
}

export interface RunRecord extends RunSummary {
  /** The scenario itself, for runs on a scenario that is not in the store. */
  readonly scenario?: Scenario;
  readonly results: unknown;
}

export type NewRun = Omit<RunRecord, "id" | "createdAt">;

/** A request the store cannot satisfy; `code` says why, for the HTTP layer to map. */
/** What a store error is about, so that a shell can word it in its reader's language. */
export type StoreErrorFacts =
  | { readonly kind: "no-scenario"; readonly id: string }
  | { readonly kind: "no-version"; readonly id: string; readonly version: number; readonly current: number }
  | { readonly kind: "deleted"; readonly id: string; readonly at: string }
  | { readonly kind: "stale"; readonly id: string; readonly current: number; readonly expected: number };

export class StoreError extends Error {
  override readonly name = "StoreError";
  constructor(
    readonly code: "not-found" | "deleted" | "stale",
    message: string,
    /** For "stale": the current version. */
    readonly currentVersion?: number,
    readonly facts?: StoreErrorFacts,
  ) {
    super(message);
  }
}

/** `"*"` matches any current version (RFC 9110 `If-Match: *`). */
export type ExpectedVersion = number | "*";

export interface OpenStoreOptions {
  /** Clock for timestamps (tests). */
  readonly now?: () => Date;
  /** Most characters (YAML and JSON text) of the versions kept parsed in memory (default 64 Mi). */
  readonly cacheChars?: number;
}

const DEFAULT_CACHE_CHARS = 64 * 1024 * 1024;

/** The JSON text each stored scenario was parsed from, so that it can be passed on (to a worker) without encoding it again. */
const jsonTexts = new WeakMap<Scenario, string>();

/** The JSON text a scenario returned by {@link Store.getScenario} was read from; undefined for any other scenario. */
export function storedScenarioJson(scenario: Scenario): string | undefined {
  return jsonTexts.get(scenario);
}

interface ScenarioRow {
  id: string;
  current_version: number;
  updated_at: string;
  deleted_at: string | null;
}

interface VersionRow {
  scenario_id: string;
  version: number;
  title: string;
  author: string;
  message: string;
  created_at: string;
  yaml: string;
  json: string;
}

interface RunRow {
  id: number;
  kind: RunKind;
  scenario_id: string | null;
  scenario_version: number | null;
  scenario_json: string | null;
  models: string;
  parameters: string;
  seed: number | null;
  results: string;
  created_at: string;
}

export class Store {
  /** True when this open created the database (it had no schema before). */
  readonly created: boolean;
  private readonly db: Database;
  private readonly now: () => Date;
  private readonly statements = new Map<string, Statement>();
  /** Parsed versions by `id \0 version`, least recently used first. */
  private readonly versions = new Map<string, { version: ScenarioVersion; chars: number }>();
  private cachedChars = 0;
  private readonly cacheChars: number;
  private listings: { live?: readonly ScenarioSummary[]; deleted?: readonly ScenarioSummary[] } = {};
  /** SQLite's count of other connections' commits when the caches were last known good. */
  private dataVersion: number;

  constructor(
    readonly file: string,
    options: OpenStoreOptions = {},
  ) {
    this.db = openDatabase(file);
    this.now = options.now ?? (() => new Date());
    this.cacheChars = options.cacheChars ?? DEFAULT_CACHE_CHARS;
    try {
      this.db.pragma("journal_mode = WAL");
      this.db.pragma("foreign_keys = ON");
      this.created = schemaVersion(this.db) === 0;
      migrate(this.db);
      this.dataVersion = this.readDataVersion();
    } catch (error) {
      this.db.close();
      throw error;
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  // --- scenarios ------------------------------------------------------------------------------

  /** Scenarios, most recently changed first; with `deleted`, the trash instead. */
  listScenarios(options: { deleted?: boolean } = {}): readonly ScenarioSummary[] {
    this.noticeOtherWriters();
    const which = options.deleted ? "deleted" : "live";
    const cached = this.listings[which];
    if (cached) return cached;
    const rows = this.sql(
        `SELECT s.id, s.current_version, s.updated_at, s.deleted_at, v.title
         FROM scenarios s JOIN scenario_versions v ON v.scenario_id = s.id AND v.version = s.current_version
         WHERE (s.deleted_at IS NOT NULL) = ?
         ORDER BY s.updated_at DESC, s.id`,
      )
      .all(options.deleted ? 1 : 0) as (ScenarioRow & { title: string })[];
    const listing = deepFreeze(
      rows.map((row) => ({
        id: row.id,
        title: JSON.parse(row.title) as Label,
        version: row.current_version,
        updatedAt: row.updated_at,
        ...(row.deleted_at !== null ? { deletedAt: row.deleted_at } : {}),
      })),
    );
    this.listings[which] = listing;
    return listing;
  }

  /** Creates a scenario at version 1; its id is the scenario's own, made unique with `-2`, `-3`… */
  createScenario(input: NewVersion): { id: string; version: number } {
    this.changed();
    return this.db
      .transaction(() => {
        const id = this.freeId(input.scenario.id);
        const at = this.timestamp();
        this.sql("INSERT INTO scenarios (id, current_version, created_at, updated_at) VALUES (?, 1, ?, ?)").run(id, at, at);
        this.insertVersion(id, 1, input, at);
        return { id, version: 1 };
      })
      .immediate();
  }

  /** The current version (or a given one) of a scenario; deleted scenarios only with `includeDeleted`. */
  getScenario(id: string, version?: number, options: { includeDeleted?: boolean } = {}): ScenarioVersion {
    this.noticeOtherWriters();
    const row = this.scenarioRow(id, options.includeDeleted ?? false);
    const wanted = version ?? row.current_version;
    const key = `${id}\0${wanted}`;
    const cached = this.versions.get(key);
    if (cached) {
      this.versions.delete(key); // most recently used goes last
      this.versions.set(key, cached);
      return cached.version;
    }
    const found = this.sql("SELECT * FROM scenario_versions WHERE scenario_id = ? AND version = ?").get(id, wanted) as VersionRow | undefined;
    if (!found) throw new StoreError("not-found", `scenario "${id}" has no version ${wanted}; its versions are 1 to ${row.current_version}`, undefined, { kind: "no-version", id, version: wanted, current: row.current_version });
    const read = toVersion(found);
    this.remember(key, read, found.yaml.length + found.json.length);
    return read;
  }

  /** The current version number of a scenario (not in the trash), without reading the version. */
  currentVersion(id: string): number {
    this.noticeOtherWriters();
    return this.scenarioRow(id, false).current_version;
  }

  /** Every version of a scenario, newest first. */
  listVersions(id: string): VersionSummary[] {
    this.scenarioRow(id, true);
    const rows = this.sql("SELECT version, title, author, message, created_at FROM scenario_versions WHERE scenario_id = ? ORDER BY version DESC")
      .all(id) as VersionRow[];
    return rows.map(toSummary);
  }

  /** Saves a new version if the current one is `expected`; otherwise throws "stale". */
  saveVersion(id: string, expected: ExpectedVersion, input: NewVersion): { id: string; version: number } {
    this.changed();
    return this.db
      .transaction(() => {
        const row = this.scenarioRow(id, false);
        checkExpected(id, row, expected);
        return { id, version: this.appendVersion(row, input) };
      })
      .immediate();
  }

  /**
   * Saves an old version's text as a new version (history is never rewritten). Restoring a
   * deleted scenario takes it out of the trash.
   */
  restoreVersion(id: string, version: number, expected: ExpectedVersion, who: { author?: string; message?: string } = {}): { id: string; version: number } {
    this.changed();
    return this.db
      .transaction(() => {
        const row = this.scenarioRow(id, true);
        checkExpected(id, row, expected);
        const old = this.getScenario(id, version, { includeDeleted: true });
        const next = this.appendVersion(row, {
          yaml: old.yaml,
          scenario: old.scenario,
          author: who.author,
          message: who.message ?? `restored version ${version}`,
        });
        this.sql("UPDATE scenarios SET deleted_at = NULL WHERE id = ?").run(id);
        return { id, version: next };
      })
      .immediate();
  }

  /**
   * Soft deletion moves a scenario to the trash: hidden from listings, its history and runs kept,
   * its id still taken, and `restoreVersion` brings it back. Hard deletion removes the scenario,
   * every version and every run made on it, for good.
   */
  deleteScenario(id: string, expected: ExpectedVersion, options: { hard?: boolean } = {}): void {
    this.changed();
    this.db
      .transaction(() => {
        const row = this.scenarioRow(id, options.hard ?? false);
        checkExpected(id, row, expected);
        if (options.hard) {
          // The id may be used again, from version 1: its versions must not be served from memory.
          this.forgetVersions(id);
          this.sql("DELETE FROM runs WHERE scenario_id = ?").run(id);
          this.sql("DELETE FROM scenario_versions WHERE scenario_id = ?").run(id);
          this.sql("DELETE FROM scenarios WHERE id = ?").run(id);
        } else {
          this.sql("UPDATE scenarios SET deleted_at = ? WHERE id = ?").run(this.timestamp(), id);
        }
      })
      .immediate();
  }

  // --- runs -----------------------------------------------------------------------------------

  saveRun(run: NewRun): RunRecord {
    const createdAt = this.timestamp();
    const result = this.sql(
        `INSERT INTO runs (kind, scenario_id, scenario_version, scenario_json, models, parameters, seed, results, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        run.kind,
        run.scenarioId,
        run.scenarioVersion,
        run.scenario === undefined ? null : JSON.stringify(run.scenario),
        JSON.stringify(run.models),
        JSON.stringify(run.parameters),
        run.seed,
        JSON.stringify(run.results),
        createdAt,
      );
    return this.getRun(Number(result.lastInsertRowid))!;
  }

  /** Saved runs, newest first, without their results. */
  listRuns(filter: { scenarioId?: string; kind?: RunKind; limit?: number } = {}): RunSummary[] {
    const rows = this.sql(
        `SELECT id, kind, scenario_id, scenario_version, models, parameters, seed, created_at FROM runs
         WHERE (:scenario IS NULL OR scenario_id = :scenario) AND (:kind IS NULL OR kind = :kind)
         ORDER BY id DESC LIMIT :limit`,
      )
      .all({ scenario: filter.scenarioId ?? null, kind: filter.kind ?? null, limit: filter.limit ?? 100 }) as RunRow[];
    return rows.map(toRunSummary);
  }

  getRun(id: number): RunRecord | undefined {
    const row = this.sql("SELECT * FROM runs WHERE id = ?").get(id) as RunRow | undefined;
    if (!row) return undefined;
    return {
      ...toRunSummary(row),
      ...(row.scenario_json !== null ? { scenario: JSON.parse(row.scenario_json) as Scenario } : {}),
      results: JSON.parse(row.results) as unknown,
    };
  }

  // --- internals ------------------------------------------------------------------------------

  /** A statement, prepared on first use. */
  private sql(source: string): Statement {
    let statement = this.statements.get(source);
    if (!statement) {
      statement = this.db.prepare(source);
      this.statements.set(source, statement);
    }
    return statement;
  }

  private readDataVersion(): number {
    return (this.sql("PRAGMA data_version").get() as { data_version: number }).data_version;
  }

  /** Empties the caches when another connection has committed since they were filled. */
  private noticeOtherWriters(): void {
    const now = this.readDataVersion();
    if (now === this.dataVersion) return;
    this.dataVersion = now;
    this.versions.clear();
    this.cachedChars = 0;
    this.listings = {};
  }

  /** Before a write of this connection: listings change (versions never do, but for hard deletion). */
  private changed(): void {
    this.noticeOtherWriters();
    this.listings = {};
  }

  private remember(key: string, version: ScenarioVersion, chars: number): void {
    if (chars > this.cacheChars) return;
    this.versions.set(key, { version, chars });
    this.cachedChars += chars;
    for (const [oldest, entry] of this.versions) {
      if (this.cachedChars <= this.cacheChars) break;
      this.versions.delete(oldest);
      this.cachedChars -= entry.chars;
    }
  }

  private forgetVersions(id: string): void {
    const prefix = `${id}\0`;
    for (const [key, entry] of this.versions) {
      if (!key.startsWith(prefix)) continue;
      this.versions.delete(key);
      this.cachedChars -= entry.chars;
    }
  }

  private timestamp(): string {
    return this.now().toISOString();
  }

  private scenarioRow(id: string, includeDeleted: boolean): ScenarioRow {
    const row = this.sql("SELECT id, current_version, updated_at, deleted_at FROM scenarios WHERE id = ?").get(id) as ScenarioRow | undefined;
    if (!row) throw new StoreError("not-found", `no scenario "${id}"`, undefined, { kind: "no-scenario", id });
    if (row.deleted_at !== null && !includeDeleted) throw new StoreError("deleted", `scenario "${id}" was deleted at ${row.deleted_at}; restore a version to bring it back`, undefined, { kind: "deleted", id, at: row.deleted_at });
    return row;
  }

  private appendVersion(row: ScenarioRow, input: NewVersion): number {
    const next = row.current_version + 1;
    const at = this.timestamp();
    this.insertVersion(row.id, next, input, at);
    this.sql("UPDATE scenarios SET current_version = ?, updated_at = ? WHERE id = ?").run(next, at, row.id);
    return next;
  }

  private insertVersion(id: string, version: number, input: NewVersion, at: string): void {
    this.sql("INSERT INTO scenario_versions (scenario_id, version, title, author, message, created_at, yaml, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
      .run(id, version, JSON.stringify(input.scenario.title), input.author?.trim() || "anonymous", input.message ?? "", at, input.yaml, JSON.stringify(input.scenario));
  }

  private freeId(wanted: string): string {
    const base = wanted.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^[-.]+|-+$/g, "").slice(0, 80) || "scenario";
    const taken = this.sql("SELECT 1 FROM scenarios WHERE id = ?");
    if (taken.get(base) === undefined) return base;
    for (let n = 2; ; n++) {
      const candidate = `${base}-${n}`;
      if (taken.get(candidate) === undefined) return candidate;
    }
  }
}

function checkExpected(id: string, row: ScenarioRow, expected: ExpectedVersion): void {
  if (expected !== "*" && expected !== row.current_version) {
    throw new StoreError("stale", `scenario "${id}" is at version ${row.current_version}, not ${expected}; reload it and apply your change again`, row.current_version, { kind: "stale", id, current: row.current_version, expected });
  }
}

function toSummary(row: Pick<VersionRow, "version" | "title" | "author" | "message" | "created_at">): VersionSummary {
  return { version: row.version, title: JSON.parse(row.title) as Label, author: row.author, message: row.message, createdAt: row.created_at };
}

function toVersion(row: VersionRow): ScenarioVersion {
  const scenario = deepFreeze(JSON.parse(row.json) as Scenario);
  jsonTexts.set(scenario, row.json);
  return Object.freeze({ id: row.scenario_id, ...toSummary(row), yaml: row.yaml, scenario });
}

/** Freezes a parsed JSON value and everything in it: what the store shares, no reader can change for the next. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

function toRunSummary(row: RunRow): RunSummary {
  return {
    id: row.id,
    kind: row.kind,
    scenarioId: row.scenario_id,
    scenarioVersion: row.scenario_version,
    models: JSON.parse(row.models) as string[],
    parameters: JSON.parse(row.parameters) as Record<string, unknown>,
    seed: row.seed,
    createdAt: row.created_at,
  };
}

/** Opens (creating and migrating if needed) the store in an SQLite file. */
export function openStore(file: string, options: OpenStoreOptions = {}): Store {
  return new Store(file, options);
}
