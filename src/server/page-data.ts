/**
 * What the server writes into the workbench's page for the web app to read (platform-neutral: the web
 * imports it too, so the two cannot drift apart).
 */

/** The id of the `<script type="application/json">` block with the scenario's document the page opens on. */
export const INITIAL_SCENARIO_ELEMENT = "parley-initial-scenario";
