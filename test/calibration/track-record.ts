/**
 * A small hand-made calibration the report, server and browser tests share: compromise errors 1, 2, …, 9 on
 * nine past issues in four groups, and no record of any other model. At 80 % the interval is ± 8 points
 * (the ⌈10 · 0.8⌉ = 8th smallest error), at 50 % ± 5.
 */
import { CALIBRATION_FORMAT, CALIBRATION_VERSION, type Calibration } from "../../src/calibration/calibration.js";

export const trackRecord: Calibration = {
  format: CALIBRATION_FORMAT,
  version: CALIBRATION_VERSION,
  source: { file: "track-record.tsv", issues: 9, groups: 4 },
  scale: { min: 0, max: 100 },
  models: { compromise: { n: 9, errors: [1, 2, 3, 4, 5, 6, 7, 8, 9] } },
};
