/** Worker-thread entry for the shared pool (`../parallel/pool.ts`): runs one block of agreement draws. */
import { runDraws, type DrawResult, type DrawTask } from "./forecast.js";

export default function run(task: DrawTask): DrawResult {
  return runDraws(task);
}
