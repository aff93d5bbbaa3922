/** The negotiating agents by strategy name. */
import type { Negotiator } from "../mechanism/types.js";
import { SimulationError } from "../stakes.js";
import type { NegotiatorContext } from "./context.js";
import { informedNegotiator } from "./informed.js";
import { TIME_DEPENDENT_EXPONENTS, timeDependentNegotiator } from "./time-dependent.js";
import { titForTatNegotiator } from "./tit-for-tat.js";

import { STRATEGIES, type Strategy } from "./names.js";

export { STRATEGIES, DEFAULT_STRATEGY, type Strategy } from "./names.js";

export function isStrategy(name: string): name is Strategy {
  return (STRATEGIES as readonly string[]).includes(name);
}

export function checkStrategy(name: string): Strategy {
  if (!isStrategy(name)) throw new SimulationError(`unknown strategy "${name}"; expected one of: ${STRATEGIES.join(", ")}`);
  return name;
}

export function createNegotiator(strategy: Strategy, context: NegotiatorContext): Negotiator {
  switch (strategy) {
    case "tit-for-tat":
      return titForTatNegotiator(context);
    case "informed":
      return informedNegotiator(context);
    default:
      return timeDependentNegotiator(context, strategy, TIME_DEPENDENT_EXPONENTS[strategy]);
  }
}

export type { NegotiatorContext, PartyTraits } from "./context.js";
export { SortedOutcomes } from "./sorted-outcomes.js";
export { pickOffer, OFFER_WINDOW, OFFER_CANDIDATES } from "./offer-picking.js";
export { targetUtility, concession, TIME_DEPENDENT_EXPONENTS } from "./time-dependent.js";
export { informedExponent } from "./informed.js";
