/** `parley simulate` on the bundled Hanoi scenario and on GENIUS files. */
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers.js";

const HANOI = "scenarios/hanoi-2019.yaml";

describe("parley simulate", () => {
  it("--json of one run has the issue's fields", async () => {
    const run = await runCli("simulate", HANOI, "--strategy", "USA=hardliner", "--strategy", "DPRK=conceder", "--deadline", "60", "--seed", "4", "--json");
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(["agreement", "breakdown"]).toContain(result["outcome"]);
    expect(typeof result["round"]).toBe("number");
    expect(Object.keys(result["utilities"] as object)).toEqual(["USA", "DPRK", "ROK", "CHN", "JPN"]);
    expect(result["strategies"]).toMatchObject({ USA: "hardliner", DPRK: "conceder" });
    const trace = result["trace"] as { round: number; party: string; action: string; offer?: Record<string, unknown> }[];
    expect(trace[0]).toMatchObject({ round: 1, party: "USA", action: "offer" });
    if (result["outcome"] === "agreement") {
      const deal = result["deal"] as Record<string, unknown>;
      expect(Object.keys(deal)).toHaveLength(9);
      expect(typeof deal["definition"]).toBe("string");
      expect((result["evaluation"] as { acceptedByAll: boolean }).acceptedByAll).toBe(true);
    } else expect(result["deal"]).toBeNull();
  });

  it("prints a readable run with the deal's evaluation", async () => {
    const run = await runCli("simulate", HANOI, "--deadline", "50");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Simulated talks \(stacked alternating offers\)/);
    expect(run.stdout).toMatch(/Agreement in round \d+ of 50|Breakdown in round/);
  });

  it("--runs summarises a Monte Carlo", async () => {
    const run = await runCli("simulate", HANOI, "--runs", "16", "--deadline", "30", "--workers", "1", "--json");
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { completed: number; agreementRate: number; issues: unknown[]; rounds: { n: number } };
    expect(report.completed).toBe(16);
    expect(report.agreementRate).toBeGreaterThanOrEqual(0);
    expect(report.issues).toHaveLength(9);
    const table = await runCli("simulate", HANOI, "--runs", "16", "--deadline", "30", "--workers", "1");
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/Rounds to agreement: mean [\d.]+, median [\d.]+, 5–95% [\d.]+–[\d.]+/);
    expect(table.stdout).not.toMatch(/NaN/);
  });

  it("--tournament tabulates the profiles", async () => {
    const run = await runCli("simulate", HANOI, "--tournament", "boulware,hardliner", "--players", "USA,DPRK", "--deadline", "30", "--workers", "1");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/4 profiles/);
    expect(run.stdout).toMatch(/USA: boulware/);
  });

  it("refuses unknown strategies and actors with exit 2", async () => {
    const bad = await runCli("simulate", HANOI, "--strategy", "USA=stubborn");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown strategy "stubborn"; expected one of: boulware, linear/);
    const who = await runCli("simulate", HANOI, "--strategy", "USSR=linear");
    expect(who.code).toBe(2);
    expect(who.stderr).toMatch(/unknown party "USSR"/);
    const deadline = await runCli("simulate", HANOI, "--deadline", "0");
    expect(deadline.code).toBe(2);
  });

  const genius = "../shared/reference/genius/anac2010-EnglandZimbabwe";
  it.skipIf(!existsSync(genius))("runs on a GENIUS domain with its profiles", async () => {
    const run = await runCli("simulate", `${genius}/EnglandZimbabwe_domain.xml`, `${genius}/England.xml`, `${genius}/Zimbabwe.xml`, "--strategy", "linear", "--json");
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as { outcome: string; utilities: Record<string, number> };
    expect(result.outcome).toBe("agreement");
    expect(Object.keys(result.utilities)).toEqual(["England", "Zimbabwe"]);
  });
});
