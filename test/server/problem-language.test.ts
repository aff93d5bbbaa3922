/**
 * Problem details in the reader's language: with an Accept-Language that prefers Chinese, the
 * server's titles and details are Chinese, while `type`, `status`, paths, lines and columns stay
 * as they are in English; without one, or preferring English, the answer is English.
 */
import { describe, expect, it } from "vitest";
import { PROBLEM_TITLES, preferredLanguage, serverSays } from "../../src/i18n/problems.js";
import { PROBLEMS } from "../../src/server/problem.js";
import { SMALL_YAML, useTestServer } from "./harness.js";

const t = useTestServer();

interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { path: string; line: number; column: number; message: string }[];
  currentVersion?: number;
}

async function problemIn(path: string, language: string | undefined, init: RequestInit = {}): Promise<{ response: Response; problem: ProblemBody }> {
  const headers = new Headers(init.headers);
  if (language !== undefined) headers.set("accept-language", language);
  const response = await t.request(path, { ...init, headers });
  expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  return { response, problem: (await response.json()) as ProblemBody };
}

const yaml = (body: string, headers: Record<string, string> = {}): RequestInit => ({ method: "POST", body, headers: { "content-type": "application/yaml", ...headers } });
const han = /[\u4e00-\u9fff]/;

describe("Accept-Language", () => {
  it("prefers Chinese only when a zh range weighs more than every English one", () => {
    expect(preferredLanguage(undefined)).toBe("en");
    expect(preferredLanguage("")).toBe("en");
    expect(preferredLanguage("zh-CN,zh;q=0.9,en;q=0.8")).toBe("zh");
    expect(preferredLanguage("zh")).toBe("zh");
    expect(preferredLanguage("en-US,en;q=0.9,zh-CN;q=0.8")).toBe("en");
    expect(preferredLanguage("en;q=0.5, zh-TW;q=0.8")).toBe("zh");
    expect(preferredLanguage("fr-FR, zh;q=0.3")).toBe("zh");
    expect(preferredLanguage("fr-FR, de")).toBe("en");
    expect(preferredLanguage("zh;q=0, en;q=0.1")).toBe("en");
    expect(preferredLanguage("zh-Hans;q=0.7, *;q=0.9")).toBe("en");
  });

  it("has a Chinese title, different from the English one, for every kind of problem", () => {
    for (const kind of Object.keys(PROBLEMS) as (keyof typeof PROBLEMS)[]) {
      expect(PROBLEM_TITLES.zh[kind]).toMatch(han);
      expect(PROBLEM_TITLES.zh[kind]).not.toBe(PROBLEM_TITLES.en[kind]);
    }
    const said = serverSays("stale", "hanoi-2019", 3, 2);
    expect(said.en).toBe('scenario "hanoi-2019" is at version 3, not 2; reload it and apply your change again');
    expect(said.zh).toContain("hanoi-2019");
    expect(said.zh).toMatch(han);
  });
});

describe("problems in Chinese", () => {
  it("answers an unknown route in the preferred language, with the same type and status", async () => {
    const en = await problemIn("/api/nothing/here", undefined);
    const zh = await problemIn("/api/nothing/here", "zh-CN,zh;q=0.9,en;q=0.8");
    expect(en.problem).toMatchObject({ type: "urn:parley:problem:not-found", status: 404, title: "Not found", detail: "no route GET /api/nothing/here; see /api/openapi.json" });
    expect(zh.response.status).toBe(404);
    expect(zh.problem.type).toBe(en.problem.type);
    expect(zh.problem.title).toBe("未找到");
    expect(zh.problem.detail).toContain("GET /api/nothing/here");
    expect(zh.problem.detail).toMatch(han);
    expect(zh.response.headers.get("content-language")).toBe("zh");
    expect(zh.response.headers.get("vary")).toMatch(/Accept-Language/);
    expect((await problemIn("/api/nothing/here", "en-GB,zh;q=0.5")).problem.title).toBe("Not found");
  });

  it("keeps every location of an invalid scenario as it is, translating title and detail", async () => {
    const bad = SMALL_YAML.replace("capability: 60", "capabilty: 60").replace("salience: 70", "salience: 170");
    const en = await problemIn("/api/scenarios", "en", yaml(bad));
    const zh = await problemIn("/api/scenarios", "zh", yaml(bad));
    expect(zh.response.status).toBe(422);
    expect(zh.problem.type).toBe("urn:parley:problem:invalid-scenario");
    expect(zh.problem.title).toBe(PROBLEM_TITLES.zh["invalid-scenario"]);
    expect(en.problem.detail).toMatch(/^\d+ problems in the scenario: /);
    expect(zh.problem.detail).toMatch(/^情景中有 \d+ 个问题：/);
    // The first problem's path, as located in the English detail, is in the Chinese one too.
    const firstPath = en.problem.errors![0]!.path;
    expect(zh.problem.detail).toContain(firstPath);
    expect(zh.problem.errors!.map(({ path, line, column }) => ({ path, line, column }))).toEqual(en.problem.errors!.map(({ path, line, column }) => ({ path, line, column })));
    const line = bad.split("\n").findIndex((l) => l.includes("salience: 170")) + 1;
    expect(zh.problem.errors!.find((e) => e.path === "stances.A.tax.salience")).toMatchObject({ line });
  });

  it("words the server's own located messages, and the store's refusals, in Chinese", async () => {
    const version = await problemIn("/api/scenarios/small/versions/x", "zh");
    expect(version.response.status).toBe(400);
    expect(version.problem.detail).toContain("version");
    expect(version.problem.detail).toMatch(han);
    expect(version.problem.errors).toEqual([{ path: "version", line: 0, column: 0, message: "应为 ≥ 1 的整数" }]);

    const missing = await problemIn("/api/scenarios/no-such-scenario", "zh");
    expect(missing.response.status).toBe(404);
    expect(missing.problem.detail).toBe("没有情景“no-such-scenario”");

    const created = await t.request("/api/scenarios", yaml(SMALL_YAML.replace(/^id: .*$/m, "id: lang-small")));
    expect(created.status).toBe(201);
    const stale = await problemIn("/api/scenarios/lang-small", "zh", { method: "PUT", body: SMALL_YAML.replace(/^id: .*$/m, "id: lang-small"), headers: { "content-type": "application/yaml", "if-match": '"7"' } });
    expect(stale.response.status).toBe(412);
    expect(stale.problem).toMatchObject({ type: "urn:parley:problem:precondition-failed", currentVersion: 1, title: PROBLEM_TITLES.zh["precondition-failed"] });
    expect(stale.problem.detail).toBe(serverSays("stale", "lang-small", 1, 7).zh);

    const media = await problemIn("/api/scenarios", "zh", { method: "POST", body: "x", headers: { "content-type": "application/octet-stream" } });
    expect(media.response.status).toBe(415);
    expect(media.problem.detail).toContain("application/octet-stream");
    expect(media.problem.detail).toMatch(/^此处不接受/);
  });

  it("words an over-budget refusal in Chinese, its limit unchanged", async () => {
    const en = await problemIn("/api/forecast", "en", { method: "POST", body: JSON.stringify({ scenarioId: "lang-small", runs: 1e9 }), headers: { "content-type": "application/json" } });
    const zh = await problemIn("/api/forecast", "zh", { method: "POST", body: JSON.stringify({ scenarioId: "lang-small", runs: 1e9 }), headers: { "content-type": "application/json" } });
    expect(zh.response.status).toBe(422);
    expect(zh.problem).toMatchObject({ type: "urn:parley:problem:over-budget" });
    expect((zh.problem as { limit?: unknown }).limit).toEqual((en.problem as { limit?: unknown }).limit);
    expect(en.problem.detail).toContain("Monte Carlo samples");
    expect(zh.problem.detail).toContain("蒙特卡洛样本");
    expect(zh.problem.detail).toContain("`runs`");
  });
});
