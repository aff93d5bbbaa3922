import { unknownModelsMessage } from "../models/index.js";
import { UsageError } from "./io.js";

/** Refuses model ids that name no model, as a usage error. */
export function requireKnownModels(ids: readonly string[]): void {
  const message = unknownModelsMessage(ids);
  if (message !== undefined) throw new UsageError(message);
}
