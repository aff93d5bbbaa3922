/**
 * Searching the space of agreements without enumerating it: depth first over the issues, with bounds
 * (branch and bound). At each node every actor's utility is bounded above by what the set issues give it
 * plus the best the unset issues can give, plus every linkage term still undecided that could add; an actor
 * whose bound falls below its walk-away value, or one of whose red lines is already crossed (a red line is
 * decided as soon as the issues it reads are set), cannot accept anything below the node. The node is
 * pruned when the decision rule can no longer be met (a needed signatory is out, or the actors still in
 * hold too little capability), or when an objective's bound cannot beat the best outcome found.
 *
 * Cost: at worst the product of the grid sizes (every node visited), typically far less; each node costs
 * O(actors + rules decided there). Rules that read only deal values are tabulated once over the issues they
 * read; rules that read judgements (positions, saliences) are tabulated again for each draw; rules that read
 * utilities are evaluated at the leaves. Pure.
 */
import type { Outcome } from "../deals/preferences.js";
import { issueGrid, type GridPoints } from "../deals/space.js";
import { evaluateRule, type Rule } from "../rules/index.js";
import type { Scenario } from "../scenario/types.js";
import { outcomeRuleContext } from "./context.js";
import { ACCEPT_TOLERANCE, agreementModel, decisionReached, type AgreementModel, type Constraints } from "./model.js";

/** Largest table a rule is tabulated into; larger ones are evaluated at the leaves. */
const MAX_TABLE = 1 << 20;

/** Default node budget of one search. */
export const DEFAULT_MAX_NODES = 5_000_000;

export interface GridPoint {
  readonly value: number;
  readonly option: string | undefined;
}

/** A rule placed in the search: which issues it reads and at what depth it is decided. */
export interface PlacedRule {
  readonly kind: "redLine" | "linkage";
  readonly actor: number;
  /** Index in the actor's red lines or linkage terms. */
  readonly index: number;
  readonly rule: Rule;
  /** Issue indices it reads, and the stride of each in its table. */
  readonly issues: readonly number[];
  readonly strides: readonly number[];
  /** Decided once this many issues (in search order) are set; 0: constant. */
  readonly depth: number;
  /** Evaluated only at the leaves (reads utilities, or its table would be too large). */
  readonly leaf: boolean;
  /** Reads judgements: tabulated again for each draw. */
  readonly perDraw: boolean;
  readonly size: number;
}

/** What does not change from draw to draw: grids, search order, rules and their tables as written. */
export interface PreparedSearch {
  readonly scenario: Scenario;
  readonly model: AgreementModel;
  /** Per issue (scenario order), the points searched. */
  readonly grids: readonly (readonly GridPoint[])[];
  /** Issue indices in search order. */
  readonly order: readonly number[];
  readonly rules: readonly PlacedRule[];
  /** Tables of the rules that read deal values only (undefined for the others). */
  readonly tables: readonly (Uint8Array | undefined)[];
  /** Per issue, the index of the status quo's point in its grid, or −1. */
  readonly quo: readonly number[];
  /** Number of outcomes of the grid. */
  readonly outcomes: number;
}

export interface SearchOptions {
  /** Grid step of numeric issues (default: their anchors and reference point; docs/agreement.md). */
  readonly step?: number;
  /** Values added to numeric issues' grids (as in scenarioSpace). */
  readonly points?: GridPoints;
}

/** The points of an issue: options, or the numbers of `issueGrid`. */
export function gridPoints(scenario: Scenario, issueIndex: number, step?: number, points?: GridPoints): GridPoint[] {
  const issue = scenario.issues[issueIndex]!;
  if (issue.kind === "options") return issue.options.map((o) => ({ value: o.place, option: o.id }));
  return (issueGrid(issue, step, points) as number[]).map((value) => ({ value, option: undefined }));
}

/** The outcome at grid indices `k` (per issue, scenario order). */
export function outcomeAt(prepared: Pick<PreparedSearch, "grids">, k: ArrayLike<number>): Outcome {
  return {
    values: prepared.grids.map((g, i) => g[k[i] as number]!.value),
    options: prepared.grids.map((g, i) => g[k[i] as number]!.option),
  };
}

export function prepareSearch(scenario: Scenario, options: SearchOptions = {}, model: AgreementModel = agreementModel(scenario)): PreparedSearch {
  const grids = scenario.issues.map((_, i) => gridPoints(scenario, i, options.step, options.points));
  const issueIndex = new Map(scenario.issues.map((issue, i) => [issue.id, i]));
  const raw: Omit<PlacedRule, "depth" | "strides">[] = [];
  const place = (kind: "redLine" | "linkage", actor: number, index: number, rule: Rule, deps: { issues: ReadonlySet<string>; utilities: boolean; judgements: boolean }) => {
    const issues = [...deps.issues].map((id) => issueIndex.get(id)!).sort((a, b) => a - b);
    const size = issues.reduce((n, i) => n * grids[i]!.length, 1);
    raw.push({ kind, actor, index, rule, issues, leaf: deps.utilities || size > MAX_TABLE, perDraw: deps.judgements, size });
  };
  model.linkage.forEach((terms, a) => terms.forEach((t, k) => place("linkage", a, k, t.rule, t.dependencies)));
  model.redLines.forEach((lines, a) => lines.forEach((l, k) => place("redLine", a, k, l.rule, l.dependencies)));

  // Issues read by red lines and linkage first (most-read first) so rules are decided high in the tree,
  // then by the largest weight any actor gives them.
  const reads = scenario.issues.map((_, i) => raw.filter((r) => !r.leaf && r.issues.includes(i)).length);
  const weight = scenario.issues.map((_, i) => Math.max(0, ...model.preferences.map((p) => p.weights[i]!)));
  const order = scenario.issues.map((_, i) => i).sort((a, b) => reads[b]! - reads[a]! || weight[b]! - weight[a]! || a - b);
  const position = new Map(order.map((i, d) => [i, d]));

  const rules = raw.map((r): PlacedRule => {
    const strides: number[] = [];
    let stride = 1;
    for (let j = r.issues.length - 1; j >= 0; j--) {
      strides[j] = stride;
      stride *= grids[r.issues[j]!]!.length;
    }
    const depth = r.issues.length === 0 ? 0 : 1 + Math.max(...r.issues.map((i) => position.get(i)!));
    return { ...r, strides, depth: r.leaf ? scenario.issues.length : depth };
  });
  const quo = scenario.issues.map((issue, i) => {
    const ref = issue.reference;
    if (!ref) return -1;
    return grids[i]!.findIndex((p) => (ref.option !== undefined ? p.option === ref.option : Math.abs(p.value - ref.value) <= 1e-9));
  });
  const base = { scenario, grids };
  const tables = rules.map((r) => (r.leaf || r.perDraw ? undefined : tabulate(base, scenario, r)));
  return { scenario, model, grids, order, rules, tables, quo, outcomes: grids.reduce((n, g) => n * g.length, 1) };
}

/** The rule's value at every combination of the issues it reads (other issues at their first point). */
function tabulate(prepared: Pick<PreparedSearch, "grids">, scenario: Scenario, rule: PlacedRule): Uint8Array {
  const table = new Uint8Array(rule.size);
  const values = prepared.grids.map((g) => g[0]!.value);
  const options = prepared.grids.map((g) => g[0]!.option);
  const noUtility = (): number => Number.NaN;
  const context = outcomeRuleContext(scenario, { values, options }, { utility: noUtility, reservation: noUtility });
  for (let rank = 0; rank < rule.size; rank++) {
    let rest = rank;
    for (let j = rule.issues.length - 1; j >= 0; j--) {
      const i = rule.issues[j]!;
      const n = prepared.grids[i]!.length;
      const point = prepared.grids[i]![rest % n]!;
      values[i] = point.value;
      options[i] = point.option;
      rest = Math.floor(rest / n);
    }
    table[rank] = evaluateRule(rule.rule, context).value ? 1 : 0;
  }
  return table;
}

/** One search problem: the numbers of a draw (or as written) and the constraints in force. */
export interface SearchState {
  readonly prepared: PreparedSearch;
  readonly scenario: Scenario;
  readonly model: AgreementModel;
  /** contributions[a][i][k] = wₐᵢ·vₐᵢ(point k of issue i). */
  readonly contributions: readonly (readonly Float64Array[])[];
  readonly tables: readonly (Uint8Array | undefined)[];
  readonly constraints: Constraints;
}

/** Everything in force as written. */
export function allConstraints(model: AgreementModel): Constraints {
  return { walkAway: model.scenario.actors.map(() => true), redLines: model.redLines.map((lines) => lines.map(() => true)) };
}

/**
 * The search state for `scenario` (the prepared one, or a draw of it that differs only in its numbers)
 * under `constraints`.
 */
export function searchState(prepared: PreparedSearch, scenario: Scenario = prepared.scenario, constraints?: Constraints): SearchState {
  const model = scenario === prepared.scenario ? prepared.model : agreementModel(scenario, prepared.model);
  const contributions = model.preferences.map((p) =>
    prepared.grids.map((grid, i) => {
      const out = new Float64Array(grid.length);
      const w = p.weights[i]!;
      if (w > 0) grid.forEach((point, k) => (out[k] = w * p.value(i, point.value, point.option)));
      return out;
    }),
  );
  const tables = prepared.rules.map((r, t) => prepared.tables[t] ?? (r.perDraw && !r.leaf ? tabulate(prepared, scenario, r) : undefined));
  return { prepared, scenario, model, contributions, tables, constraints: constraints ?? allConstraints(model) };
}

export interface SearchResult {
  /** An agreement was found (for objectives: the best one). */
  readonly found: boolean;
  /** Grid indices per issue (scenario order) of the agreement found. */
  readonly outcome?: readonly number[];
  /** The objective's value at it. */
  readonly score?: number;
  /** Agreements counted (only with `count`). */
  readonly count?: number;
  readonly nodes: number;
  /** False when the node budget ran out before the search finished. */
  readonly complete: boolean;
}

export type Objective =
  /** Any agreement: stop at the first. */
  | { readonly kind: "exists" }
  /** The agreement with the largest Nash product of the signatories' gains (threshold rules: see docs). */
  | { readonly kind: "nash" }
  /** The outcome, meeting every other constraint, that gives `actor` the most utility. */
  | { readonly kind: "utility"; readonly actor: number };

export interface SearchRunOptions {
  readonly objective?: Objective;
  /** Count every agreement (visits every feasible leaf; objectives then prune nothing). */
  readonly count?: boolean;
  readonly maxNodes?: number;
  /**
   * Called with every agreement the search reaches (with `count`: every agreement of the grid): its grid
   * indices per issue (scenario order) and per actor the sum of the linkage terms that apply (the additive
   * part is the sum of `contributions` at the indices). Both are reused buffers. Returning false stops the
   * search (the result is then incomplete).
   */
  readonly onAgreement?: (indices: Int32Array, linkage: Float64Array) => boolean | void;
  /** Told the nodes visited so far and the budget, every 2¹⁶ nodes (for a progress bar). */
  readonly onProgress?: (nodes: number, maxNodes: number) => void;
}

/** Runs a search. */
export function search(state: SearchState, options: SearchRunOptions = {}): SearchResult {
  const { prepared, model, contributions, tables, constraints } = state;
  const objective = options.objective ?? { kind: "exists" };
  const counting = options.count === true;
  const { onAgreement, onProgress } = options;
  const maxNodes = options.maxNodes ?? DEFAULT_MAX_NODES;
  const n = prepared.order.length;
  const actors = model.scenario.actors.length;
  const { order, rules, quo, grids } = prepared;
  const reservations = model.reservations;
  const walkAway = constraints.walkAway;
  const holds = (a: number, k: number): boolean => constraints.redLines[a]?.[k] ?? true;

  // Best additive contribution of the issues at search positions ≥ d, per actor.
  const maxRest = Array.from({ length: actors }, (_, a) => {
    const rest = new Float64Array(n + 1);
    for (let d = n - 1; d >= 0; d--) {
      const c = contributions[a]![order[d]!]!;
      let best = -Infinity;
      for (let k = 0; k < c.length; k++) if (c[k]! > best) best = c[k]!;
      rest[d] = rest[d + 1]! + best;
    }
    return rest;
  });
  // Rules decided at each depth (after that many issues are set); linkage still open at depth d can add at most pending[a][d].
  const decidedAt: number[][] = Array.from({ length: n + 1 }, () => []);
  const leafRules: number[] = [];
  const pending = Array.from({ length: actors }, () => new Float64Array(n + 2));
  rules.forEach((r, t) => {
    if (r.kind === "redLine" && !holds(r.actor, r.index)) return;
    if (r.leaf) leafRules.push(t);
    else decidedAt[r.depth]!.push(t);
    if (r.kind === "linkage") {
      const gain = Math.max(0, model.linkage[r.actor]![r.index]!.utility);
      for (let d = 0; d < r.depth; d++) pending[r.actor]![d]! += gain;
      if (r.leaf) pending[r.actor]![n]! += gain;
    }
  });
  // Value order per issue: most attractive first, to the actors that must sign (all actors under a threshold).
  const counted = model.required.some((x) => x) ? model.required : model.required.map(() => true);
  const valueOrder = grids.map((grid, i) => {
    const score = grid.map((_, k) => contributions.reduce((sum, c, a) => sum + (counted[a] ? c[i]![k]! : 0), 0));
    return grid.map((_, k) => k).sort((x, y) => score[y]! - score[x]! || x - y);
  });

  const k = new Int32Array(grids.length);
  // Additive sums per depth (a stack, so that backtracking restores them exactly).
  const stack = new Float64Array((n + 1) * actors);
  // Offset in `stack` of the current node's sums.
  let base = 0;
  // Linkage sums and crossed flags saved per depth, restored after each child (no allocation per node).
  const savedLink = new Float64Array((n + 1) * actors);
  const savedCrossed = new Uint8Array((n + 1) * actors);
  const linkAtLeaf = new Float64Array(actors);
  const crossedAtLeaf = new Uint8Array(actors);
  const link = new Float64Array(actors);
  const crossed = new Uint8Array(actors);
  const alive = new Uint8Array(actors);
  const accepted: boolean[] = new Array<boolean>(actors).fill(false);
  let nodes = 0;
  let stopped = false;
  let exhausted = false;
  let count = 0;
  let best: { outcome: number[]; score: number; share: number } | undefined;
  const thresholdOnly = !model.required.some((x) => x) && model.threshold !== undefined;

  const tableValue = (t: number): boolean => {
    const r = rules[t]!;
    let index = 0;
    for (let j = 0; j < r.issues.length; j++) index += k[r.issues[j]!]! * r.strides[j]!;
    return tables[t]![index] === 1;
  };
  const apply = (t: number): void => {
    const r = rules[t]!;
    const value = tableValue(t);
    if (r.kind === "linkage") {
      if (value) link[r.actor]! += model.linkage[r.actor]![r.index]!.utility;
    } else if (!value) crossed[r.actor] = 1;
  };
  const upper = (a: number, d: number): number => stack[base + a]! + maxRest[a]![d]! + link[a]! + pending[a]![d]!;

  /** Marks who can still accept below a node at depth d; false when the decision rule cannot be met there. */
  const feasible = (d: number): boolean => {
    let share = 0;
    for (let a = 0; a < actors; a++) {
      const ok = crossed[a] === 0 && (!walkAway[a] || upper(a, d) >= reservations[a]! - ACCEPT_TOLERANCE);
      alive[a] = ok ? 1 : 0;
      if (ok) share += model.shares[a]!;
      else if (model.required[a]) return false;
    }
    return model.threshold === undefined || share >= model.threshold - 1e-12;
  };

  /** Upper bound of the objective below a node at depth d (alive marked). */
  const bound = (d: number): number => {
    if (objective.kind === "utility") return upper(objective.actor, d);
    let product = 1;
    for (let a = 0; a < actors; a++) {
      if (thresholdOnly ? alive[a] === 0 : !counted[a]) continue;
      const g = upper(a, d) - reservations[a]!;
      product *= thresholdOnly ? Math.max(1, g) : Math.max(0, g);
    }
    return product;
  };

  const leaf = (): void => {
    let isQuo = true;
    for (let i = 0; i < k.length; i++) if (k[i] !== quo[i]) isQuo = false;
    if (isQuo) return;
    linkAtLeaf.set(link);
    let outcome: Outcome | undefined;
    const context = () => {
      outcome ??= outcomeAt(prepared, k);
      const utility = (a: number): number => stack[base + a]! + linkAtLeaf[a]!;
      return outcomeRuleContext(state.scenario, outcome, { utility, reservation: (a) => reservations[a]! });
    };
    crossedAtLeaf.set(crossed);
    let ctx: ReturnType<typeof context> | undefined;
    for (const t of leafRules) {
      const r = rules[t]!;
      if (r.kind !== "linkage") continue;
      ctx ??= context();
      if (evaluateRule(r.rule, ctx).value) linkAtLeaf[r.actor]! += model.linkage[r.actor]![r.index]!.utility;
    }
    for (const t of leafRules) {
      const r = rules[t]!;
      if (r.kind !== "redLine" || crossedAtLeaf[r.actor]) continue;
      ctx ??= context();
      if (!evaluateRule(r.rule, ctx).value) crossedAtLeaf[r.actor] = 1;
    }
    let share = 0;
    for (let a = 0; a < actors; a++) {
      accepted[a] = crossedAtLeaf[a] === 0 && (!walkAway[a] || stack[base + a]! + linkAtLeaf[a]! >= reservations[a]! - ACCEPT_TOLERANCE);
      if (accepted[a]) share += model.shares[a]!;
    }
    if (!decisionReached(model, accepted)) return;
    count++;
    if (onAgreement && onAgreement(k, linkAtLeaf) === false) {
      stopped = true;
      exhausted = true;
    }
    let score: number;
    if (objective.kind === "utility") score = stack[base + objective.actor]! + linkAtLeaf[objective.actor]!;
    else if (objective.kind === "exists") score = 0;
    else {
      score = 1;
      for (let a = 0; a < actors; a++) if (thresholdOnly ? accepted[a] : counted[a]) score *= stack[base + a]! + linkAtLeaf[a]! - reservations[a]!;
    }
    const better = !best || (thresholdOnly && objective.kind === "nash" ? share > best.share + 1e-12 || (share >= best.share - 1e-12 && score > best.score) : score > best.score);
    if (better) best = { outcome: Array.from(k), score, share };
    if (objective.kind === "exists" && !counting) stopped = true;
  };

  const visit = (d: number): void => {
    nodes++;
    if (nodes > maxNodes) {
      stopped = true;
      exhausted = true;
      return;
    }
    if (onProgress && (nodes & 0xffff) === 0) onProgress(nodes, maxNodes);
    if (!feasible(d)) return;
    if (!counting && best && objective.kind !== "exists") {
      if (thresholdOnly && objective.kind === "nash") {
        let share = 0;
        for (let a = 0; a < actors; a++) if (alive[a]) share += model.shares[a]!;
        if (share < best.share - 1e-12 || (share <= best.share + 1e-12 && bound(d) <= best.score)) return;
      } else if (bound(d) <= best.score) return;
    }
    if (d === n) {
      leaf();
      return;
    }
    const i = order[d]!;
    const here = d * actors;
    const next = here + actors;
    for (let a = 0; a < actors; a++) {
      savedLink[here + a] = link[a]!;
      savedCrossed[here + a] = crossed[a]!;
    }
    const values = valueOrder[i]!;
    const decided = decidedAt[d + 1]!;
    for (let v = 0; v < values.length; v++) {
      const value = values[v]!;
      k[i] = value;
      for (let a = 0; a < actors; a++) stack[next + a] = stack[here + a]! + contributions[a]![i]![value]!;
      base = next;
      for (let j = 0; j < decided.length; j++) apply(decided[j]!);
      visit(d + 1);
      base = here;
      for (let a = 0; a < actors; a++) {
        link[a] = savedLink[here + a]!;
        crossed[a] = savedCrossed[here + a]!;
      }
      if (stopped) return;
    }
  };

  for (const t of decidedAt[0]!) apply(t);
  visit(0);
  const complete = !exhausted;
  const found = best !== undefined;
  return {
    found,
    ...(best ? { outcome: best.outcome, score: best.score } : {}),
    ...(counting ? { count } : {}),
    nodes,
    complete,
  };
}
