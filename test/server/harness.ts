/** A real server on 127.0.0.1 (ephemeral port) over a real SQLite file in a temporary folder. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll } from "vitest";
import { startServer, type RunningServer, type ServeOptions } from "../../src/server/start.js";

export interface TestServer {
  readonly server: RunningServer;
  readonly base: string;
  readonly dir: string;
  readonly db: string;
  readonly logs: string[];
  /** fetch relative to the server, with JSON bodies encoded. */
  request(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  close(): Promise<void>;
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "parley-server-"));
}

export async function startTestServer(options: Partial<ServeOptions> & { dir?: string } = {}): Promise<TestServer> {
  const dir = options.dir ?? tempDir();
  const db = options.db ?? join(dir, "parley.db");
  const logs: string[] = [];
  const server = await startServer({ host: "127.0.0.1", port: 0, dataDir: dir, db, env: {}, log: (m) => logs.push(m), ...options });
  const base = server.url.replace(/\/$/, "");
  return {
    server,
    base,
    dir,
    db,
    logs,
    request(path, init = {}) {
      const { json, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (json !== undefined && !headers.has("content-type")) headers.set("content-type", "application/json");
      return fetch(`${base}${path}`, { ...rest, headers, ...(json !== undefined ? { body: JSON.stringify(json) } : {}) });
    },
    async close() {
      await server.close();
    },
  };
}

/**
 * One server for a whole test file: started before its tests, closed and its folder removed after them.
 * The handle reaches the running server, so a file writes `const t = useTestServer()` once.
 */
export function useTestServer(options: Partial<ServeOptions> & { dir?: string } = {}): TestServer {
  let started: TestServer | undefined;
  beforeAll(async () => {
    started = await startTestServer(options);
  });
  afterAll(async () => {
    if (!started) return;
    await started.close();
    removeDir(started.dir);
  });
  const current = (): TestServer => {
    if (!started) throw new Error("the test server starts in beforeAll");
    return started;
  };
  return {
    get server() { return current().server; },
    get base() { return current().base; },
    get dir() { return current().dir; },
    get db() { return current().db; },
    get logs() { return current().logs; },
    request: (path, init) => current().request(path, init),
    close: () => current().close(),
  };
}

/**
 * For a test file whose tests each start servers of their own: the returned function starts one, and
 * every server started in a test is closed and its folder removed after that test.
 */
export function serversPerTest(): (options?: Partial<ServeOptions> & { dir?: string }) => Promise<TestServer> {
  let servers: TestServer[] = [];
  afterEach(async () => {
    for (const t of servers) {
      await t.close();
      removeDir(t.dir);
    }
    servers = [];
  });
  return async (options = {}) => {
    const t = await startTestServer(options);
    servers.push(t);
    return t;
  };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** A small valid scenario (three actors, one numeric issue, one option issue, one deal). */
export const SMALL_YAML = `parley: 1
id: small
title: {en: A small test, zh: 小测试}
actors:
  - {id: A, name: Alpha, capability: 60}
  - {id: B, name: Beta, capability: 40}
  - {id: C, name: Gamma, capability: 20}
issues:
  - id: tax
    name: Tax rate
    scale: {min: 0, max: 100, anchors: {0: none, 50: half, 100: all}}
    reference: 20
  - id: form
    name: Form of the deal
    options:
      - {id: oral, label: oral, place: 0}
      - {id: written, label: written, place: 100}
    reference: oral
stances:
  A:
    tax: {position: 80, salience: 70}
    form: {position: written, salience: 40}
  B:
    tax: {position: 30, salience: 50}
    form: {position: oral, salience: 60}
  C:
    tax: {position: 50, salience: 30}
    form: {position: written, salience: 20}
deals:
  - id: middle
    name: Meet in the middle
    values: {tax: 50, form: written}
`;
