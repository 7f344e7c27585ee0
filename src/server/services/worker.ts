/**
 * Transcription workers: take `transcribe` jobs from the shared queue (store.jobs), turn the
 * uploaded audio into a speaker-labelled transcript with the practice's engine, and write the
 * draft note (CaptureService.draft: the same path as a live session's end).
 *
 * - A job is leased: the worker extends the lease while it works (heartbeat every third of it).
 *   A worker that dies stops extending; once the lease expires another worker (in this or any
 *   process on the database) claims the job again. A worker whose lease was taken over stops.
 * - The audio is decrypted into a temp file (ffmpeg needs a seekable file for m4a/mp4) in a
 *   0700 directory per process, deleted when the job ends, whatever happens; directories left
 *   by a process that died are swept when a worker starts.
 * - Failures are stored on the capture (`failed` with code, message and hint; never PHI).
 *   Errors about the audio or the engine's setup are final; others (an engine crash, a database
 *   hiccup) are retried with backoff until the job's attempts run out.
 * - `stop()` (graceful shutdown) aborts the job in hand and gives it back to the queue.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { DocscribError, isDocscribError } from '../../core/errors.js';
import type { SpeechEngine } from '../../speech/engine.js';
import { transcribeFile } from '../../speech/pipeline.js';
import type { EngineId, SpeechSettings } from '../../speech/schema.js';
import { isApiError } from '../errors.js';
import type { Logger } from '../ports.js';
import type { Job } from '../store/port.js';
import { practiceEngine, type Env } from './capture-engine.js';
import { CaptureService, failureOf, isFinalFailure } from './capture.js';
import type { ClinicalDeps } from './clients.js';
import { readPracticeSettings } from './settings.js';

export interface WorkerDeps extends ClinicalDeps {
  logger: Logger;
}

export interface WorkerOptions {
  /** Names the worker in job leases (default: host process id + random). */
  id?: string;
  /** How long a claim lasts without a heartbeat (default 60 s). */
  leaseMs?: number;
  /** Pause between looks at an empty queue (default 1 s). */
  pollMs?: number;
  /** First retry delay; doubled per attempt (default 30 s). */
  retryBaseMs?: number;
  /** Where the per-process temp directories go (default: the OS temp dir / docscrib-audio). */
  tempRoot?: string;
  /** The environment (models directory, speech API key); default process.env. */
  env?: Env;
  /** The engine for a job (tests); default: the practice's engine (capture-engine.ts). */
  engineFor?: (id: EngineId, settings: SpeechSettings) => SpeechEngine;
  /** The capture service to draft with (default: a new one on the same deps). */
  capture?: CaptureService;
}

/** Default temp root: one directory per process inside it (`p<pid>-…`). */
export const DEFAULT_TEMP_ROOT = join(tmpdir(), 'docscrib-audio');

export class TranscriptionWorker {
  readonly id: string;
  private readonly capture: CaptureService;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly retryBaseMs: number;
  private readonly tempRoot: string;
  private readonly env: Env;
  private stopping = false;
  private readonly wake = new AbortController();
  private current: { job: Job; abort: AbortController } | null = null;
  private loop: Promise<void> | null = null;
  private processDir: Promise<string> | null = null;

  constructor(
    private readonly deps: WorkerDeps,
    private readonly opts: WorkerOptions = {},
  ) {
    this.id = opts.id ?? `w${process.pid}-${randomBytes(4).toString('hex')}`;
    this.leaseMs = opts.leaseMs ?? 60_000;
    this.pollMs = opts.pollMs ?? 1_000;
    this.retryBaseMs = opts.retryBaseMs ?? 30_000;
    this.tempRoot = opts.tempRoot ?? DEFAULT_TEMP_ROOT;
    this.env = opts.env ?? process.env;
    this.capture = opts.capture ?? new CaptureService(deps, { env: this.env });
  }

  /** Run until `stop()`: claim a job, work it, look again (pausing while the queue is empty). */
  start(): void {
    if (this.loop) return;
    this.loop = (async () => {
      await sweepTempDirs(this.tempRoot).catch(() => undefined);
      while (this.running()) {
        let worked = false;
        try {
          worked = await this.runOnce();
        } catch (e) {
          this.deps.logger.error(`worker ${this.id}: ${e instanceof Error ? e.name : 'error'}`);
        }
        if (!worked && this.running()) await sleep(this.pollMs, this.wake.signal);
      }
    })();
  }

  /** Stop: abort the job in hand, give it back to the queue, and wait for the loop to end. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake.abort();
    this.current?.abort.abort(new StopSignal());
    await this.loop;
    this.loop = null;
  }

  /** Claim and work one job; false when none was due. */
  async runOnce(): Promise<boolean> {
    const { store } = this.deps;
    const job = await store.jobs.claim(this.id, this.now(), this.leaseMs);
    if (!job) return false;
    const abort = new AbortController();
    this.current = { job, abort };
    const beat = setInterval(
      () => {
        store.jobs.heartbeat(job.id, this.id, this.now(), this.leaseMs).then(
          (mine) => {
            if (!mine) abort.abort(new LostLease());
          },
          () => undefined, // the next beat tries again; the lease is long enough for a miss
        );
      },
      Math.max(50, Math.floor(this.leaseMs / 3)),
    );
    beat.unref();
    let dir: string | null = null;
    try {
      dir = await mkdtemp(join(await this.ownDir(), 'job-'));
      await this.work(job, dir, abort.signal);
      await store.jobs.complete(job.id, this.id, this.now());
    } catch (e) {
      await this.settle(job, e, abort.signal);
    } finally {
      clearInterval(beat);
      this.current = null;
      if (dir !== null) await rm(dir, { recursive: true, force: true });
    }
    return true;
  }

  private async work(job: Job, dir: string, signal: AbortSignal): Promise<void> {
    if (job.kind === 'finalize') {
      await this.finalize(job);
      return;
    }
    const { store } = this.deps;
    const session = await store.sessions.get(job.sessionId);
    const record = await store.captures.get(job.sessionId);
    if (!session || !record || record.status === 'ready') return; // nothing left to do
    if (job.attempts > job.maxAttempts) {
      throw new DocscribError(
        'engine.failed',
        `Transcription was interrupted ${job.maxAttempts} times (the worker stopped before finishing).`,
        'Upload the recording again; if this keeps happening, ask your administrator to check that the transcription workers have enough memory and time.',
      );
    }
    await store.captures.update(job.sessionId, {
      status: 'transcribing',
      progress: 0,
      error: null,
    });

    // Decrypt to a seekable file only this process can read.
    const file = join(dir, 'audio');
    const out = createWriteStream(file, { mode: 0o600 });
    try {
      for await (const c of this.capture.chunks(job.sessionId)) {
        signal.throwIfAborted();
        if (!out.write(c.data)) await once(out, 'drain', { signal });
      }
    } finally {
      out.end();
      await once(out, 'close').catch(() => undefined);
    }
    signal.throwIfAborted();

    const settings = (await readPracticeSettings(store)).speech;
    const engine =
      this.opts.engineFor?.(record.engine, settings) ??
      practiceEngine(record.engine, settings, this.env);
    let lastWrite = 0;
    const speech = await transcribeFile(file, {
      engine,
      signal,
      onProgress: (seconds, duration) => {
        const t = performance.now();
        if (t - lastWrite < 1000 || duration <= 0) return;
        lastWrite = t;
        const progress = Math.min(0.99, Math.max(0, seconds / duration));
        store.captures.update(job.sessionId, { progress }).catch(() => undefined);
      },
    });
    signal.throwIfAborted();
    const drafting = await store.captures.update(job.sessionId, {
      status: 'drafting',
      progress: 1,
      audioSeconds: speech.durationSec,
      model: speech.model,
    });
    if (!drafting.ok) return;
    await this.capture.draft(null, session, drafting.value, speech);
  }

  /**
   * A stopped live session's note, when the process that stopped it did not write it (it died,
   * or a transient error stopped it): written from the stored segments. Nothing to do once the
   * capture has left `drafting` (the usual case: the note was written when the clinician stopped).
   */
  private async finalize(job: Job): Promise<void> {
    const { store } = this.deps;
    const session = await store.sessions.get(job.sessionId);
    const record = await store.captures.getPlain(job.sessionId);
    if (!session || record?.status !== 'drafting') return;
    if (job.attempts > job.maxAttempts) {
      throw new DocscribError(
        'engine.failed',
        `Writing the note was interrupted ${job.maxAttempts} times.`,
        'Ask your administrator to check the server; the recording and its transcript are kept.',
      );
    }
    await this.capture.completeLive(null, session);
  }

  /** After a failed or aborted attempt: give back, retry later, or fail for good. */
  private async settle(job: Job, e: unknown, signal: AbortSignal): Promise<void> {
    const { store, logger } = this.deps;
    const reason: unknown = signal.aborted ? signal.reason : null;
    if (reason instanceof LostLease) {
      logger.info(`worker ${this.id}: job ${job.id} was taken over (its lease expired)`);
      return;
    }
    if (reason instanceof StopSignal) {
      await store.jobs.release(job.id, this.id, this.now()).catch(() => false);
      if (job.kind === 'finalize') return; // still drafting: the job is queued again
      await store.captures
        .update(job.sessionId, { status: 'queued', progress: 0 }, ['transcribing', 'drafting'])
        .catch(() => undefined);
      return;
    }
    const failure = failureOf(e);
    const final = isFinalFailure(e);
    const retryAt = final
      ? null
      : new Date(
          this.deps.clock.now().getTime() + this.retryBaseMs * 2 ** Math.max(0, job.attempts - 1),
        ).toISOString();
    logger.error(
      `worker ${this.id}: job ${job.id} failed: ${failure.code}` +
        (isDocscribError(e) || isApiError(e) ? '' : ` (${e instanceof Error ? e.name : 'error'})`),
    );
    const status = await store.jobs
      .fail(job.id, this.id, this.now(), { code: failure.code, message: failure.message }, retryAt)
      .catch(() => undefined);
    if (status === 'queued') {
      await store.captures
        .update(job.sessionId, { status: 'queued', progress: 0 })
        .catch(() => undefined);
    } else if (status === 'failed') {
      await this.capture.markFailed(job.sessionId, e);
    }
  }

  private running(): boolean {
    return !this.stopping;
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  /** This process's temp directory (0700), made once. */
  private ownDir(): Promise<string> {
    this.processDir ??= (async () => {
      await mkdir(this.tempRoot, { recursive: true, mode: 0o700 });
      await chmod(this.tempRoot, 0o700).catch(() => undefined);
      const dir = join(this.tempRoot, `p${process.pid}-${randomBytes(3).toString('hex')}`);
      await mkdir(dir, { mode: 0o700 });
      return dir;
    })();
    return this.processDir;
  }
}

/**
 * Remove the temp directories of processes that are gone (a crash or kill -9 mid-job leaves the
 * decrypted audio behind: it is removed the next time any worker starts on this machine).
 */
export async function sweepTempDirs(root: string): Promise<number> {
  let removed = 0;
  let entries: string[];
  try {
    entries = await readdir(root);
  } catch {
    return 0;
  }
  for (const name of entries) {
    const pid = /^p(\d+)-/.exec(name)?.[1];
    if (pid === undefined || alive(Number(pid))) continue;
    await rm(join(root, name), { recursive: true, force: true });
    removed++;
  }
  return removed;
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

class LostLease extends Error {
  override readonly name = 'LostLease';
}

class StopSignal extends Error {
  override readonly name = 'StopSignal';
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve();
      return;
    }
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
