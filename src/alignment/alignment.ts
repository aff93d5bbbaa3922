/**
 * The alignment map: which actors stand together on which issues, read from the scenario's
 * positions and saliences alone. Pure.
 *
 * On one issue i the distance between actors a and b is their gap as a share of the scale:
 *
 *   δ_abi = |x_ai − x_bi| / (max_i − min_i)                       (0 = same position, 1 = opposite ends)
 *
 * Over all issues it is the salience-weighted mean of those gaps, each issue weighted by the
 * geometric mean of the two actors' saliences:
 *
 *   w_abi = √(s_ai · s_bi),   d_ab = Σ_i w_abi · δ_abi / Σ_i w_abi
 *
 * summed over the issues on which both take a stance. The geometric mean makes an issue count as
 * much as both actors care about it: a gap on an issue one of them barely cares about is easily
 * bridged (that actor can give way) and separates them little, while a gap on an issue both hold
 * dear divides them; a plain sum of saliences would let one actor's obsession set the weight
 * alone. Dividing by Σ w keeps d on the 0–1 scale of δ, so pairs that share many issues and
 * pairs that share few compare fairly. Capability plays no part: alignment is about where actors
 * stand, not how hard they push.
 *
 * Blocs are groups of actors all within a threshold of one another (complete-linkage
 * agglomerative clustering stopped at the threshold): every member of a bloc stands within the
 * threshold of every other member, so a bloc never chains distant actors through a middle one.
 */
import type { Scenario } from "../scenario/types.js";

export interface AlignmentOptions {
  /** Largest per-issue distance (share of the scale, 0–1) within a bloc; default 0.2. */
  readonly issueThreshold?: number;
  /** Largest overall distance (0–1) within a bloc; default 0.2. */
  readonly overallThreshold?: number;
}

/** Actors on one side or the other of an issue's status quo. */
export interface StatusQuoSides {
  /** Actors whose position lies below the reference point. */
  readonly below: readonly string[];
  readonly at: readonly string[];
  readonly above: readonly string[];
}

export interface IssueAlignment {
  readonly issue: string;
  /** Actors with a stance on the issue, in scenario order, with their positions on the scale. */
  readonly positions: readonly { readonly actor: string; readonly position: number }[];
  /** distances[a][b]: δ_abi for actors in `Alignment.actors` order; null when either takes no stance. */
  readonly distances: readonly (readonly (number | null)[])[];
  /** Blocs of actors within the issue threshold of one another, each ordered by position then scenario order; blocs ordered by mean position. */
  readonly blocs: readonly (readonly string[])[];
  /** Sides of the status quo, when the issue has a reference point. */
  readonly sides?: StatusQuoSides;
}

export interface PairDistance {
  readonly a: string;
  readonly b: string;
  readonly distance: number;
}

export interface OverallAlignment {
  /** distances[a][b]: d_ab; null when the two share no issue with weight. */
  readonly distances: readonly (readonly (number | null)[])[];
  /** Every pair with a distance, closest first (ties in scenario order). */
  readonly pairs: readonly PairDistance[];
  /** Blocs of actors within the overall threshold of one another; largest first. */
  readonly blocs: readonly (readonly string[])[];
}

export interface Alignment {
  /** Actor ids in scenario order: the rows and columns of every matrix. */
  readonly actors: readonly string[];
  readonly issueThreshold: number;
  readonly overallThreshold: number;
  readonly issues: readonly IssueAlignment[];
  readonly overall: OverallAlignment;
}

export const DEFAULT_ISSUE_THRESHOLD = 0.2;
export const DEFAULT_OVERALL_THRESHOLD = 0.2;

/** δ = |x − y| / (max − min): the gap between two positions as a share of the scale (0 for a zero-width scale). */
export function scaleDistance(x: number, y: number, min: number, max: number): number {
  const width = max - min;
  return width > 0 ? Math.abs(x - y) / width : 0;
}

/** w = √(s_a · s_b): the weight of an issue in a pair's distance (negative saliences count as 0). */
export function pairWeight(salienceA: number, salienceB: number): number {
  return Math.sqrt(Math.max(0, salienceA) * Math.max(0, salienceB));
}

/** Σ w·δ / Σ w over the given (weight, distance) terms; null when the weights sum to 0. */
export function weightedDistance(terms: readonly { readonly weight: number; readonly distance: number }[]): number | null {
  let weights = 0;
  let sum = 0;
  for (const t of terms) {
    weights += t.weight;
    sum += t.weight * t.distance;
  }
  return weights > 0 ? sum / weights : null;
}

/**
 * Complete-linkage clustering of `ids` under the symmetric `distances` (null = unknown, never
 * merged): repeatedly merges the two clusters whose farthest members are closest, while that
 * distance is at most `threshold`. Ties go to the pair that comes first in `ids` order. Each
 * cluster lists its members in `ids` order.
 */
export function completeLinkageBlocs(ids: readonly string[], distances: readonly (readonly (number | null)[])[], threshold: number): string[][] {
  let clusters: number[][] = ids.map((_, i) => [i]);
  const linkage = (p: readonly number[], q: readonly number[]): number => {
    let worst = 0;
    for (const i of p) {
      for (const j of q) {
        const d = distances[i]?.[j];
        if (d === null || d === undefined) return Number.POSITIVE_INFINITY;
        worst = Math.max(worst, d);
      }
    }
    return worst;
  };
  for (;;) {
    let best: { p: number; q: number; d: number } | undefined;
    for (let p = 0; p < clusters.length; p++) {
      for (let q = p + 1; q < clusters.length; q++) {
        const d = linkage(clusters[p]!, clusters[q]!);
        if (d <= threshold + 1e-12 && (!best || d < best.d - 1e-12)) best = { p, q, d };
      }
    }
    if (!best) break;
    const merged = [...clusters[best.p]!, ...clusters[best.q]!].sort((x, y) => x - y);
    clusters = clusters.filter((_, k) => k !== best.p && k !== best.q);
    clusters.splice(best.p, 0, merged);
  }
  return clusters.map((cluster) => cluster.map((i) => ids[i]!));
}

/** Which side of the reference point each actor stands on (positions within 1e-9 count as at it). */
export function statusQuoSides(positions: readonly { readonly actor: string; readonly position: number }[], reference: number): StatusQuoSides {
  const side = (sign: -1 | 0 | 1) =>
    positions.filter((p) => (Math.abs(p.position - reference) <= 1e-9 ? 0 : Math.sign(p.position - reference)) === sign).map((p) => p.actor);
  return { below: side(-1), at: side(0), above: side(1) };
}

/** Per-issue and overall alignment of a scenario's actors. */
export function alignment(scenario: Scenario, options: AlignmentOptions = {}): Alignment {
  const issueThreshold = options.issueThreshold ?? DEFAULT_ISSUE_THRESHOLD;
  const overallThreshold = options.overallThreshold ?? DEFAULT_OVERALL_THRESHOLD;
  const actors = scenario.actors.map((a) => a.id);
  const stance = (actor: string, issue: string) => scenario.stances[actor]?.[issue];

  const issues = scenario.issues.map((issue): IssueAlignment => {
    const positions = actors.flatMap((actor) => {
      const s = stance(actor, issue.id);
      return s ? [{ actor, position: s.position.value }] : [];
    });
    const distances = actors.map((a) =>
      actors.map((b) => {
        const sa = stance(a, issue.id);
        const sb = stance(b, issue.id);
        return sa && sb ? scaleDistance(sa.position.value, sb.position.value, issue.min, issue.max) : null;
      }),
    );
    const present = actors.map((a, k) => ({ a, k })).filter(({ a }) => stance(a, issue.id) !== undefined);
    const blocs = completeLinkageBlocs(
      present.map((p) => p.a),
      present.map((p) => present.map((q) => distances[p.k]![q.k]!)),
      issueThreshold,
    );
    const at = new Map(positions.map((p) => [p.actor, p.position]));
    const mean = (bloc: readonly string[]) => bloc.reduce((sum, a) => sum + at.get(a)!, 0) / bloc.length;
    const ordered = blocs.map((bloc) => [...bloc].sort((x, y) => at.get(x)! - at.get(y)! || actors.indexOf(x) - actors.indexOf(y))).sort((x, y) => mean(x) - mean(y));
    const reference = issue.reference?.value;
    return {
      issue: issue.id,
      positions,
      distances,
      blocs: ordered,
      ...(reference !== undefined ? { sides: statusQuoSides(positions, reference) } : {}),
    };
  });

  const distances = actors.map((a) =>
    actors.map((b) =>
      weightedDistance(
        scenario.issues.flatMap((issue, i) => {
          const sa = stance(a, issue.id);
          const sb = stance(b, issue.id);
          const d = issues[i]!.distances[actors.indexOf(a)]![actors.indexOf(b)];
          return sa && sb && d !== null && d !== undefined ? [{ weight: pairWeight(sa.salience.value, sb.salience.value), distance: d }] : [];
        }),
      ),
    ),
  );
  const pairs: PairDistance[] = [];
  actors.forEach((a, i) =>
    actors.forEach((b, j) => {
      const d = distances[i]![j];
      if (j > i && d !== null && d !== undefined) pairs.push({ a, b, distance: d });
    }),
  );
  pairs.sort((p, q) => p.distance - q.distance);
  const blocs = completeLinkageBlocs(actors, distances, overallThreshold).sort((x, y) => y.length - x.length);
  return { actors, issueThreshold, overallThreshold, issues, overall: { distances, pairs, blocs } };
}

/** A claim that some actors stand together, on one issue or overall. */
export interface AlignmentClaim {
  readonly actors: readonly string[];
  /** Issue id; overall when absent. */
  readonly issue?: string;
}

/** How a claimed actor outside the claim's core stands. */
export interface ClaimOutlier {
  readonly actor: string;
  /** Its largest distance to a member of the core. */
  readonly distanceToCore: number;
  /** Actors (outside the core) nearer to it than the nearest core member, nearest first. */
  readonly nearer: readonly PairDistance[];
}

/**
 * `borne-out`: every claimed actor falls in one bloc. `partly`: they do not, but each actor left
 * out of the core is nearer the core than any other actor. `not-borne-out`: some claimed actor
 * stands nearer actors outside the claim than the core (or no two claimed actors share a bloc).
 */
export type ClaimStatus = "borne-out" | "partly" | "not-borne-out";

export interface ClaimVerdict {
  readonly claim: AlignmentClaim;
  readonly status: ClaimStatus;
  /** The largest group of claimed actors sharing a bloc (first such group on ties). */
  readonly core: readonly string[];
  readonly outliers: readonly ClaimOutlier[];
  /** The largest distance between any two claimed actors. */
  readonly spread: number;
}

/** Tests a claim against the alignment. Throws RangeError for unknown actors or issues, or actors without a stance. */
export function testClaim(map: Alignment, claim: AlignmentClaim): ClaimVerdict {
  const view = claim.issue === undefined ? { distances: map.overall.distances, blocs: map.overall.blocs } : map.issues.find((i) => i.issue === claim.issue);
  if (!view) throw new RangeError(`unknown issue "${claim.issue}"`);
  if (claim.actors.length < 2) throw new RangeError("a claim names at least two actors");
  const index = (actor: string): number => {
    const k = map.actors.indexOf(actor);
    if (k < 0) throw new RangeError(`unknown actor "${actor}"; expected one of: ${map.actors.join(", ")}`);
    return k;
  };
  const distance = (a: string, b: string): number | null => view.distances[index(a)]![index(b)] ?? null;
  for (const a of claim.actors) {
    index(a);
    if (!view.blocs.some((bloc) => bloc.includes(a))) throw new RangeError(`actor "${a}" takes no stance on "${claim.issue ?? "any issue"}"`);
  }
  let core: string[] = [];
  for (const bloc of view.blocs) {
    const members = claim.actors.filter((a) => bloc.includes(a));
    if (members.length > core.length) core = members;
  }
  let spread = 0;
  for (const a of claim.actors) for (const b of claim.actors) spread = Math.max(spread, distance(a, b) ?? Number.POSITIVE_INFINITY);
  const outliers = claim.actors
    .filter((a) => !core.includes(a))
    .map((actor): ClaimOutlier => {
      const toCore = core.map((c) => distance(actor, c) ?? Number.POSITIVE_INFINITY);
      const nearestCore = Math.min(...toCore);
      const nearer = map.actors
        .filter((b) => b !== actor && !core.includes(b))
        .flatMap((b) => {
          const d = distance(actor, b);
          return d !== null && d < nearestCore - 1e-12 ? [{ a: actor, b, distance: d }] : [];
        })
        .sort((p, q) => p.distance - q.distance);
      return { actor, distanceToCore: Math.max(...toCore), nearer };
    });
  const status: ClaimStatus =
    outliers.length === 0 ? "borne-out" : core.length >= 2 && outliers.every((o) => o.nearer.length === 0) ? "partly" : "not-borne-out";
  return { claim, status, core, outliers, spread };
}
