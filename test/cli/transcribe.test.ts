import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SpeechTranscriptSchema } from '../../src/speech/schema.js';
import { writeDialogueWav, writeSilenceWav } from '../support/speech-dialogue.js';
import { writeTinyGgmlModel } from '../support/tiny-ggml.js';
import { put, runCli, STACK_LINE, tempDir } from './helpers.js';

/**
 * `docscrib transcribe` on real audio: an espeak-ng two-voice dialogue through the real ffmpeg,
 * pocketsphinx and diarization, and the errors a user meets (no model, no server, silence).
 */
let dir = '';
let cleanup: () => Promise<void> = () => Promise.resolve();
let dialogue = '';
beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  dialogue = await writeDialogueWav(dir);
});
afterAll(() => cleanup());

/** Recognition of the 42 s dialogue: seconds on an idle machine, far more on a busy CI runner. */
const ASR = 180_000;

/**
 * Debian's general English model: these tests do not depend on DocScrib's therapy language model
 * having been built (assets/speech/therapy.lm, scripts/build-therapy-lm.ts).
 */
const GENERAL = ['--model', 'general'];

/** An environment without the speech variables of the machine running the tests. */
const ENV = {
  DOCSCRIB_SPEECH_ENGINE: '',
  DOCSCRIB_SPEECH_BASE_URL: '',
  DOCSCRIB_SPEECH_API_KEY: '',
};

describe('docscrib transcribe', () => {
  it(
    '--json: a valid SpeechTranscript with two speakers, a clinician and a client',
    async () => {
      const res = await runCli(['transcribe', dialogue, '--json', ...GENERAL], { env: ENV });
      expect(res.stderr).not.toMatch(STACK_LINE);
      expect(res.code).toBe(0);
      const t = SpeechTranscriptSchema.parse(JSON.parse(res.stdout));
      expect(t.engine).toBe('pocketsphinx');
      expect(t.quality).toBe('draft');
      expect(t.diarization).toBe('clustering');
      expect(t.speakers.map((s) => s.label)).toEqual(['Speaker 1', 'Speaker 2']);
      // The first voice is the clinician's (questions, ratings, homework), the second the client's.
      expect(t.speakers.map((s) => s.role)).toEqual(['clinician', 'client']);
      for (const s of t.speakers) expect(s.seconds).toBeGreaterThan(3);
      expect(t.durationSec).toBeGreaterThan(30);
      expect(t.segments.length).toBeGreaterThanOrEqual(6);
      // Speakers alternate as in the script: segments of Speaker 1 start before Speaker 2's.
      expect(t.segments[0]?.speaker).toBe('Speaker 1');
      // The summary on stderr names the engine's quality, never words from the session.
      expect(res.stderr).toMatch(/dialogue\.wav: \d+:\d\d of audio, \d+ segments, 2 speakers/);
      expect(res.stderr).toContain('draft');
      expect(res.stderr).not.toMatch(/mood|sleep|manager/i);
    },
    ASR,
  );

  it('--engine whisper without a model file: exit 3 and a message pointing at docscrib models', async () => {
    const models = join(dir, 'no-models');
    await mkdir(models, { recursive: true });
    const res = await runCli(['transcribe', dialogue, '--engine', 'whisper'], {
      env: { ...ENV, DOCSCRIB_MODELS_DIR: models },
    });
    expect(res.code).toBe(3);
    expect(res.stdout).toBe('');
    expect(res.stderr).toMatch(/^docscrib: .*model/im);
    expect(res.stderr).toContain('docscrib models');
    expect(res.stderr).not.toMatch(STACK_LINE);
  });

  it(
    '--engine whisper with a model in DOCSCRIB_MODELS_DIR: standard quality, the model named, --vtt',
    async () => {
      const models = join(dir, 'models');
      await mkdir(models, { recursive: true });
      // A generated tiny model whose decoder is scripted to say "tiny test model".
      writeTinyGgmlModel(join(models, 'ggml-tiny-test.bin'));
      const res = await runCli(
        ['transcribe', dialogue, '--engine', 'whisper', '--model', 'ggml-tiny-test.bin', '--vtt'],
        { env: { ...ENV, DOCSCRIB_MODELS_DIR: models } },
      );
      expect(res.stderr).not.toMatch(STACK_LINE);
      expect(res.code).toBe(0);
      expect(res.stdout).toMatch(
        /^WEBVTT\n\n1\n\d\d:\d\d:\d\d\.\d{3} --> \d\d:\d\d:\d\d\.\d{3}\n<v Speaker 1>/,
      );
      expect(res.stdout).toContain('tiny test model');
      expect(res.stderr).toMatch(/whisper ggml-tiny-test, standard quality/);
      expect(res.stderr).not.toContain('draft-quality');
    },
    ASR,
  );

  it('DOCSCRIB_SPEECH_ENGINE chooses the engine when --engine is not given', async () => {
    const res = await runCli(['transcribe', dialogue], {
      env: { ...ENV, DOCSCRIB_SPEECH_ENGINE: 'whisper', DOCSCRIB_MODELS_DIR: join(dir, 'none') },
    });
    expect(res.code).toBe(3);
    expect(res.stderr).toContain('docscrib models');
    const bad = await runCli(['transcribe', dialogue], {
      env: { ...ENV, DOCSCRIB_SPEECH_ENGINE: 'sphinx4' },
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('DOCSCRIB_SPEECH_ENGINE');
  });

  it('--engine openai without a base URL: a clear error naming the option and the variable', async () => {
    const res = await runCli(['transcribe', dialogue, '--engine', 'openai'], { env: ENV });
    expect(res.code).toBe(3);
    expect(res.stderr).toMatch(/openai engine needs the base URL/);
    expect(res.stderr).toContain('--base-url');
    expect(res.stderr).toContain('DOCSCRIB_SPEECH_BASE_URL');
    const bad = await runCli(
      ['transcribe', dialogue, '--engine', 'openai', '--base-url', 'ftp://x'],
      { env: ENV },
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--base-url');
  });

  it(
    'a silent recording: "no speech found", exit 3, nothing written',
    async () => {
      const silence = await writeSilenceWav(dir, 4);
      const out = join(dir, 'silent-out');
      const res = await runCli(['transcribe', silence, '--out', out, ...GENERAL], { env: ENV });
      expect(res.code).toBe(3);
      expect(res.stderr).toMatch(/no speech found in .*silence\.wav/i);
      expect(await readdir(out)).toEqual([]);
    },
    ASR,
  );

  it(
    'refuses what is not audio, directories and several files without --out',
    async () => {
      const text = await put(dir, 'notes.wav', 'this is not audio at all\n');
      const notAudio = await runCli(['transcribe', text, ...GENERAL], { env: ENV });
      expect(notAudio.code).toBe(3);
      expect(notAudio.stderr).toContain('notes.wav');
      const folder = await runCli(['transcribe', dir], { env: ENV });
      expect(folder.code).toBe(2);
      expect(folder.stderr).toContain('Give audio files');
      const two = await runCli(['transcribe', dialogue, dialogue], { env: ENV });
      expect(two.code).toBe(2);
      expect(two.stderr).toContain('--out');
      const both = await runCli(['transcribe', dialogue, '--json', '--vtt'], { env: ENV });
      expect(both.code).toBe(2);
    },
    ASR,
  );

  it('--help lists the engines, formats and environment variables', async () => {
    const res = await runCli(['transcribe', '--help']);
    expect(res.code).toBe(0);
    for (const word of [
      'pocketsphinx',
      'whisper',
      'openai',
      '--vtt',
      '--json',
      '--txt',
      '--speakers',
      'DOCSCRIB_SPEECH_API_KEY',
      'docscrib models',
    ]) {
      expect(res.stdout).toContain(word);
    }
    const file = await readFile(dialogue);
    expect(file.subarray(0, 4).toString('latin1')).toBe('RIFF');
  });
});
