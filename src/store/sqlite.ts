/**
 * A typed handle on better-sqlite3. The package ships no type declarations, so this module loads
 * it through `createRequire` and describes the few methods the store uses; nothing outside
 * `src/store/` touches SQLite.
 */
import { createRequire } from "node:module";

/** A bound parameter: SQLite's storage classes as JavaScript values. */
export type SqlValue = string | number | bigint | null | Buffer;
export type SqlParams = readonly SqlValue[] | Readonly<Record<string, SqlValue>>;

export interface RunResult {
  readonly changes: number;
  readonly lastInsertRowid: number | bigint;
}

export interface Statement {
  run(...params: SqlValue[]): RunResult;
  run(params: Readonly<Record<string, SqlValue>>): RunResult;
  get(...params: SqlValue[]): unknown;
  get(params: Readonly<Record<string, SqlValue>>): unknown;
  all(...params: SqlValue[]): unknown[];
  all(params: Readonly<Record<string, SqlValue>>): unknown[];
}

export interface Database {
  prepare(sql: string): Statement;
  exec(sql: string): this;
  pragma(source: string, options?: { simple?: boolean }): unknown;
  /** Wraps `fn` in BEGIN / COMMIT (ROLLBACK on a throw); `.immediate` takes the write lock first. */
  transaction<A extends unknown[], R>(fn: (...args: A) => R): ((...args: A) => R) & { immediate: (...args: A) => R };
  close(): this;
  readonly open: boolean;
  readonly name: string;
}

export interface DatabaseOptions {
  readonly readonly?: boolean;
  readonly fileMustExist?: boolean;
  /** Milliseconds to wait for a lock held by another connection (default 5000). */
  readonly timeout?: number;
}

type DatabaseConstructor = new (file: string, options?: DatabaseOptions) => Database;

const require = createRequire(import.meta.url);
let constructor: DatabaseConstructor | undefined;

/** Opens (creating if needed) an SQLite database file; `":memory:"` for a private in-memory one. */
export function openDatabase(file: string, options: DatabaseOptions = {}): Database {
  constructor ??= require("better-sqlite3") as DatabaseConstructor;
  return new constructor(file, options);
}
