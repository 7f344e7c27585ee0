/**
 * First run in Chromium: a fresh data dir shows the create-administrator screen; creating the
 * administrator leads straight to the compulsory two-step sign-in enrolment, which works with a
 * code computed from the key shown; the administrator then sets the practice's name and NPI (a
 * refused NPI named at its field; the header shows the saved name); signing in again then asks
 * for a code.
 */
import { describe, expect, it } from 'vitest';
import { collectPageErrors, screenshotOnFailure, useAppWithBrowser } from './browser.js';
import { ApiClient, makeUser } from './harness.js';
import { totpNow } from './page-helpers.js';

describe('first run in Chromium (fresh data dir)', () => {
  const app = useAppWithBrowser();

  it('creates the administrator, then requires and completes MFA enrolment', async () => {
    const admin = makeUser('admin');
    const context = await app.browser.newContext({ baseURL: app.server.url });
    const page = await context.newPage();
    const pageErrors = collectPageErrors(page);

    await screenshotOnFailure(page, 'first-run', async () => {
      await page.goto('/');
      await page.getByRole('heading', { name: 'Create the administrator', level: 1 }).waitFor();
      await page.getByLabel('Name').fill(admin.name);
      await page.getByLabel('Email').fill(admin.email);
      await page.getByLabel('Password', { exact: true }).fill(admin.password);
      await page.getByLabel('Repeat the password').fill(admin.password);
      await page.getByRole('button', { name: 'Create administrator' }).click();

      // MFA enrolment is shown at once, and nothing else is reachable before it is done.
      await page.getByRole('heading', { name: 'Set up two-step sign-in', level: 1 }).waitFor();
      await page.goto('/#/users');
      await page.getByRole('heading', { name: 'Set up two-step sign-in', level: 1 }).waitFor();
      // Enrolment asks for the password again first.
      await page.getByLabel('Your current password').fill(admin.password);
      await page.getByRole('button', { name: 'Set up two-step sign-in' }).click();
      const secret = (await page.getByTestId('totp-secret').textContent())?.replace(/\s+/g, '');
      expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
      expect(await page.getByTestId('totp-uri').textContent()).toMatch(/^otpauth:\/\/totp\//);
      await page.getByLabel('Code from the app').fill(totpNow(secret ?? ''));
      await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
      // Enrolled: the administrator's home (users) opens.
      await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();

      // Practice settings: a refused NPI is named at its field; a good one saves, and the
      // header shows the practice's new name.
      const header = page.getByRole('banner');
      await header.getByText('DocScrib practice').waitFor();
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Settings' })
        .click();
      await page.getByRole('heading', { name: 'Practice settings', level: 1 }).waitFor();
      await page.getByLabel('Practice name').fill('Harbourview Counselling');
      const npi = page.getByLabel('NPI');
      await npi.fill('1234567890');
      await page.getByRole('button', { name: 'Save settings' }).click();
      await page.getByText('Is not a valid NPI (its check digit does not match).').waitFor();
      expect(await npi.getAttribute('aria-invalid')).toBe('true');
      await npi.fill('1234567893');
      await page.getByRole('button', { name: 'Save settings' }).click();
      await page.getByRole('status').filter({ hasText: 'Settings saved.' }).first().waitFor();
      await header.getByText('Harbourview Counselling').waitFor();

      // The first-run screen is gone for good: the server says setup is done.
      const setup = await new ApiClient(app.server.url).request<{ needsSetup: boolean }>(
        'GET',
        '/api/setup',
      );
      expect(setup.body).toEqual({ needsSetup: false });

      // Signing in again (a new browser context) needs the authenticator code.
      const second = await app.browser.newContext({ baseURL: app.server.url });
      const again = await second.newPage();
      await again.goto('/');
      await again.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
      await again.getByLabel('Email').fill(admin.email);
      await again.getByLabel('Password').fill(admin.password);
      await again.getByRole('button', { name: 'Sign in' }).click();
      const code = again.getByLabel('Authentication code');
      await code.waitFor();
      expect(await again.getByRole('heading', { name: 'Users' }).count()).toBe(0);
      await second.close();
    });
    expect(pageErrors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
    await context.close();
  });
});
