/**
 * The preamble every browser test file shares: one workbench (server and Chromium page) opened
 * before the file's tests and closed after them. Kept apart from browser.ts, which the compiled
 * web benchmark and `npm run screenshots` import without vitest.
 */
import { afterAll, beforeAll } from "vitest";
import { openWorkbench, type Workbench } from "./browser.js";

/**
 * How long a test waits for a save to be answered: a large scenario is validated on a compute worker
 * thread (docs/api.md, "Limits"), which a save may have to start, from the sources under vitest (some
 * seconds on a loaded machine; beforeAll starts one, which stops after a minute unused).
 */
export const SAVE_MS = 45_000;

/** Opens the workbench for the calling `describe` block; its fields are readable inside the tests. */
export function useWorkbench(options: { locale?: string } = {}): Workbench {
  let opened: Workbench | undefined;
  beforeAll(async () => {
    opened = await openWorkbench(options);
    await opened.server.compute.run("validate", { text: "parley: 1", file: "warm-up" });
  }, 180_000);
  afterAll(async () => {
    await opened?.close();
  });
  const current = (): Workbench => {
    if (!opened) throw new Error("The workbench opens in beforeAll: read it inside a test.");
    return opened;
  };
  return {
    get server() { return current().server; },
    get url() { return current().url; },
    get context() { return current().context; },
    get page() { return current().page; },
    get problems() { return current().problems; },
    close: () => current().close(),
  };
}
