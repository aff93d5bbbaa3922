/**
 * The browser's stand-in for `src/parallel/pool.ts` (the build aliases one to the other): inside the
 * workbench's analysis worker there are no worker threads to share out, so `parallelMap` runs each
 * input in this thread with the library's own function (`local`), yielding between inputs so that a
 * cancellation and progress get through. Same results, by input index, as the Node pool.
 */
import type * as NodePool from "../../../src/parallel/pool.js";
import type { MapInputs, ParallelMapOptions, ParallelMapResult } from "../../../src/parallel/pool.js";

export type { MapInputs, ParallelMapOptions, ParallelMapResult };

// Typed as the Node pool's exports, so that a change of its signature fails the web's type check
// instead of the workbench at run time (inputs became `MapInputs`, read by `at`, on Dec 2).
export const defaultWorkers: typeof NodePool.defaultWorkers = () => 1;

/** Yield to the worker's event loop at most every this many milliseconds. */
const SLICE_MS = 30;

export const parallelMap: typeof NodePool.parallelMap = async <I, O>(_workerFile: URL, inputs: MapInputs<I>, options: ParallelMapOptions<I, O> = {}): Promise<ParallelMapResult<O>> => {
  const run = options.local;
  if (!run) throw new Error("parallelMap in the browser needs the task's function (`local`)");
  const results: (O | undefined)[] = new Array<O | undefined>(inputs.length).fill(undefined);
  let done = 0;
  let slice = performance.now();
  for (let k = 0; k < inputs.length; k++) {
    if (options.signal?.aborted) break;
    results[k] = await run(inputs.at(k)!);
    done++;
    if (performance.now() - slice > SLICE_MS) {
      options.onProgress?.(done, inputs.length);
      await new Promise((resolve) => setTimeout(resolve, 0));
      slice = performance.now();
    }
  }
  options.onProgress?.(done, inputs.length);
  return { results, completed: done, aborted: done < inputs.length };
};

/** No threads to start ahead in the browser. */
export const startWorkers: typeof NodePool.startWorkers = () => undefined;
