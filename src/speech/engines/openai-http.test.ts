/** Retry timing helpers and answer handling of one transcription request (fake fetch). */
import { describe, expect, it } from 'vitest';
import { DocscribError } from '../../core/errors.js';
import {
  backoffMs,
  DEFAULT_RETRY_POLICY,
  parseRetryAfter,
  postTranscription,
  type TranscriptionRequest,
} from './openai-http.js';
import { parseSpeechServerUrl } from './openai-url.js';

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP dates', () => {
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('7')).toBe(7000);
    expect(parseRetryAfter(' 1.5 ')).toBe(1500);
    const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:27:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});

describe('backoffMs', () => {
  it('doubles per attempt with jitter in [half, full], capped', () => {
    const p = { ...DEFAULT_RETRY_POLICY, retryBaseMs: 100, maxRetryDelayMs: 1000 };
    expect(backoffMs(1, p, () => 0)).toBe(50);
    expect(backoffMs(1, p, () => 1)).toBe(100);
    expect(backoffMs(3, p, () => 0)).toBe(200);
    expect(backoffMs(3, p, () => 1)).toBe(400);
    expect(backoffMs(10, p, () => 1)).toBe(1000);
  });
});

function request(answer: () => Response, extra: Partial<TranscriptionRequest> = {}) {
  const calls: RequestInit[] = [];
  const req: TranscriptionRequest = {
    url: parseSpeechServerUrl('http://127.0.0.1:9/v1'),
    model: 'whisper-1',
    apiKey: undefined,
    body: () => new FormData(),
    uploadBytes: 12_345_678,
    fetch: (_input, init) => {
      calls.push(init ?? {});
      return Promise.resolve(answer());
    },
    policy: { ...DEFAULT_RETRY_POLICY, retryBaseMs: 1, maxRetryDelayMs: 2, maxAttempts: 3 },
    signal: undefined,
    ...extra,
  };
  return { req, calls };
}

async function failure(p: Promise<unknown>): Promise<DocscribError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(DocscribError);
    return e as DocscribError;
  }
  throw new Error('expected a failure');
}

describe('postTranscription', () => {
  it('sends the bearer key only when there is one', async () => {
    const json = () => Response.json({ text: 'x' });
    const withKey = request(json, { apiKey: 'sk-1' });
    await postTranscription(withKey.req);
    expect(withKey.calls[0]?.headers).toMatchObject({ authorization: 'Bearer sk-1' });
    const without = request(json);
    await postTranscription(without.req);
    expect(without.calls[0]?.headers).not.toHaveProperty('authorization');
  });

  it('413 names the upload size, no retry', async () => {
    const { req, calls } = request(() => new Response('too big', { status: 413 }));
    const err = await failure(postTranscription(req));
    expect(err.code).toBe('engine.failed');
    expect(err.message).toContain('12.3 MB');
    expect(calls).toHaveLength(1);
  });

  it('a proxy’s HTML page or malformed JSON is engine.failed without its content', async () => {
    const html = request(
      () => new Response('<html>SECRET</html>', { headers: { 'content-type': 'text/html' } }),
    );
    const e1 = await failure(postTranscription(html.req));
    expect(e1.message).toContain('text/html');
    expect(e1.message).not.toContain('SECRET');
    const bad = request(
      () => new Response('{"text": SECRET', { headers: { 'content-type': 'application/json' } }),
    );
    const e2 = await failure(postTranscription(bad.req));
    expect(e2.message).toContain('malformed JSON');
    expect(e2.message).not.toContain('SECRET');
    const wrong = request(() => Response.json({ segments: [{ start: 0, end: 1, text: 5 }] }));
    const e3 = await failure(postTranscription(wrong.req));
    expect(e3.message).toContain('not a transcription (at segments.0.text)');
  });

  it('a 403 is engine.unavailable; a 422 engine.failed; neither is retried', async () => {
    const forbidden = request(() => new Response('', { status: 403 }), { apiKey: 'sk-SECRET' });
    const e1 = await failure(postTranscription(forbidden.req));
    expect(e1.code).toBe('engine.unavailable');
    expect(`${e1.message}${e1.hint}`).not.toContain('SECRET');
    expect(forbidden.calls).toHaveLength(1);
    const unprocessable = request(() => new Response('', { status: 422 }));
    const e2 = await failure(postTranscription(unprocessable.req));
    expect(e2.code).toBe('engine.failed');
    expect(unprocessable.calls).toHaveLength(1);
  });

  it('429 exhausting the attempts says so', async () => {
    const { req, calls } = request(
      () => new Response('', { status: 429, headers: { 'retry-after': '0' } }),
    );
    const err = await failure(postTranscription(req));
    expect(err.message).toContain('too many requests');
    expect(err.message).toContain('3 attempts');
    expect(calls).toHaveLength(3);
  });
});

describe('redirects (real HTTP)', () => {
  it('never follows one: the audio and the key stay off the address it points to', async () => {
    const { createServer } = await import('node:http');
    const listen = (s: import('node:http').Server) =>
      new Promise<number>((done) => {
        s.listen(0, '127.0.0.1', () => {
          done((s.address() as import('node:net').AddressInfo).port);
        });
      });
    const elsewhere: string[] = [];
    const target = createServer((req, res) => {
      elsewhere.push(`${req.method ?? ''} ${req.headers.authorization ?? 'no key'}`);
      req.resume();
      res.setHeader('content-type', 'application/json');
      res.end('{"text":"x"}');
    });
    const targetPort = await listen(target);
    const redirector = createServer((req, res) => {
      req.resume();
      res.statusCode = 307;
      res.setHeader('location', `http://127.0.0.1:${targetPort}/v1/audio/transcriptions`);
      res.end();
    });
    const port = await listen(redirector);
    try {
      const form = () => {
        const f = new FormData();
        f.append('file', new Blob([new Uint8Array(64)], { type: 'audio/wav' }), 'chunk.wav');
        return f;
      };
      const { req } = request(() => new Response(''), {
        url: parseSpeechServerUrl(`http://127.0.0.1:${port}/v1`),
        apiKey: 'sk-test-key',
        body: form,
        fetch: globalThis.fetch,
      });
      const e = await failure(postTranscription(req));
      expect(e.code).toBe('engine.unavailable');
      expect(e.message).toMatch(/redirect.*HTTP 307/);
      expect(e.message).not.toContain('sk-test-key');
      expect(elsewhere).toEqual([]);
    } finally {
      redirector.close();
      target.close();
    }
  });
});
