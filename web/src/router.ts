/**
 * A tiny router over the address: `/s/<scenario id>/<view>`, and for the deal builder the deal being
 * built in the query (web/src/dealLink.ts), so that a copied link reopens the same view and deal.
 */
import { useSyncExternalStore } from "react";

const listeners = new Set<() => void>();
window.addEventListener("popstate", () => listeners.forEach((l) => l()));

/** The address within the site: path and query. */
const here = (): string => window.location.pathname + window.location.search;

/** Goes to `path` (a path, with a query when it has one) as a new history entry, or in place of the current one. */
export function navigate(path: string, replace = false): void {
  if (path === here()) return;
  const sameView = path.split("?")[0] === window.location.pathname;
  if (replace) window.history.replaceState(null, "", path);
  else window.history.pushState(null, "", path);
  listeners.forEach((l) => l());
  if (!replace && !sameView) window.scrollTo(0, 0);
}

/**
 * Rewrites the current entry's query to follow state the view already shows (the deal as a slider
 * moves), without re-rendering anything: the address reflects the state, it does not drive it.
 */
export function reflectInAddress(path: string): void {
  if (path !== here()) window.history.replaceState(null, "", path);
}

/** The address's path (without its query: views that read the query read it themselves). */
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
