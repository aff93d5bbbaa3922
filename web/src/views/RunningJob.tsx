/**
 * A running simulation job's Cancel button and progress (the Simulate view's Monte Carlo and its
 * tournament): the same control and the same words for both.
 */
import { useTranslation } from "react-i18next";

export function RunningJob({ progress, onCancel, cancelTestId }: { progress: { done: number; total: number } | undefined; onCancel: () => void; cancelTestId: string }) {
  const { t } = useTranslation();
  return (
    <>
      <button type="button" onClick={onCancel} data-testid={cancelTestId}>
        {t("sim.cancel")}
      </button>
      <span className="mc-progress" role="status">
        {progress ? (
          <>
            <progress max={progress.total} value={progress.done} aria-label={t("sim.progress")} /> {t("sim.progressText", { done: progress.done, total: progress.total })}
          </>
        ) : (
          t("sim.running")
        )}
      </span>
    </>
  );
}
