/**
 * The `openai` engine end to end: the real client (chunking, WAV, multipart, retries, errors)
 * against a local server speaking the OpenAI transcription protocol over real HTTP, with real
 * speech synthesised by espeak-ng and resampled by sox. The server's words are scripted (no model
 * runs here) but its times come from the uploaded audio, so times, chunking and ordering are real.
 */
import { execFileSync } from 'node:child_process';
import { getEventListeners } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DocscribError } from '../../src/core/errors.js';
import { PCM_BYTES_PER_SECOND } from '../../src/speech/engine.js';
import { createOpenAiEngine, type OpenAiEngineOptions } from '../../src/speech/engines/openai.js';
import type { RecognizedSegment } from '../../src/speech/schema.js';
import {
  energyRegions,
  startOpenAiSpeechServer,
  type OpenAiSpeechServer,
} from '../support/openai-speech-server.js';

const UTTERANCES = [
  'I have been feeling anxious at work lately',
  'Tell me more about what happens when you feel that way',
  'My chest gets tight and I cannot think straight',
  'Let us try a breathing exercise together',
  'That sounds like something I could practice',
];

interface Placed {
  text: string;
  start: number;
  end: number;
}

let dir: string;
const speech = new Map<string, Buffer>();

/** 16 kHz mono s16le of `text` spoken by espeak-ng. */
function speak(text: string): Buffer {
  const cached = speech.get(text);
  if (cached) return cached;
  const wav = join(dir, `u${speech.size}.wav`);
  execFileSync('espeak-ng', ['-v', 'en-us', '-s', '170', '-w', wav, text]);
  const pcm = execFileSync(
    'sox',
    [wav, '-t', 'raw', '-r', '16000', '-c', '1', '-b', '16', '-e', 'signed-integer', '-'],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  speech.set(text, pcm);
  return pcm;
}

/** Quiet room noise (about -66 dBFS), deterministic. */
function silence(seconds: number): Buffer {
  const n = Math.round(seconds * 16_000);
  const buf = Buffer.alloc(n * 2);
  let x = 12345;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    buf.writeInt16LE(((x >> 8) % 33) - 16, i * 2);
  }
  return buf;
}

/** Audio of utterances separated by pauses, and where each utterance sits in it. */
function dialogue(
  texts: string[],
  pauseSec: number,
  leadSec = 0.5,
): { pcm: Buffer; placed: Placed[] } {
  const parts: Buffer[] = [silence(leadSec)];
  const placed: Placed[] = [];
  let at = leadSec;
  texts.forEach((text, i) => {
    const s = speak(text);
    const seconds = s.length / PCM_BYTES_PER_SECOND;
    // Where the voice is, without espeak-ng's own leading and trailing silence.
    const voiced = energyRegions(s);
    placed.push({
      text,
      start: at + (voiced[0]?.start ?? 0),
      end: at + (voiced.at(-1)?.end ?? seconds),
    });
    parts.push(s);
    at += seconds;
    const pause = i < texts.length - 1 ? pauseSec : leadSec;
    parts.push(silence(pause));
    at += pause;
  });
  return { pcm: Buffer.concat(parts), placed };
}

async function* stream(pcm: Buffer, size = 4096): AsyncGenerator<Buffer> {
  for (let off = 0; off < pcm.length; off += size) {
    yield Buffer.from(pcm.subarray(off, off + size));
    await Promise.resolve();
  }
}

/** Fast retries for tests; everything else as in production. */
function engine(server: OpenAiSpeechServer, extra: Partial<OpenAiEngineOptions> = {}) {
  return createOpenAiEngine({
    baseUrl: server.baseUrl,
    model: 'whisper-1',
    retry: { retryBaseMs: 5, maxRetryDelayMs: 50 },
    ...extra,
  });
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

async function docscribError(p: Promise<unknown>): Promise<DocscribError> {
  const e = await rejection(p);
  expect(e).toBeInstanceOf(DocscribError);
  return e as DocscribError;
}

/** Each segment lies within (a little around) the utterance it was scripted for. */
function expectPlaced(segments: RecognizedSegment[], placed: Placed[], offset = 0): void {
  expect(segments.map((s) => s.text)).toEqual(placed.map((p) => p.text));
  segments.forEach((s, i) => {
    const p = placed[i];
    if (!p) throw new Error('missing placement');
    expect(s.start).toBeGreaterThanOrEqual(offset + p.start - 0.05);
    expect(s.end).toBeLessThanOrEqual(offset + p.end + 0.05);
    expect(s.end).toBeGreaterThan(s.start + 0.5);
  });
}

function expectMonotonic(segments: RecognizedSegment[], durationSec: number, offset = 0): void {
  let last = offset;
  for (const s of segments) {
    expect(s.start).toBeGreaterThanOrEqual(last);
    expect(s.end).toBeGreaterThanOrEqual(s.start);
    expect(s.end).toBeLessThanOrEqual(offset + durationSec);
    last = s.start;
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'docscrib-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('openai engine against a local OpenAI-compatible server', () => {
  let server: OpenAiSpeechServer;
  beforeEach(async () => {
    server = await startOpenAiSpeechServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it('transcribes two utterances separated by silence, with real times', async () => {
    const { pcm, placed } = dialogue(UTTERANCES.slice(0, 2), 1.5);
    server.script(...placed.map((p) => p.text));
    const seen: RecognizedSegment[] = [];
    const progress: number[] = [];
    const e = engine(server);
    expect(e.id).toBe('openai');
    expect(e.quality).toBe('standard');
    expect(e.model).toBe('whisper-1');

    const segments = await e.transcribe(stream(pcm), {
      onSegment: (s) => seen.push(s),
      onProgress: (s) => progress.push(s),
    });

    expectPlaced(segments, placed);
    expect(seen).toEqual(segments);
    expect(progress.at(-1)).toBeCloseTo(pcm.length / PCM_BYTES_PER_SECOND, 3);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
    for (const s of segments) {
      expect(s.words?.map((w) => w.text).join(' ')).toBe(s.text);
      for (const w of s.words ?? []) {
        expect(w.start).toBeGreaterThanOrEqual(s.start - 1e-6);
        expect(w.end).toBeLessThanOrEqual(s.end + 1e-6);
      }
    }

    const requests = server.transcriptions();
    expect(requests.length).toBeGreaterThanOrEqual(1);
    for (const req of requests) {
      expect(req.method).toBe('POST');
      expect(req.contentType).toMatch(/^multipart\/form-data; boundary=/);
      expect(req.authorization).toBeNull();
      expect(req.fields).toEqual({
        model: ['whisper-1'],
        response_format: ['verbose_json'],
        'timestamp_granularities[]': ['segment', 'word'],
        language: ['en'],
        temperature: ['0'],
      });
      expect(req.file).toMatchObject({
        name: 'audio.wav',
        type: 'audio/wav',
        wav: { format: 1, sampleRate: 16_000, channels: 1, bitsPerSample: 16 },
      });
    }
    // Leading and trailing silence are not uploaded; all speech is.
    const uploaded = requests.reduce((sum, r) => sum + (r.file?.wav?.durationSec ?? 0), 0);
    expect(uploaded).toBeLessThan(pcm.length / PCM_BYTES_PER_SECOND - 0.5);
    const spoken = placed.reduce((sum, p) => sum + p.end - p.start, 0);
    expect(uploaded).toBeGreaterThan(spoken);
  });

  it('sends the first words at once and packs what queued up while the server was busy', async () => {
    const { pcm, placed } = dialogue(UTTERANCES, 1.5);
    server.script(...placed.map((p) => p.text));
    let release = (): void => undefined;
    const busy = new Promise<void>((resolve) => {
      release = resolve;
    });
    server.fail({ until: busy });
    async function* source(): AsyncGenerator<Buffer> {
      yield* stream(pcm);
      release(); // the whole input has been read: let the first request finish
    }
    const segments = await engine(server).transcribe(source());
    expectPlaced(segments, placed);
    const requests = server.transcriptions();
    expect(requests.map((r) => r.regions.length)).toEqual([1, UTTERANCES.length - 1]);
    // The packed upload keeps the pauses (filled with silence), so its times are the stream's.
    const packed = requests[1]?.file?.wav?.durationSec ?? 0;
    expect(packed).toBeGreaterThan((placed.at(-1)?.end ?? 0) - (placed[1]?.start ?? 0));
    expect(packed).toBeLessThan((placed.at(-1)?.end ?? 0) - (placed[1]?.start ?? 0) + 1);
  });

  it('cuts a long input into several chunks at pauses, each under the maximum, in order', async () => {
    const { pcm, placed } = dialogue(UTTERANCES, 0.8);
    server.script(...placed.map((p) => p.text));
    const durationSec = pcm.length / PCM_BYTES_PER_SECOND;
    const seen: RecognizedSegment[] = [];
    const progress: number[] = [];

    const segments = await engine(server, { maxChunkSec: 6 }).transcribe(stream(pcm, 3000), {
      onSegment: (s) => seen.push(s),
      onProgress: (s) => progress.push(s),
    });

    const requests = server.transcriptions();
    expect(requests.length).toBeGreaterThanOrEqual(3);
    for (const r of requests) expect(r.file?.wav?.durationSec).toBeLessThanOrEqual(6);
    expectPlaced(segments, placed);
    expectMonotonic(segments, durationSec);
    expect(seen).toEqual(segments);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
    expect(progress.at(-1)).toBeCloseTo(durationSec, 3);
    // Every utterance was recognised exactly once: no region was cut in two or left out.
    expect(requests.flatMap((r) => r.regions)).toHaveLength(UTTERANCES.length);
  });

  it('sends nothing for silence and returns no segment', async () => {
    const pcm = silence(12);
    const progress: number[] = [];
    const segments = await engine(server).transcribe(stream(pcm), {
      onProgress: (s) => progress.push(s),
    });
    expect(segments).toEqual([]);
    expect(server.requests).toHaveLength(0);
    expect(progress.at(-1)).toBeCloseTo(12, 3);
  });

  it('adds offsetSec to every time', async () => {
    const { pcm, placed } = dialogue(UTTERANCES.slice(0, 2), 1.5);
    server.script(...placed.map((p) => p.text), ...placed.map((p) => p.text));
    const plain = await engine(server).transcribe(stream(pcm));
    const progress: number[] = [];
    const signal = new AbortController().signal;
    const shifted = await engine(server).transcribe(stream(pcm), {
      offsetSec: 3600,
      signal,
      onProgress: (s) => progress.push(s),
    });
    expectPlaced(shifted, placed, 3600);
    // Progress is a position on the session's timeline, like the segment times.
    expect(progress.length).toBeGreaterThan(0);
    expect(progress[0]).toBeGreaterThan(3600);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
    expect(progress.at(-1)).toBeCloseTo(3600 + pcm.length / PCM_BYTES_PER_SECOND, 3);
    // No listener is left on the caller's signal (a live session's signal outlives many runs).
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
    expect(shifted).toHaveLength(plain.length);
    shifted.forEach((s, i) => {
      expect(s.start).toBeCloseTo((plain[i]?.start ?? NaN) + 3600, 6);
      expect(s.end).toBeCloseTo((plain[i]?.end ?? NaN) + 3600, 6);
      expect(s.words?.[0]?.start).toBeCloseTo((plain[i]?.words?.[0]?.start ?? NaN) + 3600, 6);
    });
  });

  it('makes one segment spanning the upload when the server answers only {text}', async () => {
    const { pcm, placed } = dialogue(UTTERANCES.slice(0, 2), 0.6);
    server.script(...placed.map((p) => p.text));
    server.fail({ textOnly: true });
    const segments = await engine(server).transcribe(stream(pcm));
    // A 0.6 s pause does not end a VAD chunk: both utterances go up (and come back) together.
    expect(server.transcriptions()).toHaveLength(1);
    expect(segments).toHaveLength(1);
    expect(segments[0]?.text).toBe(placed.map((p) => p.text).join(' '));
    expect(segments[0]?.start).toBeLessThanOrEqual(placed[0]?.start ?? NaN);
    expect(segments[0]?.end).toBeGreaterThanOrEqual(placed[1]?.end ?? NaN);
    expect(segments[0]?.end).toBeLessThanOrEqual(pcm.length / PCM_BYTES_PER_SECOND);
  });

  it('accepts a plain-text answer as one segment', async () => {
    const { pcm, placed } = dialogue(UTTERANCES.slice(0, 1), 1);
    server.script(placed[0]?.text ?? '');
    server.fail({ plainText: true });
    const segments = await engine(server).transcribe(stream(pcm));
    expect(segments.map((s) => s.text)).toEqual([placed[0]?.text]);
  });

  it('retries 429 (Retry-After, capped), 5xx and dropped connections, then succeeds', async () => {
    const { pcm, placed } = dialogue(UTTERANCES.slice(0, 2), 1.5);
    server.script(...placed.map((p) => p.text));
    // Retry-After of an hour: the engine caps the wait at maxRetryDelayMs (50 ms here).
    server.fail(
      { status: 429, retryAfter: '3600' },
      { status: 500 },
      { destroy: true },
      { status: 503 },
    );
    const segments = await engine(server).transcribe(stream(pcm));
    expectPlaced(segments, placed);
    const requests = server.transcriptions();
    expect(requests.map((r) => r.status).slice(0, 5)).toEqual([429, 500, 0, 503, 200]);
    // The same upload each time.
    expect(new Set(requests.slice(0, 5).map((r) => r.file?.bytes)).size).toBe(1);
  });

  it('gives up after maxAttempts with engine.failed and the status, not the server text', async () => {
    const { pcm } = dialogue(UTTERANCES.slice(0, 1), 1);
    server.fail({ status: 500 }, { status: 500 }, { status: 500 });
    const err = await docscribError(
      engine(server, { retry: { maxAttempts: 3, retryBaseMs: 1 } }).transcribe(stream(pcm)),
    );
    expect(err.code).toBe('engine.failed');
    expect(err.message).toContain('HTTP 500');
    expect(err.message).toContain('3 attempts');
    expect(err.message).toContain(server.origin);
    expect(err.message).not.toContain('scripted');
    expect(server.transcriptions()).toHaveLength(3);
  });

  it('does not retry a 400, and keeps the server message out of the error', async () => {
    const { pcm } = dialogue(UTTERANCES.slice(0, 1), 1);
    server.fail({ status: 400 });
    const err = await docscribError(engine(server).transcribe(stream(pcm)));
    expect(err.code).toBe('engine.failed');
    expect(err.message).toContain('HTTP 400');
    expect(err.message).toContain('"whisper-1"');
    expect(err.message).not.toContain('scripted');
    expect(server.transcriptions()).toHaveLength(1);
  });

  it('times out a request that never answers, and retries it', async () => {
    const { pcm } = dialogue(UTTERANCES.slice(0, 1), 1);
    server.fail({ hang: true }, { hang: true });
    const err = await docscribError(
      engine(server, { retry: { timeoutMs: 300, maxAttempts: 2, retryBaseMs: 1 } }).transcribe(
        stream(pcm),
      ),
    );
    expect(err.code).toBe('engine.failed');
    expect(err.message).toMatch(/did not answer within 0.3 s after 2 attempts/);
    expect(server.transcriptions()).toHaveLength(2);
  });

  it('answers 404 for a wrong base URL or model with engine.unavailable and a /v1 hint', async () => {
    const { pcm } = dialogue(UTTERANCES.slice(0, 1), 1);
    const wrongPath = await docscribError(
      engine(server, { baseUrl: `${server.origin}/api/speech` }).transcribe(stream(pcm)),
    );
    expect(wrongPath.code).toBe('engine.unavailable');
    expect(wrongPath.hint).toMatch(/\/v1/);
    expect(wrongPath.message).not.toContain('/api/speech');
    const wrongModel = await docscribError(
      engine(server, { model: 'no-such-model' }).transcribe(stream(pcm)),
    );
    expect(wrongModel.code).toBe('engine.unavailable');
    expect(wrongModel.message).toContain('"no-such-model"');
  });

  it('accepts a base URL without /v1, with a trailing slash, or the full endpoint', async () => {
    const { pcm, placed } = dialogue(UTTERANCES.slice(0, 1), 1);
    for (const baseUrl of [
      server.origin,
      `${server.origin}/`,
      `${server.baseUrl}/`,
      `${server.baseUrl}/audio/transcriptions`,
    ]) {
      server.script(placed[0]?.text ?? '');
      const segments = await engine(server, { baseUrl }).transcribe(stream(pcm));
      expect(segments.map((s) => s.text)).toEqual([placed[0]?.text]);
    }
    expect(server.transcriptions()).toHaveLength(4);
  });

  it('aborts a request in flight with an AbortError', async () => {
    const { pcm } = dialogue(UTTERANCES.slice(0, 1), 1);
    server.fail({ hang: true });
    const controller = new AbortController();
    const running = engine(server).transcribe(stream(pcm), { signal: controller.signal });
    while (server.transcriptions().length === 0) await new Promise((r) => setTimeout(r, 10));
    controller.abort();
    const err = await rejection(running);
    expect((err as Error).name).toBe('AbortError');
    expect(server.transcriptions()).toHaveLength(1);
  });

  it('aborts while waiting for more live audio', async () => {
    const controller = new AbortController();
    async function* live(): AsyncGenerator<Buffer> {
      yield silence(1);
      await new Promise(() => undefined); // the microphone has nothing more yet
    }
    const running = engine(server).transcribe(live(), { signal: controller.signal });
    setTimeout(() => {
      controller.abort();
    }, 20);
    const err = await rejection(running);
    expect((err as Error).name).toBe('AbortError');
    expect(server.requests).toHaveLength(0);
  });

  it('rejects an already aborted signal without reading or sending anything', async () => {
    const err = await rejection(
      engine(server).transcribe(stream(silence(1)), { signal: AbortSignal.abort() }),
    );
    expect((err as Error).name).toBe('AbortError');
    expect(server.requests).toHaveLength(0);
  });
});

describe('openai engine with an API key', () => {
  const KEY = 'sk-test-SECRET-0123456789';
  let server: OpenAiSpeechServer;
  beforeEach(async () => {
    server = await startOpenAiSpeechServer({ apiKey: KEY });
  });
  afterEach(async () => {
    await server.close();
  });

  it('sends the key as a bearer token and transcribes', async () => {
    const { pcm, placed } = dialogue(UTTERANCES.slice(0, 1), 1);
    server.script(placed[0]?.text ?? '');
    const segments = await engine(server, { apiKey: KEY }).transcribe(stream(pcm));
    expect(segments.map((s) => s.text)).toEqual([placed[0]?.text]);
    expect(server.transcriptions()[0]?.authorization).toBe(`Bearer ${KEY}`);
    await engine(server, { apiKey: KEY }).check();
  });

  it('a refused key is engine.unavailable with a hint, no retry, and no key in the message', async () => {
    const { pcm } = dialogue(UTTERANCES.slice(0, 1), 1);
    const wrong = 'sk-wrong-SECRET-9876543210';
    const err = await docscribError(engine(server, { apiKey: wrong }).transcribe(stream(pcm)));
    expect(err.code).toBe('engine.unavailable');
    expect(err.message).toBe(
      `The speech server at ${server.origin} refused the API key (HTTP 401).`,
    );
    expect(err.hint).toContain('DOCSCRIB_SPEECH_API_KEY');
    expect(`${err.message} ${err.hint} ${err.stack ?? ''}`).not.toContain('SECRET');
    expect(server.transcriptions()).toHaveLength(1);

    const checked = await docscribError(engine(server, { apiKey: wrong }).check());
    expect(checked.code).toBe('engine.unavailable');
    expect(checked.message).not.toContain('SECRET');
  });

  it('a missing key says the server requires one', async () => {
    const { pcm } = dialogue(UTTERANCES.slice(0, 1), 1);
    const err = await docscribError(engine(server).transcribe(stream(pcm)));
    expect(err.code).toBe('engine.unavailable');
    expect(err.message).toContain('requires an API key');
    expect(server.transcriptions()[0]?.authorization).toBeNull();
  });
});

/** A port nothing listens on (bound, then released). */
async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const address = s.address();
  await new Promise<void>((resolve) => {
    s.close(() => {
      resolve();
    });
  });
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('openai engine check() and unreachable servers', () => {
  it('an unreachable port is engine.unavailable naming the origin only', async () => {
    const port = await freePort();
    const e = createOpenAiEngine({
      baseUrl: `http://127.0.0.1:${port}/v1`,
      model: 'whisper-1',
      retry: { maxAttempts: 2, retryBaseMs: 1 },
    });
    const { pcm } = dialogue(UTTERANCES.slice(0, 1), 1);
    const err = await docscribError(e.transcribe(stream(pcm)));
    expect(err.code).toBe('engine.unavailable');
    expect(err.message).toContain(`Could not reach the speech server at http://127.0.0.1:${port}`);
    expect(err.message).toContain('ECONNREFUSED');
    expect(err.message).not.toContain('/v1');
    expect(err.hint).toContain('DOCSCRIB_SPEECH_BASE_URL');
    const checked = await docscribError(e.check());
    expect(checked.code).toBe('engine.unavailable');
    expect(checked.message).toBe(`Could not reach the speech server at http://127.0.0.1:${port}.`);
  });

  it('check() passes against a server with or without GET /models and sends no audio', async () => {
    for (const models of [true, false]) {
      const server = await startOpenAiSpeechServer({ models });
      await engine(server).check();
      expect(server.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
        `GET /v1/models ${models ? 200 : 404}`,
      ]);
      await server.close();
    }
  });

  it('refuses, before any request, plain http or a missing key for a server on the internet', async () => {
    const calls: string[] = [];
    const spy: typeof fetch = (input) => {
      calls.push(input instanceof Request ? input.url : input.toString());
      return Promise.reject(new Error('must not be called'));
    };
    const http = createOpenAiEngine({
      baseUrl: 'http://203.0.113.7/v1',
      apiKey: 'sk-x',
      model: 'whisper-1',
      fetch: spy,
    });
    const noKey = createOpenAiEngine({
      baseUrl: 'https://api.example.com/v1',
      model: 'whisper-1',
      fetch: spy,
    });
    for (const e of [http, noKey]) {
      expect((await docscribError(e.check())).code).toBe('engine.unavailable');
      const err = await docscribError(e.transcribe(stream(silence(1))));
      expect(err.code).toBe('engine.unavailable');
    }
    expect((await docscribError(http.check())).hint).toMatch(/https/);
    expect((await docscribError(noKey.check())).hint).toMatch(/DOCSCRIB_SPEECH_API_KEY.*BAA/);
    expect(calls).toEqual([]);
  });

  it('refuses a malformed or non-http base URL and an empty model', async () => {
    for (const baseUrl of ['', 'not a url', 'ftp://127.0.0.1/v1', 'http://u:p@127.0.0.1/v1']) {
      const err = await docscribError(createOpenAiEngine({ baseUrl, model: 'whisper-1' }).check());
      expect(err.code).toBe('engine.unavailable');
      expect(err.message).not.toContain('u:p');
    }
    const err = await docscribError(
      createOpenAiEngine({ baseUrl: 'http://127.0.0.1:9/v1', model: ' ' }).check(),
    );
    expect(err.message).toContain('model');
  });
});
