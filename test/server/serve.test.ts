/** `parley serve` and the web app's files: start, static pages with SPA fallback, port in use, SIGTERM. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { serveCommand } from "../../src/cli/commands/serve.js";
import type { CliIo } from "../../src/cli/io.js";
import { userDataDir } from "../../src/server/paths.js";
import { removeDir, startTestServer, tempDir, type TestServer } from "./harness.js";

function captureIo(): CliIo & { out_: string[]; err_: string[] } {
  const out_: string[] = [];
  const err_: string[] = [];
  return { out_, err_, out: (t) => out_.push(t), err: (t) => err_.push(t), isTty: false };
}

describe("the web app's files", () => {
  let t: TestServer;
  beforeAll(async () => {
    const dir = tempDir();
    const web = join(dir, "web");
    mkdirSync(join(web, "assets"), { recursive: true });
    writeFileSync(join(web, "index.html"), '<!doctype html><title>Parley app</title><script type="module" src="/assets/app-1234.js"></script>');
    writeFileSync(join(web, "assets", "app-1234.js"), "console.log('parley');");
    t = await startTestServer({ dir, staticDir: web });
  });
  afterAll(async () => {
    await t.close();
    removeDir(t.dir);
  });

  it("serves files, index.html for the app's own routes, and 404 for missing files", async () => {
    const index = await t.request("/");
    expect(await index.text()).toContain("Parley app");
    const route = await t.request("/scenarios/hanoi-2019/forecast");
    expect(route.status).toBe(200);
    expect(route.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await route.text()).toContain("Parley app");
    const asset = await t.request("/assets/app-1234.js");
    expect(asset.headers.get("content-type")).toMatch(/javascript/);
    expect(asset.headers.get("cache-control")).toContain("immutable");
    expect((await t.request("/assets/missing-9.js")).status).toBe(404);
    expect((await t.request("/../package.json")).status).not.toBe(200);
    expect((await t.request("/%2e%2e/package.json")).status).not.toBe(200);
    // API paths never fall back to the app.
    expect((await t.request("/api/unknown")).headers.get("content-type")).toMatch(/problem\+json/);
  });

  it("puts a scenario's current document in its pages as a JSON data block, and nothing for other pages", async () => {
    const block = /<script type="application\/json" id="parley-initial-scenario">([^<]*)<\/script>/;
    const api = await (await t.request("/api/scenarios/hanoi-2019")).text();
    for (const path of ["/s/hanoi-2019", "/s/hanoi-2019/deal", "/s/hanoi-2019/"]) {
      const page = await (await t.request(path)).text();
      const json = block.exec(page)?.[1];
      expect(json, path).toBeDefined();
      expect(JSON.parse(json!)).toEqual(JSON.parse(api));
      expect(page.indexOf(json!)).toBeLessThan(page.indexOf("</head>") === -1 ? page.length : page.indexOf("</head>"));
    }
    for (const path of ["/", "/new", "/s/no-such-scenario", "/s/hanoi-2019/deal/extra", "/s/%E0%A4%A"]) {
      const page = await t.request(path);
      expect(page.status, path).toBe(200);
      expect(await page.text(), path).not.toContain("parley-initial-scenario");
    }
  });

  it("escapes every < of a scenario's text in its page's data block, so that no text ends the block", async () => {
    const yaml = (await (await t.request("/api/scenarios/hanoi-2019")).json() as { yaml: string }).yaml
      .replace(/^id: hanoi-2019$/m, "id: angle-brackets")
      .replace(/^ {2}en: US–DPRK summit in Hanoi, February 2019$/m, '  en: "</script><script>alert(1)</script><!--"');
    const created = await t.request("/api/scenarios", { method: "POST", body: yaml, headers: { "content-type": "application/yaml" } });
    expect(created.status).toBe(201);
    const page = await (await t.request("/s/angle-brackets")).text();
    const json = /<script type="application\/json" id="parley-initial-scenario">([^<]*)<\/script>/.exec(page)?.[1];
    expect(json).toBeDefined();
    expect(json).toContain("\\u003c/script>");
    expect((JSON.parse(json!) as { scenario: { title: { en: string } } }).scenario.title.en).toBe("</script><script>alert(1)</script><!--");
  });

  it("says how to build the app when it is not built", async () => {
    const other = await startTestServer({ staticDir: join(t.dir, "no-such-folder") });
    const page = await other.request("/some/route");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("npm run build");
    await other.close();
    removeDir(other.dir);
  });
});

describe("parley serve", () => {
  it("prints the address, serves until told to stop, and keeps the database", async () => {
    const dir = tempDir();
    const io = captureIo();
    let health: unknown;
    const code = await serveCommand({ port: 0, db: join(dir, "my.db") }, io, {
      env: {},
      dataDir: dir,
      until: async (server) => {
        health = await (await fetch(`${server.url}api/health`)).json();
      },
    });
    expect(code).toBe(0);
    expect(io.out_.join("\n")).toMatch(/Parley is running at http:\/\/127\.0\.0\.1:\d+\//);
    expect(health).toMatchObject({ status: "ok" });
    expect(io.err_.join("\n")).toContain("3 bundled scenario(s)");

    // A second start on the same file finds everything and seeds nothing.
    const again = captureIo();
    let count = 0;
    await serveCommand({ port: 0, db: join(dir, "my.db") }, again, {
      env: {},
      dataDir: dir,
      until: async (server) => {
        count = ((await (await fetch(`${server.url}api/scenarios`)).json()) as unknown[]).length;
      },
    });
    expect(count).toBe(3);
    expect(again.err_.join("\n")).not.toContain("bundled");
    removeDir(dir);
  });

  it("says clearly when the port is taken, and exits 1", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const port = (blocker.address() as { port: number }).port;
    const dir = tempDir();
    const io = captureIo();
    const code = await serveCommand({ port, db: join(dir, "x.db") }, io, { env: {}, dataDir: dir, until: async () => undefined });
    expect(code).toBe(1);
    expect(io.err_.join("\n")).toContain(`port ${port} on 127.0.0.1 is already in use`);
    await new Promise<void>((resolve) => blocker.close(() => resolve()));
    removeDir(dir);
  });

  it("puts the database in the user's data folder by default", () => {
    expect(userDataDir({ XDG_DATA_HOME: "/data" }, "linux", "/home/u")).toBe(join("/data", "parley"));
    expect(userDataDir({}, "linux", "/home/u")).toBe(join("/home/u", ".local", "share", "parley"));
    expect(userDataDir({ XDG_DATA_HOME: "relative" }, "linux", "/home/u")).toBe(join("/home/u", ".local", "share", "parley"));
    expect(userDataDir({}, "darwin", "/Users/u")).toBe(join("/Users/u", "Library", "Application Support", "parley"));
    expect(userDataDir({ LOCALAPPDATA: "C:\\Users\\u\\AppData\\Local" }, "win32", "C:\\Users\\u")).toBe(join("C:\\Users\\u\\AppData\\Local", "parley"));
  });

  it("stops cleanly on SIGTERM when run as a process", async () => {
    const dir = tempDir();
    const script = `import("./src/cli/main.ts").then(async (m) => { process.exitCode = await m.main(["serve", "--port", "0", "--db", ${JSON.stringify(join(dir, "p.db"))}]); });`;
    const child = spawn(process.execPath, ["--import", "tsx", "-e", script], { env: { ...process.env, XDG_DATA_HOME: dir, PARLEY_TOKEN: "" }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (d: Buffer) => {
        stdout += d.toString();
        const match = /running at (http:\/\/\S+)/.exec(stdout);
        if (match) resolve(match[1]!);
      });
      child.on("exit", () => reject(new Error(`exited early: ${stderr}`)));
    });
    expect(((await (await fetch(`${url}api/scenarios`)).json()) as unknown[]).length).toBe(3);
    const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exit).toBe(0);
    expect(stderr).toContain("stopped");
    removeDir(dir);
  });
});
