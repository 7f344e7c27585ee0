/** Base URL normalisation and the local/private host test of the openai engine. */
import { describe, expect, it } from 'vitest';
import { DocscribError } from '../../core/errors.js';
import { assertSafeToSend, isLocalHost, parseSpeechServerUrl } from './openai-url.js';

function refusal(f: () => unknown): DocscribError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(DocscribError);
    return e as DocscribError;
  }
  throw new Error('expected a refusal');
}

describe('parseSpeechServerUrl', () => {
  it.each([
    ['http://127.0.0.1:8080/v1', 'http://127.0.0.1:8080/v1'],
    ['http://127.0.0.1:8080/v1/', 'http://127.0.0.1:8080/v1'],
    ['  http://127.0.0.1:8080  ', 'http://127.0.0.1:8080/v1'],
    ['http://127.0.0.1:8080/', 'http://127.0.0.1:8080/v1'],
    ['http://localhost:8000/v1/audio/transcriptions', 'http://localhost:8000/v1'],
    ['https://api.groq.com/openai/v1', 'https://api.groq.com/openai/v1'],
    ['HTTPS://API.OPENAI.COM/v1', 'https://api.openai.com/v1'],
  ])('%s → %s', (raw, base) => {
    const url = parseSpeechServerUrl(raw);
    expect(url.base).toBe(base);
    expect(url.transcriptions).toBe(`${base}/audio/transcriptions`);
    expect(url.models).toBe(`${base}/models`);
    expect(base.startsWith(url.origin)).toBe(true);
  });

  it.each([
    [undefined, 'No speech server'],
    ['', 'No speech server'],
    ['127.0.0.1:8080/v1', 'http:// or https://'],
    ['localhost:8080/v1', 'http:// or https://'],
    ['nonsense', 'http:// or https://'],
    ['http://exa mple/v1', 'not a valid URL'],
    ['file:///tmp/x', 'http:// or https://'],
    ['http://user:sk-SECRET@host/v1', 'user name or password'],
    ['https://host/v1?key=sk-SECRET', 'query'],
    ['https://host/v1#frag', 'fragment'],
  ])('refuses %s', (raw, words) => {
    const err = refusal(() => parseSpeechServerUrl(raw));
    expect(err.code).toBe('engine.unavailable');
    expect(err.message).toContain(words);
    expect(err.message).not.toContain('SECRET');
    expect(err.hint).not.toBe('');
  });
});

describe('isLocalHost', () => {
  it.each([
    'localhost',
    '127.0.0.1',
    '127.9.9.9',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.20',
    '169.254.1.1',
    '100.64.0.1',
    '[::1]',
    '[fd12:3456::1]',
    '[fe80::1]',
    '[::ffff:192.168.1.2]',
    'whisper',
    'speaches.local',
    'asr.lan',
    'gpu.internal',
    'box.home.arpa',
  ])('%s is local or private', (host) => {
    expect(isLocalHost(host)).toBe(true);
  });

  it.each([
    'api.openai.com',
    '8.8.8.8',
    '172.32.0.1',
    '192.169.1.1',
    '203.0.113.7',
    '[2001:db8::1]',
    '[::ffff:8.8.8.8]',
    'localhost.example.com',
  ])('%s is on the internet', (host) => {
    expect(isLocalHost(host)).toBe(false);
  });
});

describe('assertSafeToSend', () => {
  it('lets a local server use plain http and no key', () => {
    expect(() => {
      assertSafeToSend(parseSpeechServerUrl('http://127.0.0.1:8080/v1'), undefined);
    }).not.toThrow();
  });

  it('requires https and a key on the internet', () => {
    const http = refusal(() => {
      assertSafeToSend(parseSpeechServerUrl('http://api.example.com/v1'), 'sk-1');
    });
    expect(http.hint).toContain('https://');
    const noKey = refusal(() => {
      assertSafeToSend(parseSpeechServerUrl('https://api.example.com/v1'), '  ');
    });
    expect(noKey.message).toBe(
      'No API key is set for the speech server at https://api.example.com.',
    );
    expect(noKey.hint).toContain('business associate agreement');
    expect(() => {
      assertSafeToSend(parseSpeechServerUrl('https://api.example.com/v1'), 'sk-1');
    }).not.toThrow();
  });
});
