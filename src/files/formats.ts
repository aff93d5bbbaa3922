/** The input formats Parley reads as a scenario. Kept apart from the loaders so the CLI can name them without loading them. */
export const INPUT_FORMATS = ["scenario", "ktab", "eum", "decide"] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];
