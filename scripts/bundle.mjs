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

/**
 * A hash of what the bundles are built from (the sources and the locked dependencies), written in as
 * `__PARLEY_BUILD__`: the CLI's scenario cache (src/files/scenario-cache.ts) keeps entries per build.
 */
function sourceHash() {
  const digest = createHash("sha256");
  const files = readdirSync(src, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => resolve(entry.parentPath ?? entry.path, entry.name))
    .sort();
  for (const file of [...files, resolve(root, "package-lock.json")]) digest.update(`${toPosix(relative(root, file))}\0`).update(readFileSync(file)).update("\0");
  return digest.digest("hex").slice(0, 32);
}

const common = {
  define: { __PARLEY_BUILD__: JSON.stringify(sourceHash()) },
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

/**
 * The CLI's scripts, in the order they may reference each other's modules (a script only those of the ones
 * before it): `main` (src/cli/main.ts and its static imports), `forecast` (a forecast of a KTAB or EUM CSV
 * file: {@link FORECAST_UNITS} and their static imports) and `work` (every other module a command imports).
 */
const SCRIPTS = ["main", "forecast", "work"];
/** The dynamically imported modules whose work is in `forecast.cjs`: issue 15's KTAB rows read no YAML, schema or XML. */
const FORECAST_UNITS = ["cli/commands/forecast.ts", "files/open-input.ts", "importers/ktab-csv.ts", "importers/eum-csv.ts", "importers/to-scenario.ts", "scenario/imported.ts"].map((path) => `src/${path}`);
/** How a script names a module of another (`require("parley-work:src/…")`, answered by the loader). */
const reference = (script, path) => `parley-${script}:${path}`;
const rel = (path) => toPosix(relative(root, path));

/** Per script, an empty set (`forecast`: its units). */
const scriptSets = () => Object.fromEntries(SCRIPTS.map((script) => [script, new Set(script === "forecast" ? FORECAST_UNITS : [])]));

/**
 * Builds `script`'s references to the other scripts' modules: a module an earlier script holds (a static or
 * dynamic import) becomes `require("parley-<that script>:<module>")`, as does every dynamic import of a
 * module under src/ (a unit, evaluated the first time it is imported), in the script that holds it or,
 * if none does yet, in `forecast` for {@link FORECAST_UNITS} and in `work` for the rest. No module exists twice.
 */
function boundary(script, layout) {
  const earlier = SCRIPTS.slice(0, SCRIPTS.indexOf(script));
  return {
    name: "cli-boundary",
    setup(b) {
      b.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData?.boundary || args.namespace !== "file") return undefined;
        const dynamic = args.kind === "dynamic-import";
        if (!dynamic && earlier.length === 0) return undefined;
        const resolved = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: { boundary: true } });
        if (resolved.errors.length > 0 || resolved.external || resolved.namespace !== "file") return undefined;
        const path = rel(resolved.path);
        const holder = (scripts) => scripts.find((other) => layout.modules[other].has(path));
        // An earlier script's module is that script's; a unit is its holder's, or goes where it belongs.
        let owner = holder(earlier);
        if (owner === undefined && dynamic && resolved.path.startsWith(src)) owner = holder(SCRIPTS) ?? (FORECAST_UNITS.includes(path) ? "forecast" : "work");
        if (owner === undefined) return undefined;
        layout.referenced[owner].add(path);
        return { path: reference(owner, path), external: true };
      });
    },
  };
}

/** One CommonJS script for the loader (no `import.meta`, no `import()`, no shared chunks). */
async function buildScript(outfile, entry, plugins) {
  const result = await build({
    ...common,
    stdin: { contents: entry, resolveDir: root, sourcefile: `${outfile}.entry.js`, loader: "js" },
    outfile: resolve(outdir, outfile),
    format: "cjs",
    supported: { "dynamic-import": false },
    define: { ...common.define, "import.meta.url": "__parleyUrl" },
    external: [...EXTERNAL, "parley-*"],
    plugins: [...plugins, loaderImport, ...PLUGINS],
  });
  return result.metafile;
}

/** Thunks that initialise each module on first call (esbuild's `require` of a bundled ES module). */
const thunks = (paths) => `{${[...paths].sort().map((path) => `${JSON.stringify(path)}: () => require(${JSON.stringify(resolve(root, path))})`).join(",")}}`;

/**
 * The CLI as three CommonJS scripts, which `dist/bundle/cli/main.js` (scripts/cli-loader.mjs) runs with V8's
 * code cache (Node 20 has no compile cache for modules): parsing and compiling is most of a small
 * command's time, and a command reads and deserialises only the scripts it needs. `cli/main.cjs` holds
 * src/cli/main.ts and its static imports (commander, the command declarations): all that `--help` needs.
 * `cli/forecast.cjs` holds what a KTAB or EUM CSV forecast needs, `cli/work.cjs` what the other commands
 * import in their actions; each dynamically imported module is evaluated the first time it is imported, as before.
 */
async function buildCli() {
  // `modules`: what each script held in its last build; `exported`: what it hands out to the loader (its
  // units, and the modules other scripts import), as referenced in the round before (`referenced`).
  const layout = { modules: scriptSets(), exported: scriptSets(), referenced: scriptSets() };
  const entry = (script) => `module.exports = { ${script === "main" ? `main: require(${JSON.stringify(resolve(src, CLI_ENTRY))}).main, ` : ""}modules: ${thunks(layout.exported[script])} };`;
  const state = (exported) => JSON.stringify(SCRIPTS.map((script) => [[...layout.modules[script]].sort(), [...exported[script]].sort()]));
  const metas = {};
  // What a script must export is known once the later ones are built: build all until nothing moves.
  for (let round = 0, settled = false; !settled; round++) {
    if (round === 6) throw new Error("scripts/bundle.mjs: the CLI's scripts do not settle; a module moves between them");
    const before = state(layout.exported);
    layout.referenced = scriptSets();
    for (const script of SCRIPTS) {
      metas[script] = await buildScript(`cli/${script}.cjs`, entry(script), [boundary(script, layout)]);
      layout.modules[script] = new Set(Object.keys(metas[script].inputs).filter((input) => !input.endsWith(".entry.js")));
    }
    settled = state(layout.referenced) === before;
    layout.exported = layout.referenced;
  }
  const seen = new Map();
  for (const script of SCRIPTS) {
    for (const path of layout.exported[script]) if (!layout.modules[script].has(path)) throw new Error(`scripts/bundle.mjs: ${path} is not in cli/${script}.cjs`);
    for (const input of layout.modules[script]) {
      if (seen.has(input)) throw new Error(`scripts/bundle.mjs: ${input} is in both cli/${seen.get(input)}.cjs and cli/${script}.cjs`);
      seen.set(input, script);
    }
  }
  const hash = (file) => createHash("sha256").update(readFileSync(resolve(outdir, file))).digest("hex").slice(0, 16);
  const loader = readFileSync(resolve(root, "scripts/cli-loader.mjs"), "utf8").replace('"BUILD"', JSON.stringify(SCRIPTS.map((script) => hash(`cli/${script}.cjs`)).join("-")));
  writeFileSync(resolve(outdir, "cli/main.js"), loader);
  return metas;
}

if (bench) {
  await buildEsm([{ in: resolve(root, "bench/run.ts"), out: "bench/run" }]);
} else {
  const threads = await buildEsm(ENTRIES.filter((entry) => entry !== CLI_ENTRY).map((entry) => ({ in: resolve(src, entry), out: entry.replace(/\.ts$/, "") })));
  const cli = await buildCli();
  // What each part holds (esbuild's account): test/cli/startup.test.ts checks what a command loads with it.
  writeFileSync(resolve(outdir, "metafile.json"), JSON.stringify({ ...cli, threads }));
}
