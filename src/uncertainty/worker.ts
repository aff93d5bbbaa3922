/** Worker-thread entry for the shared pool (`../parallel/pool.ts`): evaluates one block of points. */
import { runPointsTask, type PointsResult, type PointsTask } from "./evaluate.js";

export default function run(task: PointsTask): PointsResult {
  return runPointsTask(task);
}
