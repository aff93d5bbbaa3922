/**
 * What Parley's two worker pools share: loading a module by URL in a worker thread, from the compiled
 * JavaScript once built and from the TypeScript sources under tsx or vitest.
 *
 * Under tsx, a pool's threads start with `--import tsx` ({@link tsxExecArgv}), which must then be
 * resolvable from the working directory (it is a devDependency); on Node 20 those hooks reach only
 * the main thread (its CommonJS hook, which loads a pool's entry file in the thread, does reach
 * workers), so a thread imports TypeScript through tsx's API instead ({@link importModule}).
 */
import { isMainThread } from "node:worker_threads";
import { importUrl } from "./import-url.js";

/** True when a module URL is TypeScript source (run under tsx or vitest). */
export function isTypeScript(url: string): boolean {
  return new URL(url).pathname.endsWith(".ts");
}

/** Imports a module by URL; in a worker thread, a `.ts` module goes through tsx's API. */
export async function importModule(url: string): Promise<unknown> {
  if (!isMainThread && isTypeScript(url)) {
    const { tsImport } = await import("tsx/esm/api");
    return tsImport(url, import.meta.url);
  }
  return importUrl(url);
}

/** The pool option that starts its threads under tsx when any of these module URLs is TypeScript source. */
export function tsxExecArgv(...urls: readonly string[]): { execArgv?: string[] } {
  return urls.some(isTypeScript) ? { execArgv: ["--import", "tsx"] } : {};
}
