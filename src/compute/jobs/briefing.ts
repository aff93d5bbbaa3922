/** Compute job `briefing`: the briefing of `parley report`, rendered as HTML or Markdown; with `runs`, distributions and the chance of a deal over the draws. */
import { briefingAgreement, buildBriefing, renderHtml, renderMarkdown } from "../../report/index.js";
import type { Scenario } from "../../scenario/types.js";
import { briefingSimulation } from "../../report/simulation.js";
import { monteCarlo } from "../../uncertainty/monte-carlo.js";

export interface BriefingJobInput {
  readonly scenario: Scenario;
  readonly language: "en" | "zh";
  readonly format: "html" | "md";
  readonly models?: readonly string[];
  /** Monte Carlo samples for the forecast distributions (none when absent). */
  readonly runs?: number;
  readonly seed?: number;
}

export default async function briefingJob(input: BriefingJobInput): Promise<string> {
  const models = input.models ? [...input.models] : [];
  const uncertainty =
    input.runs === undefined ? undefined : await monteCarlo(input.scenario, { runs: input.runs, models, workers: 1, ...(input.seed !== undefined ? { seed: input.seed } : {}) });
  const seed = input.seed !== undefined ? { seed: input.seed } : {};
  const agreement = input.runs === undefined ? undefined : await briefingAgreement(input.scenario, { runs: input.runs, workers: 1, ...seed });
  const simulation = input.runs === undefined ? undefined : await briefingSimulation(input.scenario, { runs: input.runs, workers: 1, ...seed });
  const briefing = buildBriefing(input.scenario, { models, ...(uncertainty ? { uncertainty } : {}), ...(agreement ? { agreement } : {}), ...(simulation ? { simulation } : {}) });
  return input.format === "md" ? renderMarkdown(briefing, input.language) : renderHtml(briefing, input.language);
}
