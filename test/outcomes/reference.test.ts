/**
 * Every domain in ../shared/reference/genius/ against reference-values.json (GENIUS semantics,
 * cross-checked by the reference's authors with NegMAS and NegoLog). The domains may not be copied
 * into the repository, so these tests are skipped when the folder is not beside the checkout.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importGeniusXml, importNegoLog, type ImportedNegotiation } from "../../src/importers/genius/index.js";
import { analyzeSpace, type SolutionSummary } from "../../src/outcomes/analyze.js";
import { evaluateUtility } from "../../src/outcomes/utility.js";
import { outcomeFromRecord, type OutcomeRecord } from "../../src/outcomes/space.js";
import { optionalShared } from "../helpers.js";

const GENIUS = optionalShared("reference/genius", "the GENIUS / NegoLog reference-domain tests (the domains may not be copied into the repository)");
const root = GENIUS ?? "";
const read = (file: string): string => readFileSync(path.join(root, file), "utf8");

interface ReferenceSolution {
  utils: number[];
  n_ties: number;
  outcome?: OutcomeRecord;
  product?: number;
  welfare?: number;
}

interface ReferenceDomain {
  parties: number;
  issues: number;
  outcomes: number;
  reserved: number[];
  discount: number[];
  max_util: number[];
  min_util: number[];
  rational_outcomes: number;
  pareto_size: number;
  pareto_distinct_points: number;
  pareto_rational_size: number;
  nash: ReferenceSolution;
  ks: ReferenceSolution;
  ks_genius: ReferenceSolution;
  egalitarian: ReferenceSolution;
  max_welfare: ReferenceSolution;
  files: { domain: string | null; profiles_in_party_order: string[] };
  pareto_frontier_utils: number[][];
  opposition: number;
  spot_checks: { outcome: OutcomeRecord; utils: number[] }[];
  post_settlement_improvement?: {
    agreement: OutcomeRecord;
    agreement_utils: number[];
    n_dominating_outcomes: number;
    n_pareto_dominating: number;
    nash_improvement_utils: number[];
    nash_improvement_outcome?: OutcomeRecord;
    equal_gain_improvement_utils: number[];
  };
}

const reference = GENIUS ? (JSON.parse(read("reference-values.json")) as Record<string, unknown>) : {};
const domains = Object.entries(reference).filter(([name]) => !name.startsWith("_")) as [string, ReferenceDomain][];

function load(expected: ReferenceDomain): ImportedNegotiation {
  const profiles = expected.files.profiles_in_party_order.map((file) => ({ text: read(file), file }));
  const domainFile = expected.files.domain;
  return domainFile === null ? importNegoLog(profiles) : importGeniusXml({ text: read(domainFile), file: domainFile }, profiles);
}

const TOLERANCE = 1e-6;
const expectClose = (actual: readonly number[] | null, wanted: readonly number[]): void => {
  expect(actual).not.toBeNull();
  expect(actual!.length).toBe(wanted.length);
  actual!.forEach((value, i) => expect(Math.abs(value - wanted[i]!)).toBeLessThanOrEqual(TOLERANCE));
};
const expectSolution = (actual: SolutionSummary, wanted: ReferenceSolution): void => {
  expectClose(actual.utilities, wanted.utils);
  expect(actual.ties).toBe(wanted.n_ties);
  if (wanted.outcome !== undefined) expect(actual.outcomes).toContainEqual(wanted.outcome);
};
const sortPoints = (points: readonly (readonly number[])[]): number[][] =>
  points.map((point) => [...point]).sort((a, b) => b[0]! - a[0]! || b[1]! - a[1]! || (b[2] ?? 0) - (a[2] ?? 0));

if (!GENIUS) it.skip("every GENIUS / NegoLog reference domain (../shared/reference/genius is absent)", () => {});

describe.each(domains)("reference domain %s", (_name, expected) => {
  const imported = load(expected);
  const agreement = expected.post_settlement_improvement?.agreement;
  const analysis = analyzeSpace(imported.space, imported.utilities, agreement === undefined ? {} : { agreement });
  const analysisByEnumeration = analyzeSpace(imported.space, imported.utilities, { algorithm: "enumeration" });

  it("has the reference shape, reservations, discounts and utility ranges", () => {
    expect(imported.utilities.length).toBe(expected.parties);
    expect(imported.space.issues.length).toBe(expected.issues);
    expect(analysis.outcomes).toBe(expected.outcomes);
    expectClose(analysis.reservations, expected.reserved);
    // GENIUS: a discount outside (0, 1] means no discount, reported as 1.
    expectClose(imported.discounts, expected.discount.map((d) => (d > 0 && d <= 1 ? d : 1)));
    expectClose(analysis.maxUtilities, expected.max_util);
    expectClose(analysis.minUtilities ?? null, expected.min_util);
    expect(analysis.rationalOutcomes).toBe(expected.rational_outcomes);
  });

  it("evaluates the spot checks", () => {
    for (const check of expected.spot_checks) {
      const outcome = outcomeFromRecord(imported.space, check.outcome);
      expectClose(imported.utilities.map((utility) => evaluateUtility(utility, outcome)), check.utils);
    }
  });

  it("finds the reference Pareto frontier with both algorithms", () => {
    for (const result of [analysis, analysisByEnumeration]) {
      expect(result.pareto.size).toBe(expected.pareto_size);
      expect(result.pareto.distinctPoints).toBe(expected.pareto_distinct_points);
      expect(result.pareto.rationalSize).toBe(expected.pareto_rational_size);
      const actual = sortPoints(result.pareto.points);
      const wanted = sortPoints(expected.pareto_frontier_utils);
      actual.forEach((point, i) => expectClose(point, wanted[i]!));
    }
    expect(analysis.pareto.algorithm).toBe("divide-and-conquer");
    expect(analysisByEnumeration.pareto).toEqual({ ...analysis.pareto, algorithm: "enumeration" });
  });

  it("finds Nash, KS, KS-GENIUS, egalitarian and max welfare with their ties", () => {
    expectSolution(analysis.nash, expected.nash);
    expect(Math.abs(analysis.nash.product! - expected.nash.product!)).toBeLessThanOrEqual(TOLERANCE);
    expectSolution(analysis.ks, expected.ks);
    expectSolution(analysis.ksGenius, expected.ks_genius);
    expectSolution(analysis.egalitarian, expected.egalitarian);
    expectSolution(analysis.maxWelfare, expected.max_welfare);
    expect(Math.abs(analysis.maxWelfare.welfare! - expected.max_welfare.welfare!)).toBeLessThanOrEqual(TOLERANCE);
  });

  it("computes the opposition", () => {
    expect(Math.abs(analysis.opposition! - expected.opposition)).toBeLessThanOrEqual(TOLERANCE);
  });

  it.runIf(expected.post_settlement_improvement !== undefined)("measures the post-settlement improvement", () => {
    const wanted = expected.post_settlement_improvement!;
    const actual = analysis.postSettlement!;
    expect(actual.agreement).toEqual(wanted.agreement);
    expectClose(actual.agreementUtilities, wanted.agreement_utils);
    expect(actual.dominatingOutcomes).toBe(wanted.n_dominating_outcomes);
    expect(actual.paretoDominating).toBe(wanted.n_pareto_dominating);
    expectClose(actual.nashImprovement.utilities, wanted.nash_improvement_utils);
    if (wanted.nash_improvement_outcome !== undefined) expect(actual.nashImprovement.outcomes).toContainEqual(wanted.nash_improvement_outcome);
    expectClose(actual.equalGainImprovement.utilities, wanted.equal_gain_improvement_utils);
  });
});
