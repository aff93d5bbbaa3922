/** A tiny router over the address's path: `/s/<scenario id>/<view>`. */
import { useSyncExternalStore } from "react";

const listeners = new Set<() => void>();
window.addEventListener("popstate", () => listeners.forEach((l) => l()));

export function navigate(path: string, replace = false): void {
  if (path === window.location.pathname) return;
  if (replace) window.history.replaceState(null, "", path);
  else window.history.pushState(null, "", path);
  listeners.forEach((l) => l());
  if (!replace) window.scrollTo(0, 0);
}

export function usePath(): string {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => window.location.pathname,
  );
}

export const VIEWS = ["scenario", "setup", "source", "forecast", "deal", "simulate", "history", "briefing"] as const;
export type View = (typeof VIEWS)[number];

export interface Route {
  readonly scenarioId?: string;
  readonly view: View;
  /** The guided start of a new scenario (`/new`). */
  readonly creating?: boolean;
}

/** The address of the guided start of a new scenario. */
export const NEW_SCENARIO_PATH = "/new";

let unsaved: string | undefined;

/** Which scenario has unsaved edits (the workspace keeps this up to date). */
export function setUnsaved(id: string | undefined): void {
  unsaved = id;
}

/**
 * Navigates away from a scenario with unsaved edits only when the analyst says so; the draft is
 * kept in the browser either way and comes back on return.
 */
export function leaveTo(path: string, message: string): void {
  if (unsaved !== undefined && !path.startsWith(`/s/${encodeURIComponent(unsaved)}`) && !window.confirm(message)) return;
  navigate(path);
}

export function parseRoute(path: string): Route {
  if (path === NEW_SCENARIO_PATH) return { view: "scenario", creating: true };
  const match = /^\/s\/([^/]+)(?:\/([a-z]+))?\/?$/.exec(path);
  if (!match) return { view: "scenario" };
  const view = (VIEWS as readonly string[]).includes(match[2] ?? "") ? (match[2] as View) : "scenario";
  return { scenarioId: decodeURIComponent(match[1]!), view };
}

export function routePath(scenarioId: string, view: View = "scenario"): string {
  return `/s/${encodeURIComponent(scenarioId)}${view === "scenario" ? "" : `/${view}`}`;
}
