/** `POST /api/forecast` with a calibration: the intervals of `parley forecast --calibration --json`, a bad calibration refused with located errors. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Calibration } from "../../src/calibration/calibration.js";
import { trackRecord as calibration } from "../calibration/track-record.js";
import { calibrationJson } from "../../src/calibration/file.js";
import { runCli } from "../helpers.js";
import { useTestServer } from "./harness.js";

const t = useTestServer({ compute: { threads: 1 } });

interface Interval {
  level: number;
  lower: number;
  upper: number;
  combined?: { lower: number; upper: number };
}
interface Result {
  model: string;
  issues: { id: string; forecast: number; interval?: Interval }[];
}
interface Problem {
  type: string;
  status: number;
  detail: string;
  errors?: { path: string; line: number; column: number; message: string }[];
}

const post = (json: unknown) => t.request("/api/forecast", { method: "POST", json });

function calibrationFile(): string {
  const file = join(mkdtempSync(join(tmpdir(), "parley-api-calibration-")), "cal.json");
  writeFileSync(file, calibrationJson(calibration));
  return file;
}

describe("POST /api/forecast with a calibration", () => {
  it("gives each issue its calibrated interval, as parley forecast --calibration --json", async () => {
    const response = await post({ scenarioId: "hanoi-2019", models: ["compromise", "median"], calibration, level: 0.5 });
    expect(response.status).toBe(200);
    const api = (await response.json()) as Result[];
    const [compromise, median] = api;
    for (const issue of compromise!.issues) {
      expect(issue.interval).toEqual({ level: 0.5, lower: Math.max(0, issue.forecast - 5), upper: Math.min(100, issue.forecast + 5) });
    }
    expect(median!.issues.every((i) => i.interval === undefined)).toBe(true);
    const cli = await runCli("forecast", "scenarios/hanoi-2019.yaml", "-m", "compromise,median", "--calibration", calibrationFile(), "--level", "50", "--json");
    expect(cli.code).toBe(0);
    expect(api).toEqual(JSON.parse(cli.stdout));
  }, 60_000);

  it("combines the interval with a Monte Carlo's spread, as the CLI does, and saves the calibration with the run", async () => {
    const response = await post({ scenarioId: "hanoi-2019", models: ["compromise"], runs: 100, seed: 5, calibration, save: true });
    expect(response.status).toBe(200);
    const api = (await response.json()) as { models: { model: string; issues: { forecast: number; sd: number; interval?: Interval }[] }[] };
    for (const issue of api.models[0]!.issues) {
      expect(issue.interval!.level).toBe(0.8);
      expect(issue.interval!.combined!.upper - issue.interval!.combined!.lower).toBeGreaterThanOrEqual(issue.interval!.upper - issue.interval!.lower - 1e-9);
    }
    const cli = await runCli("forecast", "scenarios/hanoi-2019.yaml", "-m", "compromise", "--runs", "100", "--seed", "5", "--workers", "1", "--calibration", calibrationFile(), "--json");
    expect(cli.code).toBe(0);
    expect(api).toEqual(JSON.parse(cli.stdout));
    const run = (await (await t.request(response.headers.get("Location")!)).json()) as { parameters: { calibration: Calibration; level: number } };
    expect(run.parameters.level).toBe(0.8);
    expect(run.parameters.calibration).toEqual(calibration);
  }, 60_000);

  it("refuses a bad calibration before running anything, every problem located in the body", async () => {
    const bad = { ...calibration, models: { compromise: { n: 8, errors: [3, 1] } } };
    const body = JSON.stringify({ scenarioId: "hanoi-2019", calibration: bad }, null, 1);
    const response = await t.request("/api/forecast", { method: "POST", body, headers: { "content-type": "application/json" } });
    expect(response.status).toBe(400);
    const problem = (await response.json()) as Problem;
    expect(problem.type).toBe("urn:parley:problem:invalid-request");
    const lines = body.split("\n");
    const errorsLine = lines.findIndex((l) => l.includes('"errors"')) + 1;
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: "calibration.models.compromise.errors", message: "expected the errors in ascending order", line: errorsLine }),
        expect.objectContaining({ path: "calibration.models.compromise", message: "expected n to be the number of errors" }),
      ]),
    );
    expect(problem.detail).toContain("calibration.models.compromise");

    const notOne = (await (await post({ scenarioId: "hanoi-2019", calibration: { format: "something else" } })).json()) as Problem;
    expect(notOne.errors![0]).toMatchObject({ path: "calibration", message: expect.stringContaining('"format": "parley-calibration"') });
    const extra = (await (await post({ scenarioId: "hanoi-2019", calibration: { ...calibration, scael: {} } })).json()) as Problem;
    expect(extra.errors!.some((e) => e.path.startsWith("calibration") && e.message.includes("scael"))).toBe(true);
    const level = await post({ scenarioId: "hanoi-2019", calibration, level: 80 });
    expect(level.status).toBe(400);
    expect(((await level.json()) as Problem).errors![0]!.path).toBe("level");
  });

  it("is in the OpenAPI document", async () => {
    const doc = (await (await t.request("/api/openapi.json")).json()) as {
      paths: Record<string, { post: { requestBody: { content: Record<string, { schema: { properties: Record<string, unknown> } }> } } }>;
      components: { schemas: Record<string, unknown> };
    };
    const properties = doc.paths["/api/forecast"]!.post.requestBody.content["application/json"]!.schema.properties;
    expect(properties).toHaveProperty("calibration");
    expect(properties).toHaveProperty("level");
    expect(doc.components.schemas).toHaveProperty("Calibration");
    expect(doc.components.schemas).toHaveProperty("CalibratedInterval");
  });
});
