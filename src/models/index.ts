/**
 * The model registry: every forecasting model Parley offers, in the order the CLI and the
 * workbench present them. A new model plugs in by adding it to this list.
 */
import { compromiseModel } from "./compromise.js";
import { eumModel } from "./eum/index.js";
import { exchangeModel } from "./exchange/index.js";
import { nashBargainingModel } from "./nash-bargaining.js";
import { smpModel } from "./smp/index.js";
import type { ForecastModel } from "./types.js";
import { weightedMedianModel } from "./weighted-median.js";

export const models: readonly ForecastModel[] = [compromiseModel, weightedMedianModel, nashBargainingModel, smpModel, eumModel, exchangeModel];

export function findModel(id: string): ForecastModel | undefined {
  return models.find((m) => m.id === id);
}

export const modelIds = (): string[] => models.map((m) => m.id);

/** The message for ids that name no model; undefined when every id is known. */
export function unknownModelsMessage(ids: readonly string[]): string | undefined {
  const unknown = ids.filter((id) => !findModel(id));
  if (unknown.length === 0) return undefined;
  return `unknown model${unknown.length > 1 ? "s" : ""} ${unknown.map((id) => `"${id}"`).join(", ")}; expected one of: ${modelIds().join(", ")}`;
}
