/**
 * The scenario-informed agent: a time-dependent agent whose concession exponent follows what the
 * scenario says about its party. Faratin, Sierra & Jennings (1998) make concession depend on time and
 * on resources ("resource-dependent tactics"); in a political scenario the resources are clout and
 * patience. An actor with more capability can afford to wait (its threat of no deal is more credible,
 * as in the bargaining models of Bueno de Mesquita and of Nash's disagreement point), and an actor for
 * whom the issues are salient gives way more slowly (salience as resistance, as in Stokman's exchange
 * model and KTAB's SMP). The rule:
 *
 *   strength z = (clout + stake) / 2 ∈ [0, 1],   e = 5^(1 − 2z),
 *
 * clout = capability / the largest capability at the table, stake = mean salience of its stances / 100.
 * The strongest possible party (z = 1) is a Boulware agent (e = 0.2), a middling one (z = ½) concedes
 * linearly, the weakest (z = 0) is a strong conceder (e = 5). Parties of a domain without capabilities
 * or saliences (GENIUS files) get z = ½: linear concession.
 */
import type { Negotiator } from "../mechanism/types.js";
import type { NegotiatorContext, PartyTraits } from "./context.js";
import { timeDependentNegotiator } from "./time-dependent.js";
import { pow } from "../../numeric/portable.js";

/** The concession exponent for a party's traits. */
export function informedExponent(traits: PartyTraits | undefined): number {
  if (!traits) return 1;
  const z = Math.min(1, Math.max(0, (traits.clout + traits.stake) / 2));
  return pow(5, 1 - 2 * z);
}

export function informedNegotiator(context: NegotiatorContext): Negotiator {
  return timeDependentNegotiator(context, "informed", informedExponent(context.traits));
}
