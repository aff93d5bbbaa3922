/** runSmp and the ForecastModel adapter: reproducibility, validation, degenerate cases, mapping. */
import { describe, expect, it } from "vitest";
import { resolveSmpParameters, runSmp, smpModel, toSmpInput, type SmpInput } from "../../src/models/smp/index.js";
import { ModelError, type ModelInput } from "../../src/models/types.js";
import { createRng } from "../../src/random.js";

/** KTAB's dummyData_3Dim inputs (7 actors × 3 dims). */
const DUMMY: SmpInput = {
  dimensions: ["Pstn1", "Pstn2", "Pstn3"],
  actors: [
    [102.543, 75.79, 49.53, 6.37, 5.91, 70.45, 28.15],
    [53.393, 82.72, 30.33, 73.5, 21.22, 64.0, 24.79],
    [129.643, 82.45, 48.47, 90.89, 13.55, 0.07, 34.62],
    [75.92, 62.52, 20.76, 50.82, 39.24, 62.33, 22.21],
    [63.224, 82.34, 40.96, 45.77, 25.43, 73.31, 22.59],
    [120.048, 84.48, 22.92, 33.7, 39.35, 88.11, 15.42],
    [54.178, 70.96, 31.75, 33.46, 27.93, 90.36, 26.03],
  ].map(([c, p1, s1, p2, s2, p3, s3], i) => ({
    name: `SActor-0${i}`,
    capability: c as number,
    position: [p1, p2, p3] as number[],
    salience: [s1, s2, s3] as number[],
  })),
};

interface MutableActor {
  name: string;
  capability: number;
  position: number[];
  salience: number[];
}

/** DUMMY with every actor passed through `change`. */
function withActors(change: (actor: MutableActor, index: number) => void): SmpInput {
  const actors = DUMMY.actors.map((a, i) => {
    const copy: MutableActor = { ...a, position: [...a.position], salience: [...a.salience] };
    change(copy, i);
    return copy;
  });
  return { ...DUMMY, actors };
}

/** DUMMY with one actor patched. */
function withActor(index: number, patch: Partial<MutableActor>): SmpInput {
  return withActors((actor, i) => {
    if (i === index) Object.assign(actor, patch);
  });
}

describe("seeded generator", () => {
  it("is reproducible and uniform-looking on [0,1)", () => {
    const a = createRng(7);
    const b = createRng(7);
    const xs = Array.from({ length: 10000 }, () => a());
    expect(xs.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b()));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.reduce((s, x) => s + x, 0) / xs.length).toBeCloseTo(0.5, 1);
    expect(createRng(8)()).not.toBe(createRng(7)());
  });
});

describe("runSmp", () => {
  it("starts from the input and uses the defaults", () => {
    const result = runSmp(DUMMY);
    expect(result.turns[0]?.positions).toEqual(DUMMY.actors.map((a) => a.position));
    expect(result.parameters).toEqual(resolveSmpParameters());
    expect(result.consensus).toBe(false);
    expect(result.stopReason).toBe("converged");
  });

  it("stochastic runs depend only on the seed", () => {
    const params = { StateTransitions: "Stochastic" } as const;
    const first = runSmp(DUMMY, params, { seed: 42 });
    const again = runSmp(DUMMY, params, { seed: 42 });
    expect(again.turns).toEqual(first.turns);
    const others = [1, 2, 3, 4, 5].map((seed) => runSmp(DUMMY, params, { seed }).turns);
    expect(others.some((turns) => JSON.stringify(turns) !== JSON.stringify(first.turns))).toBe(true);
  });

  it("honours maxTurns, and says when it stopped there", () => {
    const capped = runSmp(DUMMY, {}, { maxTurns: 3 });
    expect(capped.turns).toHaveLength(4);
    expect(capped.stopReason).toBe("turn-limit");
    expect(runSmp(DUMMY, {}, { maxTurns: 0 }).turns).toHaveLength(1);
    expect(runSmp(DUMMY, {}, { maxTurns: 0 }).stopReason).toBe("turn-limit");
    const converged = runSmp(DUMMY).turns.length - 1;
    expect(runSmp(DUMMY, {}, { maxTurns: converged }).stopReason).toBe("converged");
    expect(runSmp(DUMMY, {}, { maxTurns: converged - 1 }).stopReason).toBe("turn-limit");
  });

  it.each([
    ["all parameter variants run", { VotingRule: "ASymProsp", BigRRange: "Max", BigRAdjust: "Full", BargnModel: "InitRcvrInterp" }],
    ["PWCompInterp with S2PMax", { BargnModel: "PWCompInterp", InterVecBrgn: "S2PMax", VictoryProbModel: "Square" }],
    ["Binary voting and victory", { VotingRule: "Binary", VictoryProbModel: "Binary", PCEModel: "MarkovUniform" }],
    ["Cubic / Octic / NoCommit", { VotingRule: "Cubic", VictoryProbModel: "Octic", ThirdPartyCommit: "NoCommit", BigRRange: "Min" }],
  ] as const)("%s without NaN", (_, params) => {
    const result = runSmp(DUMMY, params);
    for (const turn of result.turns) {
      expect(turn.probabilities.every(Number.isFinite)).toBe(true);
      expect(turn.positions.flat().every((x) => Number.isFinite(x) && x >= 0 && x <= 100)).toBe(true);
    }
  });

  it("refuses degenerate and invalid inputs with messages an analyst understands", () => {
    const same = withActors((actor) => (actor.position = [50, 50, 50]));
    expect(() => runSmp(same)).toThrow(/equally likely/);
    expect(() => runSmp({ ...DUMMY, actors: DUMMY.actors.slice(0, 2) })).toThrow(/between 3 and 250 actors/);
    expect(() => runSmp(withActor(0, { capability: 0 }))).toThrow(/capability greater than 0/);
    expect(() => runSmp(withActor(1, { salience: [60, 30, 20] }))).toThrow(/summing to 110/);
    expect(() => runSmp(withActor(1, { salience: [0, 0, 0] }))).toThrow(/salience 0 on every/);
    expect(() => runSmp(withActor(2, { position: [101, 0, 0] }))).toThrow(/0–100/);
    expect(() => runSmp(withActor(2, { position: [1, 2] }))).toThrow(/3 dimensions/);
    expect(() => runSmp(DUMMY, {}, { maxTurns: -1 })).toThrow(ModelError);
  });

  it("validates parameter names and values", () => {
    expect(() => resolveSmpParameters({ VotingRule: "Majority" })).toThrow(/allowed values: Binary, PropBin, Prop/);
    expect(() => resolveSmpParameters({ Voting: "Prop" })).toThrow(/allowed parameters: VictoryProbModel/);
    expect(resolveSmpParameters({ VotingRule: "Proportional", BigRAdjust: "No" })).toMatchObject({
      VotingRule: "Prop",
      BigRAdjust: "None",
    });
  });

  it("runs near-identical (but distinct) positions without NaN", () => {
    const near = withActors((actor, i) => (actor.position = [50 + i * 0.01, 50, 50]));
    const result = runSmp(near);
    const last = result.turns[result.turns.length - 1];
    expect(last?.probabilities.every((p) => Number.isFinite(p))).toBe(true);
  });
});

describe("smpModel adapter", () => {
  const input: ModelInput = {
    actors: [
      { id: "A", capability: [100, 50] },
      { id: "B", capability: [60, 60] },
      { id: "C", capability: [30, 90] },
      { id: "D", capability: [40, 40] },
    ],
    issues: [
      { id: "tax", min: 0, max: 10, reference: undefined },
      { id: "year", min: 2020, max: 2030, reference: 2025 },
    ],
    stances: [
      [{ position: 2, salience: 80 }, { position: 2022, salience: 70 }],
      [{ position: 8, salience: 40 }, { position: 2028, salience: 40 }],
      [{ position: 5, salience: 60 }, null],
      [{ position: 9, salience: 30 }, { position: 2021, salience: 50 }],
    ],
  };

  it("rescales positions, caps salience sums at 100 and averages capabilities", () => {
    const smp = toSmpInput(input);
    expect(smp.dimensions).toEqual(["tax", "year"]);
    expect(smp.actors[0]?.position).toEqual([20, 20]);
    expect(smp.actors[0]?.salience[0]).toBeCloseTo((80 * 100) / 150, 12);
    expect(smp.actors[0]?.capability).toBe(75);
    expect(smp.actors[2]).toMatchObject({ position: [50, 50], salience: [60, 0] });
  });

  it("reports rounds on the issue scales, null where there is no stance", () => {
    const output = smpModel.run(input);
    expect(smpModel).toMatchObject({ id: "smp", iterative: true });
    expect(output.rounds?.[0]?.positions[0]).toEqual([2, 2022]);
    expect(output.rounds?.[0]?.positions[2]?.[1]).toBeNull();
    expect(output.forecasts).toHaveLength(2);
    expect(output.forecasts[0]).toBeGreaterThanOrEqual(0);
    expect(output.forecasts[0]).toBeLessThanOrEqual(10);
    expect(output.forecasts[1]).toBeGreaterThanOrEqual(2020);
    expect(output.details).toMatchObject({ turns: (output.rounds?.length ?? 0) - 1, stopReason: "converged" });
  });

  it("validates options.parameters and uses options.seed", () => {
    expect(() => smpModel.run(input, { parameters: { PCEModel: "Markov" } })).toThrow(ModelError);
    const stochastic = { parameters: { StateTransitions: "Stochastic" }, seed: 3 };
    expect(smpModel.run(input, stochastic)).toEqual(smpModel.run(input, stochastic));
  });

  it("rejects positions outside the issue scale", () => {
    const bad: ModelInput = { ...input, stances: [[{ position: 12, salience: 50 }, null], ...input.stances.slice(1)] };
    expect(() => smpModel.run(bad)).toThrow(/outside its scale/);
  });
});

describe("final-turn-only runs", () => {
  it("record: final keeps exactly the last turn of a full run", () => {
    const full = runSmp(DUMMY);
    const final = runSmp(DUMMY, {}, { record: "final" });
    expect(final.turns).toHaveLength(1);
    expect(final.turns[0]).toEqual(full.turns[full.turns.length - 1]);
  });

  it("forecastOnly gives the same forecasts without rounds", () => {
    const input: ModelInput = {
      actors: DUMMY.actors.map((a) => ({ id: a.name, capability: [a.capability, a.capability, a.capability] })),
      issues: DUMMY.dimensions.map((id) => ({ id, min: 0, max: 100, reference: undefined })),
      stances: DUMMY.actors.map((a) => a.position.map((position, k) => ({ position, salience: a.salience[k]! }))),
    };
    const full = smpModel.run(input);
    const fast = smpModel.run(input, { forecastOnly: true });
    expect(fast.forecasts).toEqual(full.forecasts);
    expect(fast.rounds).toBeUndefined();
  });
});

describe("actors who care about nothing", () => {
  const input = (withIndifferent: boolean): ModelInput => {
    const actors = [
      { id: "A", x: 10, s: 80, c: 50 },
      { id: "B", x: 60, s: 50, c: 30 },
      { id: "C", x: 90, s: 70, c: 40 },
      ...(withIndifferent ? [{ id: "Z", x: 40, s: 0, c: 100 }] : []),
    ];
    return {
      actors: actors.map((a) => ({ id: a.id, capability: [a.c] })),
      issues: [{ id: "x", min: 0, max: 100, reference: undefined }],
      stances: actors.map((a) => [{ position: a.x, salience: a.s }]),
    };
  };

  it("sit out the run at their position with probability 0, leaving the others' run unchanged", () => {
    const without = smpModel.run(input(false));
    const withZ = smpModel.run(input(true));
    expect(withZ.forecasts).toEqual(without.forecasts);
    for (const round of withZ.rounds!) {
      expect(round.positions[3]).toEqual([40]);
      expect(round.probabilities![3]).toBe(0);
    }
    expect(withZ.rounds!.map((r) => r.positions.slice(0, 3))).toEqual(without.rounds!.map((r) => r.positions));
  });
});
