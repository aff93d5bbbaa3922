/**
 * The registry of compute jobs: every computation the server runs off its event loop, by name.
 *
 * A job is a module under `src/compute/jobs/` whose default export is a pure function of plain data
 * (`(input) => output`, or a promise of it): it receives what the request asked for — a validated
 * scenario and parameters — and returns JSON-ready results. Inputs and outputs cross threads by
 * structured clone, so both must be plain data (no classes, functions or maps of them).
 *
 * The worker entry (`worker.ts`) reads this table to find a job's module and imports nothing else, so
 * a worker loads only the library code the job needs, never the server. This file must therefore stay
 * free of runtime imports: the `import type` lines below are erased when compiled.
 *
 * To add a job: write `jobs/<name>.ts`, add it to {@link JOB_MODULES} and to {@link JobFunctions}, then
 * run it from a route with `runJob(c, "<name>", input)` (src/server/compute.ts), after checking the
 * request's size with `checkBudget`. docs/api.md ("Limits") explains the rules the server enforces.
 */
import type agreementJob from "./jobs/agreement.js";
import type analyzeJob from "./jobs/analyze.js";
import type briefingJob from "./jobs/briefing.js";
import type forecastJob from "./jobs/forecast.js";
import type monteCarloJob from "./jobs/monte-carlo.js";
import type sensitivityJob from "./jobs/sensitivity.js";
import type simulateJob from "./jobs/simulate.js";
import type validateJob from "./jobs/validate.js";

/** Job name → its module, relative to this folder, without the extension (`.js` compiled, `.ts` under tsx). */
export const JOB_MODULES = {
  forecast: "./jobs/forecast",
  analyze: "./jobs/analyze",
  agreement: "./jobs/agreement",
  briefing: "./jobs/briefing",
  "monte-carlo": "./jobs/monte-carlo",
  sensitivity: "./jobs/sensitivity",
  simulate: "./jobs/simulate",
  validate: "./jobs/validate",
} as const satisfies Record<string, string>;

/** Each job's function, for typing `run(name, input)`. Keep in step with {@link JOB_MODULES}. */
export interface JobFunctions {
  forecast: typeof forecastJob;
  analyze: typeof analyzeJob;
  agreement: typeof agreementJob;
  briefing: typeof briefingJob;
  "monte-carlo": typeof monteCarloJob;
  sensitivity: typeof sensitivityJob;
  simulate: typeof simulateJob;
  validate: typeof validateJob;
}

export type JobName = keyof typeof JOB_MODULES & keyof JobFunctions;
export type JobInput<N extends JobName> = Parameters<JobFunctions[N]>[0];
export type JobOutput<N extends JobName> = Awaited<ReturnType<JobFunctions[N]>>;
