/**
 * `npm start`: build Parley only when the build is missing or older than its sources, then run
 * `parley serve` with the arguments given (`npm start -- --port 0`). After `npm ci` (whose `prepare`
 * builds) the first start does not build a second time.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));
const SOURCES = ["src", "web", "scenarios", "scripts", "package.json", "package-lock.json", "tsconfig.json", "tsconfig.build.json"];
const OUTPUTS = ["dist/bundle/cli/main.js", "dist/web/index.html"];

/** Newest modification time under a path (files and folders, skipping dependencies and build output). */
function newest(path) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const name of readdirSync(path)) {
    if (name === "node_modules" || name === "dist") continue;
    latest = Math.max(latest, newest(join(path, name)));
  }
  return latest;
}

function oldestOutput() {
  let oldest = Number.POSITIVE_INFINITY;
  for (const file of OUTPUTS) {
    try {
      oldest = Math.min(oldest, statSync(join(root, file)).mtimeMs);
    } catch {
      return 0;
    }
  }
  return oldest;
}

const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const sourcesChanged = Math.max(...SOURCES.map((p) => newest(join(root, p))));
if (oldestOutput() < sourcesChanged) {
  console.error("building Parley…");
  const build = spawnSync(npm, ["run", "build", "--silent"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
// Serve in this process (Ctrl-C then reaches the server directly): as `parley serve ARGS`.
process.argv = [process.argv[0], join(root, "bin", "parley.js"), "serve", ...process.argv.slice(2)];
await import("../bin/parley.js");
