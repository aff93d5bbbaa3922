/**
 * Start-up stays light (issue 15): what `src/cli/main.ts` imports statically is loaded by every command,
 * `--help` included, so none of it may reach a heavy dependency. Commands load their work in their action
 * with `await import(...)` (see the note at the top of main.ts); this walks the static imports only.
 * Worker threads start for every Monte Carlo or backtest run: their entry points stay lean too.
 */
import { spawnSync } from "node:child_process";
import { isBuiltin } from "node:module";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const HEAVY = ["zod", "yaml", "fast-xml-parser", "csv-parse", "piscina", "better-sqlite3", "hono", "@hono/node-server"];

/** Value imports and re-exports (not `import type`, not dynamic `import()`) of a TypeScript module. */
function staticImports(source: string): string[] {
  const specifiers: string[] = [];
  const pattern = /^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?["']([^"']+)["']/gm;
  for (const match of source.matchAll(pattern)) specifiers.push(match[1]!);
  return specifiers;
}

/** Every module reached from `entry` by static imports: repo files by path, packages by name. */
function staticGraph(entry: string): { files: Set<string>; packages: Map<string, string> } {
  const files = new Set<string>();
  const packages = new Map<string, string>();
  const pending = [resolve(entry)];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const specifier of staticImports(readFileSync(file, "utf8"))) {
      if (specifier.startsWith(".")) {
        const target = resolve(dirname(file), specifier.replace(/\.js$/, ".ts"));
        if (existsSync(target)) pending.push(target);
      } else if (!specifier.startsWith("node:")) {
        const name = specifier.startsWith("@") ? specifier.split("/").slice(0, 2).join("/") : specifier.split("/")[0]!;
        if (!packages.has(name)) packages.set(name, relative(".", file));
      }
    }
  }
  return { files, packages };
}

describe("CLI start-up", () => {
  it("loads no heavy dependency before a command runs", () => {
    const { files, packages } = staticGraph("src/cli/main.ts");
    const heavy = HEAVY.filter((name) => packages.has(name)).map((name) => `${name} (imported by ${packages.get(name)})`);
    expect(heavy).toEqual([]);
    expect([...packages.keys()]).toEqual(["commander"]);
    // A handful of small modules: the declarations, option parsers and error classes.
    expect(files.size).toBeLessThanOrEqual(12);
  });

  it("finds heavy imports where there are some (the walk itself works)", () => {
    const { packages } = staticGraph("src/files/input.ts");
    expect(packages.has("zod")).toBe(true);
    expect(packages.has("yaml")).toBe(true);
  });
});

describe("worker thread start-up", () => {
  it.each(["src/parallel/pool.ts", "src/uncertainty/worker.ts", "src/backtest/worker.ts"])("%s loads no parser, schema library or pool", (entry) => {
    const { packages } = staticGraph(entry);
    expect(HEAVY.filter((name) => packages.has(name)).map((name) => `${name} (imported by ${packages.get(name)})`)).toEqual([]);
  });
});

/**
 * What the bundled CLI (`npm run build`) evaluates per command: the modules of `dist/bundle/cli/forecast.cjs`
 * and `work.cjs` the loader evaluates (published on the documented diagnostics channel `parley:cli-unit`), and with each, what
 * it imports statically according to esbuild's account of the bundle (`dist/bundle/metafile.json`), as
 * esbuild evaluates a module's static imports with it. A count of what is loaded, not a timing: a static
 * import that drags yaml into a KTAB forecast fails here.
 */
describe("the bundled CLI loads what a command needs", () => {
  const META = "dist/bundle/metafile.json";
  /** The CLI's scripts (`dist/bundle/cli/<script>.cjs`). */
  const SCRIPTS = ["main", "forecast", "work"] as const;
  interface Meta {
    inputs: Record<string, { imports: { path: string; kind: string; external?: boolean }[] }>;
  }
  const SUBSCRIBE = `import { subscribe } from "node:diagnostics_channel"; import { appendFileSync } from "node:fs";
subscribe("parley:cli-unit", (message) => appendFileSync(process.env.PARLEY_LOADED_LOG, message.module + "\\n"));`;

  /** The packages, src/ modules and Node built-in modules whose code the bundled CLI evaluates for `args`. */
  function loadedBy(args: readonly string[], env: NodeJS.ProcessEnv = {}): { packages: Set<string>; modules: Set<string>; builtins: Set<string>; scripts: Set<string> } {
    const meta = JSON.parse(readFileSync(META, "utf8")) as Record<(typeof SCRIPTS)[number], Meta>;
    const inputOf = (input: string) => SCRIPTS.map((script) => meta[script].inputs[input]).find((found) => found !== undefined);
    const dir = mkdtempSync(join(tmpdir(), "parley-loaded-"));
    const log = join(dir, "loaded.txt");
    writeFileSync(log, "");
    const run = spawnSync(process.execPath, ["--import", `data:text/javascript,${encodeURIComponent(SUBSCRIBE)}`, resolve("bin/parley.js"), ...args], {
      encoding: "utf8",
      env: { ...process.env, ...env, PARLEY_LOADED_LOG: log },
    });
    expect(run.status, run.stderr).toBe(0);
    const inputs = new Set(Object.keys(meta.main.inputs));
    const pending = readFileSync(log, "utf8").split("\n").filter(Boolean);
    // The scripts the loader read: those holding a module it evaluated.
    const scripts = new Set(["main", ...pending.map((input) => SCRIPTS.find((script) => input in meta[script].inputs) ?? "none")]);
    while (pending.length > 0) {
      const input = pending.pop()!;
      if (inputs.has(input)) continue;
      inputs.add(input);
      for (const imported of inputOf(input)?.imports ?? []) if (!imported.external && imported.kind !== "dynamic-import") pending.push(imported.path);
    }
    const packages = new Set<string>();
    const modules = new Set<string>();
    const builtins = new Set<string>();
    for (const input of inputs) {
      const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
      if (inPackage) packages.add(inPackage[1]!);
      else if (input.startsWith("src/")) modules.add(input);
      // commander's child_process stand-in (scripts/bundle.mjs) requires the real module only when a process is spawned.
      if (input.startsWith("lazy-child-process:")) continue;
      for (const imported of inputOf(input)?.imports ?? []) if (imported.external && isBuiltin(imported.path)) builtins.add(imported.path.replace(/^node:/, ""));
    }
    return { packages, modules, builtins, scripts };
  }

  it("is built", () => {
    expect(existsSync(META), `${META} is missing: run npm run build`).toBe(true);
  });

  /**
   * Built-in modules a small command does without: commander's child_process, and dgram with it. (Not
   * worker_threads, which SMP loads only to start threads: the module hook recording files runs on a thread.)
   */
  const UNNEEDED_BUILTINS = ["child_process", "dgram"];

  it("--help: commander and the command declarations only", () => {
    const { packages, builtins } = loadedBy(["--help"]);
    expect([...packages]).toEqual(["commander"]);
    expect(UNNEEDED_BUILTINS.filter((name) => builtins.has(name))).toEqual([]);
    expect(builtins.has("fs")).toBe(true); // the walk itself works
  });

  /** What a forecast without --calibration or --runs does not need. */
  const UNNEEDED = ["src/calibration/file.ts", "src/calibration/apply.ts", "src/uncertainty/monte-carlo.ts", "src/parallel/pool.ts", "src/scenario/document.ts"];

  it("a KTAB CSV forecast: no YAML, XML or CSV library, schema library, calibration, sampling or thread pool", () => {
    const { packages, modules, builtins, scripts } = loadedBy(["forecast", "test/fixtures/ktab/dummyData_3Dim.csv", "-m", "smp", "--json"]);
    // Nor the 1 MB of everything else: its code is in dist/bundle/cli/forecast.cjs (scripts/bundle.mjs).
    expect([...scripts].sort()).toEqual(["forecast", "main"]);
    // The imported scenario is plain: checked without zod (src/scenario/imported.ts).
    expect(["yaml", "fast-xml-parser", "csv-parse", "piscina", "zod"].filter((name) => packages.has(name))).toEqual([]);
    expect(UNNEEDED.filter((module) => modules.has(module))).toEqual([]);
    expect(modules.has("src/importers/ktab-csv.ts")).toBe(true); // the walk itself works
    expect(UNNEEDED_BUILTINS.filter((name) => builtins.has(name))).toEqual([]);
  });

  it("a KTAB XML forecast: no YAML or CSV parser", () => {
    const { packages } = loadedBy(["forecast", "test/fixtures/ktab/smpExample-deterministic.xml", "-m", "smp", "--json"]);
    expect(["yaml", "csv-parse", "piscina"].filter((name) => packages.has(name))).toEqual([]);
    expect(packages.has("fast-xml-parser")).toBe(true);
  });

  it("a scenario forecast: no CSV or XML parser, calibration, sampling or thread pool", () => {
    const { packages, modules, scripts } = loadedBy(["forecast", "scenarios/hanoi-2019.yaml", "--json"], { PARLEY_NO_SCENARIO_CACHE: "1" });
    expect([...scripts].sort()).toEqual(["forecast", "main", "work"]); // YAML and zod are in work.cjs
    expect(["csv-parse", "fast-xml-parser", "piscina"].filter((name) => packages.has(name))).toEqual([]);
    expect(UNNEEDED.filter((module) => module !== "src/scenario/document.ts" && modules.has(module))).toEqual([]);
    expect(["yaml", "zod"].filter((name) => packages.has(name))).toEqual(["yaml", "zod"]);
  });

  it("a scenario the CLI has validated before: from its cache, without the YAML parser or the schema library", () => {
    const temporary = mkdtempSync(join(tmpdir(), "parley-scenario-cache-"));
    try {
      const env = { TMPDIR: temporary, PARLEY_NO_SCENARIO_CACHE: "" };
      expect(loadedBy(["forecast", "scenarios/hanoi-2019.yaml", "--json"], env).packages.has("yaml")).toBe(true);
      const { packages, modules } = loadedBy(["forecast", "scenarios/hanoi-2019.yaml", "--json"], env);
      expect(["yaml", "zod"].filter((name) => packages.has(name))).toEqual([]);
      expect(modules.has("src/files/scenario-cache.ts")).toBe(true);
    } finally {
      rmSync(temporary, { recursive: true, force: true });
    }
  });
});
