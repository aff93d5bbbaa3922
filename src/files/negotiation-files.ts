/**
 * Reading negotiation domains from GENIUS XML, GeniusWeb JSON and NegoLog JSON files: the file
 * kinds are told apart by content; parties come in the order the profiles are given.
 */
import { basename } from "node:path";
import { ImportError } from "../importers/errors.js";
import { detectGeniusFormat, importGeniusWeb, importGeniusXml, importNegoLog, type ImportedNegotiation, type SourceText } from "../importers/genius/index.js";
import type { NegotiationInputFormat } from "./formats.js";
import { readTextFile, readTextOrThrow } from "./load.js";

/** True when the file looks like one of the GENIUS family's formats. */
export function isNegotiationFile(text: string): boolean {
  return detectGeniusFormat(text) !== "unknown";
}

/** Whether files are a GENIUS-family negotiation: named so with `--from genius`, else judged by the first file's content. */
export function isNegotiationInput(files: readonly string[], from?: NegotiationInputFormat): boolean {
  if (from !== undefined) return from === "genius";
  const first = readTextFile(files[0]!);
  return "text" in first && isNegotiationFile(first.text);
}

export function loadNegotiation(paths: readonly string[]): ImportedNegotiation {
  const sources = paths.map((path): SourceText & { format: ReturnType<typeof detectGeniusFormat> } => {
    const text = readTextOrThrow(path);
    return { text, file: path, name: basename(path).replace(/\.[^.]+$/, ""), format: detectGeniusFormat(text) };
  });
  const unknown = sources.find((s) => s.format === "unknown");
  if (unknown) throw new ImportError("is not a GENIUS, GeniusWeb or NegoLog file (expected a domain or a profile)", unknown.file);
  const domains = sources.filter((s) => s.format === "genius-domain" || s.format === "geniusweb-domain");
  const profiles = sources.filter((s) => s.format !== "genius-domain" && s.format !== "geniusweb-domain");
  if (profiles.length < 2) throw new ImportError(`expected at least two profiles, got ${profiles.length}`, paths.join(", "));
  if (domains.length > 1) throw new ImportError("expected at most one domain file", domains.map((d) => d.file).join(", "));
  const domain = domains[0];
  if (profiles.every((p) => p.format === "genius-profile" || p.format === "genius-nonlinear-profile")) {
    if (!domain || domain.format !== "genius-domain") throw new ImportError("GENIUS profiles need their domain file (the one with <negotiation_template>)", paths.join(", "));
    return importGeniusXml(domain, profiles);
  }
  if (profiles.every((p) => p.format === "geniusweb-profile")) return importGeniusWeb(profiles, domain);
  if (profiles.every((p) => p.format === "negolog-profile")) return importNegoLog(profiles);
  throw new ImportError("the profiles are of different formats; give profiles of one format", paths.join(", "));
}
