/** Worker-thread entry for the shared pool (`../parallel/pool.ts`): simulates one block of Monte Carlo samples. */
import { runSimulationBlock, type SimulationBlock, type SimulationTask } from "./monte-carlo.js";

export default function run(task: SimulationTask): SimulationBlock {
  return runSimulationBlock(task);
}
