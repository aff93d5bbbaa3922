/** Recognises which GENIUS-family file a text is, from its content alone. */
import { isObject } from "./json.js";

export type GeniusFormat =
  | "genius-domain"
  | "genius-profile"
  | "genius-nonlinear-profile"
  | "geniusweb-domain"
  | "geniusweb-profile"
  | "negolog-profile"
  | "unknown";

/** The format of a file's text; "unknown" when it is none of the supported ones. */
export function detectGeniusFormat(text: string): GeniusFormat {
  const trimmed = text.trimStart();
  if (trimmed.startsWith("<")) {
    if (/<negotiation_template[\s>]/.test(trimmed)) return "genius-domain";
    const utilitySpace = /<utility_space\b[^>]*>/.exec(trimmed);
    if (utilitySpace === null) return "unknown";
    return /type\s*=\s*["']nonlinear["']/i.test(utilitySpace[0]) ? "genius-nonlinear-profile" : "genius-profile";
  }
  if (!trimmed.startsWith("{")) return "unknown";
  let json: unknown;
  try {
    json = JSON.parse(trimmed) as unknown;
  } catch {
    return "unknown";
  }
  if (!isObject(json)) return "unknown";
  if (isObject(json["LinearAdditiveUtilitySpace"])) return "geniusweb-profile";
  if (isObject(json["issuesValues"])) return "geniusweb-domain";
  if (isObject(json["issueWeights"]) && isObject(json["issues"])) return "negolog-profile";
  return "unknown";
}
