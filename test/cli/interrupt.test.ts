/**
 * Ctrl-C on the compiled CLI (`bin/parley.js`, built by `npm run build`), pressed as a user presses it:
 * the command runs on a pseudo-terminal (util-linux `script`, part of every Debian and Ubuntu), so it
 * draws its progress bar; once the bar shows finished work the test types Ctrl-C, which the terminal
 * turns into SIGINT. The run must stop, say what it did and exit 130. The 10 s wait is a guard against a
 * hang, not a measure of speed (that is in docs/cli-limits.md).
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const HANOI = "scenarios/hanoi-2019.yaml";
const CTRL_C = "\u0003";
/** How long a run may take to end after Ctrl-C before the test calls it a hang. */
const HANG_GUARD_MS = 10_000;
/** How long a run may take to show progress (on a loaded machine) before the test gives up on it. */
const START_GUARD_MS = 60_000;

const hasScript = spawnSync("script", ["--version"], { encoding: "utf8" }).status === 0;
if (!hasScript) console.warn("skipped: the Ctrl-C tests need util-linux `script` to give the CLI a terminal, and it is not installed");

interface TerminalRun {
  readonly code: number | null;
  /** Everything the terminal showed (stdout and stderr together, with the progress bar's redraws). */
  readonly screen: string;
}

/** Quotes one argument for `script -c`, which runs it through the shell. */
const quote = (arg: string): string => `'${arg.replace(/'/g, "'\\''")}'`;

/** The progress bars' counts seen so far: `[###---] 120/10000 runs` gives 120. */
function progressShown(screen: string): number {
  const counts = [...screen.matchAll(/\] (\d+)\/\d+ runs/g)].map((m) => Number(m[1]));
  return counts.length > 0 ? Math.max(...counts) : 0;
}

/**
 * Runs `parley ARGS` on a terminal, types Ctrl-C once its progress bar counts finished work, and waits
 * for it to end (failing the test if it does not within HANG_GUARD_MS).
 */
function interruptOnTerminal(args: readonly string[]): Promise<TerminalRun> {
  const command = ["node", "bin/parley.js", ...args].map(quote).join(" ");
  // -q: no banner; -e: script exits with the command's status; -f: the output is passed on at once.
  const child = spawn("script", ["-qefc", command, "/dev/null"], { stdio: ["pipe", "pipe", "pipe"] });
  let screen = "";
  let pressed = false;
  return new Promise((resolve, reject) => {
    let guard = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`parley ${args.join(" ")} showed no progress within ${START_GUARD_MS} ms; the terminal showed:\n${screen}`));
    }, START_GUARD_MS);
    const read = (chunk: Buffer): void => {
      screen += chunk.toString("utf8");
      if (pressed || progressShown(screen) === 0) return;
      pressed = true;
      child.stdin.write(CTRL_C);
      clearTimeout(guard);
      guard = setTimeout(() => {
        child.kill("SIGKILL");
        reject(new Error(`parley ${args.join(" ")} did not end within ${HANG_GUARD_MS} ms of Ctrl-C; the terminal showed:\n${screen}`));
      }, HANG_GUARD_MS);
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(guard);
      child.stdin.destroy();
      if (!pressed) reject(new Error(`parley ${args.join(" ")} ended (status ${code}) before showing progress:\n${screen}`));
      else resolve({ code, screen });
    });
  });
}

describe.skipIf(!hasScript)("Ctrl-C on the compiled CLI", () => {
  it("is built", () => {
    expect(existsSync("dist/cli/main.js"), "dist/cli/main.js is missing: run npm run build").toBe(true);
  });

  it.each([["1"], ["2"]])("forecast --runs 10000000 --workers %s stops and prints the summary of the samples done", async (workers) => {
    const run = await interruptOnTerminal(["forecast", HANOI, "--runs", "10000000", "--workers", workers]);
    expect(run.code).toBe(130);
    const said = /interrupted: the summary covers (\d+) of 10000000 samples/.exec(run.screen);
    expect(said, run.screen).not.toBeNull();
    const covered = Number(said![1]);
    // At least what the progress bar had counted when Ctrl-C came (with 2 workers it used to say 0).
    expect(covered).toBeGreaterThan(0);
    expect(covered).toBeGreaterThanOrEqual(progressShown(run.screen.slice(0, run.screen.indexOf("^C"))));
    expect(run.screen).toContain(`Monte Carlo forecast (${covered} samples, seed 0) — PARTIAL: interrupted after ${covered} of 10000000 samples`);
    expect(run.screen).toContain("Weighted median");
    expect(run.screen).toContain("Expected utility model");
    expect(run.screen).not.toMatch(/Error|\s{4}at /);
  });

  it("report --runs -o FILE interrupted writes nothing: the old FILE is intact, and a new one is not made", async () => {
    const folder = mkdtempSync(join(tmpdir(), "parley-interrupt-"));
    const old = join(folder, "old.md");
    writeFileSync(old, "the previous briefing\n");
    const replacing = await interruptOnTerminal(["report", HANOI, "--runs", "100000", "-o", old, "--force"]);
    expect(replacing.code).toBe(130);
    expect(replacing.screen).toContain(`interrupted: no briefing written (${old} left as it was)`);
    expect(readFileSync(old, "utf8")).toBe("the previous briefing\n");

    const fresh = join(folder, "new.html");
    const creating = await interruptOnTerminal(["report", HANOI, "--runs", "100000", "-o", fresh]);
    expect(creating.code).toBe(130);
    expect(creating.screen).toContain("interrupted: no briefing written");
    // Nothing else in the folder: no new file, no temporary file left beside it.
    expect(readdirSync(folder)).toEqual(["old.md"]);
  });
});
