/**
 * The bundled CLI's code cache (scripts/cli-loader.mjs): written in a private `parley-compile-cache` under
 * the temporary folder, once per kind of command, and, when it writes one, rid of other builds' files
 * unused for a week — only files named as its own are, only in that folder, never the current build's.
 */
import { spawnSync } from "node:child_process";
import { existsSync, lutimesSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const RUN_BUNDLE = `import { main } from ${JSON.stringify(resolve("dist/bundle/cli/main.js"))}; process.exitCode = await main(process.argv.slice(1));`;
const DAY_S = 24 * 60 * 60;
const temporary = mkdtempSync(join(tmpdir(), "parley-cache-test-"));
const folder = join(temporary, "parley-compile-cache");
const OTHER = "-0123456789abcdef-fedcba9876543210-v20.0.0-x64.bin";

afterAll(() => rmSync(temporary, { recursive: true, force: true }));

/** Runs `parley ARGS` from the bundle with `root` as the temporary folder. */
function parley(args: readonly string[], root = temporary): void {
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", RUN_BUNDLE, "--", ...args], { encoding: "utf8", env: { ...process.env, TMPDIR: root, NODE_DISABLE_COMPILE_CACHE: "" } });
  expect(run.status, run.stderr).toBe(0);
}

const help = (): void => parley(["--help"]);

/** Creates `name` in the cache folder, last used `days` ago. */
function file(name: string, days: number): void {
  const path = join(folder, name);
  writeFileSync(path, "not a cache");
  const at = Date.now() / 1000 - days * DAY_S;
  utimesSync(path, at, at);
}

describe("the bundled CLI's code cache", () => {
  it("is built", () => {
    expect(existsSync("dist/bundle/cli/main.js"), "dist/bundle/cli/main.js is missing: run npm run build").toBe(true);
  });

  it("prunes other builds' files unused for a week, and nothing else", () => {
    mkdirSync(folder, { mode: 0o700 });
    file(`work.cjs${OTHER}`, 30);
    file(`work.cjs${OTHER}.kinds`, 30);
    file(`main.cjs${OTHER}.4242`, 30); // left by a writer that died
    file(`main.cjs${OTHER.replace("v20.0.0", "v22.1.0")}`, 2); // used two days ago
    file("notes.txt", 30);
    file(`old-work.cjs${OTHER}`, 30);
    mkdirSync(join(folder, `work.cjs${OTHER.replace("0123", "4567")}`));
    writeFileSync(join(temporary, "elsewhere.bin"), "");
    symlinkSync(join(temporary, "elsewhere.bin"), join(folder, `work.cjs${OTHER.replace("0123", "89ab")}`));
    const month = Date.now() / 1000 - 30 * DAY_S;
    lutimesSync(join(folder, `work.cjs${OTHER.replace("0123", "89ab")}`), month, month);
    utimesSync(join(folder, `work.cjs${OTHER.replace("0123", "4567")}`), month, month);
    help();
    const after = readdirSync(folder).sort();
    const own = after.filter((name) => name.startsWith("main.cjs-") && !name.includes("-0123456789abcdef-") && name.endsWith(".bin"));
    expect(own).toHaveLength(1); // --help wrote its cache, and the kinds of command it holds
    expect(after).toContain(`${own[0]}.kinds`);
    expect(after.filter((name) => !own.includes(name) && name !== `${own[0]}.kinds`)).toEqual(
      [`main.cjs${OTHER.replace("v20.0.0", "v22.1.0")}`, "notes.txt", `old-work.cjs${OTHER}`, `work.cjs${OTHER.replace("0123", "4567")}`, `work.cjs${OTHER.replace("0123", "89ab")}`].sort(),
    );
    expect(existsSync(join(temporary, "elsewhere.bin"))).toBe(true);

    // The current build's files stay however old; the cache is rewritten only when missing, and prunes then.
    const ownWork = own[0]!.replace(/^main/, "work");
    file(ownWork, 30);
    file(`work.cjs${OTHER}`, 30);
    help();
    expect(existsSync(join(folder, `work.cjs${OTHER}`))).toBe(true);
    rmSync(join(folder, own[0]!));
    help();
    expect(existsSync(join(folder, `work.cjs${OTHER}`))).toBe(false);
    expect(existsSync(join(folder, ownWork))).toBe(true);
    expect(existsSync(join(folder, own[0]!))).toBe(true);
  });

  it("is rewritten once by each other kind of command, with what that one compiled too", () => {
    const root = mkdtempSync(join(temporary, "kinds-"));
    const cacheFolder = join(root, "parley-compile-cache");
    const mainCache = () => readdirSync(cacheFolder).find((name) => name.startsWith("main.cjs-") && name.endsWith(".bin"))!;
    const state = () => ({ kinds: readFileSync(join(cacheFolder, `${mainCache()}.kinds`), "utf8").split("\n"), size: statSync(join(cacheFolder, mainCache())).size, written: statSync(join(cacheFolder, mainCache())).mtimeMs });
    parley(["--help"], root);
    const first = state();
    expect(first.kinds).toEqual(["--help"]);
    parley(["--help"], root);
    expect(state()).toEqual(first); // the same kind: not written again
    parley(["forecast", "test/fixtures/ktab/dummyData_3Dim.csv", "-m", "smp", "--json"], root);
    const second = state();
    expect(second.kinds).toEqual(["--help", "forecast.csv"]);
    expect(second.size).toBeGreaterThan(first.size); // the forecast's functions too
    expect(readFileSync(join(cacheFolder, readdirSync(cacheFolder).find((name) => name.startsWith("forecast.cjs-") && name.endsWith(".kinds"))!), "utf8")).toBe("forecast.csv");
    parley(["forecast", "test/fixtures/ktab/smpExample-deterministic.xml", "-m", "smp", "--json"], root);
    expect(state().kinds).toEqual(["--help", "forecast.csv", "forecast.xml"]);
    parley(["--help"], root);
    expect(state().kinds).toEqual(["--help", "forecast.csv", "forecast.xml"]);
  });
});
