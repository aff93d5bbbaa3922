/**
 * From what the analyst wrote to the one shape the rest of Parley reads. Runs only on input
 * that passed validation, so it may assume references resolve.
 */
import type { DistributionInput, IssueValueInput, LabelInput, PositionInput, QuantityInput, ScenarioInput } from "./schema.js";
import type { Anchor, Citation, Decision, Distribution, Issue, IssueOption, IssueValue, Label, Quantity, RuleEntry, Scenario, Source, Stance } from "./types.js";

type IssueInput = ScenarioInput["issues"][number];

export function toLabel(label: LabelInput): Label {
  return typeof label === "string" ? { en: label } : label;
}

function toCitations(list: readonly { source: string; quote: string; note?: LabelInput | undefined }[] | undefined): Citation[] {
  return (list ?? []).map((c) => ({ source: c.source, quote: c.quote, ...(c.note !== undefined ? { note: toLabel(c.note) } : {}) }));
}

/** A written distribution; estimates naming options become the options' places. */
export function toDistribution(d: DistributionInput, options: readonly IssueOption[] = []): Distribution {
  if (typeof d === "string") return { kind: d === "triangular" ? "triangular" : "uniform" };
  if (d.normal !== undefined) return { kind: "normal", sd: d.normal.sd };
  const estimates = d.estimates ?? [];
  const named = estimates.some((e) => typeof e === "string");
  return {
    kind: "estimates",
    values: estimates.map((e) => (typeof e === "number" ? e : (options.find((o) => o.id === e)?.place ?? Number.NaN))),
    ...(d.weights ? { weights: [...d.weights] } : {}),
    ...(named ? { options: estimates.map((e) => (typeof e === "string" ? e : undefined)) } : {}),
  };
}

export function toQuantity(q: QuantityInput, options: readonly IssueOption[] = []): Quantity {
  if (typeof q === "number") return { value: q, evidence: [] };
  return {
    value: q.value,
    ...(q.range ? { range: [q.range[0], q.range[1]] as const } : {}),
    ...(q.distribution !== undefined ? { distribution: toDistribution(q.distribution, options) } : {}),
    evidence: toCitations(q.evidence),
    ...(q.note !== undefined ? { note: toLabel(q.note) } : {}),
  };
}

/** Options without places are spread evenly over 0–100 in the order listed. */
function toOptions(options: NonNullable<IssueInput["options"]>): IssueOption[] {
  const step = 100 / (options.length - 1);
  return options.map((o, index) => ({
    id: o.id,
    label: toLabel(o.label),
    ...(o.description !== undefined ? { description: toLabel(o.description) } : {}),
    place: o.place ?? index * step,
  }));
}

function toIssueValue(input: IssueValueInput | PositionInput, options: readonly IssueOption[]): IssueValue {
  const written = typeof input === "object" ? input : { value: input };
  const quantity = toQuantity({ ...written, value: 0 }, options);
  if (typeof written.value === "string") {
    const option = options.find((o) => o.id === written.value);
    return { ...quantity, value: option?.place ?? Number.NaN, option: written.value };
  }
  return { ...quantity, value: written.value };
}

function toIssue(input: IssueInput): Issue {
  const options = input.options ? toOptions(input.options) : [];
  const base = {
    id: input.id,
    name: toLabel(input.name),
    ...(input.description !== undefined ? { description: toLabel(input.description) } : {}),
    ...(input.reference !== undefined ? { reference: toIssueValue(input.reference, options) } : {}),
    ...(input.outcome !== undefined ? { outcome: toIssueValue(input.outcome, options) } : {}),
  };
  if (input.scale) {
    const anchors: Anchor[] = Object.entries(input.scale.anchors ?? {})
      .map(([at, label]) => ({ value: Number(at), label: toLabel(label) }))
      .sort((a, b) => a.value - b.value);
    return {
      ...base,
      kind: "numeric",
      min: input.scale.min,
      max: input.scale.max,
      ...(input.scale.unit !== undefined ? { unit: toLabel(input.scale.unit) } : {}),
      anchors,
      options: [],
    };
  }
  const places = options.map((o) => o.place);
  return {
    ...base,
    kind: "options",
    min: Math.min(0, ...places),
    max: Math.max(100, ...places),
    anchors: options.map((o) => ({ value: o.place, label: o.label })),
    options,
  };
}

function toSource(s: NonNullable<ScenarioInput["sources"]>[number]): Source {
  return {
    id: s.id,
    title: toLabel(s.title),
    authors: s.author === undefined ? [] : typeof s.author === "string" ? [s.author] : s.author,
    ...(s.publisher !== undefined ? { publisher: s.publisher } : {}),
    ...(s.date !== undefined ? { date: s.date } : {}),
    ...(s.url !== undefined ? { url: s.url } : {}),
    ...(s.file !== undefined ? { file: s.file } : {}),
    ...(s.language !== undefined ? { language: s.language } : {}),
  };
}

function toRuleEntry(r: NonNullable<ScenarioInput["criteria"]>[number]): RuleEntry {
  return {
    id: r.id,
    name: toLabel(r.name),
    ...(r.description !== undefined ? { description: toLabel(r.description) } : {}),
    rule: r.rule,
    evidence: toCitations(r.evidence),
    ...(r.note !== undefined ? { note: toLabel(r.note) } : {}),
  };
}

type OutsideOptionInput = Extract<NonNullable<ScenarioInput["actors"][number]["reservation"]>, { deal: string }>;

function isOutsideOption(r: NonNullable<ScenarioInput["actors"][number]["reservation"]>): r is OutsideOptionInput {
  return typeof r === "object" && "deal" in r;
}

function toDecision(d: ScenarioInput["decision"]): Decision {
  if (d === undefined || d === "unanimity") return { kind: "unanimity", evidence: [] };
  return {
    kind: d.threshold !== undefined ? "threshold" : "veto",
    ...(d.veto !== undefined ? { veto: [...d.veto] } : {}),
    ...(d.threshold !== undefined ? { threshold: d.threshold } : {}),
    evidence: toCitations(d.evidence),
    ...(d.note !== undefined ? { note: toLabel(d.note) } : {}),
  };
}

export function normalizeScenario(input: ScenarioInput): Scenario {
  const issues = input.issues.map(toIssue);
  const issueById = new Map(issues.map((i) => [i.id, i]));
  const stances: Record<string, Record<string, Stance>> = {};
  // Actors and issues keep scenario order, whatever order the stances were written in.
  for (const actor of input.actors) {
    const written = input.stances[actor.id];
    if (!written) continue;
    const byIssue: Record<string, Stance> = {};
    for (const issue of issues) {
      const s = written[issue.id];
      if (!s) continue;
      byIssue[issue.id] = {
        position: toIssueValue(s.position, issueById.get(issue.id)?.options ?? []),
        salience: toQuantity(s.salience),
        evidence: toCitations(s.evidence),
        ...(s.note !== undefined ? { note: toLabel(s.note) } : {}),
      };
    }
    stances[actor.id] = byIssue;
  }
  return {
    version: input.parley,
    id: input.id,
    title: toLabel(input.title),
    ...(input.date !== undefined ? { date: input.date } : {}),
    ...(input.description !== undefined ? { description: toLabel(input.description) } : {}),
    language: input.language ?? "en",
    sources: (input.sources ?? []).map(toSource),
    actors: input.actors.map((a) => ({
      id: a.id,
      name: toLabel(a.name),
      ...(a.description !== undefined ? { description: toLabel(a.description) } : {}),
      capability: toQuantity(a.capability),
      capabilityByIssue: Object.fromEntries(Object.entries(a.capabilityByIssue ?? {}).map(([k, v]) => [k, toQuantity(v)])),
      ...(a.reservation !== undefined && !isOutsideOption(a.reservation) ? { reservation: toQuantity(a.reservation) } : {}),
      ...(a.reservation !== undefined && isOutsideOption(a.reservation)
        ? { outsideOption: { deal: a.reservation.deal, evidence: toCitations(a.reservation.evidence), ...(a.reservation.note !== undefined ? { note: toLabel(a.reservation.note) } : {}) } }
        : {}),
      redLines: (a.redLines ?? []).map((r) => ({
        id: r.id,
        ...(r.name !== undefined ? { name: toLabel(r.name) } : {}),
        rule: r.rule,
        credibility: toQuantity(r.credibility ?? 1),
        evidence: toCitations(r.evidence),
        ...(r.note !== undefined ? { note: toLabel(r.note) } : {}),
      })),
      linkage: (a.linkage ?? []).map((l, k) => ({
        id: l.id ?? `linkage[${k}]`,
        ...(l.name !== undefined ? { name: toLabel(l.name) } : {}),
        when: l.when,
        utility: toQuantity(l.utility),
        evidence: toCitations(l.evidence),
        ...(l.note !== undefined ? { note: toLabel(l.note) } : {}),
      })),
    })),
    issues,
    stances,
    preferences: Object.fromEntries(
      Object.entries(input.preferences ?? {}).map(([actor, p]) => [
        actor,
        { loss: p.loss ?? "linear", ...(p.weights ? { weights: p.weights } : {}), values: p.values ?? {} },
      ]),
    ),
    deals: (input.deals ?? []).map((d) => ({
      id: d.id,
      name: toLabel(d.name),
      ...(d.description !== undefined ? { description: toLabel(d.description) } : {}),
      values: Object.fromEntries(
        issues.filter((i) => d.values[i.id] !== undefined).map((i) => [i.id, toIssueValue(d.values[i.id]!, i.options)]),
      ),
      evidence: toCitations(d.evidence),
      ...(d.note !== undefined ? { note: toLabel(d.note) } : {}),
    })),
    criteria: (input.criteria ?? []).map(toRuleEntry),
    traps: (input.traps ?? []).map(toRuleEntry),
    decision: toDecision(input.decision),
    models: input.models ?? {},
    ...(input.simulation !== undefined ? { simulation: input.simulation } : {}),
  };
}
