/** Outcome-space analytics: spaces, utilities, Pareto frontier, bargaining solutions. */
export * from "./space.js";
export * from "./utility.js";
export * from "./dominance.js";
export * from "./pareto.js";
export * from "./solutions.js";
export * from "./analyze.js";
export { UNITS_PER_UTILITY, scoreSpace, type ScoredSpace } from "./scoring.js";
