/** The input formats Parley reads as a scenario. Kept apart from the loaders so the CLI can name them without loading them. */
export const INPUT_FORMATS = ["scenario", "ktab", "eum", "decide"] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

/** Those, and a GENIUS-family negotiation (a GENIUS, GeniusWeb or NegoLog domain with its profiles), for the commands that read several files. */
export const NEGOTIATION_INPUT_FORMATS = [...INPUT_FORMATS, "genius"] as const;
export type NegotiationInputFormat = (typeof NEGOTIATION_INPUT_FORMATS)[number];
