/**
 * One transcription request to an OpenAI-compatible server, made robust: a per-attempt timeout,
 * retries with exponential backoff and jitter on 429, 5xx, timeouts and network errors (honouring
 * `Retry-After`), the caller's abort signal cancelling the request in flight or the wait between
 * attempts, and every failure turned into a `DocscribError` with a hint.
 *
 * Error messages name the server by its origin only (never the path, a query or the key) and never
 * carry audio, transcript text or what the server said about the request (a server's error text
 * could echo anything): the HTTP status and the model name are the only details.
 */
import { DocscribError } from '../../core/errors.js';
import type { SpeechServerUrl } from './openai-url.js';
import { TranscriptionResponseSchema, type TranscriptionResponse } from './openai-response.js';

export interface RetryPolicy {
  /** Milliseconds one attempt may take (upload, recognition and answer). */
  timeoutMs: number;
  /** Attempts in all (1 = no retry). */
  maxAttempts: number;
  /** First backoff delay; doubles per attempt, with jitter. */
  retryBaseMs: number;
  /** Longest wait between attempts, also the cap on a server's `Retry-After`. */
  maxRetryDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  timeoutMs: 600_000,
  maxAttempts: 5,
  retryBaseMs: 1_000,
  maxRetryDelayMs: 60_000,
};

/** HTTP statuses worth another attempt: rate limits and server-side trouble. */
const RETRIABLE = new Set([408, 425, 429, 500, 502, 503, 504]);

/** The error `transcribe` rejects with when aborted (the contract's AbortError). */
export function abortError(signal?: AbortSignal): Error {
  const reason: unknown = signal?.reason;
  if (reason instanceof Error && reason.name === 'AbortError') return reason;
  return new DOMException('The transcription was aborted.', 'AbortError');
}

/** Resolves after `ms`, or rejects with an AbortError as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError(signal));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortError(signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** `Retry-After` in milliseconds (delta-seconds or an HTTP date), or undefined. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Exponential backoff with "equal jitter": half the delay fixed, half random. */
export function backoffMs(attempt: number, policy: RetryPolicy, random = Math.random): number {
  const full = Math.min(policy.maxRetryDelayMs, policy.retryBaseMs * 2 ** (attempt - 1));
  return full / 2 + random() * (full / 2);
}

/** A network-level failure's code (`ECONNREFUSED`, `ENOTFOUND`, …) from fetch's error chain. */
function networkCode(e: unknown): string | undefined {
  let cur: unknown = e;
  for (let depth = 0; depth < 4 && cur instanceof Error; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z_]+$/.test(code)) return code;
    cur = cur.cause;
  }
  return undefined;
}

/** What went wrong with one attempt, before deciding whether to try again. */
type Failure =
  | { kind: 'status'; status: number; retryAfterMs: number | undefined }
  | { kind: 'network'; code: string | undefined }
  | { kind: 'timeout' };

export interface TranscriptionRequest {
  url: SpeechServerUrl;
  model: string;
  apiKey: string | undefined;
  /** Builds the multipart body (again for each attempt). */
  body: () => FormData;
  /** Size of the upload, for the 413 message. */
  uploadBytes: number;
  fetch: typeof fetch;
  policy: RetryPolicy;
  signal: AbortSignal | undefined;
  random?: () => number;
}

/** POST one chunk; resolves with the parsed answer (JSON body, or the text of a plain-text one). */
export async function postTranscription(
  req: TranscriptionRequest,
): Promise<TranscriptionResponse | string> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (req.apiKey !== undefined && req.apiKey !== '') {
    headers.authorization = `Bearer ${req.apiKey}`;
  }
  let failure: Failure = { kind: 'timeout' };
  for (let attempt = 1; attempt <= req.policy.maxAttempts; attempt++) {
    if (req.signal?.aborted) throw abortError(req.signal);
    const result = await attemptOnce(req, headers);
    if (!('kind' in result)) return result.body;
    failure = result;
    if (!isRetriable(failure) || attempt === req.policy.maxAttempts) break;
    const wait =
      failure.kind === 'status' && failure.retryAfterMs !== undefined
        ? Math.min(failure.retryAfterMs, req.policy.maxRetryDelayMs)
        : backoffMs(attempt, req.policy, req.random);
    await sleep(wait, req.signal);
  }
  throw failureError(failure, req);
}

function isRetriable(f: Failure): boolean {
  return f.kind !== 'status' || RETRIABLE.has(f.status);
}

async function attemptOnce(
  req: TranscriptionRequest,
  headers: Record<string, string>,
): Promise<Failure | { body: TranscriptionResponse | string }> {
  const timeout = new AbortController();
  const timer = setTimeout(() => {
    timeout.abort();
  }, req.policy.timeoutMs);
  const signal = req.signal ? AbortSignal.any([req.signal, timeout.signal]) : timeout.signal;
  try {
    const res = await req.fetch(req.url.transcriptions, {
      method: 'POST',
      headers,
      body: req.body(),
      signal,
      // Never follow: a 307/308 would re-send the session audio (and, same-origin, the key) to
      // an address nobody checked (plain http on the internet, another host).
      redirect: 'manual',
    });
    const text = await res.text();
    if (!res.ok) {
      return {
        kind: 'status',
        status: res.status,
        retryAfterMs: parseRetryAfter(res.headers.get('retry-after')),
      };
    }
    return { body: parseBody(text, res.headers.get('content-type'), req) };
  } catch (e) {
    if (req.signal?.aborted) throw abortError(req.signal);
    if (timeout.signal.aborted) return { kind: 'timeout' };
    if (e instanceof DocscribError) throw e;
    return { kind: 'network', code: networkCode(e) };
  } finally {
    clearTimeout(timer);
  }
}

function parseBody(
  text: string,
  contentType: string | null,
  req: TranscriptionRequest,
): TranscriptionResponse | string {
  const type = (contentType ?? '').toLowerCase();
  const looksJson = type.includes('json') || /^\s*[{[]/.test(text);
  if (!looksJson) {
    if (type === '' || type.startsWith('text/plain')) return text;
    throw unexpected(req, `a ${type.split(';')[0] ?? 'non-JSON'} body`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw unexpected(req, 'malformed JSON');
  }
  const parsed = TranscriptionResponseSchema.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join('.') ?? '';
    throw unexpected(req, `JSON that is not a transcription${where ? ` (at ${where})` : ''}`);
  }
  return parsed.data;
}

function unexpected(req: TranscriptionRequest, what: string): DocscribError {
  return new DocscribError(
    'engine.failed',
    `The speech server at ${req.url.origin} answered the transcription request with ${what}.`,
    'Check that the base URL points to an OpenAI-compatible API (…/v1) whose /audio/transcriptions endpoint supports response_format=verbose_json or json.',
  );
}

const BASE_URL_EXAMPLE = 'e.g. http://127.0.0.1:8080/v1';

function failureError(f: Failure, req: TranscriptionRequest): DocscribError {
  const at = `the speech server at ${req.url.origin}`;
  const tries = req.policy.maxAttempts > 1 ? ` after ${req.policy.maxAttempts} attempts` : '';
  switch (f.kind) {
    case 'network':
      return new DocscribError(
        'engine.unavailable',
        `Could not reach ${at}${f.code ? ` (${f.code})` : ''}${tries}.`,
        `Check that the speech server is running and that DOCSCRIB_SPEECH_BASE_URL (or the practice's speech settings) points to it, ${BASE_URL_EXAMPLE}.`,
      );
    case 'timeout':
      return new DocscribError(
        'engine.failed',
        `${capital(at)} did not answer within ${Number((req.policy.timeoutMs / 1000).toFixed(1))} s${tries}.`,
        'The server may be overloaded or too slow for this model: try a smaller model or a faster server, then run the transcription again.',
      );
    case 'status':
      return statusError(f.status, at, tries, req);
  }
}

function statusError(
  status: number,
  at: string,
  tries: string,
  req: TranscriptionRequest,
): DocscribError {
  const http = `HTTP ${status}`;
  if (status >= 300 && status < 400) return redirectError(at, http);
  if (status === 401 || status === 403) {
    const hasKey = req.apiKey !== undefined && req.apiKey !== '';
    return new DocscribError(
      'engine.unavailable',
      hasKey
        ? `${capital(at)} refused the API key (${http}).`
        : `${capital(at)} requires an API key (${http}).`,
      'Set DOCSCRIB_SPEECH_API_KEY to a valid API key for this server (it is read from the environment, never stored).',
    );
  }
  if (status === 404) {
    return new DocscribError(
      'engine.unavailable',
      `${capital(at)} has no transcription endpoint at the configured base URL, or not the model "${req.model}" (${http}).`,
      `The base URL should be the API root ending in /v1 (${BASE_URL_EXAMPLE}; docscrib adds /audio/transcriptions), and the model one the server offers. For whisper.cpp's whisper-server, start it with --inference-path /v1/audio/transcriptions.`,
    );
  }
  if (status === 413) {
    return new DocscribError(
      'engine.failed',
      `${capital(at)} refused an audio chunk of ${(req.uploadBytes / 1e6).toFixed(1)} MB as too large (${http}).`,
      'Raise the upload size limit of the server or of the proxy in front of it (docscrib sends at most 10 minutes of 16 kHz audio, under 20 MB, per request).',
    );
  }
  if (status === 429) {
    return new DocscribError(
      'engine.failed',
      `${capital(at)} kept answering "too many requests" (${http})${tries}.`,
      'The service’s rate limit or quota is exhausted: wait a few minutes or check the account’s quota, then run the transcription again.',
    );
  }
  if (status >= 500) {
    return new DocscribError(
      'engine.failed',
      `${capital(at)} failed to transcribe (${http})${tries}.`,
      'Check the speech server’s log; run the transcription again once it is healthy.',
    );
  }
  return new DocscribError(
    'engine.failed',
    `${capital(at)} rejected the transcription request for model "${req.model}" (${http}).`,
    'Check that the model name (the openai model setting) is one the server offers, and the server’s log for the reason.',
  );
}

/** The server answered with a redirect, which is never followed with session audio. */
export function redirectError(at: string, http: string): DocscribError {
  return new DocscribError(
    'engine.unavailable',
    `${capital(at)} answered with a redirect to another address (${http}); session audio is not sent on to it.`,
    'Set the speech server base URL to the address the server really answers at (e.g. with https:// or its final path).',
  );
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
