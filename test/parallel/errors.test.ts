/**
 * Errors keep their class and fields across threads (src/parallel/errors.ts): an input error raised in a
 * worker reaches the CLI as the input error it is (exit 2, located), a bug as a bug (exit 1, one line).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DealError } from "../../src/deals/preferences.js";
import { ImportError } from "../../src/importers/errors.js";
import { ModelError } from "../../src/models/types.js";
import { reviveError, serializeError } from "../../src/parallel/errors.js";
import { parallelMap } from "../../src/parallel/pool.js";
import { InvalidInputError } from "../../src/scenario/diagnostics.js";
import { SimulationError } from "../../src/simulation/errors.js";
import { main } from "../../src/cli/main.js";
import throwing, { type ThrowingInput } from "./fixtures/throwing-worker.js";

const worker = new URL("./fixtures/throwing-worker.ts", import.meta.url);

/** What a map of 40 inputs with one failing input (on 2 threads) rejects with. */
async function thrownOnThreads(failing: ThrowingInput): Promise<unknown> {
  const inputs: ThrowingInput[] = Array.from({ length: 40 }, (_, i) => (i === 25 ? failing : "none"));
  try {
    await parallelMap<ThrowingInput, number>(worker, inputs, { workers: 2, minParallelInputs: 1 });
  } catch (error) {
    return error;
  }
  throw new Error("the map did not reject");
}

describe("serializeError / reviveError", () => {
  it("rebuilds a library error with its class, message and fields, without formatting the message twice", () => {
    const original = new ImportError("expected a number", "a.csv", 3, "salience", 9);
    const revived = reviveError(structuredClone(serializeError(original)));
    expect(revived).toBeInstanceOf(ImportError);
    expect(revived).toMatchObject({ name: "ImportError", message: "a.csv:3:9: expected a number", file: "a.csv", line: 3, column: 9, field: "salience" });
  });

  it("keeps a bug's class and stack, and says what a non-error was", () => {
    const revived = reviveError(structuredClone(serializeError(new TypeError("x is undefined"))));
    expect(revived).toBeInstanceOf(TypeError);
    expect(revived.stack).toContain("errors.test.ts");
    expect(reviveError(serializeError("boom")).message).toBe("a non-error was thrown: boom");
  });
});

const KINDS = [
  ["import", ImportError, { file: "actors.csv", line: 7, column: 12, field: "salience", message: "actors.csv:7:12: expected a number in the salience column" }],
  ["invalid", InvalidInputError, { diagnostics: [{ file: "s.yaml", line: 3, column: 5, path: "actors.0.capability", message: "expected a number" }] }],
  ["model", ModelError, { message: "SMP needs between 3 and 250 actors; this scenario has 2." }],
  ["deal", DealError, { problem: { kind: "no-reference", issues: ["a"] } }],
  ["simulation", SimulationError, { message: "no party signs the agreement" }],
] as const;

describe("errors raised by a worker module", () => {
  it.each(KINDS)("a %s error, cloned as it crosses a thread, comes back with its class and fields", async (failing, type, fields) => {
    let thrown: unknown;
    try {
      throwing(failing);
    } catch (error) {
      thrown = error;
    }
    const revived = reviveError(structuredClone(serializeError(thrown)));
    expect(revived).toBeInstanceOf(type);
    expect(revived).toMatchObject(fields);
  });
});

// Each map starts its own threads (seconds under tsx on a loaded machine): two maps cover both paths.
describe("errors raised on worker threads", () => {
  it("an input error reaches the main thread with its class and fields", async () => {
    const error = await thrownOnThreads("import");
    expect(error).toBeInstanceOf(ImportError);
    expect(error).toMatchObject(KINDS[0][2]);
  });

  it("a bug reaches the main thread as the error it was, with the worker's stack", async () => {
    const error = (await thrownOnThreads("bug")) as Error;
    expect(error).toBeInstanceOf(TypeError);
    expect(error.stack).toContain("throwing-worker.ts");
  });
});

describe("the CLI's report of a failure", () => {
  /** Runs the CLI in this process on a command whose action throws `error`. */
  const reported = async (error: Error, env: Record<string, string> = {}) => {
    const err: string[] = [];
    const saved = { ...process.env };
    Object.assign(process.env, env);
    try {
      // `schema` runs no worker; the failure is injected where any command's action would throw.
      const io = { out: () => { throw error; }, err: (s: string) => err.push(s), isTty: false };
      const code = await main(["schema"], io as never);
      return { code, stderr: err.join("\n") };
    } finally {
      process.env = saved;
    }
  };

  it("an input error revived from a worker exits 2 with its located message", async () => {
    const revived = reviveError(serializeError(new ImportError("expected a number", "a.csv", 3, "salience", 9)));
    expect(await reported(revived)).toEqual({ code: 2, stderr: "a.csv:3:9: expected a number" });
  });

  it("a bug prints one line, exit 1; its stack only with PARLEY_DEBUG=1", async () => {
    const bug = reviveError(serializeError(new TypeError("Cannot read properties of undefined (reading 'length')")));
    const plain = await reported(bug);
    expect(plain.code).toBe(1);
    expect(plain.stderr.split("\n")).toHaveLength(1);
    expect(plain.stderr).toMatch(/^internal error: TypeError: Cannot read properties of undefined \(reading 'length'\) \(a bug in Parley.*PARLEY_DEBUG=1/);
    const debug = await reported(bug, { PARLEY_DEBUG: "1" });
    expect(debug.code).toBe(1);
    expect(debug.stderr).toContain("errors.test.ts");
  });
});

describe("spawned CLI runs on worker threads", () => {
  it("SMP on two actors with --runs on 2 workers is invalid input: exit 2, one line, no stack", () => {
    const dir = mkdtempSync(join(tmpdir(), "parley-errors-"));
    const file = join(dir, "two.yaml");
    writeFileSync(
      file,
      [
        "parley: 1",
        "id: two",
        "title: Two actors",
        "actors:",
        "  - {id: A, name: A, capability: {value: 1, range: [0.5, 2]}}",
        "  - {id: B, name: B, capability: 1}",
        "issues:",
        "  - {id: x, name: X, scale: {min: 0, max: 100}}",
        "stances:",
        "  A: {x: {position: {value: 0, range: [0, 10]}, salience: 50}}",
        "  B: {x: {position: 100, salience: 50}}",
        "",
      ].join("\n"),
    );
    const run = spawnSync(process.execPath, ["bin/parley.js", "forecast", file, "-m", "smp", "--runs", "100", "--workers", "2"], { encoding: "utf8", timeout: 60_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe("error: SMP needs between 3 and 250 actors; this scenario has 2.\n");
  });
});
