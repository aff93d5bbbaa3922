#!/usr/bin/env node
import { statSync } from "node:fs";
import module from "node:module";

// Reuse V8's compiled code across runs where Node offers it (22.1+); a no-op on older Nodes.
module.enableCompileCache?.();

// `npm run build` bundles the CLI after compiling it; a bundle older than the compiled files (after a
// bare `tsc`) would run stale code, so the compiled files run instead.
const builtAt = (path) => {
  try {
    return statSync(new URL(path, import.meta.url)).mtimeMs;
  } catch {
    return -1;
  }
};
const entry = builtAt("../dist/bundle/cli/main.js") >= builtAt("../dist/cli/main.js") ? "../dist/bundle/cli/main.js" : "../dist/cli/main.js";
const { main } = await import(entry);
process.exitCode = await main(process.argv.slice(2));
