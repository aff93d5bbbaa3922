/**
 * A small, generic, deterministic parallel map over worker threads (piscina).
 *
 * `parallelMap(workerFile, inputs)` applies the default export of the module at `workerFile` — a
 * function `(input: I) => O | Promise<O>` that must be pure and importable on its own — to every
 * input and returns the outputs by input index, so the result is identical whatever the number of
 * workers. Inputs are sent in chunks (about four per worker) to keep message overhead low; inputs and
 * outputs cross threads by structured clone (plain data only: no classes, functions or symbols).
 *
 * The worker module runs from compiled `dist/` in production and from the TypeScript sources under
 * vitest/tsx (`threads.ts`). With one worker or few inputs the map runs in this thread, without a pool.
 * Otherwise this thread counts as one of the workers: it maps chunks with `local` beside `workers − 1`
 * pool threads (each thread, this one included, takes the next chunk when done), so the second core
 * costs one thread's start-up, not two, and this thread does not sit idle waiting.
 *
 * This module is also the pool's worker entry: in a worker thread piscina calls its default export
 * with one chunk, which imports the worker module and maps the chunk. Each thread starts importing the
 * worker module as soon as it starts, and `startWorkers` starts the threads ahead of the map (while the
 * caller still reads its input), so the threads' start-up overlaps the main thread's.
 *
 * This is the pool of one computation split into many pieces (the CLI's `--runs`, a backtest, a
 * tournament), not the server's: `src/compute/pool.ts` runs many independent requests, each whole in
 * one thread, with a queue, time and memory limits, and cancellation of one job by terminating its
 * thread. Here a map owns its threads for its duration, results are assembled in input order for
 * reproducibility, and an abort stops the map within one input (on a thread too: each chunk checks a
 * shared stop flag between its inputs and returns those done), keeping every input done (a partial result).
 */
import { availableParallelism } from "node:os";
import { isMainThread, workerData } from "node:worker_threads";
import type { Piscina } from "piscina";
import { reviveError, serializeError, type SerializedError } from "./errors.js";
import { importModule, tsxExecArgv } from "./threads.js";

export interface ParallelMapOptions<I = never, O = unknown> {
  /**
   * The worker module's function, already loaded in this thread: used when the map runs here, instead
   * of importing `workerFile` (in a bundled build that file is a second copy of the code).
   */
  readonly local?: (input: I) => O | Promise<O>;
  /**
   * Threads mapping at once, this one included when `local` is given; default: the machine's available
   * parallelism. 1 runs in this thread.
   */
  readonly workers?: number;
  /** Called after each chunk with the inputs done so far and the total. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Stops scheduling chunks; chunks already done keep their results. */
  readonly signal?: AbortSignal;
  /** Below this many inputs the map runs in this thread (starting workers costs more). Default 32. */
  readonly minParallelInputs?: number;
  /** Inputs per chunk; default: about four chunks per worker, at most MAX_CHUNK_INPUTS. */
  readonly chunkSize?: number;
}

export interface ParallelMapResult<O> {
  /** Output per input index; undefined for inputs not processed (after an abort). */
  readonly results: (O | undefined)[];
  /** Number of inputs processed. */
  readonly completed: number;
  /** True when the signal stopped the map before every input was processed. */
  readonly aborted: boolean;
}

/**
 * The inputs of a map: an array, or anything with a length and inputs by index (`at`), made on demand
 * (a run of ten million samples is a million blocks that need not all exist before the first starts).
 */
export interface MapInputs<I> {
  readonly length: number;
  at(index: number): I | undefined;
}

/** The inputs from `start` to `end` (exclusive), as an array to send. */
function sliceInputs<I>(inputs: MapInputs<I>, start: number, end: number): I[] {
  return Array.from({ length: end - start }, (_, k) => inputs.at(start + k)!);
}

/** What the pool sends a worker thread: the module to apply, a slice of the inputs and the map's stop flag. */
interface Chunk<I> {
  readonly module: string;
  readonly inputs: readonly I[];
  /** Shared with the main thread, which sets element 0 to stop the map: the chunk then returns the outputs it has. */
  readonly stop: Int32Array;
}

/** The number of chunks aimed at per worker: enough to balance uneven inputs, few enough to keep messaging cheap. */
const CHUNKS_PER_WORKER = 4;

/** Chunks handed to a pool thread at once: the one it maps and the next, waiting in its port. */
const CHUNKS_IN_FLIGHT = 2;

/**
 * The most inputs in a default chunk: progress is reported per chunk, so a long map (ten million samples
 * are a million inputs) still reports every second or so instead of every hour.
 */
export const MAX_CHUNK_INPUTS = 16;

/**
 * After an abort, how long the map waits for the chunks running on threads to return the inputs they
 * finished (each stops after its current input); a chunk still running then is given up.
 */
const ABORT_GRACE_MS = 500;

/** Default worker count: every core this process may use. */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

/** Splits `count` indices into consecutive [start, end) ranges of at most `size`. */
export function chunkRanges(count: number, size: number): [number, number][] {
  const step = Math.max(1, Math.floor(size));
  const ranges: [number, number][] = [];
  for (let start = 0; start < count; start += step) ranges.push([start, Math.min(count, start + step)]);
  return ranges;
}

/** The chunk size for a map: about CHUNKS_PER_WORKER chunks per worker, at most MAX_CHUNK_INPUTS inputs. */
export function defaultChunkSize(count: number, workers: number): number {
  return Math.max(1, Math.min(MAX_CHUNK_INPUTS, Math.ceil(count / (Math.max(1, workers) * CHUNKS_PER_WORKER))));
}

type WorkerFunction<I, O> = (input: I) => O | Promise<O>;

/** Imports a worker module and returns its default export, checking that it is a function. */
async function loadWorkerFunction<I, O>(module: string): Promise<WorkerFunction<I, O>> {
  const loaded = (await importModule(module)) as { default?: unknown };
  if (typeof loaded.default !== "function") throw new TypeError(`worker module ${module} has no default export function`);
  return loaded.default as WorkerFunction<I, O>;
}

/** Worker functions by module URL, each loaded once per thread. */
const workerFunctions = new Map<string, Promise<WorkerFunction<unknown, unknown>>>();

function workerFunction<I, O>(module: string): Promise<WorkerFunction<I, O>> {
  let loading = workerFunctions.get(module);
  if (!loading) {
    loading = loadWorkerFunction<unknown, unknown>(module);
    workerFunctions.set(module, loading);
  }
  return loading as Promise<WorkerFunction<I, O>>;
}

/** What a pool thread is told at start: the worker module to import before the first chunk comes. */
interface PoolThreadData {
  readonly preload: string;
}

const isPoolThreadData = (data: unknown): data is PoolThreadData => typeof (data as Partial<PoolThreadData> | null)?.preload === "string";

// In a pool thread: import the worker module now; a failure resurfaces with the first chunk.
if (!isMainThread && isPoolThreadData(workerData)) workerFunction(workerData.preload).catch(() => undefined);

/**
 * What a chunk sends back: its outputs, or the error that stopped it as data (an Error crossing threads
 * would lose its class and fields: `./errors.ts`), which the main thread rebuilds and rethrows.
 */
type ChunkReply<O> = { readonly outputs: O[] } | { readonly error: SerializedError };

/** Worker-thread entry (piscina calls it): maps one chunk with the worker module, up to the map's stop. */
export default async function runChunk<I, O>(chunk: Chunk<I>): Promise<ChunkReply<O>> {
  try {
    const apply = await workerFunction<I, O>(chunk.module);
    const outputs: O[] = [];
    for (const input of chunk.inputs) {
      if (Atomics.load(chunk.stop, 0) !== 0) break;
      outputs.push(await apply(input));
    }
    return { outputs };
  } catch (error) {
    return { error: serializeError(error) };
  }
}

/**
 * Applies the default export of `workerFile` to every input, on worker threads when worthwhile.
 * Results are assembled by input index. Rejects with the first error a worker throws, of its own class (after
 * stopping the pool); an abort is not an error: it resolves with `aborted: true`.
 */
export async function parallelMap<I, O>(workerFile: URL, inputs: MapInputs<I>, options: ParallelMapOptions<I, O> = {}): Promise<ParallelMapResult<O>> {
  const total = inputs.length;
  const workers = Math.max(1, Math.floor(options.workers ?? defaultWorkers()));
  const results: (O | undefined)[] = new Array<O | undefined>(total).fill(undefined);
  const ranges = chunkRanges(total, options.chunkSize ?? defaultChunkSize(total, workers));
  const threads = threadCount(total, workers, ranges.length, options);
  const done = threads === 1 ? await mapInProcess(workerFile, inputs, ranges, results, options) : await mapOnPool(workerFile, inputs, ranges, results, threads, options);
  return { results, completed: done, aborted: done < total };
}

/** Pool threads a map on `threads` threads starts: one fewer when this thread maps too (it has the function: `local`). */
function poolThreadCount(threads: number, options: { readonly local?: unknown }): number {
  return options.local ? threads - 1 : threads;
}

/** Threads a map of `total` inputs in `chunks` chunks uses; 1: in this thread. */
function threadCount(total: number, workers: number, chunks: number, options: Pick<ParallelMapOptions, "minParallelInputs">): number {
  if (workers === 1 || total < (options.minParallelInputs ?? 32)) return 1;
  return Math.min(workers, chunks);
}

/** Threads started ahead of a map, waiting for it. */
interface WarmPool {
  readonly module: string;
  readonly threads: number;
  readonly pool: Promise<Piscina>;
}

let warmPool: WarmPool | undefined;

/**
 * Starts the threads that `parallelMap(workerFile, inputs, options)` with `count` inputs will use, now,
 * so that their start-up overlaps what the caller does meanwhile (reading and checking its input). The
 * next map on `workerFile` with as many threads takes them; a map that needs other threads stops them.
 * Idle threads do not keep the process alive. Does nothing when the map would run in this thread.
 * It starts one thread fewer than `workers`, for a map that passes `local` and so maps in this thread too.
 */
export function startWorkers(workerFile: URL, count: number, options: Pick<ParallelMapOptions, "workers" | "chunkSize" | "minParallelInputs"> = {}): void {
  const workers = Math.max(1, Math.floor(options.workers ?? defaultWorkers()));
  const chunks = chunkRanges(count, options.chunkSize ?? defaultChunkSize(count, workers)).length;
  const threads = threadCount(count, workers, chunks, options);
  if (threads === 1 || warmPool) return;
  // The map is taken to map in this thread too (it passes `local`, as every map in Parley does).
  const poolThreads = poolThreadCount(threads, { local: true });
  warmPool = { module: workerFile.href, threads: poolThreads, pool: createPool(workerFile, poolThreads) };
}

/** The warm pool if it fits, else a new one (stopping a warm pool that does not fit). */
async function takePool(workerFile: URL, threads: number): Promise<Piscina> {
  const warm = warmPool;
  warmPool = undefined;
  if (warm && warm.module === workerFile.href && warm.threads === threads) return warm.pool;
  if (warm) await (await warm.pool).destroy();
  return createPool(workerFile, threads);
}

async function createPool(workerFile: URL, threads: number): Promise<Piscina> {
  // Loaded here, not at the top: most commands that can fan out end up running in this thread.
  const { Piscina: Pool } = await import("piscina");
  const data: PoolThreadData = { preload: workerFile.href };
  return new Pool({
    filename: import.meta.url,
    minThreads: threads,
    maxThreads: threads,
    // A thread's next chunk waits in its port while it maps the current one (see `mapOnPool`).
    concurrentTasksPerWorker: CHUNKS_IN_FLIGHT,
    workerData: data,
    ...tsxExecArgv(import.meta.url, workerFile.href),
  });
}

/** Longest a map in this thread runs without letting signals and timers in, in milliseconds. */
const BREATHE_MS = 50;

/**
 * Longest this thread maps beside pool threads before it looks at their replies, in milliseconds: yielding
 * after every input (a few microseconds each, thousands of times) cost more than a pool thread waiting this long.
 */
const HAND_OFF_MS = 1;

async function mapInProcess<I, O>(
  workerFile: URL,
  inputs: MapInputs<I>,
  ranges: readonly [number, number][],
  results: (O | undefined)[],
  options: ParallelMapOptions<I, O>,
): Promise<number> {
  const apply = options.local ?? (await loadWorkerFunction<I, O>(workerFile.href));
  const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));
  let done = 0;
  let breathed = performance.now();
  for (const [start, end] of ranges) {
    if (options.signal?.aborted) break;
    for (let i = start; i < end; i++) {
      results[i] = await apply(inputs.at(i)!);
      // A chunk can take minutes in one thread: let Ctrl-C (the signal) in every BREATHE_MS within it too.
      if (performance.now() - breathed < BREATHE_MS) continue;
      await breathe();
      breathed = performance.now();
      if (options.signal?.aborted) return i + 1;
    }
    done += end - start;
    options.onProgress?.(done, inputs.length);
    // Let timers, signals and the progress bar run between chunks.
    await breathe();
    breathed = performance.now();
  }
  return done;
}

async function mapOnPool<I, O>(
  workerFile: URL,
  inputs: MapInputs<I>,
  ranges: readonly [number, number][],
  results: (O | undefined)[],
  threads: number,
  options: ParallelMapOptions<I, O>,
): Promise<number> {
  const pool = (await takePool(workerFile, poolThreadCount(threads, options))) as Piscina<Chunk<I>, ChunkReply<O>>;
  const stop = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  let done = 0;
  let next = 0;
  let failure: { error: unknown } | undefined;
  /** Set once the map has stopped waiting for running chunks: their errors (the pool's destruction) do not count. */
  let givenUp = false;
  let stopped!: () => void;
  const stopping = new Promise<void>((resolve) => (stopped = resolve));
  const halt = (): void => {
    Atomics.store(stop, 0, 1);
    stopped();
  };
  const fail = (error: unknown): void => {
    if (givenUp || options.signal?.aborted || failure) return;
    failure = { error };
    halt();
  };
  pool.on("error", fail);
  options.signal?.addEventListener("abort", halt, { once: true });
  if (options.signal?.aborted) halt();
  // CHUNKS_IN_FLIGHT loops per pool thread, each taking the next chunk when its last one returns: a thread
  // starts its next chunk as soon as it returns one, without waiting for this thread (busy mapping, it sees
  // the reply only between its own inputs) to send it one. The extra loops stop taking chunks near the end,
  // so that no thread is left with two while the others have none. No chunk waits in piscina's queue, so
  // stopping needs no cancellation and every running chunk hands back the inputs it finished.
  const poolThreads = poolThreadCount(threads, options);
  const runThread = async (ahead: boolean): Promise<void> => {
    while (next < ranges.length && (!ahead || ranges.length - next > CHUNKS_IN_FLIGHT * threads) && Atomics.load(stop, 0) === 0) {
      const [start, end] = ranges[next++]!;
      let reply: ChunkReply<O>;
      try {
        reply = await pool.run({ module: workerFile.href, inputs: sliceInputs(inputs, start, end), stop });
      } catch (error) {
        fail(error);
        return;
      }
      if (givenUp) return;
      if ("error" in reply) {
        fail(reviveError(reply.error));
        return;
      }
      const { outputs } = reply;
      outputs.forEach((output, k) => (results[start + k] = output));
      done += outputs.length;
      options.onProgress?.(done, inputs.length);
    }
  };
  // This thread's loop: the same chunks, mapped here with `local`. Between inputs it yields every
  // HAND_OFF_MS, so that a pool thread's reply (and with it that thread's next chunk), Ctrl-C and the progress
  // bar get through; a pool thread meanwhile maps the chunk waiting in its port (CHUNKS_IN_FLIGHT).
  const runHere = async (apply: (input: I) => O | Promise<O>): Promise<void> => {
    const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));
    await breathe(); // hand the pool threads their first chunks before mapping here
    let breathed = performance.now();
    while (next < ranges.length && Atomics.load(stop, 0) === 0) {
      const [start, end] = ranges[next++]!;
      let i = start;
      try {
        for (; i < end && Atomics.load(stop, 0) === 0; i++) {
          results[i] = await apply(inputs.at(i)!);
          if (performance.now() - breathed < HAND_OFF_MS) continue;
          await breathe();
          breathed = performance.now();
        }
      } catch (error) {
        fail(error);
        return;
      }
      done += i - start;
      options.onProgress?.(done, inputs.length);
    }
  };
  const loops = Array.from({ length: poolThreads * CHUNKS_IN_FLIGHT }, (_, loop) => runThread(loop >= poolThreads));
  if (options.local) loops.push(runHere(options.local));
  const finished = Promise.all(loops);
  try {
    await Promise.race([finished, stopping.then(() => new Promise<void>((resolve) => setTimeout(resolve, ABORT_GRACE_MS).unref()))]);
  } finally {
    givenUp = true;
    options.signal?.removeEventListener("abort", halt);
    await pool.destroy();
    await finished;
  }
  if (failure) throw failure.error;
  return done;
}
