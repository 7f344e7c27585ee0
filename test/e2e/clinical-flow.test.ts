/**
 * A clinician's whole path through the BUILT app in Chromium, against the real server
 * (`docscrib serve` on a temp SQLite data dir): sign in → create a client → new session with a
 * pasted transcript → draft note → review findings, a sentence's evidence highlighted in the
 * transcript → edit a sentence → save → sign (read-only) → export PDF and FHIR.
 * What the page shows is checked against what the API stores.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { collectPageErrors, screenshotOnFailure, useAppWithBrowser } from './browser.js';
import {
  ApiClient,
  ROOT,
  createClient,
  expectStatus,
  makeUser,
  signedInApi,
  type TestUser,
} from './harness.js';

const TRANSCRIPT = readFileSync(join(ROOT, 'examples/cbt-thought-record.txt'), 'utf8');
/** Its draft has a four-components finding that points at an intervention entry. */
const EXPOSURE = readFileSync(join(ROOT, 'examples/exposure-session.vtt'), 'utf8');

interface Evidence {
  utteranceIds: string[];
}
interface Sentence {
  text: string;
  kind: string;
  evidence: Evidence[];
}
interface NoteDetail {
  note: {
    id: string;
    status: string;
    version: number;
    review: unknown[];
    body: {
      sections: { sentences: Sentence[] }[];
      interventions: Record<string, Sentence | string>[];
    };
  };
}

function allSentences(detail: NoteDetail): Sentence[] {
  const { body } = detail.note;
  return [
    ...body.sections.flatMap((s) => s.sentences),
    ...body.interventions.flatMap((e) =>
      Object.values(e).filter((v): v is Sentence => typeof v === 'object'),
    ),
  ];
}

async function downloadOf(page: Page, click: () => Promise<void>): Promise<Buffer> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await download.path();
  return readFile(path);
}

describe('clinical flow in Chromium (built app, real server, SQLite)', () => {
  const clinician: TestUser = makeUser('clinician');
  const app = useAppWithBrowser({ users: [clinician] });

  it('sign in → client → transcript → draft → review → edit → save → sign → PDF and FHIR', async () => {
    const context = await app.browser.newContext({
      baseURL: app.server.url,
      acceptDownloads: true,
    });
    const page = await context.newPage();
    const pageErrors = collectPageErrors(page);
    // The same clinician through the API, to compare what the page shows with what is stored.
    const api = new ApiClient(app.server.url);
    await api.login(clinician.email, clinician.password);

    await screenshotOnFailure(page, 'clinical-flow', async () => {
      // Sign in.
      await page.goto('/');
      await expect.poll(() => page.getByRole('heading', { name: 'Sign in' }).count()).toBe(1);
      await page.getByLabel('Email').fill(clinician.email);
      await page.getByLabel('Password').fill(clinician.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Clients', level: 1 }).waitFor();

      // New client.
      await page.getByRole('button', { name: 'New client' }).click();
      await page.getByRole('heading', { name: 'New client', level: 1 }).waitFor();
      await page.getByLabel('Name', { exact: true }).fill('Jonah Example');
      await page.getByLabel('Date of birth').fill('1990-04-02');
      await page.getByRole('button', { name: 'Save client' }).click();
      await page.getByRole('heading', { name: 'Jonah Example', level: 1 }).waitFor();

      // New session: paste the transcript, get the draft note.
      await page.getByRole('button', { name: 'New session' }).click();
      await page.getByLabel('Paste the transcript').fill(TRANSCRIPT);
      await page.getByLabel(/consented to recording/).check();
      await page.getByRole('button', { name: 'Create draft note' }).click();
      await page.waitForURL(/#\/notes\/[A-Za-z0-9_-]+$/, { timeout: 60_000 });
      await page.getByRole('heading', { name: /progress note/, level: 1 }).waitFor();
      const noteId = new URL(page.url()).hash.split('/').at(-1) ?? '';
      const stored = expectStatus(
        await api.request<NoteDetail>('GET', `/api/notes/${noteId}`),
        200,
        'read the note',
      );
      expect(stored.note.status).toBe('draft');

      // Review findings are listed, as many as the server's review holds.
      const findings = page.locator('.finding-list > li');
      await expect.poll(() => findings.count()).toBe(stored.note.review.length);
      await expect
        .poll(() => page.getByRole('heading', { name: /Review findings/ }).textContent())
        .toContain(`${stored.note.review.length} in all`);

      // Selecting a sentence highlights exactly the transcript lines its evidence cites.
      const cited = page.locator('.note-body li.sentence').filter({ hasText: /cites \d+ lines?/ });
      expect(await cited.count()).toBeGreaterThan(0);
      const row = cited.first();
      const box = row.getByRole('textbox');
      const original = await box.inputValue();
      const sentence = allSentences(stored).find((s) => s.text === original);
      expect(sentence, 'the selected sentence is in the stored note').toBeDefined();
      const wanted = new Set(sentence?.evidence.flatMap((e) => e.utteranceIds));
      expect(wanted.size).toBeGreaterThan(0);
      await box.click();
      const lit = page.locator('.transcript li.is-evidence');
      await expect.poll(() => lit.count()).toBe(wanted.size);
      const litIds: (string | null)[] = [];
      for (let i = 0; i < wanted.size; i++) {
        litIds.push(await lit.nth(i).getAttribute('data-utterance-id'));
      }
      expect(new Set(litIds)).toEqual(wanted);
      await expect.poll(() => lit.first().textContent()).toContain('Evidence');
      await expect
        .poll(() => page.locator('.transcript-pane [role=status]').textContent())
        .toContain(`Highlighted: ${wanted.size} line`);

      // Edit that sentence and save: the edited finding keeps its evidence.
      const edited = `${original} (Reviewed by the clinician.)`;
      await box.fill(edited);
      await expect.poll(() => row.textContent()).toContain('edited');
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await expect.poll(() => page.locator('.save-status').textContent()).toMatch(/^Saved\./);
      const saved = expectStatus(
        await api.request<NoteDetail>('GET', `/api/notes/${noteId}`),
        200,
        'read the saved note',
      );
      expect(saved.note.version).toBe(stored.note.version + 1);
      const savedSentence = allSentences(saved).find((s) => s.text === edited);
      expect(savedSentence?.kind).toBe(sentence?.kind);
      expect(savedSentence?.evidence).toEqual(sentence?.evidence);

      // Sign: confirm in the dialog; the note becomes read-only.
      await page.getByRole('button', { name: 'Sign note' }).click();
      const dialog = page.getByRole('dialog', { name: 'Sign this note?' });
      await dialog.getByRole('button', { name: 'Confirm and sign' }).click();
      await expect.poll(() => page.locator('.save-status').textContent()).toMatch(/^Signed/);
      expect(await page.locator('.note-body textarea').count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Save', exact: true }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Sign note' }).count()).toBe(0);
      const signed = expectStatus(
        await api.request<NoteDetail>('GET', `/api/notes/${noteId}`),
        200,
        'read the signed note',
      );
      expect(signed.note.status).toBe('signed');
      // The signed text is the edited one; its evidence still lights up on selection.
      const signedRow = page.locator('.note-body li.sentence').filter({ hasText: edited });
      await signedRow.getByRole('button', { name: edited }).click();
      await expect.poll(() => lit.count()).toBe(wanted.size);

      // Export PDF.
      const pdf = await downloadOf(page, () =>
        page.getByRole('button', { name: 'Export PDF' }).click(),
      );
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.length).toBeGreaterThan(1000);

      // Export FHIR (Composition, then DocumentReference).
      for (const resource of ['Composition', 'DocumentReference']) {
        await page.getByLabel('FHIR resource').selectOption(resource);
        const bytes = await downloadOf(page, () =>
          page.getByRole('button', { name: 'Export FHIR' }).click(),
        );
        const fhir = JSON.parse(bytes.toString('utf8')) as { resourceType?: unknown };
        expect(typeof fhir.resourceType).toBe('string');
        expect(['Bundle', 'Composition', 'DocumentReference']).toContain(fhir.resourceType);
      }
      // The transcript and the client's name never reach the address bar.
      expect(page.url()).not.toMatch(/Jonah/);
    });
    expect(pageErrors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
    await context.close();
  });

  it('a review finding takes the clinician to the part of the note it is about', async () => {
    const api = await signedInApi(app.server.url, clinician);
    const client = await createClient(api, { name: 'Mara Example' });
    const { note } = expectStatus(
      await api.request<{ note: { id: string; review: { target?: unknown }[] } }>(
        'POST',
        `/api/clients/${client.id}/sessions`,
        { details: { date: '2025-03-04', consentToRecord: true }, transcript: { text: EXPOSURE } },
      ),
      201,
      'create session',
    );
    expect(note.review.filter((f) => f.target !== undefined).length).toBeGreaterThan(0);

    const context = await app.browser.newContext({ baseURL: app.server.url });
    const page = await context.newPage();
    await screenshotOnFailure(page, 'finding-link', async () => {
      await page.goto('/');
      await page.getByLabel('Email').fill(clinician.email);
      await page.getByLabel('Password').fill(clinician.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Clients', level: 1 }).waitFor();
      await page.goto(`/#/notes/${note.id}`);
      await page.getByRole('heading', { name: /progress note/, level: 1 }).waitFor();

      const linked = page.locator('.finding-list > li').filter({ has: page.getByRole('button') });
      expect(await linked.count()).toBeGreaterThan(0);
      await linked.first().getByRole('button').click();
      // Focus moves into the note, onto what the finding is about.
      await expect.poll(() => page.locator('.note-body :focus').count()).toBe(1);
    });
    await context.close();
  });

  it('unsaved note edits: leaving asks first; Stay keeps the edit, Leave drops it unsaved', async () => {
    const api = await signedInApi(app.server.url, clinician);
    const client = await createClient(api, { name: 'Ines Example' });
    const { note } = expectStatus(
      await api.request<{ note: { id: string; version: number } }>(
        'POST',
        `/api/clients/${client.id}/sessions`,
        {
          details: { date: '2025-03-05', consentToRecord: true },
          transcript: { text: TRANSCRIPT },
        },
      ),
      201,
      'create session',
    );

    const context = await app.browser.newContext({ baseURL: app.server.url });
    const page = await context.newPage();
    const pageErrors = collectPageErrors(page);
    await screenshotOnFailure(page, 'note-leave-guard', async () => {
      await page.goto('/');
      await page.getByLabel('Email').fill(clinician.email);
      await page.getByLabel('Password').fill(clinician.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Clients', level: 1 }).waitFor();
      await page.goto(`/#/notes/${note.id}`);
      await page.getByRole('heading', { name: /progress note/, level: 1 }).waitFor();
      const noteUrl = page.url();

      // Not edited yet: leaving asks nothing.
      const clientsLink = page.getByRole('navigation').getByRole('link', { name: 'Clients' });
      await clientsLink.click();
      await page.getByRole('heading', { name: 'Clients', level: 1 }).waitFor();
      await page.goto(noteUrl);
      await page.getByRole('heading', { name: /progress note/, level: 1 }).waitFor();

      const box = page.locator('.note-body li.sentence').first().getByRole('textbox');
      const original = await box.inputValue();
      const edited = `${original} (Checked with the client.)`;
      await box.fill(edited);

      // The browser's Back button asks; Stay keeps the screen, its address and the edit.
      await page.goBack();
      const leave = page.getByRole('dialog', { name: 'Leave without saving your changes?' });
      await leave
        .getByText('This note has unsaved changes. If you leave now, they are lost.')
        .waitFor();
      await leave.getByRole('button', { name: 'Stay on the note' }).click();
      await leave.waitFor({ state: 'hidden' });
      expect(page.url()).toBe(noteUrl);
      expect(await box.inputValue()).toBe(edited);

      // So does a link in the app.
      await clientsLink.click();
      await leave.waitFor();
      await leave.getByRole('button', { name: 'Stay on the note' }).click();
      await leave.waitFor({ state: 'hidden' });
      expect(page.url()).toBe(noteUrl);
      expect(await box.inputValue()).toBe(edited);

      // Leaving without saving goes where the clinician wanted; nothing was saved.
      await clientsLink.click();
      await leave.getByRole('button', { name: 'Leave without saving' }).click();
      await page.getByRole('heading', { name: 'Clients', level: 1 }).waitFor();
      const after = expectStatus(
        await api.request<NoteDetail>('GET', `/api/notes/${note.id}`),
        200,
        'read the note',
      );
      expect(after.note.version).toBe(note.version);
      expect(allSentences(after).map((x) => x.text)).not.toContain(edited);
    });
    expect(pageErrors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
    await context.close();
  });
});
