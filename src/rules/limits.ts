/**
 * Hard limits that keep parsing and evaluation of analyst-written rules bounded,
 * whatever text arrives from a scenario file.
 */

/** Longest rule text accepted, in UTF-16 code units (JavaScript string length). */
export const MAX_RULE_LENGTH = 2000;

/** Deepest nesting of parentheses, `not`, unary minus, function arguments and quantifiers. */
export const MAX_NESTING_DEPTH = 32;

/** Most combinations a quantifier (together with the quantifiers around it) may range over. */
export const MAX_COMBINATIONS = 10_000;

/** Most diagnostics reported for one rule; further ones are summarised in one line. */
export const MAX_DIAGNOSTICS = 20;

/** Backstop on evaluation work: steps (expression visits) allowed for one evaluation. */
export const MAX_EVALUATION_STEPS = 1_000_000;
