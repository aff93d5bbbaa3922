import { describe, expect, it } from "vitest";
import { chunkRanges, defaultChunkSize, MAX_CHUNK_INPUTS, parallelMap } from "../../src/parallel/pool.js";
import type { CountingInput } from "./fixtures/counting-worker.js";

const worker = new URL("./fixtures/square-worker.ts", import.meta.url);
const inputs = Array.from({ length: 100 }, (_, i) => i);

describe("chunking", () => {
  it("covers every index once, in order", () => {
    expect(chunkRanges(10, 4)).toEqual([
      [0, 4],
      [4, 8],
      [8, 10],
    ]);
    expect(chunkRanges(0, 4)).toEqual([]);
    expect(defaultChunkSize(40, 2)).toBe(5);
    expect(defaultChunkSize(3, 8)).toBe(1);
    // Long maps get many small chunks, so that progress (reported per chunk) keeps moving.
    expect(defaultChunkSize(207, 2)).toBe(MAX_CHUNK_INPUTS);
    expect(defaultChunkSize(1_000_000, 2)).toBe(MAX_CHUNK_INPUTS);
  });
});

describe("parallelMap", () => {
  it("gives the same results in order with 1 and 2 workers", async () => {
    const progress: number[] = [];
    const one = await parallelMap<number, number>(worker, inputs, { workers: 1 });
    const two = await parallelMap<number, number>(worker, inputs, { workers: 2, minParallelInputs: 1, onProgress: (done) => progress.push(done) });
    expect(one).toEqual({ results: inputs.map((i) => i * i), completed: 100, aborted: false });
    expect(two).toEqual(one);
    expect(progress.at(-1)).toBe(100);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it("stops on an abort and keeps the chunks done", async () => {
    const controller = new AbortController();
    const result = await parallelMap<number, number>(worker, inputs, {
      workers: 1,
      chunkSize: 10,
      signal: controller.signal,
      onProgress: (done) => {
        if (done >= 30) controller.abort();
      },
    });
    expect(result.aborted).toBe(true);
    expect(result.completed).toBe(30);
    expect(result.results.slice(0, 30)).toEqual(inputs.slice(0, 30).map((i) => i * i));
    expect(result.results.slice(30).every((r) => r === undefined)).toBe(true);
  });

  it("stops the pool on an abort: queued chunks are dropped, finished ones kept", async () => {
    const controller = new AbortController();
    const result = await parallelMap<number, number>(worker, inputs, {
      workers: 2,
      chunkSize: 1,
      minParallelInputs: 1,
      signal: controller.signal,
      onProgress: (done) => {
        if (done >= 10) controller.abort();
      },
    });
    expect(result.aborted).toBe(true);
    expect(result.completed).toBeGreaterThanOrEqual(10);
    expect(result.completed).toBeLessThan(100);
    expect(result.results.filter((r) => r !== undefined)).toHaveLength(result.completed);
    result.results.forEach((r, i) => r === undefined || expect(r).toBe(i * i));
  });

  it("rejects with the worker's error, in process and on the pool", async () => {
    const bad = [...inputs.slice(0, 50), -1, ...inputs.slice(50)];
    await expect(parallelMap(worker, bad, { workers: 1 })).rejects.toThrow("negative input -1");
    await expect(parallelMap(worker, bad, { workers: 2, minParallelInputs: 1 })).rejects.toThrow("negative input -1");
  });

  it("handles no inputs", async () => {
    expect(await parallelMap(worker, [], { workers: 2 })).toEqual({ results: [], completed: 0, aborted: false });
  });
});

describe("where the work runs", () => {
  const threadWorker = new URL("./fixtures/thread-worker.ts", import.meta.url);
  it("uses worker threads with several workers and many inputs, this thread otherwise", async () => {
    const pooled = await parallelMap<number, { main: boolean }>(threadWorker, inputs, { workers: 2 });
    expect(pooled.results.every((r) => r?.main === false)).toBe(true);
    const few = await parallelMap<number, { main: boolean }>(threadWorker, inputs.slice(0, 5), { workers: 2 });
    expect(few.results.every((r) => r?.main === true)).toBe(true);
  });
});

describe("Ctrl-C in this thread", () => {
  it("an abort stops a one-thread map within its chunk, keeping the inputs done (a chunk can take minutes)", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const busy = (x: number): number => {
      const until = performance.now() + 5;
      while (performance.now() < until);
      return x;
    };
    const result = await parallelMap(worker, Array.from({ length: 2000 }, (_, i) => i), { workers: 1, chunkSize: 2000, local: busy, signal: controller.signal });
    expect(result.aborted).toBe(true);
    expect(result.completed).toBeGreaterThan(0);
    expect(result.completed).toBeLessThan(2000);
    expect(result.results.slice(0, result.completed)).toEqual(Array.from({ length: result.completed }, (_, i) => i));
  });
});

describe("Ctrl-C on worker threads", () => {
  const counting = new URL("./fixtures/counting-worker.ts", import.meta.url);
  const countingInputs = (length: number, ms: (index: number) => number) => {
    const counter = new Int32Array(new SharedArrayBuffer(4));
    return { counter, inputs: Array.from({ length }, (_, index): CountingInput => ({ index, ms: ms(index), counter })) };
  };
  /** Resolves once the threads have finished `count` inputs between them. */
  const finished = async (counter: Int32Array, count: number): Promise<void> => {
    while (Atomics.load(counter, 0) < count) await new Promise((resolve) => setTimeout(resolve, 5));
  };

  it("an abort stops every thread after its current input and keeps the inputs of unfinished chunks", async () => {
    // One chunk per thread, as long as the whole map: before this change an abort kept nothing.
    const { counter, inputs } = countingInputs(400, () => 10);
    const controller = new AbortController();
    const mapping = parallelMap<CountingInput, number>(counting, inputs, { workers: 2, chunkSize: 200, minParallelInputs: 1, signal: controller.signal });
    await finished(counter, 6);
    controller.abort();
    const result = await mapping;
    expect(result.aborted).toBe(true);
    expect(result.completed).toBeGreaterThanOrEqual(6);
    expect(result.completed).toBeLessThan(400);
    expect(result.results.filter((r) => r !== undefined)).toHaveLength(result.completed);
    result.results.forEach((r, i) => r === undefined || expect(r).toBe(i));
    // Each thread's inputs are kept from the start of its chunk, without gaps.
    for (const start of [0, 200]) {
      const kept = result.results.slice(start, start + 200);
      const done = kept.filter((r) => r !== undefined).length;
      expect(kept.slice(0, done).every((r) => r !== undefined)).toBe(true);
    }
  });

  it("an input that never ends does not hold up an abort: its thread is given up, the others' inputs kept", async () => {
    const { counter, inputs } = countingInputs(40, (index) => (index === 20 ? Number.POSITIVE_INFINITY : 1));
    const controller = new AbortController();
    const mapping = parallelMap<CountingInput, number>(counting, inputs, { workers: 2, chunkSize: 20, minParallelInputs: 1, signal: controller.signal });
    await finished(counter, 20);
    controller.abort();
    const result = await mapping;
    expect(result.aborted).toBe(true);
    expect(result.results.slice(0, 20)).toEqual(inputs.slice(0, 20).map((i) => i.index));
    expect(result.results.slice(20).every((r) => r === undefined)).toBe(true);
  });
});
