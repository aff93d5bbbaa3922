/**
 * `parley analyze` and `parley import` end to end: the reference values of every GENIUS-family
 * domain through the CLI, the same numbers after importing the files as a Parley scenario, and
 * the properties of the Hanoi analysis.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { optionalShared, readShared, runCli, sharedPath } from "../helpers.js";

interface Reference {
  outcomes: number;
  pareto_size: number;
  pareto_rational_size: number;
  nash: { utils: number[]; n_ties: number };
  ks: { utils: number[]; n_ties: number };
  ks_genius: { utils: number[]; n_ties: number };
  egalitarian: { utils: number[]; n_ties: number };
  max_welfare: { utils: number[]; welfare: number; n_ties: number };
  opposition: number;
  files: { domain: string | null; profiles_in_party_order: string[] };
}

interface Analysis {
  outcomes: number;
  parties: string[];
  pareto: { size: number; rationalSize: number; points: number[][] };
  nash: { utilities: number[]; ties: number };
  ks: { utilities: number[]; ties: number };
  ksGenius: { utilities: number[]; ties: number };
  egalitarian: { utilities: number[]; ties: number };
  maxWelfare: { utilities: number[]; welfare: number; ties: number };
  opposition: number;
  reservations: number[];
  postSettlement?: { dominatingOutcomes: number; agreementUtilities: number[]; nashImprovement: { utilities: number[] | null } };
}

const GENIUS = optionalShared("reference/genius", "the GENIUS / NegoLog reference-domain CLI tests (the domains may not be copied into the repository)");
const references = GENIUS ? (JSON.parse(readShared("reference/genius/reference-values.json")) as Record<string, Reference | object>) : {};
const domains = Object.entries(references).filter(([name]) => !name.startsWith("_")) as [string, Reference][];

function filesOf(reference: Reference): string[] {
  return [...(reference.files.domain ? [reference.files.domain] : []), ...reference.files.profiles_in_party_order].map((f) => sharedPath(`reference/genius/${f}`));
}

function expectMatches(a: Analysis, r: Reference): void {
  expect(a.outcomes).toBe(r.outcomes);
  expect(a.pareto.size).toBe(r.pareto_size);
  expect(a.pareto.rationalSize).toBe(r.pareto_rational_size);
  const close = (got: number[], want: number[]) => got.forEach((u, i) => expect(Math.abs(u - want[i]!)).toBeLessThanOrEqual(1e-6 + 1e-12));
  close(a.nash.utilities, r.nash.utils);
  close(a.ks.utilities, r.ks.utils);
  close(a.ksGenius.utilities, r.ks_genius.utils);
  close(a.egalitarian.utilities, r.egalitarian.utils);
  close(a.maxWelfare.utilities, r.max_welfare.utils);
  expect(a.nash.ties).toBe(r.nash.n_ties);
  expect(a.ks.ties).toBe(r.ks.n_ties);
  expect(a.maxWelfare.ties).toBe(r.max_welfare.n_ties);
  expect(Math.abs(a.opposition - r.opposition)).toBeLessThanOrEqual(1e-6);
}

describe.skipIf(!GENIUS)("parley analyze on GENIUS-family files", () => {
  it.each(domains)("%s: the CLI reproduces the reference values", async (_, reference) => {
    const run = await runCli("analyze", ...filesOf(reference), "--json");
    expect(run.stderr).toBe("");
    expectMatches(JSON.parse(run.stdout) as Analysis, reference);
  });

  it.each(domains)("%s: importing as a scenario keeps every number", async (_, reference) => {
    const out = join(mkdtempSync(join(tmpdir(), "parley-import-")), "imported.yaml");
    const imported = await runCli("import", ...filesOf(reference), "-o", out);
    expect(imported.code).toBe(0);
    const run = await runCli("analyze", out, "--json");
    expect(run.code).toBe(0);
    expectMatches(JSON.parse(run.stdout) as Analysis, reference);
  });
});

describe("parley analyze on a scenario", () => {
  it("maps the Hanoi space with every party and improvements on North Korea's offer", async () => {
    const run = await runCli("analyze", "scenarios/hanoi-2019.yaml", "--agreement", "dprk-offer", "--json");
    expect(run.code).toBe(0);
    const a = JSON.parse(run.stdout) as Analysis;
    expect(a.parties).toEqual(["USA", "DPRK", "ROK", "CHN", "JPN"]);
    // The offer's own values join the grid (declaration 20, verification 25), so it is assessed as written.
    expect(a.outcomes).toBe(4 * 4 * 4 * 3 * 3 * 4 * 3 * 3 * 3);
    const dominates = (p: number[], q: number[]) => p.every((u, i) => u >= q[i]!) && p.some((u, i) => u > q[i]!);
    // No frontier point dominates another; Nash is on the frontier and acceptable to every party.
    const dominatedPairs = a.pareto.points.filter((p) => a.pareto.points.some((q) => dominates(q, p))).length;
    expect(dominatedPairs).toBe(0);
    expect(a.pareto.points).toContainEqual(a.nash.utilities);
    a.nash.utilities.forEach((u, i) => expect(u).toBeGreaterThanOrEqual(a.reservations[i]!));
    expect(a.postSettlement!.dominatingOutcomes).toBeGreaterThan(0);
    const improvement = a.postSettlement!.nashImprovement.utilities!;
    expect(dominates(improvement, a.postSettlement!.agreementUtilities)).toBe(true);
  });

  it("chooses parties and a discretisation step", async () => {
    const run = await runCli("analyze", "scenarios/hanoi-2019.yaml", "--parties", "USA,DPRK", "--step", "50", "--json");
    const a = JSON.parse(run.stdout) as Analysis;
    expect(a.parties).toEqual(["USA", "DPRK"]);
    expect(a.outcomes).toBe(3 ** 8 * 3);
  });

  it("rejects an unknown party or deal with exit 2", async () => {
    expect((await runCli("analyze", "scenarios/hanoi-2019.yaml", "--parties", "USA,RUS")).code).toBe(2);
    expect((await runCli("analyze", "scenarios/hanoi-2019.yaml", "--agreement", "nope")).code).toBe(2);
  });
});
