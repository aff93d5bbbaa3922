/** Strategy names (no imports: the scenario schema lists them too). */
export const STRATEGIES = ["boulware", "linear", "conceder", "hardliner", "tit-for-tat", "informed"] as const;
export type Strategy = (typeof STRATEGIES)[number];

/** The strategy every party plays unless the scenario or the command line says otherwise. */
export const DEFAULT_STRATEGY: Strategy = "boulware";
