/**
 * Response compression over a real socket, read with node:http (fetch would decode the body itself):
 * JSON and the app's files in br or gzip as Accept-Encoding asks, the same bytes once decoded, the
 * version ETag and conditional GETs unchanged, small bodies and HEAD left alone.
 */
import { request as httpRequest } from "node:http";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chooseCoding, COMPRESSION_THRESHOLD_BYTES } from "../../src/server/compression.js";
import { removeDir, startTestServer, tempDir, type TestServer } from "./harness.js";

describe("chooseCoding", () => {
  it("takes the acceptable coding with the highest weight, br on a tie", () => {
    expect(chooseCoding(undefined)).toBeUndefined();
    expect(chooseCoding("")).toBeUndefined();
    expect(chooseCoding("identity")).toBeUndefined();
    expect(chooseCoding("deflate")).toBeUndefined();
    expect(chooseCoding("gzip, deflate, br")).toBe("br");
    expect(chooseCoding("gzip")).toBe("gzip");
    expect(chooseCoding("GZIP;Q=1")).toBe("gzip");
    expect(chooseCoding("br;q=0, gzip")).toBe("gzip");
    expect(chooseCoding("gzip;q=1.0, br;q=0.5")).toBe("gzip");
    expect(chooseCoding("br;q=0.5, gzip;q=0.5")).toBe("br");
    expect(chooseCoding("*")).toBe("br");
    expect(chooseCoding("*;q=0.1, br;q=0")).toBe("gzip");
    expect(chooseCoding("gzip;q=0, br;q=0")).toBeUndefined();
    expect(chooseCoding("br;q=x")).toBeUndefined();
  });
});

interface Raw {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
}

/** One request, its body's bytes as they came over the wire. */
function raw(base: string, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${base}${path}`, { method: options.method ?? "GET", headers: options.headers ?? {} }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on("error", reject);
    });
    request.on("error", reject);
    request.end(options.body);
  });
}

const decoded = (r: Raw): Buffer => (r.headers["content-encoding"] === "br" ? brotliDecompressSync(r.body) : r.headers["content-encoding"] === "gzip" ? gunzipSync(r.body) : r.body);

describe("compressed responses", () => {
  let t: TestServer;
  const app = "const parley = 'workbench';\n".repeat(200);
  beforeAll(async () => {
    const dir = tempDir();
    const web = join(dir, "web");
    mkdirSync(join(web, "assets"), { recursive: true });
    writeFileSync(join(web, "index.html"), `<!doctype html><title>Parley app</title>${"<!-- padding -->".repeat(100)}<script type="module" src="/assets/app-1234.js"></script>`);
    writeFileSync(join(web, "assets", "app-1234.js"), app);
    t = await startTestServer({ dir, staticDir: web });
  });
  afterAll(async () => {
    await t.close();
    removeDir(t.dir);
  });

  it("sends a forecast's JSON in br or gzip as asked, the same JSON once decoded", async () => {
    const forecast = (encoding?: string) =>
      raw(t.base, "/api/forecast", {
        method: "POST",
        headers: { "content-type": "application/json", ...(encoding !== undefined ? { "accept-encoding": encoding } : {}) },
        body: JSON.stringify({ scenarioId: "hanoi-2019", models: ["compromise", "median", "nbs"] }),
      });
    const plain = await forecast();
    expect(plain.status).toBe(200);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers["vary"]).toMatch(/accept-encoding/i);
    expect(plain.body.length).toBeGreaterThan(COMPRESSION_THRESHOLD_BYTES);
    for (const [asked, coding] of [["gzip, deflate, br", "br"], ["gzip", "gzip"], ["identity", undefined]] as const) {
      const response = await forecast(asked);
      expect(response.headers["content-encoding"]).toBe(coding);
      expect(response.headers["vary"]).toMatch(/accept-encoding/i);
      expect(response.headers["server-timing"]).toMatch(/^app;dur=/);
      expect(JSON.parse(decoded(response).toString("utf8"))).toEqual(JSON.parse(plain.body.toString("utf8")));
      if (coding !== undefined) expect(response.body.length).toBeLessThan(plain.body.length / 3);
    }
  });

  it("keeps a scenario's version ETag, so that If-None-Match and If-Match still name the version", async () => {
    const got = await raw(t.base, "/api/scenarios/hanoi-2019", { headers: { "accept-encoding": "br" } });
    expect(got.headers["content-encoding"]).toBe("br");
    expect(got.headers["etag"]).toBe('"1"');
    const again = await raw(t.base, "/api/scenarios/hanoi-2019", { headers: { "accept-encoding": "br", "if-none-match": '"1"' } });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    const plain = await raw(t.base, "/api/scenarios/hanoi-2019");
    expect(decoded(got).equals(plain.body)).toBe(true);
  });

  it("leaves small bodies and HEAD alone", async () => {
    const health = await raw(t.base, "/api/health", { headers: { "accept-encoding": "br, gzip" } });
    expect(health.headers["content-encoding"]).toBeUndefined();
    expect(JSON.parse(health.body.toString("utf8"))).toMatchObject({ status: "ok" });
    const head = await raw(t.base, "/assets/app-1234.js", { method: "HEAD", headers: { "accept-encoding": "br" } });
    expect(head.status).toBe(200);
    expect(head.headers["content-encoding"]).toBeUndefined();
  });

  it("compresses the app's files, an unchanging asset the same way every time", async () => {
    const first = await raw(t.base, "/assets/app-1234.js", { headers: { "accept-encoding": "br" } });
    const second = await raw(t.base, "/assets/app-1234.js", { headers: { "accept-encoding": "br" } });
    expect(first.headers["content-encoding"]).toBe("br");
    expect(first.headers["cache-control"]).toContain("immutable");
    expect(decoded(first).toString("utf8")).toBe(app);
    expect(second.body.equals(first.body)).toBe(true);
    const gzipped = await raw(t.base, "/assets/app-1234.js", { headers: { "accept-encoding": "gzip" } });
    expect(gunzipSync(gzipped.body).toString("utf8")).toBe(app);
    const page = await raw(t.base, "/scenarios/hanoi-2019", { headers: { "accept-encoding": "gzip" } });
    expect(page.headers["content-encoding"]).toBe("gzip");
    expect(decoded(page).toString("utf8")).toContain("Parley app");
  });
});
