/**
 * Building the briefing: every model's forecast with the spread between models, every named
 * deal against the criteria and traps, each actor's stake, the alignment map, and the evidence
 * behind every number taken from the scenario. Pure apart from running the models.
 */
import { alignment, testClaim } from "../alignment/alignment.js";
import { calibratedInterval, modelsWithoutRecord } from "../calibration/apply.js";
import type { Calibration } from "../calibration/calibration.js";
import { DEFAULT_LEVEL } from "../calibration/conformal.js";
import { toModelInput } from "../scenario/model-input.js";
import { dealContext, evaluateDeal, type DealEvaluation } from "../deals/evaluate.js";
import { DealError } from "../deals/preferences.js";
import { forecast, nearestAnchor, type ForecastResult } from "../forecast.js";
import { findModel, models as allModels } from "../models/index.js";
import { agreementBriefing } from "./agreement.js";
import { exchangeBriefing } from "./exchanges.js";
import { simulationBriefing } from "./simulation.js";
import { ModelError } from "../models/types.js";
import type { Citation, Issue, IssueValue, Label, Quantity, Scenario } from "../scenario/types.js";
import type {
  ActorInputs,
  ActorStake,
  AgreementLevel,
  Briefing,
  BriefingOptions,
  CalibrationSection,
  DealBriefing,
  DealsSection,
  EvidenceEntry,
  EvidenceSubject,
  Figure,
  ForecastDistribution,
  ForecastSpread,
  IssueBriefing,
  ModelForecast,
  UncertaintyInput,
  UncertaintySection,
} from "./types.js";

/** Spread (share of the scale) up to which the models are said to agree, and to broadly agree. */
export const AGREE_SHARE = 0.1;
export const BROAD_SHARE = 0.25;

/** Collects evidence entries, numbering them in the order numbers first cite them. */
export class EvidenceRegistry {
  readonly entries: EvidenceEntry[] = [];

  /** Registers what stands behind a number; undefined when there are neither citations nor a note. */
  add(subject: EvidenceSubject, citations: readonly Citation[], note?: Label): number | undefined {
    if (citations.length === 0 && note === undefined) return undefined;
    const number = this.entries.length + 1;
    this.entries.push({ number, subject, citations, ...(note !== undefined ? { note } : {}) });
    return number;
  }
}

/** A scenario number as a Figure, its evidence registered under `subject`. */
function figure(registry: EvidenceRegistry, subject: EvidenceSubject, q: Quantity | IssueValue, extra: readonly Citation[] = [], note?: Label): Figure {
  const evidence = registry.add(subject, [...extra, ...q.evidence], q.note ?? note);
  return {
    value: q.value,
    ...("option" in q && q.option !== undefined ? { option: q.option } : {}),
    ...(q.range ? { range: q.range } : {}),
    ...(evidence !== undefined ? { evidence } : {}),
  };
}

/** How far apart the models' forecasts on an issue lie, and which anchors they point to. */
export function forecastSpread(issue: Pick<Issue, "min" | "max" | "anchors">, forecasts: readonly ModelForecast[]): ForecastSpread | undefined {
  if (forecasts.length === 0) return undefined;
  const values = forecasts.map((f) => f.value);
  const min = Math.min(...values);
  const max = Math.max(...values);
  const range = max - min;
  const width = issue.max - issue.min;
  const share = width > 0 ? range / width : 0;
  const level: AgreementLevel = share <= AGREE_SHARE + 1e-12 ? "agree" : share <= BROAD_SHARE + 1e-12 ? "broad" : "disagree";
  const groups = new Map<number | undefined, string[]>();
  for (const f of forecasts) {
    const key = f.anchor?.value;
    groups.set(key, [...(groups.get(key) ?? []), f.model]);
  }
  const anchorGroups = [...groups.entries()]
    .sort(([a], [b]) => (a ?? Number.POSITIVE_INFINITY) - (b ?? Number.POSITIVE_INFINITY))
    .map(([value, models]) => {
      const anchor = issue.anchors.find((x) => x.value === value);
      return { ...(anchor ? { anchor } : {}), models };
    });
  return { min, max, range, share, level, anchorGroups };
}

/** Runs each model on its own, so that one failing model leaves the others in the briefing. */
function runModels(scenario: Scenario, options: BriefingOptions): { results: ForecastResult[]; failed: { model: string; message: string }[] } {
  const ids = options.models && options.models.length > 0 ? options.models : allModels.map((m) => m.id);
  const results: ForecastResult[] = [];
  const failed: { model: string; message: string }[] = [];
  for (const id of ids) {
    if (!findModel(id)) throw new ModelError(`unknown model "${id}"; expected one of: ${allModels.map((m) => m.id).join(", ")}`);
    try {
      results.push(
        ...forecast(scenario, {
          models: [id],
          ...(options.rounds !== undefined ? { rounds: options.rounds } : {}),
          ...(options.seed !== undefined ? { seed: options.seed } : {}),
        }),
      );
    } catch (error) {
      if (!(error instanceof ModelError)) throw error;
      failed.push({ model: id, message: error.message });
    }
  }
  return { results, failed };
}

/** Per model and issue, the quantiles of a Monte Carlo run (models or issues it lacks are left out). */
function distributionsOf(uncertainty: UncertaintyInput | undefined, issue: string): ForecastDistribution[] | undefined {
  if (!uncertainty) return undefined;
  return uncertainty.models.flatMap((m) => {
    const d = m.issues.find((i) => i.id === issue);
    const q = d?.quantiles;
    if (!d || !q) return [];
    const [p5, p25, p50, p75, p95] = [q.p5, q.p25, q.p50, q.p75, q.p95];
    if (p5 === undefined || p25 === undefined || p50 === undefined || p75 === undefined || p95 === undefined) return [];
    return [{ model: m.model, forecast: d.forecast, p5, p25, p50, p75, p95 }];
  });
}

/** How forecasts get their calibrated intervals: the calibration, its level, the scenario as the models see it. */
interface Calibrating {
  readonly calibration: Calibration;
  readonly level: number;
  readonly input: ReturnType<typeof toModelInput>;
}

/** The sampled sd of a model's forecast on an issue, from a Monte Carlo run (undefined without one). */
function sampledSd(uncertainty: UncertaintyInput | undefined, model: string, issue: string): number | undefined {
  return uncertainty?.models.find((m) => m.model === model)?.issues.find((d) => d.id === issue)?.sd;
}

function issueBriefings(
  scenario: Scenario,
  results: readonly ForecastResult[],
  registry: EvidenceRegistry,
  uncertainty: UncertaintyInput | undefined,
  calibrating: Calibrating | undefined,
): IssueBriefing[] {
  return scenario.issues.map((issue, i) => {
    const reference = issue.reference ? figure(registry, { kind: "reference", issue: issue.id }, issue.reference) : undefined;
    const positions = scenario.actors.flatMap((actor) => {
      const stance = scenario.stances[actor.id]?.[issue.id];
      if (!stance) return [];
      const evidence = registry.add(
        { kind: "stance", actor: actor.id, issue: issue.id },
        [...stance.evidence, ...stance.position.evidence, ...stance.salience.evidence],
        stance.note ?? stance.position.note ?? stance.salience.note,
      );
      const withEvidence = (f: Figure): Figure => (evidence !== undefined ? { ...f, evidence } : f);
      const position: Figure = {
        value: stance.position.value,
        ...(stance.position.option !== undefined ? { option: stance.position.option } : {}),
        ...(stance.position.range ? { range: stance.position.range } : {}),
      };
      const salience: Figure = { value: stance.salience.value, ...(stance.salience.range ? { range: stance.salience.range } : {}) };
      return [{ actor: actor.id, position: withEvidence(position), salience: withEvidence(salience) }];
    });
    const forecasts = results.map((r): ModelForecast => {
      const value = r.issues[i]!.forecast;
      const anchor = nearestAnchor(issue, value);
      const interval = calibrating
        ? calibratedInterval(calibrating.calibration, r.model, calibrating.level, calibrating.input, i, value, sampledSd(uncertainty, r.model, issue.id))
        : undefined;
      return { model: r.model, value, ...(anchor ? { anchor } : {}), ...(interval ? { interval } : {}) };
    });
    const spread = forecastSpread(issue, forecasts);
    const distributions = distributionsOf(uncertainty, issue.id);
    return {
      issue: issue.id,
      ...(reference ? { reference } : {}),
      positions,
      forecasts,
      ...(spread ? { spread } : {}),
      ...(distributions && distributions.length > 0 ? { distributions } : {}),
    };
  });
}

function dealsSection(scenario: Scenario, registry: EvidenceRegistry): DealsSection {
  if (scenario.deals.length === 0) return { deals: [] };
  // Every deal is evaluated before any evidence is registered, so a deal that cannot be leaves no trace.
  let evaluations: DealEvaluation[];
  try {
    const context = dealContext(scenario);
    evaluations = scenario.deals.map((deal) => evaluateDeal(context, deal));
  } catch (error) {
    if (error instanceof DealError) return { deals: [], skipped: error.message, ...(error.problem ? { problem: error.problem } : {}) };
    throw error;
  }
  return { deals: scenario.deals.map((deal, d) => dealBriefing(scenario, registry, deal, evaluations[d]!)) };
}

function dealBriefing(scenario: Scenario, registry: EvidenceRegistry, deal: Scenario["deals"][number], evaluation: DealEvaluation): DealBriefing {
  const evidence = registry.add({ kind: "deal", deal: deal.id }, deal.evidence, deal.note);
  const values = scenario.issues.map((issue) => {
    const named = deal.values[issue.id];
    if (named) {
      const own = registry.add({ kind: "dealValue", deal: deal.id, issue: issue.id }, named.evidence, named.note);
      const e = own ?? evidence;
      return {
        issue: issue.id,
        named: true,
        value: { value: named.value, ...(named.option !== undefined ? { option: named.option } : {}), ...(e !== undefined ? { evidence: e } : {}) },
      };
    }
    const quo = issue.reference!;
    return { issue: issue.id, named: false, value: { value: quo.value, ...(quo.option !== undefined ? { option: quo.option } : {}) } };
  });
  return { deal: deal.id, values, evaluation, ...(evidence !== undefined ? { evidence } : {}) };
}

/** Each actor's gain under each deal. */
export function stakesOf(scenario: Scenario, deals: readonly DealBriefing[]): ActorStake[] {
  if (deals.length === 0) return [];
  return scenario.actors.map((actor, a) => ({
    actor: actor.id,
    reservation: deals[0]!.evaluation.actors[a]!.reservation,
    gains: deals.map((d) => {
      const v = d.evaluation.actors[a]!;
      return { deal: d.deal, utility: v.utility, gain: v.gain, accepts: v.accepts };
    }),
  }));
}

function actorInputs(scenario: Scenario, registry: EvidenceRegistry): ActorInputs[] {
  return scenario.actors.map((actor) => ({
    actor: actor.id,
    capability: figure(registry, { kind: "capability", actor: actor.id }, actor.capability),
    byIssue: Object.entries(actor.capabilityByIssue).map(([issue, q]) => ({ issue, capability: figure(registry, { kind: "capability", actor: actor.id, issue }, q) })),
    ...(actor.reservation ? { reservation: figure(registry, { kind: "reservation", actor: actor.id }, actor.reservation) } : {}),
  }));
}

function uncertaintySection(input: UncertaintyInput | undefined): UncertaintySection | undefined {
  if (!input) return undefined;
  return {
    runs: input.runs,
    completed: input.completed,
    partial: input.partial,
    ...(input.seed !== undefined ? { seed: input.seed } : {}),
    deals: input.deals ?? [],
  };
}

function calibrationSection(calibrating: Calibrating | undefined, results: readonly ForecastResult[], uncertainty: UncertaintyInput | undefined): CalibrationSection | undefined {
  if (!calibrating) return undefined;
  const { calibration, level } = calibrating;
  return {
    level,
    source: calibration.source,
    ...(calibration.condition !== undefined ? { condition: calibration.condition } : {}),
    combined: uncertainty?.models.some((m) => m.issues.some((d) => d.sd !== undefined)) ?? false,
    withoutRecord: modelsWithoutRecord(calibration, results.map((r) => r.model)),
  };
}

/** Builds the briefing of a validated scenario. Throws ModelError for an unknown model, RangeError for a bad claim. */
export function buildBriefing(scenario: Scenario, options: BriefingOptions = {}): Briefing {
  const registry = new EvidenceRegistry();
  const { results, failed } = runModels(scenario, options);
  // The lead comes first in the briefing, so its evidence gets the first numbers.
  const lead = agreementBriefing(scenario, registry, options.agreement);
  const inputs = actorInputs(scenario, registry);
  const calibrating = options.calibration ? { calibration: options.calibration, level: options.level ?? DEFAULT_LEVEL, input: toModelInput(scenario) } : undefined;
  const issues = issueBriefings(scenario, results, registry, options.uncertainty, calibrating);
  const deals = dealsSection(scenario, registry);
  for (const kind of ["criterion", "trap"] as const) {
    for (const entry of kind === "criterion" ? scenario.criteria : scenario.traps) registry.add({ kind, id: entry.id }, entry.evidence, entry.note);
  }
  const map = alignment(scenario, options.alignment);
  const claims = (options.claims ?? []).map((claim) => testClaim(map, claim));
  const uncertainty = uncertaintySection(options.uncertainty);
  const exchange = exchangeBriefing(results.find((r) => r.model === "exchange"));
  const calibration = calibrationSection(calibrating, results, options.uncertainty);
  const simulation = simulationBriefing(scenario, options.simulation);
  return {
    scenario,
    agreement: lead,
    models: results.map((r) => ({ id: r.model, name: findModel(r.model)?.name ?? r.model })),
    failedModels: failed,
    issues,
    deals,
    stakes: stakesOf(scenario, deals.deals),
    alignment: map,
    claims,
    inputs,
    evidence: registry.entries,
    ...(uncertainty ? { uncertainty } : {}),
    ...(calibration ? { calibration } : {}),
    ...(exchange ? { exchange } : {}),
    simulation,
  };
}

/** The evidence entry number behind a criterion or trap, if any. */
export function ruleEvidence(briefing: Briefing, kind: "criterion" | "trap", id: string): number | undefined {
  return briefing.evidence.find((e) => e.subject.kind === kind && e.subject.id === id)?.number;
}
