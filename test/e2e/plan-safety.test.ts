/**
 * Treatment plan, toolkit, consent and safety in Chromium on the BUILT app against the real
 * server: build a plan (signing refused with the missing payer elements listed, then completed
 * and signed); match interventions for PTSD with avoidance from the plan and save the blend to
 * the plan; record an informed consent; assess a PHQ-9 item-9 alert where untouched elements stay
 * "Not assessed" once confirmed; write and confirm a safety plan. What the pages show is checked
 * against what the API stores, and each screen gets the accessibility checks of
 * accessibility.test.ts (named controls, one h1, keyboard use).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { collectPageErrors, screenshotOnFailure, useAppWithBrowser } from './browser.js';
import { createClient, expectStatus, makeUser, signedInApi, type TestUser } from './harness.js';
import { signIn, unnamedControls } from './page-helpers.js';

async function expectAccessible(page: Page, screen: string): Promise<void> {
  expect(await unnamedControls(page), `${screen}: controls without a name`).toEqual([]);
  expect(await page.locator('h1').count(), `${screen}: one h1`).toBe(1);
}

/** Presses Tab until `target` has the focus (at most `max` times); false when it never does. */
async function tabTo(page: Page, target: ReturnType<Page['locator']>, max = 80): Promise<boolean> {
  for (let n = 0; n < max; n++) {
    await page.keyboard.press('Tab');
    if ((await target.and(page.locator(':focus')).count()) > 0) return true;
  }
  return false;
}

interface Plan {
  plannedInterventions: { interventionId: string; rationale: string; expectedOutcomes: string }[];
  conceptualization: string;
  signature: { signerName: string } | null;
  updatedAt: string;
}
interface Catalog {
  interventions: { id: string; name: string; consentExpected: boolean }[];
  blends: {
    id: string;
    name: string;
    interventionIds: string[];
    rationale: string;
    expectedOutcomes: string[];
  }[];
  tags: { features: { id: string; label: string }[] };
}

/** The entry of `list` with `id`; fails the test when the catalogue has none. */
function byId<T extends { id: string }>(list: readonly T[], id: string): T {
  const found = list.find((x) => x.id === id);
  if (found === undefined) throw new Error(`the toolkit catalogue has no ${id}`);
  return found;
}

describe('plan, toolkit, consent and safety in Chromium (built app, real server)', () => {
  const clinician: TestUser = makeUser('clinician');
  const app = useAppWithBrowser({ users: [clinician] });

  it('builds and signs a plan, matches interventions for PTSD with avoidance and saves the blend to it', async () => {
    const api = await signedInApi(app.server.url, clinician);
    const client = await createClient(api, {
      name: 'Rae Example',
      diagnoses: [{ code: 'F43.10', description: 'Post-traumatic stress disorder' }],
      presentingConcerns: ['trauma_ptsd'],
    });
    const catalog = expectStatus(await api.request<Catalog>('GET', '/api/toolkit'), 200, 'toolkit');
    const exposure = byId(catalog.interventions, 'exposure.in_vivo');
    const exposureName = exposure.name;
    const blend = byId(catalog.blends, 'ptsd_avoidance');
    const avoidance = byId(catalog.tags.features, 'avoidance');
    const readPlan = async () =>
      expectStatus(
        await api.request<{ plan: Plan }>('GET', `/api/clients/${client.id}`),
        200,
        'read the client',
      ).plan;
    const plannedIds = async () =>
      (await readPlan()).plannedInterventions.map((p) => p.interventionId);
    const nextYear = `${new Date().getUTCFullYear() + 1}-01-15`;

    const context = await app.browser.newContext({ baseURL: app.server.url });
    const page = await context.newPage();
    const pageErrors = collectPageErrors(page);
    /** On the plan screen: sets the review date, signs, and waits for "Plan signed.". */
    const signWithReviewDate = async (date: string) => {
      await page.getByLabel('Review date').fill(date);
      await page.getByRole('button', { name: 'Sign plan' }).click();
      await expect
        .poll(() => page.locator('.plan-actions [role=status]').textContent())
        .toBe('Plan signed.');
    };
    await screenshotOnFailure(page, 'plan-safety-plan', async () => {
      await signIn(page, clinician);
      await page.goto(`/#/clients/${client.id}`);
      await page.getByRole('heading', { name: 'Rae Example', level: 1 }).waitFor();
      // The client page's plan card links to the three screens.
      const card = page.getByRole('region', { name: 'Treatment plan' });
      await expect.poll(() => card.getByText('Not signed').count()).toBe(1);
      expect(await card.getByRole('link', { name: 'Outcomes' }).getAttribute('href')).toBe(
        `#/clients/${client.id}/outcomes`,
      );
      expect(
        await card.getByRole('link', { name: 'Consent and safety' }).getAttribute('href'),
      ).toBe(`#/clients/${client.id}/safety`);
      await card.getByRole('link', { name: 'Treatment plan' }).click();
      await page.getByRole('heading', { name: 'Treatment plan', level: 1 }).waitFor();
      await page.getByRole('heading', { name: 'Diagnoses' }).waitFor();
      expect(
        await page
          .getByRole('region', { name: 'Diagnoses' })
          .getByRole('listitem')
          .allTextContents(),
      ).toEqual(['F43.10 Post-traumatic stress disorder']);

      // A problem linked to the profile's diagnosis; a goal with a measurable objective.
      await page.getByRole('button', { name: 'Add problem' }).click();
      await page
        .getByLabel('Problem P1', { exact: true })
        .fill('Avoids driving and reminders of the crash');
      await page
        .getByRole('group', { name: 'Diagnoses of problem P1' })
        .getByRole('checkbox', { name: /F43\.10/ })
        .check();
      await page.getByRole('button', { name: 'Add goal' }).click();
      await page.getByLabel('Goal G1', { exact: true }).fill('Drive to work again');
      await page.getByLabel('Goal G1 problem').selectOption('P1');
      await page.getByRole('button', { name: 'Add objective to goal G1' }).click();
      await page.getByLabel('Objective G1-O1', { exact: true }).fill('PCL-5 below 33');
      await page.getByLabel('Objective G1-O1 instrument').selectOption('pcl5');
      await page.getByLabel('Objective G1-O1 target score').fill('32');
      await page.getByLabel('Objective G1-O1 target date').fill('2027-03-01');
      await expectAccessible(page, 'plan editor');
      // Unsaved changes: leaving asks first; Stay keeps the screen and the edits.
      await page.getByRole('navigation').getByRole('link', { name: 'Clients' }).click();
      const leave = page.getByRole('dialog', { name: 'Leave without saving?' });
      await leave.getByText('The changes to the treatment plan are not saved.').waitFor();
      await leave.getByRole('button', { name: 'Stay' }).click();
      await leave.waitFor({ state: 'hidden' });
      expect(page.url()).toContain(`#/clients/${client.id}/plan`);
      expect(await page.getByLabel('Goal G1', { exact: true }).inputValue()).toBe(
        'Drive to work again',
      );
      await page.getByRole('button', { name: 'Save plan' }).click();
      await expect
        .poll(() => page.locator('.plan-actions [role=status]').textContent())
        .toBe('Plan saved.');

      // Signing is refused: the missing payer elements are listed by name.
      await page.getByRole('button', { name: 'Sign plan' }).click();
      const refusal = page.getByRole('alert').filter({ hasText: 'The plan cannot be signed yet' });
      await refusal.waitFor();
      const missing = (await refusal.getByRole('listitem').allTextContents()).join('\n');
      expect(missing).toContain('Planned interventions');
      expect(missing).toContain('Session frequency');
      expect(missing).toContain('Duration');
      expect(missing).toContain('Review date');
      expect((await readPlan()).signature).toBeNull();

      // Complete it: an intervention from the catalogue with its rationale and outcomes, course.
      await page.getByLabel('Intervention to add').selectOption('exposure.in_vivo');
      await page.getByRole('button', { name: 'Add intervention' }).click();
      await page
        .getByLabel(`Rationale for ${exposureName}`)
        .fill('Avoidance maintains the fear; graded approach to driving.');
      await page
        .getByLabel(`Expected outcomes of ${exposureName}`)
        .fill('Drives short routes with SUDS at or below 4.');
      await page
        .getByRole('group', { name: `Goals ${exposureName} serves` })
        .getByRole('checkbox', { name: /^G1/ })
        .check();
      await page.getByLabel('Session frequency').fill('weekly 53-minute sessions');
      await page.getByLabel('Duration').fill('16 sessions over 4 months');
      // A review date in the past is refused: signing asks for a future one.
      await page.getByLabel('Review date').fill('2020-01-01');
      await page.getByRole('button', { name: 'Sign plan' }).click();
      await expect
        .poll(async () => (await refusal.getByRole('listitem').allTextContents()).join('\n'))
        .toContain('set a future review date');
      expect((await readPlan()).signature).toBeNull();
      await signWithReviewDate(nextYear);
      const signed = await readPlan();
      expect(signed.signature?.signerName).toBe(clinician.name);
      expect(signed.plannedInterventions[0]?.rationale).toContain('graded approach');
      const status = page.getByLabel('Plan status').getByRole('definition').first();
      await expect
        .poll(() => status.textContent())
        .toMatch(new RegExp(`^Signed by ${clinician.name}, `));
      expect(await page.getByText('Review due').count()).toBe(0);
      const versions = page.getByRole('region', { name: 'Signed versions' });
      await expect.poll(() => versions.getByText(/Version 1, signed/).count()).toBe(1);
      // A plan past its review date says "Review due" (saving it clears the signature).
      await page.getByLabel('Review date').fill('2020-01-01');
      await page.getByRole('button', { name: 'Save plan' }).click();
      await expect.poll(() => page.getByText('Review due', { exact: true }).count()).toBe(1);
      expect(await status.textContent()).toBe('Not signed');
      expect((await readPlan()).signature).toBeNull();
      // Signed again (a future review date) before matching interventions for it.
      await signWithReviewDate(nextYear);
      expect((await readPlan()).signature?.signerName).toBe(clinician.name);

      // Match interventions: the toolkit opens with the client chosen and their concern ticked.
      await page.getByRole('button', { name: 'Match interventions' }).click();
      await page.getByRole('heading', { name: 'Intervention toolkit', level: 1 }).waitFor();
      expect(page.url()).not.toContain(client.id);
      await expect
        .poll(() => page.getByLabel('Client', { exact: true }).inputValue())
        .toBe(client.id);
      const concerns = page.getByRole('group', { name: 'Concerns' });
      await expect.poll(() => concerns.getByRole('checkbox', { checked: true }).count()).toBe(1);
      await page
        .getByRole('group', { name: 'Clinical features' })
        .getByRole('checkbox', { name: avoidance.label, exact: true })
        .check();
      await page.getByRole('button', { name: 'Recommend interventions' }).click();
      const blendRadio = page.getByRole('radio', { name: blend.name });
      await blendRadio.waitFor();
      const recommended = await page.locator('.recommendations > li').allTextContents();
      expect(recommended.some((r) => r.includes(exposureName))).toBe(true);
      await expectAccessible(page, 'toolkit with results');
      await blendRadio.check();
      const saveCard = page.getByRole('region', { name: 'Save to plan' });
      const saveButton = saveCard.getByRole('button', { name: 'Save to plan' });
      const warning = saveCard.getByText('The treatment plan is signed. Saving these choices');

      // The plan is signed: saving asks first; Cancel saves nothing and keeps the signature.
      await saveButton.click();
      await warning.waitFor();
      await saveCard.getByRole('button', { name: 'Cancel' }).click();
      await warning.waitFor({ state: 'detached' });
      const kept = await readPlan();
      expect(kept.signature?.signerName).toBe(clinician.name);
      expect(kept.plannedInterventions.map((p) => p.interventionId)).toEqual(['exposure.in_vivo']);

      // The plan changes (another tab) while the question is open: confirming saves nothing
      // and says why (409 on the plan's updatedAt read for this save).
      await saveButton.click();
      await warning.waitFor();
      const raw = expectStatus(
        await api.request<{ plan: Record<string, unknown> }>('GET', `/api/clients/${client.id}`),
        200,
        'read the plan',
      ).plan;
      const body = Object.fromEntries(
        Object.entries(raw).filter(([k]) => k !== 'signature' && k !== 'updatedAt'),
      );
      const changed = expectStatus(
        await api.request<{ plan: Plan }>('PUT', `/api/clients/${client.id}/plan`, {
          ...body,
          frequency: 'weekly 60-minute sessions',
        }),
        200,
        'change the plan meanwhile',
      ).plan;
      await saveCard.getByRole('button', { name: 'Save and remove the signature' }).click();
      await saveCard
        .getByRole('alert')
        .filter({ hasText: 'The treatment plan changed since it was read for this save' })
        .waitFor();
      expect(await warning.count()).toBe(0);
      expect(await plannedIds()).toEqual(['exposure.in_vivo']);
      // Signed again; confirming now saves the blend and removes the signature, and says so.
      expectStatus(
        await api.request('POST', `/api/clients/${client.id}/plan/sign`, {
          expectedUpdatedAt: changed.updatedAt,
        }),
        200,
        'sign again',
      );
      await saveButton.click();
      await saveCard.getByRole('button', { name: 'Save and remove the signature' }).click();
      await saveCard.getByText('The plan’s signature was removed: sign it again.').waitFor();
      await saveCard.getByRole('link', { name: 'Open the treatment plan' }).waitFor();
      const matched = await readPlan();
      // What was planned stays first, as written; the blend's interventions follow, in order.
      expect(matched.plannedInterventions.map((p) => p.interventionId)).toEqual([
        'exposure.in_vivo',
        ...blend.interventionIds.filter((id) => id !== 'exposure.in_vivo'),
      ]);
      expect(matched.plannedInterventions[0]?.rationale).toBe(
        'Avoidance maintains the fear; graded approach to driving.',
      );
      for (const p of matched.plannedInterventions.slice(1)) {
        expect(p.expectedOutcomes, p.interventionId).toBe(blend.expectedOutcomes.join('; '));
        expect(p.rationale, p.interventionId).not.toBe('');
      }
      expect(matched.conceptualization).toContain(`${blend.name}: ${blend.rationale}`);
      // Saving changed the plan: its signature is cleared (the signed versions are kept).
      expect(matched.signature).toBeNull();
      const signedVersions = expectStatus(
        await api.request<{ versions: unknown[] }>(
          'GET',
          `/api/clients/${client.id}/plan/versions`,
        ),
        200,
        'plan versions',
      ).versions;
      expect(signedVersions).toHaveLength(3);

      // The catalogue browser filters by modality.
      await page.getByLabel('Search the catalogue').fill('exposure');
      await expect
        .poll(() => page.locator('.catalogue-list > li').count())
        .toBeLessThan(catalog.interventions.length);
    });
    expect(pageErrors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
    await context.close();
  });

  it('records consent, assesses a PHQ-9 item-9 alert (untouched elements stay Not assessed) and confirms a safety plan', async () => {
    const api = await signedInApi(app.server.url, clinician);
    const client = await createClient(api, { name: 'Sol Example' });
    // A PHQ-9 with item 9 answered 1 raises an alert for this client.
    const { alerts } = expectStatus(
      await api.request<{ alerts: { id: string; kind: string }[] }>(
        'POST',
        `/api/clients/${client.id}/measures`,
        { instrument: 'phq9', answers: [1, 1, 1, 1, 1, 1, 1, 1, 1] },
      ),
      201,
      'enter a PHQ-9',
    );
    expect(alerts.map((a) => a.kind)).toContain('phq9_item9');

    const context = await app.browser.newContext({ baseURL: app.server.url });
    const page = await context.newPage();
    const pageErrors = collectPageErrors(page);
    await screenshotOnFailure(page, 'plan-safety-safety', async () => {
      await signIn(page, clinician);
      await page.goto(`/#/clients/${client.id}/safety`);
      await page.getByRole('heading', { name: 'Consent and safety', level: 1 }).waitFor();
      await page.getByRole('heading', { name: 'Informed consent' }).waitFor();
      await page.getByText('No consent recorded yet.').waitFor();
      await expectAccessible(page, 'consent and safety');

      // Informed consent to in vivo exposure: only what was discussed is ticked.
      await page.getByRole('button', { name: 'Record consent' }).click();
      await expectAccessible(page, 'consent form');
      await page.getByLabel('Intervention', { exact: true }).selectOption('exposure.in_vivo');
      await page.getByRole('checkbox', { name: 'The rationale of the intervention' }).check();
      await page.getByRole('checkbox', { name: 'The right to stop at any time' }).check();
      // No decision chosen: the form says so instead of assuming one.
      await page.getByRole('button', { name: 'Save consent' }).click();
      await page.getByRole('alert').filter({ hasText: 'Decision' }).waitFor();
      await page.getByRole('radio', { name: 'Agreed' }).check();
      await page.getByRole('button', { name: 'Save consent' }).click();
      await page.locator('.consent-table tbody tr').first().waitFor();
      const { consents } = expectStatus(
        await api.request<{
          consents: { interventionId: string; decision: string; discussed: object }[];
        }>('GET', `/api/clients/${client.id}/consents`),
        200,
        'read consents',
      );
      expect(consents).toHaveLength(1);
      expect(consents[0]).toMatchObject({
        interventionId: 'exposure.in_vivo',
        decision: 'agreed',
        discussed: {
          rationale: true,
          risksAndDistress: false,
          alternatives: false,
          rightToStop: true,
        },
      });

      // The open alert is offered; assessing it opens a draft where nothing is pre-filled.
      await page.getByRole('button', { name: 'Assess this alert' }).click();
      const draft = page.locator('.assessment-form');
      await draft.waitFor();
      for (const element of ['Suicidal ideation', 'Plan', 'Intent', 'Access to lethal means']) {
        const group = draft.getByRole('group', { name: element, exact: true });
        expect(
          await group.getByRole('radio', { name: 'Not assessed' }).isChecked(),
          `${element} starts Not assessed`,
        ).toBe(true);
        expect(await group.getByRole('radio', { name: 'Absent' }).isChecked()).toBe(false);
      }
      expect(await draft.getByLabel('Risk level').inputValue()).toBe('not_assessed');
      await expectAccessible(page, 'safety assessment draft');

      // Keyboard: the radio group moves with the arrow keys.
      const ideation = draft.getByRole('group', { name: 'Suicidal ideation', exact: true });
      await ideation.getByRole('radio', { name: 'Not assessed' }).focus();
      await page.keyboard.press('ArrowRight');
      expect(await ideation.getByRole('radio', { name: 'Present' }).isChecked()).toBe(true);
      await draft
        .getByLabel('Suicidal ideation: detail')
        .fill('Passive thoughts, no plan discussed yet.');
      await draft.getByRole('button', { name: 'Add protective factor' }).click();
      await draft.getByLabel('Protective factor 1', { exact: true }).fill('Close to her sister');
      // Confirming needs the clinician's risk level (ideation is assessed above).
      await draft.getByLabel('Risk level').selectOption('moderate');
      await draft.getByRole('button', { name: 'Save draft' }).click();
      await draft.getByRole('button', { name: 'Confirm assessment' }).click();
      const dialog = page.getByRole('dialog', { name: 'Confirm this safety assessment?' });
      await dialog.getByRole('button', { name: 'Confirm and lock' }).click();
      await page.locator('.assessment .badge-signed').waitFor();
      expect(await page.locator('.assessment-form').count()).toBe(0);
      const view = page.locator('.assessment dl');
      await expect.poll(() => view.textContent()).toContain('PlanNot assessed');
      expect(await view.textContent()).toContain('IntentNot assessed');
      expect(await view.textContent()).toContain('Access to lethal meansNot assessed');
      expect(await view.textContent()).not.toContain('Absent');
      const { assessments } = expectStatus(
        await api.request<{
          assessments: {
            status: string;
            trigger: { kind: string };
            ideation: { status: string };
            plan: { status: string };
            intent: { status: string };
            means: { status: string };
            riskLevel: string;
            protectiveFactors: string[];
          }[];
        }>('GET', `/api/clients/${client.id}/safety-assessments`),
        200,
        'read assessments',
      );
      expect(assessments).toHaveLength(1);
      expect(assessments[0]).toMatchObject({
        status: 'confirmed',
        trigger: { kind: 'phq9_item9' },
        ideation: { status: 'present' },
        plan: { status: 'not_assessed' },
        intent: { status: 'not_assessed' },
        means: { status: 'not_assessed' },
        riskLevel: 'moderate',
        protectiveFactors: ['Close to her sister'],
      });
      // The alert is answered: no longer offered.
      await expect
        .poll(() => page.getByRole('button', { name: 'Assess this alert' }).count())
        .toBe(0);

      // The collaborative safety plan, reached with the keyboard.
      const addSign = page.getByRole('button', { name: 'Add to warning signs' });
      await page.locator('body').focus();
      expect(await tabTo(page, addSign, 200), 'Add to warning signs is reachable with Tab').toBe(
        true,
      );
      await page.keyboard.press('Enter');
      await page
        .getByLabel('Warning sign 1', { exact: true })
        .fill('Cannot sleep, withdraws from friends');
      await page.getByRole('button', { name: 'Add to professionals and crisis lines' }).click();
      await page
        .getByLabel('Professional or crisis line 1: name or place')
        .fill('988 Suicide & Crisis Lifeline');
      await page.getByLabel('Professional or crisis line 1: how to reach').fill('Call or text 988');
      await page.getByRole('button', { name: 'Add to reasons for living' }).click();
      await page.getByLabel('Reason 1', { exact: true }).fill('Her nephew');
      await expectAccessible(page, 'safety plan editor');
      await page.getByRole('button', { name: 'Save safety plan' }).click();
      await expect
        .poll(() => page.getByRole('button', { name: 'Print safety plan' }).isDisabled())
        .toBe(false);
      await page.getByRole('button', { name: 'Confirm safety plan' }).click();
      await page
        .getByRole('dialog', { name: 'Confirm this safety plan?' })
        .getByRole('button', { name: 'Confirm safety plan' })
        .click();
      await page.getByRole('region', { name: 'Safety plan' }).locator('.badge-signed').waitFor();
      const { safetyPlan } = expectStatus(
        await api.request<{
          safetyPlan: {
            status: string;
            warningSigns: string[];
            copingStrategies: string[];
            professionals: { name: string; contact: string }[];
          } | null;
        }>('GET', `/api/clients/${client.id}/safety-plan`),
        200,
        'read the safety plan',
      );
      expect(safetyPlan).toMatchObject({
        status: 'confirmed',
        warningSigns: ['Cannot sleep, withdraws from friends'],
        copingStrategies: [],
        professionals: [{ name: '988 Suicide & Crisis Lifeline', contact: 'Call or text 988' }],
      });

      // Printed, only the safety plan shows.
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.safety-plan-print').isVisible()).toBe(true);
      expect(await page.locator('.app-header').isVisible()).toBe(false);
      expect(await page.getByRole('heading', { name: 'Informed consent' }).isVisible()).toBe(false);
      await page.emulateMedia({ media: 'screen' });
      expect(await page.locator('.safety-plan-print').isVisible()).toBe(false);
    });
    expect(pageErrors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
    await context.close();
  });
});
