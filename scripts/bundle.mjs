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
import { createHash } from "node:crypto";
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
/** The CLI (bundled on its own, see buildCli). */
const CLI_ENTRY = "cli/main.ts";
const ENTRIES = [CLI_ENTRY, "models/smp-threads.ts", "parallel/pool.ts", "uncertainty/worker.ts", "backtest/worker.ts", "compute/worker.ts", "simulation/worker.ts", "agreement/worker.ts", ...COMPUTE_JOBS];

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

/** The CLI's scripts (see buildCli) have no `import()`: src/parallel/import-url.ts becomes the loader's. */
const IMPORT_URL = resolve(src, "parallel/import-url.ts");
const loaderImport = {
  name: "loader-import",
  setup(b) {
    b.onLoad({ filter: /[\\/]import-url\.ts$/ }, (args) =>
      args.path === IMPORT_URL ? { contents: "export const importUrl = (url) => __parleyImport(url);", loader: "js" } : undefined,
    );
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

/** Native or thread-spawning packages stay outside: they locate files relative to themselves. */
const EXTERNAL = ["better-sqlite3", "piscina", "tsx", "tsx/*", "playwright-core", "esbuild", "vite", "@vitejs/*"];
/** What every build does to the sources. */
const PLUGINS = [moduleUrls, englishZodOnly, lazyChildProcess];

const outdir = resolve(root, bench ? "dist/bench" : "dist/bundle");
rmSync(outdir, { recursive: true, force: true }); // chunks are content-hashed: stale ones would pile up

const common = {
  metafile: true,
  bundle: true,
  platform: "node",
  target: "node20",
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: "none",
  logLevel: "warning",
};

/** The split ESM build: the worker entry points (or, with --bench, the benchmarks). */
async function buildEsm(entryPoints) {
  const result = await build({
    ...common,
    entryPoints,
    outdir,
    splitting: true,
    format: "esm",
    chunkNames: "chunks/[name]-[hash]",
    external: EXTERNAL,
    banner: { js: REQUIRE_BANNER },
    plugins: PLUGINS,
  });
  // Most files never call `require`: their banner goes, one createRequire fewer per file a thread loads.
  for (const file of Object.keys(result.metafile.outputs).filter((name) => name.endsWith(".js"))) {
    const path = resolve(root, file);
    const text = readFileSync(path, "utf8");
    if (text.startsWith(REQUIRE_BANNER) && !/\brequire\b/.test(text.slice(REQUIRE_BANNER.length))) writeFileSync(path, text.slice(REQUIRE_BANNER.length).replace(/^\n/, ""));
  }
  return result.metafile;
}

/** How the CLI's two scripts name what the other holds (answered by the loader's `require`). */
const WORK = "parley-work:";
const LIGHT = "parley-light:";
const rel = (path) => toPosix(relative(root, path));

/**
 * Makes every dynamic import of a module under src/ a unit of work.cjs (`require("parley-work:src/…")`,
 * collected in `units`) and, given `light` (the modules of main.cjs), every static import of one of those a
 * reference to main.cjs's copy (`require("parley-light:src/…")`), so that no module exists twice.
 */
function boundary(units, light) {
  return {
    name: "cli-boundary",
    setup(b) {
      b.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData?.boundary || args.namespace !== "file") return undefined;
        const dynamic = args.kind === "dynamic-import";
        if (!dynamic && (light === undefined || !args.path.startsWith("."))) return undefined;
        const resolved = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: { boundary: true } });
        if (resolved.errors.length > 0 || resolved.external || resolved.namespace !== "file" || !resolved.path.startsWith(src)) return undefined;
        const path = rel(resolved.path);
        if (light?.has(path)) return { path: LIGHT + path, external: true };
        if (!dynamic) return undefined;
        units.add(path);
        return { path: WORK + path, external: true };
      });
    },
  };
}

/** One CommonJS script for the loader (no `import.meta`, no `import()`, no shared chunks). */
async function buildScript(outfile, entry, plugins, write = true) {
  const result = await build({
    ...common,
    stdin: { contents: entry, resolveDir: root, sourcefile: `${outfile}.entry.js`, loader: "js" },
    outfile: resolve(outdir, outfile),
    write,
    format: "cjs",
    supported: { "dynamic-import": false },
    define: { "import.meta.url": "__parleyUrl" },
    external: [...EXTERNAL, `${WORK}*`, `${LIGHT}*`],
    plugins: [...plugins, loaderImport, ...PLUGINS],
  });
  return result.metafile;
}

/** Thunks that initialise each module on first call (esbuild's `require` of a bundled ES module). */
const thunks = (paths) => `{${[...paths].sort().map((path) => `${JSON.stringify(path)}: () => require(${JSON.stringify(resolve(root, path))})`).join(",")}}`;

/**
 * The CLI as two CommonJS scripts, which `dist/bundle/cli/main.js` (scripts/cli-loader.mjs) runs with V8's
 * code cache (Node 20 has no compile cache for modules): parsing and compiling is most of a small
 * command's time. `cli/main.cjs` holds src/cli/main.ts and its static imports (commander, the command
 * declarations): all that `--help` needs. `cli/work.cjs` holds what the commands import in their actions,
 * each dynamically imported module a unit that is evaluated the first time it is imported, as before.
 */
async function buildCli() {
  const mainEntry = (light) => `module.exports = { main: require(${JSON.stringify(resolve(src, CLI_ENTRY))}).main, light: ${thunks(light)} };`;
  const units = new Set();
  const first = await buildScript("cli/main.cjs", mainEntry([]), [boundary(units)], false);
  const light = new Set(Object.keys(first.inputs).filter((input) => input.startsWith("src/")));
  const main = await buildScript("cli/main.cjs", mainEntry(light), [boundary(units)]);
  // The work's own dynamic imports are units too: build until there are no new ones.
  let work;
  for (let known = -1; known !== units.size; ) {
    known = units.size;
    work = await buildScript("cli/work.cjs", `module.exports = ${thunks(units)};`, [boundary(units, light)]);
  }
  const hash = (file) => createHash("sha256").update(readFileSync(resolve(outdir, file))).digest("hex").slice(0, 16);
  const loader = readFileSync(resolve(root, "scripts/cli-loader.mjs"), "utf8").replace('"BUILD"', JSON.stringify(`${hash("cli/main.cjs")}-${hash("cli/work.cjs")}`));
  writeFileSync(resolve(outdir, "cli/main.js"), loader);
  return { main, work };
}

if (bench) {
  await buildEsm([{ in: resolve(root, "bench/run.ts"), out: "bench/run" }]);
} else {
  const threads = await buildEsm(ENTRIES.filter((entry) => entry !== CLI_ENTRY).map((entry) => ({ in: resolve(src, entry), out: entry.replace(/\.ts$/, "") })));
  const cli = await buildCli();
  // What each part holds (esbuild's account): test/cli/startup.test.ts checks what a command loads with it.
  writeFileSync(resolve(outdir, "metafile.json"), JSON.stringify({ ...cli, threads }));
}
