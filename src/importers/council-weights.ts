/**
 * The Council of the EU's voting weights and the populations its qualified majority counted, as
 * public facts of the treaties and of the Council's own population figures (from Eurostat), so that
 * DEU III files can be backtested without a weights file. Written for Parley from those sources:
 *
 * - `v15`: the weighted votes of the EU-15, Article 148(2) of the EC Treaty (205(2) after Amsterdam)
 *   as set by the 1994 Act of Accession of Austria, Finland and Sweden; in force 1995 – October 2004.
 * - `v25`: the Nice weighting, Article 205(2) of the EC Treaty as amended by the Protocol on the
 *   enlargement of the European Union (Treaty of Nice) and Article 12 of the 2003 Act of Accession;
 *   Bulgaria and Romania by the 2005 Act of Accession, Croatia by the 2011 Treaty of Accession (2013).
 *   In force November 2004 – October 2014 (optionally until March 2017).
 * - `p2012`: the total population of each member state for 2012, in thousands, from Annex III of the
 *   Council's Rules of Procedure as set by Council Decision 2011/900/EU (Eurostat figures of
 *   1 January 2011); `p2014a`: Croatia, which joined in 2013, from Council Decision 2013/746/EU
 *   (figures for 1 January – 31 October 2014).
 *
 * Only ratios matter to the models (a capability is relative), so populations stay in thousands.
 */
import type { CouncilWeights } from "./deu.js";

/** Country, EU-15 votes, Nice votes, population 2012 (thousands); Croatia's population from 2014. */
const TABLE: readonly (readonly [country: string, v15: number | null, v25: number, p2012: number | null])[] = [
  ["Austria", 4, 10, 8404.3],
  ["Belgium", 5, 12, 10918.4],
  ["Bulgaria", null, 10, 7504.9],
  ["Croatia", null, 7, null],
  ["Cyprus", null, 4, 804.4],
  ["Czech Republic", null, 12, 10532.8],
  ["Denmark", 3, 7, 5560.6],
  ["Estonia", null, 4, 1340.2],
  ["Finland", 3, 7, 5375.3],
  ["France", 10, 29, 65075.4],
  ["Germany", 10, 29, 81751.6],
  ["Greece", 5, 12, 11325.9],
  ["Hungary", null, 12, 9985.7],
  ["Ireland", 3, 7, 4480.9],
  ["Italy", 10, 29, 60626.4],
  ["Latvia", null, 4, 2229.6],
  ["Lithuania", null, 7, 3244.6],
  ["Luxembourg", 2, 4, 511.8],
  ["Malta", null, 3, 417.6],
  ["Netherlands", 5, 13, 16655.8],
  ["Poland", null, 27, 38200.0],
  ["Portugal", 5, 12, 10637.0],
  ["Romania", null, 14, 21413.8],
  ["Slovakia", null, 7, 5435.3],
  ["Slovenia", null, 4, 2050.2],
  ["Spain", 8, 27, 46152.9],
  ["Sweden", 4, 10, 9415.6],
  ["United Kingdom", 10, 29, 62435.7],
];

/** Croatia's population (thousands) in the Council's figures for 2014, standing in for `p2012`. */
const CROATIA_P2014 = 4262.1;

/** The built-in Council weights, in the shape `parseCouncilWeights` returns for a weights file. */
export const COUNCIL_WEIGHTS: CouncilWeights = new Map(
  TABLE.map(([country, v15, v25, p2012]) => [
    country,
    {
      ...(v15 !== null ? { v15 } : {}),
      v25,
      ...(p2012 !== null ? { p2012 } : {}),
      ...(country === "Croatia" ? { p2014a: CROATIA_P2014 } : {}),
    },
  ]),
);
