/**
 * The Outcomes screen in Chromium against the BUILT app and the real server (SQLite): a client
 * with four PHQ-9 scores on a plateau and a session whose note documents interventions → the
 * chart (an image named by its summary, bands, cut-off, markers) and its data table, the change
 * in words, "Consider adapting the plan" with Add to plan (checked in the stored plan), entering
 * answers with the keyboard (item 9 above 0 → an urgent alert linking to Consent and safety), a
 * one-time link (shown once, revoked), a schedule (→ due on the Outcomes screen, the client page
 * and the Clients list); Add to plan on a signed plan: the warning, Cancel, confirm (the signature
 * goes).
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectPageErrors, screenshotOnFailure, useAppWithBrowser } from './browser.js';
import {
  ApiClient,
  ROOT,
  addUser,
  createClient,
  expectStatus,
  makeUser,
  signedInApi,
  type TestUser,
} from './harness.js';
import { signIn, unnamedControls } from './page-helpers.js';

const TRANSCRIPT = readFileSync(join(ROOT, 'examples/cbt-thought-record.txt'), 'utf8');
const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString();
const dateDaysAgo = (n: number) => daysAgo(n).slice(0, 10);

interface Outcomes {
  outcomes: { instrument: string; points: unknown[]; plateau: { detected: boolean } | null }[];
  sessionLog: { interventions: { interventionId: string }[] }[];
  adaptPrompt: { alternatives: { interventionId: string; name: string }[] } | null;
}

/** Four PHQ-9 scores on a plateau (18, 17, 18, 17 over six weeks; item 9 always 0). */
async function plateauScores(api: ApiClient, clientId: string): Promise<void> {
  for (const [total, ago] of [
    [18, 42],
    [17, 28],
    [18, 14],
    [17, 2],
  ] as const) {
    const answers = [3, 3, 3, 3, 3, total === 17 ? 2 : 3, 0, 0, 0];
    expectStatus(
      await api.request('POST', `/api/clients/${clientId}/measures`, {
        instrument: 'phq9',
        answers,
        administeredAt: daysAgo(ago),
      }),
      201,
      `PHQ-9 ${String(total)}`,
    );
  }
}

describe('Outcomes screen (Chromium, built app)', () => {
  const clinician: TestUser = makeUser('clinician');
  const app = useAppWithBrowser({ users: [clinician] });

  it('chart, change, plateau prompt, enter answers, link, schedule and due markers', async () => {
    const api = await signedInApi(app.server.url, clinician);
    const client = await createClient(api, {
      name: 'Outcome Example',
      presentingConcerns: ['depression'],
    });
    const id = client.id;
    expectStatus(
      await api.request('POST', `/api/clients/${id}/sessions`, {
        details: { date: dateDaysAgo(20), consentToRecord: true },
        transcript: { text: TRANSCRIPT },
      }),
      201,
      'create session',
    );
    await plateauScores(api, id);
    const before = expectStatus(
      await api.request<Outcomes>('GET', `/api/clients/${id}/outcomes`),
      200,
      'outcomes',
    );
    expect(before.outcomes.find((o) => o.instrument === 'phq9')?.plateau?.detected).toBe(true);
    // Up to three alternatives, none of them an intervention the sessions already used.
    const alternatives = before.adaptPrompt?.alternatives ?? [];
    const tried = new Set(
      before.sessionLog.flatMap((s) => s.interventions.map((i) => i.interventionId)),
    );
    expect(tried.size, 'the session used interventions').toBeGreaterThan(0);
    expect(alternatives).toHaveLength(3);
    expect(alternatives.filter((a) => tried.has(a.interventionId))).toEqual([]);
    const alternative = alternatives[0];
    const markerCount = before.sessionLog.filter((s) => s.interventions.length > 0).length;

    const page = await app.browser.newPage({ baseURL: app.server.url });
    const pageErrors = collectPageErrors(page);
    await screenshotOnFailure(page, 'outcomes', async () => {
      await signIn(page, clinician);
      await page.goto(`/#/clients/${id}/outcomes`);
      await page.getByRole('heading', { name: 'Outcomes', level: 1 }).waitFor();

      // The chart: an image named by its summary; five shaded bands, the cut-off, four points.
      const chart = page.getByRole('img', { name: /PHQ-9 score chart: 4 administrations/ });
      await chart.waitFor();
      const summary = (await chart.getAttribute('aria-label')) ?? '';
      expect(summary).toContain('baseline 18 (Moderately severe)');
      expect(summary).toContain('latest 17 (Moderately severe)');
      expect(summary).toContain('cut-off 10');
      const svg = page.locator('svg.chart-svg').first();
      expect(await svg.locator('rect.chart-band').count()).toBe(5);
      expect(await svg.locator('text.chart-band-label').allTextContents()).toEqual([
        'Minimal',
        'Mild',
        'Moderate',
        'Moderately severe',
        'Severe',
      ]);
      expect(await svg.locator('line.chart-cutoff').count()).toBe(1);
      expect(await svg.locator('circle.chart-point').count()).toBe(4);
      expect(await svg.locator('g.chart-marker').count()).toBe(markerCount);

      // The data table behind its disclosure.
      await page.getByText('PHQ-9 scores as a table').click();
      const table = page.locator('details.chart-table table').first();
      expect(await table.locator('tbody tr').count()).toBe(4);
      expect(await table.locator('tbody tr').first().locator('td').nth(1).textContent()).toBe('18');

      // The measures as a FHIR R4 Bundle, under a file name without the client's name.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download measures as FHIR' }).click(),
      ]);
      expect(download.suggestedFilename()).not.toContain('Outcome');
      expect(download.suggestedFilename()).toBe(`measures-${id}.json`);
      const bundle = JSON.parse(await readFile(await download.path(), 'utf8')) as {
        resourceType: string;
      };
      expect(bundle.resourceType).toBe('Bundle');

      // The change in words.
      await expect
        .poll(() => page.locator('.change-summary').first().textContent())
        .toContain('No reliable change');

      // The plateau prompt: add the first alternative to the plan.
      await page.getByRole('heading', { name: 'Consider adapting the plan' }).waitFor();
      await page.getByRole('button', { name: 'Add to plan' }).first().click();
      await page.getByText('Added to the plan').waitFor();
      const { plan } = expectStatus(
        await api.request<{ plan: { plannedInterventions: { interventionId: string }[] } }>(
          'GET',
          `/api/clients/${id}`,
        ),
        200,
        'client',
      );
      expect(plan.plannedInterventions.map((p) => p.interventionId)).toContain(
        alternative?.interventionId,
      );

      // Enter answers with the keyboard: item 1 by arrow keys, the rest by clicking.
      await page.getByRole('button', { name: 'Enter answers' }).click();
      const item1 = page.getByRole('group', { name: /^1\. Little interest/ });
      await item1.getByRole('radio', { name: /Not at all/ }).focus();
      await page.keyboard.press('Space');
      await page.keyboard.press('ArrowRight');
      expect(await item1.getByRole('radio', { name: /Several days/ }).isChecked()).toBe(true);
      for (let n = 2; n <= 9; n++) {
        await page
          .getByRole('group', { name: new RegExp(`^${String(n)}\\. `) })
          .getByRole('radio', { name: /Several days/ })
          .check();
      }
      // Every control of the screen (the answers form open) has a name; one h1.
      expect(await unnamedControls(page)).toEqual([]);
      expect(await page.locator('h1').count()).toBe(1);
      await page.getByRole('button', { name: 'Save answers' }).click();
      const urgent = page.locator('.administer-result').getByRole('alert');
      await urgent.waitFor();
      expect(await urgent.textContent()).toContain('item 9');
      expect(
        await urgent.getByRole('link', { name: /Consent and safety/ }).getAttribute('href'),
      ).toBe(`#/clients/${id}/safety`);
      await page.getByText('PHQ-9 saved: total 9 (Mild)').waitFor();
      await page.getByRole('img', { name: /PHQ-9 score chart: 5 administrations/ }).waitFor();

      // A one-time link: shown once, then revoked.
      await page.getByRole('button', { name: 'Send link' }).click();
      await page.getByRole('button', { name: 'Copy link' }).waitFor();
      expect(await page.getByRole('textbox', { name: 'One-time link' }).inputValue()).toMatch(
        new RegExp(`^${app.server.url}/respond#.{20,}$`),
      );
      await page.getByText('Waiting for answers').waitFor();
      await page.getByRole('button', { name: 'Done' }).click();
      expect(await page.getByRole('textbox', { name: 'One-time link' }).count()).toBe(0);
      await page.getByRole('button', { name: /^Revoke/ }).click();
      await page.getByText('Revoked', { exact: true }).waitFor();

      // A schedule: GAD-7 every 14 days, never given → due.
      await page.getByRole('button', { name: 'Edit schedules' }).click();
      await page.getByRole('button', { name: 'Add schedule' }).click();
      await page.getByLabel('Instrument, schedule 1').selectOption('gad7');
      await page.getByLabel('How often, schedule 1').selectOption('interval');
      await page.getByLabel('Days between, schedule 1').fill('14');
      await page.getByRole('button', { name: 'Save schedules' }).click();
      await page.getByText('GAD-7: Every 14 days').waitFor();
      await page.getByRole('heading', { name: 'Due now' }).waitFor();
      const { schedules } = expectStatus(
        await api.request<{ schedules: { instrument: string; cadence: unknown }[] }>(
          'GET',
          `/api/clients/${id}/measure-schedules`,
        ),
        200,
        'schedules',
      );
      expect(schedules).toMatchObject([
        { instrument: 'gad7', cadence: { kind: 'interval', days: 14 } },
      ]);

      // The client page's Outcomes card and the Clients list's marker.
      await page.goto(`/#/clients/${id}`);
      const card = page.locator('section', {
        has: page.getByRole('heading', { name: 'Outcomes', level: 2 }),
      });
      await card.getByText('PHQ-9').waitFor();
      await card.getByText('Due').first().waitFor();
      expect(await card.getByRole('link', { name: 'Open outcomes' }).getAttribute('href')).toBe(
        `#/clients/${id}/outcomes`,
      );
      await page.goto('/#/clients');
      await page.getByText('Measures due: GAD-7').waitFor();
    });
    // No uncaught error and no failed request but the signed-out session check before sign-in.
    expect(pageErrors.filter((e) => !e.includes('status of 401'))).toEqual([]);
    await page.close();
  });

  it('Add to plan on a signed plan warns that the signature goes, and saves only when confirmed', async () => {
    const api = await signedInApi(app.server.url, clinician);
    const client = await createClient(api, {
      name: 'Signed Plan Example',
      presentingConcerns: ['depression'],
      diagnoses: [{ code: 'F32.1', description: 'Major depressive disorder, moderate' }],
    });
    const id = client.id;
    const future = new Date(Date.now() + 90 * DAY).toISOString().slice(0, 10);
    const put = expectStatus(
      await api.request<{ plan: { updatedAt: string } }>('PUT', `/api/clients/${id}/plan`, {
        problems: [{ id: 'P1', text: 'Low mood and withdrawal', diagnosisCodes: ['F32.1'] }],
        goals: [
          {
            id: 'G1',
            text: 'Return to valued activities',
            problemId: 'P1',
            objectives: [
              {
                id: 'O1',
                text: 'PHQ-9 below 10',
                instrument: 'phq9',
                targetScore: 9,
                targetDate: future,
              },
            ],
          },
        ],
        plannedInterventions: [
          {
            interventionId: 'cbt.behavioral_activation',
            rationale: 'Withdrawal maintains the low mood.',
            expectedOutcomes: 'More valued activities; PHQ-9 below 10.',
            goalIds: ['G1'],
            frequency: 'weekly',
          },
        ],
        conceptualization: 'Depression maintained by withdrawal.',
        frequency: 'weekly 53-minute sessions',
        duration: '12 sessions',
        startDate: dateDaysAgo(60),
        reviewDate: future,
      }),
      200,
      'plan',
    );
    expectStatus(
      await api.request('POST', `/api/clients/${id}/plan/sign`, {
        expectedUpdatedAt: put.plan.updatedAt,
      }),
      200,
      'sign',
    );
    await plateauScores(api, id);
    const planOf = async () =>
      expectStatus(
        await api.request<{
          plan: { signature: unknown; plannedInterventions: { interventionId: string }[] };
        }>('GET', `/api/clients/${id}`),
        200,
        'client',
      ).plan;

    const page = await app.browser.newPage({ baseURL: app.server.url });
    const pageErrors = collectPageErrors(page);
    await screenshotOnFailure(page, 'outcomes-signed-plan', async () => {
      await signIn(page, clinician);
      await page.goto(`/#/clients/${id}/outcomes`);
      await page.getByRole('heading', { name: 'Consider adapting the plan' }).waitFor();
      await page.getByRole('button', { name: 'Add to plan' }).first().click();
      const warning = page.getByText(
        /The treatment plan is signed\. Adding .* removes the signature/,
      );
      await warning.waitFor();
      // Nothing saved yet; Cancel leaves the signed plan alone.
      expect((await planOf()).signature).not.toBeNull();
      await page.getByRole('button', { name: 'Cancel' }).click();
      await warning.waitFor({ state: 'detached' });
      expect((await planOf()).signature).not.toBeNull();
      // Confirmed: added, the signature removed, and the screen says so.
      await page.getByRole('button', { name: 'Add to plan' }).first().click();
      await page.getByRole('button', { name: 'Add and remove the signature' }).click();
      await page.getByText('Its signature was removed: sign the plan again.').waitFor();
      const after = await planOf();
      expect(after.signature).toBeNull();
      expect(after.plannedInterventions).toHaveLength(2);
    });
    expect(pageErrors.filter((e) => !e.includes('status of 401'))).toEqual([]);
    await page.close();
  });

  it('a supervisor reads a supervisee’s outcomes without any control that changes them', async () => {
    const supervisor = makeUser('supervisor');
    const supervisee = makeUser('clinician');
    for (const [user, extra] of [
      [supervisor, []],
      [supervisee, ['--supervisor', supervisor.email]],
    ] as const) {
      await addUser(app.server.dataDir, user, extra);
    }
    const api = await signedInApi(app.server.url, supervisee);
    const client = await createClient(api, {
      name: 'Read Only Example',
      presentingConcerns: ['depression'],
    });
    await plateauScores(api, client.id);
    expectStatus(
      await api.request('POST', `/api/clients/${client.id}/measure-links`, {
        instruments: ['phq9'],
      }),
      201,
      'link',
    );

    const page = await app.browser.newPage({ baseURL: app.server.url });
    await screenshotOnFailure(page, 'outcomes-supervisor', async () => {
      await signIn(page, supervisor);
      await page.goto(`/#/clients/${client.id}/outcomes`);
      await page.getByRole('heading', { name: 'Outcomes', level: 1 }).waitFor();
      await page.getByText('Supervisee’s client (read only)').waitFor();
      await page.getByRole('img', { name: /PHQ-9 score chart: 4 administrations/ }).waitFor();
      await page.getByRole('heading', { name: 'Consider adapting the plan' }).waitFor();
      await page.getByText('Waiting for answers').waitFor();
      await page.getByRole('heading', { name: 'Measure schedules' }).waitFor();
      for (const name of [
        'Add to plan',
        'Enter answers',
        'Send link',
        'Edit schedules',
        'Revoke',
      ]) {
        expect(await page.getByRole('button', { name }).count(), name).toBe(0);
      }
    });
    await page.close();
  });
});
