/** Pure parsers (text in, outcome space and utilities out) for GENIUS, GeniusWeb and NegoLog files. */
export * from "./types.js";
export * from "./genius-xml.js";
export * from "./geniusweb.js";
export * from "./negolog.js";
export * from "./detect.js";
