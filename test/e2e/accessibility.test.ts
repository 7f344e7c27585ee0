/**
 * Accessibility smoke checks in Chromium on the built app: every form control and button on the
 * main screens has an accessible name (Chromium's own accessibility tree, as a screen reader gets
 * it), the document has a language and one h1, and signing in works with the keyboard alone.
 * The audio screens too: Record session (consent before Start, by keyboard; Chromium's fake
 * microphone, a beep, once started), the note's Speakers panel (a session from an uploaded
 * espeak-ng dialogue) and the speech fieldset of the practice settings.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotOnFailure, useAppWithBrowser } from './browser.js';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ROOT,
  createClient,
  expectStatus,
  makeUser,
  signedInApi,
  type TestUser,
} from './harness.js';
import { axTree, signIn, totpNow, unnamedControls } from './page-helpers.js';
import { DIALOGUE, writeDialogueWav } from '../support/speech-dialogue.js';

/** The text a screen reader reads on the page (the accessibility tree's text runs, joined). */
async function readableText(page: Page): Promise<string> {
  const nodes = await axTree(page);
  return nodes
    .filter((n) => !n.ignored && n.role?.value === 'StaticText')
    .map((n) => (typeof n.name?.value === 'string' ? n.name.value : ''))
    .join(' ');
}

/** The text of the focused button ('' when no button has the focus, e.g. it fell to the page). */
async function focusedButton(page: Page): Promise<string> {
  const focused = page.locator('button:focus');
  return (await focused.count()) === 0 ? '' : ((await focused.textContent()) ?? '').trim();
}

async function expectAccessible(page: Page, screen: string): Promise<void> {
  expect(await unnamedControls(page), `${screen}: controls without a name`).toEqual([]);
  expect(await page.locator('h1').count(), `${screen}: one h1`).toBe(1);
}

const audioDir = mkdtempSync(join(tmpdir(), 'docscrib-'));
let dialogueWav = '';
beforeAll(async () => {
  dialogueWav = await writeDialogueWav(audioDir, 'dialogue.wav', DIALOGUE.slice(0, 2), 0.5);
}, 60_000);
afterAll(() => {
  rmSync(audioDir, { recursive: true, force: true });
});

describe('accessibility smoke (Chromium, built app)', () => {
  const clinician: TestUser = makeUser('clinician');
  const admin: TestUser = makeUser('admin');
  const app = useAppWithBrowser({
    users: [clinician, admin],
    // A fake microphone (Chromium's beep) for the Record screen, allowed without asking.
    browserArgs: () => ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'],
  });

  it('signs in with the keyboard alone: Tab to each field and the button, Enter', async () => {
    const page = await app.browser.newPage({ baseURL: app.server.url });
    await screenshotOnFailure(page, 'keyboard-sign-in', async () => {
      await page.goto('/');
      await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      let pressed = false;
      for (let tabs = 0; tabs < 25 && !pressed; tabs++) {
        await page.keyboard.press('Tab');
        const focusedOn = async (selector: string): Promise<boolean> =>
          (await page.locator(`${selector}:focus`).count()) > 0;
        if (await focusedOn('input[type=email]')) {
          await page.keyboard.type(clinician.email);
        } else if (await focusedOn('input[type=password]')) {
          await page.keyboard.type(clinician.password);
        } else if (
          (await page
            .getByRole('button', { name: 'Sign in' })
            .and(page.locator(':focus'))
            .count()) > 0
        ) {
          await page.keyboard.press('Enter');
          pressed = true;
        }
      }
      expect(pressed, 'the Sign in button is reachable with Tab').toBe(true);
      await page.getByRole('heading', { name: 'Clients', level: 1 }).waitFor();
    });
    await page.close();
  });

  it('names every control on the sign-in, clients, client, new-session and note screens', async () => {
    const page = await app.browser.newPage({ baseURL: app.server.url });
    await screenshotOnFailure(page, 'accessible-names', async () => {
      await page.goto('/');
      await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
      await expectAccessible(page, 'sign in');

      await page.getByLabel('Email').fill(clinician.email);
      await page.getByLabel('Password').fill(clinician.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Clients', level: 1 }).waitFor();
      await expectAccessible(page, 'clients');

      await page.getByRole('button', { name: 'New client' }).click();
      await page.getByRole('heading', { name: 'New client', level: 1 }).waitFor();
      await expectAccessible(page, 'new client');

      await page.getByLabel('Name', { exact: true }).fill('Ada Example');
      await page.getByRole('button', { name: 'Save client' }).click();
      await page.getByRole('heading', { name: 'Ada Example', level: 1 }).waitFor();
      await expectAccessible(page, 'client page');

      await page.getByRole('button', { name: 'New session' }).click();
      await page.getByLabel('Paste the transcript').waitFor();
      await expectAccessible(page, 'new session');

      // The note editor, for a draft made through the API.
      const api = await signedInApi(app.server.url, clinician);
      const client = await createClient(api, { name: 'Bo Example' });
      const { note } = expectStatus(
        await api.request<{ note: { id: string } }>('POST', `/api/clients/${client.id}/sessions`, {
          details: { date: '2025-02-03', consentToRecord: true },
          transcript: { text: readFileSync(join(ROOT, 'examples/cbt-thought-record.txt'), 'utf8') },
        }),
        201,
        'create session',
      );
      await page.goto(`/#/notes/${note.id}`);
      await page.getByRole('heading', { name: /progress note/, level: 1 }).waitFor();
      await page.locator('.transcript li').first().waitFor();
      await expectAccessible(page, 'note editor');
    });
    await page.close();
  });
  it('Record session: consent labelled, Start disabled until consent and reached by keyboard; named controls, live region and text badge once recording', async () => {
    const api = await signedInApi(app.server.url, clinician);
    const client = await createClient(api, { name: 'Cy Example' });
    const context = await app.browser.newContext({
      baseURL: app.server.url,
      permissions: ['microphone'],
    });
    const page = await context.newPage();
    await screenshotOnFailure(page, 'accessible-record-session', async () => {
      await signIn(page, clinician, { until: 'signed-in' });
      await page.goto(`/#/clients/${client.id}/sessions/record`);
      await page.getByRole('heading', { name: /Record session/, level: 1 }).waitFor();
      await expectAccessible(page, 'record session');

      const consent = page.getByRole('checkbox', {
        name: /consented to this session being recorded/,
      });
      const start = page.getByRole('button', { name: 'Start recording' });
      expect(await consent.isChecked()).toBe(false);
      expect(await start.isDisabled()).toBe(true);

      // Keyboard alone: Tab to the consent checkbox, Space; then Tab on to Start, Enter.
      await page.locator('body').focus();
      let consented = false;
      let started = false;
      for (let tabs = 0; tabs < 40 && !started; tabs++) {
        await page.keyboard.press('Tab');
        if (!consented && (await consent.and(page.locator(':focus')).count()) > 0) {
          await page.keyboard.press('Space');
          expect(await consent.isChecked()).toBe(true);
          expect(await start.isDisabled()).toBe(false);
          consented = true;
        } else if ((await start.and(page.locator(':focus')).count()) > 0) {
          expect(consented, 'Start is not focusable before consent').toBe(true);
          await page.keyboard.press('Enter');
          started = true;
        }
      }
      expect(consented, 'the consent checkbox is reachable with Tab').toBe(true);
      expect(started, 'Start recording is reachable with Tab').toBe(true);

      // Recording (the fake microphone): named controls, the focus kept on the controls.
      const pause = page.getByRole('button', { name: 'Pause' });
      await pause.waitFor({ timeout: 20_000 });
      expect(await page.getByRole('button', { name: 'Stop and write the note' }).count()).toBe(1);
      await expect
        .poll(() => page.locator('.badge-draft-quality').count(), { timeout: 20_000 })
        .toBe(1);
      await expectAccessible(page, 'recording');
      expect(await focusedButton(page), 'the focus after Start').toBe('Pause');

      // The live transcript is a named region whose list is announced as lines arrive.
      const region = page.getByRole('region', { name: 'Live transcript' });
      expect(await region.count()).toBe(1);
      const live = region.locator('[aria-live]');
      expect(await live.count()).toBe(1);
      expect(await live.getAttribute('aria-live')).toMatch(/^(polite|assertive)$/);

      // The draft-quality badge is text a screen reader reads (not colour or an icon alone).
      expect(await readableText(page)).toContain(
        'Draft-quality transcription (offline engine): check the transcript',
      );

      // Pause and Resume with the keyboard: the focus stays on the control, renamed.
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('.record-phase').textContent()).toBe('Paused');
      expect(await focusedButton(page), 'the focus after Pause').toBe('Resume');
      await expectAccessible(page, 'paused');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('.record-phase').textContent()).toBe('Recording');
      expect(await focusedButton(page), 'the focus after Resume').toBe('Pause');
    });
    await context.close();
  });

  it('Speakers panel: each speaker role select is labelled with the speaker', async () => {
    const api = await signedInApi(app.server.url, clinician);
    const client = await createClient(api, { name: 'Di Example' });
    const { session } = expectStatus(
      await api.request<{ session: { id: string } }>('POST', `/api/clients/${client.id}/captures`, {
        details: { date: '2025-02-04', consentToRecord: true },
        mode: 'upload',
      }),
      201,
      'start the capture',
    );
    const { cookie, csrfToken } = api.credentials();
    const put = await fetch(`${app.server.url}/api/sessions/${session.id}/audio`, {
      method: 'PUT',
      headers: {
        accept: 'application/json',
        'content-type': 'audio/wav',
        origin: app.server.url,
        cookie: cookie ?? '',
        'x-csrf-token': csrfToken ?? '',
      },
      body: readFileSync(dialogueWav),
    });
    expect(put.status, await put.clone().text()).toBeLessThan(300);
    let noteId: string | null = null;
    await expect
      .poll(
        async () => {
          const { capture } = expectStatus(
            await api.request<{ capture: { status: string; noteId: string | null } }>(
              'GET',
              `/api/sessions/${session.id}/capture`,
            ),
            200,
            'read the capture',
          );
          noteId = capture.noteId;
          return capture.status;
        },
        { timeout: 30_000, interval: 250 },
      )
      .toBe('ready');

    const page = await app.browser.newPage({ baseURL: app.server.url });
    await screenshotOnFailure(page, 'accessible-speakers', async () => {
      await signIn(page, clinician, { until: 'signed-in' });
      await page.goto(`/#/notes/${String(noteId)}`);
      await page.getByRole('heading', { name: /progress note/, level: 1 }).waitFor();
      const speakers = page.getByRole('region', { name: 'Speakers' });
      await speakers.waitFor();
      const selects = speakers.getByRole('combobox');
      const rows = speakers.locator('tbody tr');
      expect(await rows.count()).toBeGreaterThan(0);
      expect(await selects.count()).toBe(await rows.count());
      for (const row of await rows.all()) {
        const label = (await row.locator('th').textContent())?.trim() ?? '';
        expect(label).toMatch(/^Speaker \d+$/);
        expect(await speakers.getByRole('combobox', { name: label, exact: true }).count()).toBe(1);
      }
      await expectAccessible(page, 'note editor with speakers');
    });
    await page.close();
  });

  it('practice settings: every control of the speech fieldset is labelled, for each engine', async () => {
    const page = await app.browser.newPage({ baseURL: app.server.url });
    await screenshotOnFailure(page, 'accessible-speech-settings', async () => {
      // Administrators enrol two-step sign-in first (as in first-run.test.ts).
      await signIn(page, admin, { until: 'signed-in' });
      await page.getByRole('heading', { name: 'Set up two-step sign-in', level: 1 }).waitFor();
      await page.getByLabel('Your current password').fill(admin.password);
      await page.getByRole('button', { name: 'Set up two-step sign-in' }).click();
      const secret = (await page.getByTestId('totp-secret').textContent())?.replace(/\s+/g, '');
      await page.getByLabel('Code from the app').fill(totpNow(secret ?? ''));
      await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
      await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
      await page.goto('/#/settings');
      await page.getByRole('heading', { name: 'Practice settings', level: 1 }).waitFor();
      const speech = page.getByRole('group', { name: 'Speech (recordings and audio files)' });
      await speech.waitFor();
      const engine = speech.getByRole('combobox', { name: 'Speech engine' });
      expect(await engine.count()).toBe(1);
      expect(
        await speech.getByRole('checkbox', { name: 'Keep the audio after transcription' }).count(),
      ).toBe(1);
      await expectAccessible(page, 'settings');

      await engine.selectOption('whisper');
      await speech.getByRole('combobox', { name: 'Whisper model file' }).waitFor();
      await expectAccessible(page, 'settings, whisper');

      await engine.selectOption('openai');
      await speech.getByRole('textbox', { name: 'Server base URL' }).waitFor();
      expect(await speech.getByRole('textbox', { name: 'Model', exact: true }).count()).toBe(1);
      await expectAccessible(page, 'settings, openai');
    });
    await page.close();
  });
});
