/**
 * The workbench's build: a React single-page app in web/, built into dist/web/ (what
 * `parley serve` serves). The app imports Parley's pure library straight from src/.
 */
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here("."),
  base: "/",
  plugins: [react()],
  resolve: {
    // The library's worker-thread pool is Node's; in the browser its analyses run in a Web Worker
    // (web/src/uncertainty/analysis.worker.ts) on this in-thread stand-in.
    alias: [{ find: /^(\.\.\/)+parallel\/pool\.js$/, replacement: here("src/uncertainty/pool.ts") }],
  },
  worker: { format: "es" },
  build: {
    outDir: here("../dist/web"),
    emptyOutDir: true,
    target: "es2022",
    chunkSizeWarningLimit: 2000,
    // No inline scripts or styles anywhere: the server's CSP allows 'self' only.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  server: {
    // `vite --config web/vite.config.ts` for development, with the API of a running `parley serve`.
    proxy: { "/api": "http://127.0.0.1:4321" },
  },
});
