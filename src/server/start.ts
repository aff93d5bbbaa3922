/**
 * Starting the workbench server: open (create, migrate, seed) the store, decide on the access
 * token, and listen. `parley serve` is a thin shell over {@link startServer}.
 */
import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync, type Stats } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { serve } from "@hono/node-server";
import { ComputePool, type ComputeLimits } from "../compute/pool.js";
import { openStore, reseedScenarios, seedScenarios, StoreSchemaError, type Store } from "../store/index.js";
import { createApp } from "./app.js";
import { bundledScenariosDir, userDataDir, webAppDir } from "./paths.js";
import { isLoopback } from "./security.js";

export const DEFAULT_HOST = "127.0.0.1";
export const DEFAULT_PORT = 4321;

export interface ServeOptions {
  readonly host?: string;
  /** 0 picks any free port. */
  readonly port?: number;
  /** The SQLite file (default: `parley.db` in the user's data folder). */
  readonly db?: string;
  /** The one browser origin allowed to call the API. */
  readonly cors?: string;
  readonly staticDir?: string;
  /** Folder for the database and the token (default: {@link userDataDir}). */
  readonly dataDir?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Messages for the person who started the server (default: stderr). */
  readonly log?: (message: string) => void;
  /** Replace stored copies of the bundled scenarios with this Parley's (a new version each; history kept). */
  readonly reseed?: boolean;
  /** Limits of the worker pool heavy analyses run on (default: `defaultComputeLimits()`). */
  readonly compute?: Partial<ComputeLimits>;
}

export interface RunningServer {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly store: Store;
  /** The worker pool the analyses run on. */
  readonly compute: ComputePool;
  /** The access token in force, if any. */
  readonly token: string | undefined;
  /** Where the token came from: the environment, the token file, or made just now (show it). */
  readonly tokenSource: "env" | "file" | "created" | undefined;
  /** Stops accepting connections, ends open ones and closes the store. */
  close(): Promise<void>;
}

/** The port is taken; the message says what to do. */
export class PortInUseError extends Error {
  override readonly name = "PortInUseError";
}

/** An option of `serve` that cannot work (a port out of range, a database path that is not a database file). */
export class ServeOptionError extends Error {
  override readonly name: string = "ServeOptionError";
}

/** The database cannot be opened where `--db` (or the data folder) points; the message says why. */
export class DatabaseFileError extends ServeOptionError {
  override readonly name = "DatabaseFileError";
}

/**
 * Listens first, then opens the store: a port that is taken is reported before anything is written
 * (no database is created for a server that cannot start). Requests that arrive in between — there is
 * no one to send them yet but a racing client — get 503.
 */
export async function startServer(options: ServeOptions = {}): Promise<RunningServer> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
  const host = options.host ?? DEFAULT_HOST;
  const port = options.port ?? DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ServeOptionError(`--port must be a whole number from 0 to 65535 (0: any free port), got ${port}`);
  const dataDir = options.dataDir ?? userDataDir(env);
  const dbFile = options.db ?? join(dataDir, "parley.db");

  let handle: Parameters<typeof serve>[0]["fetch"] = () =>
    new Response(JSON.stringify({ type: "urn:parley:problem:server-busy", title: "The server is starting", status: 503, detail: "the server is starting; try again in a moment" }), {
      status: 503,
      headers: { "content-type": "application/problem+json", "retry-after": "1" },
    });
  const server = await listen((request, env) => handle(request, env), host, port);
  let store: Store | undefined;
  let compute: ComputePool | undefined;
  try {
    store = openStoreAt(dbFile);
    if (store.created) {
      const seeded = seedScenarios(store, bundledScenariosDir());
      log(`created ${dbFile} with ${seeded.added.length} bundled scenario(s)${seeded.added.length > 0 ? `: ${seeded.added.join(", ")}` : ""}`);
      for (const problem of seeded.problems) log(`  not added: ${problem}`);
    } else if (options.reseed) {
      const reseeded = reseedScenarios(store, bundledScenariosDir());
      log(
        `reseeded ${dbFile} from the bundled scenarios: ${listed("added", reseeded.added)}, ${listed("updated", reseeded.updated)}, ${listed("unchanged", reseeded.unchanged)}`,
      );
      for (const problem of reseeded.problems) log(`  not reseeded: ${problem}`);
    }
    const token = resolveAccessToken(host, env, dataDir, log);
    compute = new ComputePool(options.compute);
    const app = createApp({ store, compute, staticDir: options.staticDir ?? webAppDir(), ...(token ? { token: token.value } : {}), ...(options.cors ? { cors: options.cors } : {}), log });
    handle = app.fetch;
    const address = server.address() as AddressInfo;
    const url = `http://${urlHost(host)}:${address.port}/`;
    const opened = store;
    const pool = compute;
    return {
      url,
      host,
      port: address.port,
      store: opened,
      compute: pool,
      token: token?.value,
      tokenSource: token?.source,
      close: () =>
        new Promise<void>((resolve) => {
          server.close(() => {
            opened.close();
            resolve();
          });
          server.closeAllConnections();
          void pool.close();
        }),
    };
  } catch (error) {
    server.close();
    server.closeAllConnections();
    store?.close();
    void compute?.close();
    throw error;
  }
}

const listed = (what: string, ids: readonly string[]): string => `${ids.length} ${what}${ids.length > 0 ? ` (${ids.join(", ")})` : ""}`;

/**
 * Opens the store, turning what can be wrong with the path into one clear message: a folder, a file
 * that is not an SQLite database, a folder that cannot be created, no permission.
 */
export function openStoreAt(dbFile: string): Store {
  const existing = statOrUndefined(dbFile);
  if (existing?.isDirectory()) throw new DatabaseFileError(`${dbFile} is a folder; --db needs a database file, e.g. ${join(dbFile, "parley.db")}`);
  if (existing && !existing.isFile()) throw new DatabaseFileError(`${dbFile} is not a regular file (a device, a FIFO or a socket); --db needs a database file`);
  try {
    mkdirSync(dirname(dbFile), { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new DatabaseFileError(`cannot create the folder for the database ${dbFile}: ${reason(error)}`);
  }
  try {
    return openStore(dbFile);
  } catch (error) {
    if (error instanceof StoreSchemaError) throw error;
    const code = (error as { code?: string }).code;
    if (code === "SQLITE_NOTADB" || code === "SQLITE_CORRUPT") {
      throw new DatabaseFileError(`${dbFile} is not a Parley database (not an SQLite file, or a damaged one); it was left as it is — choose another file with --db`);
    }
    throw new DatabaseFileError(`cannot open the database ${dbFile}: ${reason(error)}`);
  }
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function reason(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  switch (e.code) {
    case "ENOTDIR":
    case "EEXIST":
      return "a part of the path is a file, not a folder";
    case "EACCES":
    case "EPERM":
    case "SQLITE_CANTOPEN":
    case "SQLITE_READONLY":
      return "permission denied (or the folder is read-only)";
    case "EROFS":
      return "the file system is read-only";
    default:
      return e instanceof Error ? e.message : String(error);
  }
}

function listen(fetch: Parameters<typeof serve>[0]["fetch"], host: string, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, hostname: host, port }) as Server;
    const onError = (error: NodeJS.ErrnoException) => {
      server.close();
      if (error.code === "EADDRINUSE") reject(new PortInUseError(`port ${port} on ${host} is already in use (is another parley serve running?); choose another with --port N, or --port 0 for any free port`));
      else if (error.code === "EADDRNOTAVAIL" || error.code === "ENOTFOUND") reject(new PortInUseError(`cannot listen on ${host}: no such address on this machine`));
      else if (error.code === "EACCES") reject(new PortInUseError(`not allowed to listen on port ${port} of ${host}; choose a port above 1023`));
      else reject(error);
    };
    server.once("error", onError);
    server.once("listening", () => {
      server.off("error", onError);
      resolve(server);
    });
  });
}

function urlHost(host: string): string {
  if (host === "0.0.0.0") return "127.0.0.1";
  if (host === "::") return "[::1]";
  return host.includes(":") ? `[${host}]` : host;
}

/**
 * The token required of clients: `PARLEY_TOKEN` when set; otherwise, for a host other machines can
 * reach, the one in `<data folder>/token`, created (mode 0600) and shown on first use.
 */
export function resolveAccessToken(host: string, env: NodeJS.ProcessEnv, dataDir: string, log: (message: string) => void): { value: string; source: "env" | "file" | "created" } | undefined {
  const fromEnv = env["PARLEY_TOKEN"]?.trim();
  if (fromEnv) return { value: fromEnv, source: "env" };
  if (isLoopback(host)) return undefined;
  const file = join(dataDir, "token");
  try {
    const existing = readFileSync(file, "utf8").trim();
    if (existing !== "") {
      if (process.platform !== "win32" && (statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
      log(`access token: the one in ${file} (or set PARLEY_TOKEN)`);
      return { value: existing, source: "file" };
    }
  } catch {
    // No token yet: make one below.
  }
  const value = randomBytes(32).toString("base64url");
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  writeFileSync(file, `${value}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  log(`created an access token in ${file}; it is shown only this once`);
  return { value, source: "created" };
}
