/**
 * A bounded pool of worker threads for named compute jobs (see `jobs.ts`), with the limits the
 * server promises (docs/api.md, "Limits"):
 *
 * - **threads**: at most this many jobs run at once, each in its own worker thread, so the event
 *   loop that answers health checks and plain reads is never the one computing;
 * - **queue**: at most this many more wait; past that, {@link ComputePool.run} refuses at once with a
 *   {@link ComputeRefusal} of reason `busy` and an estimate of when to retry;
 * - **time**: a job running longer than its time limit is stopped (its worker is terminated and
 *   replaced) and refused with reason `time`;
 * - **memory**: each worker's heap is capped; a job that exceeds it is refused with reason `memory`;
 * - **cancellation**: when the caller's signal aborts (the client went away), a queued job leaves
 *   the queue and a running one is stopped by terminating its worker: nothing keeps computing for
 *   nobody. The promise then rejects with reason `cancelled`.
 *
 * Size limits are checked before a job is submitted (`checkBudget`, src/server/compute.ts): a job refused for its size
 * never takes a place in the queue.
 *
 * This is not `src/parallel/pool.ts`, the library's parallel map: that one splits one computation into
 * chunks over threads it owns for the duration of the map, and an abort keeps the chunks done. Here
 * one long-lived pool serves many requests, one job per thread (a job's own sampling runs with
 * `workers: 1`), and a job that is stopped yields nothing. Both load modules in threads through
 * `src/parallel/threads.ts`.
 */
import { availableParallelism } from "node:os";
import { Piscina } from "piscina";
import { reviveError } from "../parallel/errors.js";
import { tsxExecArgv } from "../parallel/threads.js";
import type { JobInput, JobName, JobOutput } from "./jobs.js";
import type { JobReply, JobTask } from "./worker.js";

export interface ComputeLimits {
  /** Jobs running at once, one worker thread each. Default: the available parallelism. */
  readonly threads: number;
  /** Jobs waiting for a thread beyond those running; more are refused (503). Default 8 per thread. */
  readonly queue: number;
  /** Longest a job may run, in milliseconds. Default 30 s. */
  readonly timeLimitMs: number;
  /** Heap of each worker (old generation), in MiB. Default 1024. */
  readonly memoryMb: number;
}

export const DEFAULT_TIME_LIMIT_MS = 30_000;
export const DEFAULT_MEMORY_MB = 1024;

export function defaultComputeLimits(): ComputeLimits {
  const threads = Math.max(1, availableParallelism());
  return { threads, queue: 8 * threads, timeLimitMs: DEFAULT_TIME_LIMIT_MS, memoryMb: DEFAULT_MEMORY_MB };
}

/** Why a job did not produce a result, other than its own error. */
export type RefusalReason = "busy" | "time" | "memory" | "cancelled";

/** A job refused or stopped by one of the pool's limits (or by its caller). */
export class ComputeRefusal extends Error {
  override readonly name = "ComputeRefusal";
  constructor(
    readonly reason: RefusalReason,
    message: string,
    /** The limit in force: jobs (busy), milliseconds (time), MiB (memory). */
    readonly limit: number,
    /** For `busy`: seconds after which a retry is likely to be admitted. */
    readonly retryAfterSeconds?: number,
    /** For `busy` with a full queue (not shutting down): the computations running and waiting. */
    readonly queue?: { readonly threads: number; readonly waiting: number },
  ) {
    super(message);
  }
}

/**
 * The job itself threw. `errorName` is the library error's class name (`ModelError`, `DealError`, …),
 * which says whether the input was at fault; for other errors the message carries the stack. `cause` is
 * the job's error rebuilt with its class and fields (an ImportError's line and column).
 */
export class JobError extends Error {
  override readonly name = "JobError";
  constructor(
    readonly job: string,
    readonly errorName: string,
    message: string,
    cause?: Error,
  ) {
    super(message, cause ? { cause } : undefined);
  }
}

export interface RunJobOptions {
  /** Aborts the job: the client went away. */
  readonly signal?: AbortSignal;
  /** A time limit below the pool's (never above it). */
  readonly timeLimitMs?: number;
  /**
   * The input's `scenario` as JSON text, when the caller has it (a stored scenario): the text crosses
   * to the worker as one string copy, where the object would cost the event loop a structured clone
   * of every actor, issue and stance, and the worker parses it.
   */
  readonly scenarioJson?: string;
}

export interface ComputeStats {
  readonly running: number;
  readonly queued: number;
  readonly limits: ComputeLimits;
}

/** Weight of the newest duration in the running average that Retry-After is estimated from. */
const DURATION_SMOOTHING = 0.2;

/** The worker entry, as source under tsx/vitest and as compiled JavaScript once built. */
const WORKER = new URL(import.meta.url.endsWith(".ts") ? "./worker.ts" : "./worker.js", import.meta.url);

export class ComputePool {
  readonly limits: ComputeLimits;
  private pool: Piscina<JobTask, JobReply> | undefined;
  private running = 0;
  /** Jobs waiting for a thread, first come first served. */
  private readonly waiting: { start: () => void }[] = [];
  /** Running average of job durations, in ms (for Retry-After). */
  private averageMs = 1000;
  private closed = false;

  constructor(limits: Partial<ComputeLimits> = {}) {
    const defaults = defaultComputeLimits();
    this.limits = {
      threads: Math.max(1, Math.floor(limits.threads ?? defaults.threads)),
      queue: Math.max(0, Math.floor(limits.queue ?? defaults.queue)),
      timeLimitMs: Math.max(1, limits.timeLimitMs ?? defaults.timeLimitMs),
      memoryMb: Math.max(16, limits.memoryMb ?? defaults.memoryMb),
    };
  }

  stats(): ComputeStats {
    return { running: this.running, queued: this.waiting.length, limits: this.limits };
  }

  /**
   * Runs a job on a worker thread and resolves to its output. Rejects with a {@link ComputeRefusal}
   * when a limit is hit or the signal aborts, and with a {@link JobError} when the job throws.
   */
  async run<N extends JobName>(job: N, input: JobInput<N>, options: RunJobOptions = {}): Promise<JobOutput<N>> {
    return JSON.parse(await this.runJson(job, input, options)) as JobOutput<N>;
  }

  /** Like {@link run}, but resolves to the output as JSON text, written by the worker. */
  async runJson<N extends JobName>(job: N, input: JobInput<N>, options: RunJobOptions = {}): Promise<string> {
    if (this.closed) throw new ComputeRefusal("busy", "the server is shutting down", 0, 1);
    if (options.signal?.aborted) throw cancelled();
    await this.acquire(options.signal);
    const timeLimitMs = Math.min(this.limits.timeLimitMs, options.timeLimitMs ?? Number.POSITIVE_INFINITY);
    const stop = new AbortController();
    const onCallerAbort = () => stop.abort("cancelled");
    options.signal?.addEventListener("abort", onCallerAbort, { once: true });
    // The time limit counts from the start, not from the arrival: waiting in the queue is not running.
    const timer = setTimeout(() => stop.abort("time"), timeLimitMs);
    const started = performance.now();
    try {
      const task: JobTask =
        options.scenarioJson === undefined ? { job, input } : { job, input: { ...(input as object), scenario: undefined }, scenarioJson: options.scenarioJson };
      const reply = await this.workers().run(task, { signal: stop.signal });
      if (reply.ok) return reply.json;
      throw new JobError(job, reply.error.name, reply.error.message, reviveError(reply.error));
    } catch (error) {
      if (error instanceof JobError) throw error;
      if (stop.signal.aborted) {
        if (stop.signal.reason === "time") {
          throw new ComputeRefusal("time", `the computation was stopped after ${formatSeconds(timeLimitMs)}, the longest the server runs one`, timeLimitMs);
        }
        throw cancelled();
      }
      if (isOutOfMemory(error)) {
        throw new ComputeRefusal("memory", `the computation needed more than the ${this.limits.memoryMb} MiB of memory the server gives one`, this.limits.memoryMb);
      }
      throw error;
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onCallerAbort);
      this.averageMs += DURATION_SMOOTHING * (performance.now() - started - this.averageMs);
      this.release();
    }
  }

  /** Stops every worker; jobs still running are stopped and refused. */
  async close(): Promise<void> {
    this.closed = true;
    const pool = this.pool;
    this.pool = undefined;
    if (pool) await pool.close({ force: true });
  }

  /** Waits for a free thread; refuses at once when the queue is full. */
  private acquire(signal: AbortSignal | undefined): Promise<void> {
    if (this.running < this.limits.threads) {
      this.running++;
      return Promise.resolve();
    }
    if (this.waiting.length >= this.limits.queue) {
      const retryAfterSeconds = this.retryAfterSeconds();
      const { threads, queue } = this.limits;
      throw new ComputeRefusal(
        "busy",
        `the server is running ${threads} computation${threads === 1 ? "" : "s"} and ${queue} more ${queue === 1 ? "is" : "are"} waiting, its limit; try again in ${retryAfterSeconds} s`,
        threads + queue,
        retryAfterSeconds,
        { threads, waiting: queue },
      );
    }
    return new Promise<void>((resolve, reject) => {
      const entry = {
        start: () => {
          signal?.removeEventListener("abort", onAbort);
          this.running++;
          resolve();
        },
      };
      const onAbort = () => {
        const at = this.waiting.indexOf(entry);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(cancelled());
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.waiting.push(entry);
    });
  }

  private release(): void {
    this.running--;
    this.waiting.shift()?.start();
  }

  /** Seconds until a place in the queue is likely to be free: the jobs ahead shared among the threads. */
  private retryAfterSeconds(): number {
    const ahead = this.running + this.waiting.length - this.limits.threads + 1;
    return Math.min(60, Math.max(1, Math.ceil(((ahead / this.limits.threads) * this.averageMs) / 1000)));
  }

  /** The worker threads, started on first use (a server that computes nothing starts none). */
  private workers(): Piscina<JobTask, JobReply> {
    if (!this.pool) {
      this.pool = new Piscina<JobTask, JobReply>({
        filename: WORKER.href,
        minThreads: 0,
        maxThreads: this.limits.threads,
        concurrentTasksPerWorker: 1,
        idleTimeout: 60_000,
        resourceLimits: { maxOldGenerationSizeMb: this.limits.memoryMb },
        ...tsxExecArgv(WORKER.href),
      });
      // A worker terminated on purpose (time limit, cancellation) reports an error already handled.
      this.pool.on("error", () => {});
    }
    return this.pool;
  }
}

function cancelled(): ComputeRefusal {
  return new ComputeRefusal("cancelled", "the computation was cancelled: the client went away", 0);
}

function isOutOfMemory(error: unknown): boolean {
  return error instanceof Error && ((error as NodeJS.ErrnoException).code === "ERR_WORKER_OUT_OF_MEMORY" || /out of memory/i.test(error.message));
}

function formatSeconds(ms: number): string {
  return `${secondsOf(ms)} s`;
}

/** Milliseconds as seconds for a message: whole, or to one decimal. */
export function secondsOf(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}` : (ms / 1000).toFixed(1);
}
