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

export const VIEWS = ["scenario", "source", "forecast", "deal", "history", "briefing"] as const;
export type View = (typeof VIEWS)[number];

export interface Route {
  readonly scenarioId?: string;
  readonly view: View;
}

export function parseRoute(path: string): Route {
  const match = /^\/s\/([^/]+)(?:\/([a-z]+))?\/?$/.exec(path);
  if (!match) return { view: "scenario" };
  const view = (VIEWS as readonly string[]).includes(match[2] ?? "") ? (match[2] as View) : "scenario";
  return { scenarioId: decodeURIComponent(match[1]!), view };
}

export function routePath(scenarioId: string, view: View = "scenario"): string {
  return `/s/${encodeURIComponent(scenarioId)}${view === "scenario" ? "" : `/${view}`}`;
}
