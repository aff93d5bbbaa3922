/**
 * `import(url)` in a module of its own, for src/parallel/threads.ts: the CLI's CommonJS scripts have no
 * `import()` of their own, and their build (scripts/bundle.mjs) puts the loader's in this module's place.
 */
export function importUrl(url: string): Promise<unknown> {
  return import(url);
}
