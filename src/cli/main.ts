/**
 * The `parley` command line: a thin shell over the library. Exit codes: 0 success,
 * 1 failure while running, 2 bad usage or invalid input. Data goes to stdout, messages to stderr.
 */
import { Command, CommanderError, Option } from "commander";
import { DealError } from "../deals/preferences.js";
import { ModelError } from "../models/types.js";
import { ImportError } from "../importers/errors.js";
import { INPUT_FORMATS, loadInput, type InputFormat } from "../node/input.js";
import { OutputExistsError } from "../node/write.js";
import { InvalidInputError, formatDiagnostic } from "../scenario/diagnostics.js";
import { scenarioJsonSchema } from "../scenario/validate.js";
import { analyzeCommand } from "./commands/analyze.js";
import { dealCommand } from "./commands/deal.js";
import { forecastCommand } from "./commands/forecast.js";
import { importCommand } from "./commands/import.js";
import { showCommand } from "./commands/show.js";
import { validateCommand } from "./commands/validate.js";
import { EXIT, UsageError, processIo, type CliIo } from "./io.js";

function integer(name: string, min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new UsageError(`${name} expects a whole number ≥ ${min}, got "${value}"`);
    return n;
  };
}

const collect = (value: string, previous: string[]): string[] => [...previous, ...value.split(",").filter((v) => v !== "")];
const languageOption = () => new Option("--lang <language>", "language of labels").choices(["en", "zh"]);
const fromOption = () => new Option("--from <format>", "input format (default: detected from the content)").choices([...INPUT_FORMATS]);

function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command("parley")
    .description("Analyse and forecast multi-party negotiations.")
    .version("0.1.0")
    .showHelpAfterError("(run with --help for usage)")
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .exitOverride();

  program
    .command("validate")
    .description("check scenario files; print every problem with its file, line and field")
    .argument("<file...>", "scenario files (YAML or JSON)")
    .action((files: string[]) => setExit(validateCommand(files, io)));

  program
    .command("forecast")
    .description("forecast where the talks settle, with every model or those chosen")
    .argument("<file>", "scenario file")
    .option("-m, --model <id>", "model to run (repeatable, or comma-separated); default: all", collect, [])
    .option("--json", "machine-readable output", false)
    .option("--rounds <n>", "rounds for fixed-round models (EUM)", integer("--rounds", 1))
    .option("--seed <n>", "seed for stochastic models", integer("--seed", 0))
    .addOption(languageOption())
    .addOption(fromOption())
    .action((file: string, opts: { model: string[]; json: boolean; rounds?: number; seed?: number; lang?: "en" | "zh"; from?: InputFormat }) => {
      setExit(
        forecastCommand(
          loadInput(file, opts.from),
          {
            models: opts.model,
            json: opts.json,
            ...(opts.lang ? { language: opts.lang } : {}),
            ...(opts.rounds !== undefined ? { rounds: opts.rounds } : {}),
            ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
          },
          io,
        ),
      );
    });

  program
    .command("deal")
    .description("evaluate deals: each actor's gain against its walk-away, criteria met, traps triggered")
    .argument("<file>", "scenario file")
    .option("-d, --deal <id>", "named deal (repeatable); default: every deal in the scenario", collect, [])
    .option("--set <issue=value>", "set an issue's value (repeatable): an ad-hoc deal, or a change to --deal", (v: string, p: string[]) => [...p, v], [])
    .option("--json", "machine-readable output", false)
    .addOption(languageOption())
    .addOption(fromOption())
    .action((file: string, opts: { deal: string[]; set: string[]; json: boolean; lang?: "en" | "zh"; from?: InputFormat }) =>
      setExit(dealCommand(loadInput(file, opts.from), { deals: opts.deal, set: opts.set, json: opts.json, ...(opts.lang ? { language: opts.lang } : {}) }, io)),
    );

  program
    .command("analyze")
    .description("map the space of agreements: Pareto frontier, Nash, Kalai–Smorodinsky, egalitarian, max welfare")
    .argument("<file...>", "a scenario, or a GENIUS domain with its profiles (GeniusWeb / NegoLog profiles too)")
    .option("--json", "machine-readable output", false)
    .option("--agreement <deal>", "a named deal: outcomes that improve on it for every party")
    .option("--step <n>", "discretise numeric issues every n units (default: at their anchors)", (v: string) => {
      const n = Number(v);
      if (!(n > 0)) throw new UsageError(`--step expects a number > 0, got "${v}"`);
      return n;
    })
    .option("--parties <ids>", "actor ids of the parties, comma-separated (default: all)", collect, [])
    .addOption(fromOption())
    .action((files: string[], opts: { json: boolean; agreement?: string; step?: number; parties: string[]; from?: InputFormat }) =>
      setExit(
        analyzeCommand(
          files,
          {
            json: opts.json,
            parties: opts.parties,
            ...(opts.agreement !== undefined ? { agreement: opts.agreement } : {}),
            ...(opts.step !== undefined ? { step: opts.step } : {}),
            ...(opts.from ? { from: opts.from } : {}),
          },
          io,
        ),
      ),
    );

  program
    .command("show")
    .description("print a scenario as a readable summary with its evidence")
    .argument("<file>", "scenario file")
    .addOption(languageOption())
    .addOption(fromOption())
    .action((file: string, opts: { lang?: "en" | "zh"; from?: InputFormat }) => setExit(showCommand(loadInput(file, opts.from), opts.lang, io)));

  program
    .command("import")
    .description("convert a KTAB SMP file (CSV/XML), an EUM reference CSV, or a GENIUS / GeniusWeb / NegoLog domain with its profiles into a Parley scenario (YAML)")
    .argument("<file...>", "file(s) to import")
    .option("-o, --output <file>", "write the scenario here (default: stdout)")
    .option("--force", "replace the output file if it exists", false)
    .addOption(fromOption())
    .action((files: string[], opts: { output?: string; force: boolean; from?: InputFormat }) =>
      setExit(importCommand(files, { force: opts.force, ...(opts.output !== undefined ? { output: opts.output } : {}), ...(opts.from ? { from: opts.from } : {}) }, io)),
    );

  program
    .command("schema")
    .description("print the JSON Schema of the scenario format (for editors)")
    .action(() => {
      io.out(JSON.stringify(scenarioJsonSchema(), null, 2));
      setExit(EXIT.ok);
    });

  return program;
}

/** Runs the CLI with the given arguments (without `node parley`); resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  let exit: number = EXIT.ok;
  const program = buildProgram(io, (code) => (exit = code));
  try {
    await program.parseAsync([...argv], { from: "user" });
    return exit;
  } catch (error) {
    return reportError(error, io);
  }
}

function reportError(error: unknown, io: CliIo): number {
  if (error instanceof CommanderError) {
    // Help and version are "errors" to commander but successes to the user.
    if (error.code === "commander.helpDisplayed" || error.code === "commander.version" || error.code === "commander.help") return EXIT.ok;
    return EXIT.usage;
  }
  if (error instanceof InvalidInputError) {
    for (const d of error.diagnostics) io.err(formatDiagnostic(d));
    return EXIT.usage;
  }
  if (error instanceof UsageError) {
    io.err(`error: ${error.message}`);
    return EXIT.usage;
  }
  if (error instanceof ImportError || error instanceof OutputExistsError) {
    io.err(error.message);
    return EXIT.usage;
  }
  if (error instanceof DealError) {
    io.err(`error: ${error.message}`);
    return EXIT.usage;
  }
  if (error instanceof ModelError) {
    io.err(`error: ${error.message}`);
    return EXIT.failure;
  }
  io.err(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  io.err("This is a bug in Parley; please report it with the command and input that caused it.");
  return EXIT.failure;
}
