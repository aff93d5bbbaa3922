/**
 * `parley serve`: the workbench — web app and HTTP API — on a local port until Ctrl-C. A thin
 * shell over `startServer`; everything it does is in `src/server/`.
 */
import { PortInUseError, ServeOptionError, startServer, type RunningServer, type ServeOptions } from "../../server/start.js";
import { StoreSchemaError } from "../../store/index.js";
import { EXIT, type CliIo } from "../io.js";

export interface ServeCommandOptions {
  readonly port?: number;
  readonly host?: string;
  readonly db?: string;
  readonly cors?: string;
  /** Replace stored copies of the bundled scenarios with this Parley's, keeping their history. */
  readonly reseed?: boolean;
}

/** Hooks for tests: the environment, and when to stop instead of waiting for a signal. */
export interface ServeHooks {
  readonly env?: NodeJS.ProcessEnv;
  readonly dataDir?: string;
  /** Resolves when the server should stop (default: SIGINT or SIGTERM). */
  readonly until?: (server: RunningServer) => Promise<void>;
}

export async function serveCommand(options: ServeCommandOptions, io: CliIo, hooks: ServeHooks = {}): Promise<number> {
  const serveOptions: ServeOptions = {
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.host !== undefined ? { host: options.host } : {}),
    ...(options.db !== undefined ? { db: options.db } : {}),
    ...(options.cors !== undefined ? { cors: options.cors } : {}),
    ...(options.reseed ? { reseed: true } : {}),
    ...(hooks.env ? { env: hooks.env } : {}),
    ...(hooks.dataDir ? { dataDir: hooks.dataDir } : {}),
    log: (message) => io.err(message),
  };
  let server: RunningServer;
  try {
    server = await startServer(serveOptions);
  } catch (error) {
    if (error instanceof ServeOptionError) {
      io.err(`error: ${error.message}`);
      return EXIT.usage;
    }
    if (error instanceof PortInUseError || error instanceof StoreSchemaError) {
      io.err(`error: ${error.message}`);
      return EXIT.failure;
    }
    throw error;
  }
  io.err(`database: ${server.store.file}`);
  io.out(`Parley is running at ${server.url}`);
  if (server.tokenSource === "created") io.out(`Open ${server.url}?token=${server.token} — the token is needed from other machines; it is shown only this once.`);
  else if (server.token !== undefined) io.out(`An access token is required: open ${server.url}?token=<token>, or send Authorization: Bearer <token>.`);
  io.err("Press Ctrl-C to stop.");
  await (hooks.until ?? untilSignal)(server);
  await server.close();
  io.err("stopped");
  return EXIT.ok;
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
