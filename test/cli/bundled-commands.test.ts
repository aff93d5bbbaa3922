/**
 * Every bundled scenario works with every command (issue 14): each command that reads a scenario runs on
 * each file of scenarios/ and exits 0, with small counts so that the loop stays quick. A new command or
 * a new bundled scenario joins the loop by being listed here or dropped into scenarios/.
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadScenario } from "../../src/files/load.js";
import { runCli } from "../helpers.js";

const BUNDLED = readdirSync("scenarios").filter((f) => /\.ya?ml$/.test(f)).map((f) => join("scenarios", f));
const out = mkdtempSync(join(tmpdir(), "parley-bundled-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** Each command with the arguments that keep it small; `deal` on a scenario without deals sets its first issue. */
function commands(file: string): [string, string[]][] {
  const scenario = loadScenario(file);
  const first = scenario.issues[0]!;
  const set = first.kind === "options" ? first.options[0]!.id : String((first.min + first.max) / 2);
  const step = (first.kind === "numeric" ? first.max - first.min : 100) / 2;
  return [
    ["validate", [file]],
    ["show", [file]],
    ["forecast", [file]],
    ["forecast", [file, "--runs", "20", "--seed", "1", "--workers", "1"]],
    ["agreement", [file]],
    ["sensitivity", [file, "--runs", "20", "--workers", "1", "-m", "compromise"]],
    ["deal", scenario.deals.length > 0 ? [file] : [file, "--set", `${first.id}=${set}`]],
    ["analyze", [file]],
    ...(scenario.deals.length > 0 ? ([["analyze", [file, "--agreement", scenario.deals[0]!.id]]] as [string, string[]][]) : []),
    ["simulate", [file, "--step", String(step)]],
    ["simulate", [file, "--step", String(step), "--runs", "5", "--seed", "1", "--workers", "1"]],
    ["report", [file, "-m", "compromise", "-o", join(out, `${scenario.id}.html`), "--force"]],
    ["report", [file, "-m", "compromise", "--format", "md"]],
  ];
}

describe.each(BUNDLED)("%s", (file) => {
  it.each(commands(file).map(([command, args]) => [`${command} ${args.slice(1).join(" ")}`.trim(), command, args] as const))("parley %s", async (_name, command, args) => {
    const run = await runCli(command, ...args);
    expect(run.stderr, `${command} ${args.join(" ")}`).not.toMatch(/internal error|^error:/m);
    expect(run.code, `${command} ${args.join(" ")}: ${run.stderr}`).toBe(0);
  });
});
