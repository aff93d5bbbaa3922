/** `parley validate FILE...`: located errors for every file, exit 2 when any is invalid. */
import { validateScenarioFile } from "../../files/load.js";
import { counted } from "../../i18n/count.js";
import { diagnosticText } from "../../i18n/problems.js";
import type { Language } from "../../scenario/label.js";
import { formatDiagnostic, type Diagnostic } from "../../scenario/diagnostics.js";
import { EXIT, type CliIo } from "../io.js";

/** Checks each file; `language` is that of the messages (default English), places and paths as they are. */
export function validateCommand(files: readonly string[], io: CliIo, language: Language = "en"): number {
  const zh = language === "zh";
  const say = (d: Diagnostic) => formatDiagnostic({ ...d, message: diagnosticText(d.message, language) });
  let exit: number = EXIT.ok;
  for (const file of files) {
    const result = validateScenarioFile(file);
    for (const warning of result.warnings) io.err(`${zh ? "警告" : "warning"}: ${say(warning)}`);
    if (!result.ok) {
      for (const error of result.errors) io.err(say(error));
      io.err(zh ? `${file}: 无效 (${counted(result.errors.length, "error", language)})` : `${file}: invalid (${counted(result.errors.length, "error")})`);
      exit = EXIT.usage;
      continue;
    }
    const s = result.scenario;
    const stances = Object.values(s.stances).reduce((n, byIssue) => n + Object.keys(byIssue).length, 0);
    const citations = JSON.stringify(s).split('"quote":').length - 1;
    const counts = [counted(s.actors.length, "actor", language), counted(s.issues.length, "issue", language), counted(stances, "stance", language), counted(citations, "citation", language)];
    io.out(zh ? `${file}: 有效 — ${counts.join(", ")}` : `${file}: valid — ${counts.join(", ")}`);
  }
  return exit;
}
