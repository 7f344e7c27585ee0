/**
 * Measurement-based care in Chromium against the BUILT app and the real server: a clinician
 * creates a client whose PHQ-9 has plateaued (16, 15, 16, 15 over six weeks, seeded through the
 * API), sends a PHQ-9 link from the Outcomes screen, the client opens it in a separate browser
 * context (no cookies, no sign-in) and answers with item 9 = 2; the client sees the crisis
 * resources; the clinician's alert banner shows the urgent alert (by polling), the chart has the
 * new point, the "Consider adapting the plan" prompt is there, and the clinician acknowledges the
 * alert. The used link then says so. Also accessibility checks of the questionnaire page in the
 * style of accessibility.test.ts (names, groups, one h1, lang, errors tied to the radios, focus).
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { collectPageErrors, screenshotOnFailure, useAppWithBrowser } from './browser.js';
import {
  ApiClient,
  createClient,
  expectStatus,
  makeUser,
  signedInApi,
  type TestUser,
} from './harness.js';
import { signIn, totpNow, unnamedControls } from './page-helpers.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** PHQ-9 answers (item 9 last) with these totals and item 9 = 0. */
const PHQ9_16 = [2, 2, 2, 2, 2, 2, 2, 2, 0];
const PHQ9_15 = [2, 2, 2, 2, 2, 2, 2, 1, 0];
/** The client's answers through the link: total 16, item 9 = 2 ("More than half the days"). */
const CLIENT_ANSWERS = [2, 2, 2, 2, 2, 2, 1, 1, 2];

/** Creates a PHQ-9 link through the API (for the checks that do not need the Outcomes screen). */
async function linkThroughApi(api: ApiClient, clientId: string): Promise<string> {
  const { url } = expectStatus(
    await api.request<{ url: string }>('POST', `/api/clients/${clientId}/measure-links`, {
      instruments: ['phq9'],
    }),
    201,
    'create a link',
  );
  return url;
}

/** A fresh browser context (no cookies, nobody signed in) on the client's link. */
async function openAsClient(browser: Browser, baseURL: string) {
  const context = await browser.newContext({ baseURL, viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  return { context, page };
}

/** Answers the nine PHQ-9 questions on the client's page. */
async function answerPhq9(page: Page, answers: readonly number[]): Promise<void> {
  for (let i = 0; i < answers.length; i++) {
    const group = page.getByRole('group', { name: new RegExp(`^Question ${i + 1} of 9`) });
    await group
      .getByRole('radio')
      .nth(answers[i] ?? 0)
      .check();
  }
}

describe('measurement-based care in Chromium (built app, real server)', () => {
  const clinician: TestUser = makeUser('clinician');
  const admin: TestUser = makeUser('admin');
  const app = useAppWithBrowser({ users: [clinician, admin] });

  it('PHQ-9 link → client answers item 9 = 2 → crisis resources; clinician: alert banner, new point, plateau prompt, acknowledge; the used link says so', async () => {
    const api = new ApiClient(app.server.url);
    await api.login(clinician.email, clinician.password);
    const context = await app.browser.newContext({ baseURL: app.server.url });
    const page = await context.newPage();
    const pageErrors = collectPageErrors(page);

    let linkUrl = '';
    let clientId = '';
    await screenshotOnFailure(page, 'measures-clinician-before', async () => {
      await signIn(page, clinician);
      await page.getByRole('button', { name: 'New client' }).click();
      await page.getByLabel('Name', { exact: true }).fill('Rowan Example');
      await page.getByRole('button', { name: 'Save client' }).click();
      await page.getByRole('heading', { name: 'Rowan Example', level: 1 }).waitFor();
      clientId = /#\/clients\/([^/]+)$/.exec(page.url())?.[1] ?? '';
      expect(clientId).not.toBe('');

      // A plateau: 16, 15, 16, 15 over six weeks (entered by the clinician, through the API).
      const now = Date.now();
      const seeded: [number[], number][] = [
        [PHQ9_16, 42],
        [PHQ9_15, 28],
        [PHQ9_16, 14],
        [PHQ9_15, 3],
      ];
      for (const [answers, daysAgo] of seeded) {
        expectStatus(
          await api.request('POST', `/api/clients/${clientId}/measures`, {
            instrument: 'phq9',
            answers,
            administeredAt: new Date(now - daysAgo * DAY_MS).toISOString(),
          }),
          201,
          'seed a PHQ-9',
        );
      }

      // The Outcomes screen: send a PHQ-9 link (PHQ-9 is picked by default) and read it.
      await page.goto(`/#/clients/${clientId}/outcomes`);
      await page.getByRole('heading', { name: 'Outcomes', level: 1 }).waitFor();
      await page.getByRole('img', { name: /PHQ-9 score chart: 4 administrations/ }).waitFor();
      await page.getByRole('checkbox', { name: /^PHQ-9/ }).check();
      await page.getByRole('button', { name: 'Send link' }).click();
      const linkBox = page.getByRole('textbox', { name: /link/i });
      await linkBox.waitFor();
      linkUrl = await linkBox.inputValue();
      expect(linkUrl).toMatch(/\/respond#[A-Za-z0-9_-]{20,}$/);
      expect(new URL(linkUrl).origin).toBe(app.server.url);
      // No urgent alert yet.
      expect(await page.locator('.alert-banner').count()).toBe(0);
    });

    // The client, in a browser with no session: the link, then the answers.
    const client = await openAsClient(app.browser, app.server.url);
    const clientErrors = collectPageErrors(client.page);
    const requested: string[] = [];
    client.page.on('request', (r) => requested.push(r.url()));
    await screenshotOnFailure(client.page, 'measures-client', async () => {
      const res = await client.page.goto(linkUrl);
      expect(res?.headers()['cache-control']).toBe('no-store');
      expect(res?.headers()['referrer-policy']).toBe('no-referrer');
      await client.page.getByRole('heading', { name: 'Your questionnaire', level: 1 }).waitFor();
      // The token left the address bar at once; the page names the practice, never the client.
      expect(client.page.url()).toBe(`${app.server.url}/respond`);
      expect(await client.page.locator('body').textContent()).not.toContain('Rowan');

      expect(await client.page.getByRole('radio').count()).toBe(9 * 4);
      await answerPhq9(client.page, CLIENT_ANSWERS);
      await expect
        .poll(() => client.page.locator('.respond-progress').textContent())
        .toBe('9 of 9 questions answered');
      await client.page.getByRole('button', { name: 'Send my answers' }).click();
      await client.page.getByRole('heading', { name: 'Thank you', level: 1 }).waitFor();

      // Crisis resources, prominent and actionable; the clinician has been told.
      const crisis = client.page.getByRole('alert');
      await crisis.getByRole('heading', { name: /help is available now/ }).waitFor();
      expect(await crisis.getByRole('link', { name: 'Call 988' }).getAttribute('href')).toBe(
        'tel:988',
      );
      expect(await crisis.getByRole('link', { name: 'Text 988' }).getAttribute('href')).toBe(
        'sms:988',
      );
      expect(await crisis.getByRole('link', { name: 'Call 911' }).getAttribute('href')).toBe(
        'tel:911',
      );
      expect(await crisis.textContent()).toMatch(/clinician has been told/);
    });
    // The page called only the public routes, never with the token in a URL, loaded no app
    // bundle, and set no cookie.
    const token = linkUrl.split('#')[1] ?? '';
    const paths = requested.map((u) => new URL(u).pathname);
    expect(new Set(paths.filter((p) => p.startsWith('/api/')))).toEqual(
      new Set(['/api/respond/open', '/api/respond/submit']),
    );
    expect(token.length).toBeGreaterThan(20);
    // (Playwright reports the navigation with its fragment; the fragment is never sent.)
    expect(requested.filter((u) => (u.split('#')[0] ?? '').includes(token))).toEqual([]);
    expect(paths.some((p) => /^\/assets\/app-/.test(p))).toBe(false);
    const scripts = paths.filter((p) => p.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) {
      const code = await (await fetch(app.server.url + script)).text();
      expect(code, `${script} holds no clinician app code`).not.toContain('/api/auth/login');
    }
    expect(await client.context.cookies()).toEqual([]);
    expect(clientErrors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
    await client.context.close();

    // Back as the clinician: the banner appears by itself (it polls), then the chart and prompt.
    await screenshotOnFailure(page, 'measures-clinician-after', async () => {
      const banner = page.getByRole('region', { name: /urgent alert/ });
      await banner.waitFor({ timeout: 40_000 });
      const urgent = banner.getByRole('alert');
      await expect.poll(() => urgent.textContent()).toContain('Rowan Example');
      expect(await urgent.textContent()).toContain('PHQ-9 question 9');
      const open = urgent.getByRole('link', { name: /Open safety assessment/ });
      expect(await open.getAttribute('href')).toBe(`#/clients/${clientId}/safety`);

      await page.reload();
      await page.getByRole('heading', { name: 'Outcomes', level: 1 }).waitFor();
      await page.getByRole('img', { name: /PHQ-9 score chart: 5 administrations/ }).waitFor();
      await page.getByText('PHQ-9 scores as a table').click();
      const rows = page.locator('.chart-table tbody tr');
      await expect.poll(() => rows.count()).toBe(5);
      expect(await rows.last().textContent()).toContain('16');
      expect(await rows.last().textContent()).toContain('Item alert');
      await page.getByRole('heading', { name: 'Consider adapting the plan' }).waitFor();

      // Acknowledge: the banner goes, and the server has no open alert left.
      await page
        .getByRole('region', { name: /urgent alert/ })
        .getByRole('button', { name: /^Acknowledge/ })
        .click();
      await expect.poll(() => page.locator('.alert-banner').count()).toBe(0);
      const { alerts } = expectStatus(
        await api.request<{ alerts: unknown[] }>('GET', '/api/alerts?status=open'),
        200,
        'open alerts',
      );
      expect(alerts).toEqual([]);
      // The client's name never reached the address bar.
      expect(page.url()).not.toMatch(/Rowan/);
    });
    expect(pageErrors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
    await context.close();

    // The used link: one friendly message, nothing else.
    const again = await openAsClient(app.browser, app.server.url);
    await screenshotOnFailure(again.page, 'measures-used-link', async () => {
      await again.page.goto(linkUrl);
      await again.page
        .getByRole('heading', { name: 'This link no longer works', level: 1 })
        .waitFor();
      expect(await again.page.locator('main').textContent()).toContain(
        'This link has expired or was already used; ask your clinician for a new one.',
      );
      expect(await again.page.getByRole('radio').count()).toBe(0);
    });
    await again.context.close();
  });

  it('the questionnaire page: lang, one h1, named controls and groups, missing answers tied to their radios, keyboard focus', async () => {
    const api = await signedInApi(app.server.url, clinician);
    const client = await createClient(api, { name: 'Sol Example' });
    const url = await linkThroughApi(api, client.id);
    const { context, page } = await openAsClient(app.browser, app.server.url);
    await screenshotOnFailure(page, 'measures-respond-accessibility', async () => {
      await page.goto(url);
      await page.getByRole('heading', { name: 'Your questionnaire', level: 1 }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      expect(await page.locator('meta[name=viewport]').getAttribute('content')).toContain(
        'width=device-width',
      );
      expect(await page.locator('h1').count()).toBe(1);
      expect(await unnamedControls(page)).toEqual([]);
      // Nine groups, each named "Question X of 9 …", each with four named radios.
      for (let i = 1; i <= 9; i++) {
        const group = page.getByRole('group', { name: new RegExp(`^Question ${i} of 9 \\S`) });
        expect(await group.count()).toBe(1);
        expect(await group.getByRole('radio', { name: 'Not at all' }).count()).toBe(1);
        expect(await group.getByRole('radio', { name: 'Nearly every day' }).count()).toBe(1);
      }
      // Large tap targets: each answer's label is at least 44px high.
      const box = await page.locator('.respond-option').first().boundingBox();
      expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);

      // Keyboard: Tab reaches the first answer, with a visible focus ring; Space picks it.
      await page.locator('body').focus();
      let reached = false;
      for (let tabs = 0; tabs < 10 && !reached; tabs++) {
        await page.keyboard.press('Tab');
        reached = (await page.locator('input[type=radio]:focus').count()) > 0;
      }
      expect(reached, 'an answer is reachable with Tab').toBe(true);
      // (Expressions as strings: this tsconfig has no DOM types.)
      const ring = await page.evaluate<string>(
        `getComputedStyle(document.querySelector('.respond-option:has(input:focus)')).outlineStyle`,
      );
      expect(ring).not.toBe('none');
      await page.keyboard.press('Space');
      expect(await page.locator('input[type=radio]:checked').count()).toBe(1);

      // Sending with 8 unanswered: a summary says which, and each question says so, tied by
      // aria-describedby to its radios (not by colour alone).
      await page.getByRole('button', { name: 'Send my answers' }).click();
      const summary = page.getByRole('alert').filter({ hasText: 'have no answers yet' });
      await summary.waitFor();
      expect(await summary.textContent()).toContain('Questions 2, 3, 4, 5, 6, 7, 8 and 9');
      expect(await page.evaluate<string>('document.activeElement.className')).toContain(
        'respond-summary',
      );
      const q2 = page.getByRole('group', { name: /^Question 2 of 9/ });
      const radio = q2.getByRole('radio').first();
      const describedBy = (await radio.getAttribute('aria-describedby')) ?? '';
      expect(describedBy).not.toBe('');
      expect(await page.locator(`[id="${describedBy}"]`).textContent()).toContain(
        'Not answered yet',
      );
      expect(await radio.getAttribute('aria-invalid')).toBe('true');
      expect(
        await page
          .getByRole('group', { name: /^Question 1 of 9/ })
          .getByRole('radio')
          .first()
          .getAttribute('aria-describedby'),
      ).toBeNull();
      // "Go to question 2" takes the keyboard there.
      await summary.getByRole('button', { name: /^Go to question 2/ }).click();
      expect(await q2.locator('input:focus').count()).toBe(1);
      expect(await unnamedControls(page)).toEqual([]);
    });
    await context.close();
  });

  it('sending fails after item 9 was answered above "Not at all": the crisis resources show at once, saying the answers were not sent', async () => {
    const api = await signedInApi(app.server.url, clinician);
    const client = await createClient(api, { name: 'Ari Example' });
    const url = await linkThroughApi(api, client.id);
    const { context, page } = await openAsClient(app.browser, app.server.url);
    await screenshotOnFailure(page, 'measures-respond-unsent-crisis', async () => {
      await page.goto(url);
      await page.getByRole('heading', { name: 'Your questionnaire', level: 1 }).waitFor();
      const crisis = page.locator('.respond-crisis');
      // No connection, item 9 = 0: the error, no crisis resources.
      await page.route('**/api/respond/submit', (route) => route.abort());
      await answerPhq9(page, PHQ9_15);
      await page.getByRole('button', { name: 'Send my answers' }).click();
      await page.getByRole('alert').filter({ hasText: 'No connection' }).waitFor();
      expect(await crisis.count()).toBe(0);
      // Item 9 = 2 and still no connection: the crisis resources, saying nothing was sent.
      await answerPhq9(page, CLIENT_ANSWERS);
      await page.getByRole('button', { name: 'Send my answers' }).click();
      await crisis.waitFor();
      expect(await crisis.getAttribute('role')).toBe('alert');
      const text = (await crisis.textContent()) ?? '';
      expect(text).toContain('Your answers could not be sent');
      expect(text).toContain('If you are thinking about harming yourself, help is available now');
      expect(text).not.toContain('Your clinician has been told');
      expect(await crisis.getByRole('link', { name: 'Call 988' }).count()).toBe(1);
      expect(await page.getByRole('radio', { checked: true }).count()).toBe(9);
      // The link stops working meanwhile (revoked): the page says so, and keeps the resources.
      await page.unroute('**/api/respond/submit');
      const { links } = expectStatus(
        await api.request<{ links: { id: string }[] }>(
          'GET',
          `/api/clients/${client.id}/measure-links`,
        ),
        200,
        'list links',
      );
      expectStatus(
        await api.request('POST', `/api/measure-links/${links[0]?.id ?? '-'}/revoke`),
        200,
        'revoke',
      );
      await page.getByRole('button', { name: 'Send my answers' }).click();
      await page.getByRole('heading', { name: 'This link no longer works', level: 1 }).waitFor();
      expect(await crisis.textContent()).toContain('Your answers could not be sent');
      expect(await unnamedControls(page)).toEqual([]);
    });
    await context.close();
  });

  it('an address without the code, or with a broken one, explains what to do', async () => {
    const context = await app.browser.newContext({ baseURL: app.server.url });
    const page = await context.newPage();
    await screenshotOnFailure(page, 'measures-respond-no-token', async () => {
      await page.goto('/respond');
      await page
        .getByRole('heading', { name: 'Open the link from your message', level: 1 })
        .waitFor();
      await page.goto('/respond#abc');
      await page.getByRole('heading', { name: 'This link is not complete', level: 1 }).waitFor();
      expect(page.url()).toBe(`${app.server.url}/respond`);
    });
    await context.close();
  });
  it("an administrator's crisis resources (edited in Settings) are what the client sees", async () => {
    const context = await app.browser.newContext({ baseURL: app.server.url });
    const page = await context.newPage();
    await screenshotOnFailure(page, 'measures-crisis-settings', async () => {
      // Administrators enrol two-step sign-in first (as in first-run.test.ts).
      await page.goto('/');
      await page.getByLabel('Email').fill(admin.email);
      await page.getByLabel('Password').fill(admin.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Set up two-step sign-in', level: 1 }).waitFor();
      await page.getByLabel('Your current password').fill(admin.password);
      await page.getByRole('button', { name: 'Set up two-step sign-in' }).click();
      const secret = (await page.getByTestId('totp-secret').textContent())?.replace(/\s+/g, '');
      await page.getByLabel('Code from the app').fill(totpNow(secret ?? ''));
      await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
      await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
      // No alert banner for administrators (they see no clinical records).
      expect(await page.locator('.alert-banner').count()).toBe(0);

      await page.goto('/#/settings');
      await page.getByRole('heading', { name: 'Practice settings', level: 1 }).waitFor();
      const crisis = page.getByRole('group', { name: 'Crisis resources (shown to clients)' });
      await crisis.waitFor();
      expect(await crisis.getByRole('group', { name: /^Crisis line \d+$/ }).count()).toBe(3);
      await crisis.getByRole('button', { name: 'Remove crisis line 3' }).click();
      await crisis.getByRole('button', { name: 'Remove crisis line 2' }).click();
      expect(await crisis.getByRole('button', { name: 'Remove crisis line 1' }).isDisabled()).toBe(
        true,
      );
      await crisis.getByRole('textbox', { name: 'Heading' }).fill('Help is here, right now');
      await crisis.getByRole('textbox', { name: 'Service (line 1)' }).fill('Samaritans');
      const contact = crisis.getByRole('textbox', { name: 'How to reach it (line 1)' });
      await contact.fill('');
      await crisis.getByRole('textbox', { name: 'Note' }).fill('');

      // An empty contact is refused, and the message is on that field.
      await page.getByRole('button', { name: 'Save settings' }).click();
      await expect.poll(() => contact.getAttribute('aria-invalid')).toBe('true');
      const describedBy = (await contact.getAttribute('aria-describedby')) ?? '';
      expect(describedBy).toMatch(/error/);

      await contact.fill('Call 116 123');
      await page.getByRole('button', { name: 'Save settings' }).click();
      await expect.poll(() => page.locator('.save-status').textContent()).toBe('Settings saved.');
    });
    await context.close();

    // A client answering item 9 above 0 sees the practice's own resources.
    const api = await signedInApi(app.server.url, clinician);
    const client = await createClient(api, { name: 'Kit Example' });
    const url = await linkThroughApi(api, client.id);
    const asClient = await openAsClient(app.browser, app.server.url);
    await screenshotOnFailure(asClient.page, 'measures-crisis-client', async () => {
      await asClient.page.goto(url);
      await asClient.page.getByRole('heading', { name: 'Your questionnaire', level: 1 }).waitFor();
      await answerPhq9(asClient.page, [0, 0, 0, 0, 0, 0, 0, 0, 1]);
      await asClient.page.getByRole('button', { name: 'Send my answers' }).click();
      const alert = asClient.page.getByRole('alert');
      await alert.getByRole('heading', { name: 'Help is here, right now' }).waitFor();
      expect(await alert.getByRole('link', { name: 'Call 116 123' }).getAttribute('href')).toBe(
        'tel:116123',
      );
      expect(await alert.getByRole('link').count()).toBe(1);
      // The practice's note was cleared: the page still says the clinician was told.
      expect(await alert.textContent()).toContain(
        'Your clinician has been told about your answers.',
      );
    });
    await asClient.context.close();
  });
});
