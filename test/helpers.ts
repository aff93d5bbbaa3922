/**
 * Shared test helpers: reference material (vendored fixtures, or `../shared/` beside the checkout for
 * what may not be redistributed), an in-memory CLI.
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { main } from "../src/cli/main.js";
import type { CliIo } from "../src/cli/io.js";

/** The vendored reference files (test/fixtures/, sources and licences in its NOTICE.md). */
export const FIXTURES = fileURLToPath(new URL("./fixtures/", import.meta.url));

/** `test/fixtures/<relative>`: a vendored reference file, always there. */
export function fixturePath(relative: string): string {
  const path = resolve(FIXTURES, relative);
  if (!existsSync(path)) throw new Error(`fixture test/fixtures/${relative} is missing from the repository`);
  return path;
}

export function readFixture(relative: string): string {
  return readFileSync(fixturePath(relative), "utf8");
}

const announced = new Set<string>();

/**
 * `../shared/<relative>` from the repo root, for material that may not be copied into the repository
 * (GPL data, domains whose terms forbid copying, the Hanoi source text); undefined when it is absent,
 * after printing once why the tests that need it are skipped. Use with `describe.skipIf(!path)`.
 */
export function optionalShared(relative: string, why: string): string | undefined {
  const path = resolve("../shared", relative);
  if (existsSync(path)) return path;
  if (!announced.has(relative)) {
    announced.add(relative);
    console.warn(`skipped: ${why}; they need ../shared/${relative} beside the checkout, which is absent (CI provides it)`);
  }
  return undefined;
}

/** `../shared/<relative>`; throws when absent (call only inside a suite skipped by `optionalShared`). */
export function sharedPath(relative: string): string {
  const path = resolve("../shared", relative);
  if (!existsSync(path)) throw new Error(`reference file ../shared/${relative} is missing`);
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
