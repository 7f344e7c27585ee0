/**
 * `docscrib worker`: transcription workers only, no web server — for deployments on PostgreSQL
 * that run the transcription of uploaded audio in processes of their own (`docscrib serve
 * --no-worker` beside them). Every worker on the database takes jobs from one queue; a job whose
 * worker dies is taken over once its lease expires. Also `startWorkers`, which `serve` uses.
 */
import type { Command } from 'commander';
import { loadConfig } from '../../server/config.js';
import type { AppDeps } from '../../server/http/deps.js';
import type { Logger } from '../../server/ports.js';
import { ExitCode } from '../errors.js';
import type { Io } from '../io.js';
import { DocscribError } from '../../core/errors.js';

export interface RunningWorkers {
  readonly count: number;
  /** Stop them all: each gives the job in hand back to the queue. */
  stop(): Promise<void>;
}

/** Start `n` workers on the runtime's store (0: none). */
export async function startWorkers(
  deps: Pick<AppDeps, 'store' | 'auditLog' | 'clock' | 'logger'>,
  n: number,
): Promise<RunningWorkers> {
  if (n === 0) return { count: 0, stop: () => Promise.resolve() };
  const { TranscriptionWorker } = await import('../../server/services/worker.js');
  const workers = Array.from({ length: n }, () => new TranscriptionWorker(deps));
  for (const w of workers) w.start();
  return {
    count: n,
    stop: async () => {
      await Promise.all(workers.map((w) => w.stop()));
    },
  };
}

interface WorkerOptions {
  data?: string;
  workers?: string;
}

export function registerWorker(program: Command, io: Io, done: (code: ExitCode) => void): void {
  program
    .command('worker')
    .summary('transcribe uploaded audio (no web server)')
    .description(
      'Run transcription workers only: they take uploaded recordings from the queue in\n' +
        'the database, transcribe them with the practice speech engine and write the\n' +
        'draft notes. `docscrib serve` runs one itself unless started with --no-worker.\n' +
        'Use the database and encryption key of the server (DATABASE_URL,\n' +
        'DOCSCRIB_ENCRYPTION_KEY or --data).',
    )
    .option('--data <dir>', 'data directory (default: DOCSCRIB_DATA_DIR or ./data)')
    .option('--workers <n>', 'workers in this process (default 1)')
    .action(async (opts: WorkerOptions) => {
      const env = (io as Io & { env?: NodeJS.ProcessEnv }).env ?? process.env;
      const config = loadConfig(env, { dataDir: opts.data });
      const count = parseWorkers(opts.workers);
      const stop = new AbortController();
      const onSignal = (): void => {
        stop.abort();
      };
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      try {
        await runWorkers(config, io, stop.signal, Math.max(1, count));
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
      done(ExitCode.ok);
    });
}

/** Open the store (the key must exist: this creates none), run workers until `signal`. */
export async function runWorkers(
  config: ReturnType<typeof loadConfig>,
  io: Io,
  signal: AbortSignal,
  count: number,
): Promise<void> {
  const logger: Logger = {
    info: (line) => {
      io.out(`${line}\n`);
    },
    error: (line) => {
      io.err(`${line}\n`);
    },
  };
  const { openKeysAndStore } = await import('../../server/app.js');
  const { systemClock } = await import('../../server/ports.js');
  const opened = await openKeysAndStore(config, { migrate: true, createKey: false });
  try {
    const workers = await startWorkers(
      { store: opened.store, auditLog: opened.auditLog, clock: systemClock, logger },
      count,
    );
    io.out(
      `DocScrib transcription worker${count > 1 ? 's' : ''} running (${count}). Press Ctrl+C to stop.\n`,
    );
    await new Promise<void>((resolve) => {
      if (signal.aborted) resolve();
      else {
        signal.addEventListener(
          'abort',
          () => {
            resolve();
          },
          { once: true },
        );
      }
    });
    io.out('Stopping: giving unfinished jobs back to the queue…\n');
    await workers.stop();
  } finally {
    await opened.close();
  }
  io.out('Stopped.\n');
}

/** `--workers <n>`: 0–16 (a usage error otherwise). */
export function parseWorkers(value: string | undefined): number {
  if (value === undefined) return 1;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 16) {
    throw new DocscribError(
      'usage',
      `--workers must be a whole number from 0 to 16 (got "${value.slice(0, 20)}")`,
      'each worker transcribes one upload at a time; 1 or 2 suit most machines',
    );
  }
  return n;
}
