/**
 * The versions of the scenario format. Apart from the schema so that checking a scenario whose shape is
 * known (an imported file) does not load the schema library.
 */

/**
 * The format version this build writes and reads. Older versions are migrated on load.
 * Version 2 adds red lines, linkage, outside options (`reservation: {deal}`) and `decision`;
 * a version-1 file is a valid version-2 file.
 */
export const SCHEMA_VERSION = 2;

/** Every version this build reads. */
export const READABLE_VERSIONS = [1, 2] as const;
