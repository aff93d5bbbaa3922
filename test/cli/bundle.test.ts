/**
 * The installed `parley` runs the bundled build (`dist/bundle/`, made by `npm run build`), whose worker
 * threads run bundled code too. Each command here must print exactly what the CLI prints from the sources.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers.js";

const HANOI = "scenarios/hanoi-2019.yaml";
/** The bundle itself, whatever bin/parley.js would pick. */
const RUN_BUNDLE = 'import { main } from "./dist/bundle/cli/main.js"; process.exitCode = await main(process.argv.slice(1));';
const bad = join(mkdtempSync(join(tmpdir(), "parley-bundle-")), "bad.yaml");
writeFileSync(bad, "parley: 1\nid: x\ntitle: X\nactors: []\n");

const COMMANDS: string[][] = [
  ["forecast", HANOI, "--json"],
  ["forecast", HANOI, "--runs", "200", "--seed", "4", "--workers", "2", "--json"],
  ["sensitivity", HANOI, "--runs", "100", "--workers", "2", "-m", "smp,median", "--json"],
  ["deal", HANOI, "--lang", "zh"],
  ["analyze", HANOI, "--parties", "USA,DPRK", "--json"],
  ["show", "scenarios/ec-car-emissions.yaml"],
  ["report", HANOI, "--format", "md", "--runs", "100"],
  ["validate", bad],
  ["schema"],
  ["forecast", HANOI, "--model", "nope"],
];

describe("the bundled CLI", () => {
  it("is built", () => {
    expect(existsSync("dist/bundle/cli/main.js"), "dist/bundle/cli/main.js is missing: run npm run build").toBe(true);
  });

  it.each(COMMANDS.map((args) => [args.join(" "), args] as const))("parley %s: same output as from the sources", async (_name, args) => {
    const bundled = spawnSync(process.execPath, ["--input-type=module", "-e", RUN_BUNDLE, ...args], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    const sources = await runCli(...args);
    expect(bundled.stderr).toBe(sources.stderr);
    expect(bundled.stdout).toBe(sources.stdout);
    expect(bundled.status).toBe(sources.code);
  });
});
