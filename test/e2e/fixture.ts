/**
 * The preamble every browser test file shares: one workbench (server and Chromium page) opened
 * before the file's tests and closed after them. Kept apart from browser.ts, which the compiled
 * web benchmark and `npm run screenshots` import without vitest.
 */
import { afterAll, beforeAll } from "vitest";
import { openWorkbench, type Workbench } from "./browser.js";

/** Opens the workbench for the calling `describe` block; its fields are readable inside the tests. */
export function useWorkbench(options: { locale?: string } = {}): Workbench {
  let opened: Workbench | undefined;
  beforeAll(async () => {
    opened = await openWorkbench(options);
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
