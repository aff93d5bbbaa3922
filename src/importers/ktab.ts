/**
 * Pure parsers for KTAB SMP scenario files (spec "Input formats"): the CSV read by KTAB's `SMPModel::csvRead`
 * and the XML of `smpSchema.xsd`. They return KTAB's own terms (0–100 scales, SMP parameter names) and know
 * nothing of Parley's scenario format.
 */
export { detectKtab, foldSeed, type KtabAccommodation, type KtabActor, type KtabScenario } from "./ktab-common.js";
export { parseKtabCsv } from "./ktab-csv.js";
export { parseKtabXml } from "./ktab-xml.js";
