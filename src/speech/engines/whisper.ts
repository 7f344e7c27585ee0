/**
 * The Whisper speech engine: whisper.cpp (through `@napi-rs/whisper`) on a local ggml model file.
 *
 * The PCM stream is cut into speech chunks of at most 28 s at pauses by the energy VAD
 * (`vadChunks`), so silence and steady noise never reach the model (Whisper "hears" words in
 * them); each chunk is transcribed in a worker thread that loads the model once per
 * `transcribe` call, so the CPU-heavy, synchronous `Whisper#full` never blocks the event loop.
 * At most two chunks are in flight (one decoding, one queued), so a long file is not held in
 * memory. Segment times are whisper.cpp's (10 ms steps, relative to the chunk), clamped to the
 * chunk and shifted by its start and `offsetSec`. Segments that are only a non-speech annotation
 * (`[BLANK_AUDIO]`, `(music)`) are dropped.
 *
 * Aborting terminates the worker and rejects at once with an `AbortError`; a chunk already inside
 * whisper.cpp finishes in the background first (the binding cannot interrupt `full`), then the
 * thread exits. Errors: no model file → `engine.unavailable`; a file whisper.cpp refuses →
 * `engine.model`; the worker dying or whisper.cpp failing mid-run → `engine.failed`.
 *
 * Not isolated from native crashes: an abort() inside whisper.cpp ends the whole process, which
 * is why `models.ts` refuses the files known to cause one before a worker is started.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DocscribError } from '../../core/errors.js';
import { s16ToFloat32 } from '../audio/pcm.js';
import { vadChunks, type VadChunk } from '../audio/vad.js';
import {
  PCM_BYTES_PER_SECOND,
  SAMPLE_RATE,
  type SpeechEngine,
  type TranscribeOptions,
} from '../engine.js';
import { inspectModelFile, MODEL_DOWNLOAD_PAGE } from '../models.js';
import type { RecognizedSegment } from '../schema.js';
import {
  FromWorkerSchema,
  type FromWorker,
  type WhisperWorkerData,
  type WorkerSegment,
} from './whisper-protocol.js';

export interface WhisperEngineOptions {
  /** Absolute path of a ggml model file (see `resolveWhisperModel`). */
  modelPath: string;
  /** CPU threads for whisper.cpp (default: the CPUs, at most 4). */
  threads?: number;
}

/** For tests only: run another worker script (to simulate a crash). */
export interface WhisperEngineInternals {
  workerUrl?: URL;
}

/** Longest chunk given to the model: Whisper's window is 30 s; a margin for the VAD padding. */
export const WHISPER_MAX_CHUNK_SEC = 28;
/**
 * Chunks shorter than this are padded with silence: whisper.cpp skips input under 1 s, and pads
 * every window to 30 s with silence anyway, so trailing zeros change nothing else.
 */
const MIN_CHUNK_SEC = 2;
/** Chunks posted to the worker and not yet answered. */
const MAX_IN_FLIGHT = 2;
/** A segment that is only a non-speech annotation: `[BLANK_AUDIO]`, `(upbeat music)`, `*sigh*`. */
const ANNOTATION = /^\s*(?:\[[^\]]*\]|\([^)]*\)|\*[^*]*\*|[♪♫\s]+)\s*$/u;

export function createWhisperEngine(
  opts: WhisperEngineOptions,
  internals: WhisperEngineInternals = {},
): SpeechEngine {
  const modelPath = opts.modelPath;
  const threads = opts.threads ?? Math.max(1, Math.min(4, availableParallelism()));
  const model = basename(modelPath).replace(/\.bin$/, '');

  const check = async (): Promise<void> => {
    checkModelFile(modelPath);
    try {
      await import('@napi-rs/whisper');
    } catch {
      throw bindingMissing();
    }
  };

  return {
    id: 'whisper',
    quality: 'standard',
    model,
    check,
    async transcribe(pcm, options = {}) {
      options.signal?.throwIfAborted();
      checkModelFile(modelPath);
      const worker = new WhisperWorker(
        internals.workerUrl ?? workerEntry(),
        { modelPath, threads },
        modelPath,
      );
      try {
        return await run(worker, pcm, options);
      } finally {
        worker.stop();
      }
    },
  };
}

async function run(
  worker: WhisperWorker,
  pcm: AsyncIterable<Buffer>,
  opts: TranscribeOptions,
): Promise<RecognizedSegment[]> {
  const { signal } = opts;
  let onAbort = (): void => undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = (): void => {
      worker.stop();
      reject(abortError(signal));
    };
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
  aborted.catch(() => undefined);
  try {
    return await runChunks(worker, pcm, opts, aborted);
  } finally {
    // The caller's signal may outlive this run (a live session): leave no listener on it.
    signal?.removeEventListener('abort', onAbort);
  }
}

async function runChunks(
  worker: WhisperWorker,
  pcm: AsyncIterable<Buffer>,
  opts: TranscribeOptions,
  aborted: Promise<never>,
): Promise<RecognizedSegment[]> {
  const { onSegment, onProgress } = opts;
  const offset = opts.offsetSec ?? 0;
  let failChunk: (e: unknown) => void = () => undefined;
  const chunkFailed = new Promise<never>((_, reject) => (failChunk = reject));
  chunkFailed.catch(() => undefined);
  const guard = <T>(p: Promise<T>): Promise<T> =>
    Promise.race([p, aborted, worker.failed, chunkFailed]);

  await guard(worker.ready);
  const segments: RecognizedSegment[] = [];
  let over = false;
  let streamBytes = 0;
  const counted = async function* (): AsyncGenerator<Buffer> {
    for await (const b of pcm) {
      streamBytes += b.length;
      yield b;
    }
  };
  // Results are handled in order as soon as each arrives (a live transcript must not wait for
  // the next chunk); the reader waits while MAX_IN_FLIGHT chunks are unanswered.
  let tail: Promise<void> = Promise.resolve();
  let inFlight = 0;
  let slotFreed: (() => void) | undefined;
  const chunks = vadChunks(counted(), { maxSec: WHISPER_MAX_CHUNK_SEC })[Symbol.asyncIterator]();
  try {
    for (;;) {
      const next = await guard(chunks.next());
      if (next.done) break;
      while (inFlight >= MAX_IN_FLIGHT) {
        await guard(new Promise<void>((resolve) => (slotFreed = resolve)));
      }
      const chunk = next.value;
      const result = worker.transcribe(chunkSamples(chunk));
      result.catch(() => undefined);
      inFlight++;
      tail = tail
        .then(async () => {
          const found = toSegments(await result, chunk, offset);
          if (over) return;
          for (const s of found) {
            segments.push(s);
            onSegment?.(s);
          }
          onProgress?.(offset + chunk.end);
        })
        .catch(failChunk)
        .finally(() => {
          inFlight--;
          slotFreed?.();
          slotFreed = undefined;
        });
    }
    await guard(tail);
  } catch (e) {
    void chunks.return(undefined);
    throw e;
  } finally {
    over = true;
  }
  onProgress?.(offset + streamBytes / PCM_BYTES_PER_SECOND);
  return segments;
}

/** A chunk's samples as floats, padded with silence to MIN_CHUNK_SEC. */
function chunkSamples(chunk: VadChunk): Float32Array {
  const samples = s16ToFloat32(chunk.pcm);
  const min = MIN_CHUNK_SEC * SAMPLE_RATE;
  if (samples.length >= min) return samples;
  const padded = new Float32Array(min);
  padded.set(samples);
  return padded;
}

/** Worker segments (centiseconds in the chunk) → stream segments: clamped, shifted, filtered. */
export function toSegments(
  found: readonly WorkerSegment[],
  chunk: VadChunk,
  offsetSec: number,
): RecognizedSegment[] {
  const length = chunk.end - chunk.start;
  const out: RecognizedSegment[] = [];
  for (const s of found) {
    const text = s.text.trim();
    if (text === '' || ANNOTATION.test(text)) continue;
    const start = Math.min(Math.max(s.start / 100, 0), length);
    const end = Math.min(Math.max(s.end / 100, start), length);
    out.push({
      start: round3(offsetSec + chunk.start + start),
      end: round3(offsetSec + chunk.start + end),
      text,
    });
  }
  return out;
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/**
 * The worker script: the compiled `whisper-worker.js` beside this module (dist/), else the
 * TypeScript source run through tsx (development, tests).
 */
function workerEntry(): URL {
  return new URL('./whisper-worker.js', import.meta.url);
}

/**
 * Start the worker for `entry`. A `.js` entry runs as is. A `.ts` source (this module running
 * from src/ under tsx or vitest, where no compiled worker exists) is imported through tsx's
 * `tsImport` from a small bootstrap, because a worker's own execArgv loaders do not apply to its
 * entry module on Node 20.
 */
function startWorker(entry: URL, data: WhisperWorkerData): Worker {
  const path = fileURLToPath(entry);
  if (existsSync(path)) return new Worker(entry, { workerData: data });
  const source = path.replace(/\.js$/, '.ts');
  if (!existsSync(source)) throw new Error(`Whisper worker script missing: ${path}`);
  const require = createRequire(import.meta.url);
  const tsxApi = join(dirname(require.resolve('tsx/package.json')), 'dist/esm/api/index.mjs');
  const sourceUrl = pathToFileURL(source).href;
  const bootstrap = `import(${JSON.stringify(pathToFileURL(tsxApi).href)}).then((m) => m.tsImport(${JSON.stringify(sourceUrl)}, ${JSON.stringify(sourceUrl)}));`;
  return new Worker(bootstrap, { eval: true, workerData: data });
}

/** One worker thread with its model: chunk requests in, results (by id) out. */
class WhisperWorker {
  readonly ready: Promise<void>;
  /** Rejects (`engine.failed` / `engine.model` / `engine.unavailable`) when the worker fails. */
  readonly failed: Promise<never>;
  private readonly worker: Worker;
  private readonly pending = new Map<
    number,
    { resolve: (s: WorkerSegment[]) => void; reject: (e: Error) => void }
  >();
  private nextId = 0;
  private stopped = false;

  constructor(
    entry: URL,
    data: WhisperWorkerData,
    private readonly modelPath: string,
  ) {
    let ready!: () => void;
    let fail!: (e: Error) => void;
    this.ready = new Promise<void>((r) => (ready = r));
    this.failed = new Promise<never>((_, reject) => (fail = reject));
    this.failed.catch(() => undefined);
    this.worker = startWorker(entry, data);
    const failAll = (e: Error): void => {
      fail(e);
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    };
    this.worker.on('message', (raw: unknown) => {
      const parsed = FromWorkerSchema.safeParse(raw);
      if (!parsed.success) {
        failAll(engineFailed('sent a malformed message'));
        return;
      }
      this.handle(parsed.data, ready, failAll);
    });
    this.worker.on('error', (e: Error) => {
      failAll(engineFailed(`failed (${e.name})`));
    });
    this.worker.on('exit', (code) => {
      if (!this.stopped) failAll(engineFailed(`stopped unexpectedly (exit code ${code})`));
    });
  }

  private handle(m: FromWorker, ready: () => void, failAll: (e: Error) => void): void {
    switch (m.type) {
      case 'ready':
        ready();
        return;
      case 'load-error':
        failAll(loadError(m.kind, this.modelPath));
        return;
      case 'result':
        this.pending.get(m.id)?.resolve(m.segments);
        this.pending.delete(m.id);
        return;
      case 'error':
        this.pending
          .get(m.id)
          ?.reject(engineFailed('could not transcribe a stretch of audio (whisper.cpp error)'));
        this.pending.delete(m.id);
        return;
    }
  }

  transcribe(samples: Float32Array): Promise<WorkerSegment[]> {
    const id = this.nextId++;
    return new Promise<WorkerSegment[]>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ type: 'chunk', id, samples }, [samples.buffer as ArrayBuffer]);
    });
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    void this.worker.terminate();
  }
}

/** The model file exists and looks usable: `engine.unavailable` / `engine.model` otherwise. */
function checkModelFile(modelPath: string): void {
  const file = basename(modelPath);
  const dir = dirname(modelPath);
  if (!existsSync(modelPath)) {
    throw new DocscribError(
      'engine.unavailable',
      `The Whisper model file ${file} is not in ${dir}.`,
      `Put a ggml Whisper model there, e.g. ggml-base.en.bin from ${MODEL_DOWNLOAD_PAGE} (\`docscrib models\` shows the models directory and download commands), or choose another engine (--engine pocketsphinx).`,
      { file },
    );
  }
  const info = inspectModelFile(modelPath);
  if (!info.valid) {
    throw new DocscribError(
      'engine.model',
      `The Whisper model file ${file} (in ${dir}) is not usable: ${info.reason}.`,
      `Download it again from ${MODEL_DOWNLOAD_PAGE}, or pick another model; \`docscrib models\` lists the installed ones and what is wrong with them.`,
      { file },
    );
  }
}

function loadError(kind: 'missing' | 'invalid' | 'binding', modelPath: string): DocscribError {
  const file = basename(modelPath);
  if (kind === 'binding') return bindingMissing();
  if (kind === 'missing') {
    return new DocscribError(
      'engine.unavailable',
      `The Whisper model file ${file} disappeared from ${dirname(modelPath)} before it could be loaded.`,
      'Put the model file back (`docscrib models` shows the models directory), then try again.',
      { file },
    );
  }
  return new DocscribError(
    'engine.model',
    `whisper.cpp could not load the model file ${file} (in ${dirname(modelPath)}).`,
    `Download it again from ${MODEL_DOWNLOAD_PAGE}, or pick another model (\`docscrib models\`).`,
    { file },
  );
}

function bindingMissing(): DocscribError {
  return new DocscribError(
    'engine.unavailable',
    `The Whisper engine has no native build for this platform (${process.platform}-${process.arch}).`,
    '@napi-rs/whisper ships builds for Linux x64 (glibc) and macOS; reinstall DocScrib with `npm ci` on one of those, or use --engine pocketsphinx or --engine openai.',
  );
}

function engineFailed(what: string): DocscribError {
  return new DocscribError(
    'engine.failed',
    `The Whisper engine ${what}.`,
    'Try again; if it keeps failing, check the model with `docscrib models`, make sure the machine has memory for the model (about 0.4 GB for base, 4 GB for large), or use another engine (--engine pocketsphinx).',
  );
}

function abortError(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  if (reason instanceof Error && reason.name === 'AbortError') return reason;
  return new DOMException('Transcription aborted', 'AbortError');
}
