/**
 * Benchmark of the expected utility model: the EC car-emission example (10 actors) and synthetic cases
 * of 10, 25, 50 and 100 actors, 10 rounds each, timed as the median of several repetitions.
 * The runner lives elsewhere; this module only exports `benchEum`.
 */

import { runEum, type EumActor, type EumOptions } from "../src/models/eum/index.js";
import { createRng } from "../src/random.js";
import { medianMs, type BenchResult } from "./timing.js";

/** The EC car-emission case of Bueno de Mesquita (1994), as in the reference code's ExampleActors.csv. */
const EC_EXAMPLE: readonly EumActor[] = [
  ["Netherlands", 0.08, 4, 0.8],
  ["Belgium", 0.08, 7, 0.4],
  ["Luxembourg", 0.03, 4, 0.2],
  ["Germany", 0.16, 4, 0.8],
  ["France", 0.16, 10, 0.6],
  ["Italy", 0.16, 10, 0.6],
  ["UK", 0.16, 10, 0.9],
  ["Ireland", 0.05, 7, 0.1],
  ["Denmark", 0.05, 4, 1.0],
  ["Greece", 0.08, 7, 0.7],
].map(([name, capability, position, salience]) => ({
  name: String(name),
  capability: Number(capability),
  position: Number(position),
  salience: Number(salience),
}));

/** n actors with capability 0.05–1, salience 0.1–1 and positions 0–100 (one decimal, so some coincide). */
export function syntheticActors(count: number, seed: number): EumActor[] {
  const random = createRng(seed);
  return Array.from({ length: count }, (_, index) => ({
    name: `actor-${index + 1}`,
    capability: 0.05 + 0.95 * random(),
    position: Math.round(1000 * random()) / 10,
    salience: 0.1 + 0.9 * random(),
  }));
}

function timeCase(name: string, actors: readonly EumActor[], repetitions: number, options: EumOptions = {}): BenchResult {
  const ms = medianMs(() => runEum({ actors }, { rounds: 10, ...options }), repetitions);
  const summation = options.normaliserSummation ?? "exact-order";
  return { name, ms, detail: `${actors.length} actors × 10 rounds, ${summation} normaliser, median of ${repetitions}` };
}

export async function benchEum(): Promise<BenchResult[]> {
  const results: BenchResult[] = [timeCase("eum: EC example", EC_EXAMPLE, 21)];
  for (const count of [10, 25, 50, 100]) {
    const actors = syntheticActors(count, 20_110 + count);
    const repetitions = count <= 25 ? 15 : count <= 50 ? 9 : 5;
    results.push(timeCase(`eum: synthetic ${count} actors`, actors, repetitions));
  }
  results.push(timeCase("eum: synthetic 100 actors (sorted normaliser)", syntheticActors(100, 20_210), 5, { normaliserSummation: "sorted" }));
  return results;
}
