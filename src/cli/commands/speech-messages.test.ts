/**
 * What `docscrib transcribe` and `docscrib note <audio>` tell a clinician when something is off,
 * run in-process through `main` with the real ffmpeg and pocketsphinx: a text file given to
 * `transcribe`, the openai engine without a base URL, a recording with one voice, and the help's
 * examples.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { concat, silence, speak, tempDir } from '../../speech/audio/test-helpers.js';
import { captureIo } from '../test-helpers.js';
import { main } from '../main.js';

let dir = '';
let cleanup = (): void => undefined;

beforeAll(() => {
  ({ dir, cleanup } = tempDir());
});
afterAll(() => {
  cleanup();
});

/** No engine, base URL or models directory from the machine running the tests. */
const CLEAN_ENV = ['DOCSCRIB_SPEECH_ENGINE', 'DOCSCRIB_SPEECH_BASE_URL', 'DOCSCRIB_SPEECH_API_KEY'];

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  for (const k of CLEAN_ENV) vi.stubEnv(k, undefined);
  try {
    const io = captureIo();
    const code = await main(args, io);
    return { code, stdout: io.stdout(), stderr: io.stderr() };
  } finally {
    vi.unstubAllEnvs();
  }
}

describe('docscrib transcribe: messages', { timeout: 60_000 }, () => {
  it('a written transcript given to transcribe: points at `docscrib note <file>`', async () => {
    const text = join(dir, 'note.txt');
    writeFileSync(text, '[00:00:01] Therapist: How was your week?\n[00:00:04] Client: Better.\n');
    const res = await run(['transcribe', text, '--engine', 'pocketsphinx']);
    expect(res.code).toBe(3);
    expect(res.stderr).toContain('note.txt is not a recognised audio file');
    expect(res.stderr).toContain(`For a written transcript use \`docscrib note ${text}\``);

    // Not text (random bytes named .wav): no such hint.
    const junk = join(dir, 'junk.wav');
    writeFileSync(junk, Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919) % 256)));
    const bad = await run(['transcribe', junk, '--engine', 'pocketsphinx']);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain('junk.wav');
    expect(bad.stderr).not.toContain('docscrib note');
  });

  it('--engine openai without a base URL: the message and the options, no field location', async () => {
    const wav = join(dir, 'any.wav');
    silence(wav, 1);
    const res = await run(['transcribe', wav, '--engine', 'openai']);
    expect(res.code).toBe(3);
    expect(res.stderr).toContain(
      'The openai engine needs the base URL of an OpenAI-compatible speech server, and none is set.',
    );
    expect(res.stderr).toContain('--base-url');
    expect(res.stderr).toContain('DOCSCRIB_SPEECH_BASE_URL');
    expect(res.stderr).not.toContain('openaiBaseUrl');
    expect(res.stderr).not.toMatch(/^at /m);
  });

  it('--help shows `docscrib note session.wav` as the first example', async () => {
    const res = await run(['transcribe', '--help']);
    expect(res.code).toBe(0);
    const examples = res.stdout.slice(res.stdout.indexOf('Examples:'));
    const firstCommand = examples.split('\n').find((l) => l.trim().startsWith('$'));
    expect(firstCommand?.trim()).toBe('$ docscrib note session.wav');
  });
});

describe('docscrib note: one voice', { timeout: 120_000 }, () => {
  it('a recording with one voice: says so and suggests --speakers 2 (not "speaker labels")', async () => {
    const words = join(dir, 'one-voice-words.wav');
    const quiet = join(dir, 'one-voice-quiet.wav');
    const wav = join(dir, 'one-voice.wav');
    speak(
      words,
      'How have you been sleeping this week? Let us look at the thought record you wrote down.',
    );
    silence(quiet, 0.5);
    concat(wav, [quiet, words, quiet]);
    const res = await run(['note', wav, '--engine', 'pocketsphinx']);
    expect(res.stderr).toContain(
      'Only one voice was heard in the recording, so clinician and client turns cannot be told apart. If two people spoke, run it again with --speakers 2.',
    );
    expect(res.stderr).not.toContain('Use a transcript with speaker labels');
  });

  it('a written transcript with one speaker label keeps the core advice', async () => {
    const text = join(dir, 'one-label.txt');
    writeFileSync(
      text,
      '[00:00:01] Speaker 1: How have you been sleeping this week?\n' +
        '[00:00:05] Speaker 1: Let us look at the thought record you wrote down.\n',
    );
    const res = await run(['note', text]);
    expect(res.stderr).toContain('Use a transcript with speaker labels.');
    expect(res.stderr).not.toContain('--speakers 2');
  });
});
