/**
 * Saves the simulated talks shown — one run, or a Monte Carlo over the scenario's uncertainty — as a run
 * of the stored version, with the settings they ran with (strategies, deadline, collapse chance, seed and
 * runs). The server plays them again: seeded, they come out the same, and the record is authoritative.
 */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api.js";
import type { RunsSettings, TalksSettings } from "../simulation/simulation.worker.js";
import { useWorkspace } from "../workspace.js";

export function SaveSimulation({ settings, stale, label, testId }: { settings: TalksSettings | RunsSettings; stale: boolean; label: string; testId: string }) {
  const ws = useWorkspace();
  const { t } = useTranslation();
  const [state, setState] = useState<{ saving?: boolean; saved?: number | string; error?: string }>({});
  const unsaved = ws.dirty || ws.version === undefined;
  return (
    <p className="actions no-print">
      <button
        type="button"
        className="small"
        data-testid={testId}
        disabled={unsaved || stale || state.saving === true}
        onClick={async () => {
          setState({ saving: true });
          try {
            const run = await api.saveSimulationRun(ws.id, ws.version!, settings);
            setState({ saved: run.id ?? "✓" });
          } catch (error) {
            setState({ error: error instanceof Error ? error.message : String(error) });
          }
        }}
      >
        {label}
      </button>
      {unsaved && <span className="muted"> {t("forecast.saveFirst")}</span>}
      {state.saved !== undefined && (
        <span role="status" data-testid={`${testId}-saved`}>
          {" "}
          {t("forecast.savedRun", { id: state.saved })}
        </span>
      )}
      {state.error && (
        <span role="alert" className="error">
          {" "}
          {state.error}
        </span>
      )}
    </p>
  );
}
