/**
 * Property tests of the chance of agreement over small random scenarios (seeded): a red line can only close
 * outcomes, so adding one never raises the chance of agreement, a deal's chance or the as-written verdict,
 * and removing one never lowers them. Draws are keyed by input ids, so the other numbers of each draw stay
 * the same and the comparison holds draw by draw, hence exactly for the shares.
 */
import { describe, expect, it } from "vitest";
import { agreementForecast, type AgreementReport } from "../../src/agreement/forecast.js";
import { createRng } from "../../src/random.js";
import { scenarioOf } from "./fixtures.js";

type Rng = () => number;

interface Line {
  readonly id: string;
  readonly rule: string;
  readonly credibility: string;
}

const cut = (rng: Rng): number => Math.round(rng() * 5) * 20;

function randomLine(rng: Rng, id: string): Line {
  const rules = [`x <= ${cut(rng)}`, `y >= ${cut(rng)}`, `x <= ${cut(rng)} or y <= ${cut(rng)}`, `x >= ${cut(rng)} and y <= ${cut(rng)}`];
  const credibility = [`1`, `${(0.2 + 0.6 * rng()).toFixed(2)}`, `{value: 0.5, range: [0.2, 0.8]}`][Math.floor(rng() * 3)]!;
  return { id, rule: rules[Math.floor(rng() * rules.length)]!, credibility };
}

/** Two or three actors on two issues (0–100, status quo 0), uncertain positions and saliences, the given red lines. */
function scenarioText(rng: Rng, actors: number, lines: readonly (readonly Line[])[], decision: string): string {
  const ids = ["A", "B", "C"].slice(0, actors);
  const position = () => {
    const p = Math.round(rng() * 100);
    return `{value: ${p}, range: [${Math.max(0, p - 20)}, ${Math.min(100, p + 20)}]}`;
  };
  const salience = () => `{value: ${10 + Math.round(rng() * 80)}, range: [5, 95]}`;
  const actorText = ids.map((id, a) => {
    const red = lines[a]!.map((l) => `{id: ${l.id}, rule: "${l.rule}", credibility: ${l.credibility}}`).join(", ");
    return `  - {id: ${id}, name: ${id}, capability: ${1 + a}${red ? `, redLines: [${red}]` : ""}}`;
  });
  const stances = ids.map((id) => `  ${id}: {x: {position: ${position()}, salience: ${salience()}}, y: {position: ${position()}, salience: ${salience()}}}`);
  return `parley: 2
id: random
title: Random
actors:
${actorText.join("\n")}
issues:
  - {id: x, name: X, scale: {min: 0, max: 100}, reference: 0}
  - {id: y, name: Y, scale: {min: 0, max: 100}, reference: 0}
stances:
${stances.join("\n")}
deals:
  - {id: low, name: Low, values: {x: 20, y: 40}}
  - {id: high, name: High, values: {x: 80, y: 60}}
${decision}
`;
}

const forecast = (text: string): Promise<AgreementReport> => agreementForecast(scenarioOf(text), { step: 20, runs: 60, seed: 9, workers: 1 });

function expectAtMost(tighter: AgreementReport, looser: AgreementReport, what: string): void {
  expect(tighter.probability, what).toBeLessThanOrEqual(looser.probability);
  if (tighter.possible) expect(looser.possible, what).toBe(true);
  if (tighter.acceptable !== undefined && looser.acceptable !== undefined) expect(tighter.acceptable, what).toBeLessThanOrEqual(looser.acceptable);
  tighter.deals.forEach((d, j) => {
    expect(d.probability, `${what}, deal ${d.id}`).toBeLessThanOrEqual(looser.deals[j]!.probability);
    if (d.agreement) expect(looser.deals[j]!.agreement, `${what}, deal ${d.id}`).toBe(true);
  });
}

describe("red lines and the chance of agreement (random scenarios)", () => {
  it("adding a red line never raises the chance; removing one never lowers it; as written too", async () => {
    const rng = createRng(2026);
    let strictlyLower = 0;
    for (let trial = 0; trial < 10; trial++) {
      const actors = 2 + (trial % 2);
      const lines = Array.from({ length: actors }, (_, a) => Array.from({ length: Math.floor(rng() * 2) }, (_, k) => randomLine(rng, `l${a}${k}`)));
      const decision = ["", "decision: {veto: [A]}", "decision: {threshold: 0.6}"][trial % 3]!;
      const stancesSeed = rng();
      // The same stances in every variant: a fresh generator from one seed per trial.
      const text = (withLines: readonly (readonly Line[])[]) => scenarioText(createRng(Math.floor(stancesSeed * 1e9)), actors, withLines, decision);
      const base = await forecast(text(lines));
      // Add one line to a random actor.
      const target = Math.floor(rng() * actors);
      const added = lines.map((l, a) => (a === target ? [...l, randomLine(rng, "extra")] : l));
      const more = await forecast(text(added));
      expectAtMost(more, base, `trial ${trial}: adding a line`);
      if (more.probability < base.probability) strictlyLower++;
      // Remove one line where there is one.
      const holder = lines.findIndex((l) => l.length > 0);
      if (holder >= 0) {
        const removed = lines.map((l, a) => (a === holder ? l.slice(1) : l));
        expectAtMost(base, await forecast(text(removed)), `trial ${trial}: removing a line`);
      }
    }
    // The properties were tested where they bite: some added line did lower the chance.
    expect(strictlyLower).toBeGreaterThan(0);
  }, 120_000);
});
