import { describe, expect, it } from "vitest";
import { compareRuns, runForecasts, runSimulation, type SavedRun } from "../../web/src/runs.js";
import { loadScenario } from "../../src/files/load.js";
import { simulateScenario } from "../../src/simulation/index.js";

const run = (id: number, version: number, sanctions: number, extra: Record<string, unknown> = {}): SavedRun => ({
  id,
  kind: "forecast",
  scenarioId: "hanoi-2019",
  scenarioVersion: version,
  models: ["compromise", "smp"],
  parameters: extra,
  seed: null,
  createdAt: `2026-12-0${id}T10:00:00Z`,
  results: [
    { scenario: "hanoi-2019", model: "compromise", issues: [{ id: "sanctions", forecast: sanctions }, { id: "declaration", forecast: 40 }] },
    { scenario: "hanoi-2019", model: "smp", issues: [{ id: "sanctions", forecast: 63.5 }, { id: "declaration", forecast: 40.001 }] },
  ],
});

describe("saved runs side by side", () => {
  it("reads a forecast run's point forecasts and nothing else", () => {
    const f = runForecasts(run(1, 1, 50).results)!;
    expect([...f.keys()]).toEqual(["compromise", "smp"]);
    expect(f.get("smp")!.get("sanctions")).toBe(63.5);
    expect(runForecasts({ runs: 200, issues: {} })).toBeUndefined();
    expect(runForecasts([])).toBeUndefined();
  });

  it("marks the settings and forecasts that differ, and only those", () => {
    const { settings, forecasts } = compareRuns(run(1, 2, 50), run(2, 3, 20.8, { rounds: 20 }));
    expect(settings.filter((s) => s.differs).map((s) => s.setting)).toEqual(["version", "parameters.rounds"]);
    expect(forecasts.filter((f) => f.differs)).toEqual([{ model: "compromise", issue: "sanctions", a: 50, b: 20.8, delta: 20.8 - 50, differs: true }]);
    expect(forecasts).toHaveLength(4);
  });

  it("marks a forecast only one run has", () => {
    const b = run(2, 2, 50);
    const only = { ...b, results: [(b.results as object[])[0]] };
    const { forecasts } = compareRuns(run(1, 2, 50), only);
    expect(forecasts.filter((f) => f.differs).map((f) => `${f.model}/${f.issue}`)).toEqual(["smp/sanctions", "smp/declaration"]);
  });

  it("reads a saved simulation, one run or a Monte Carlo, and compares the results", () => {
    const scenario = loadScenario("scenarios/hanoi-2019.yaml");
    const talks = (id: number, strategy: string): SavedRun => ({
      ...run(id, 1, 0),
      kind: "simulate",
      models: [],
      parameters: { strategy },
      seed: 0,
      results: JSON.parse(JSON.stringify(simulateScenario(scenario, { defaultStrategy: strategy }))) as unknown,
    });
    const a = talks(1, "boulware");
    // Two hardliners with no outcome both accept break down.
    const b = talks(2, "hardliner");
    const read = runSimulation(a.results);
    expect(read && "talks" in read && read.talks.outcome).toBe("agreement");
    const monteCarlo = { agreementRate: 0.5, issues: [], rounds: { quantiles: { p50: 12 } }, utilities: { USA: 0.7 } };
    expect(runSimulation(monteCarlo)).toEqual({ runs: monteCarlo });
    expect(runSimulation(run(3, 1, 50).results)).toBeUndefined();
    expect(runSimulation({ outcome: "agreement", utilities: {} })).toBeUndefined();
    const { settings } = compareRuns(a, b);
    const row = (name: string) => settings.find((s) => s.setting === name);
    expect(row("result.outcome")).toMatchObject({ a: "agreement", b: "breakdown", differs: true });
    expect(row("result.round")!.a).toBe(String((a.results as { round: number }).round));
    expect(row("result.utility.USA")!.differs).toBe(true);
    expect(compareRuns(a, talks(3, "boulware")).settings.filter((s) => s.setting.startsWith("result.") && s.differs)).toEqual([]);
  });
});
