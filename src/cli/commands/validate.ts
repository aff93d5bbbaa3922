/** `parley validate FILE...`: located errors for every file, exit 2 when any is invalid. */
import { validateScenarioFile } from "../../files/load.js";
import { counted } from "../../i18n/count.js";
import { formatDiagnostic } from "../../scenario/diagnostics.js";
import { EXIT, type CliIo } from "../io.js";

export function validateCommand(files: readonly string[], io: CliIo): number {
  let exit: number = EXIT.ok;
  for (const file of files) {
    const result = validateScenarioFile(file);
    for (const warning of result.warnings) io.err(`warning: ${formatDiagnostic(warning)}`);
    if (!result.ok) {
      for (const error of result.errors) io.err(formatDiagnostic(error));
      io.err(`${file}: invalid (${counted(result.errors.length, "error")})`);
      exit = EXIT.usage;
      continue;
    }
    const s = result.scenario;
    const stances = Object.values(s.stances).reduce((n, byIssue) => n + Object.keys(byIssue).length, 0);
    const citations = JSON.stringify(s).split('"quote":').length - 1;
    io.out(`${file}: valid — ${counted(s.actors.length, "actor")}, ${counted(s.issues.length, "issue")}, ${counted(stances, "stance")}, ${counted(citations, "citation")}`);
  }
  return exit;
}
