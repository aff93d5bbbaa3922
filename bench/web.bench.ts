/**
 * The web workbench in a real browser (Debian's Chromium via playwright-core), on the real server
 * with a fresh database: how soon the Hanoi grid is usable after navigation starts, and how long
 * a deal re-evaluation takes (slider input event to updated DOM: evaluateDeal plus React render),
 * median over many slider changes; and the longest gap between animation frames while a Monte Carlo
 * run works in its Web Worker (the page must never freeze). Skipped, with a note, when Chromium is
 * not installed.
 */
import { chromiumAvailable, MISSING_CHROMIUM, openWorkbench, perfFigure, setSlider } from "../test/e2e/browser.js";
import type { BenchResult } from "./timing.js";

const LOADS = 5;
const SLIDER_CHANGES = 200;
const FRAME_WINDOW_MS = 2000;
const MONTE_CARLO_FRAMES = "web: longest frame gap during a Monte Carlo run (Hanoi, 5,000 runs)";

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
    return [
      { name: "web: first view (navigation start to Hanoi grid)", ms: median(firstViews), detail: `median of ${firstViews.length} loads` },
      {
        name: "web: deal re-evaluation (Hanoi, slider to DOM)",
        ms: median(times),
        detail: `median of ${times.length} slider changes; p95 ${sorted[Math.floor(sorted.length * 0.95)]!.toFixed(2)} ms; budget 16 ms`,
      },
      {
        name: MONTE_CARLO_FRAMES,
        ms: sortedGaps[sortedGaps.length - 1] ?? Number.NaN,
        detail: `${gaps.length} frames in ${FRAME_WINDOW_MS / 1000} s; median gap ${median(gaps).toFixed(1)} ms${stillRunning ? "" : "; the run ended inside the window"}`,
      },
    ];
  } finally {
    await wb.close();
  }
}
