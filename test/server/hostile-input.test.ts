/** Hostile bodies over HTTP: every one is a 4xx problem+json, never a 500. */
import { describe, expect, it } from "vitest";
import { useTestServer } from "./harness.js";

const t = useTestServer({ compute: { threads: 1 } });

async function upload(files: [string, string | Uint8Array][]): Promise<Response> {
  const form = new FormData();
  for (const [name, content] of files) form.append("file", new Blob([content]), name);
  return t.request("/api/scenarios", { method: "POST", body: form });
}

async function expectProblem(response: Response, status: number): Promise<{ type: string; detail: string }> {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  return (await response.json()) as { type: string; detail: string };
}

const deepFlow = "[".repeat(5000) + "]".repeat(5000);
const deepBlock = "a:\n" + Array.from({ length: 2000 }, (_, i) => `${" ".repeat(i + 1)}- `).join("\n") + "x\n";

describe("hostile bodies", () => {
  it("answers a binary upload with 415, as the docs say", async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    expect((await expectProblem(await upload([["picture.png", png]]), 415)).detail).toMatch(/picture\.png is not a text file/);
    const latin1 = new Uint8Array([0x70, 0x61, 0x72, 0x6c, 0x65, 0x79, 0x3a, 0x20, 0xe9, 0xe8]);
    await expectProblem(await upload([["latin1.yaml", latin1]]), 415);
  });

  it("refuses XML with an external entity or nested too deep, naming the file", async () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><Scenario><name>&e;</name></Scenario>`;
    expect((await expectProblem(await upload([["ktab.xml", xxe]]), 422)).detail).toMatch(/ktab\.xml/);
    const deep = `<Scenario>${"<a>".repeat(5000)}${"</a>".repeat(5000)}</Scenario>`;
    await expectProblem(await upload([["deep.xml", deep]]), 422);
    const domain = `<negotiation_template>${"<objective>".repeat(5000)}${"</objective>".repeat(5000)}</negotiation_template>`;
    const response = await upload([
      ["domain.xml", domain],
      ["p1.xml", "<utility_space></utility_space>"],
      ["p2.xml", "<utility_space></utility_space>"],
    ]);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });

  it.each([
    ["flow", deepFlow],
    ["block", deepBlock],
  ])("answers YAML nested thousands of levels deep (%s) with a 4xx wherever it comes", async (_kind, text) => {
    for (const response of [
      await t.request("/api/scenarios", { method: "POST", body: text, headers: { "content-type": "application/yaml" } }),
      await t.request("/api/scenarios", { method: "POST", json: { yaml: text } }),
      await upload([["deep.yaml", text]]),
      await t.request("/api/forecast", { method: "POST", json: { scenario: text } }),
      await t.request("/api/analyze", { method: "POST", json: { scenario: text } }),
    ]) {
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    }
    const json = await t.request("/api/forecast", { method: "POST", body: deepFlow, headers: { "content-type": "application/json" } });
    expect(json.status).toBe(400);
  });

  it("locates an unresolved alias", async () => {
    const response = await t.request("/api/scenarios", { method: "POST", body: "parley: 1\nid: x\ntitle: *nope\n", headers: { "content-type": "application/yaml" } });
    const problem = (await expectProblem(response, 422)) as { errors?: { line: number }[] };
    expect(problem.errors?.[0]?.line).toBeGreaterThanOrEqual(1);
  });
});
