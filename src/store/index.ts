/** The workbench's persistent store: scenario versions and saved runs in one SQLite file. */
export { openStore, RUN_KINDS, Store, StoreError, storedScenarioJson, type ExpectedVersion, type NewRun, type NewVersion, type OpenStoreOptions, type RunKind, type RunRecord, type RunSummary, type ScenarioSummary, type ScenarioVersion, type VersionSummary } from "./store.js";
export { LATEST_SCHEMA, MIGRATIONS, migrate, schemaVersion, StoreSchemaError, type Migration } from "./migrations.js";
export { diffValues, unifiedDiff, type ValueChange } from "./diff.js";
export { reseedScenarios, seedScenarios, type ReseedReport, type SeedReport } from "./seed.js";
export { openDatabase, type Database } from "./sqlite.js";
