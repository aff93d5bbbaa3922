/**
 * Every count is capped and parsed strictly, every file read is bounded, every write goes to a regular
 * file only, and failures of the output streams end cleanly (issue 14, section 2).
 */
import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LIMITS } from "../../src/cli/options.js";
import { runCli } from "../helpers.js";

const HANOI = "scenarios/hanoi-2019.yaml";
const temp = (): string => mkdtempSync(join(tmpdir(), "parley-limits-"));
const parley = (args: string[], input?: string) => spawnSync(process.execPath, ["bin/parley.js", ...args], { encoding: "utf8", input, timeout: 30_000, shell: false });

describe("counts", () => {
  it.each([
    ["--runs", "0x10"],
    ["--runs", "1e3"],
    ["--runs", "1.0"],
    ["--runs", "-5"],
    ["--runs", "100000000"],
    ["--runs", "9007199254740993"],
    ["--seed", "1e300"],
    ["--seed", "4294967296"],
    ["--workers", "1000"],
    ["--rounds", "100000000"],
  ])("forecast %s %s is refused with exit 2, naming the limit", async (option, value) => {
    const run = await runCli("forecast", HANOI, option, value, "--model", "eum");
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(new RegExp(`^error: ${option} expects a whole number (from \\d+ to \\d+|≥ \\d+), got "${value.replace(/[.+]/g, "\\$&")}"`));
  });

  it("documents the limits it enforces", () => {
    const doc = readFileSync("docs/cli-limits.md", "utf8");
    for (const value of Object.values(LIMITS)) expect(doc).toContain(value.toLocaleString("en-US"));
  });

  it("accepts the limits themselves and plain numbers", async () => {
    const run = await runCli("forecast", HANOI, "--model", "compromise", "--seed", String(LIMITS.seed), "--json");
    expect(run.code).toBe(0);
    expect((await runCli("sensitivity", HANOI, "--model", "compromise", "--runs", "+20", "--top", String(LIMITS.top), "--json")).code).toBe(0);
  });

  it("SMP with too few actors is invalid input: exit 2", async () => {
    const dir = temp();
    const file = join(dir, "two.yaml");
    writeFileSync(
      file,
      [
        "parley: 1",
        "id: two",
        "title: Two actors",
        "actors:",
        "  - {id: A, name: A, capability: 1}",
        "  - {id: B, name: B, capability: 1}",
        "issues:",
        "  - {id: x, name: X, scale: {min: 0, max: 100}}",
        "stances:",
        "  A: {x: {position: 0, salience: 50}}",
        "  B: {x: {position: 100, salience: 50}}",
        "",
      ].join("\n"),
    );
    const run = await runCli("forecast", file, "--model", "smp");
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/SMP needs between 3 and 250 actors/);
  });
});

describe("grids", () => {
  it.each([
    ["analyze", "1e-9", /^error: --step 1e-9 gives 3\.00e88 outcomes, more than the 1,000,000,000,000,000 parley analyze accepts; use a larger --step\n$/],
    ["analyze", "0.5", /^error: --step 0\.5 gives 7\.99e18 outcomes, more than the 1,000,000,000,000,000 parley analyze accepts/],
    ["agreement", "1e-9", /^error: --step 1e-9 gives 3\.00e88 outcomes, more than the 1,000,000,000,000,000 parley agreement accepts/],
    ["simulate", "1", /^error: --step 1 gives 3\.25e16 outcomes, more than the 2,000,000 parley simulate accepts/],
  ])("%s --step %s is counted before the grid is built and refused with exit 2", async (command, step, message) => {
    const run = await runCli(command, HANOI, "--step", step);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(message);
  });

  it("refuses an issue cut into more values than an issue may have, even when the grid is small", async () => {
    const run = await runCli("analyze", "scenarios/ec-car-emissions.yaml", "--step", "1e-5");
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: --step 0.00001 cuts issue introduction into 600,001 values, more than the 100,000 an issue may have; use a larger --step\n$/);
  });

  it("Hanoi at step 12.5 (129 million outcomes) is searched, not enumerated: the agreements counted and their frontier mapped", async () => {
    const run = await runCli("analyze", HANOI, "--step", "12.5", "--json");
    expect(run.code).toBe(0);
    const analysis = JSON.parse(run.stdout) as { outcomes: number; agreement: { acceptable: number; exact: boolean } };
    expect(analysis.outcomes).toBe(129_140_163);
    expect(analysis.agreement.exact).toBe(true);
    expect(analysis.agreement.acceptable).toBeGreaterThan(0);
  }, 60_000);

  it("Ctrl-C stops a long analysis, having written nothing", async () => {
    const child = spawn(process.execPath, ["bin/parley.js", "analyze", "scenarios/coalition-budget.yaml", "--step", "0.01"], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    child.kill("SIGINT");
    // The whole analysis takes many seconds of CPU and ends with 0: exit 130 says it was stopped.
    const [code, signal] = (await once(child, "exit")) as [number | null, string | null];
    expect(code === 130 || signal === "SIGINT").toBe(true);
    expect(stdout).toBe("");
  }, 30_000);
});

describe("reading", () => {
  it.each(["/dev/zero", "/dev/urandom"])("refuses the device %s at once", async (device) => {
    // Reading either device never ends: the answer coming back at all says it was refused unread.
    const run = await runCli("validate", device);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${device}: is a device; expected a regular file`);
  });

  it("refuses a FIFO without waiting for a writer, and a binary file", () => {
    const dir = temp();
    const fifo = join(dir, "pipe.yaml");
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    const run = parley(["validate", fifo]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("is a FIFO (named pipe); expected a regular file");
    const binary = join(dir, "noise.csv");
    writeFileSync(binary, Buffer.from([0x41, 0x00, 0xff, 0x10, 0x0a]));
    const imported = parley(["import", binary]);
    expect(imported.status).toBe(2);
    expect(imported.stderr).toContain("is a binary file");
    expect(imported.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("writing", () => {
  it("import -o into a missing folder or onto a folder says so, exit 2, nothing written", async () => {
    const dir = temp();
    const missing = await runCli("import", "test/fixtures/ktab/dummyData_3Dim.csv", "-o", join(dir, "no", "such", "out.yaml"));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/the folder .*no[\\/]such does not exist/);
    mkdirSync(join(dir, "folder"));
    const folder = await runCli("import", "test/fixtures/ktab/dummyData_3Dim.csv", "-o", join(dir, "folder"), "--force");
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(/folder is a folder; expected the path of a regular file/);
    expect(readdirSync(dir).sort()).toEqual(["folder"]);
  });

  it("--force replaces a regular file but never a symlink, a FIFO or a device", async () => {
    const dir = temp();
    const target = join(dir, "target.yaml");
    writeFileSync(target, "keep me\n");
    const link = join(dir, "link.yaml");
    symlinkSync(target, link);
    const viaLink = await runCli("import", "test/fixtures/ktab/dummyData_3Dim.csv", "-o", link, "--force");
    expect(viaLink.code).toBe(2);
    expect(viaLink.stderr).toMatch(/is a symbolic link/);
    expect(readFileSync(target, "utf8")).toBe("keep me\n");
    const fifo = join(dir, "pipe.yaml");
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    const overFifo = await runCli("report", HANOI, "-o", fifo, "--force", "--format", "md");
    expect(overFifo.code).toBe(2);
    expect(overFifo.stderr).toMatch(/is a FIFO/);
    const device = await runCli("import", "test/fixtures/ktab/dummyData_3Dim.csv", "-o", "/dev/null", "--force");
    expect(device.code).toBe(2);
    expect(device.stderr).toMatch(/\/dev\/null is a device/);
    const regular = await runCli("import", "test/fixtures/ktab/dummyData_3Dim.csv", "-o", target, "--force");
    expect(regular.code).toBe(0);
    expect(readFileSync(target, "utf8")).toMatch(/^# Imported by parley/);
    expect(readdirSync(dir).sort()).toEqual(["link.yaml", "pipe.yaml", "target.yaml"]);
  });

  it("stops quietly when the reader of stdout goes away (EPIPE) and reports a full disk (ENOSPC)", () => {
    const piped = spawnSync("bash", ["-c", "set -o pipefail; node bin/parley.js schema | head -c1 >/dev/null"], { encoding: "utf8" });
    expect(piped.stderr).toBe("");
    expect(piped.status).toBe(0);
    const full = spawnSync("bash", ["-c", "node bin/parley.js schema > /dev/full"], { encoding: "utf8" });
    expect(full.status).toBe(1);
    expect(full.stderr).toBe("error: cannot write to standard output: no space left on device\n");
  });
});
