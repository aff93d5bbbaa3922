import { describe, expect, it } from "vitest";
import { chunkRanges, defaultChunkSize, parallelMap } from "../../src/parallel/pool.js";

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
    expect(defaultChunkSize(207, 2)).toBe(26);
    expect(defaultChunkSize(3, 8)).toBe(1);
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
    const started = performance.now();
    const result = await parallelMap(worker, Array.from({ length: 2000 }, (_, i) => i), { workers: 1, chunkSize: 2000, local: busy, signal: controller.signal });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(result.aborted).toBe(true);
    expect(result.completed).toBeGreaterThan(0);
    expect(result.results.slice(0, result.completed)).toEqual(Array.from({ length: result.completed }, (_, i) => i));
  });
});
