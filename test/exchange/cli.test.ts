/** `parley forecast FILE --model exchange` and `parley import` on Decide files. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers.js";

// Written for this test (the spec's 3 × 2 worked example), so it needs nothing from ../shared.
const THREE_BY_TWO = [
  "'#A'\t'A'\t'Party A'\t''",
  "'#A'\t'B'\t'Party B'\t''",
  "'#A'\t'C'\t'EU (incl Norway)'\t''",
  "'#P'\t'P'\t'Issue P'\t''",
  "'#P'\t'Q'\t'Issue Q'\t''",
  "'#D'\t'A'\t'P'\t0\t0.8\t1",
  "'#D'\t'A'\t'Q'\t100\t0.2\t1",
  "'#D'\t'B'\t'P'\t100\t0.3\t1",
  "'#D'\t'B'\t'Q'\t0\t0.9\t1",
  "'#D'\t'C'\t'P'\t60\t0.5\t1",
  "'#D'\t'C'\t'Q'\t10\t0.5\t1",
].join("\n");

function decideFile(content = THREE_BY_TWO): string {
  const file = join(mkdtempSync(join(tmpdir(), "parley-decide-")), "case.txt");
  writeFileSync(file, content);
  return file;
}

describe("exchange model on the command line", () => {
  it("forecasts a Decide file; --json has rounds[0] = input and the exchanges per round", async () => {
    const run = await runCli("forecast", decideFile(), "--model", "exchange", "--rounds", "1", "--json");
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.rounds).toHaveLength(2);
    expect(result.rounds[0].positions["Party-A"]).toEqual({ "Issue-P": 0, "Issue-Q": 100 });
    const [exchange] = result.rounds[1].exchanges;
    expect(exchange.actors).toEqual(["Party-A", "Party-B"]);
    expect(exchange.issues).toEqual(["Issue-P", "Issue-Q"]);
    expect(exchange.moves[0]).toBeCloseTo(-100, 9);
    expect(exchange.moves[1]).toBeCloseTo(-200 / 3, 9);
    expect(exchange.gains[0]).toBeCloseTo(7.5, 9);
    expect(result.rounds[1].positions["Party-A"]["Issue-Q"]).toBeCloseTo(58, 9);
    expect(result.issues[0].votingOutcome).toBeCloseTo(25, 9);
  });

  it("explains the exchanges in the table", async () => {
    const run = await runCli("forecast", decideFile(), "--model", "exchange", "--rounds", "2");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Party A moves on Issue Q (100 → 0) in return for Party B's move on Issue P (100 → 33.3); each gains 7.5.");
    expect(run.stdout).toContain("r2: 1 exchange");
  });

  it("takes a seeded random exchange rate, and refuses a bad one", async () => {
    const a = await runCli("forecast", decideFile(), "--model", "exchange", "--random-rate", "0.6", "--seed", "4", "--json");
    const b = await runCli("forecast", decideFile(), "--model", "exchange", "--random-rate", "0.6", "--seed", "4", "--json");
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(JSON.parse(a.stdout).details.randomRate).toBe(0.6);
    const bad = await runCli("forecast", decideFile(), "--model", "exchange", "--random-rate", "1.5");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--random-rate expects a number from 0 to 1");
  });

  it("imports a Decide file as a scenario, and locates a zero salience", async () => {
    const run = await runCli("import", decideFile());
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("(decide)");
    expect(run.stdout).toContain("id: EU-incl-Norway");
    expect(run.stdout).toContain("name: EU (incl Norway)");
    const bad = await runCli("forecast", decideFile(THREE_BY_TWO.replace("60\t0.5\t1", "60\t0\t1")), "--model", "exchange");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/case\.txt:10:17: salience \(field 5\) must be above 0/);
  });
});
