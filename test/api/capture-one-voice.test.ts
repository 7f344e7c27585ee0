/**
 * An uploaded recording in which one voice is heard, through the API and the transcription
 * worker with real components (espeak-ng/sox audio, ffmpeg, pocketsphinx, SQLite): the session's
 * transcript and the capture's speech transcript tell the clinician that one voice was heard and
 * to check its role in the Speakers panel — not the core's advice for typed transcripts ("use a
 * transcript with speaker labels"), nor the CLI's `--speakers`.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ONE_SPEAKER_WARNING } from '../../src/core/transcript/roles.js';
import { CaptureStateSchema, SessionSchema } from '../../src/server/domain/schemas.js';
import { TranscriptionWorker } from '../../src/server/services/worker.js';
import { concat, silence, speak } from '../../src/speech/audio/test-helpers.js';
import { speechOneVoiceWarning } from '../../src/speech/messages.js';
import { createEngine } from '../../src/speech/registry.js';
import { createClient, profile, read, useApi, type Caller } from './harness.js';

const api = useApi();

const Started = z.object({ session: SessionSchema, capture: CaptureStateSchema });
const State = z.object({ capture: CaptureStateSchema });
const View = z.object({
  transcript: z.object({
    speakers: z.array(z.object({ label: z.string(), role: z.string() })),
    warnings: z.array(z.object({ message: z.string() })),
  }),
});

const APP_MESSAGE =
  'Only one voice was heard in the recording, so clinician and client turns cannot be told apart. ' +
  "Check that voice's role (clinician or client) in the Speakers panel.";

let wav: Buffer;
let owner: Caller;
let clientId: string;

beforeAll(async () => {
  const dir = join(api.dir(), 'audio');
  mkdirSync(dir, { recursive: true });
  const words = join(dir, 'words.wav');
  const quiet = join(dir, 'quiet.wav');
  const path = join(dir, 'one-voice.wav');
  speak(
    words,
    'How have you been sleeping this week? Let us look at the thought record you wrote down.',
  );
  silence(quiet, 0.5);
  concat(path, [quiet, words, quiet]);
  wav = readFileSync(path);
  owner = await api.user('clinician');
  clientId = (await createClient(owner, profile())).id;
}, 60_000);

/** Every message a clinician can read about this session's transcript. */
async function messages(sessionId: string): Promise<{ session: string[]; capture: string[] }> {
  const view = read(View, await owner.get(`/api/sessions/${sessionId}`));
  const capture = read(
    State,
    await owner.get(`/api/sessions/${sessionId}/capture?include=segments`),
  ).capture;
  return {
    session: view.transcript.warnings.map((w) => w.message),
    capture: capture.speech?.warnings ?? [],
  };
}

describe('an uploaded recording with one voice', () => {
  it('the app message is the shared one', () => {
    expect(speechOneVoiceWarning('app')).toBe(APP_MESSAGE);
  });

  it('says one voice was heard and points at the Speakers panel, not at speaker labels or --speakers', async () => {
    const started = read(
      Started,
      await owner.post(`/api/clients/${clientId}/captures`, {
        details: { date: '2025-04-03', consentToRecord: true },
        mode: 'upload',
        noteFormat: 'soap',
      }),
    );
    const sessionId = started.session.id;
    const up = await owner.request('PUT', `/api/sessions/${sessionId}/audio`, undefined, {
      rawBody: wav,
      contentType: 'audio/wav',
    });
    expect(up.status, up.text).toBe(202);

    const engine = createEngine('pocketsphinx', {
      settings: {
        engine: 'pocketsphinx',
        whisperModel: 'x.bin',
        openaiModel: 'm',
        keepAudio: false,
      },
      modelsDir: api.dir(),
    });
    const worker = new TranscriptionWorker(api.deps(), {
      tempRoot: join(api.dir(), 'worker-tmp'),
      leaseMs: 30_000,
      engineFor: () => engine,
    });
    expect(await worker.runOnce()).toBe(true);
    const done = read(
      State,
      await owner.get(`/api/sessions/${sessionId}/capture?include=segments`),
    ).capture;
    expect(done.status, JSON.stringify(done.error)).toBe('ready');
    expect(done.speech?.speakers).toHaveLength(1);

    const before = await messages(sessionId);
    expect(before.session).toContain(APP_MESSAGE);
    expect(before.capture).toContain(APP_MESSAGE);
    for (const m of [...before.session, ...before.capture]) {
      expect(m).not.toBe(ONE_SPEAKER_WARNING);
      expect(m).not.toContain('speaker labels');
      expect(m).not.toContain('--speakers');
    }

    // The clinician sets the voice's role in the Speakers panel: still one voice, still no
    // text-transcript advice anywhere.
    const r = await owner.put(`/api/sessions/${sessionId}/speakers`, {
      roles: { 'Speaker 1': 'clinician' },
    });
    expect(r.status, r.text).toBe(200);
    const after = await messages(sessionId);
    expect(after.capture).toEqual([APP_MESSAGE]);
    for (const m of [...after.session, ...after.capture]) {
      expect(m).not.toContain('speaker labels');
    }
  }, 60_000);
});
