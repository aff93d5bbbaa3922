/**
 * Bundles the CLI, its worker-thread entry points and (with --bench) the benchmarks with esbuild: a few
 * files instead of a few hundred modules, zod and yaml tree-shaken, so `parley` starts fast (issue 15) and
 * worker threads run the same bundled code as the main thread. `npm run build` runs it after tsc.
 *
 * Output: `dist/bundle/cli/main.js` (what `bin/parley.js` runs), `dist/bundle/parallel/pool.js` and the
 * worker modules (laid out as in src/, since they are found relative to each other), shared chunks, and
 * `metafile.json`, which says which source modules each output file holds.
 * Each bundled module's `import.meta.url` is rewritten to the URL of its tsc-compiled file in `dist/`, so
 * what is located relative to a module (the package root, package.json, better-sqlite3) is found as in
 * the unbundled build — except in the modules that locate worker entry points, which see their place in
 * the bundle. Files outside src/ (benchmarks, test helpers) keep their source location.
 */
import { readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("../", import.meta.url));
const src = resolve(root, "src");
const bench = process.argv.includes("--bench");

/** Modules that locate worker entry points relative to themselves: they see their place in the bundle. */
const LOCATES_WORKERS = new Set(["models/smp-threads.ts", "parallel/pool.ts", "uncertainty/run.ts", "backtest/backtest.ts", "compute/pool.ts", "compute/worker.ts", "simulation/monte-carlo.ts", "agreement/forecast.ts"]);
/** The server's compute jobs (src/compute/jobs.ts): loaded by URL in the compute pool's threads. */
const COMPUTE_JOBS = readdirSync(resolve(src, "compute/jobs"))
  .filter((name) => name.endsWith(".ts"))
  .map((name) => `compute/jobs/${name}`);
/** Entry points, as their paths under src/ (worker modules are loaded by URL, not imported). */
const ENTRIES = ["cli/main.ts", "models/smp-threads.ts", "parallel/pool.ts", "uncertainty/worker.ts", "backtest/worker.ts", "compute/worker.ts", "simulation/worker.ts", "agreement/worker.ts", ...COMPUTE_JOBS];

const toPosix = (path) => path.replace(/\\/g, "/");

/** The URL a bundled module believes it has; every output file sits two folders below dist/. */
function moduleUrl(path) {
  const inSrc = toPosix(relative(src, path));
  if (inSrc.startsWith("..")) return JSON.stringify(pathToFileURL(path).href);
  const compiled = inSrc.replace(/\.ts$/, ".js");
  return `new URL(${JSON.stringify(LOCATES_WORKERS.has(inSrc) ? `bundle/${compiled}` : compiled)}, new URL("../../", import.meta.url)).href`;
}

const moduleUrls = {
  name: "module-urls",
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      const text = await readFile(args.path, "utf8");
      if (!text.includes("import.meta.url")) return undefined;
      return { contents: text.replaceAll("import.meta.url", moduleUrl(args.path)), loader: "ts" };
    });
  },
};

/** zod's `z.locales` namespace pulls in ~45 translations; Parley speaks to zod in English only. */
const englishZodOnly = {
  name: "english-zod-only",
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      toPosix(args.importer).includes("/node_modules/zod/") ? { path: resolve(args.resolveDir, "../locales/en.js"), namespace: "zod-en" } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "zod-en" }, (args) => ({ contents: `export { default as en } from ${JSON.stringify(args.path)};`, loader: "js", resolveDir: root }));
  },
};

/**
 * commander requires child_process at load, for executable subcommands (Parley has none): with it Node loads
 * net, dgram and the streams before `--help` prints. Here commander gets a stand-in that loads the real
 * module the first time a process is spawned.
 */
const lazyChildProcess = {
  name: "lazy-child-process",
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) => (toPosix(args.importer).includes("/node_modules/commander/") ? { path: "child_process", namespace: "lazy-child-process" } : undefined));
    b.onLoad({ filter: /.*/, namespace: "lazy-child-process" }, () => ({
      contents: 'let real; const load = () => (real ??= require("node:child_process")); module.exports = { spawn: (...args) => load().spawn(...args) };',
      loader: "js",
    }));
  },
};

/** Gives each output file the `require` that esbuild's code for CommonJS packages calls (ESM has none of its own). */
const REQUIRE_BANNER = 'import { createRequire as __parleyCreateRequire } from "node:module"; const require = __parleyCreateRequire(import.meta.url);';

const outdir = resolve(root, bench ? "dist/bench" : "dist/bundle");
rmSync(outdir, { recursive: true, force: true }); // chunks are content-hashed: stale ones would pile up

const result = await build({
  metafile: true,
  entryPoints: bench ? [{ in: resolve(root, "bench/run.ts"), out: "bench/run" }] : ENTRIES.map((entry) => ({ in: resolve(src, entry), out: entry.replace(/\.ts$/, "") })),
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  chunkNames: "chunks/[name]-[hash]",
  // Native or thread-spawning packages stay outside: they locate files relative to themselves.
  external: ["better-sqlite3", "piscina", "tsx", "tsx/*", "playwright-core", "esbuild", "vite", "@vitejs/*"],
  banner: { js: REQUIRE_BANNER },
  plugins: [moduleUrls, englishZodOnly, lazyChildProcess],
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: "none",
  logLevel: "warning",
});
// Most files never call `require`: their banner goes, one createRequire fewer per file a command loads.
for (const file of Object.keys(result.metafile.outputs).filter((name) => name.endsWith(".js"))) {
  const path = resolve(root, file);
  const text = readFileSync(path, "utf8");
  if (text.startsWith(REQUIRE_BANNER) && !/\brequire\b/.test(text.slice(REQUIRE_BANNER.length))) writeFileSync(path, text.slice(REQUIRE_BANNER.length).replace(/^\n/, ""));
}
// What each output file holds (esbuild's account): test/cli/startup.test.ts checks what a command loads with it.
writeFileSync(resolve(outdir, "metafile.json"), JSON.stringify(result.metafile));
