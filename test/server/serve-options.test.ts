/**
 * `parley serve` with options that cannot work: each is one clear line and exit 2, nothing is
 * written; a taken port is reported before a database is created; `--reseed` brings the bundled
 * scenarios up to date as new versions, keeping the history.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { serveCommand, type ServeCommandOptions } from "../../src/cli/commands/serve.js";
import type { CliIo } from "../../src/cli/io.js";
import { openStore } from "../../src/store/index.js";
import { removeDir, tempDir } from "./harness.js";

function captureIo(): CliIo & { out_: string[]; err_: string[] } {
  const out_: string[] = [];
  const err_: string[] = [];
  return { out_, err_, out: (t) => out_.push(t), err: (t) => err_.push(t), isTty: false };
}

async function serveOnce(options: ServeCommandOptions, dir: string, until: (url: string) => Promise<void> = async () => undefined) {
  const io = captureIo();
  const code = await serveCommand(options, io, { env: {}, dataDir: dir, until: (server) => until(server.url) });
  return { code, err: io.err_.join("\n") };
}

describe("parley serve refuses options that cannot work", () => {
  it.each([
    ["a port out of range", (dir: string) => ({ port: 99999, db: join(dir, "p.db") }), /--port must be a whole number from 0 to 65535/],
    ["a folder as the database", (dir: string) => ({ port: 0, db: dir }), /is a folder; --db needs a database file/],
    ["a path through a file", () => ({ port: 0, db: "/dev/null/x" }), /cannot create the folder for the database \/dev\/null\/x: a part of the path is a file/],
    ["a device as the database", () => ({ port: 0, db: "/dev/null" }), /\/dev\/null is not a regular file/],
  ])("%s: one line, exit 2", async (_name, options, message) => {
    const dir = tempDir();
    const { code, err } = await serveOnce(options(dir), dir);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(err).not.toMatch(/\n\s+at /); // no stack trace
    removeDir(dir);
  });

  it("leaves a file that is not an SQLite database as it is", async () => {
    const dir = tempDir();
    const file = join(dir, "notes.txt");
    const text = "these are my notes, not a database\n".repeat(20);
    writeFileSync(file, text);
    const { code, err } = await serveOnce({ port: 0, db: file }, dir);
    expect(code).toBe(2);
    expect(err).toMatch(/notes\.txt is not a Parley database/);
    expect(readFileSync(file, "utf8")).toBe(text);
    removeDir(dir);
  });

  it("reports a taken port before creating the database", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const port = (blocker.address() as { port: number }).port;
    const dir = tempDir();
    const db = join(dir, "sub", "new.db");
    const { code, err } = await serveOnce({ port, db }, dir);
    expect(code).toBe(1);
    expect(err).toContain("already in use");
    expect(existsSync(db)).toBe(false);
    expect(existsSync(join(dir, "sub"))).toBe(false);
    await new Promise<void>((resolve) => blocker.close(() => resolve()));
    removeDir(dir);
  });
});

describe("parley serve --reseed", () => {
  it("saves the bundled text as a new version of each bundled scenario, keeping the history", async () => {
    const dir = tempDir();
    const db = join(dir, "p.db");
    expect((await serveOnce({ port: 0, db }, dir)).code).toBe(0);
    // An analyst (or an older Parley) changed the stored Hanoi scenario.
    const store = openStore(db);
    const current = store.getScenario("hanoi-2019");
    store.saveVersion("hanoi-2019", 1, { yaml: current.yaml.replace("title:", "# edited\ntitle:"), scenario: current.scenario, author: "ana", message: "my edit" });
    store.close();

    const plain = await serveOnce({ port: 0, db }, dir);
    expect(plain.err).not.toMatch(/reseeded/);
    const reseeded = await serveOnce({ port: 0, db, reseed: true }, dir, async (url) => {
      const versions = (await (await fetch(`${url}api/scenarios/hanoi-2019/versions`)).json()) as { version: number; author: string }[];
      expect(versions.map((v) => [v.version, v.author])).toEqual([
        [3, "parley"],
        [2, "ana"],
        [1, "parley"],
      ]);
    });
    expect(reseeded.code).toBe(0);
    expect(reseeded.err).toMatch(/0 added, 1 updated \(hanoi-2019\), 2 unchanged \(coalition-budget, ec-car-emissions\)/);
    const after = openStore(db);
    expect(after.getScenario("hanoi-2019").yaml).toBe(readFileSync(join("scenarios", "hanoi-2019.yaml"), "utf8"));
    after.close();
    removeDir(dir);
  });

  it("adds bundled scenarios the store lacks and leaves the trash alone", async () => {
    const dir = tempDir();
    const db = join(dir, "p.db");
    mkdirSync(dir, { recursive: true });
    expect((await serveOnce({ port: 0, db }, dir)).code).toBe(0);
    const store = openStore(db);
    store.deleteScenario("ec-car-emissions", "*", { hard: true });
    store.deleteScenario("hanoi-2019", "*");
    store.close();
    const { code, err } = await serveOnce({ port: 0, db, reseed: true }, dir);
    expect(code).toBe(0);
    expect(err).toMatch(/1 added \(ec-car-emissions\), 0 updated, 1 unchanged \(coalition-budget\)/);
    expect(err).toMatch(/hanoi-2019: in the trash/);
    removeDir(dir);
  });
});
