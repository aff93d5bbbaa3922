/**
 * The workbench's own timings, shown in the About panel and exposed on the document element as
 * data attributes (for the end-to-end tests and `npm run bench`).
 */
export interface PerfFigures {
  /** Navigation start to the scenario grid first rendered with data, ms. */
  firstView?: number;
  /** Last deal re-evaluation: input event to the updated DOM (evaluateDeal + render), ms. */
  dealEval?: number;
  /** Median of the deal re-evaluations of this session, ms. */
  dealEvalMedian?: number;
  dealEvalCount?: number;
  /** Last validation of the scenario text, ms. */
  validate?: number;
  /** Last parse of the YAML text into the grid's data, ms. */
  parse?: number;
  /** Last forecast with every model, ms. */
  forecast?: number;
  /** Last computation of the agreement space for two parties, ms. */
  space?: number;
  /** Last step of the simulated talks' playback: the round changed to the charts and trace updated, ms. */
  simStep?: number;
  simStepCount?: number;
}

export const perf: PerfFigures = {};
const dealTimes: number[] = [];
const listeners = new Set<() => void>();

function attribute(name: string): string {
  return `data-perf-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

export function record(name: keyof PerfFigures, ms: number): void {
  perf[name] = ms;
  if (name === "dealEval") {
    dealTimes.push(ms);
    if (dealTimes.length > 500) dealTimes.shift();
    const sorted = [...dealTimes].sort((a, b) => a - b);
    perf.dealEvalMedian = sorted[Math.floor(sorted.length / 2)]!;
    perf.dealEvalCount = dealTimes.length;
    document.documentElement.setAttribute(attribute("dealEvalMedian"), perf.dealEvalMedian.toFixed(3));
    document.documentElement.setAttribute(attribute("dealEvalCount"), String(dealTimes.length));
  }
  if (name === "simStep") {
    perf.simStepCount = (perf.simStepCount ?? 0) + 1;
    document.documentElement.setAttribute(attribute("simStepCount"), String(perf.simStepCount));
  }
  document.documentElement.setAttribute(attribute(name), ms.toFixed(3));
  for (const listener of listeners) listener();
}

export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
