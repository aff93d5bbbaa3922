/**
 * The store's schema, as numbered SQL steps. A database records the steps it has applied in the
 * `migrations` table; opening it applies the missing ones in order, each in its own transaction.
 * Steps are never edited once released: a change to the schema is a new step at the end.
 */
import type { Database } from "./sqlite.js";

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "scenarios and their versions",
    sql: `
      CREATE TABLE scenarios (
        id              TEXT PRIMARY KEY,
        current_version INTEGER NOT NULL,
        created_at      TEXT NOT NULL,
        updated_at      TEXT NOT NULL
      );
      CREATE TABLE scenario_versions (
        scenario_id TEXT NOT NULL REFERENCES scenarios (id) ON DELETE CASCADE,
        version     INTEGER NOT NULL,
        author      TEXT NOT NULL,
        message     TEXT NOT NULL,
        created_at  TEXT NOT NULL,
        yaml        TEXT NOT NULL,
        json        TEXT NOT NULL,
        PRIMARY KEY (scenario_id, version)
      );`,
  },
  {
    version: 2,
    name: "soft deletion and titles in listings",
    sql: `
      ALTER TABLE scenarios ADD COLUMN deleted_at TEXT;
      ALTER TABLE scenario_versions ADD COLUMN title TEXT NOT NULL DEFAULT '{}';
      UPDATE scenario_versions SET title = coalesce(json_extract(json, '$.title'), '{}');`,
  },
  {
    version: 3,
    name: "saved analysis runs",
    sql: `
      CREATE TABLE runs (
        id               INTEGER PRIMARY KEY AUTOINCREMENT,
        kind             TEXT NOT NULL CHECK (kind IN ('forecast', 'deal', 'analyze')),
        scenario_id      TEXT,
        scenario_version INTEGER,
        scenario_json    TEXT,
        models           TEXT NOT NULL,
        parameters       TEXT NOT NULL,
        seed             INTEGER,
        results          TEXT NOT NULL,
        created_at       TEXT NOT NULL
      );
      CREATE INDEX runs_by_scenario ON runs (scenario_id, created_at);`,
  },
  {
    version: 4,
    name: "saved simulation runs",
    // SQLite cannot change a CHECK constraint in place: the table is rebuilt with the new kind allowed,
    // every row copied as it is, and the AUTOINCREMENT high-water mark carried over (ids of deleted
    // runs are never handed out again).
    sql: `
      CREATE TABLE runs_v4 (
        id               INTEGER PRIMARY KEY AUTOINCREMENT,
        kind             TEXT NOT NULL CHECK (kind IN ('forecast', 'deal', 'analyze', 'simulate')),
        scenario_id      TEXT,
        scenario_version INTEGER,
        scenario_json    TEXT,
        models           TEXT NOT NULL,
        parameters       TEXT NOT NULL,
        seed             INTEGER,
        results          TEXT NOT NULL,
        created_at       TEXT NOT NULL
      );
      INSERT INTO runs_v4 (id, kind, scenario_id, scenario_version, scenario_json, models, parameters, seed, results, created_at)
        SELECT id, kind, scenario_id, scenario_version, scenario_json, models, parameters, seed, results, created_at FROM runs;
      DELETE FROM sqlite_sequence WHERE name = 'runs_v4';
      UPDATE sqlite_sequence SET name = 'runs_v4' WHERE name = 'runs';
      DROP TABLE runs;
      ALTER TABLE runs_v4 RENAME TO runs;
      CREATE INDEX runs_by_scenario ON runs (scenario_id, created_at);`,
  },
];

export const LATEST_SCHEMA = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** The newest step applied to the database (0 for a new one). */
export function schemaVersion(db: Database): number {
  const table = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'migrations'").get();
  if (table === undefined) return 0;
  const row = db.prepare("SELECT max(version) AS version FROM migrations").get() as { version: number | null };
  return row.version ?? 0;
}

/**
 * Applies the steps the database lacks, up to `target` (default: all). Returns the versions
 * applied. Refuses a database written by a newer Parley rather than guess at its schema.
 */
export function migrate(db: Database, target = LATEST_SCHEMA): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const current = schemaVersion(db);
  if (current > LATEST_SCHEMA) {
    throw new StoreSchemaError(`the database has schema version ${current}; this Parley knows up to ${LATEST_SCHEMA} — please upgrade Parley`);
  }
  const applied: number[] = [];
  const record = db.prepare("INSERT INTO migrations (version, name, applied_at) VALUES (?, ?, ?)");
  for (const step of MIGRATIONS) {
    if (step.version <= current || step.version > target) continue;
    db.transaction(() => {
      db.exec(step.sql);
      record.run(step.version, step.name, new Date().toISOString());
    }).immediate();
    applied.push(step.version);
  }
  return applied;
}

/** The database cannot be used by this version of Parley. */
export class StoreSchemaError extends Error {
  override readonly name = "StoreSchemaError";
}
