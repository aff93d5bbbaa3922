/**
 * End to end through the scenario format: KTAB and EUM reference inputs, imported by the CLI,
 * must reproduce the reference implementations' outputs exactly as the models alone do.
 */
import { describe, expect, it } from "vitest";
import { fixturePath, optionalShared, parseSimpleCsv, readFixture, readShared, runCli, sharedPath } from "../helpers.js";

const EUM = optionalShared("reference/eum", "the EUM golden tests against the Scholz et al. reference code (its example has no licence file, so it is not vendored)");

interface Round {
  round: number;
  positions: Record<string, Record<string, number>>;
  probabilities?: Record<string, number>;
}

describe("parley forecast on reference inputs", () => {
  it.each(["dummyData_3Dim.csv", "SOE-Pol-Comp.csv", "smpExample-deterministic.xml"])("SMP on KTAB's %s matches KTAB turn by turn", async (file) => {
    const run = await runCli("forecast", fixturePath(`ktab/${file}`), "--model", "smp", "--json");
    expect(run.stderr).toBe("");
    const result = JSON.parse(run.stdout) as { issues: { id: string }[]; rounds: Round[] };
    const expected = parseSimpleCsv(readFixture(`ktab/${file.replace(/\.(csv|xml)$/, "")}.expected.csv`));
    const lastTurn = Math.max(...expected.map((row) => Number(row["turn"])));
    expect(result.rounds.length - 1).toBe(lastTurn);
    for (const row of expected) {
      const round = result.rounds[Number(row["turn"])]!;
      const actor = Object.keys(round.positions).find((id) => id === row["actor"] || id === row["actor"]!.replace(/[^A-Za-z0-9_.-]+/g, "-"))!;
      const issue = result.issues[Number(row["dim"])]!.id;
      expect(Math.abs(round.positions[actor]![issue]! - Number(row["position_0_100"]))).toBeLessThan(1e-9);
      expect(Math.abs(round.probabilities![actor]! - Number(row["prob_of_actor_position"]))).toBeLessThanOrEqual(5e-5 + 1e-12);
    }
  });

  it.skipIf(!EUM)("EUM on the reference CSV matches the reference code's 10 rounds", async () => {
    const run = await runCli("forecast", sharedPath("reference/eum/ExampleActors.csv"), "--model", "eum", "--json");
    const result = JSON.parse(run.stdout) as { issues: { forecast: number; weightedMean: number }[]; rounds: Round[] };
    const expected = parseSimpleCsv(readShared("reference/eum/ExampleActors.expected.csv"));
    expect(result.rounds).toHaveLength(expected.length);
    for (const row of expected) {
      const round = result.rounds[Number(row["round"])]!;
      for (const [actor, byIssue] of Object.entries(round.positions)) expect(Math.abs(byIssue["issue"]! - Number(row[actor]))).toBeLessThan(1e-9);
    }
    const last = expected[expected.length - 1]!;
    expect(Math.abs(result.issues[0]!.forecast - Number(last["weighted_median_cs"]))).toBeLessThan(1e-9);
    expect(Math.abs(result.issues[0]!.weightedMean - Number(last["weighted_mean_cs"]))).toBeLessThan(1e-9);
  });
});
