/** Where the server keeps its data, and where the package's own files are. */
import { homedir } from "node:os";
import { isAbsolute, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The user's data folder for Parley: `$XDG_DATA_HOME/parley` or `~/.local/share/parley` on Linux
 * and other Unixes, `~/Library/Application Support/parley` on macOS, `%LOCALAPPDATA%\parley` on
 * Windows.
 */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home: string = homedir()): string {
  if (platform === "win32") return join(env["LOCALAPPDATA"] ?? env["APPDATA"] ?? join(home, "AppData", "Local"), "parley");
  if (platform === "darwin") return join(home, "Library", "Application Support", "parley");
  const xdg = env["XDG_DATA_HOME"];
  return join(xdg !== undefined && isAbsolute(xdg) ? xdg : join(home, ".local", "share"), "parley");
}

/** The package's root folder (this file is `src/server/` or `dist/server/` below it). */
export function packageRoot(): string {
  return fileURLToPath(new URL("../../", import.meta.url));
}

/** The scenarios that ship with Parley. */
export const bundledScenariosDir = (): string => join(packageRoot(), "scenarios");

/** The built web app. */
export const webAppDir = (): string => join(packageRoot(), "dist", "web");
