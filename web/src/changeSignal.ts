/**
 * What the page's background jobs (a simulation, a Monte Carlo run, the agreement check) and its other
 * page-wide stores (the calibration, attached source texts) share: state kept outside React for the
 * whole page, which components read and re-render on whenever its owner says it has changed (a
 * progress report, a result, a cancellation, a file read).
 */
import { useSyncExternalStore } from "react";

export interface ChangeSignal {
  /** Tells every component reading the state that it has changed. */
  changed(): void;
  /** Re-renders the calling component on every `changed()` (a React hook); the number of changes so far. */
  useChanges(): number;
}

export function changeSignal(): ChangeSignal {
  const listeners = new Set<() => void>();
  let stamp = 0;
  const subscribe = (listener: () => void) => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  };
  const snapshot = () => stamp;
  return {
    changed() {
      stamp++;
      listeners.forEach((l) => l());
    },
    useChanges() {
      return useSyncExternalStore(subscribe, snapshot);
    },
  };
}
