/**
 * The `parley` command line: a thin shell over the library. Exit codes: 0 success,
 * 1 failure while running, 2 bad usage or invalid input. Data goes to stdout, messages to stderr.
 *
 * Start-up is a feature (issue 15): this file only declares commands and their options, and imports
 * nothing heavy. A command's work — and everything it needs (zod, yaml, the importers, the models,
 * the worker pool) — is loaded inside its action, so `parley --help` or a typo costs almost nothing:
 *
 *     program
 *       .command("frobnicate")
 *       .argument("<file>", "scenario file")
 *       .option("--limit <n>", "…", integer("--limit", 1))          // parsers, choices, defaults: from here or ./options.ts
 *       .addOption(fromOption())
 *       .action(async (file: string, opts: FrobnicateOptions) => {
 *         const { frobnicateCommand } = await import("./commands/frobnicate.js");  // the work: loaded now
 *         setExit(await frobnicateCommand(await scenarioInput(file, opts.from), opts, io));
 *       });
 *
 * Work that can start before the input is read (worker threads: `startSamplingWorkers`) starts here too.
 * Static imports here stay light: commander, `./io.js`, `./options.ts`, the error classes (no imports of their own)
 * and types. A constant an option needs (a default, a list of choices) lives in a light module, never in the
 * command's module. `test/cli/startup.test.ts` fails when a static import drags a heavy dependency back in.
 */
import { Command, CommanderError, Option } from "commander";
import { DealError } from "../deals/preferences.js";
import { ModelError } from "../models/types.js";
import { ImportError } from "../importers/errors.js";
import type { InputFormat, NegotiationInputFormat } from "../files/formats.js";
import { OutputExistsError, OutputWriteError } from "../files/write.js";
import { InvalidInputError, formatDiagnostic } from "../scenario/diagnostics.js";
import { SimulationError } from "../simulation/errors.js";
import { STRATEGIES } from "../simulation/negotiators/names.js";
import type { Language } from "../scenario/label.js";
import type { Scenario } from "../scenario/types.js";
import type { BacktestCommandOptions } from "./commands/backtest.js";
import type { ReportFormat } from "./commands/report.js";
import type { SimulateCommandOptions as SimulateOptions } from "./commands/simulate.js";
import { EXIT, UsageError, guardProcessStreams, processIo, type CliIo } from "./io.js";
import { DEFAULT_SENSITIVITY_RUNS, LIMITS, collect, conditionOption, formatOption, fromOption, integer, negotiationFromOption, languageOption, levelOption, optionHelp, positiveNumber, repeat, share } from "./options.js";

type BacktestCliOptions = Omit<BacktestCommandOptions, "progress" | "models"> & { readonly model: string[]; readonly models: string[] };

/** Loads a scenario file of any supported format; only the loaders its format needs (zod, yaml, one importer) are imported, now. */
async function scenarioInput(file: string, from: InputFormat | undefined): Promise<Scenario> {
  const { openInput } = await import("../files/open-input.js");
  return openInput(file, from);
}

function buildProgram(io: CliIo, setExit: (code: number) => void, setLanguage: (language: Language) => void): Command {
  const program = new Command("parley")
    .description("Analyse and forecast multi-party negotiations.")
    .version("0.1.0")
    .showHelpAfterError("(run with --help for usage)")
    .configureHelp({ optionDescription: optionHelp })
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .exitOverride()
    // The language a command was asked to speak (--lang), for the messages of the errors it meets.
    .hook("preAction", (_program, command) => {
      const { lang } = command.opts<{ lang?: Language }>();
      if (lang) setLanguage(lang);
    });

  program
    .command("validate")
    .description("check scenario files; print every problem with its file, line and field")
    .argument("<file...>", "scenario files (YAML or JSON)")
    .addOption(languageOption("language of the messages"))
    .action(async (files: string[], opts: { lang?: Language }) => {
      const { validateCommand } = await import("./commands/validate.js");
      setExit(validateCommand(files, io, opts.lang));
    });

  program
    .command("forecast")
    .description("forecast where the talks settle, with every model or those chosen")
    .argument("<file>", "scenario file")
    .option("-m, --model <id>", "model to run (repeatable, or comma-separated); default: all", collect, [])
    .option("--json", "machine-readable output", false)
    .option("--rounds <n>", "rounds for fixed-round models (EUM, exchange)", integer("--rounds", 1, LIMITS.rounds))
    .option("--random-rate <p>", "exchange model: vary each exchange rate at random by up to this share (0–1), from --seed", share("--random-rate"))
    .option("--seed <n>", "seed for stochastic models and for --runs sampling", integer("--seed", 0, LIMITS.seed))
    .option("--runs <n>", "Monte Carlo: sample the uncertain inputs n times and report the forecast distributions (docs/uncertainty.md)", integer("--runs", 1, LIMITS.runs))
    .option("--workers <n>", "worker threads for --runs, and for SMP on 100+ actors (default: one per core)", integer("--workers", 1, LIMITS.workers))
    .option("--calibration <file>", "each forecast with its interval calibrated on a track record (parley backtest --save-calibration; docs/calibration.md)")
    .addOption(levelOption())
    .addOption(languageOption())
    .addOption(fromOption())
    .action(async (file: string, opts: { model: string[]; json: boolean; rounds?: number; randomRate?: number; seed?: number; runs?: number; workers?: number; calibration?: string; level?: number; lang?: Language; from?: InputFormat }) => {
      const { forecastCommand, withModelParameters } = await import("./commands/forecast.js");
      if (opts.runs !== undefined) (await import("../uncertainty/run.js")).startSamplingWorkers(opts.runs, opts.workers);
      const loaded = await scenarioInput(file, opts.from);
      const scenario = opts.randomRate === undefined ? loaded : withModelParameters(loaded, "exchange", { randomRate: opts.randomRate });
      const options = {
        models: opts.model,
        json: opts.json,
        ...(opts.lang ? { language: opts.lang } : {}),
        ...(opts.rounds !== undefined ? { rounds: opts.rounds } : {}),
        ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
        ...(opts.calibration !== undefined ? { calibration: (await import("../files/load.js")).loadCalibration(opts.calibration) } : {}),
        ...(opts.level !== undefined ? { level: opts.level } : {}),
      };
      if (opts.runs === undefined) setExit(await forecastCommand(scenario, { ...options, ...(opts.workers !== undefined ? { workers: opts.workers } : {}) }, io));
      else setExit(await (await import("./commands/sampling.js")).forecastRunsCommand(scenario, { ...options, runs: opts.runs, ...(opts.workers !== undefined ? { workers: opts.workers } : {}) }, io));
    });

  program
    .command("agreement")
    .description("will they agree at all? the chance of agreement and of each deal, and why talks may fail (docs/agreement.md)")
    .argument("<file>", "scenario file")
    .option("--runs <n>", "Monte Carlo draws over every judgement, red-line credibility included", integer("--runs", 1))
    .option("--seed <n>", "seed of the draws", integer("--seed", 0))
    .option("--step <x>", "grid step of numeric issues (default: their anchors and reference point)", positiveNumber("--step"))
    .option("--workers <n>", "worker threads for --runs (default: one per core)", integer("--workers", 1))
    .option("--json", "machine-readable output", false)
    .addOption(languageOption())
    .addOption(fromOption())
    .action(async (file: string, opts: { runs?: number; seed?: number; step?: number; workers?: number; json: boolean; lang?: Language; from?: InputFormat }) => {
      const { agreementCommand } = await import("./commands/agreement.js");
      const { from, lang, ...rest } = opts;
      setExit(await agreementCommand(await scenarioInput(file, from), { ...rest, ...(lang ? { language: lang } : {}) }, io));
    });

  program
    .command("sensitivity")
    .description("rank the inputs that move each issue's forecast most: tornado swings and first-order variance shares")
    .argument("<file>", "scenario file")
    .option("-m, --model <id>", "model to run (repeatable, or comma-separated); default: all", collect, [])
    .option("--runs <n>", "Monte Carlo samples for the first-order indices", integer("--runs", 1, LIMITS.runs), DEFAULT_SENSITIVITY_RUNS)
    .option("--seed <n>", "seed of the sampling", integer("--seed", 0, LIMITS.seed))
    .option("--rounds <n>", "rounds for fixed-round models (EUM)", integer("--rounds", 1, LIMITS.rounds))
    .option("--workers <n>", "worker threads (default: one per core)", integer("--workers", 1, LIMITS.workers))
    .option("--top <n>", "inputs shown per issue in the table", integer("--top", 1, LIMITS.top), 8)
    .option("--json", "machine-readable output", false)
    .addOption(languageOption())
    .addOption(fromOption())
    .action(
      async (
        file: string,
        opts: { model: string[]; runs: number; seed?: number; rounds?: number; workers?: number; top: number; json: boolean; lang?: Language; from?: InputFormat },
      ) => {
        const { sensitivityCommand } = await import("./commands/sensitivity.js");
        setExit(
          await sensitivityCommand(
            await scenarioInput(file, opts.from),
            {
              models: opts.model,
              json: opts.json,
              runs: opts.runs,
              top: opts.top,
              ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
              ...(opts.rounds !== undefined ? { rounds: opts.rounds } : {}),
              ...(opts.workers !== undefined ? { workers: opts.workers } : {}),
              ...(opts.lang ? { language: opts.lang } : {}),
            },
            io,
          ),
        );
      },
    );

  program
    .command("deal")
    .description("evaluate deals: each actor's gain against its walk-away, criteria met, traps triggered")
    .argument("<file>", "scenario file")
    .option("-d, --deal <id>", "named deal (repeatable); default: every deal in the scenario", collect, [])
    .option("--set <issue=value>", "set an issue's value (repeatable): an ad-hoc deal, or a change to --deal", repeat, [])
    .option("--json", "machine-readable output", false)
    .addOption(languageOption())
    .addOption(fromOption())
    .action(async (file: string, opts: { deal: string[]; set: string[]; json: boolean; lang?: Language; from?: InputFormat }) => {
      const { dealCommand } = await import("./commands/deal.js");
      setExit(dealCommand(await scenarioInput(file, opts.from), { deals: opts.deal, set: opts.set, json: opts.json, ...(opts.lang ? { language: opts.lang } : {}) }, io));
    });

  program
    .command("analyze")
    .description("map the space of agreements: Pareto frontier, Nash, Kalai–Smorodinsky, egalitarian, max welfare")
    .argument("<file...>", "a scenario, or a GENIUS domain with its profiles (GeniusWeb / NegoLog profiles too)")
    .option("--json", "machine-readable output", false)
    .option("--agreement <deal>", "a named deal: outcomes that improve on it for every party")
    .option("--step <n>", "discretise numeric issues every n units (default: at their anchors)", positiveNumber("--step"))
    .option("--parties <ids>", "actor ids of the parties, comma-separated (default: all)", collect, [])
    .addOption(languageOption())
    .addOption(negotiationFromOption())
    .action(async (files: string[], opts: { json: boolean; agreement?: string; step?: number; parties: string[]; from?: NegotiationInputFormat; lang?: Language }) => {
      const { analyzeCommand } = await import("./commands/analyze.js");
      setExit(
        analyzeCommand(
          files,
          {
            json: opts.json,
            parties: opts.parties,
            ...(opts.agreement !== undefined ? { agreement: opts.agreement } : {}),
            ...(opts.step !== undefined ? { step: opts.step } : {}),
            ...(opts.from ? { from: opts.from } : {}),
            ...(opts.lang ? { language: opts.lang } : {}),
          },
          io,
        ),
      );
    });

  program
    .command("simulate")
    .description("play the talks out with negotiating agents (stacked alternating offers): one run with its trace, --runs for Monte Carlo, --tournament for strategy profiles")
    .argument("<file...>", "a scenario, or a GENIUS domain with its profiles (GeniusWeb / NegoLog profiles too)")
    .option("-s, --strategy <actor=name>", `an actor's strategy (repeatable; a bare name sets every party's): ${STRATEGIES.join(", ")}`, repeat, [])
    .option("--deadline <n>", "rounds before the talks break down (default: the scenario's, else 100)", integer("--deadline", 1, LIMITS.rounds))
    .option("--seed <n>", "seed of the collapse draws and of --runs sampling", integer("--seed", 0, LIMITS.seed))
    .option("--runs <n>", "Monte Carlo: n runs over the scenario's uncertainty (agreement rate, outcomes, rounds)", integer("--runs", 1, LIMITS.runs))
    .option("--collapse <q>", "chance that the talks collapse at the end of a round (0 ≤ q < 1)", (v: string) => {
      const q = Number(v);
      if (!(q >= 0 && q < 1)) throw new UsageError(`--collapse expects a number from 0 up to 1 (not 1), got "${v}"`);
      return q;
    })
    .option("--step <n>", "grid step of numeric issues (default: their anchors and reference point)", positiveNumber("--step"))
    .option("--order <ids>", "turn order of the parties, comma-separated (default: scenario order)", collect, [])
    .option("--vary-strategies <names>", "with --runs: every party draws its strategy from these in each run", collect, [])
    .option("--tournament <names>", "run every combination of these strategies over the players and tabulate them", collect, [])
    .option("--players <ids>", "with --tournament: whose strategy varies (default: every party at the table)", collect, [])
    .option("--workers <n>", "worker threads for --runs and --tournament (default: one per core)", integer("--workers", 1, LIMITS.workers))
    .option("--trace", "print every turn (the JSON always has them all)", false)
    .option("--json", "machine-readable output", false)
    .addOption(languageOption())
    .addOption(negotiationFromOption())
    .action(async (files: string[], opts: Omit<SimulateOptions, "language" | "vary"> & { lang?: Language; varyStrategies: string[] }) => {
      const { simulateCommand } = await import("./commands/simulate.js");
      const { lang, varyStrategies, ...rest } = opts;
      setExit(await simulateCommand(files, { ...rest, vary: varyStrategies, ...(lang ? { language: lang } : {}) }, io));
    });

  program
    .command("show")
    .description("print a scenario as a readable summary with its evidence")
    .argument("<file>", "scenario file")
    .addOption(languageOption())
    .addOption(fromOption())
    .action(async (file: string, opts: { lang?: Language; from?: InputFormat }) => {
      const { showCommand } = await import("./commands/show.js");
      setExit(showCommand(await scenarioInput(file, opts.from), opts.lang, io));
    });

  program
    .command("import")
    .description("convert a KTAB SMP file (CSV/XML), an EUM reference CSV, or a GENIUS / GeniusWeb / NegoLog domain with its profiles into a Parley scenario (YAML)")
    .argument("<file...>", "file(s) to import")
    .option("-o, --output <file>", "write the scenario here (default: stdout)")
    .option("--force", "replace the output file if it exists", false)
    .addOption(negotiationFromOption())
    .action(async (files: string[], opts: { output?: string; force: boolean; from?: NegotiationInputFormat }) => {
      const { importCommand } = await import("./commands/import.js");
      setExit(importCommand(files, { force: opts.force, ...(opts.output !== undefined ? { output: opts.output } : {}), ...(opts.from ? { from: opts.from } : {}) }, io));
    });

  program
    .command("backtest")
    .description("score every model against recorded outcomes: a DEU III file (Council weights built in) or a backtest CSV/JSON")
    .argument("<file>", "DEU III TSV, or a CSV/JSON with one row per actor per case")
    .option("--weights <file>", "Council voting weights CSV for DEU files (default: the built-in table)")
    .option("-m, --model <id>", "model to run (repeatable, or comma-separated); default: all", collect, [])
    .addOption(new Option("--models <ids>", "the former spelling of --model").argParser(collect).default([]).hideHelp())
    .option("--json", "machine-readable output", false)
    .option("--per-issue <file>", "write every issue's forecasts to this CSV")
    .option("--force", "replace the --per-issue file if it exists", false)
    .option("--workers <n>", "worker threads (default: all cores when EUM or SMP runs, else 1; 1: no threads)", integer("--workers", 1, LIMITS.workers))
    .addOption(levelOption())
    .addOption(conditionOption())
    .option("--save-calibration <file>", "save this run's track record as a calibration (JSON) for forecast --calibration")
    .option("--calibration <file>", "score intervals calibrated on this saved calibration instead of cross-fitting on FILE")
    .action(async (file: string, opts: BacktestCliOptions) => {
      const { backtestCommand } = await import("./commands/backtest.js");
      const { model, models, ...rest } = opts;
      setExit(await backtestCommand(file, { ...rest, models: [...model, ...models] }, io));
    });

  program
    .command("report")
    .description("a briefing to hand on: forecasts and their spread, deals against criteria and traps, each actor's stake, who stands with whom, every number with its evidence")
    .argument("<file>", "scenario file")
    .addOption(formatOption())
    .option("-o, --output <file>", "write the briefing here (default: stdout)")
    .option("--force", "replace the output file if it exists", false)
    .option("-m, --model <id>", "model to run (repeatable, or comma-separated); default: all", collect, [])
    .option("--claim <actors@issue>", "test a claim that actors stand together, e.g. CHN,DPRK,ROK@alliance (repeatable; without @ISSUE: over all issues)", repeat, [])
    .option("--runs <n>", "add forecast distributions from a Monte Carlo of n samples (docs/uncertainty.md)", integer("--runs", 1, LIMITS.runs))
    .option("--seed <n>", "seed of the Monte Carlo sampling", integer("--seed", 0, LIMITS.seed))
    .option("--calibration <file>", "each forecast with its interval calibrated on a track record (parley backtest --save-calibration; docs/calibration.md)")
    .addOption(levelOption())
    .addOption(languageOption("language of the briefing (default: the scenario's)"))
    .addOption(fromOption())
    .action(async (file: string, opts: { format?: ReportFormat; output?: string; force: boolean; model: string[]; claim: string[]; runs?: number; seed?: number; calibration?: string; level?: number; lang?: Language; from?: InputFormat }) => {
      const { reportCommand } = await import("./commands/report.js");
      if (opts.runs !== undefined) (await import("../uncertainty/run.js")).startSamplingWorkers(opts.runs);
      setExit(
        await reportCommand(
          await scenarioInput(file, opts.from),
          {
            force: opts.force,
            models: opts.model,
            claims: opts.claim,
            ...(opts.format ? { format: opts.format } : {}),
            ...(opts.output !== undefined ? { output: opts.output } : {}),
            ...(opts.lang ? { language: opts.lang } : {}),
            ...(opts.runs !== undefined ? { runs: opts.runs } : {}),
            ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
            ...(opts.calibration !== undefined ? { calibration: (await import("../files/load.js")).loadCalibration(opts.calibration) } : {}),
            ...(opts.level !== undefined ? { level: opts.level } : {}),
          },
          io,
        ),
      );
    });

  program
    .command("schema")
    .description("print the JSON Schema of the scenario format (for editors)")
    .action(async () => {
      const { scenarioJsonSchema } = await import("../scenario/validate.js");
      io.out(JSON.stringify(scenarioJsonSchema(), null, 2));
      setExit(EXIT.ok);
    });

  program
    .command("serve")
    .description("run the workbench: the web app and its HTTP API (docs/api.md) on a local port, until Ctrl-C")
    .option("-p, --port <n>", "port (0: any free port)", integer("--port", 0), 4321)
    .option("--host <host>", "address to listen on; beyond this machine an access token is required", "127.0.0.1")
    .option("--db <file>", "SQLite database (default: parley.db in the user's data folder)")
    .option("--cors <origin>", "let web pages from this one origin call the API")
    .option("--reseed", "replace the stored copies of the bundled scenarios with this Parley's (a new version each; history kept)")
    .action(async (opts: { port: number; host: string; db?: string; cors?: string; reseed?: boolean }) => {
      const { serveCommand } = await import("./commands/serve.js");
      setExit(await serveCommand(opts, io));
    });

  return program;
}

/** Runs the CLI with the given arguments (without `node parley`); resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  let exit: number = EXIT.ok;
  let language: Language = "en";
  if (io === processIo) guardProcessStreams();
  const program = buildProgram(
    io,
    (code) => (exit = code),
    (lang) => (language = lang),
  );
  try {
    await program.parseAsync([...argv], { from: "user" });
    return exit;
  } catch (error) {
    return reportError(error, io, language);
  }
}

/**
 * The one place where a failure becomes a message and an exit code. Input errors — also those raised in
 * a worker thread, which the pools rebuild with their class (`src/parallel/errors.ts`) — print their
 * located message (in the language of the command's --lang), exit 2; anything else is a bug: one line, exit 1, its stack only with PARLEY_DEBUG=1.
 */
async function reportError(error: unknown, io: CliIo, language: Language): Promise<number> {
  if (error instanceof CommanderError) {
    // Help and version are "errors" to commander but successes to the user.
    if (error.code === "commander.helpDisplayed" || error.code === "commander.version" || error.code === "commander.help") return EXIT.ok;
    return EXIT.usage;
  }
  if (error instanceof InvalidInputError) {
    // In another language than English, the messages' words (only then loaded); places and paths as they are.
    const say = language === "en" ? (message: string) => message : (await import("../i18n/problems.js")).diagnosticText;
    for (const d of error.diagnostics) io.err(formatDiagnostic({ ...d, message: say(d.message, language) }));
    return EXIT.usage;
  }
  // A model's inputs that do not allow the run (too few actors, a bad parameter) are invalid input too.
  if (error instanceof UsageError || error instanceof DealError || error instanceof SimulationError || error instanceof ModelError) {
    io.err(`error: ${error.message}`);
    return EXIT.usage;
  }
  if (error instanceof ImportError || error instanceof OutputExistsError) {
    io.err(error.message);
    return EXIT.usage;
  }
  if (error instanceof OutputWriteError) {
    io.err(`error: ${error.message}`);
    return EXIT.failure;
  }
  const debug = process.env["PARLEY_DEBUG"] === "1";
  const what = error instanceof Error ? (debug ? (error.stack ?? error.message) : `${error.name}: ${firstLine(error.message)}`) : String(error);
  io.err(`internal error: ${what} (a bug in Parley: please report it with the command and its input${debug ? "" : "; PARLEY_DEBUG=1 prints where it happened"})`);
  return EXIT.failure;
}

/** The first line of a message (a worker's bug may carry its stack in the message). */
function firstLine(message: string): string {
  return message.split("\n", 1)[0]!;
}
