/**
 * The briefing: `buildBriefing` computes what an analyst hands on (the chance of a deal and the main
 * reason it may fail, forecasts and their spread,
 * deals against criteria and traps, each actor's stake, the alignment map, the evidence), and
 * `renderMarkdown` / `renderHtml` lay it out in English or Chinese.
 */
export { buildBriefing, forecastSpread, stakesOf, EvidenceRegistry, AGREE_SHARE, BROAD_SHARE } from "./build.js";
export { agreementBriefing, briefingAgreement } from "./agreement.js";
export { renderMarkdown } from "./markdown.js";
export { renderHtml } from "./html.js";
export { escapeHtml, escapeMarkdown, safeUrl } from "./escape.js";
export { scaleStrip, barChart, heatMap, stackRows, heatColor } from "./svg.js";
export type * from "./types.js";
