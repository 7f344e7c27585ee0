/**
 * The `openai` speech engine: any server speaking OpenAI's `/v1/audio/transcriptions` protocol
 * (whisper.cpp's whisper-server, speaches / faster-whisper-server, hosted services).
 *
 * The PCM stream is cut into stretches of speech at pauses and packed into uploads (openai-chunks.ts:
 * 5 minutes by default, never over 10, so an upload stays far under the 25 MB limit hosted services
 * set), each sent as a 16 kHz mono WAV in a multipart POST (`model`,
 * `response_format=verbose_json`, segment and word timestamps, `language`, `temperature=0`), one
 * upload at a time so segments arrive in order; the stream is read ahead while the server works.
 * Silence is never uploaded. Times are the server's, moved by the upload's start and `offsetSec`.
 *
 * Before any audio leaves this machine, `assertSafeToSend` requires https and an API key for a
 * server that is not on this machine or a private network (see openai-url.ts). The key goes only
 * in the `Authorization` header, and only when one is given.
 */
import { DocscribError } from '../../core/errors.js';
import type { SpeechEngine, TranscribeOptions } from '../engine.js';
import type { RecognizedSegment } from '../schema.js';
import { WAV_HEADER_BYTES, wavHeader } from '../audio/wav.js';
import { speechPacks, type SpeechChunk } from './openai-chunks.js';
import {
  abortError,
  DEFAULT_RETRY_POLICY,
  postTranscription,
  redirectError,
  type RetryPolicy,
} from './openai-http.js';
import { chunkSegments } from './openai-response.js';
import { assertSafeToSend, parseSpeechServerUrl, type SpeechServerUrl } from './openai-url.js';

/** Longest upload allowed: 10 minutes of 16 kHz s16le is 19.2 MB as WAV (hosted limit: 25 MB). */
export const MAX_CHUNK_SEC = 600;
/** Longest upload by default: 5 minutes (9.6 MB), well inside a slow server's timeout. */
export const DEFAULT_CHUNK_SEC = 300;

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
  /** Longest upload in seconds (capped at MAX_CHUNK_SEC); default DEFAULT_CHUNK_SEC. */
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
  const maxChunkSec = Math.min(
    MAX_CHUNK_SEC,
    Math.max(1, options.maxChunkSec ?? DEFAULT_CHUNK_SEC),
  );
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

    const packs = speechPacks(pcm, { maxSec: maxChunkSec });
    const out: RecognizedSegment[] = [];
    let lastStart = 0;
    try {
      for (;;) {
        const chunk = await untilAborted(packs.next(), signal);
        if (chunk === null) break;
        const body = await postTranscription({
          url,
          model,
          apiKey,
          body: () => form(chunk),
          uploadBytes: chunk.pcm.length + WAV_HEADER_BYTES,
          fetch: doFetch,
          policy,
          signal,
        });
        const at = offset + chunk.startSec;
        for (const s of chunkSegments(body, chunk.durationSec)) {
          const start = Math.max(lastStart, at + s.start);
          const end = Math.max(start, at + s.end);
          const segment: RecognizedSegment = { ...s, start, end };
          if (s.words) {
            segment.words = s.words.map((w) => ({ ...w, start: at + w.start, end: at + w.end }));
          }
          lastStart = start;
          out.push(segment);
          onSegment?.(segment);
        }
        onProgress?.(offset + chunk.startSec + chunk.durationSec);
      }
      onProgress?.(offset + packs.readSec);
      return out;
    } finally {
      // Stop reading the stream (after an error or abort); never waits for a stalled source.
      packs.close();
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
      // Not followed: the key would go to wherever the redirect points.
      const res = await doFetch(url.models, { headers, signal: timeout, redirect: 'manual' });
      status = res.status;
      await res.body?.cancel();
    } catch {
      throw new DocscribError(
        'engine.unavailable',
        `Could not reach the speech server at ${url.origin}.`,
        'Check that the speech server is running and that DOCSCRIB_SPEECH_BASE_URL (or the practice’s speech settings) points to it, e.g. http://127.0.0.1:8080/v1.',
      );
    }
    if (status >= 300 && status < 400) {
      throw redirectError(`the speech server at ${url.origin}`, `HTTP ${status}`);
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
