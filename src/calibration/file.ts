/**
 * Reading and writing calibration files (JSON): strict, with every problem located by line, column
 * and field. Pure: text in, calibration out.
 */
import { z } from "zod";
import { counted } from "../i18n/count.js";
import { InvalidInputError } from "../scenario/diagnostics.js";
import { parseLocated, type LocatedDocument } from "../scenario/document.js";
import { zodIssuesToDiagnostics } from "../scenario/zod-diagnostics.js";
import type { Language } from "../scenario/label.js";
import { CALIBRATION_FORMAT, CALIBRATION_VERSION, type Calibration } from "./calibration.js";
import { CONDITION_IDS } from "./features.js";

const error = z.number().finite().min(0);
const ascendingErrors = z
  .array(error)
  .refine((values) => values.every((v, i) => i === 0 || values[i - 1]! <= v), { message: "expected the errors in ascending order" });

const calibrationSchema = z.strictObject({
  format: z.literal(CALIBRATION_FORMAT),
  version: z.literal(CALIBRATION_VERSION),
  source: z.strictObject({ file: z.string().optional(), issues: z.number().int().min(0), groups: z.number().int().min(0) }),
  condition: z.enum(CONDITION_IDS as [string, ...string[]]).optional(),
  scale: z.strictObject({ min: z.number().finite(), max: z.number().finite() }).refine((s) => s.max > s.min, { message: "expected max > min" }),
  models: z.record(
    z.string(),
    z
      .strictObject({ n: z.number().int().min(0), errors: ascendingErrors, categories: z.record(z.string(), ascendingErrors).optional() })
      .refine((m) => m.n === m.errors.length, { message: "expected n to be the number of errors" }),
  ),
});

/**
 * Checks a calibration in a parsed JSON document: the whole document, or its field `at` (a calibration
 * sent inside a request). Throws InvalidInputError with every problem, located in the document.
 */
export function checkCalibration(doc: LocatedDocument, at?: string): Calibration {
  const value = at === undefined ? doc.value : (doc.value as Record<string, unknown> | null)?.[at];
  if (typeof value !== "object" || value === null || (value as Record<string, unknown>)["format"] !== CALIBRATION_FORMAT) {
    throw new InvalidInputError([doc.diagnostic(at === undefined ? [] : [at], `not a Parley calibration; expected a JSON object with "format": "${CALIBRATION_FORMAT}" (written by parley backtest --save-calibration)`)]);
  }
  // Within a request, the calibration is checked in place so that every problem keeps its path and line.
  const schema = at === undefined ? calibrationSchema : z.looseObject({ [at]: calibrationSchema });
  const parsed = schema.safeParse(doc.value);
  if (!parsed.success) throw new InvalidInputError(zodIssuesToDiagnostics(parsed.error.issues, doc, z.toJSONSchema(schema, { io: "input", unrepresentable: "any" })));
  return (at === undefined ? parsed.data : (parsed.data as Record<string, unknown>)[at]) as Calibration;
}

/** Reads a calibration file. Throws InvalidInputError with every problem, located. */
export function parseCalibration(text: string, file: string): Calibration {
  const doc = parseLocated(text, file);
  if (doc.syntaxErrors.length > 0) throw new InvalidInputError(doc.syntaxErrors);
  return checkCalibration(doc);
}

/** A calibration as JSON text (errors rounded to 1e-9 so files stay readable and stable). */
export function calibrationJson(calibration: Calibration): string {
  const round = (values: readonly number[]): number[] => values.map((v) => Math.round(v * 1e9) / 1e9);
  const models = Object.fromEntries(
    Object.entries(calibration.models).map(([id, m]) => [
      id,
      { n: m.n, errors: round(m.errors), ...(m.categories ? { categories: Object.fromEntries(Object.entries(m.categories).map(([k, v]) => [k, round(v)])) } : {}) },
    ]),
  );
  return `${JSON.stringify({ ...calibration, models }, null, 1)}\n`;
}

/** Where a calibration comes from, in a few words: "deu3-train.tsv, 207 issues in 83 groups" (zh: "deu3-train.tsv，207 个议题，分属 83 组"). */
export function calibrationSource(calibration: Calibration, language: Language = "en"): string {
  const { file, issues, groups } = calibration.source;
  const condition = calibration.condition;
  if (language === "zh") return `${file ?? "已保存的校准数据"}，${counted(issues, "issue", "zh")}，分属 ${counted(groups, "group", "zh")}${condition ? `，按 ${condition} 类别` : ""}`;
  return `${file ?? "a saved calibration"}, ${counted(issues, "issue")} in ${counted(groups, "group")}${condition ? `, per ${condition} category` : ""}`;
}
