import type { Command } from 'commander';
import type { Server } from 'node:http';
import { DocscribError } from '../../core/errors.js';
import { loadConfig, type Config } from '../../server/config.js';
import type { LiveOptions, LiveSockets } from '../../server/http/live.js';
import type { Logger } from '../../server/ports.js';
import { ExitCode } from '../errors.js';
import type { Io } from '../io.js';
import { parseWorkers, startWorkers } from './worker.js';

/** What the server commands may take beyond `Io`; tests pass their own. */
export interface ServerIo extends Io {
  /** The environment to read the configuration from (default: process.env). */
  env?: NodeJS.ProcessEnv;
  /** All of standard input (default: process.stdin). */
  readStdin?: () => Promise<string>;
}

interface ServeOptions {
  port?: string;
  host?: string;
  data?: string;
  /** false with --no-worker. */
  worker?: boolean;
  workers?: string;
}

export function registerServe(program: Command, io: Io, done: (code: ExitCode) => void): void {
  program
    .command('serve')
    .summary('run the DocScrib web app and API')
    .description(
      'Serve the web app and the API. All data stays in the data directory (SQLite database\n' +
        'and encryption key file) unless DATABASE_URL points at PostgreSQL.',
    )
    .option('--port <n>', 'port to listen on (default: PORT or 3000)')
    .option('--host <address>', 'address to listen on (default: 127.0.0.1, this machine only)')
    .option('--data <dir>', 'data directory (default: DOCSCRIB_DATA_DIR or ./data)')
    .option('--no-worker', 'do not transcribe uploads in this process (run `docscrib worker`)')
    .option('--workers <n>', 'transcription workers in this process (default 1)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ docscrib serve\n  $ docscrib serve --port 8080 --data /var/lib/docscrib\n\n' +
        'Environment: DATABASE_URL, DOCSCRIB_DATA_DIR, DOCSCRIB_ENCRYPTION_KEY, PORT,\n' +
        'DOCSCRIB_TRUST_PROXY, DOCSCRIB_SECURE_COOKIES, DOCSCRIB_DEBUG (see README).',
    )
    .action(async (opts: ServeOptions) => {
      const env = (io as ServerIo).env ?? process.env;
      const config = loadConfig(env, { dataDir: opts.data, port: opts.port, host: opts.host });
      const stop = new AbortController();
      const onSignal = (): void => {
        stop.abort();
      };
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      try {
        await runServer(config, io, stop.signal, {
          workers: opts.worker === false ? 0 : parseWorkers(opts.workers),
        });
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
      done(ExitCode.ok);
    });
}

/**
 * Open the runtime, listen, and run until `signal` aborts; then stop accepting connections, let
 * requests in flight finish (at most 5 s), and close the store.
 */
export async function runServer(
  config: Config,
  io: Io,
  signal: AbortSignal,
  opts: { webRoot?: string; live?: LiveOptions; workers?: number } = {},
): Promise<void> {
  const logger: Logger = {
    info: (line) => {
      io.out(`${line}\n`);
    },
    error: (line) => {
      io.err(`${line}\n`);
    },
  };
  // Loaded on demand: the server stack is not needed by the other commands' start-up.
  const { openRuntime } = await import('../../server/app.js');
  const { ABSOLUTE_TIMEOUT_MS, IDLE_TIMEOUT_MS } = await import('../../server/http/session.js');
  const { createAdaptorServer } = await import('@hono/node-server');
  const runtime = await openRuntime(config, {
    logger,
    onKeyCreated: (path) => {
      io.out(
        `Created the encryption key file ${path}. Back it up apart from the data: without it the records cannot be read.\n`,
      );
    },
    ...(opts.webRoot !== undefined ? { webRoot: opts.webRoot } : {}),
  });
  const { attachLiveSockets } = await import('../../server/http/live.js');
  let server: Server;
  let live: LiveSockets;
  try {
    server = createAdaptorServer({ fetch: runtime.app.fetch }) as Server;
    // Live recordings: WebSocket upgrades of /api/sessions/:id/live (server/http/live.ts).
    live = attachLiveSockets(server, runtime.deps, opts.live);
    server = await listen(server, config);
  } catch (e) {
    await runtime.close();
    throw e;
  }
  const purge = async (): Promise<void> => {
    const now = Date.now();
    await runtime.store.authSessions.purgeExpired(
      new Date(now - IDLE_TIMEOUT_MS).toISOString(),
      new Date(now - ABSOLUTE_TIMEOUT_MS).toISOString(),
    );
  };
  const purger = setInterval(() => {
    purge().catch((e: unknown) => {
      logger.error(`could not purge expired sessions: ${e instanceof Error ? e.name : 'error'}`);
    });
  }, 3_600_000);
  purger.unref();

  // Transcription of uploaded audio (services/worker.ts); `docscrib worker` runs more elsewhere.
  const workers = await startWorkers(runtime.deps, opts.workers ?? 1);

  try {
    await purge();
    io.out(`DocScrib is running at ${publicUrl(config)}\n`);
    if ((await runtime.store.users.count()) === 0) {
      io.out('No users yet: open it to create the first administrator.\n');
    }
    io.out('Press Ctrl+C to stop.\n');
    await aborted(signal);
    io.out('Stopping DocScrib…\n');
  } finally {
    clearInterval(purger);
    await live.close(); // saves each live transcript so far; the browser resends after a restart
    await workers.stop(); // gives each job in hand back to the queue
    await closeServer(server);
    await runtime.close();
  }
  io.out('Stopped.\n');
}

function listen(server: Server, config: Config): Promise<Server> {
  return new Promise((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException): void => {
      reject(listenError(e, config));
    };
    server.once('error', onError);
    server.listen(config.port, config.host, () => {
      server.off('error', onError);
      resolve(server);
    });
  });
}

function listenError(e: NodeJS.ErrnoException, config: Config): Error {
  switch (e.code ?? '') {
    case 'EADDRINUSE':
      return new DocscribError(
        'usage',
        `port ${config.port} on ${config.host} is already in use`,
        'stop the program using it, or choose another port with --port',
      );
    case 'EACCES':
      return new DocscribError(
        'usage',
        `not allowed to listen on port ${config.port}`,
        'ports below 1024 need special rights; use a port such as 3000',
      );
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return new DocscribError(
        'usage',
        `cannot listen on ${config.host}: not an address of this machine`,
        'use --host 127.0.0.1 (this machine only) or --host 0.0.0.0 (all interfaces)',
      );
    default:
      return e;
  }
}

function aborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    signal.addEventListener(
      'abort',
      () => {
        resolve();
      },
      { once: true },
    );
  });
}

/** Stop accepting, close idle keep-alive connections, and cut the rest after 5 s. */
function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => {
      server.closeAllConnections();
    }, 5000);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}

/** The address to open in a browser: localhost for loopback and wildcard hosts. */
export function publicUrl(config: Pick<Config, 'host' | 'port'>): string {
  const local = ['127.0.0.1', 'localhost', '::1', '0.0.0.0', '::', '[::1]', '[::]'];
  if (local.includes(config.host)) return `http://localhost:${config.port}`;
  const host =
    config.host.includes(':') && !config.host.startsWith('[') ? `[${config.host}]` : config.host;
  return `http://${host}:${config.port}`;
}
