/**
 * The workbench's frame: the scenarios on the left (the home list; Hanoi 2019 opens by default),
 * the open scenario's views as tabs, the language switch, and the About panel with timings.
 */
import { lazy, Suspense, useEffect, useState, useSyncExternalStore, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { api, ApiError, type ProblemEntry, type ScenarioSummary } from "./api.js";
import { fmtMs, useLabel } from "./format.js";
import { setLanguage } from "./language.js";
import { nextInList } from "./keyboard.js";
import { perf, subscribe } from "./perf.js";
import { leaveTo, navigate, NEW_SCENARIO_PATH, parseRoute, routePath, usePath, type View } from "./router.js";
import { SaveBar } from "./SaveBar.js";
import { ScenarioView } from "./views/ScenarioView.js";
import { useWorkspace, WorkspaceProvider } from "./workspace.js";

// The grid comes first; the charting views load when first opened.
const SourceView = lazy(() => import("./views/SourceView.js").then((m) => ({ default: m.SourceView })));
const ForecastView = lazy(() => import("./views/ForecastView.js").then((m) => ({ default: m.ForecastView })));
const DealView = lazy(() => import("./views/DealView.js").then((m) => ({ default: m.DealView })));
const SetupView = lazy(() => import("./views/SetupView.js").then((m) => ({ default: m.SetupView })));
const NewScenarioView = lazy(() => import("./views/NewScenarioView.js").then((m) => ({ default: m.NewScenarioView })));
const SimulateView = lazy(() => import("./views/SimulateView.js").then((m) => ({ default: m.SimulateView })));
const HistoryView = lazy(() => import("./views/HistoryView.js").then((m) => ({ default: m.HistoryView })));
const BriefingView = lazy(() => import("./views/BriefingView.js").then((m) => ({ default: m.BriefingView })));

const DEFAULT_SCENARIO = "hanoi-2019";
const TABS: View[] = ["scenario", "setup", "source", "forecast", "deal", "simulate", "history"];

export function App() {
  const { t } = useTranslation();
  const route = parseRoute(usePath());
  const [scenarios, setScenarios] = useState<ScenarioSummary[]>();
  const [listError, setListError] = useState<string>();

  const refresh = async () => {
    try {
      setScenarios(await api.listScenarios());
      setListError(undefined);
    } catch (error) {
      setListError(error instanceof Error ? error.message : String(error));
    }
  };
  useEffect(() => {
    void refresh();
  }, []);

  // Home: open Hanoi 2019 (or the first scenario).
  useEffect(() => {
    if (route.scenarioId || route.creating || !scenarios || scenarios.length === 0) return;
    const first = scenarios.find((s) => s.id === DEFAULT_SCENARIO) ?? scenarios[0]!;
    navigate(routePath(first.id), true);
  }, [route.scenarioId, route.creating, scenarios]);

  return (
    <div className="app">
      <a className="skip" href="#main">
        {t("app.skip")}
      </a>
      <Sidebar scenarios={scenarios} error={listError} current={route.scenarioId} onImported={refresh} />
      {route.creating ? (
        <main id="main" className="main">
          <TopBar />
          <div className="content">
            <Suspense fallback={<p className="muted">{t("app.loading")}</p>}>
              <NewScenarioView existing={(scenarios ?? []).map((s) => s.id)} onCreated={refresh} />
            </Suspense>
          </div>
        </main>
      ) : route.scenarioId ? (
        <WorkspaceProvider key={route.scenarioId} id={route.scenarioId}>
          <ScenarioFrame view={route.view} onSaved={refresh} />
        </WorkspaceProvider>
      ) : (
        <main id="main" className="main">
          <TopBar />
          <p className="muted pad">{scenarios && scenarios.length === 0 ? t("home.empty") : t("app.loading")}</p>
        </main>
      )}
    </div>
  );
}

function TopBar({ children }: { children?: ReactNode }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="topbar">
      {children}
      <div className="topbar-end no-print">
        <div className="lang-switch" role="group" aria-label={t("app.language")}>
          {(["en", "zh"] as const).map((lng) => (
            <button key={lng} type="button" aria-pressed={i18n.language === lng} onClick={() => setLanguage(lng)} lang={lng} data-testid={`lang-${lng}`}>
              {lng === "en" ? "English" : "中文"}
            </button>
          ))}
        </div>
        <About />
      </div>
    </div>
  );
}

function Sidebar({ scenarios, error, current, onImported }: { scenarios: ScenarioSummary[] | undefined; error: string | undefined; current: string | undefined; onImported: () => Promise<void> }) {
  const { t } = useTranslation();
  const label = useLabel();
  const [importError, setImportError] = useState<ImportFailure>();
  return (
    <nav className="sidebar no-print" aria-label={t("home.title")}>
      <div className="brand">
        <span className="logo" aria-hidden="true">
          ◭
        </span>{" "}
        Parley
      </div>
      <h2>{t("home.title")}</h2>
      <button
        type="button"
        className="primary new-scenario-button"
        aria-current={current === undefined && window.location.pathname === NEW_SCENARIO_PATH ? "page" : undefined}
        onClick={() => leaveTo(NEW_SCENARIO_PATH, t("save.confirmLeave"))}
      >
        {t("build.newScenario")}
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <ul className="scenario-list" data-testid="scenario-list">
        {(scenarios ?? []).map((s) => (
          <li key={s.id}>
            <a
              href={routePath(s.id)}
              aria-current={s.id === current ? "page" : undefined}
              onClick={(e) => {
                e.preventDefault();
                leaveTo(routePath(s.id), t("save.confirmLeave"));
              }}
            >
              <span className="title">{label(s.title) || s.id}</span>
              <span className="meta">
                {s.id} · v{s.version}
              </span>
            </a>
          </li>
        ))}
      </ul>
      <div className="import">
        <span id="import-heading">{t("home.import")}</span>
        {/* The native input shows the browser's own words ("Choose Files"); a translated button stands in for it. */}
        <label className="button">
          {t("home.chooseFiles")}
          <input
            type="file"
            className="sr-only"
            aria-labelledby="import-heading"
            data-testid="import-files"
            multiple
            accept=".yaml,.yml,.json,.csv,.xml"
            onChange={async (e) => {
              const files = [...(e.target.files ?? [])];
              e.target.value = "";
              if (files.length === 0) return;
              setImportError(undefined);
              try {
                const created = await api.createScenario({ files });
                await onImported();
                navigate(routePath(created.id));
              } catch (err) {
                setImportError(importFailure(err, files));
              }
            }}
          />
        </label>
        <span className="muted small-text">{t("home.importHint")}</span>
      </div>
      {importError && <ImportProblems failure={importError} />}
    </nav>
  );
}

function ScenarioFrame({ view, onSaved }: { view: View; onSaved: () => Promise<void> }) {
  const ws = useWorkspace();
  const { t } = useTranslation();
  const label = useLabel();
  useEffect(() => {
    if (ws.version !== undefined) void onSaved();
    // Refresh the list's version numbers after a save or restore.
  }, [ws.version]);
  useEffect(() => {
    document.title = ws.scenario ? `${label(ws.scenario.title)} — Parley` : "Parley";
  });
  return (
    <main id="main" className={`main view-${view}`}>
      <TopBar>
        <div className="scenario-title">
          <span className="id">{ws.id}</span>
          {ws.version !== undefined && <span className="version">v{ws.version}</span>}
          {ws.dirty && <span className="dirty">{t("save.unsavedShort")}</span>}
        </div>
        <div
          className="tabs no-print"
          role="tablist"
          aria-label={t("app.views")}
          onKeyDown={(e) => {
            // WAI-ARIA tabs: arrows (wrapping), Home and End move to a tab and open its view.
            const tabs = [...e.currentTarget.querySelectorAll<HTMLElement>("[role=tab]")];
            const next = nextInList(tabs.length, tabs.indexOf(e.target as HTMLElement), e.key);
            if (next === undefined || tabs.indexOf(e.target as HTMLElement) < 0) return;
            e.preventDefault();
            tabs[next]!.focus();
            navigate(routePath(ws.id, TABS[next]!));
          }}
        >
          {TABS.map((tab) => (
            <a
              key={tab}
              id={`tab-${tab}`}
              role="tab"
              href={routePath(ws.id, tab)}
              aria-selected={view === tab}
              aria-controls="view-panel"
              tabIndex={view === tab || (view === "briefing" && tab === TABS[0]) ? 0 : -1}
              data-testid={`tab-${tab}`}
              onClick={(e) => {
                e.preventDefault();
                navigate(routePath(ws.id, tab));
              }}
            >
              {t(`tabs.${tab}`)}
            </a>
          ))}
        </div>
        <a
          className="button no-print"
          href={routePath(ws.id, "briefing")}
          data-testid="print-briefing"
          onClick={(e) => {
            e.preventDefault();
            navigate(routePath(ws.id, "briefing"));
          }}
        >
          {t("briefing.open")}
        </a>
      </TopBar>
      <SaveBar />
      <div className="content" role="tabpanel" id="view-panel" {...(TABS.includes(view) ? { "aria-labelledby": `tab-${view}` } : {})}>
        <Suspense fallback={<p className="muted">{t("app.loading")}</p>}>
        {ws.loadError ? (
          <p className="problems" role="alert">
            {t("app.loadError", { id: ws.id })}: {ws.loadError}
          </p>
        ) : ws.loading && !ws.scenario ? (
          <p className="muted">{t("app.loading")}</p>
        ) : !ws.scenario ? (
          <p className="problems">{t("app.invalidStored")}</p>
        ) : view === "scenario" ? (
          <ScenarioView />
        ) : view === "setup" ? (
          <SetupView />
        ) : view === "source" ? (
          <SourceView />
        ) : view === "forecast" ? (
          <ForecastView />
        ) : view === "deal" ? (
          <DealView />
        ) : view === "simulate" ? (
          <SimulateView />
        ) : view === "history" ? (
          <HistoryView />
        ) : (
          <BriefingView />
        )}
        </Suspense>
      </div>
    </main>
  );
}

function About() {
  const { t } = useTranslation();
  useSyncExternalStore(subscribe, () => JSON.stringify(perf));
  return (
    <details className="about">
      <summary>{t("about.title")}</summary>
      <div className="about-body" data-testid="about">
        <p>{t("about.text")}</p>
        <dl>
          <dt>{t("about.firstView")}</dt>
          <dd data-testid="perf-first-view">{fmtMs(perf.firstView)}</dd>
          <dt>{t("about.dealEval")}</dt>
          <dd data-testid="perf-deal-eval">
            {fmtMs(perf.dealEval)}
            {perf.dealEvalMedian !== undefined ? ` (${t("about.median")} ${fmtMs(perf.dealEvalMedian)}, n=${perf.dealEvalCount})` : ""}
          </dd>
          <dt>{t("about.validate")}</dt>
          <dd>{fmtMs(perf.validate)}</dd>
          <dt>{t("about.forecast")}</dt>
          <dd>{fmtMs(perf.forecast)}</dd>
          <dt>{t("about.space")}</dt>
          <dd>{fmtMs(perf.space)}</dd>
        </dl>
        <p className="small-text">
          <a href="/api/openapi.json">API (OpenAPI)</a> · MIT
        </p>
      </div>
    </details>
  );
}

/** A refused import: the server's summary and every problem it found, with the file it is in. */
interface ImportFailure {
  readonly message: string;
  readonly problems: readonly ProblemEntry[];
  /** The file the problems are in, when one file was sent. */
  readonly file?: string;
}

function importFailure(error: unknown, files: readonly File[]): ImportFailure {
  const message = error instanceof Error ? error.message : String(error);
  const problems = error instanceof ApiError ? error.errors : [];
  return { message, problems, ...(files.length === 1 ? { file: files[0]!.name } : {}) };
}

/** Every problem of a refused import with its place (file:line:column, field), not just the first. */
function ImportProblems({ failure }: { failure: ImportFailure }) {
  const { t } = useTranslation();
  if (failure.problems.length === 0) {
    return (
      <p className="error" role="alert" data-testid="import-error">
        {failure.message}
      </p>
    );
  }
  return (
    <div className="error import-problems" role="alert" data-testid="import-error">
      <p>{t("home.importProblems", { count: failure.problems.length, file: failure.file ?? t("home.theFiles") })}</p>
      <ol>
        {failure.problems.map((p, k) => {
          const place = [failure.file, p.line > 0 ? String(p.line) : "", p.line > 0 && p.column > 0 ? String(p.column) : ""].filter((x) => x).join(":");
          return (
            <li key={k} data-testid="import-problem">
              {place && <code className="place">{place}</code>} {p.path && <code className="field">{p.path}</code>} {p.message}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
