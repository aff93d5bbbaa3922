/** Shared test helpers: paths to reference material beside the checkout, an in-memory CLI. */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { main } from "../src/cli/main.js";
import type { CliIo } from "../src/cli/io.js";

/** `../shared/<relative>` from the repo root; fails clearly when the reference folder is absent. */
export function sharedPath(relative: string): string {
  const path = resolve("../shared", relative);
  if (!existsSync(path)) {
    throw new Error(`reference file ../shared/${relative} is missing: these tests need the shared reference folder beside the checkout (CI provides it)`);
  }
  return path;
}

export function readShared(relative: string): string {
  return readFileSync(sharedPath(relative), "utf8");
}

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in-process with captured output. */
export async function runCli(...args: string[]): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    out: (t) => (stdout += t.endsWith("\n") ? t : `${t}\n`),
    err: (t) => (stderr += t.endsWith("\n") ? t : `${t}\n`),
    isTty: false,
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

/** Parses a small CSV with a header row into records (reference files have no quoted commas). */
export function parseSimpleCsv(text: string): Record<string, string>[] {
  const [header, ...rows] = text.trim().split(/\r?\n/);
  const names = header!.split(",");
  return rows.map((row) => Object.fromEntries(row.split(",").map((cell, i) => [names[i]!, cell])));
}
