/**
 * Recording a session live in Chromium, against the BUILT app and the real server: Chromium's
 * fake microphone plays a two-voice therapy dialogue (espeak-ng + sox, once: `%noloop`) into
 * getUserMedia; the page's AudioWorklet streams it over the WebSocket; the server's pocketsphinx
 * run sends the live transcript back. Sign in → client → Record session (Start disabled until
 * consent) → live transcript lines → Pause / Resume → Stop → the draft note, whose transcript
 * has the dialogue's words → relabel a speaker → the note is written again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, screenshotOnFailure, useAppWithBrowser } from './browser.js';
import { createClient, expectStatus, makeUser, signedInApi, type TestUser } from './harness.js';
import { DIALOGUE, writeDialogueWav } from '../support/speech-dialogue.js';

const audioDir = mkdtempSync(join(tmpdir(), 'docscrib-'));
let wav = '';

// Before the browser starts (its fake microphone reads the file named on its command line).
beforeAll(async () => {
  wav = await writeDialogueWav(audioDir, 'dialogue.wav', DIALOGUE.slice(0, 4), 0.6);
}, 60_000);
afterAll(() => {
  rmSync(audioDir, { recursive: true, force: true });
});

interface Capture {
  capture: {
    status: string;
    segments: { text: string }[];
    noteId: string | null;
    speech: { speakers: { label: string; role: string }[] } | null;
  };
}

/** Seconds shown by the recorder's timer (mm:ss). */
function timerSeconds(text: string | null): number {
  const m = /(\d+):(\d\d)/.exec(text ?? '');
  return m ? Number(m[1]) * 60 + Number(m[2]) : 0;
}

describe('live recording in Chromium (fake microphone, built app, real server)', () => {
  const clinician: TestUser = makeUser('clinician');
  const app = useAppWithBrowser({
    users: [clinician],
    browserArgs: () => [
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-audio-capture=${wav}%noloop`,
      '--autoplay-policy=no-user-gesture-required',
    ],
  });

  it('consent → record → live transcript → pause/resume → stop → draft note → relabel', async () => {
    const api = await signedInApi(app.server.url, clinician);
    const client = await createClient(api, { name: 'Rae Example' });
    const context = await app.browser.newContext({
      baseURL: app.server.url,
      permissions: ['microphone'],
    });
    const page = await context.newPage();
    const pageErrors = collectPageErrors(page);

    await screenshotOnFailure(page, 'live-recording', async () => {
      await page.goto('/');
      await page.getByLabel('Email').fill(clinician.email);
      await page.getByLabel('Password').fill(clinician.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Clients', level: 1 }).waitFor();
      await page.goto(`/#/clients/${client.id}`);
      await page.getByRole('button', { name: 'Record session' }).click();
      await page.getByRole('heading', { name: /Record session/, level: 1 }).waitFor();

      // No consent, no recording.
      const start = page.getByRole('button', { name: 'Start recording' });
      expect(await start.isDisabled()).toBe(true);
      await page.getByLabel(/consented to this session being recorded/).check();
      expect(await start.isDisabled()).toBe(false);
      await start.click();

      // The live transcript fills in as the dialogue plays.
      await page.getByRole('button', { name: 'Pause' }).waitFor({ timeout: 20_000 });
      await expect
        .poll(() => page.locator('.badge-draft-quality').textContent(), { timeout: 20_000 })
        .toContain('Draft-quality transcription');
      const lines = page.locator('.live-segments li');
      await expect.poll(() => lines.count(), { timeout: 45_000 }).toBeGreaterThan(0);

      // Leaving while recording is refused with the screen's message; the recording goes on.
      const recordingUrl = page.url();
      await page.getByRole('navigation').getByRole('link', { name: 'Clients' }).click();
      await page
        .getByRole('alert')
        .filter({ hasText: 'The recording is still running: stop it first' })
        .waitFor();
      expect(page.url()).toBe(recordingUrl);
      expect(await page.locator('.record-phase').textContent()).toBe('Recording');

      // Pause and resume.
      await page.getByRole('button', { name: 'Pause' }).click();
      await expect.poll(() => page.locator('.record-phase').textContent()).toBe('Paused');
      await page.getByRole('button', { name: 'Resume' }).click();
      await expect.poll(() => page.locator('.record-phase').textContent()).toBe('Recording');

      // Past the end of the dialogue (the fake microphone plays it once, then silence).
      await expect
        .poll(async () => timerSeconds(await page.locator('.record-timer').textContent()), {
          timeout: 60_000,
          interval: 500,
        })
        .toBeGreaterThan(24);
      await page.getByRole('button', { name: 'Stop and write the note' }).click();
      await page.waitForURL(/#\/notes\/[A-Za-z0-9_-]+$/, { timeout: 60_000 });
      await page.getByRole('heading', { name: /progress note/, level: 1 }).waitFor();
      const noteId = new URL(page.url()).hash.split('/').at(-1) ?? '';

      // The note's session came from the recording; its transcript has the dialogue's words.
      const note = expectStatus(
        await api.request<{ note: { sessionId: string; status: string; version: number } }>(
          'GET',
          `/api/notes/${noteId}`,
        ),
        200,
        'read the note',
      );
      expect(note.note.status).toBe('draft');
      const { capture } = expectStatus(
        await api.request<Capture>(
          'GET',
          `/api/sessions/${note.note.sessionId}/capture?include=segments`,
        ),
        200,
        'read the capture',
      );
      expect(capture.status).toBe('ready');
      expect(capture.noteId).toBe(noteId);
      const text = capture.segments.map((s) => s.text).join(' ');
      expect(text).toMatch(/rate|week|sleep|hardest/);
      await expect.poll(() => page.locator('.transcript').textContent()).toMatch(/week|sleep/);

      // Relabel a speaker: the draft is written again.
      const speakers = page.getByRole('region', { name: 'Speakers' });
      await speakers.waitFor();
      const first = capture.speech?.speakers[0];
      expect(first).toBeDefined();
      const role = speakers.getByLabel(first?.label ?? 'Speaker 1', { exact: true });
      await role.selectOption(first?.role === 'client' ? 'clinician' : 'client');
      await speakers.getByRole('button', { name: 'Apply speaker roles' }).click();
      await page.getByRole('button', { name: 'Change roles and rewrite the draft' }).click();
      await expect
        .poll(
          async () =>
            expectStatus(
              await api.request<{ note: { version: number } }>('GET', `/api/notes/${noteId}`),
              200,
              'read the note again',
            ).note.version,
        )
        .toBeGreaterThan(note.note.version);
      expect(pageErrors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
    });
    await context.close();
  });
});
