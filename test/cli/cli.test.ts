import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MODEL_LABELS } from "../../src/i18n/models.js";
import { models } from "../../src/models/index.js";
import { runCli } from "../helpers.js";

const HANOI = "scenarios/hanoi-2019.yaml";

function tempFile(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "parley-cli-")), name);
  writeFileSync(path, content);
  return path;
}

describe("parley validate", () => {
  it("accepts the bundled scenarios", async () => {
    const run = await runCli("validate", HANOI, "scenarios/ec-car-emissions.yaml");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("hanoi-2019.yaml: valid");
  });

  it("prints located errors to stderr and exits 2", async () => {
    const file = tempFile("bad.yaml", "parley: 1\nid: x\ntitle: X\nactors: []\nissues: []\nstances: {}\nextra: 1\n");
    const run = await runCli("validate", file);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/bad\.yaml:7:1: extra: unknown key "extra"/);
    expect(run.stderr).toMatch(/bad\.yaml:4:\d+: actors: expected at least 2 item/);
    expect(run.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace
  });

  it("says when a file does not exist", async () => {
    const run = await runCli("validate", "no/such/file.yaml");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("no/such/file.yaml: file not found");
  });
});

describe("parley forecast", () => {
  it("prints every model as JSON, actors and issues in scenario order", async () => {
    const run = await runCli("forecast", HANOI, "--json");
    expect(run.code).toBe(0);
    const results = JSON.parse(run.stdout) as { scenario: string; model: string; issues: { id: string; forecast: number }[] }[];
    expect(results.map((r) => r.model)).toEqual(expect.arrayContaining(["compromise", "median", "nbs"]));
    for (const r of results) {
      expect(r.scenario).toBe("hanoi-2019");
      expect(r.issues.map((i) => i.id)).toEqual(["denuclearization", "declaration", "verification", "roadmap", "definition", "sanctions", "missiles", "alliance", "normalization"]);
      for (const i of r.issues) expect(Number.isFinite(i.forecast)).toBe(true);
    }
  });

  it("prints one object for one model", async () => {
    const run = await runCli("forecast", HANOI, "--model", "compromise", "--json");
    const result = JSON.parse(run.stdout) as { model: string; issues: unknown[] };
    expect(result.model).toBe("compromise");
    expect(result.issues).toHaveLength(9);
  });

  it("accepts repeated and comma-separated models", async () => {
    const run = await runCli("forecast", HANOI, "-m", "compromise,median", "-m", "nbs", "--json");
    expect((JSON.parse(run.stdout) as { model: string }[]).map((r) => r.model)).toEqual(["compromise", "median", "nbs"]);
  });

  it("prints a table with the nearest anchor labels, in Chinese on request", async () => {
    const en = await runCli("forecast", HANOI);
    expect(en.stdout).toContain("Sanctions relief");
    expect(en.stdout).toMatch(/Compromise \(weighted mean\)\s+\d/);
    const zh = await runCli("forecast", HANOI, "--lang", "zh");
    expect(zh.stdout).toContain("制裁放松");
  });

  it("names the models in Chinese in the zh Monte Carlo output, as in the zh forecast table", async () => {
    const english = [...models.map((m) => m.name), ...Object.values(MODEL_LABELS.en)];
    for (const args of [["--runs", "200"], []]) {
      const zh = await runCli("forecast", HANOI, ...args, "--lang", "zh");
      expect(zh.code).toBe(0);
      for (const label of Object.values(MODEL_LABELS.zh)) expect(zh.stdout).toContain(label);
      for (const name of english) expect(zh.stdout, `${args.join(" ")}: ${name}`).not.toContain(name);
    }
  });

  it("rejects an unknown model with exit 2", async () => {
    const run = await runCli("forecast", HANOI, "--model", "oracle");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown model "oracle"');
  });

  it("rejects bad options with exit 2", async () => {
    expect((await runCli("forecast", HANOI, "--rounds", "zero")).code).toBe(2);
    expect((await runCli("forecast", HANOI, "--lang", "fr")).code).toBe(2);
    expect((await runCli("frobnicate")).code).toBe(2);
  });
});

describe("parley show", () => {
  it("summarises the scenario with its evidence", async () => {
    const run = await runCli("show", HANOI);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Stances (position / salience)");
    expect(run.stdout).toContain("美国仍有谈判筹码");
  });
});

describe("the installed command", () => {
  it("runs from bin/ with --help and exits 0", () => {
    const out = execFileSync(process.execPath, ["bin/parley.js", "--help"], { encoding: "utf8" });
    expect(out).toContain("Usage: parley");
    expect(out).toContain("forecast");
  });

  it("exits 2 on invalid input, with errors on stderr only", () => {
    const file = tempFile("bad.json", '{"parley": 1, "id": "x"}');
    const run = spawnSync(process.execPath, ["bin/parley.js", "validate", file], { encoding: "utf8" });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("bad.json:1:1: title: missing");
  });
});
