/**
 * The compute pool's worker entry: piscina calls its default export, in a worker thread, with one
 * job's name and input. It imports that job's module (and, through it, only the library code the job
 * needs: never the server, the store or HTTP) and runs it.
 *
 * The result comes back as JSON text, written here: the main thread sends it as it is, so a large
 * result (a Pareto frontier of 10⁴ points) costs the event loop neither a structured-clone decoding
 * nor a JSON encoding.
 *
 * A job's own errors come back as data, `{ok: false, error: {name, message, fields}}`
 * (`src/parallel/errors.ts`), because an Error loses its class and fields when it crosses threads: the
 * pool tells the input's faults (ModelError, DealError, …) from bugs by `name`, and rebuilds them.
 */
import { serializeError, type SerializedError } from "../parallel/errors.js";
import { importModule, isTypeScript } from "../parallel/threads.js";
import { JOB_MODULES, type JobName } from "./jobs.js";

export interface JobTask {
  readonly job: JobName;
  readonly input: unknown;
  /** The input's `scenario`, as JSON text (see `RunJobOptions.scenarioJson`). */
  readonly scenarioJson?: string;
}

export type JobReply = { readonly ok: true; readonly json: string } | { readonly ok: false; readonly error: SerializedError };

type JobFunction = (input: unknown) => unknown;

const extension = isTypeScript(import.meta.url) ? ".ts" : ".js";
const loaded = new Map<JobName, Promise<JobFunction>>();

/** Imports a job module (from the sources under tsx: `src/parallel/threads.ts`). */
async function importJob(job: JobName): Promise<JobFunction> {
  const module = JOB_MODULES[job] as string | undefined;
  if (module === undefined) throw new Error(`no compute job "${job}"`);
  const exports = (await importModule(new URL(`${module}${extension}`, import.meta.url).href)) as { default?: unknown };
  if (typeof exports.default !== "function") throw new Error(`compute job module ${module} has no default export function`);
  return exports.default as JobFunction;
}

export default async function runJob(task: JobTask): Promise<JobReply> {
  try {
    let fn = loaded.get(task.job);
    if (!fn) {
      fn = importJob(task.job);
      loaded.set(task.job, fn);
    }
    const input = task.scenarioJson === undefined ? task.input : { ...(task.input as object), scenario: JSON.parse(task.scenarioJson) as unknown };
    return { ok: true, json: JSON.stringify(await (await fn)(input)) ?? "null" };
  } catch (error) {
    const e = serializeError(error);
    // A bug's message carries its stack, for the server's log.
    return { ok: false, error: e.name === "Error" || e.name === "TypeError" || e.name === "RangeError" ? { ...e, message: e.stack ?? e.message } : e };
  }
}
