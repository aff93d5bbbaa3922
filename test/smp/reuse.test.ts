/**
 * What SMP keeps from one run to the next in a thread (resolved parameters, position and salience buffers,
 * the workspace) never leaks into the next run: runs of other sizes in between, and a parameter map
 * changed in place, give the numbers of a run on its own.
 */
import { describe, expect, it } from "vitest";
import { runSmp, runSmpModel, type SmpInput } from "../../src/models/smp/index.js";
import type { ModelInput } from "../../src/models/types.js";

/** A small SMP input: `actors` actors on `dims` dimensions, numbers from a simple formula. */
function input(actors: number, dims: number, shift = 0): SmpInput {
  return {
    dimensions: Array.from({ length: dims }, (_, k) => `d${k}`),
    actors: Array.from({ length: actors }, (_, i) => ({
      name: `a${i}`,
      capability: 10 + ((i * 37 + shift) % 90),
      position: Array.from({ length: dims }, (_, k) => (i * 29 + k * 17 + shift) % 101),
      salience: Array.from({ length: dims }, (_, k) => (60 / dims) * (1 + ((i + k) % 3) / 3)),
    })),
  };
}

/** The same as a ModelInput on 0–100 scales. */
function modelInput(smp: SmpInput): ModelInput {
  return {
    actors: smp.actors.map((a) => ({ id: a.name, capability: smp.dimensions.map(() => a.capability) })),
    issues: smp.dimensions.map((id) => ({ id, min: 0, max: 100, reference: undefined })),
    stances: smp.actors.map((a) => a.position.map((position, k) => ({ position, salience: a.salience[k] as number }))),
  };
}

describe("SMP runs in sequence", () => {
  it("give each run's numbers whatever ran before, of any size", () => {
    const small = input(5, 9);
    const other = input(6, 4, 3);
    const large = input(40, 3, 7);
    const alone = [small, other, large].map((x) => JSON.stringify(runSmp(x)));
    const interleaved = [other, small, large, small, other, large, other].map((x) => JSON.stringify(runSmp(x)));
    expect(interleaved).toEqual([alone[1], alone[0], alone[2], alone[0], alone[1], alone[2], alone[1]]);
  });

  it("read a parameter map again when it has changed in place", () => {
    const model = modelInput(input(5, 3, 11));
    const parameters: Record<string, unknown> = { VotingRule: "Prop" };
    const prop = runSmpModel(model, { parameters });
    parameters["VotingRule"] = "Binary";
    const binary = runSmpModel(model, { parameters });
    expect(binary).toEqual(runSmpModel(model, { parameters: { VotingRule: "Binary" } }));
    expect(binary.details?.["parameters"]).not.toEqual(prop.details?.["parameters"]);
    parameters["BargnModel"] = "InitRcvrInterp";
    expect(runSmpModel(model, { parameters })).toEqual(runSmpModel(model, { parameters: { VotingRule: "Binary", BargnModel: "InitRcvrInterp" } }));
    delete parameters["BargnModel"];
    expect(runSmpModel(model, { parameters })).toEqual(binary);
  });
});
