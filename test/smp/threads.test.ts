/**
 * SMP with helper threads (src/models/smp-threads.ts, src/models/smp/rows.ts): byte-identical results to one
 * thread, with the helper doing part of the rows, and a helper that fails leaves the result unchanged.
 */
import { afterEach, describe, expect, it } from "vitest";
import { syntheticScenario } from "../../bench/smp.bench.js";
import { startSmpHelpers } from "../../src/models/smp-threads.js";
import { runSmp, type SmpInput, type SmpParameters } from "../../src/models/smp/index.js";
import { MIN_THREADED_ACTORS, smpThreadStats, useSmpHelpers, waitForHelpers } from "../../src/models/smp/rows.js";

afterEach(() => useSmpHelpers(null));

function runBoth(actors: number, dims: number, seed: number, parameters: Partial<SmpParameters>, maxTurns: number, input: SmpInput = syntheticScenario(actors, dims, seed)) {
  useSmpHelpers(null);
  const single = JSON.stringify(runSmp(input, parameters, { maxTurns, seed: 3 }));
  let started = 0;
  useSmpHelpers((setup) => {
    started++;
    const helpers = startSmpHelpers(setup, 1);
    // The helper loads the TypeScript sources through tsx here, which takes seconds: let it join first.
    expect(waitForHelpers(setup, 1, 120_000)).toBe(true);
    return helpers;
  });
  const threaded = JSON.stringify(runSmp(input, parameters, { maxTurns, seed: 3 }));
  return { single, threaded, started };
}

describe("SMP rows shared with a helper thread", () => {
  it.each([
    [MIN_THREADED_ACTORS + 20, 1, 41, {}],
    [MIN_THREADED_ACTORS + 5, 2, 42, { BargnModel: "PWCompInterp", BigRAdjust: "Full" }],
    [MIN_THREADED_ACTORS, 1, 43, { StateTransitions: "Stochastic", VotingRule: "Cubic" }],
  ] as const)("%i actors × %i dims: the same JSON as one thread", (actors, dims, seed, parameters) => {
    const { single, threaded, started } = runBoth(actors, dims, seed, parameters, 8);
    expect(started).toBe(1);
    expect(threaded).toBe(single);
    const stats = smpThreadStats();
    expect(stats.jobs).toBeGreaterThan(0);
    expect(stats.helperChunks).toBeGreaterThan(0);
    expect(stats.helperChunks).toBeLessThan(stats.chunks);
  });

  it.each([
    [{ BargnModel: "InitRcvrInterp", PCEModel: "MarkovUniform" }],
    [{ StateTransitions: "Stochastic", BargnModel: "InitRcvrInterp", VictoryProbModel: "Square" }],
  ] as const)("bargain queues resolved by rows (%o): the same JSON as one thread", (parameters) => {
    // Two bargains an actor (the most the shared queue buffers hold), queues of every length.
    const { single, threaded } = runBoth(MIN_THREADED_ACTORS + 30, 1, 47, parameters, 6);
    expect(threaded).toBe(single);
    const stats = smpThreadStats();
    expect(stats.queues).toBeGreaterThan(stats.longQueues);
    expect(stats.longQueues).toBeGreaterThan(0);
  });

  it("actors sharing positions (their coalitions summed once): the same JSON as one thread", () => {
    const input = syntheticScenario(MIN_THREADED_ACTORS + 11, 2, 46);
    // Every third actor takes the position of the one before it, so the risk election has equal options.
    const shared = { ...input, actors: input.actors.map((actor, i) => (i % 3 === 2 ? { ...actor, position: [...input.actors[i - 1]!.position] } : actor)) };
    for (const parameters of [{}, { PCEModel: "MarkovIncentive" }] as const) {
      const { single, threaded } = runBoth(0, 0, 0, parameters, 5, shared);
      expect(threaded).toBe(single);
      expect(smpThreadStats().mergedOptions).toBeGreaterThanOrEqual(Math.floor(shared.actors.length / 3));
    }
  });

  it("stays in one thread below the threshold", () => {
    const { single, threaded, started } = runBoth(MIN_THREADED_ACTORS - 1, 1, 44, {}, 3);
    expect(started).toBe(0);
    expect(threaded).toBe(single);
  });

  it("a helper that fails: the run redoes the job itself, same result", () => {
    const input = syntheticScenario(MIN_THREADED_ACTORS + 10, 1, 45);
    useSmpHelpers(null);
    const single = JSON.stringify(runSmp(input, {}, { maxTurns: 4 }));
    let stopped = 0;
    useSmpHelpers((setup) => {
      new Int32Array(setup.control)[8] = 1; // CONTROL_FAILED, as a helper's catch sets it
      return { stop: () => void stopped++ };
    });
    expect(JSON.stringify(runSmp(input, {}, { maxTurns: 4 }))).toBe(single);
    expect(stopped).toBeGreaterThan(0);
    expect(smpThreadStats().helperChunks).toBe(0);
  });
});
