/** Security defaults: headers, the access token, CORS, DNS rebinding and cross-site writes, body size. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync, statSync } from "node:fs";
import http from "node:http";
import { join } from "node:path";
import { createApp } from "../../src/server/app.js";
import { isLoopback } from "../../src/server/security.js";
import { resolveAccessToken } from "../../src/server/start.js";
import { openStore, type Store } from "../../src/store/index.js";
import { removeDir, SMALL_YAML, startTestServer, tempDir, type TestServer } from "./harness.js";

const TOKEN = "test-token-0123456789";

describe("with an access token", () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ env: { PARLEY_TOKEN: TOKEN } });
  });
  afterAll(async () => {
    await t.close();
    removeDir(t.dir);
  });

  it("requires it on the API, except for the health check", async () => {
    expect((await t.request("/api/health")).status).toBe(200);
    const none = await t.request("/api/scenarios");
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toBe('Bearer realm="parley"');
    expect(none.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(none.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect((await t.request("/api/scenarios", { headers: { authorization: "Bearer wrong" } })).status).toBe(401);
    expect((await t.request(`/api/scenarios?token=${TOKEN}`)).status).toBe(401);
    expect((await t.request("/api/scenarios", { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    const write = await t.request("/api/scenarios", { method: "POST", body: SMALL_YAML, headers: { "content-type": "application/yaml" } });
    expect(write.status).toBe(401);
  });

  it("turns the token in the first page's address into a cookie, and then accepts the cookie", async () => {
    expect((await t.request("/")).status).toBe(401);
    const first = await t.request(`/scenarios/hanoi-2019?token=${TOKEN}&tab=forecast`, { redirect: "manual" });
    expect(first.status).toBe(303);
    expect(first.headers.get("location")).toBe("/scenarios/hanoi-2019?tab=forecast");
    const cookie = first.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^parley_token=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const pair = cookie.split(";")[0]!;
    expect((await t.request("/api/scenarios", { headers: { cookie: pair } })).status).toBe(200);
    expect((await t.request("/", { headers: { cookie: pair } })).status).toBe(200);
    expect((await t.request("/api/scenarios", { headers: { cookie: "parley_token=nope" } })).status).toBe(401);
  });
});

describe("without a token", () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t.close();
    removeDir(t.dir);
  });

  it("sends security headers on every response and no CORS headers", async () => {
    for (const path of ["/api/health", "/", "/api/missing", "/missing.js"]) {
      const response = await t.request(path, { headers: { origin: "http://elsewhere.example" } });
      const csp = response.headers.get("content-security-policy");
      expect(csp).toBe("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("referrer-policy")).toBe("no-referrer");
      expect(response.headers.get("x-frame-options")).toBe("DENY");
      expect(response.headers.get("access-control-allow-origin")).toBeNull();
    }
  });

  it("refuses writes from other sites", async () => {
    const evil = await t.request("/api/scenarios", { method: "POST", body: SMALL_YAML, headers: { "content-type": "text/plain", origin: "http://evil.example" } });
    expect(evil.status).toBe(403);
    const own = await t.request("/api/scenarios", { method: "POST", body: SMALL_YAML, headers: { "content-type": "text/plain", origin: t.base } });
    expect(own.status).toBe(201);
  });

  it("refuses bodies over 2 MiB, with or without Content-Length", async () => {
    const big = Buffer.from(`${SMALL_YAML}\n# ${"x".repeat(2 * 1024 * 1024)}\n`);
    const sized = await rawPost(`${t.base}/api/scenarios`, big, true);
    expect(sized.status).toBe(413);
    expect(JSON.parse(sized.body) as { type: string }).toMatchObject({ type: "urn:parley:problem:payload-too-large" });
    const chunked = await rawPost(`${t.base}/api/scenarios`, big, false);
    expect(chunked.status).toBe(413);
    expect(((await (await t.request("/api/scenarios")).json()) as unknown[]).length).toBe(4);
  });
});

/**
 * POSTs with Node's own client, which reads a response that arrives before the whole body is sent
 * (as a server refusing an oversized body does); fetch would report the closed connection instead.
 */
function rawPost(url: string, body: Buffer, withLength: boolean): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, {
      method: "POST",
      headers: { "content-type": "application/yaml", ...(withLength ? { "content-length": String(body.length) } : {}) },
    });
    request.on("response", (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
      response.on("error", () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    request.on("error", (error) => reject(error));
    for (let i = 0; i < body.length; i += 65536) request.write(body.subarray(i, i + 65536));
    request.end();
  });
}

describe("CORS", () => {
  it("allows the one origin given, and no other", async () => {
    const t = await startTestServer({ cors: "http://localhost:5173" });
    const preflight = await t.request("/api/scenarios/small", {
      method: "OPTIONS",
      headers: { origin: "http://localhost:5173", "access-control-request-method": "PUT", "access-control-request-headers": "if-match, content-type" },
    });
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
    expect(preflight.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("if-match");
    const get = await t.request("/api/health", { headers: { origin: "http://localhost:5173" } });
    expect(get.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
    expect(get.headers.get("access-control-expose-headers")).toContain("ETag");
    const other = await t.request("/api/health", { headers: { origin: "http://evil.example" } });
    expect(other.headers.get("access-control-allow-origin")).not.toBe("http://evil.example");
    const write = await t.request("/api/scenarios", { method: "POST", body: SMALL_YAML, headers: { "content-type": "text/plain", origin: "http://localhost:5173" } });
    expect(write.status).toBe(201);
    await t.close();
    removeDir(t.dir);
  });
});

describe("the rule for hosts beyond this machine", () => {
  let dir: string;
  let store: Store;
  beforeAll(() => {
    dir = tempDir();
    store = openStore(join(dir, "parley.db"));
  });
  afterAll(() => {
    store.close();
    removeDir(dir);
  });

  it("tells loopback names from others", () => {
    for (const host of ["127.0.0.1", "localhost", "::1", "[::1]", "127.1.2.3", "app.localhost"]) expect(isLoopback(host)).toBe(true);
    for (const host of ["0.0.0.0", "::", "192.168.1.10", "example.com", "127.0.0.1.example.com"]) expect(isLoopback(host)).toBe(false);
  });

  it("needs a token for a non-loopback host: from PARLEY_TOKEN, else made once and kept with mode 0600", () => {
    const logs: string[] = [];
    const log = (m: string) => logs.push(m);
    expect(resolveAccessToken("127.0.0.1", {}, dir, log)).toBeUndefined();
    expect(resolveAccessToken("127.0.0.1", { PARLEY_TOKEN: "env" }, dir, log)).toEqual({ value: "env", source: "env" });
    expect(resolveAccessToken("0.0.0.0", { PARLEY_TOKEN: "env" }, dir, log)).toEqual({ value: "env", source: "env" });
    const made = resolveAccessToken("0.0.0.0", {}, dir, log)!;
    expect(made.source).toBe("created");
    expect(made.value.length).toBeGreaterThanOrEqual(32);
    const file = join(dir, "token");
    expect(readFileSync(file, "utf8").trim()).toBe(made.value);
    if (process.platform !== "win32") expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(resolveAccessToken("192.168.1.10", {}, dir, log)).toEqual({ value: made.value, source: "file" });
    expect(logs.join("\n")).not.toContain(made.value);
  });

  it("answers only loopback host names without a token (DNS rebinding), any with one", async () => {
    const open = createApp({ store });
    expect((await open.request("http://localhost/api/health")).status).toBe(200);
    expect((await open.request("http://127.0.0.1:4321/api/health")).status).toBe(200);
    const rebound = await open.request("http://attacker.example:4321/api/scenarios");
    expect(rebound.status).toBe(421);
    const guarded = createApp({ store, token: TOKEN });
    expect((await guarded.request("http://parley.lan/api/scenarios")).status).toBe(401);
    expect((await guarded.request("http://parley.lan/api/scenarios", { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
  });
});
