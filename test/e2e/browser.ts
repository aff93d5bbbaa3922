/**
 * Shared by the end-to-end tests, `npm run screenshots` and the web benchmark: build the web app
 * when it is missing, start the real server on a free port with a fresh database, and drive
 * Debian's Chromium with playwright-core (Playwright's own browser download is not used).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { startServer, type RunningServer } from "../../src/server/start.js";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const WEB_DIST = join(ROOT, "dist", "web");

/** Debian's Chromium (`apt-get install -y chromium`), or PARLEY_CHROMIUM. */
export const CHROMIUM = process.env["PARLEY_CHROMIUM"] ?? "/usr/bin/chromium";

export const MISSING_CHROMIUM = `Chromium is not installed at ${CHROMIUM}: the browser tests drive Debian's chromium package. Install it with \`apt-get install -y chromium\` (as root), or point PARLEY_CHROMIUM at a Chromium binary.`;

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

/** Builds the web app into dist/web unless it is there already. */
export function ensureWebBuilt(): void {
  if (existsSync(join(WEB_DIST, "index.html"))) return;
  const vite = join(ROOT, "node_modules", "vite", "bin", "vite.js");
  execFileSync(process.execPath, [vite, "build", "--config", join(ROOT, "web", "vite.config.ts"), "--logLevel", "warn"], { cwd: ROOT, stdio: "inherit" });
}

export interface Workbench {
  readonly server: RunningServer;
  readonly url: string;
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors and CSP violations seen so far. */
  readonly problems: string[];
  close(): Promise<void>;
}

/** Server (temp database, loopback, any free port) and a browser page at 1280×800. */
export async function openWorkbench(options: { locale?: string } = {}): Promise<Workbench> {
  if (!chromiumAvailable()) throw new Error(MISSING_CHROMIUM);
  ensureWebBuilt();
  const dir = mkdtempSync(join(tmpdir(), "parley-e2e-"));
  const server = await startServer({ host: "127.0.0.1", port: 0, db: join(dir, "parley.db"), dataDir: dir, staticDir: WEB_DIST, env: {}, log: () => {} });
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(join(dir, "profile"), {
      executablePath: CHROMIUM,
      headless: true,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
      viewport: { width: 1280, height: 800 },
      locale: options.locale ?? "en-GB",
      timezoneId: "UTC",
    });
  } catch (error) {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(String(error)));
  return {
    server,
    url: server.url,
    context,
    page,
    problems,
    async close() {
      await context!.close().catch(() => {});
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Sets a range input's value as a user's drag would, firing the input event React listens to. */
export async function setSlider(page: Page, selector: string, value: number): Promise<void> {
  // A string, so that this Node-side file needs no DOM types.
  await page.evaluate(`(() => {
    const input = document.querySelector(${JSON.stringify(selector)});
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set.call(input, ${JSON.stringify(String(value))});
    input.dispatchEvent(new Event("input", { bubbles: true }));
  })()`);
}

/** A timing the app records on the document element (web/src/perf.ts), in ms. */
export async function perfFigure(page: Page, name: "first-view" | "deal-eval" | "deal-eval-median" | "deal-eval-count" | "forecast" | "validate" | "space" | "sim-step" | "sim-step-count"): Promise<number> {
  return Number(await page.locator("html").getAttribute(`data-perf-${name}`));
}

/** The screen boxes of a chart's text labels (Plot's text marks inside `chart`), with their texts. */
export interface LabelBox {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  readonly text: string;
}

export async function labelBoxes(page: Page, chart: string): Promise<LabelBox[]> {
  return (await page.evaluate(
    `[...document.querySelectorAll(${JSON.stringify(`${chart} svg g[aria-label=text] text`)})].map((t) => { const r = t.getBoundingClientRect(); return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, text: t.textContent }; })`,
  )) as LabelBox[];
}

/** Every pair of labels that overprint (overlap by more than a pixel each way), as "a" overlaps "b". */
export function overprinting(boxes: readonly LabelBox[]): string[] {
  const pairs: string[] = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i]!, boxes[j]!];
      const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (w > 1 && h > 1) pairs.push(`"${a.text}" overlaps "${b.text}"`);
    }
  return pairs;
}

/**
 * A downloaded CSV file's text without its byte-order mark, which every CSV file the workbench offers
 * starts with (so that Excel reads it as UTF-8); a file without one is refused.
 */
export function csvDownloadText(bytes: Buffer): string {
  if (!(bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)) throw new Error(`the CSV download does not start with the UTF-8 byte-order mark: ${JSON.stringify(bytes.subarray(0, 12).toString("utf8"))}`);
  if (bytes[3] === 0xef && bytes[4] === 0xbb && bytes[5] === 0xbf) throw new Error("the CSV download starts with two byte-order marks");
  return bytes.subarray(3).toString("utf8");
}
