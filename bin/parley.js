#!/usr/bin/env node
import module from "node:module";

// Reuse V8's compiled code across runs where Node offers it (22.1+); a no-op on older Nodes.
module.enableCompileCache?.();
const { main } = await import("../dist/bundle/cli/main.js");
process.exitCode = await main(process.argv.slice(2));
