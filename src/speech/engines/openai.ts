/**
 * The `openai` speech engine: any server speaking OpenAI's `/v1/audio/transcriptions` protocol
 * (whisper.cpp's whisper-server, speaches / faster-whisper-server, hosted services).
 *
 * The PCM stream is cut into stretches of speech at pauses (at most 10 minutes each, so an upload
 * stays far under the 25 MB limit hosted services set), each sent as a 16 kHz mono WAV in a
 * multipart POST (`model`, `response_format=verbose_json`, segment and word timestamps,
 * `language`, `temperature=0`), one chunk at a time so segments arrive in order; the next chunk is
 * read from the stream while the server works on the current one. Silence is never uploaded.
 * Times are the server's, moved by the chunk's start and `offsetSec`.
 *
 * Before any audio leaves this machine, `assertSafeToSend` requires https and an API key for a
 * server that is not on this machine or a private network (see openai-url.ts). The key goes only
 * in the `Authorization` header, and only when one is given.
 */
import { DocscribError } from '../../core/errors.js';
import { PCM_BYTES_PER_SECOND, type SpeechEngine, type TranscribeOptions } from '../engine.js';
import type { RecognizedSegment } from '../schema.js';
import { speechChunks, type SpeechChunk } from './openai-chunks.js';
import {
  abortError,
  DEFAULT_RETRY_POLICY,
  postTranscription,
  type RetryPolicy,
} from './openai-http.js';
import { chunkSegments } from './openai-response.js';
import { assertSafeToSend, parseSpeechServerUrl, type SpeechServerUrl } from './openai-url.js';
import { wavHeader } from './openai-wav.js';

/** Longest chunk uploaded: 10 minutes of 16 kHz s16le is 19.2 MB as WAV (hosted limit: 25 MB). */
export const MAX_CHUNK_SEC = 600;

export interface OpenAiEngineOptions {
  /** API root, e.g. `http://127.0.0.1:8080/v1` (a bare origin gets `/v1`). */
  baseUrl: string;
  /** Sent as `Authorization: Bearer …` when given. */
  apiKey?: string;
  /** Model name the server knows (`whisper-1`, `Systran/faster-whisper-small`, …). */
  model: string;
  /** For tests; defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Spoken language sent to the server (ISO 639-1); default `en`. */
  language?: string;
  /** Longest chunk in seconds (capped at MAX_CHUNK_SEC); default MAX_CHUNK_SEC. */
  maxChunkSec?: number;
  /** Ask for word timestamps as well as segments; default true. */
  words?: boolean;
  /** Per-attempt timeout, attempts and backoff (see RetryPolicy). */
  retry?: Partial<RetryPolicy>;
  /** Timeout of `check()`'s GET /models, milliseconds; default 5000. */
  checkTimeoutMs?: number;
}

export function createOpenAiEngine(options: OpenAiEngineOptions): SpeechEngine {
  const doFetch = options.fetch ?? globalThis.fetch;
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const maxChunkSec = Math.min(MAX_CHUNK_SEC, Math.max(1, options.maxChunkSec ?? MAX_CHUNK_SEC));
  const language = options.language ?? 'en';
  const model = options.model.trim();
  const apiKey = options.apiKey?.trim() === '' ? undefined : options.apiKey?.trim();

  /** The server URL, refused when audio must not be sent to it. */
  function server(): SpeechServerUrl {
    if (model === '') {
      throw new DocscribError(
        'engine.unavailable',
        'No model name is set for the openai engine.',
        'Set the model the speech server offers (the openai model setting), e.g. whisper-1.',
      );
    }
    const url = parseSpeechServerUrl(options.baseUrl);
    assertSafeToSend(url, apiKey);
    return url;
  }

  function form(chunk: SpeechChunk): FormData {
    const f = new FormData();
    const wav = new Blob([wavHeader(chunk.pcm.length), chunk.pcm], { type: 'audio/wav' });
    f.append('file', wav, 'audio.wav');
    f.append('model', model);
    f.append('response_format', 'verbose_json');
    f.append('timestamp_granularities[]', 'segment');
    if (options.words !== false) f.append('timestamp_granularities[]', 'word');
    f.append('language', language);
    f.append('temperature', '0');
    return f;
  }

  async function transcribe(
    pcm: AsyncIterable<Buffer>,
    opts: TranscribeOptions = {},
  ): Promise<RecognizedSegment[]> {
    const { signal, onSegment, onProgress } = opts;
    const offset = opts.offsetSec ?? 0;
    if (signal?.aborted) throw abortError(signal);
    const url = server();

    let bytesRead = 0;
    async function* counted(): AsyncGenerator<Buffer> {
      for await (const buf of pcm) {
        bytesRead += buf.length;
        yield buf;
      }
    }
    const chunks = speechChunks(counted(), { maxSec: maxChunkSec });
    const out: RecognizedSegment[] = [];
    let lastStart = 0;
    let next = readAhead(chunks);
    try {
      for (;;) {
        const r = await untilAborted(next, signal);
        if (r.done) break;
        const chunk = r.value;
        next = readAhead(chunks);
        const body = await postTranscription({
          url,
          model,
          apiKey,
          body: () => form(chunk),
          uploadBytes: chunk.pcm.length + 44,
          fetch: doFetch,
          policy,
          signal,
        });
        for (const s of chunkSegments(body, chunk.durationSec)) {
          const start = Math.max(lastStart, offset + chunk.startSec + s.start);
          const end = Math.max(start, offset + chunk.startSec + s.end);
          const segment: RecognizedSegment = { ...s, start, end };
          if (s.words) {
            segment.words = s.words.map((w) => ({
              ...w,
              start: offset + chunk.startSec + w.start,
              end: offset + chunk.startSec + w.end,
            }));
          }
          lastStart = start;
          out.push(segment);
          onSegment?.(segment);
        }
        onProgress?.(chunk.startSec + chunk.durationSec);
      }
      onProgress?.(bytesRead / PCM_BYTES_PER_SECOND);
      return out;
    } finally {
      // Stop reading the stream (e.g. after an error); do not wait for a stalled source.
      void chunks.return(undefined).catch(() => undefined);
    }
  }

  async function check(): Promise<void> {
    const url = server();
    // Reachability and the key, never audio: GET /models (whisper.cpp's server has none: 404 is
    // fine, and so is any other answer than a refused key).
    const timeout = AbortSignal.timeout(options.checkTimeoutMs ?? 5_000);
    const headers: Record<string, string> = {};
    if (apiKey !== undefined) headers.authorization = `Bearer ${apiKey}`;
    let status: number;
    try {
      const res = await doFetch(url.models, { headers, signal: timeout });
      status = res.status;
      await res.body?.cancel();
    } catch {
      throw new DocscribError(
        'engine.unavailable',
        `Could not reach the speech server at ${url.origin}.`,
        'Check that the speech server is running and that DOCSCRIB_SPEECH_BASE_URL (or the practice’s speech settings) points to it, e.g. http://127.0.0.1:8080/v1.',
      );
    }
    if (status === 401 || status === 403) {
      throw new DocscribError(
        'engine.unavailable',
        apiKey === undefined
          ? `The speech server at ${url.origin} requires an API key (HTTP ${status}).`
          : `The speech server at ${url.origin} refused the API key (HTTP ${status}).`,
        'Set DOCSCRIB_SPEECH_API_KEY to a valid API key for this server (it is read from the environment, never stored).',
      );
    }
  }

  return {
    id: 'openai',
    quality: 'standard',
    model,
    check,
    transcribe,
  };
}

/** The next chunk, with a rejection handler attached so an unawaited read-ahead cannot crash. */
function readAhead(chunks: AsyncGenerator<SpeechChunk>): Promise<IteratorResult<SpeechChunk>> {
  const p = chunks.next();
  p.catch(() => undefined);
  return p;
}

/** `p`, or an AbortError as soon as `signal` aborts (the stream may be waiting on live audio). */
function untilAborted<T>(p: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return p;
  if (signal.aborted) return Promise.reject(abortError(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => {
      reject(abortError(signal));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
