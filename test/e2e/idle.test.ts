/**
 * Idle sign-out in Chromium, on the BUILT app against the real server: the page's clock is
 * Playwright's fake one, so 28 and 30 minutes pass in an instant. The server's own idle clock is
 * real time and cannot be moved, so what is checked there is what the web app did about it: it
 * signed out (POST /api/auth/logout), and the server refuses the old session cookie afterwards.
 */
import type { BrowserContext, Page, Request, Response } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { collectPageErrors, screenshotOnFailure, useAppWithBrowser } from './browser.js';
import { ApiClient, expectStatus, makeUser, type TestUser } from './harness.js';
import { signIn } from './page-helpers.js';

const SESSION_COOKIE = '__Host-docscrib_session';
const WARNING = 'You will be signed out in 2 minutes';
const IDLE_NOTICE = 'You were signed out after 30 minutes without activity.';

function isSessionCheck(r: Response): boolean {
  return r.request().method() === 'GET' && new URL(r.url()).pathname === '/api/auth/session';
}

/** `GET /api/auth/session` with exactly this cookie (no browser, no CSRF token): the status. */
async function sessionStatus(baseUrl: string, cookie: string): Promise<number> {
  const res = await fetch(`${baseUrl}/api/auth/session`, {
    headers: { accept: 'application/json', cookie },
    signal: AbortSignal.timeout(10_000),
  });
  await res.arrayBuffer();
  return res.status;
}

async function sessionCookie(context: BrowserContext, baseUrl: string): Promise<string> {
  const cookie = (await context.cookies(baseUrl)).find((c) => c.name === SESSION_COOKIE);
  if (!cookie) throw new Error('the browser holds no session cookie');
  return `${cookie.name}=${cookie.value}`;
}

/** Opens the client from the Clients list (real requests: they fail if the session is over). */
async function openClient(page: Page, name: string): Promise<void> {
  await page.getByRole('link', { name }).click();
  await page.getByRole('heading', { name, level: 1 }).waitFor();
}

describe('idle sign-out in Chromium (built app, real server, fake page clock)', () => {
  const clinician: TestUser = makeUser('clinician');
  const app = useAppWithBrowser({ users: [clinician] });

  it('warns at 28 minutes, "Stay signed in" keeps the session, 30 idle minutes sign out', async () => {
    const clientName = `Idle Example ${Math.random().toString(36).slice(2, 8)}`;
    const api = new ApiClient(app.server.url);
    await api.login(clinician.email, clinician.password);
    expectStatus(
      await api.request('POST', '/api/clients', { profile: { name: clientName } }),
      201,
      'create client',
    );

    const context = await app.browser.newContext({ baseURL: app.server.url });
    const page = await context.newPage();
    const pageErrors = collectPageErrors(page);
    // The page's timers and Date are Playwright's; time still flows until told otherwise.
    await page.clock.install();
    /** Every session check the page makes, with whether it said "not activity". */
    const checks: { background: boolean }[] = [];
    page.on('request', (r: Request) => {
      if (r.method() === 'GET' && new URL(r.url()).pathname === '/api/auth/session') {
        checks.push({ background: r.headers()['x-docscrib-background'] === '1' });
      }
    });

    await screenshotOnFailure(page, 'idle-sign-out', async () => {
      await signIn(page, clinician);
      await openClient(page, clientName);
      const warning = page.getByRole('alertdialog', { name: WARNING });
      expect(await warning.count()).toBe(0);

      // 28 minutes without activity (the mouse rests where nothing moves it): the warning.
      // The first minute's check reports the activity before it (signing in, opening the client).
      await page.mouse.move(0, 0);
      const firstCheck = page.waitForResponse(isSessionCheck);
      await page.clock.runFor('01:00');
      expect((await firstCheck).status()).toBe(200);
      const before = checks.length;
      await page.clock.runFor('26:50');
      expect(await warning.count(), 'no warning before 28 minutes').toBe(0);
      await page.clock.runFor('00:10');
      await warning.waitFor();
      const stay = warning.getByRole('button', { name: 'Stay signed in' });
      await expect.poll(() => page.locator(':focus').textContent()).toBe('Stay signed in');
      // The minute checks went on meanwhile, every one marked as not being activity, so an
      // unattended tab does not keep its server session alive.
      const idleChecks = checks.slice(before);
      expect(idleChecks.length).toBeGreaterThan(0);
      expect(idleChecks.every((c) => c.background)).toBe(true);
      // The client's record is still on screen under the dialog.
      expect(await page.getByRole('heading', { name: clientName, level: 1 }).count()).toBe(1);

      // "Stay signed in": the dialog closes and the app asks the server as activity.
      const [stayCheck] = await Promise.all([
        page.waitForResponse(
          (r) => isSessionCheck(r) && r.request().headers()['x-docscrib-background'] === undefined,
        ),
        stay.click(),
      ]);
      expect(stayCheck.status()).toBe(200);
      await expect.poll(() => warning.count()).toBe(0);

      // The session still works: the list and the record load again from the server.
      await page.getByRole('link', { name: 'Clients', exact: true }).click();
      await page.getByRole('heading', { name: 'Clients', level: 1 }).waitFor();
      await openClient(page, clientName);
      const cookie = await sessionCookie(context, app.server.url);
      expect(await sessionStatus(app.server.url, cookie)).toBe(200);

      // 30 minutes without activity: signed out, with the reason on the sign-in screen.
      await page.mouse.move(0, 0);
      const loggedOut = page.waitForResponse(
        (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/auth/logout',
      );
      await page.clock.runFor('29:50');
      // Warned again, and still signed in until the 30 minutes are up.
      await warning.waitFor();
      expect(await page.getByRole('heading', { name: clientName, level: 1 }).count()).toBe(1);
      await page.clock.runFor('00:10');
      await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
      await expect
        .poll(() => page.getByRole('status').filter({ hasText: IDLE_NOTICE }).count())
        .toBe(1);
      expect((await loggedOut).status()).toBe(204);
      expect(await warning.count()).toBe(0);

      // Nothing of the client's record is left in the page.
      expect(await page.content()).not.toContain(clientName);
      // The server ended that session: the old cookie is refused, by itself and in the browser.
      expect(await sessionStatus(app.server.url, cookie)).toBe(401);
      expect((await context.request.get('/api/auth/session')).status()).toBe(401);
    });
    expect(pageErrors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
    await context.close();
  });
});
