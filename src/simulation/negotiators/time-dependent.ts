/**
 * Time-dependent concession (Faratin, Sierra & Jennings 1998; the GENIUS TimeDependentAgent family).
 * The target utility at relative time t ∈ [0, 1] is
 *
 *   p(t) = Pmin + (Pmax − Pmin) · (1 − f(t)),   f(t) = k + (1 − k) · t^(1/e),
 *
 * with Pmax the agent's best and Pmin its worst acceptable utility (never below its walk-away value,
 * never across a red line: only acceptable outcomes are in its list) and k = 0 (it opens with its best).
 * e < 1 concedes late (Boulware, e = 0.2), e = 1 linearly, e > 1 early (conceder, e = 2); e = 0 never
 * concedes (hardliner: f(t) = k). It offers the outcome `pickOffer` gives for p(t), and accepts the
 * offer on the table when it is worth at least that next offer of its own (GENIUS's AC_next).
 */
import { ACCEPT, WALK, type Action, type Negotiator, type TurnView } from "../mechanism/types.js";
import { utilityRange, type NegotiatorContext } from "./context.js";
import { pickOffer } from "./offer-picking.js";
import { pow } from "../../numeric/portable.js";

export const TIME_DEPENDENT_EXPONENTS = { boulware: 0.2, linear: 1, conceder: 2, hardliner: 0 } as const;

/** f(t) = k + (1 − k) · t^(1/e); e = 0 gives k (no concession). */
export function concession(t: number, e: number, k = 0): number {
  if (e === 0) return k;
  return k + (1 - k) * pow(Math.min(1, Math.max(0, t)), 1 / e);
}

/** p(t) for a utility range. */
export function targetUtility(t: number, e: number, range: { max: number; min: number }, k = 0): number {
  return range.min + (range.max - range.min) * (1 - concession(t, e, k));
}

/** Accepts the table when it is acceptable and worth at least the agent's own next offer; else offers it. */
export function respondWithOffer(context: NegotiatorContext, view: TurnView, offer: number): Action {
  if (offer < 0) return WALK;
  const table = view.table;
  if (table >= 0 && context.stakes.acceptable(context.party)[table] === 1 && context.utility[table]! >= context.utility[offer]!) return ACCEPT;
  return { kind: "offer", rank: offer };
}

export function timeDependentNegotiator(context: NegotiatorContext, strategy: string, e: number, k = 0): Negotiator {
  const range = utilityRange(context);
  return {
    strategy,
    act(view) {
      if (!range) return WALK;
      return respondWithOffer(context, view, pickOffer(context, targetUtility(view.time, e, range, k)));
    },
  };
}
