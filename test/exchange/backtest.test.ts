/** The exchange model in the backtest: each DEU proposal's issues run together, scored issue by issue. */
import { describe, expect, it } from "vitest";
import { runBacktest } from "../../src/backtest/backtest.js";
import { forecastCase, groupModelInput } from "../../src/backtest/run.js";
import { COUNCIL_WEIGHTS } from "../../src/importers/council-weights.js";
import { parseDeu } from "../../src/importers/deu.js";
import { readFixture } from "../helpers.js";

describe("exchange model on the DEU III training file", () => {
  const input = parseDeu(readFixture("deu/deu3-train.tsv"), "deu3-train.tsv", COUNCIL_WEIGHTS);
  const byGroup = new Map<string, typeof input.cases>();
  for (const c of input.cases) byGroup.set(c.group!, [...(byGroup.get(c.group!) ?? []), c]);

  it("trades across a proposal's issues; alone, an issue is the compromise", () => {
    const group = [...byGroup.values()].find((cases) => cases.length >= 3)!;
    const joint = groupModelInput(group);
    expect(joint.issues.map((i) => i.id)).toEqual(group.map((c) => c.id));
    const alone = forecastCase(group[0]!, ["exchange", "compromise"]);
    expect(alone.forecasts["exchange"]).toBeCloseTo(alone.forecasts["compromise"]!, 9);
    const moved = group.some((c) => {
      const together = forecastCase(c, ["exchange", "compromise"], group);
      return Math.abs(together.forecasts["exchange"]! - together.forecasts["compromise"]!) > 1e-6;
    });
    expect(moved).toBe(true);
  });

  it("scores MAE 23.71 on the 207 issues (docs/backtest.md)", async () => {
    const { report } = await runBacktest(input, { models: ["exchange"], workers: 1 });
    expect(report.models["exchange"]!.n).toBe(207);
    expect(report.models["exchange"]!.mae).toBeCloseTo(23.71, 2);
    console.info(`exchange model DEU training MAE ${report.models["exchange"]!.mae!.toFixed(3)}, ${byGroup.size} proposals`);
  });
});
