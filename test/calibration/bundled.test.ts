/**
 * The workbench's bundled DEU III calibration (web/src/calibrations/) is exactly what
 * `parley backtest test/fixtures/deu/deu3-train.tsv --save-calibration OUT` writes today: regenerated
 * here and compared byte for byte, so that a change to a model or to the calibration can never leave
 * it stale. After such a change, regenerate it with that command (docs/calibration.md).
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCalibration } from "../../src/calibration/file.js";
import { fixturePath, runCli } from "../helpers.js";

const BUNDLED = "web/src/calibrations/deu3-train.calibration.json";

describe("the bundled DEU III calibration", () => {
  it("matches a fresh parley backtest --save-calibration of the training file", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "parley-bundled-")), "deu3-train.calibration.json");
    const run = await runCli("backtest", fixturePath("deu/deu3-train.tsv"), "--save-calibration", out, "--workers", "1");
    expect(run.code).toBe(0);
    const bundled = readFileSync(BUNDLED, "utf8");
    expect(readFileSync(out, "utf8") === bundled, `${BUNDLED} is stale: regenerate it with parley backtest test/fixtures/deu/deu3-train.tsv --save-calibration ${BUNDLED} --force`).toBe(true);
    const calibration = parseCalibration(bundled, BUNDLED);
    expect(calibration.source).toEqual({ file: "deu3-train.tsv", issues: 207, groups: 83 });
    for (const model of ["compromise", "median", "nbs", "smp", "eum", "exchange"]) expect(calibration.models[model]?.n).toBe(207);
  }, 120_000);
});
