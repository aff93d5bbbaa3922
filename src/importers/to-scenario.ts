/**
 * Turning imported data (KTAB SMP files, the EUM reference CSV, GENIUS-family negotiations) into Parley scenarios, written
 * as the analyst would write them, so an import can be edited, versioned and extended. Pure.
 */
import type { ScenarioInput } from "../scenario/schema.js";
import { ImportError } from "./errors.js";
import type { ImportedNegotiation } from "./genius/types.js";
import type { EumCsv } from "./eum-csv.js";
import type { KtabScenario } from "./ktab.js";

/** An id from a free-text name: letters, digits, '-', '_' and '.', starting with a letter, unique. */
export function idFromName(name: string, taken: Set<string>, fallback: string): string {
  let id = name
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9_.-]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (!/^[A-Za-z]/.test(id)) id = id === "" ? fallback : `${fallback}-${id}`;
  let unique = id;
  for (let n = 2; taken.has(unique); n++) unique = `${id}-${n}`;
  taken.add(unique);
  return unique;
}

/** A KTAB SMP scenario: one issue per dimension on KTAB's 0–100 scale; its parameters go to `models.smp`. */
export function scenarioFromKtab(ktab: KtabScenario, file: string): ScenarioInput {
  const actorIds = new Set<string>();
  const issueIds = new Set<string>();
  const actors = ktab.actors.map((a, i) => ({ id: idFromName(a.name, actorIds, `actor-${i + 1}`), source: a }));
  const issues = ktab.dimensions.map((d, k) => ({ id: idFromName(d, issueIds, `dimension-${k + 1}`), name: d }));
  const smp: Record<string, unknown> = { ...ktab.parameters };
  if (ktab.accommodation && ktab.accommodation.length > 0) {
    smp["accommodation"] = ktab.accommodation.map((a) => ({ adjusting: actors[a.adjusting]!.id, reference: actors[a.reference]!.id, adjust: a.adjust }));
  }
  if (ktab.seed !== undefined) smp["seed"] = ktab.seed;
  return {
    parley: 1,
    id: idFromName(ktab.name, new Set(), "ktab-scenario"),
    title: ktab.name,
    ...(ktab.description ? { description: ktab.description } : {}),
    sources: [{ id: "ktab", title: `KTAB SMP input ${basename(file)}` }],
    actors: actors.map(({ id, source }) => ({
      id,
      name: source.name,
      ...(source.description ? { description: source.description } : {}),
      capability: source.capability,
    })),
    issues: issues.map((issue) => ({ id: issue.id, name: issue.name, scale: { min: 0, max: 100 } })),
    stances: Object.fromEntries(
      actors.map(({ id, source }) => [
        id,
        Object.fromEntries(issues.map((issue, k) => [issue.id, { position: source.position[k]!, salience: source.salience[k]! }])),
      ]),
    ),
    ...(Object.keys(smp).length > 0 ? { models: { smp } } : {}),
  };
}

/**
 * The EUM reference CSV: one issue in the file's own units (the scale spans the positions);
 * capability as given, salience 0–1 → 0–100.
 */
export function scenarioFromEumCsv(csv: EumCsv, file: string): ScenarioInput {
  const ids = new Set<string>();
  const actors = csv.actors.map((a, i) => ({ id: idFromName(a.name, ids, `actor-${i + 1}`), source: a }));
  const positions = csv.actors.map((a) => a.position);
  let min = Math.min(...positions);
  let max = Math.max(...positions);
  if (min === max) {
    min -= 1;
    max += 1;
  }
  const name = basename(file).replace(/\.[^.]*$/, "");
  return {
    parley: 1,
    id: idFromName(name, new Set(), "eum-case"),
    title: name,
    sources: [{ id: "eum-csv", title: `EUM reference CSV ${basename(file)}` }],
    actors: actors.map(({ id, source }) => ({ id, name: source.name, capability: source.capability })),
    issues: [{ id: "issue", name: "Issue", scale: { min, max } }],
    stances: Object.fromEntries(actors.map(({ id, source }) => [id, { issue: { position: source.position, salience: source.salience * 100 } }])),
  };
}

function basename(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/**
 * A GENIUS-family negotiation: every issue becomes a discrete issue with the domain's values as
 * options; every party an actor with capability 1, its walk-away value, and its additive
 * preferences as value tables and issue weights. Each stance names the party's best option and
 * its issue weight (×100) as salience, so the spatial models have something to read. Weights are
 * normalised to sum to 1 on import (GENIUS files almost always do already).
 */
export function scenarioFromNegotiation(negotiation: ImportedNegotiation, name: string): ScenarioInput {
  const issueIds = new Set<string>();
  const actorIds = new Set<string>();
  const issues = negotiation.space.issues.map((issue, i) => {
    const optionIds = new Set<string>();
    return {
      id: idFromName(issue.name, issueIds, `issue-${i + 1}`),
      name: issue.name,
      options: issue.values.map((v, k) => ({ id: idFromName(String(v), optionIds, `value-${k + 1}`), label: String(v) })),
    };
  });
  const parties = negotiation.parties.map((party, p) => ({ id: idFromName(party, actorIds, `party-${p + 1}`), name: party }));
  const preferences: NonNullable<ScenarioInput["preferences"]> = {};
  const stances: ScenarioInput["stances"] = {};
  negotiation.utilities.forEach((utility, p) => {
    const party = parties[p]!;
    if (utility.kind !== "additive") {
      throw new ImportError("has a non-linear profile, which a Parley scenario cannot express; analyse the files directly with `parley analyze`", negotiation.parties[p]!);
    }
    const total = utility.weights.reduce((a, b) => a + b, 0);
    const weights = utility.weights.map((w) => (total > 0 ? w / total : 0));
    preferences[party.id] = {
      weights: Object.fromEntries(issues.map((issue, i) => [issue.id, weights[i]!])),
      values: Object.fromEntries(issues.map((issue, i) => [issue.id, Object.fromEntries(issue.options.map((o, k) => [o.id, utility.values[i]![k]!]))])),
    };
    stances[party.id] = Object.fromEntries(
      issues.map((issue, i) => {
        const table = utility.values[i]!;
        const best = table.indexOf(Math.max(...table));
        return [issue.id, { position: issue.options[best]!.id, salience: Math.min(100, weights[i]! * 100) }];
      }),
    );
  });
  return {
    parley: 1,
    id: idFromName(name, new Set(), "negotiation"),
    title: name,
    sources: [{ id: "import", title: `Imported from ${negotiation.parties.join(", ")} profiles` }],
    actors: parties.map((party, p) => ({ id: party.id, name: party.name, capability: 1, reservation: negotiation.utilities[p]!.reservation })),
    issues,
    stances,
    preferences,
  };
}
