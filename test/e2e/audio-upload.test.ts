/**
 * An audio file as a session's input, in Chromium against the BUILT app and the real server: New
 * session → choose a recording (an espeak-ng/sox dialogue, WAV) → consent → Upload and transcribe
 * → the page shows the upload and transcription progress → the draft note, whose transcript has
 * the dialogue's words. Without consent nothing is sent.
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
beforeAll(async () => {
  wav = await writeDialogueWav(audioDir, 'session-recording.wav', DIALOGUE.slice(0, 4), 0.6);
}, 60_000);
afterAll(() => {
  rmSync(audioDir, { recursive: true, force: true });
});

describe('audio upload in Chromium (built app, real server)', () => {
  const clinician: TestUser = makeUser('clinician');
  const app = useAppWithBrowser({ users: [clinician] });

  it('new session → audio file → consent → transcribed → draft note', async () => {
    const api = await signedInApi(app.server.url, clinician);
    const client = await createClient(api, { name: 'Sam Example' });
    const context = await app.browser.newContext({ baseURL: app.server.url });
    const page = await context.newPage();
    const pageErrors = collectPageErrors(page);

    await screenshotOnFailure(page, 'audio-upload', async () => {
      await page.goto('/');
      await page.getByLabel('Email').fill(clinician.email);
      await page.getByLabel('Password').fill(clinician.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Clients', level: 1 }).waitFor();
      await page.goto(`/#/clients/${client.id}/sessions/new`);
      await page.getByRole('heading', { name: /New session/, level: 1 }).waitFor();

      await page.getByLabel('Or an audio recording of the session').setInputFiles(wav);
      const submit = page.getByRole('button', { name: 'Upload and transcribe' });
      // Without consent: refused on the page, nothing created.
      await submit.click();
      await expect.poll(() => page.getByRole('alert').textContent()).toContain('Consent to record');
      const none = expectStatus(
        await api.request<{ sessions: unknown[] }>('GET', `/api/clients/${client.id}/sessions`),
        200,
        'list sessions',
      );
      expect(none.sessions).toEqual([]);

      await page.getByLabel(/consented to recording/).check();
      await submit.click();
      await expect
        .poll(() => page.locator('.save-status').textContent(), { timeout: 30_000 })
        .toMatch(/Upload|Transcrib|Waiting|Writing|ready/);
      await page.waitForURL(/#\/notes\/[A-Za-z0-9_-]+$/, { timeout: 90_000 });
      await page.getByRole('heading', { name: /progress note/, level: 1 }).waitFor();
      const noteId = new URL(page.url()).hash.split('/').at(-1) ?? '';
      const note = expectStatus(
        await api.request<{ note: { sessionId: string; status: string } }>(
          'GET',
          `/api/notes/${noteId}`,
        ),
        200,
        'read the note',
      );
      expect(note.note.status).toBe('draft');
      const { capture } = expectStatus(
        await api.request<{ capture: { status: string; mode: string; noteId: string | null } }>(
          'GET',
          `/api/sessions/${note.note.sessionId}/capture`,
        ),
        200,
        'read the capture',
      );
      expect(capture).toMatchObject({ status: 'ready', mode: 'upload', noteId });
      await expect.poll(() => page.locator('.transcript').textContent()).toMatch(/week|sleep|rate/);
      // Speakers were told apart and are shown for relabelling.
      await page.getByRole('region', { name: 'Speakers' }).waitFor();
      expect(pageErrors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
    });
    await context.close();
  });
});
