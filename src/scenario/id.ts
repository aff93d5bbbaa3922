/**
 * What an id in a scenario may be: a letter, then letters, digits, '-', '_' or '.'. Kept apart
 * from the schema so that the workbench can check a new id without loading the validator.
 */
export const ID_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]*$/;
