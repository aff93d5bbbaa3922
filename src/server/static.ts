/**
 * The web app's files. Existing files are served as they are (hashed `/assets/…` files cached for
 * good); any other GET of a path without a file extension gets `index.html`, so the single-page
 * app's own routes work on reload. Without a built app, every page says how to build it.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";

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

/** Routes serving the app from `folder` (a Vite build with `index.html` at its root). */
export function staticRoutes(folder: string | undefined): Hono {
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
    return c.html(readFileSync(index, "utf8"));
  });
  return app;
}
