/**
 * Challengers to the compromise model, scored by cross-validation by proposal (leave one proposal
 * out: a proposal's issues are never on both sides of a split). Pure; works on a backtest's per-case
 * forecasts, so it costs milliseconds. docs/calibration.md gives the figures on DEU III.
 *
 * - `procedural`: the EU's decision rules in one dimension. Every outcome x the Council can adopt
 *   must beat the reference point for a qualifying coalition — every member under unanimity, members
 *   with QMV_SHARE of the weight under QMV — and for the Parliament under co-decision; the Commission
 *   (agenda setter) picks the acceptable x closest to its position. No reference point: the compromise.
 * - `stacked`: the compromise blended with one other forecast, (1 − w)·compromise + w·other, the other
 *   and w chosen to minimise the MAE on the training proposals.
 * - `shrunk`: the compromise moved a share λ toward the reference point where there is one, λ fitted
 *   on the training proposals.
 */
import type { BacktestCase, CaseForecasts } from "./types.js";

/** The share of the member states' weight a QMV needs (the Nice threshold, 255 of 345 votes, ≈ 0.739; EU-15 62/87 ≈ 0.713). */
export const QMV_SHARE = 0.72;

const COUNCIL_EXCLUDED = new Set(["com", "ep"]);

/** The procedural model's forecast of a case: the Commission's best outcome the Council (and the Parliament) accept over the reference point. */
export function proceduralForecast(c: BacktestCase, compromise: number): number {
  const sq = c.reference;
  if (sq === undefined || c.rule === undefined) return compromise;
  const members = c.actors.filter((a) => !COUNCIL_EXCLUDED.has(a.id) && a.capability !== undefined);
  const ep = c.actors.find((a) => a.id === "ep");
  const setter = c.actors.find((a) => a.id === (c.proposer ?? "com"))?.position ?? compromise;
  const total = members.reduce((s, a) => s + a.capability!, 0);
  const accepts = (position: number, x: number): boolean => Math.abs(x - position) <= Math.abs(sq - position) + 1e-9;
  const adoptable = (x: number): boolean => {
    const weight = members.reduce((s, a) => s + (accepts(a.position, x) ? a.capability! : 0), 0);
    const council = c.rule!.voting === "unanimity" ? members.every((a) => accepts(a.position, x)) : weight >= QMV_SHARE * total - 1e-9;
    return council && (!c.rule!.codecision || ep === undefined || accepts(ep.position, x));
  };
  let best = sq;
  for (let x = 0; x <= 100; x += 0.5) {
    if (adoptable(x) && Math.abs(x - setter) < Math.abs(best - setter)) best = x;
  }
  return best;
}

/** A challenger's cross-validated score against the compromise model. */
export interface ChallengerScore {
  readonly mae: number;
  /** Standard error of the MAE, clustered by proposal. */
  readonly se: number;
  /** MAE − the compromise's MAE on the same cases (negative: better). */
  readonly difference: number;
  /** Standard error of that difference (paired, clustered by proposal). */
  readonly differenceSe: number;
  readonly n: number;
}

/** Mean and its standard error clustered by group (Liang–Zeger, with the G/(G − 1) correction). */
export function clusteredMean(values: readonly number[], groups: readonly string[]): { mean: number; se: number } {
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const sums = new Map<string, number>();
  values.forEach((v, i) => sums.set(groups[i]!, (sums.get(groups[i]!) ?? 0) + (v - mean)));
  const g = sums.size;
  const variance = g > 1 ? ((g / (g - 1)) * [...sums.values()].reduce((s, v) => s + v * v, 0)) / (n * n) : Number.NaN;
  return { mean, se: Math.sqrt(variance) };
}

/** The forecasts a stacked blend may mix with the compromise. */
const STACK_PARTNERS = ["smp", "eum", "median", "exchange", "procedural", "baseline:mean", "baseline:median", "baseline:commission", "baseline:status-quo"];
const SHARES = Array.from({ length: 21 }, (_, i) => i / 20);

interface Row {
  readonly group: string;
  readonly outcome: number;
  readonly forecasts: Readonly<Record<string, number>>;
  readonly reference?: number;
}

/**
 * Every challenger scored by leave-one-proposal-out cross-validation, with the compromise on the
 * same cases; empty when the compromise was not run.
 */
export function scoreChallengers(cases: readonly BacktestCase[], results: readonly CaseForecasts[]): Record<string, ChallengerScore> {
  const byId = new Map(cases.map((c) => [c.id, c]));
  const rows: Row[] = results.flatMap((r) => {
    const c = byId.get(r.id);
    const compromise = r.forecasts["compromise"];
    if (c === undefined || compromise === undefined) return [];
    return [{ group: c.group ?? `\u0001${c.id}`, outcome: r.outcome, reference: c.reference, forecasts: { ...r.forecasts, procedural: proceduralForecast(c, compromise) } } as Row];
  });
  if (rows.length === 0) return {};
  const groups = [...new Set(rows.map((r) => r.group))];
  const compromiseError = rows.map((r) => Math.abs(r.forecasts["compromise"]! - r.outcome));

  const blend = (r: Row, partner: string, w: number): number => {
    const other = r.forecasts[partner] ?? r.forecasts["compromise"]!;
    return (1 - w) * r.forecasts["compromise"]! + w * other;
  };
  const shrink = (r: Row, lambda: number): number => (r.reference === undefined ? r.forecasts["compromise"]! : r.forecasts["compromise"]! + lambda * (r.reference - r.forecasts["compromise"]!));
  const mae = (subset: readonly Row[], f: (r: Row) => number): number => subset.reduce((s, r) => s + Math.abs(f(r) - r.outcome), 0) / subset.length;

  const stacked = new Array<number>(rows.length);
  const shrunk = new Array<number>(rows.length);
  const partners = STACK_PARTNERS.filter((p) => rows.some((r) => r.forecasts[p] !== undefined));
  for (const held of groups) {
    const train = rows.filter((r) => r.group !== held);
    let bestBlend = { partner: "compromise", w: 0, mae: Number.POSITIVE_INFINITY };
    for (const partner of partners) {
      for (const w of SHARES) {
        const m = mae(train, (r) => blend(r, partner, w));
        if (m < bestBlend.mae - 1e-12) bestBlend = { partner, w, mae: m };
      }
    }
    let bestLambda = { lambda: 0, mae: Number.POSITIVE_INFINITY };
    for (const lambda of SHARES) {
      const m = mae(train, (r) => shrink(r, lambda));
      if (m < bestLambda.mae - 1e-12) bestLambda = { lambda, mae: m };
    }
    rows.forEach((r, i) => {
      if (r.group !== held) return;
      stacked[i] = blend(r, bestBlend.partner, bestBlend.w);
      shrunk[i] = shrink(r, bestLambda.lambda);
    });
  }

  const score = (forecasts: readonly number[]): ChallengerScore => {
    const errors = rows.map((r, i) => Math.abs(forecasts[i]! - r.outcome));
    const { mean, se } = clusteredMean(errors, rows.map((r) => r.group));
    const diff = clusteredMean(errors.map((e, i) => e - compromiseError[i]!), rows.map((r) => r.group));
    return { mae: mean, se, difference: diff.mean, differenceSe: diff.se, n: rows.length };
  };
  return {
    compromise: score(rows.map((r) => r.forecasts["compromise"]!)),
    procedural: score(rows.map((r) => r.forecasts["procedural"]!)),
    stacked: score(stacked),
    shrunk: score(shrunk),
  };
}
