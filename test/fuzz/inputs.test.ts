/**
 * Seeded fuzz of every way a file gets in (issue 14): a few thousand mutations of the bundled scenarios and
 * the vendored reference files — bytes flipped, text cut short, lines deleted or doubled, nesting thousands
 * deep, huge numbers, values of the wrong type — fed in process to the library's entry points (scenario
 * validation, every importer, the backtest readers). Each case must end in a scenario or in one of the
 * library's input errors, and each rejection must say where (a line and column, or a field path).
 *
 * A failure prints the seed, the case's index and its mutation; `FUZZ_SEED=<seed> FUZZ_CASES=<n>` re-runs
 * the same cases (`FUZZ_CASE=<index>` just that one). Bounds are count-based — the parsers' own limits on
 * nesting and aliases stop deep inputs, and the mutated texts stay within a few times their seed's size —
 * with only a generous overall guard on time and memory, never a per-case time.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseBacktestCsv, parseBacktestJson } from "../../src/backtest/input.js";
import { loadInputText } from "../../src/files/input.js";
import { COUNCIL_WEIGHTS } from "../../src/importers/council-weights.js";
import { parseCouncilWeights, parseDeu } from "../../src/importers/deu.js";
import { ImportError } from "../../src/importers/errors.js";
import { importGeniusXml } from "../../src/importers/genius/genius-xml.js";
import { ModelError } from "../../src/models/types.js";
import { OutcomeSpaceError } from "../../src/outcomes/space.js";
import { createRng } from "../../src/random.js";
import { InvalidInputError } from "../../src/scenario/diagnostics.js";
import { validateScenario } from "../../src/scenario/validate.js";

const SEED = Number(process.env["FUZZ_SEED"] ?? 20261202);
const CASES = Number(process.env["FUZZ_CASES"] ?? 2000);
const ONLY = process.env["FUZZ_CASE"] === undefined ? undefined : Number(process.env["FUZZ_CASE"]);

/** An entry point: reads a text, returns normally or throws. */
interface Target {
  readonly name: string;
  readonly text: string;
  readonly run: (text: string) => unknown;
}

const read = (path: string): string => readFileSync(path, "utf8");
/** The first lines of a long file: enough for its structure, few enough for thousands of cases. */
const head = (text: string, lines: number): string => text.split("\n").slice(0, lines).join("\n");

const GENIUS_DOMAIN = `<negotiation_template><utility_space number_of_issues="2">
<objective index="0" name="root" type="objective" etype="objective">
  <issue index="1" name="colour" type="discrete" etype="discrete" vtype="discrete">
    <item index="1" value="red"/><item index="2" value="blue"/>
  </issue>
  <issue index="2" name="price" type="integer" etype="integer" vtype="integer" lowerbound="0" upperbound="4"/>
</objective></utility_space></negotiation_template>`;
const GENIUS_PROFILE = `<utility_space>
<objective index="0" name="root" type="objective" etype="objective">
  <issue index="1" name="colour" type="discrete"><item index="1" value="red" evaluation="2"/><item index="2" value="blue" evaluation="8"/></issue>
  <issue index="2" name="price" type="integer" lowerbound="0" upperbound="4"><evaluator ftype="linear" slope="0.3" offset="0.2"/></issue>
  <weight index="1" value="0.6"/><weight index="2" value="0.4"/>
</objective>
<reservation value="0.25"/></utility_space>`;
const BACKTEST_CSV = "case,actor,position,salience,capability,outcome,reference\nc1,A,10,50,1,40,0\nc1,B,90,60,2,40,0\nc1,C,50,\"40\",3,40,0\n";
const WEIGHTS_CSV = `country,v9,v15,v25,v27,v28,p2004,p2007,p2012,p2014a\n${[...COUNCIL_WEIGHTS].map(([country, row]) => [country, ...["v9", "v15", "v25", "v27", "v28", "p2004", "p2007", "p2012", "p2014a"].map((k) => row[k] ?? "")].join(",")).join("\n")}\n`;

const scenario = (file: string): Target => ({ name: file, text: read(file), run: (text) => validateScenario(text, { file }) });
const input = (file: string, text = read(file)): Target => ({ name: file, text, run: (t) => loadInputText(t, file) });

const TARGETS: readonly Target[] = [
  scenario("scenarios/hanoi-2019.yaml"),
  scenario("scenarios/coalition-budget.yaml"),
  scenario("scenarios/ec-car-emissions.yaml"),
  { name: "scenarios/coalition-budget.yaml as JSON", text: JSON.stringify(validOrThrow(read("scenarios/coalition-budget.yaml"))), run: (text) => validateScenario(text, { file: "coalition-budget.json" }) },
  input("scenarios/ec-car-emissions.yaml"),
  input("test/fixtures/ktab/SOE-Pol-Comp.csv"),
  input("test/fixtures/ktab/dummyData_3Dim.csv"),
  input("test/fixtures/ktab/smpExample-deterministic.xml"),
  input("test/fixtures/exchange/input/two_by_two.txt"),
  input("test/fixtures/exchange/input/three_by_two.txt"),
  input("ExampleActors.csv", "Actor,Capability,Position,Salience\nA,0.4,10,0.8\nB,0.3,60,0.5\nC,0.3,90,0.6\n"),
  { name: "test/fixtures/deu/deu3-train.tsv (first 30 lines)", text: head(read("test/fixtures/deu/deu3-train.tsv"), 30), run: (text) => parseDeu(text, "deu.tsv", COUNCIL_WEIGHTS) },
  { name: "council weights", text: WEIGHTS_CSV, run: (text) => parseCouncilWeights(text, "weights.csv") },
  { name: "backtest CSV", text: BACKTEST_CSV, run: (text) => parseBacktestCsv(text, "cases.csv") },
  { name: "backtest JSON", text: JSON.stringify([{ case: "c1", actor: "A", position: 10, salience: 50, capability: 1, outcome: 40 }]), run: (text) => parseBacktestJson(text, "cases.json") },
  { name: "GENIUS domain", text: GENIUS_DOMAIN, run: (text) => importGeniusXml({ text, file: "domain.xml" }, [{ text: GENIUS_PROFILE, file: "a.xml" }, { text: GENIUS_PROFILE, file: "b.xml" }]) },
  { name: "GENIUS profile", text: GENIUS_PROFILE, run: (text) => importGeniusXml({ text: GENIUS_DOMAIN, file: "domain.xml" }, [{ text, file: "a.xml" }, { text: GENIUS_PROFILE, file: "b.xml" }]) },
];

function validOrThrow(text: string): unknown {
  const result = validateScenario(text);
  if (!result.ok) throw new Error("a bundled scenario is invalid");
  return result.scenario;
}

// ---------------------------------------------------------------------------------------------------------
// Mutations

type Rng = () => number;
const pick = <T,>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
const at = (rng: Rng, text: string): number => Math.floor(rng() * (text.length + 1));

const NASTY_CHARS = ["\u0000", "\t", "\r", "\n", '"', "'", ",", ":", "-", "[", "]", "{", "}", "<", ">", "&", "#", "*", "&a", "!", "|", "%", "@", "`", "\\", "\u00a0", "\uFEFF", "\uD800", "é", "中"];
const HUGE_NUMBERS = ["1e309", "-1e309", "1e-400", "9007199254740993", "99999999999999999999999999999", "-0", "NaN", "Infinity", "0x10", "1_000", ".", "-", "1e3", "4294967296"];
const WRONG_TYPES = ["[]", "{}", "null", "~", "true", '""', "[1, [2, [3]]]", "{a: {b: {c: 1}}}", "!!binary AAAA", "&x 1", "*x", "<<: *x", "'quoted'", "[", "{"];

/** A deep nesting in the text's own syntax, inserted at a random place. */
function deepNesting(rng: Rng, name: string): string {
  const depth = pick(rng, [65, 200, 2000, 20000]);
  if (name.endsWith(".xml") || name.startsWith("GENIUS")) return "<a>".repeat(depth) + "</a>".repeat(rng() < 0.5 ? depth : 0);
  return pick(rng, ["[".repeat(depth) + "]".repeat(depth), "{a: ".repeat(depth) + "}".repeat(depth), Array.from({ length: Math.min(depth, 400) }, (_, i) => `${"  ".repeat(i)}- `).join("\n")]);
}

/** One mutation of `text`: the mutated text and what was done, to print on failure. */
function mutate(rng: Rng, target: Target): { text: string; what: string } {
  const { text, name } = target;
  const lines = text.split("\n");
  const line = Math.floor(rng() * lines.length);
  const kind = Math.floor(rng() * 10);
  switch (kind) {
    case 0: {
      const count = 1 + Math.floor(rng() * 8);
      let out = text;
      const places: number[] = [];
      for (let k = 0; k < count; k++) {
        const p = Math.floor(rng() * out.length);
        places.push(p);
        out = out.slice(0, p) + pick(rng, NASTY_CHARS) + out.slice(p + 1);
      }
      return { text: out, what: `characters replaced at ${places.join(", ")}` };
    }
    case 1: {
      const p = at(rng, text);
      return { text: text.slice(0, p), what: `cut at character ${p}` };
    }
    case 2: {
      const count = 1 + Math.floor(rng() * 3);
      return { text: [...lines.slice(0, line), ...lines.slice(line + count)].join("\n"), what: `lines ${line + 1}–${line + count} deleted` };
    }
    case 3: {
      const times = pick(rng, [1, 2, 50]);
      return { text: [...lines.slice(0, line + 1), ...Array<string>(times).fill(lines[line]!), ...lines.slice(line + 1)].join("\n"), what: `line ${line + 1} repeated ${times} more times` };
    }
    case 4: {
      const p = at(rng, text);
      const nest = deepNesting(rng, name);
      return { text: text.slice(0, p) + nest + text.slice(p), what: `nesting of ${nest.length} characters inserted at ${p}` };
    }
    case 5:
    case 6: {
      const numbers = [...text.matchAll(/-?\d+(\.\d+)?/g)];
      if (numbers.length === 0) return { text: text + pick(rng, HUGE_NUMBERS), what: "a number appended" };
      const match = pick(rng, numbers);
      const huge = pick(rng, HUGE_NUMBERS);
      return { text: text.slice(0, match.index) + huge + text.slice(match.index + match[0].length), what: `number at ${match.index} replaced by ${huge}` };
    }
    case 7: {
      const values = [...text.matchAll(/(: |=|\t|,)([^\s,\t\n]+)/g)];
      if (values.length === 0) return { text: text + pick(rng, WRONG_TYPES), what: "a value appended" };
      const match = pick(rng, values);
      const wrong = pick(rng, WRONG_TYPES);
      const start = match.index + match[1]!.length;
      return { text: text.slice(0, start) + wrong + text.slice(start + match[2]!.length), what: `value at ${start} replaced by ${wrong}` };
    }
    case 8: {
      const other = Math.floor(rng() * lines.length);
      const swapped = [...lines];
      [swapped[line], swapped[other]] = [swapped[other]!, swapped[line]!];
      return { text: swapped.join("\n"), what: `lines ${line + 1} and ${other + 1} swapped` };
    }
    default: {
      const p = at(rng, text);
      const other = pick(rng, TARGETS).text;
      const q = at(rng, other);
      return { text: text.slice(0, p) + other.slice(q, q + 200), what: `cut at ${p} and joined to 200 characters of another file` };
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Checks

/** Why an outcome breaks the contract, or undefined when it keeps it. */
function breach(outcome: { ok: true; value: unknown } | { ok: false; error: unknown }): string | undefined {
  if (outcome.ok) {
    const value = outcome.value as { ok?: boolean; errors?: readonly { line: number; column: number; path: string; message: string }[] } | undefined;
    if (value && value.ok === false) return unlocated(value.errors ?? []);
    return undefined;
  }
  const { error } = outcome;
  if (error instanceof InvalidInputError) return error.diagnostics.length === 0 ? "an InvalidInputError with no diagnostic" : unlocated(error.diagnostics);
  if (error instanceof ImportError) return error.line !== undefined || error.field !== undefined ? undefined : `an ImportError without a line or field: ${error.message}`;
  if (error instanceof ModelError || error instanceof OutcomeSpaceError) return undefined;
  return `not an input error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
}

function unlocated(diagnostics: readonly { line: number; column: number; path: string; message: string }[]): string | undefined {
  const bad = diagnostics.find((d) => !(d.line > 0 && d.column > 0) && d.path === "");
  return bad ? `a diagnostic with neither line and column nor field: ${bad.message}` : undefined;
}

interface Failure {
  readonly index: number;
  readonly target: string;
  readonly what: string;
  readonly problem: string;
  readonly excerpt: string;
}

describe("fuzzed inputs", () => {
  it(`${CASES} mutations of the bundled scenarios and reference files end in a scenario or a located input error (seed ${SEED})`, () => {
    for (const target of TARGETS) expect(breach(attempt(target, target.text)), `${target.name} as shipped`).toBeUndefined();
    const rng = createRng(SEED);
    const failures: Failure[] = [];
    const started = performance.now();
    let longest = 0;
    for (let index = 0; index < CASES; index++) {
      const target = pick(rng, TARGETS);
      const mutation = mutate(rng, target);
      longest = Math.max(longest, mutation.text.length);
      if (ONLY !== undefined && index !== ONLY) continue;
      const problem = breach(attempt(target, mutation.text));
      if (problem) failures.push({ index, target: target.name, what: mutation.what, problem, excerpt: JSON.stringify(mutation.text.slice(0, 300)) });
    }
    const elapsed = performance.now() - started;
    const report = failures
      .slice(0, 10)
      .map((f) => `case ${f.index} (FUZZ_SEED=${SEED} FUZZ_CASES=${f.index + 1} FUZZ_CASE=${f.index}): ${f.target}, ${f.what}\n  ${f.problem.split("\n").slice(0, 4).join("\n  ")}\n  text: ${f.excerpt}`)
      .join("\n");
    expect(failures.length, `${failures.length} of ${CASES} cases broke the contract (seed ${SEED}):\n${report}`).toBe(0);
    // Count-based bounds: no mutated text much larger than its seed's; only a generous overall guard on time and memory.
    expect(longest).toBeLessThan(3_000_000);
    expect(elapsed, "the whole fuzz run, a guard against a runaway case (not a benchmark)").toBeLessThan(600_000);
    expect(process.memoryUsage().heapUsed).toBeLessThan(1.5 * 1024 ** 3);
  }, 900_000);
});

function attempt(target: Target, text: string): { ok: true; value: unknown } | { ok: false; error: unknown } {
  try {
    return { ok: true, value: target.run(text) };
  } catch (error) {
    return { ok: false, error };
  }
}

/** Cases the fuzz found, kept whatever the seed. */
describe("fuzz regressions", () => {
  it("3,000 levels of block lists inside a scenario, which overflowed the YAML parser's stack, are refused where they nest too deep", () => {
    const text = read("scenarios/ec-car-emissions.yaml");
    const nest = Array.from({ length: 3000 }, (_, i) => `${"  ".repeat(i)}- `).join("\n");
    const result = validateScenario(text.slice(0, 1911) + nest + text.slice(1911), { file: "deep.yaml" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]!.message).toMatch(/nested more than 64 levels deep/);
    expect(result.errors[0]!.line).toBeGreaterThan(1);
  });

  it("a Decide file cut short after its first actor says where the missing rows belong", () => {
    const file = "test/fixtures/exchange/input/two_by_two.txt";
    const error = attempt(input(file), read(file).slice(0, 21));
    expect(error.ok).toBe(false);
    if (error.ok) return;
    expect(error.error).toBeInstanceOf(ImportError);
    expect(error.error).toMatchObject({ line: 1, field: "#A", column: 1 });
  });
});
