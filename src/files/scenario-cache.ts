/**
 * The CLI's cache of validated scenario files. Parsing and checking a large scenario is most of a command's
 * start-up: the Hanoi scenario (32 kB of YAML, its quotes checked against its source) takes ~100 ms on the
 * main thread and about as much again in the background, where V8 compiles the YAML parser that has
 * just finished; and an analyst runs one command after another on the same file. So a scenario that
 * validated is kept, and the next command on the same text takes it from the cache in a millisecond.
 *
 * An entry is keyed by a hash of the build (the code that validates), the file's path (as given and
 * absolute) and its text, and lists the source files that validation read (the quotes' sources) with a
 * hash of each: it is used only while every one of them is unchanged. Only what survives JSON unchanged
 * is kept. A command that reports problems (`parley validate`) always validates, so warnings are never
 * hidden.
 *
 * Where: `parley-scenario-cache` in the system's temporary folder, beside the CLI's compile cache and
 * under its rule: a folder of this user's own, private to them, else nothing is cached. Writing an entry
 * deletes those unused for a week. `PARLEY_NO_SCENARIO_CACHE=1` turns it off. Only the bundled CLI has a
 * build hash (scripts/bundle.mjs writes it in), so the library, the tests and tsx runs always validate.
 */
import { createHash } from "node:crypto";
import { lstatSync, mkdirSync, readdirSync, readFileSync, unlinkSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { isDeepStrictEqual } from "node:util";
import type { Scenario } from "../scenario/types.js";
import { writeFileAtomic } from "./write.js";

/** Written in by scripts/bundle.mjs: a hash of the sources and the locked dependencies. */
declare const __PARLEY_BUILD__: string | undefined;

/** The build whose entries this process reads and writes; undefined (no cache) outside the bundled CLI. */
export const CACHE_BUILD: string | undefined = typeof __PARLEY_BUILD__ === "string" ? __PARLEY_BUILD__ : undefined;

/** Bumped when an entry's layout changes. */
const ENTRY_FORMAT = 1;
/** How long an entry stays after its last use. */
const STALE_MS = 7 * 24 * 60 * 60 * 1000;
const ENTRY_FILE = /^[0-9a-f]{64}\.json$/;

/** Reads a source file a scenario names, relative to the scenario (undefined when it cannot be read). */
export type SourceReader = (relative: string) => string | undefined;

/** Where a cache lives and which build's entries it takes. */
export interface ScenarioCache {
  readonly folder: string;
  readonly build: string;
}

interface Entry {
  readonly format: number;
  readonly scenario: Scenario;
  /** Per source file validation read: the hash of its text, or null when it could not be read. */
  readonly sources: Readonly<Record<string, string | null>>;
}

const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");

/** This user's private cache folder (made if missing), or undefined when the cache is off or the folder is not safe to use. */
export function scenarioCache(build: string | undefined = CACHE_BUILD, root: string = tmpdir()): ScenarioCache | undefined {
  if (build === undefined || process.env["PARLEY_NO_SCENARIO_CACHE"]) return undefined;
  const folder = join(root, "parley-scenario-cache");
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const stats = lstatSync(folder);
    const uid = process.getuid?.();
    if (!stats.isDirectory() || (uid !== undefined && (stats.uid !== uid || (stats.mode & 0o077) !== 0))) return undefined;
    return { folder, build };
  } catch {
    return undefined;
  }
}

/**
 * The scenario of the file at `path` with text `text`: from the cache when an entry for this build, path
 * and text exists and its sources are unchanged, else from `load` (which validates, reading sources
 * through the reader it is given, and throws on bad input), kept for next time. A cache that cannot be
 * read or written is passed over: it is never needed.
 */
export async function cachedScenario(
  cache: ScenarioCache | undefined,
  path: string,
  text: string,
  readSource: SourceReader,
  load: (readSource: SourceReader) => Scenario | Promise<Scenario>,
): Promise<Scenario> {
  if (cache === undefined) return load(readSource);
  // The path as given too, in case the scenario keeps it as given.
  const file = join(cache.folder, `${sha256(`${ENTRY_FORMAT}\0${cache.build}\0${resolve(path)}\0${path}\0${text}`)}.json`);
  const kept = readEntry(file, readSource);
  if (kept !== undefined) return kept;
  const read = new Map<string, string | null>(); // a Map: a source may be named "__proto__"
  const scenario = await load((relative) => {
    const source = readSource(relative);
    read.set(relative, source === undefined ? null : sha256(source));
    return source;
  });
  writeEntry(cache.folder, file, { format: ENTRY_FORMAT, scenario, sources: Object.fromEntries(read) });
  return scenario;
}

/** The entry's scenario if the file holds a well-formed entry whose sources are unchanged; undefined otherwise. */
function readEntry(file: string, readSource: SourceReader): Scenario | undefined {
  let entry: Partial<Entry>;
  try {
    entry = JSON.parse(readFileSync(file, "utf8")) as Partial<Entry>;
  } catch {
    return undefined; // none yet, or unreadable: validate
  }
  if (entry.format !== ENTRY_FORMAT || typeof entry.scenario !== "object" || entry.scenario === null || typeof entry.sources !== "object" || entry.sources === null) return undefined;
  for (const [relative, hash] of Object.entries(entry.sources)) {
    const source = readSource(relative);
    if ((source === undefined ? null : sha256(source)) !== hash) return undefined;
  }
  try {
    const now = new Date();
    utimesSync(file, now, now); // in use: not stale
  } catch {
    // a read-only folder: use it anyway
  }
  return entry.scenario;
}

/** Writes an entry atomically (a whole file or none), if the scenario survives JSON; then deletes stale entries. Best effort. */
function writeEntry(folder: string, file: string, entry: Entry): void {
  const json = JSON.stringify(entry);
  if (!isDeepStrictEqual((JSON.parse(json) as Entry).scenario, entry.scenario)) return;
  try {
    writeFileAtomic(file, json, true, 0o600);
  } catch {
    return; // a read-only or full disk: run without
  }
  pruneEntries(folder);
}

/** Deletes this user's entries unused for {@link STALE_MS}. */
function pruneEntries(folder: string): void {
  try {
    const now = Date.now();
    const uid = process.getuid?.();
    for (const name of readdirSync(folder)) {
      if (!ENTRY_FILE.test(name)) continue;
      const file = join(folder, name);
      try {
        const stats = lstatSync(file);
        if (!stats.isFile() || (uid !== undefined && stats.uid !== uid) || now - stats.mtimeMs < STALE_MS) continue;
        unlinkSync(file);
      } catch {
        // gone already, or not ours to delete
      }
    }
  } catch {
    // an unreadable folder: keep everything
  }
}
