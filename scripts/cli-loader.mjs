/**
 * Runs the bundled CLI (`dist/bundle/cli/main.js` is this file, written by scripts/bundle.mjs): the
 * CommonJS scripts beside it, `main.cjs` (the command declarations, all `--help` needs) and, when a command
 * runs, `forecast.cjs` (what a KTAB or EUM CSV forecast needs) and `work.cjs` (what other commands
 * import), each read only when one of its modules is needed and compiled with V8's code cache. Node 20
 * has no compile cache for modules (`module.enableCompileCache` came in 22.1), and parsing and compiling
 * (or deserialising) the code is most of a small command's time.
 *
 * The cache: one file per script, Node version and build, in `parley-compile-cache` under the system's
 * temporary folder (as Node's own compile cache), a folder that must belong to the user and be private
 * to them, else nothing is cached. It is written after the first command that runs a script (so it
 * holds what that command compiled), again once by each other kind of command ({@link MAX_KINDS}), and
 * again if V8 rejects it (another V8, other flags). When it
 * writes one, it deletes the cache files of other builds (or Node versions) unused for a week
 * ({@link pruneCaches}): every build leaves its own, and the folder would only grow.
 * `NODE_DISABLE_COMPILE_CACHE=1` turns it off, as it does Node's.
 *
 * A script names another's module `parley-<script>:<module>` (a dynamically imported module, evaluated
 * on first import, or one it imports statically); the loader publishes each one it evaluates for the
 * first time on the diagnostics channel `parley:cli-unit` (test/cli/startup.test.ts counts what a
 * command loads with it).
 */
import { channel } from "node:diagnostics_channel";
import { lstatSync, mkdirSync, readFileSync, readdirSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Script } from "node:vm";

/** The build (a hash of each script), written in by scripts/bundle.mjs. */
const BUILD = "BUILD";
const units = channel("parley:cli-unit");
const PREFIX = "parley-";

/** The cache folder, if it may be used: this user's own, private. */
function cacheFolder() {
  if (process.env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  const folder = join(tmpdir(), "parley-compile-cache");
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const stats = lstatSync(folder);
    const uid = process.getuid?.();
    if (!stats.isDirectory() || (uid !== undefined && (stats.uid !== uid || (stats.mode & 0o077) !== 0))) return undefined;
    return folder;
  } catch {
    return undefined;
  }
}

const folder = cacheFolder();
/** How this build's cache files end, after the script's name. */
const CACHE_SUFFIX = `-${BUILD}-${process.version}-${process.arch}.bin`;
/** The scripts this command compiled, with their cache file and whether they came from it. */
const compiled = [];
/**
 * How many kinds of command (a command and its input's extension: `forecast.csv`, `forecast.yaml`,
 * `--help`) a script's cache is written for. It holds what the command that wrote it compiled, so the
 * first kind of command to run a script writes it, and each other kind rewrites it once, with what that
 * one compiled too (a KTAB forecast after a Hanoi one took 133 ms instead of 102). The kinds a cache
 * holds are listed beside it, in `<cache file>.kinds`.
 */
const MAX_KINDS = 8;

/** Compiles and runs one of the scripts, as CommonJS with `require` answering the other scripts' modules. */
function run(name, resolveOther) {
  const url = new URL(name, import.meta.url);
  const file = fileURLToPath(url);
  const source = readFileSync(file, "utf8");
  const cacheFile = folder === undefined ? undefined : join(folder, `${name}${CACHE_SUFFIX}`);
  let cachedData;
  try {
    if (cacheFile !== undefined) cachedData = readFileSync(cacheFile);
  } catch {
    // not cached yet
  }
  const script = new Script(`(function (exports, require, module, __filename, __dirname, __parleyUrl, __parleyImport) {${source}\n})`, { filename: file, cachedData });
  if (cacheFile !== undefined) compiled.push({ script, cacheFile, fromCache: cachedData !== undefined && !script.cachedDataRejected });
  const nodeRequire = createRequire(file);
  const require = (id) => (id.startsWith(PREFIX) ? resolveOther(id) : nodeRequire(id));
  const module = { exports: {} };
  script.runInThisContext()(module.exports, require, module, file, fileURLToPath(new URL(".", url)), url.href, (specifier) => import(specifier));
  return module.exports;
}

/** A cache file's name (a script, the build, Node's version and architecture), its kinds, or a temporary one being written. */
const CACHE_FILE = /^[a-z]+\.cjs-[0-9a-f]{16}(?:-[0-9a-f]{16})+-v\d+\.\d+\.\d+-[a-z0-9]+\.bin(?:\.kinds)?(?:\.\d+)?$/;
/** How long another build's cache file stays after its last use (its last read, where the file system records reads). */
const STALE_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Deletes the cache files of other builds that were not used for {@link STALE_MS}: regular files of this
 * user with a cache file's name, in the private folder, never this build's. Best effort.
 */
function pruneCaches() {
  try {
    const now = Date.now();
    const uid = process.getuid?.();
    for (const name of readdirSync(folder)) {
      if (!CACHE_FILE.test(name) || name.endsWith(CACHE_SUFFIX) || name.endsWith(`${CACHE_SUFFIX}.kinds`)) continue;
      const file = join(folder, name);
      try {
        const stats = lstatSync(file);
        if (!stats.isFile() || (uid !== undefined && stats.uid !== uid) || now - Math.max(stats.mtimeMs, stats.atimeMs) < STALE_MS) continue;
        unlinkSync(file);
      } catch {
        // gone already, or not ours to delete
      }
    }
  } catch {
    // an unreadable folder: keep everything
  }
}

/** The kind of command `argv` runs (see {@link MAX_KINDS}). */
function commandKind(argv) {
  const [command = "", input] = argv;
  return `${command}${input === undefined || input.startsWith("-") ? "" : extname(input).toLowerCase()}`;
}

/** Writes `data` to `file` whole or not at all. */
function writeWhole(file, data) {
  const temporary = `${file}.${process.pid}`;
  writeFileSync(temporary, data, { mode: 0o600 });
  renameSync(temporary, file);
}

/**
 * Writes the code cache of the scripts that had none (or one V8 rejected), and of those whose cache holds
 * other kinds of command than this one (see {@link MAX_KINDS}); prunes after writing. Best effort: a cache
 * is never needed.
 */
function saveCaches(kind) {
  let wrote = false;
  for (const { script, cacheFile, fromCache } of compiled.splice(0)) {
    const kindsFile = `${cacheFile}.kinds`;
    let kinds = [];
    if (fromCache) {
      try {
        kinds = readFileSync(kindsFile, "utf8").split("\n").filter(Boolean);
      } catch {
        // written before its kinds were: this command's adds them
      }
      if (kinds.includes(kind) || kinds.length >= MAX_KINDS) continue;
    }
    try {
      writeWhole(cacheFile, script.createCachedData());
      writeWhole(kindsFile, [...kinds, kind].join("\n"));
      wrote = true;
    } catch {
      // a read-only or full disk: run without
    }
  }
  if (wrote) pruneCaches();
}

/** The scripts run so far: the modules each hands out. */
const scripts = new Map();
const evaluated = new Map();
/** A module of one of the scripts (`parley-<script>:<module>`), evaluated on first use. */
function unit(id) {
  let exports = evaluated.get(id);
  if (exports === undefined) {
    const colon = id.indexOf(":");
    const name = `${id.slice(PREFIX.length, colon)}.cjs`;
    const path = id.slice(colon + 1);
    let modules = scripts.get(name);
    if (modules === undefined) {
      modules = run(name, unit).modules;
      scripts.set(name, modules);
    }
    if (!(path in modules)) throw new Error(`internal error: ${path} is not in ${name}`);
    exports = modules[path]();
    evaluated.set(id, exports);
    if (units.hasSubscribers) units.publish({ module: path });
  }
  return exports;
}

const cli = run("main.cjs", unit);
scripts.set("main.cjs", cli.modules);

/** The CLI's entry point (src/cli/main.ts): exit code for the arguments. */
export async function main(argv) {
  try {
    return await cli.main(argv);
  } finally {
    saveCaches(commandKind(argv));
  }
}
