/**
 * The web workbench in a real browser (Debian's Chromium via playwright-core), on the real server
 * with a fresh database: how soon the Hanoi grid is usable after navigation starts, and how long
 * a deal re-evaluation takes (slider input event to updated DOM: evaluateDeal plus React render),
 * median over many slider changes; and the longest gap between animation frames while a Monte Carlo
 * run works in its Web Worker (the page must never freeze); and a step of the Simulate view's playback
 * (a round on, to the charts and the trace updated), median over many steps. Skipped, with a note,
 * when Chromium is not installed.
 */
import { loadavg } from "node:os";
import type { Page } from "playwright-core";
import { chromiumAvailable, MISSING_CHROMIUM, openWorkbench, perfFigure, setSlider } from "../test/e2e/browser.js";
import type { BenchResult } from "./timing.js";

const LOADS = 5;
const SLIDER_CHANGES = 200;
const PLAYBACK_STEPS = 80;
const FRAME_WINDOW_MS = 2000;
const MONTE_CARLO_FRAMES = "web: longest frame gap during a Monte Carlo run (Hanoi, 5,000 runs)";
const PLAYBACK_STEP = "web: Simulate playback step (Hanoi, a round on, to charts and trace updated)";

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export async function benchWeb(): Promise<BenchResult[]> {
  if (!chromiumAvailable()) {
    const detail = `skipped: ${MISSING_CHROMIUM}`;
    return [
      { name: "web: first view (navigation start to Hanoi grid)", ms: Number.NaN, detail },
      { name: "web: deal re-evaluation (Hanoi, slider to DOM)", ms: Number.NaN, detail },
      { name: MONTE_CARLO_FRAMES, ms: Number.NaN, detail },
      { name: PLAYBACK_STEP, ms: Number.NaN, detail },
    ];
  }
  const wb = await openWorkbench();
  try {
    const { page } = wb;
    const firstViews: number[] = [];
    for (let k = 0; k < LOADS + 1; k++) {
      await page.goto(`${wb.url}s/hanoi-2019`);
      await page.locator("[data-testid=stance-grid]").waitFor();
      await page.locator("html[data-perf-first-view]").waitFor({ state: "attached" });
      if (k > 0) firstViews.push(await perfFigure(page, "first-view")); // the first load warms the caches
    }

    await page.click("[data-testid=tab-deal]");
    await page.locator("[data-testid=current-deal]").waitFor({ state: "attached" });
    await page.selectOption("[data-testid=deal-preset]", "dprk-offer");
    const issues = ["denuclearization", "declaration", "verification", "roadmap", "sanctions", "missiles", "alliance", "normalization"];
    const times: number[] = [];
    for (let k = 0; k < SLIDER_CHANGES; k++) {
      await setSlider(page, `input[data-issue=${issues[k % issues.length]}]`, (k * 37) % 101);
      await page.locator(`html[data-perf-deal-eval-count='${k + 2}']`).waitFor({ state: "attached" });
      times.push(await perfFigure(page, "deal-eval"));
    }
    const sorted = [...times].sort((a, b) => a - b);

    // The page's thread while the worker samples: every gap between animation frames over a window.
    await page.goto(`${wb.url}s/hanoi-2019/forecast`);
    await page.getByTestId("uncertainty").waitFor();
    await page.selectOption("[data-testid=mc-runs]", "5000");
    await page.getByTestId("mc-run").click();
    await page.getByTestId("mc-progress").waitFor();
    const gaps = (await page.evaluate(`new Promise((resolve) => {
      const gaps = [];
      let last = performance.now();
      const end = last + ${FRAME_WINDOW_MS};
      const tick = (now) => { gaps.push(now - last); last = now; if (now < end) requestAnimationFrame(tick); else resolve(gaps); };
      requestAnimationFrame(tick);
    })`)) as number[];
    const stillRunning = (await page.getByTestId("mc-cancel").count()) === 1;
    if (stillRunning) await page.getByTestId("mc-cancel").click();
    const sortedGaps = [...gaps].sort((a, b) => a - b);
    const steps = await playbackSteps(page, wb.url);
    const sortedSteps = [...steps].sort((a, b) => a - b);
    return [
      { name: "web: first view (navigation start to Hanoi grid)", ms: median(firstViews), detail: `median of ${firstViews.length} loads; goal ≤ 300 ms; ${loadAverage()}` },
      {
        name: "web: deal re-evaluation (Hanoi, slider to DOM)",
        ms: median(times),
        detail: `median of ${times.length} slider changes; p95 ${sorted[Math.floor(sorted.length * 0.95)]!.toFixed(2)} ms; goal p95 ≤ 5 ms; ${loadAverage()}`,
      },
      {
        name: MONTE_CARLO_FRAMES,
        ms: sortedGaps[sortedGaps.length - 1] ?? Number.NaN,
        detail: `${gaps.length} frames in ${FRAME_WINDOW_MS / 1000} s; median gap ${median(gaps).toFixed(1)} ms${stillRunning ? "" : "; the run ended inside the window"}`,
      },
      {
        name: PLAYBACK_STEP,
        ms: median(steps),
        detail: `median of ${steps.length} steps from round 1 (every party Boulware, 100 rounds); p95 ${sortedSteps[Math.floor(sortedSteps.length * 0.95)]!.toFixed(2)} ms; ${loadAverage()}`,
      },
    ];
  } finally {
    await wb.close();
  }
}

const loadAverage = (): string => `load ${loadavg()[0]!.toFixed(1)}`;

/** Per step of the playback from round 1, the page's own figure: the round's change to the charts and trace updated. */
async function playbackSteps(page: Page, url: string): Promise<number[]> {
  await page.goto(`${url}s/hanoi-2019/simulate`);
  await page.getByTestId("simulate-run").click();
  await page.getByTestId("simulate-result").waitFor();
  await page.getByTestId("simulate-space").focus();
  await page.keyboard.press("Home");
  await page.locator("html[data-perf-sim-step-count]").waitFor({ state: "attached" });
  const times: number[] = [];
  for (let k = 0; k < PLAYBACK_STEPS; k++) {
    const before = await perfFigure(page, "sim-step-count");
    await page.keyboard.press("ArrowRight");
    await page.locator(`html[data-perf-sim-step-count='${before + 1}']`).waitFor({ state: "attached" });
    times.push(await perfFigure(page, "sim-step"));
  }
  return times;
}
