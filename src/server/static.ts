/**
 * The web app's files. Existing files are served as they are (hashed `/assets/…` files cached for
 * good); any other GET of a path without a file extension gets `index.html`, so the single-page
 * app's own routes work on reload. Without a built app, every page says how to build it.
 *
 * A scenario's page (`/s/<id>` and its views) carries the scenario's current document (what
 * `GET /api/scenarios/<id>` answers) in a JSON data block, so that the grid renders from the page's
 * first script run instead of waiting for the script, then a request, then a second render. A data
 * block is never executed, so the strict CSP (scripts from 'self' only) holds.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import { INITIAL_SCENARIO_ELEMENT } from "./page-data.js";

const NOT_BUILT = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Parley</title></head>
<body>
<h1>Parley</h1>
<p>The web app is not built. Run <code>npm run build</code> in the Parley folder, then start <code>parley serve</code> again.</p>
<p>The HTTP API works without it: see <a href="/api/openapi.json">/api/openapi.json</a>.</p>
</body>
</html>
`;


export interface StaticOptions {
  /** A scenario's current document, or undefined when there is none by that id. */
  readonly scenarioDocument?: (id: string) => object | undefined;
}

/** Routes serving the app from `folder` (a Vite build with `index.html` at its root). */
export function staticRoutes(folder: string | undefined, options: StaticOptions = {}): Hono {
  const app = new Hono();
  const index = folder === undefined ? undefined : join(folder, "index.html");
  if (folder === undefined || index === undefined || !existsSync(index)) {
    app.get("*", (c) => c.html(NOT_BUILT));
    return app;
  }
  app.use(
    "*",
    serveStatic({
      root: folder,
      onFound: (path, c) => {
        c.header("Cache-Control", /[\\/]assets[\\/]/.test(path) ? "public, max-age=31536000, immutable" : "no-cache");
      },
    }),
  );
  app.get("*", (c) => {
    const last = c.req.path.split("/").pop() ?? "";
    if (last.includes(".")) return c.text("Not found", 404);
    c.header("Cache-Control", "no-cache");
    return c.html(withInitialScenario(readFileSync(index, "utf8"), c.req.path, options.scenarioDocument));
  });
  return app;
}

/** The page with the scenario's document in a data block when the path is a scenario's (`/s/<id>`, `/s/<id>/<view>`). */
function withInitialScenario(html: string, path: string, scenarioDocument: StaticOptions["scenarioDocument"]): string {
  const match = /^\/s\/([^/]+)(?:\/[a-z]+)?\/?$/.exec(path);
  if (!match || !scenarioDocument) return html;
  let id: string;
  try {
    id = decodeURIComponent(match[1]!);
  } catch {
    return html;
  }
  const doc = scenarioDocument(id);
  if (doc === undefined) return html;
  // `<` escaped, so that no text in the scenario can end the block (`</script>`) or open a comment.
  const json = JSON.stringify(doc).replace(/</g, "\\u003c");
  const block = `<script type="application/json" id="${INITIAL_SCENARIO_ELEMENT}">${json}</script>`;
  return html.includes("</head>") ? html.replace("</head>", () => `${block}\n  </head>`) : html + block;
}
