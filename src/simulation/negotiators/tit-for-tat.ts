/**
 * Relative tit-for-tat (Faratin, Sierra & Jennings 1998, imitative tactics): the agent concedes, as a
 * share of its own utility range, what the other signatories conceded in their last round, each as a
 * share of theirs. Party j's concession is u_j(its previous offer) − u_j(its latest offer), divided by
 * j's range (best − worst acceptable utility); the agent takes the mean over the others who have made
 * two offers, and moves its target by that share of its range (down when they conceded, up when they
 * retracted, always within [Pmin, Pmax]). It opens at Pmax and, so that two imitators do not wait on
 * each other for ever, concedes GOODWILL of its range on its second turn. It accepts like the
 * time-dependent agents: an acceptable offer worth at least its next own offer.
 */
import { WALK, type Negotiator } from "../mechanism/types.js";
import { acceptableRange, utilityRange, type NegotiatorContext } from "./context.js";
import { pickOffer } from "./offer-picking.js";
import { respondWithOffer } from "./time-dependent.js";

/** Share of its range the agent concedes once, unprompted, on its second turn. */
export const GOODWILL = 0.02;

export function titForTatNegotiator(context: NegotiatorContext): Negotiator {
  const range = utilityRange(context);
  const ranges = new Map<number, number>();
  const rangeOf = (j: number): number => {
    let width = ranges.get(j);
    if (width === undefined) {
      const r = acceptableRange(context.stakes, j);
      width = r ? r.max - r.min : 0;
      ranges.set(j, width);
    }
    return width;
  };
  let target = range?.max ?? 0;
  let turns = 0;
  return {
    strategy: "tit-for-tat",
    act(view) {
      if (!range) return WALK;
      turns++;
      const width = range.max - range.min;
      let share = 0;
      let count = 0;
      for (const j of context.others) {
        const last = view.lastOffer[j]!;
        const before = view.previousOffer[j]!;
        const w = rangeOf(j);
        if (last < 0 || before < 0 || w <= 0) continue;
        const u = context.stakes.utilities(j);
        share += (u[before]! - u[last]!) / w;
        count++;
      }
      if (count > 0) target -= (share / count) * width;
      if (turns === 2) target -= GOODWILL * width;
      target = Math.min(range.max, Math.max(range.min, target));
      return respondWithOffer(context, view, pickOffer(context, target));
    },
  };
}
