/**
 * Start-up stays light (issue 15): what `src/cli/main.ts` imports statically is loaded by every command,
 * `--help` included, so none of it may reach a heavy dependency. Commands load their work in their action
 * with `await import(...)` (see the note at the top of main.ts); this walks the static imports only.
 * Worker threads start for every Monte Carlo or backtest run: their entry points stay lean too.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
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
