import { modelLabel } from "../i18n/models.js";
import { findModel, unknownModelsMessage } from "../models/index.js";
import type { Language } from "../scenario/label.js";
import { UsageError } from "./io.js";

/** Refuses model ids that name no model, as a usage error. */
export function requireKnownModels(ids: readonly string[]): void {
  const message = unknownModelsMessage(ids);
  if (message !== undefined) throw new UsageError(message);
}

/**
 * A model's name in a terminal table: in Chinese the reader's name (src/i18n/models.ts, as in the
 * briefing and the workbench), in English the registry's longer description; an unknown id as it is.
 */
export function tableModelName(id: string, language: Language): string {
  return language === "zh" ? modelLabel(id, "zh") : (findModel(id)?.name ?? id);
}
